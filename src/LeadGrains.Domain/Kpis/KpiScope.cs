using LeadGrains.Domain.Events;

namespace LeadGrains.Domain.Kpis;

public enum ScopeKind : byte
{
    /// <summary>The whole tenant.</summary>
    All,
    Campaign,
    /// <summary>An inflow source (search, sns, newsletter, seminar, ...).</summary>
    Source,
}

/// <summary>
/// What a counter or KPI is restricted to: the whole tenant, one campaign, or one inflow source.
/// Formats as <c>campaign:nov-news</c> / <c>source:sns</c>; the whole tenant has no text.
/// </summary>
public sealed record KpiScope
{
    public static readonly KpiScope All = new(ScopeKind.All, null, 0);

    // Every counted event builds the scopes of its campaign and source, and each is a key of the
    // commit's counter table several times over: recent scopes are kept (a bounded, lossy cache:
    // a slot holds the last scope hashed to it), and each scope hashes its value once.
    private static readonly KpiScope?[] Recent = new KpiScope?[1024];

    private readonly int _hash;

    private KpiScope(ScopeKind kind, string? value, int valueHash)
    {
        Kind = kind;
        Value = value;
        _hash = HashCode.Combine(kind, valueHash);
    }

    public ScopeKind Kind { get; }

    /// <summary>The campaign or source; null for <see cref="ScopeKind.All"/>.</summary>
    public string? Value { get; }

    public static KpiScope Campaign(string campaign) => Of(ScopeKind.Campaign, campaign);

    public static KpiScope Source(string source) => Of(ScopeKind.Source, source);

    private static KpiScope Of(ScopeKind kind, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var valueHash = StringComparer.Ordinal.GetHashCode(value);
        var slot = (uint)(valueHash ^ (int)kind) % (uint)Recent.Length;
        if (Recent[slot] is { } recent && recent.Kind == kind && string.Equals(recent.Value, value, StringComparison.Ordinal))
        {
            return recent;   // checked when it was made
        }
        var scope = new KpiScope(kind, Checked(kind, value), valueHash);
        Recent[slot] = scope;
        return scope;
    }

    public bool Equals(KpiScope? other) =>
        ReferenceEquals(this, other)
        || (other is not null && _hash == other._hash && Kind == other.Kind && string.Equals(Value, other.Value, StringComparison.Ordinal));

    public override int GetHashCode() => _hash;

    /// <summary>Parses the text after the <c>@</c> of a KPI id: <c>campaign:VALUE</c> or <c>source:VALUE</c>.</summary>
    public static bool TryParse(string text, out KpiScope scope, out string? error)
    {
        scope = All;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            error = $"scope '{text}' must be 'campaign:NAME' or 'source:NAME'";
            return false;
        }
        var kind = text[..colon];
        var value = text[(colon + 1)..];
        var scopeKind = kind switch
        {
            "campaign" => ScopeKind.Campaign,
            "source" => ScopeKind.Source,
            _ => ScopeKind.All,
        };
        if (scopeKind == ScopeKind.All)
        {
            error = $"scope kind '{kind}' is unknown; use 'campaign' or 'source'";
            return false;
        }
        error = Problem(scopeKind, value);
        if (error is not null)
        {
            return false;
        }
        scope = Of(scopeKind, value);
        return true;
    }

    /// <summary>What the text form puts before <see cref="Value"/>: <c>campaign:</c>, <c>source:</c>, or nothing.</summary>
    public string Prefix => PrefixOf(Kind);

    public static string PrefixOf(ScopeKind kind) => kind switch
    {
        ScopeKind.Campaign => "campaign:",
        ScopeKind.Source => "source:",
        _ => "",
    };

    public override string ToString() => Prefix + Value;

    private static string Checked(ScopeKind kind, string value) =>
        Problem(kind, value) is { } problem ? throw new ArgumentException(problem, nameof(value)) : value;

    // Values are kept verbatim and accepted exactly when an event could carry them (the ingest
    // rules), so a KPI id always round-trips and never names a scope no event can reach.
    private static string? Problem(ScopeKind kind, string value)
    {
        var max = kind == ScopeKind.Source ? EventLimits.MaxSourceLength : EventLimits.MaxCampaignLength;
        if (value.Length == 0)
        {
            return "scope value is empty";
        }
        if (value.Length > max)
        {
            return $"scope value is longer than {max} characters";
        }
        // Loops, not LINQ: every counted event builds its scopes, and LINQ over a string boxes an enumerator.
        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                return "scope value has control characters";
            }
        }
        if (kind == ScopeKind.Source)
        {
            foreach (var c in value)
            {
                if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '-'))
                {
                    return "a source is lower case: letters a-z, digits 0-9, '_' and '-'";
                }
            }
        }
        return null;
    }
}
