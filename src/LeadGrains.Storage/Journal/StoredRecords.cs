using LeadGrains.Domain.Leads;

namespace LeadGrains.Storage.Journal;

/// <summary>A lead's row: the summary dashboards list by, as current as its events.</summary>
public sealed record StoredLead(
    string Tenant,
    string LeadId,
    long Version,
    LeadStage Stage,
    double Score,
    DateTimeOffset ScoreAsOf,
    int EventCount,
    DateTimeOffset? FirstSeenAt,
    DateTimeOffset? LastActivityAt,
    string? FirstSource,
    string? FirstCampaign,
    string? LastSource,
    string? LastCampaign,
    DateTimeOffset? QualifiedAt,
    string ModelVersion);

/// <summary>
/// What an activating lead grain reads: the version of its row, its latest snapshot (none for a
/// lead that has not had one yet) and the events stored after that snapshot, in arrival order.
/// </summary>
public sealed record StoredLeadState(long Version, long SnapshotVersion, byte[]? Snapshot, IReadOnlyList<StoredEvent> Later);

/// <summary>An event as stored, in the lead's arrival order.</summary>
public sealed record StoredEvent(
    string EventId,
    string LeadId,
    long Seq,
    string Type,
    DateTimeOffset OccurredAt,
    DateTimeOffset ReceivedAt,
    string? Source,
    string? Campaign,
    string? Properties);

/// <summary>A stage transition from the outbox.</summary>
public sealed record StoredTransition(
    long Id,
    string LeadId,
    LeadStage From,
    LeadStage To,
    double Score,
    double? Threshold,
    string CauseEventId,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt);

/// <summary>A page of leads for dashboards, best first by decayed score.</summary>
/// <param name="MinRank">Only leads whose score rank is at least this (see ScoreRank.Floor).</param>
/// <param name="After">Keyset cursor: the (rank, lead id) of the last lead of the previous page.</param>
public sealed record LeadListQuery(string Tenant, LeadStage? Stage, double? MinRank, int Limit, (double Rank, string LeadId)? After);

public sealed record LeadListItem(StoredLead Lead, double Rank);
