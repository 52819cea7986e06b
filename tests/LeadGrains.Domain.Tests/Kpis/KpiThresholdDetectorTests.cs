using LeadGrains.Domain.Kpis;
using static LeadGrains.Domain.Tests.Targets;
using static LeadGrains.Domain.Tests.Zones;

namespace LeadGrains.Domain.Tests;

public class KpiThresholdDetectorTests
{
    private static readonly KpiTarget Meetings = January(value: 310);
    private static readonly KpiTarget OpenRate = January("email.open_rate", 0.25, floor: 0.1) with { Id = "t-2" };

    private static KpiStatus S(KpiTarget target, double? value, int day, int month = 1) =>
        KpiProgress.Evaluate(target, new KpiValue(value), D(2025, month, day));

    [Fact]
    public void A_first_status_on_pace_and_below_target_publishes_nothing()
    {
        var events = KpiThresholdDetector.Detect(null, S(Meetings, 10, 1));

        Assert.Empty(events);
    }

    [Fact]
    public void Reaching_the_target_publishes_exactly_one_event()
    {
        var events = KpiThresholdDetector.Detect(S(Meetings, 300, 29), S(Meetings, 310, 30));

        var e = Assert.Single(events);
        Assert.Equal(KpiThresholdKind.TargetReached, e.Kind);
        Assert.Equal((310.0, 310.0), (e.Value!.Value, e.Target));
        Assert.Equal("funnel.meetings reached its target: 310 >= 310", e.Cause);
    }

    [Fact]
    public void The_same_status_twice_publishes_nothing()
    {
        var status = S(Meetings, 310, 30);

        Assert.Empty(KpiThresholdDetector.Detect(status, status));
    }

    [Fact]
    public void Staying_above_the_target_publishes_nothing_more()
    {
        var events = KpiThresholdDetector.Detect(S(Meetings, 310, 30), S(Meetings, 320, 31));

        Assert.Empty(events);
    }

    [Fact]
    public void A_series_of_statuses_publishes_one_event_per_crossing()
    {
        // Open rate: 0.30 (reached), 0.26, 0.20 (lost), 0.22, 0.27 (reached again).
        var statuses = new[] { 0.30, 0.26, 0.20, 0.22, 0.27 }.Select((v, i) => S(OpenRate, v, i + 1)).ToList();

        var kinds = statuses.Select((s, i) => KpiThresholdDetector.Detect(i == 0 ? null : statuses[i - 1], s))
            .SelectMany(e => e)
            .Select(e => e.Kind);

        Assert.Equal([KpiThresholdKind.TargetReached, KpiThresholdKind.TargetLost, KpiThresholdKind.TargetReached], kinds);
    }

    [Fact]
    public void Falling_behind_pace_publishes_one_event_with_the_projection()
    {
        var events = KpiThresholdDetector.Detect(S(Meetings, 100, 10), S(Meetings, 100, 11));

        var e = Assert.Single(events);
        Assert.Equal(KpiThresholdKind.FellBehindPace, e.Kind);
        Assert.Equal(100.0 * 31 / 11, e.Projected);
    }

    [Fact]
    public void Staying_behind_pace_publishes_nothing_more()
    {
        var events = KpiThresholdDetector.Detect(S(Meetings, 100, 11), S(Meetings, 105, 12));

        Assert.Empty(events);
    }

    [Fact]
    public void Catching_up_publishes_one_recovered_pace_event()
    {
        var events = KpiThresholdDetector.Detect(S(Meetings, 100, 11), S(Meetings, 120, 12));

        Assert.Equal(KpiThresholdKind.RecoveredPace, Assert.Single(events).Kind);
    }

    [Fact]
    public void A_first_status_already_behind_pace_publishes_one_event()
    {
        var events = KpiThresholdDetector.Detect(null, S(Meetings, 1, 10));

        Assert.Equal(KpiThresholdKind.FellBehindPace, Assert.Single(events).Kind);
    }

    [Fact]
    public void A_rate_falling_below_its_floor_publishes_one_event_and_recovering_another()
    {
        var fell = KpiThresholdDetector.Detect(S(OpenRate, 0.12, 1), S(OpenRate, 0.08, 2));
        var still = KpiThresholdDetector.Detect(S(OpenRate, 0.08, 2), S(OpenRate, 0.05, 3));
        var back = KpiThresholdDetector.Detect(S(OpenRate, 0.05, 3), S(OpenRate, 0.15, 4));

        Assert.Equal(KpiThresholdKind.FellBelowFloor, Assert.Single(fell).Kind);
        Assert.Empty(still);
        Assert.Equal(KpiThresholdKind.RecoveredAboveFloor, Assert.Single(back).Kind);
    }

    [Fact]
    public void Passing_the_deadline_short_of_the_target_publishes_one_missed_event_and_no_recovery()
    {
        var lastDay = S(Meetings, 300, 31);
        var after = S(Meetings, 300, 1, month: 2);

        var events = KpiThresholdDetector.Detect(lastDay, after);
        var dayAfter = KpiThresholdDetector.Detect(after, S(Meetings, 300, 2, month: 2));

        Assert.Equal(PaceStatus.Behind, lastDay.Pace);
        Assert.Equal(KpiThresholdKind.TargetMissed, Assert.Single(events).Kind);
        Assert.Empty(dayAfter);
    }

    [Fact]
    public void An_at_most_count_holds_from_the_start_without_an_event_and_publishes_one_when_exceeded()
    {
        var limit = January("email.unsubscribes", 31);

        var first = KpiThresholdDetector.Detect(null, S(limit, 0, 1));
        var exceeded = KpiThresholdDetector.Detect(S(limit, 31, 29), S(limit, 32, 30));

        Assert.Empty(first);
        Assert.Equal(KpiThresholdKind.TargetLost, Assert.Single(exceeded).Kind);
    }

    [Fact]
    public void Statuses_of_different_targets_cannot_be_compared()
    {
        Assert.Throws<ArgumentException>(() => KpiThresholdDetector.Detect(S(Meetings, 1, 1), S(OpenRate, 0.3, 1)));
    }

    [Fact]
    public void Threshold_kinds_have_snake_case_names()
    {
        Assert.Equal("fell_behind_pace", KpiThresholdKind.FellBehindPace.Name());
    }
}
