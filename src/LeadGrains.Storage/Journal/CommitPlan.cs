using LeadGrains.Domain;
using LeadGrains.Domain.Leads;

namespace LeadGrains.Storage.Journal;

/// <summary>
/// The store-independent half of a group commit: which events to insert (in a fixed lock
/// order), and, once the store says which were inserted, each request's outcome and the lead
/// rows to write. Both stores use it so their exactly-once behaviour cannot differ.
/// </summary>
internal sealed class CommitPlan
{
    private readonly ulong[] _keys;

    public CommitPlan(IReadOnlyList<AppendRequest> requests)
    {
        Requests = requests;
        var count = 0;
        for (var i = 0; i < requests.Count; i++)
        {
            count += requests[i].Events.Count;
        }
        var unordered = new (int Request, JournalEvent Event)[count];
        var keys = new ulong[count];
        var order = new int[count];
        var n = 0;
        for (var i = 0; i < requests.Count; i++)
        {
            var own = requests[i].Events;
            for (var j = 0; j < own.Count; j++, n++)
            {
                unordered[n] = (i, own[j]);
                keys[n] = KeyOf(requests[i].Tenant, own[j].Event.Id);
                order[n] = n;
            }
        }
        // Concurrent transactions that share an event id must take its lock in the same order.
        // Any total order of (tenant, id) will do: the key's, with ties (the same id twice, or a
        // collision) broken by the strings. Sorting 64-bit keys is several times cheaper than
        // comparing the id strings, and the store reuses the keys (RecentEventKeys).
        Array.Sort(keys, order);
        for (var start = 0; start < count;)
        {
            var end = start + 1;
            while (end < count && keys[end] == keys[start])
            {
                end++;
            }
            if (end - start > 1)
            {
                Array.Sort(order, start, end - start, Comparer<int>.Create((a, b) =>
                {
                    var t = string.CompareOrdinal(requests[unordered[a].Request].Tenant, requests[unordered[b].Request].Tenant);
                    return t != 0 ? t : string.CompareOrdinal(unordered[a].Event.Event.Id, unordered[b].Event.Event.Id);
                }));
            }
            start = end;
        }
        var events = new (int Request, JournalEvent Event)[count];
        for (var i = 0; i < count; i++)
        {
            events[i] = unordered[order[i]];
        }
        Events = events;
        _keys = keys;
    }

    /// <summary>The 64-bit key of an event id in its tenant: stable across builds and processes.</summary>
    public static ulong KeyOf(string tenant, string eventId) => StableHash.Of(tenant, eventId);

    public IReadOnlyList<AppendRequest> Requests { get; }

    /// <summary>The commit's events in lock order.</summary>
    public IReadOnlyList<(int Request, JournalEvent Event)> Events { get; }

    /// <summary><see cref="KeyOf"/> of each of <see cref="Events"/>, in the same order.</summary>
    public ReadOnlySpan<ulong> KeysInOrder => _keys;

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
