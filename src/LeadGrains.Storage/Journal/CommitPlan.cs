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
        _keys = keys;
    }

    private readonly EventKey[] _keys;

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

    /// <summary>
    /// Builds outcomes, the lead rows and the events to write, given the events that were stored
    /// before this commit. An id that appears twice in the commit (one id sent for two leads) is
    /// written once, for the first in lock order. The events a request keeps are numbered on
    /// from its expected version, so a lead's sequence numbers have no gaps even when some of its
    /// events were duplicates: a unique (lead, seq) key then makes a second writer of the lead
    /// fail, because its first event takes a number the first writer used.
    /// </summary>
    /// <param name="storedBefore">Whether the plan's event at a position (in <see cref="Events"/>) was stored before.</param>
    public CommitResolution Resolve(Func<int, bool> storedBefore)
    {
        HashSet<JournalEvent>? skipped = null;
        for (var p = 0; p < Events.Count; p++)
        {
            if (storedBefore(p) || (p > 0 && SameKey(p - 1, p)))
            {
                (skipped ??= new HashSet<JournalEvent>(ReferenceEqualityComparer.Instance)).Add(Events[p].Event);
            }
        }

        var outcomes = new AppendOutcome[Requests.Count];
        var rows = new List<LeadRow>(Requests.Count);
        Dictionary<JournalEvent, JournalEvent>? renumbered = null;
        for (var i = 0; i < Requests.Count; i++)
        {
            var request = Requests[i];
            // Only a retry has events stored already: the lists are built just then.
            List<JournalEvent>? kept = null, stored = null;
            if (skipped is not null)
            {
                for (var j = 0; j < request.Events.Count; j++)
                {
                    var e = request.Events[j];
                    if (skipped.Contains(e))
                    {
                        kept ??= [.. request.Events.Take(j)];
                        (stored ??= []).Add(e);
                    }
                    else
                    {
                        kept?.Add(e);
                    }
                }
            }
            if (stored is not null)
            {
                for (var k = 0; k < kept!.Count; k++)
                {
                    var e = kept[k];
                    var seq = request.ExpectedVersion + k + 1;
                    if (e.Seq != seq)
                    {
                        kept[k] = (renumbered ??= new Dictionary<JournalEvent, JournalEvent>(ReferenceEqualityComparer.Instance))[e] = e with { Seq = seq };
                    }
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

        IReadOnlyList<(int Request, JournalEvent Event)> writes = Events;
        if (skipped is not null)
        {
            var list = new List<(int Request, JournalEvent Event)>(Events.Count - skipped.Count);
            foreach (var (request, e) in Events)
            {
                if (!skipped.Contains(e))
                {
                    list.Add((request, renumbered is not null && renumbered.TryGetValue(e, out var r) ? r : e));
                }
            }
            writes = list;
        }
        return new CommitResolution(outcomes, rows, writes, skipped);
    }

    private bool SameKey(int a, int b) =>
        string.Equals(_keys[a].Id, _keys[b].Id, StringComparison.Ordinal) && string.Equals(_keys[a].Tenant, _keys[b].Tenant, StringComparison.Ordinal);

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

/// <summary>
/// A resolved group commit: one outcome per request, the lead rows to write (in request order; a
/// store that locks them sorts them, <see cref="LeadRow.LockOrder"/>), and the events to write in
/// lock order with their final sequence numbers.
/// </summary>
internal sealed class CommitResolution(
    IReadOnlyList<AppendOutcome> outcomes,
    IReadOnlyList<LeadRow> rows,
    IReadOnlyList<(int Request, JournalEvent Event)> writes,
    HashSet<JournalEvent>? skipped)
{
    public IReadOnlyList<AppendOutcome> Outcomes { get; } = outcomes;

    public IReadOnlyList<LeadRow> Rows { get; } = rows;

    public IReadOnlyList<(int Request, JournalEvent Event)> Writes { get; } = writes;

    /// <summary>Whether one of a request's events (as planned) is written by this commit.</summary>
    public bool Inserted(int request, JournalEvent e) => skipped is null || !skipped.Contains(e);
}
