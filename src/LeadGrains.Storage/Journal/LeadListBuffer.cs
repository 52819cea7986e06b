using System.Runtime.InteropServices;

namespace LeadGrains.Storage.Journal;

/// <summary>
/// The lead rows a silo's commits changed and has not yet written to the lead list, the latest
/// per lead, with the sequence numbers of the pending-list rows (one per commit) they cover.
/// A flush takes them all, and gives them back if it fails, so a failed flush loses nothing and
/// a newer row taken in the meantime is never overwritten by an older one.
/// </summary>
internal sealed class LeadListBuffer
{
    private readonly object _gate = new();
    private Dictionary<(string Tenant, string LeadId), LeadRow> _rows = [];
    private List<long> _pending = [];

    public void Add(long pending, IReadOnlyList<LeadRow> rows)
    {
        lock (_gate)
        {
            _pending.Add(pending);
            foreach (var row in rows)
            {
                Keep(_rows, row);
            }
        }
    }

    /// <summary>Everything held, rows sorted by (tenant, lead id): the order flushes lock them in.</summary>
    public (List<LeadRow> Rows, List<long> Pending) Take()
    {
        Dictionary<(string, string), LeadRow> rows;
        List<long> pending;
        lock (_gate)
        {
            if (_pending.Count == 0 && _rows.Count == 0)
            {
                return ([], []);
            }
            (rows, pending) = (_rows, _pending);
            (_rows, _pending) = ([], []);
        }
        var list = rows.Values.ToList();
        list.Sort(LeadRow.LockOrder);
        return (list, pending);
    }

    /// <summary>Puts back what a failed flush took; rows that came in since stay if they are newer.</summary>
    public void Return(IReadOnlyList<LeadRow> rows, IReadOnlyList<long> pending)
    {
        lock (_gate)
        {
            _pending.AddRange(pending);
            foreach (var row in rows)
            {
                Keep(_rows, row);
            }
        }
    }

    private static void Keep(Dictionary<(string, string), LeadRow> rows, LeadRow row)
    {
        // One hash of the two strings per row, not two: this runs for every row of every commit
        // (2% of the server's CPU with a lookup and a store, in a profile of the ingest load).
        ref var held = ref CollectionsMarshal.GetValueRefOrAddDefault(rows, (row.Tenant, row.LeadId), out _);
        if (held is null || held.Version < row.Version)
        {
            // The snapshot went in with the commit; held here it would only take memory.
            held = row.Snapshot is null ? row : row with { Snapshot = null };
        }
    }
}
