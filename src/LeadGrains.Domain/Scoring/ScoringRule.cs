using LeadGrains.Domain.Events;

namespace LeadGrains.Domain.Scoring;

/// <summary>
/// Event type (+ conditions) → points. Rules of a model are tried in order and the first match
/// scores the event, so specific rules (pricing page) go before general ones (any page).
/// </summary>
public sealed record ScoringRule
{
    public required string Id { get; init; }

    public required EventType EventType { get; init; }

    public required double Points { get; init; }

    public IReadOnlyList<RuleCondition> Conditions { get; init; } = [];

    public ScoreCap? Cap { get; init; }

    public bool Matches(LeadEvent e)
    {
        if (!ReferenceEquals(e.Type, EventType))
        {
            return false;
        }
        // Indexed, not foreach: an interface enumerator per scored event is garbage on the hot path.
        for (var i = 0; i < Conditions.Count; i++)
        {
            if (!Conditions[i].Matches(e))
            {
                return false;
            }
        }
        return true;
    }

    public string Describe()
    {
        var text = $"{EventType.Name}";
        if (Conditions.Count > 0)
        {
            text += " where " + string.Join(" and ", Conditions.Select(c => c.Describe()));
        }
        text += $": {Points:+0.##;-0.##;0} points";
        if (Cap is not null)
        {
            text += $" ({Cap.Describe()})";
        }
        return text;
    }
}
