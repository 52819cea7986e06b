using LeadGrains.Domain.Leads;
using LeadGrains.Domain.Scoring;

namespace LeadGrains.Storage.Journal;

/// <summary>
/// The column values of a lead's row, derived once from its state for either store, and the
/// snapshot to store beside it when the request asked for one. A class, not a
/// struct: a commit holds hundreds, and an array of them as structs is a large-object allocation.
/// </summary>
internal sealed record LeadRow(
    string Tenant,
    string LeadId,
    long ExpectedVersion,
    long Version,
    string Stage,
    double Score,
    DateTimeOffset ScoreAsOf,
    double Rank,
    int EventCount,
    DateTimeOffset? FirstSeenAt,
    DateTimeOffset? LastActivityAt,
    string? FirstSource,
    string? FirstCampaign,
    string? LastSource,
    string? LastCampaign,
    DateTimeOffset? QualifiedAt,
    string ModelVersion,
    byte[]? Snapshot)
{
    /// <summary>
    /// The order transactions that write lead rows lock them in, so concurrent ones cannot
    /// deadlock. Only what a transaction locks is sorted: a commit on PostgreSQL sorts just its
    /// snapshots (the rows themselves go to the list later), not every row of every commit.
    /// </summary>
    public static readonly Comparison<LeadRow> LockOrder = static (a, b) =>
    {
        var t = string.CompareOrdinal(a.Tenant, b.Tenant);
        return t != 0 ? t : string.CompareOrdinal(a.LeadId, b.LeadId);
    };

    public static LeadRow From(AppendRequest request, LeadChanges changes) =>
        Of(request.Tenant, request.LeadId, request.ExpectedVersion, changes.State, changes.ModelVersion, changes.Decay,
            request.WriteSnapshot ? LeadStateCodec.Encode(changes.State) : null);

    /// <summary>A lead's row from its state alone (a repair of the list).</summary>
    public static LeadRow Of(string tenant, string leadId, LeadState state, string modelVersion, Decay decay) =>
        Of(tenant, leadId, state.Version, state, modelVersion, decay, null);

    private static LeadRow Of(string tenant, string leadId, long expectedVersion, LeadState s, string modelVersion, Decay decay, byte[]? snapshot) =>
        new(
            tenant,
            leadId,
            expectedVersion,
            s.Version,
            s.Stage.Name(),
            s.Score,
            s.ScoreAsOf,
            ScoreRank.Of(s.Score, s.ScoreAsOf, decay),
            s.EventCount,
            s.FirstSeenAt,
            s.LastActivityAt,
            s.FirstTouch?.Source,
            s.FirstTouch?.Campaign,
            s.LastTouch?.Source,
            s.LastTouch?.Campaign,
            s.QualifiedAt,
            modelVersion,
            snapshot);
}
