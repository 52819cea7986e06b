using LeadGrains.Domain.Kpis;
using LeadGrains.Domain.Leads;
using LeadGrains.Domain.Scoring;
using LeadGrains.Storage.Kpis;

namespace LeadGrains.Storage.Journal;

/// <summary>
/// The durable truth: the event journal, lead rows and the transition outbox, behind one
/// interface with a PostgreSQL and a SQLite implementation (one contract test suite covers both).
/// </summary>
public interface ILeadStore
{
    StorageKind Kind { get; }

    /// <summary>
    /// Registers (or finds) a KPI counter shard by a name unique to one writer at a time, such as
    /// <c>host:port#2</c>. Each writer adds its counter deltas to rows of its own shard.
    /// </summary>
    Task<int> RegisterShardAsync(string name, CancellationToken ct);

    /// <summary>
    /// Commits many grains' appends in one transaction: inserts their events (dropping ids already
    /// stored, numbering the rest of each lead's without gaps), records each changed lead's row
    /// (in the transaction, or as a pending-list entry written behind by <see cref="FlushListAsync"/>)
    /// and, where the request asks for one (<see cref="AppendRequest.WriteSnapshot"/>), its
    /// snapshot, records the transitions, and adds the KPI counter deltas of the inserted events
    /// to <paramref name="shard"/>. Returns one outcome per request, in order. Throws
    /// <see cref="LeadVersionConflictException"/> (and commits nothing) when a lead's stored
    /// version is not the expected one.
    /// </summary>
    Task<CommitResult> CommitAsync(IReadOnlyList<AppendRequest> requests, int shard, CancellationToken ct);

    /// <summary>
    /// Stores channel reports (dropping ids already stored) and adds their counter deltas, in one
    /// transaction. Concurrent calls on one shard are the caller's to serialise.
    /// </summary>
    Task<ReportCommitResult> CommitReportsAsync(
        string tenant, IReadOnlyList<ChannelMetricReport> reports, TimeZoneInfo zone, int shard, CancellationToken ct);

    /// <summary>The rows of the leads that have one.</summary>
    Task<IReadOnlyDictionary<(string Tenant, string LeadId), StoredLead>> ReadLeadsAsync(
        IReadOnlyCollection<(string Tenant, string LeadId)> keys, CancellationToken ct);

    /// <summary>
    /// What activating grains need to rebuild the leads that have a row: each one's latest snapshot
    /// and the events after it, for many leads in a few queries.
    /// </summary>
    Task<IReadOnlyDictionary<(string Tenant, string LeadId), StoredLeadState>> LoadLeadsAsync(
        IReadOnlyCollection<(string Tenant, string LeadId)> keys, CancellationToken ct);

    Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(string tenant, string leadId, long afterSeq, CancellationToken ct);

    Task<IReadOnlyList<StoredTransition>> ReadTransitionsAsync(string tenant, string leadId, CancellationToken ct);

    /// <summary>
    /// Leads by decayed score. A store that writes the list behind the journal shows only what
    /// has been flushed: callers that must see every acknowledged event flush every silo's store
    /// first (<see cref="FlushListAsync"/>).
    /// </summary>
    Task<IReadOnlyList<LeadListItem>> ListLeadsAsync(LeadListQuery query, CancellationToken ct);

    /// <summary>
    /// Names this store's entries in the pending list: the silo it runs in. A silo that died with
    /// entries left is repaired by another (<see cref="ReadPendingListAsync"/>).
    /// </summary>
    string ListOwner { get; }

    /// <summary>
    /// True when list rows are written behind the journal (<see cref="FlushListAsync"/> has work
    /// to do before a list read); false when each commit writes its leads' rows itself.
    /// </summary>
    bool ListWrittenBehind { get; }

    /// <summary>
    /// Writes the list rows of the leads this store's commits changed since the last flush, and
    /// deletes the pending-list entries they cover. A store that writes the row in the commit
    /// itself (SQLite) has nothing to flush.
    /// </summary>
    Task FlushListAsync(CancellationToken ct);

    /// <summary>
    /// The pending-list entries of owners other than <paramref name="alive"/>: the leads a commit
    /// changed whose list row no flush has written yet, left by silos that are gone.
    /// </summary>
    Task<IReadOnlyList<PendingListRow>> ReadPendingListAsync(IReadOnlyCollection<string> alive, CancellationToken ct);

    Task DeletePendingListAsync(string owner, IReadOnlyList<long> seqs, CancellationToken ct);

    /// <summary>Writes a lead's list row from its state now, unless the stored row is as new (a repair).</summary>
    Task WriteListRowAsync(string tenant, string leadId, LeadState state, string modelVersion, Decay decay, CancellationToken ct);
}

/// <summary>A pending-list entry: one commit's changed leads, by the owner (silo) that has still to write their rows.</summary>
public sealed record PendingListRow(string Owner, long Seq, IReadOnlyList<(string Tenant, string LeadId)> Leads);

/// <summary>What a group commit did: one outcome per request, and the counter deltas it added (null for none).</summary>
public sealed record CommitResult(IReadOnlyList<AppendOutcome> Outcomes, KpiCommit? Kpis);

/// <summary>What a report commit did.</summary>
public sealed record ReportCommitResult(int Accepted, int Duplicates, KpiCommit? Kpis);
