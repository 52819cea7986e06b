using LeadGrains.Domain.Leads;

namespace LeadGrains.Storage.Journal;

/// <summary>
/// The store-independent half of a group commit: which events to insert (in a fixed lock
/// order), and, once the store says which were inserted, each request's outcome and the lead
/// rows to write. Both stores use it so their exactly-once behaviour cannot differ.
/// </summary>
internal sealed class CommitPlan
{
    public CommitPlan(IReadOnlyList<AppendRequest> requests)
    {
        Requests = requests;
        var events = new List<(int Request, JournalEvent Event)>();
        for (var i = 0; i < requests.Count; i++)
        {
            var own = requests[i].Events;
            for (var j = 0; j < own.Count; j++)
            {
                events.Add((i, own[j]));
            }
        }
        // Concurrent transactions that share an event id must take its lock in the same order.
        events.Sort((a, b) =>
        {
            var t = string.CompareOrdinal(requests[a.Request].Tenant, requests[b.Request].Tenant);
            return t != 0 ? t : string.CompareOrdinal(a.Event.Event.Id, b.Event.Event.Id);
        });
        Events = events;
    }

    public IReadOnlyList<AppendRequest> Requests { get; }

    public IReadOnlyList<(int Request, JournalEvent Event)> Events { get; }

    public string TenantOf(int request) => Requests[request].Tenant;

    /// <summary>Builds outcomes and the lead rows to write from the set of events actually inserted.</summary>
    public (IReadOnlyList<AppendOutcome> Outcomes, IReadOnlyList<LeadRow> Rows) Resolve(Func<int, JournalEvent, bool> inserted)
    {
        var outcomes = new AppendOutcome[Requests.Count];
        var rows = new List<LeadRow>(Requests.Count);
        for (var i = 0; i < Requests.Count; i++)
        {
            var request = Requests[i];
            // Only a retry has events stored already: the lists are built just then.
            List<JournalEvent>? kept = null, stored = null;
            for (var j = 0; j < request.Events.Count; j++)
            {
                var e = request.Events[j];
                if (!inserted(i, e))
                {
                    kept ??= [.. request.Events.Take(j)];
                    (stored ??= []).Add(e);
                }
                else
                {
                    kept?.Add(e);
                }
            }

            var changes = stored is null ? request.Planned
                : kept!.Count == 0 ? null
                : request.Replan(kept);
            outcomes[i] = new AppendOutcome(kept?.Count ?? request.Events.Count, changes, stored ?? []);
            if (changes is not null)
            {
                rows.Add(LeadRow.From(request, changes));
            }
        }
        rows.Sort(static (a, b) =>
        {
            var t = string.CompareOrdinal(a.Tenant, b.Tenant);
            return t != 0 ? t : string.CompareOrdinal(a.LeadId, b.LeadId);
        });
        return (outcomes, rows);
    }

    /// <summary>The stage transitions of the changes adopted, with their requests, in request order.</summary>
    public List<(AppendRequest Request, StageTransition Transition)> Transitions(IReadOnlyList<AppendOutcome> outcomes)
    {
        var transitions = new List<(AppendRequest, StageTransition)>();
        for (var i = 0; i < Requests.Count; i++)
        {
            if (outcomes[i].Applied is { } applied)
            {
                for (var t = 0; t < applied.Transitions.Count; t++)
                {
                    transitions.Add((Requests[i], applied.Transitions[t]));
                }
            }
        }
        return transitions;
    }
}
