namespace LeadGrains.Abstractions.Leads;

/// <summary>A lead's live state as dashboards read it; scores are decayed to the time of the read.</summary>
[GenerateSerializer, Immutable, Alias("lg.LeadView.v1")]
public sealed record LeadView
{
    [Id(0)] public required string LeadId { get; init; }
    [Id(1)] public required string Stage { get; init; }
    [Id(2)] public required double Score { get; init; }
    [Id(3)] public required string Temperature { get; init; }
    [Id(4)] public required double QualificationThreshold { get; init; }
    [Id(5)] public required int EventCount { get; init; }
    [Id(6)] public required IReadOnlyList<ChannelView> Channels { get; init; }
    [Id(7)] public required IReadOnlyDictionary<string, int> EventCounts { get; init; }
    [Id(8)] public TouchView? FirstTouch { get; init; }
    [Id(9)] public TouchView? LastTouch { get; init; }
    [Id(10)] public DateTimeOffset? FirstSeenAt { get; init; }
    [Id(11)] public DateTimeOffset? LastActivityAt { get; init; }
    [Id(12)] public DateTimeOffset? QualifiedAt { get; init; }
    [Id(13)] public required string ModelVersion { get; init; }
    [Id(14)] public required long Version { get; init; }
    [Id(15)] public required DateTimeOffset ScoredAt { get; init; }
    [Id(16)] public ExplanationView? Explanation { get; init; }
}

[GenerateSerializer, Immutable, Alias("lg.ChannelView.v1")]
public sealed record ChannelView([property: Id(0)] string Channel, [property: Id(1)] double Score, [property: Id(2)] int Events);

[GenerateSerializer, Immutable, Alias("lg.TouchView.v1")]
public sealed record TouchView([property: Id(0)] string? Source, [property: Id(1)] string? Campaign, [property: Id(2)] DateTimeOffset At);

/// <summary>Which rules and events produced the score: per rule totals and the most recent scored events.</summary>
[GenerateSerializer, Immutable, Alias("lg.ExplanationView.v1")]
public sealed record ExplanationView(
    [property: Id(0)] IReadOnlyList<RuleContributionView> Rules,
    [property: Id(1)] IReadOnlyList<EventContributionView> RecentEvents);

/// <param name="Points">Points the rule awarded (after caps), at the events' own times.</param>
/// <param name="PointsNow">What those points are worth now, after decay.</param>
[GenerateSerializer, Immutable, Alias("lg.RuleContributionView.v1")]
public sealed record RuleContributionView(
    [property: Id(0)] string RuleId,
    [property: Id(1)] string Description,
    [property: Id(2)] int Events,
    [property: Id(3)] double Points,
    [property: Id(4)] double PointsNow);

[GenerateSerializer, Immutable, Alias("lg.EventContributionView.v1")]
public sealed record EventContributionView(
    [property: Id(0)] string EventId,
    [property: Id(1)] string Type,
    [property: Id(2)] DateTimeOffset OccurredAt,
    [property: Id(3)] string? RuleId,
    [property: Id(4)] double RulePoints,
    [property: Id(5)] double Points,
    [property: Id(6)] double PointsNow);
