using LeadGrains.Abstractions.Kpis;
using LeadGrains.Domain.Kpis;
using LeadGrains.Grains.Tenants;
using LeadGrains.Storage.Kpis;
using Microsoft.Extensions.Logging;

namespace LeadGrains.Grains.Kpis;

/// <summary>
/// A KPI with a target. Holds the counter totals of the target's window, loaded from the
/// durable counters with each shard's commit sequence number, then kept live by the silos'
/// feeds: a flushed commit at or below the seen number is already counted and skipped, the next
/// number is added, and a gap (a silo died before flushing) means reload from the store. So the
/// live totals always converge to what the stored events say.
/// </summary>
public sealed partial class KpiGrain(KpiStore store, TenantZones zones, TimeProvider clock, ILogger<KpiGrain> logger) : Grain, IKpiGrain
{
    private string _tenant = "";
    private string _kpi = "";
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;
    private KpiTarget? _target;
    private KpiStatus? _published;
    private long _statusVersion;
    private Dictionary<string, double> _totals = [];
    private Dictionary<int, long> _seen = [];

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_tenant, _kpi) = KpiGrainKey.Parse(this.GetPrimaryKeyString());
        await LoadAsync(cancellationToken);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        _zone = await zones.ForAsync(_tenant);
        var row = await store.ReadTargetAsync(_tenant, _kpi, ct);
        if (row is null)
        {
            _target = null;
            _published = null;
            return;
        }
        _target = TargetDocument.Deserialize(row.Target);
        _published = StatusDocument.Deserialize(row.Status, _target);
        _statusVersion = row.StatusVersion;
        await LoadCountersAsync(ct);
    }

    private async Task LoadCountersAsync(CancellationToken ct)
    {
        var t = _target!;
        var snapshot = await store.ReadDayTotalsAsync(_tenant, t.Kpi.Scope, t.Kpi.Measure.AllCounters().ToList(), t.StartDate, t.Deadline, ct);
        _totals = new Dictionary<string, double>(snapshot.Totals, StringComparer.Ordinal);
        _seen = new Dictionary<int, long>(snapshot.Seqs);
    }

    public async Task ApplyAsync(KpiFlush flush)
    {
        if (_target is null)
        {
            return;
        }
        foreach (var commit in flush.Commits)
        {
            var seen = _seen.GetValueOrDefault(commit.Shard);
            if (commit.Seq <= seen)
            {
                continue;
            }
            if (commit.Seq != seen + 1)
            {
                // A commit of this shard never reached us. The store has it: reload, after which
                // every commit of this flush is at or below what we have seen.
                LogGap(logger, _tenant, _kpi, commit.Shard, seen, commit.Seq);
                await LoadCountersAsync(CancellationToken.None);
                if (commit.Seq <= _seen.GetValueOrDefault(commit.Shard))
                {
                    continue;
                }
            }
            foreach (var (counter, amount) in commit.Counters)
            {
                _totals[counter] = _totals.GetValueOrDefault(counter) + amount;
            }
            _seen[commit.Shard] = commit.Seq;
        }
        await EvaluateAsync();
    }

    public async Task TickAsync()
    {
        if (_target is not null)
        {
            await EvaluateAsync();
        }
    }

    public async Task<KpiTargetStatus?> RefreshAsync()
    {
        await LoadAsync(CancellationToken.None);
        return _target is null ? null : await EvaluateAsync();
    }

    private async Task<KpiTargetStatus> EvaluateAsync()
    {
        var target = _target!;
        var counters = new Dictionary<Counter, double>();
        foreach (var (name, total) in _totals)
        {
            if (Counters.TryGet(name, out var counter))
            {
                counters[counter] = total;
            }
        }
        var value = target.Kpi.Measure.Evaluate(new CounterValues(counters));
        var asOf = Periods.LocalDate(clock.GetUtcNow(), _zone);
        var status = KpiProgress.Evaluate(target, value, asOf);
        var crossings = KpiThresholdDetector.Detect(_published, status);
        if (crossings.Count > 0)
        {
            if (await store.PublishAsync(_tenant, _kpi, _statusVersion, StatusDocument.Serialize(status), crossings, CancellationToken.None))
            {
                _published = status;
                _statusVersion++;
            }
            else
            {
                // Another activation published first, or the target was replaced: take theirs.
                await LoadAsync(CancellationToken.None);
            }
        }
        return StatusViews.From(target, status, value);
    }

    [LoggerMessage(EventId = 3002, Level = LogLevel.Debug, Message = "KPI {Tenant}/{Kpi}: shard {Shard} jumped from {Seen} to {Seq}; reloading counters")]
    private static partial void LogGap(ILogger logger, string tenant, string kpi, int shard, long seen, long seq);
}
