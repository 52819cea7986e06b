namespace LeadGrains.Domain.Events;

/// <summary>Bounds on what a producer may send; the API names the field that breaks one.</summary>
public static class EventLimits
{
    public const int MaxIdLength = 200;
    public const int MaxLeadIdLength = 200;
    public const int MaxSourceLength = 64;
    public const int MaxCampaignLength = 200;
    public const int MaxPropertiesBytes = 16 * 1024;
    public const int MaxBatchSize = 10_000;

    /// <summary>Clock skew we forgive a producer; an event further in the future is refused.</summary>
    public static readonly TimeSpan MaxFutureSkew = TimeSpan.FromHours(24);

    /// <summary>Events before this are certainly a producer bug (epoch zero, year 1).</summary>
    public static readonly DateTimeOffset EarliestOccurredAt = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly IReadOnlySet<string> SnsKinds = new HashSet<string>(StringComparer.Ordinal) { "like", "repost", "reply" };
}
