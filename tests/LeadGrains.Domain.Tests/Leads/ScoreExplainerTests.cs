using LeadGrains.Domain.Events;
using LeadGrains.Domain.Leads;
using static LeadGrains.Domain.Events.EventCatalog;
using static LeadGrains.Domain.Tests.Events;

namespace LeadGrains.Domain.Tests;

public class ScoreExplainerTests
{
    private static LeadEvent[] History() =>
    [
        Event(EmailOpened, T0.AddDays(3), id: "e1"),
        Event(EmailOpened, T0.AddDays(3).AddMinutes(1), id: "e2"),
        Event(WebPageViewed, T0, id: "e3", path: "/pricing"),
        Event(EmailOpened, T0.AddDays(3).AddMinutes(2), id: "e4"),
        Event(EmailOpened, T0.AddDays(3).AddMinutes(3), id: "e5"), // capped
        Event(ExhibitionVisited, T0.AddDays(20), id: "e6"),
        Event(EmailBounced, T0.AddDays(7), id: "e7"),
        Event(EmailDelivered, T0.AddDays(1), id: "e8"),
        Event(DocumentRequested, T0.AddDays(45), id: "e9"),
    ];

    [Fact]
    public void Replaying_the_events_gives_the_same_score_as_the_live_state()
    {
        var live = Lead(History());
        var now = T0.AddDays(60);

        var explanation = ScoreExplainer.Explain(Numbered(History()), Default, now);

        Assert.Equal(live.ScoreAt(now, Default.Decay), explanation.Score, 12);
        Assert.Equal(LeadStateCodec.Encode(live), LeadStateCodec.Encode(explanation.Replayed));
        Assert.Equal(Default.Version, explanation.ModelVersion);
    }

    [Fact]
    public void Per_rule_totals_sum_to_the_score_when_all_events_share_one_time()
    {
        var events = History().Select(e => e with { OccurredAt = T0 }).ToArray();

        var explanation = ScoreExplainer.Explain(Numbered(events), Default, T0);

        Assert.Equal(explanation.Score, explanation.Rules.Sum(r => r.Points), 12);
        Assert.Equal(explanation.Score, explanation.Rules.Sum(r => r.PointsNow), 12);
        var opens = Assert.Single(explanation.Rules, r => r.RuleId == "email-opened");
        Assert.Equal(4, opens.Events);
        Assert.Equal(3, opens.Points);
        Assert.DoesNotContain(explanation.Rules, r => r.RuleId is null);
    }

    [Fact]
    public void Per_rule_points_now_sum_to_the_decayed_score_at_a_later_time()
    {
        var now = T0.AddDays(100);

        var explanation = ScoreExplainer.Explain(Numbered(History()), Default, now);

        Assert.Equal(explanation.Score, explanation.Rules.Sum(r => r.PointsNow), 9);
    }

    [Fact]
    public void Per_rule_points_now_sum_to_the_score_when_now_is_before_the_latest_event()
    {
        // Clock skew: a producer's latest event may be up to a day ahead of the server's now.
        // The score is not inflated before its as-of time, and neither may its explanation be.
        var now = T0.AddDays(45).AddHours(-12); // the latest event (e9) is 12 hours ahead

        var explanation = ScoreExplainer.Explain(Numbered(History()), Default, now);

        Assert.Equal(explanation.Replayed.Score, explanation.Score);
        Assert.Equal(explanation.Score, explanation.Rules.Sum(r => r.PointsNow), 9);
        Assert.Equal(explanation.Score, explanation.RecentEvents.Sum(e => e.PointsNow), 9);
    }

    [Fact]
    public void Rules_are_ordered_by_their_current_weight()
    {
        var explanation = ScoreExplainer.Explain(Numbered(History()), Default, T0.AddDays(60));

        var weights = explanation.Rules.Select(r => Math.Abs(r.PointsNow)).ToList();
        Assert.Equal(weights.OrderByDescending(w => w), weights);
    }

    [Fact]
    public void Recent_events_are_newest_first_by_occurred_at_and_limited()
    {
        var explanation = ScoreExplainer.Explain(Numbered(History()), Default, T0.AddDays(60), recent: 4);

        Assert.Equal(["e9", "e6", "e7", "e5"], explanation.RecentEvents.Select(e => e.EventId));
    }

    [Fact]
    public void An_event_contribution_shows_the_rule_its_capped_points_and_its_value_now()
    {
        var explanation = ScoreExplainer.Explain(Numbered(History()), Default, T0.AddDays(3 + 90));

        var capped = Assert.Single(explanation.RecentEvents, e => e.EventId == "e5");
        var counted = Assert.Single(explanation.RecentEvents, e => e.EventId == "e4");
        Assert.Equal(("email-opened", 1.0, 0.0, 0.0), (capped.RuleId, capped.RulePoints, capped.Points, capped.PointsNow));
        Assert.Equal("email.opened", counted.Type);
        Assert.Equal(0.5, counted.PointsNow, 3);
    }
}
