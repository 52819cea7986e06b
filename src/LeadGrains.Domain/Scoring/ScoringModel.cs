using LeadGrains.Domain.Events;

namespace LeadGrains.Domain.Scoring;

/// <summary>A tenant's versioned scoring model: rules, decay and the qualification threshold.</summary>
public sealed class ScoringModel
{
    private readonly ScoringRule[][] _rulesByType;

    public ScoringModel(string version, IReadOnlyList<ScoringRule> rules, ScoreThreshold qualification, Decay decay)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        if (rules.Select(r => r.Id).Distinct(StringComparer.Ordinal).Count() != rules.Count)
        {
            throw new ArgumentException("Rule ids must be unique within a model.", nameof(rules));
        }
        Version = version;
        Rules = rules;
        Qualification = qualification;
        Decay = decay;
        _rulesByType = new ScoringRule[EventCatalog.Count][];
        foreach (var type in EventCatalog.All)
        {
            _rulesByType[type.Ordinal] = rules.Where(r => ReferenceEquals(r.EventType, type)).ToArray();
        }
    }

    public string Version { get; }

    public IReadOnlyList<ScoringRule> Rules { get; }

    public ScoreThreshold Qualification { get; }

    public Decay Decay { get; }

    /// <summary>The first rule that matches the event, or null when the event scores nothing.</summary>
    public ScoringRule? Match(LeadEvent e)
    {
        foreach (var rule in _rulesByType[e.Type.Ordinal])
        {
            if (rule.Matches(e))
            {
                return rule;
            }
        }
        return null;
    }

    public int IndexOf(ScoringRule rule)
    {
        for (var i = 0; i < Rules.Count; i++)
        {
            if (ReferenceEquals(Rules[i], rule))
            {
                return i;
            }
        }
        return -1;
    }
}
