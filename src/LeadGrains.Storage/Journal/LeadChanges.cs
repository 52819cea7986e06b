using LeadGrains.Domain.Leads;
using LeadGrains.Domain.Scoring;

namespace LeadGrains.Storage.Journal;

/// <summary>What an append changes about its lead: the new state (and its row) and the stage transitions.</summary>
public sealed record LeadChanges(LeadState State, string ModelVersion, Decay Decay, IReadOnlyList<StageTransition> Transitions)
{
    /// <summary>The changes of applying <paramref name="events"/> to <paramref name="current"/>, or null for none.</summary>
    public static LeadChanges? Plan(LeadState current, IReadOnlyList<JournalEvent> events, ScoringModel model)
    {
        if (events.Count == 0)
        {
            return null;
        }
        var (next, transitions) = current.WithEvents(events.Select(e => (e.Event, e.Seq)), model);
        return new LeadChanges(next, model.Version, model.Decay, transitions);
    }
}
