using LeadGrains.Domain.Events;
using LeadGrains.Domain.Leads;
using LeadGrains.Domain.Scoring;

namespace LeadGrains.Domain.Tests;

/// <summary>Builds lead events at fixed times so every test is deterministic.</summary>
internal static class Events
{
    /// <summary>A Monday, 09:00 UTC.</summary>
    public static readonly DateTimeOffset T0 = new(2025, 3, 10, 9, 0, 0, TimeSpan.Zero);

    public static ScoringModel Default => DefaultScoringModel.Instance;

    public static LeadEvent Event(
        EventType type,
        DateTimeOffset? at = null,
        string? id = null,
        string? source = null,
        string? campaign = null,
        string? path = null,
        double? dwellSeconds = null,
        string? kind = null)
    {
        var occurredAt = at ?? T0;
        return new LeadEvent
        {
            Id = id ?? $"{type.Name}@{occurredAt.UtcTicks}",
            LeadId = "lead-1",
            Type = type,
            OccurredAt = occurredAt,
            Source = source,
            Campaign = campaign,
            Properties = new EventProperties { Path = path, DwellSeconds = dwellSeconds, Kind = kind },
        };
    }

    /// <summary>Applies an event as the next one to arrive (seq = Version + 1).</summary>
    public static AppliedEvent ApplyNext(this LeadState state, LeadEvent e, ScoringModel? model = null) =>
        state.Apply(e, state.Version + 1, model ?? Default);

    /// <summary>A fresh lead with the events applied in the given (arrival) order.</summary>
    public static LeadState Lead(IEnumerable<LeadEvent> events, ScoringModel? model = null)
    {
        var state = new LeadState();
        foreach (var e in events)
        {
            state.ApplyNext(e, model);
        }
        return state;
    }

    public static LeadState Lead(params LeadEvent[] events) => Lead((IEnumerable<LeadEvent>)events);

    /// <summary>The events with arrival seqs 1..n, as a store would replay them.</summary>
    public static IEnumerable<(long Seq, LeadEvent Event)> Numbered(IEnumerable<LeadEvent> events) =>
        events.Select((e, i) => ((long)i + 1, e));

    /// <summary>A model of one rule, no decay, threshold 50.</summary>
    public static ScoringModel SingleRuleModel(EventType type, double points, ScoreCap? cap = null, Decay? decay = null) =>
        new(
            "test-v1",
            [new ScoringRule { Id = "only", EventType = type, Points = points, Cap = cap }],
            new ScoreThreshold("mql", 50),
            decay ?? Decay.None);
}
