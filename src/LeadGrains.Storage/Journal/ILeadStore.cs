namespace LeadGrains.Storage.Journal;

/// <summary>
/// The durable truth: the event journal, lead rows and the transition outbox, behind one
/// interface with a PostgreSQL and a SQLite implementation (one contract test suite covers both).
/// </summary>
public interface ILeadStore
{
    StorageKind Kind { get; }

    /// <summary>
    /// Commits many grains' appends in one transaction: inserts their events (dropping ids already
    /// stored), writes each lead's row with an optimistic version check, records the transitions.
    /// Returns one outcome per request, in order. Throws <see cref="LeadVersionConflictException"/>
    /// (and commits nothing) when a lead's stored version is not the expected one.
    /// </summary>
    Task<IReadOnlyList<AppendOutcome>> CommitAsync(IReadOnlyList<AppendRequest> requests, CancellationToken ct);

    Task<IReadOnlyDictionary<(string Tenant, string LeadId), StoredLead>> ReadLeadsAsync(
        IReadOnlyCollection<(string Tenant, string LeadId)> keys, CancellationToken ct);

    Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(string tenant, string leadId, long afterSeq, CancellationToken ct);

    Task<IReadOnlyList<StoredTransition>> ReadTransitionsAsync(string tenant, string leadId, CancellationToken ct);

    Task<IReadOnlyList<LeadListItem>> ListLeadsAsync(LeadListQuery query, CancellationToken ct);
}
