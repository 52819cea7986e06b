using LeadGrains.Domain.Kpis;
using static LeadGrains.Domain.Tests.Targets;
using static LeadGrains.Domain.Tests.Zones;

namespace LeadGrains.Domain.Tests;

public class KpiProgressTests
{
    [Fact]
    public void Ninety_meetings_in_the_first_10_of_31_days_project_to_279()
    {
        var status = KpiProgress.Evaluate(January(value: 310), new KpiValue(90), D(2025, 1, 10));

        Assert.Equal(279, status.Projected);
        Assert.Equal(PaceStatus.Behind, status.Pace);
    }

    [Fact]
    public void A_projection_exactly_on_the_target_is_on_pace()
    {
        var status = KpiProgress.Evaluate(January(value: 310), new KpiValue(100), D(2025, 1, 10));

        Assert.Equal(310, status.Projected);
        Assert.Equal(PaceStatus.OnPace, status.Pace);
    }

    [Fact]
    public void The_needed_daily_rate_spreads_the_rest_over_the_remaining_days()
    {
        var status = KpiProgress.Evaluate(January(value: 310), new KpiValue(100), D(2025, 1, 10));

        Assert.Equal(210.0 / 21, status.NeededPerDay!.Value, 9);
    }

    [Fact]
    public void The_first_day_counts_as_elapsed()
    {
        var status = KpiProgress.Evaluate(January(value: 310), new KpiValue(5), D(2025, 1, 1));

        Assert.Equal(155, status.Projected);
    }

    [Fact]
    public void Attainment_is_value_over_target()
    {
        var status = KpiProgress.Evaluate(January(value: 200), new KpiValue(50), D(2025, 1, 10));

        Assert.Equal(0.25, status.Attainment);
        Assert.False(status.OnTarget);
    }

    [Fact]
    public void Reaching_the_value_puts_the_target_on_target()
    {
        var status = KpiProgress.Evaluate(January(value: 200), new KpiValue(200), D(2025, 1, 20));

        Assert.True(status.OnTarget);
        Assert.Equal(PaceStatus.OnPace, status.Pace);
    }

    [Fact]
    public void A_rate_is_compared_as_it_is_without_projection()
    {
        var status = KpiProgress.Evaluate(January("email.open_rate", 0.25), new KpiValue(0.3, 30, 100), D(2025, 1, 10));

        Assert.True(status.OnTarget);
        Assert.Equal(PaceStatus.NotApplicable, status.Pace);
        Assert.Null(status.Projected);
    }

    [Fact]
    public void A_rate_with_no_value_is_not_on_target_and_has_no_attainment()
    {
        var status = KpiProgress.Evaluate(January("email.open_rate", 0.25), new KpiValue(null, 0, 0), D(2025, 1, 10));

        Assert.False(status.OnTarget);
        Assert.Null(status.Attainment);
    }

    [Fact]
    public void A_rate_below_its_floor_is_flagged()
    {
        var status = KpiProgress.Evaluate(January("email.open_rate", 0.25, floor: 0.1), new KpiValue(0.08, 8, 100), D(2025, 1, 10));

        Assert.True(status.BelowFloor);
    }

    [Fact]
    public void An_at_most_count_projected_over_its_limit_is_behind_pace()
    {
        var target = January("email.unsubscribes", 31);

        var status = KpiProgress.Evaluate(target, new KpiValue(20), D(2025, 1, 10));

        Assert.Equal(TargetDirection.AtMost, target.Direction);
        Assert.True(status.OnTarget);
        Assert.Equal(62, status.Projected);
        Assert.Equal(PaceStatus.Behind, status.Pace);
    }

    [Fact]
    public void Pace_does_not_apply_before_the_start()
    {
        var status = KpiProgress.Evaluate(January(), new KpiValue(0), D(2024, 12, 31));

        Assert.Equal(PaceStatus.NotApplicable, status.Pace);
    }

    [Fact]
    public void After_the_deadline_a_target_not_reached_is_missed()
    {
        var status = KpiProgress.Evaluate(January(value: 310), new KpiValue(300), D(2025, 2, 1));

        Assert.True(status.Missed);
        Assert.Equal(PaceStatus.NotApplicable, status.Pace);
    }

    [Fact]
    public void On_the_deadline_day_the_target_is_not_yet_missed()
    {
        var status = KpiProgress.Evaluate(January(value: 310), new KpiValue(300), D(2025, 1, 31));

        Assert.False(status.Missed);
        Assert.Equal(PaceStatus.Behind, status.Pace);
    }
}
