using LeadGrains.Domain.Events;

namespace LeadGrains.Domain.Kpis;

/// <summary>A channel figure that belongs to no lead, reported in aggregate by a platform.</summary>
public enum ChannelMetric : byte
{
    /// <summary>Recipients of one email send.</summary>
    EmailListSize,
    SnsImpressions,
    /// <summary>Accounts reached, as the platform reports it (we cannot de-duplicate across reports).</summary>
    SnsReach,
    SnsHashtagUses,
    /// <summary>A follower count at a moment: a level, not a flow; measures average it.</summary>
    SnsFollowers,
}

public static class ChannelMetrics
{
    private static readonly string[] Names = ["email.list_size", "sns.impressions", "sns.reach", "sns.hashtag_uses", "sns.followers"];

    public static IReadOnlyList<ChannelMetric> All { get; } = Enum.GetValues<ChannelMetric>();

    public static string Name(this ChannelMetric metric) => Names[(int)metric];

    public static bool TryParse(string name, out ChannelMetric metric)
    {
        var i = Array.IndexOf(Names, name);
        metric = i < 0 ? default : (ChannelMetric)i;
        return i >= 0;
    }
}

/// <summary>
/// One aggregate report (e.g. "post 42 had 1,200 impressions on 2025-03-10"). It has an id like a
/// lead event so a retried report counts once; the caller de-duplicates by id.
/// </summary>
public sealed record ChannelMetricReport
{
    /// <summary>Reports larger than this are a producer bug, not a viral post.</summary>
    public const double MaxValue = 1e12;

    public required string Id { get; init; }

    public required ChannelMetric Metric { get; init; }

    public required double Value { get; init; }

    /// <summary>The moment the figure refers to; decides its buckets like an event's occurred-at.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    public string? Campaign { get; init; }

    public IReadOnlyList<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(Id) || Id.Length > EventLimits.MaxIdLength)
        {
            errors.Add(new("id", $"id is required and at most {EventLimits.MaxIdLength} characters"));
        }
        if (!double.IsFinite(Value) || Value < 0 || Value > MaxValue)
        {
            errors.Add(new("value", $"value must be a number from 0 to {MaxValue:0e0}"));
        }
        if (Campaign is not null && (Campaign.Length == 0 || Campaign.Length > EventLimits.MaxCampaignLength))
        {
            errors.Add(new("campaign", $"campaign must be 1 to {EventLimits.MaxCampaignLength} characters"));
        }
        return errors;
    }
}
