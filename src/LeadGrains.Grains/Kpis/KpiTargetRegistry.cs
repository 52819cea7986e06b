using LeadGrains.Domain.Kpis;
using LeadGrains.Storage.Kpis;

namespace LeadGrains.Grains.Kpis;

/// <summary>A KPI with a target, as the feed needs it: which counters of which scope and days to forward.</summary>
public sealed record RegisteredTarget(string Tenant, string Kpi, KpiScope Scope, IReadOnlySet<Counter> Counters, DateOnly Start, DateOnly Deadline);

/// <summary>
/// Every tenant's KPI targets, cached per silo and re-read every few seconds (sooner on this
/// silo after a change). A target another silo created reaches this feed within
/// <see cref="MaxAge"/>; its grain loaded the counters when it was set, and detects the commits
/// it missed meanwhile by their sequence numbers.
/// </summary>
public sealed class KpiTargetRegistry
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    private readonly Func<CancellationToken, Task<IReadOnlyList<StoredTarget>>> _read;
    private readonly TimeProvider _clock;
    private readonly Lock _gate = new();
    private IReadOnlyDictionary<string, IReadOnlyList<RegisteredTarget>> _byTenant = new Dictionary<string, IReadOnlyList<RegisteredTarget>>();
    private DateTimeOffset _readAt = DateTimeOffset.MinValue;

    // Counts changes. A read that was in flight when a target changed may not hold the change,
    // so it must not mark the cache fresh, or the feed would skip the new target's commits for
    // MaxAge.
    private long _generation;

    public KpiTargetRegistry(KpiStore store, TimeProvider clock)
        : this(ct => store.ReadTargetsAsync(null, ct), clock)
    {
    }

    internal KpiTargetRegistry(Func<CancellationToken, Task<IReadOnlyList<StoredTarget>>> read, TimeProvider clock)
    {
        _read = read;
        _clock = clock;
    }

    public void Invalidate()
    {
        lock (_gate)
        {
            _generation++;
            _readAt = DateTimeOffset.MinValue;
        }
    }

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<RegisteredTarget>>> GetAsync(CancellationToken ct)
    {
        long generation;
        lock (_gate)
        {
            if (_clock.GetUtcNow() - _readAt < MaxAge)
            {
                return _byTenant;
            }
            generation = _generation;
        }
        var readAt = _clock.GetUtcNow();
        var rows = await _read(ct);
        var targets = new List<RegisteredTarget>(rows.Count);
        foreach (var row in rows)
        {
            var t = TargetDocument.Deserialize(row.Target);
            targets.Add(new RegisteredTarget(row.Tenant, row.Kpi, t.Kpi.Scope, t.Kpi.Measure.AllCounters().ToHashSet(), t.StartDate, t.Deadline));
        }
        var byTenant = targets.GroupBy(t => t.Tenant, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<RegisteredTarget>)g.ToList(), StringComparer.Ordinal);
        lock (_gate)
        {
            _byTenant = byTenant;
            if (_generation == generation)
            {
                _readAt = readAt;
            }
        }
        return byTenant;
    }
}
