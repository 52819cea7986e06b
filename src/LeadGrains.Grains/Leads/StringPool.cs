using System.Collections.Concurrent;

namespace LeadGrains.Grains.Leads;

/// <summary>
/// Shares equal strings (inflow sources, campaigns) among the lead states of a silo: a million
/// leads from a few hundred campaigns should hold a few hundred strings, not a million.
/// Bounded so that producer-chosen values cannot grow it without limit.
/// </summary>
public sealed class StringPool
{
    private const int MaxEntries = 100_000;
    private readonly ConcurrentDictionary<string, string> _strings = new(StringComparer.Ordinal);

    public StringPool() => Interner = InternNullable;

    /// <summary><see cref="InternNullable"/> as one shared delegate, so a million grains do not each hold one.</summary>
    public Func<string?, string?> Interner { get; }

    public string Intern(string value)
    {
        if (_strings.TryGetValue(value, out var pooled))
        {
            return pooled;
        }
        return _strings.Count < MaxEntries ? _strings.GetOrAdd(value, value) : value;
    }

    public string? InternNullable(string? value) => value is null ? null : Intern(value);
}
