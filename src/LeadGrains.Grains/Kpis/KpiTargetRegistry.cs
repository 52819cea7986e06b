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
public sealed class KpiTargetRegistry(KpiStore store, TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    private IReadOnlyDictionary<string, IReadOnlyList<RegisteredTarget>> _byTenant = new Dictionary<string, IReadOnlyList<RegisteredTarget>>();
    private DateTimeOffset _readAt = DateTimeOffset.MinValue;

    public void Invalidate() => _readAt = DateTimeOffset.MinValue;

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<RegisteredTarget>>> GetAsync(CancellationToken ct)
    {
        if (clock.GetUtcNow() - _readAt < MaxAge)
        {
            return _byTenant;
        }
        var readAt = clock.GetUtcNow();
        var rows = await store.ReadTargetsAsync(null, ct);
        var targets = new List<RegisteredTarget>(rows.Count);
        foreach (var row in rows)
        {
            var t = TargetDocument.Deserialize(row.Target);
            targets.Add(new RegisteredTarget(row.Tenant, row.Kpi, t.Kpi.Scope, t.Kpi.Measure.AllCounters().ToHashSet(), t.StartDate, t.Deadline));
        }
        _byTenant = targets.GroupBy(t => t.Tenant, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<RegisteredTarget>)g.ToList(), StringComparer.Ordinal);
        _readAt = readAt;
        return _byTenant;
    }
}
