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
        var contributions = new List<EventContribution>();
        foreach (var (seq, e) in events)
        {
            var applied = state.Apply(e, seq, model);
            var pointsNow = applied.Points * model.Decay.Factor(e.OccurredAt.UtcTicks, Math.Max(now.UtcTicks, state.ScoreAsOfTicks));
            contributions.Add(new EventContribution(
                e.Id, e.Type.Name, e.OccurredAt, applied.RuleId, applied.RulePoints, applied.Points, pointsNow));
        }

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
