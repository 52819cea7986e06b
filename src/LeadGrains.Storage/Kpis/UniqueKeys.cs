using System.IO.Hashing;
using System.Text;
using LeadGrains.Domain.Kpis;

namespace LeadGrains.Storage.Kpis;

/// <summary>
/// The stored key of a unique-count occurrence: a 128-bit XxHash of (counter, scope, bucket,
/// identity). 16 fixed bytes keep the first-occurrence table and its index small (an open adds
/// up to nine rows); at 128 bits a collision is about as likely as a duplicate random UUID,
/// so counts stay exact in any sense that matters.
/// </summary>
public static class UniqueKeys
{
    public static Guid For(UniqueCandidate candidate) => For(candidate.Key, candidate.Identity);

    public static Guid For(CounterKey key, string identity)
    {
        // \u001f (unit separator) cannot occur in counter names, scopes or dates, so the parts
        // cannot run into each other.
        var text = string.Concat(key.Counter.Name, "\u001f", key.Scope.ToString(), "\u001f",
            key.Bucket.Period.Name(), key.Bucket.Start.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture),
            "\u001f", identity);
        Span<byte> hash = stackalloc byte[16];
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        var buffer = max <= 512 ? stackalloc byte[max] : new byte[max];
        var n = Encoding.UTF8.GetBytes(text, buffer);
        XxHash128.Hash(buffer[..n], hash);
        return new Guid(hash);
    }
}
