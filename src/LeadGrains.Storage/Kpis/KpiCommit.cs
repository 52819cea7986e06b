using LeadGrains.Domain.Kpis;

namespace LeadGrains.Storage.Kpis;

/// <summary>
/// The counter deltas one committed transaction added, per tenant, tagged with the writer's
/// shard and the commit's sequence number in that shard. Handed to the silo's KPI feed after
/// commit; the (shard, seq) pair lets a KPI grain tell a flush it has already loaded from one
/// it has not.
/// </summary>
public sealed record KpiCommit(int Shard, long Seq, IReadOnlyDictionary<string, CounterTable> ByTenant);

/// <summary>Receives every committed <see cref="KpiCommit"/>, in commit order per shard.</summary>
public interface IKpiCommitSink
{
    /// <summary>Called on the writer's loop right after commit; must not block.</summary>
    void Committed(KpiCommit commit);
}

/// <summary>For stores used without KPI grains (tools, some tests).</summary>
public sealed class NoKpiCommitSink : IKpiCommitSink
{
    public static readonly NoKpiCommitSink Instance = new();

    public void Committed(KpiCommit commit)
    {
    }
}
