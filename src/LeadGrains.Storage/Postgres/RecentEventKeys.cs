using LeadGrains.Domain;

namespace LeadGrains.Storage.Postgres;

/// <summary>
/// Hashes of the (tenant, event id) keys this silo's journal committed recently, inserted or
/// found stored: a producer that retries re-sends events soon after, and a key seen here is
/// inserted apart from the COPY (checked for the conflict) rather than fail it. Only a hint: a
/// false match costs one conflict-checked insert, a miss costs the COPY's fallback, and the
/// primary key decides either way. Remembers between half and all of the last
/// <c>capacity</c> keys: two generations, the older dropped whole when the newer is full.
/// Silo-wide, not per lead: a hot lead gets many events between an event and its re-send.
/// A capacity below 2 remembers nothing.
/// </summary>
internal sealed class RecentEventKeys(int capacity)
{
    private readonly int _generation = capacity / 2;
    private readonly Lock _lock = new();
    private HashSet<ulong> _newer = [];
    private HashSet<ulong> _older = [];

    public static ulong Of(string tenant, string eventId) => StableHash.Of(tenant, eventId);

    /// <summary>For each key, whether it was committed recently.</summary>
    public bool[] Seen(ReadOnlySpan<ulong> keys)
    {
        var seen = new bool[keys.Length];
        lock (_lock)
        {
            for (var i = 0; i < keys.Length; i++)
            {
                seen[i] = _newer.Contains(keys[i]) || _older.Contains(keys[i]);
            }
        }
        return seen;
    }

    public void Remember(ReadOnlySpan<ulong> keys)
    {
        if (_generation == 0)
        {
            return;
        }
        lock (_lock)
        {
            foreach (var key in keys)
            {
                if (_newer.Count >= _generation)
                {
                    (_older, _newer) = (_newer, _older);
                    _newer.Clear();
                }
                _newer.Add(key);
            }
        }
    }
}
