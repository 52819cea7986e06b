using LeadGrains.Domain.Events;
using LeadGrains.Domain.Scoring;

namespace LeadGrains.Domain.Leads;

/// <summary>
/// Explains a lead's score by replaying its stored events through the model in arrival order:
/// the same code path that produced the live score, so the explanation cannot drift from it.
/// </summary>
public static class ScoreExplainer
{
    public sealed record RuleContribution(string RuleId, string Description, int Events, double Points, double PointsNow);

    public sealed record EventContribution(
        string EventId, string Type, DateTimeOffset OccurredAt, string? RuleId, double RulePoints, double Points, double PointsNow);

    public sealed record Explanation(
        string ModelVersion,
        double Score,
        IReadOnlyList<RuleContribution> Rules,
        IReadOnlyList<EventContribution> RecentEvents,
        LeadState Replayed);

    public static Explanation Explain(
        IEnumerable<(long Seq, LeadEvent Event)> events, ScoringModel model, DateTimeOffset now, int recent = 50)
    {
        var state = new LeadState();
        var replayed = new List<(LeadEvent Event, AppliedEvent Applied)>();
        foreach (var (seq, e) in events)
        {
            replayed.Add((e, state.Apply(e, seq, model)));
        }

        // Like the score, values are not inflated before the latest event (clock skew): decay to
        // the final as-of time, known only once every event is replayed.
        var nowTicks = Math.Max(now.UtcTicks, state.ScoreAsOfTicks);
        var contributions = replayed
            .Select(x => new EventContribution(
                x.Event.Id, x.Event.Type.Name, x.Event.OccurredAt, x.Applied.RuleId, x.Applied.RulePoints, x.Applied.Points,
                x.Applied.Points * model.Decay.Factor(x.Event.OccurredAt.UtcTicks, nowTicks)))
            .ToList();

        var rules = contributions
            .Where(c => c.RuleId is not null)
            .GroupBy(c => c.RuleId!)
            .Select(g => new RuleContribution(
                g.Key,
                model.Rules.First(r => r.Id == g.Key).Describe(),
                g.Count(),
                g.Sum(c => c.Points),
                g.Sum(c => c.PointsNow)))
            .OrderByDescending(r => Math.Abs(r.PointsNow))
            .ToList();

        var latest = contributions
            .OrderByDescending(c => c.OccurredAt)
            .Take(recent)
            .ToList();

        return new Explanation(model.Version, state.ScoreAt(now, model.Decay), rules, latest, state);
    }
}
