using System.Runtime.CompilerServices;

namespace LeadGrains.Grains.Leads;

/// <summary>
/// Hashes of the last few event ids a lead's commits stored. A producer that retries re-sends
/// events soon after, to the same lead; an id seen here goes to the journal as
/// <see cref="Storage.Journal.JournalEvent.LikelyStored"/>, so PostgreSQL can still take the
/// rest of the commit by COPY. Only a hint: a false match costs one conflict-checked insert, a
/// miss costs the COPY's fallback, and the store's unique key decides either way. Thirty-six
/// bytes, inline in the grain, because a silo holds a million leads.
/// </summary>
internal struct RecentEventIds
{
    private const int Size = 8;

    private Slots _slots;
    private int _next;

    public readonly bool Contains(string id)
    {
        var hash = Hash(id);
        for (var i = 0; i < Size; i++)
        {
            if (_slots[i] == hash)
            {
                return true;
            }
        }
        return false;
    }

    public void Add(string id)
    {
        _slots[_next] = Hash(id);
        _next = (_next + 1) % Size;
    }

    // Odd, so an empty slot (0) never matches. Per-process hashing is fine: this never leaves memory.
    private static int Hash(string id) => id.GetHashCode(StringComparison.Ordinal) | 1;

    [InlineArray(Size)]
    private struct Slots
    {
        private int _element;
    }
}
