using System.Diagnostics.Metrics;
using LeadGrains.Abstractions.Kpis;
using LeadGrains.Domain.Kpis;
using LeadGrains.Storage.Kpis;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LeadGrains.Grains.Kpis;

/// <summary>
/// The silo's KPI pre-aggregator. Journal writers hand it every committed set of counter deltas
/// (already summed over a whole group commit); twice a second it forwards, to each KPI grain
/// with a target in a tenant that had commits, what those commits added inside the target's
/// window. A KPI every event touches therefore gets one small call per flush, whatever the
/// event rate: no hot grain. Deltas are kept per shard commit so a grain can tell exactly which
/// ones it already has (see <see cref="IKpiGrain.ApplyAsync"/>).
/// It is a per-silo singleton rather than a [StatelessWorker] grain because writers must hand
/// over commits synchronously and in order, which a grain call cannot promise.
/// </summary>
public sealed partial class KpiFeed(IGrainFactory grains, KpiTargetRegistry registry, TimeProvider clock, ILogger<KpiFeed> logger)
    : BackgroundService, IKpiCommitSink
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>How often every target is re-evaluated with no new counts (pace, deadlines).</summary>
    public static readonly TimeSpan TickInterval = TimeSpan.FromMinutes(1);

    private static readonly Meter Meter = new("LeadGrains.Kpis");
    private static readonly Counter<long> Flushes = Meter.CreateCounter<long>("leadgrains.kpi.flushes");

    private readonly Lock _gate = new();
    private List<KpiCommit> _pending = [];

    public void Committed(KpiCommit commit)
    {
        lock (_gate)
        {
            _pending.Add(commit);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(FlushInterval, clock);
        var nextTick = clock.GetUtcNow() + TickInterval;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await FlushAsync(stoppingToken);
                if (clock.GetUtcNow() >= nextTick)
                {
                    nextTick = clock.GetUtcNow() + TickInterval;
                    await TickAllAsync(stoppingToken);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Grains that miss a flush see the gap in sequence numbers and reload.
                LogFlushFailed(logger, e);
            }
        }
    }

    public async Task FlushAsync(CancellationToken ct)
    {
        List<KpiCommit> commits;
        lock (_gate)
        {
            if (_pending.Count == 0)
            {
                return;
            }
            commits = _pending;
            _pending = [];
        }

        var targets = await registry.GetAsync(ct);
        var calls = new List<Task>();
        foreach (var tenant in commits.SelectMany(c => c.ByTenant.Keys).Distinct(StringComparer.Ordinal))
        {
            if (!targets.TryGetValue(tenant, out var tenantTargets))
            {
                continue;
            }
            foreach (var target in tenantTargets)
            {
                var flush = new KpiFlush(commits.Select(c => Delta(c, tenant, target)).ToList());
                calls.Add(grains.GetGrain<IKpiGrain>(KpiGrainKey.Format(tenant, target.Kpi)).ApplyAsync(flush));
            }
        }
        Flushes.Add(1);
        await Task.WhenAll(calls);
    }

    private async Task TickAllAsync(CancellationToken ct)
    {
        var targets = await registry.GetAsync(ct);
        await Task.WhenAll(targets.Values.SelectMany(ts => ts)
            .Select(t => grains.GetGrain<IKpiGrain>(KpiGrainKey.Format(t.Tenant, t.Kpi)).TickAsync()));
    }

    /// <summary>What one commit added to a target's counters on days inside its window.</summary>
    private static KpiCommitDelta Delta(KpiCommit commit, string tenant, RegisteredTarget target)
    {
        var counters = new Dictionary<string, double>(StringComparer.Ordinal);
        if (commit.ByTenant.TryGetValue(tenant, out var table))
        {
            foreach (var (key, amount) in table.Entries)
            {
                if (key.Bucket.Period == Period.Day
                    && key.Bucket.Start >= target.Start && key.Bucket.Start <= target.Deadline
                    && key.Scope == target.Scope
                    && target.Counters.Contains(key.Counter))
                {
                    counters[key.Counter.Name] = counters.GetValueOrDefault(key.Counter.Name) + amount;
                }
            }
        }
        return new KpiCommitDelta(commit.Shard, commit.Seq, counters);
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "KPI feed flush failed; affected KPI grains will reload from the store")]
    private static partial void LogFlushFailed(ILogger logger, Exception e);
}
