using LeadGrains.Domain.Events;
using LeadGrains.Domain.Kpis;
using LeadGrains.Domain.Leads;
using LeadGrains.Domain.Scoring;

namespace LeadGrains.Storage.Journal;

/// <summary>
/// What an append changes about its lead: the new state (and its row), the stage transitions,
/// and the unique counter keys its events are first occurrences in (each adds 1).
/// </summary>
public sealed record LeadChanges(
    LeadState State,
    string ModelVersion,
    Decay Decay,
    IReadOnlyList<StageTransition> Transitions,
    IReadOnlyList<CounterKey> FirstOccurrences)
{
    /// <summary>
    /// The changes of applying <paramref name="events"/> to <paramref name="current"/>, or null for
    /// none. <paramref name="current"/>'s marks must cover the events (<see cref="UniqueMarks.Covers"/>).
    /// </summary>
    public static LeadChanges? Plan(LeadState current, IReadOnlyList<JournalEvent> events, ScoringModel model, TimeZoneInfo zone)
    {
        if (events.Count == 0)
        {
            return null;
        }
        var ordered = new (LeadEvent Event, long Seq)[events.Count];
        for (var i = 0; i < ordered.Length; i++)
        {
            ordered[i] = (events[i].Event, events[i].Seq);
        }
        var plan = current.Plan(ordered, model, zone);
        return new LeadChanges(plan.Next, model.Version, model.Decay, plan.Transitions, plan.FirstOccurrences);
    }
}
