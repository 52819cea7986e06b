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
        var count = 0;
        for (var i = 0; i < requests.Count; i++)
        {
            count += requests[i].Events.Count;
        }
        var keys = new EventKey[count];
        var events = new (int Request, JournalEvent Event)[count];
        var n = 0;
        for (var i = 0; i < requests.Count; i++)
        {
            var request = requests[i];
            var own = request.Events;
            for (var j = 0; j < own.Count; j++, n++)
            {
                keys[n] = new EventKey(request.Tenant, own[j].Event.Id);
                events[n] = (i, own[j]);
            }
        }
        // Concurrent transactions that share an event id must take its lock in the same order.
        // The keys sit beside the events so a comparison reads two strings, not the requests.
        Array.Sort(keys, events, EventKey.Order);
        Events = events;
    }

    private readonly record struct EventKey(string Tenant, string Id)
    {
        public static readonly IComparer<EventKey> Order = new Ordinal();

        private sealed class Ordinal : IComparer<EventKey>
        {
            public int Compare(EventKey a, EventKey b)
            {
                var t = string.CompareOrdinal(a.Tenant, b.Tenant);
                return t != 0 ? t : string.CompareOrdinal(a.Id, b.Id);
            }
        }
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
