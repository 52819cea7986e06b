namespace LeadGrains.Simulation.Wire;

/// <summary>One aggregate channel figure as <c>POST /v1/metrics</c> reads it (no lead; see ChannelMetricReport).</summary>
public sealed record MetricReportRecord
{
    public required string Id { get; init; }

    /// <summary><c>email.list_size</c>, <c>sns.impressions</c>, <c>sns.reach</c>, <c>sns.hashtag_uses</c> or <c>sns.followers</c>.</summary>
    public required string Metric { get; init; }

    public required double Value { get; init; }

    public required string OccurredAt { get; init; }

    public string? Campaign { get; init; }
}
