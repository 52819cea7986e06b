using LeadGrains.Domain.Kpis;
using LeadGrains.Storage.Journal;

namespace LeadGrains.Storage.Kpis;

/// <summary>
/// Commits channel reports (POST /v1/metrics) with their counter deltas. Reports are few, so
/// one shard per process and one commit at a time are plenty; serialising is what keeps the
/// shard's commits reaching the KPI feed in sequence order.
/// </summary>
public sealed class ChannelReportWriter(ILeadStore store, IKpiCommitSink? kpis = null) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _shardName = CounterColumns.NewShardName("reports");
    private readonly IKpiCommitSink _kpis = kpis ?? NoKpiCommitSink.Instance;
    private int? _shard;

    public async Task<ReportCommitResult> CommitAsync(string tenant, IReadOnlyList<ChannelMetricReport> reports, TimeZoneInfo zone, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            _shard ??= await store.RegisterShardAsync(_shardName, ct);
            // An id repeated within one request is a duplicate like an id stored before.
            var distinct = reports.DistinctBy(r => r.Id, StringComparer.Ordinal).ToList();
            var result = await store.CommitReportsAsync(tenant, distinct, zone, _shard.Value, ct);
            if (result.Kpis is not null)
            {
                _kpis.Committed(result.Kpis);
            }
            return result with { Duplicates = result.Duplicates + reports.Count - distinct.Count };
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
