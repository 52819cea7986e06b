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
    // \u001f (unit separator) cannot occur in counter names, scopes or dates, so the parts
    // cannot run into each other.
    private const char Separator = '\u001f';

    public static Guid For(UniqueCandidate candidate) => For(candidate.Key, candidate.Identity);

    /// <summary>
    /// Hashes the UTF-8 of <c>counter␟scope␟periodyyyyMMdd␟identity</c>. The text is written
    /// straight into a stack buffer: this runs several times per ingested event, and building it
    /// as a string first was a measurable share of the journal's allocations.
    /// </summary>
    public static Guid For(CounterKey key, string identity)
    {
        var scopeValue = key.Scope.Value ?? "";
        // The fixed parts (three separators, a scope prefix, a period name, eight digits) take
        // well under 64 bytes.
        var max = Encoding.UTF8.GetMaxByteCount(key.Counter.Name.Length + scopeValue.Length + identity.Length) + 64;
        var buffer = max <= 1024 ? stackalloc byte[max] : new byte[max];
        var n = 0;
        void Write(ReadOnlySpan<char> text, Span<byte> into) => n += Encoding.UTF8.GetBytes(text, into[n..]);

        Write(key.Counter.Name, buffer);
        Write([Separator], buffer);
        Write(key.Scope.Prefix, buffer);
        Write(scopeValue, buffer);
        Write([Separator], buffer);
        Write(key.Bucket.Period.Name(), buffer);
        key.Bucket.Start.TryFormat(buffer[n..], out var written, "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        n += written;
        Write([Separator], buffer);
        Write(identity, buffer);

        Span<byte> hash = stackalloc byte[16];
        XxHash128.Hash(buffer[..n], hash);
        return new Guid(hash);
    }
}
