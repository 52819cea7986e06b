namespace LeadGrains.Domain;

/// <summary>
/// A stable 64-bit hash of text: FNV-1a over the UTF-16 code units with MurmurHash3's 64-bit
/// finalizer. Stable across builds and processes (string.GetHashCode is not), so it may be
/// stored; not for adversarial input, which only ever costs a collision here.
/// </summary>
public static class StableHash
{
    public const ulong Start = 14695981039346656037UL;

    private const ulong Prime = 1099511628211UL;

    public static ulong Add(ulong h, ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            h = (h ^ c) * Prime;
        }
        return h;
    }

    /// <summary>Spreads FNV's weak low bits over the whole word.</summary>
    public static ulong Finish(ulong h)
    {
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdUL;
        h ^= h >> 33;
        h *= 0xc4ceb9fe1a85ec53UL;
        h ^= h >> 33;
        return h;
    }

    /// <summary>The hash of two parts, kept apart by a separator no identifier uses.</summary>
    public static ulong Of(string first, string second) => Finish(Add(Add(Add(Start, first), "\u001f"), second));
}
