using System.Collections.Concurrent;
using LeadGrains.Abstractions.Tenants;

namespace LeadGrains.Grains.Tenants;

/// <summary>
/// Each tenant's time zone, cached per silo for the hot path (every append needs it to bucket
/// KPI counters). A change reaches other silos within <see cref="Ttl"/>; counters already
/// written keep the zone they were bucketed in (see docs/kpis.md).
/// </summary>
public sealed class TenantZones(IGrainFactory grains, TimeProvider clock)
{
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, (TimeZoneInfo Zone, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);

    public ValueTask<TimeZoneInfo> ForAsync(string tenant)
    {
        if (_cache.TryGetValue(tenant, out var hit) && hit.Until > clock.GetUtcNow())
        {
            return ValueTask.FromResult(hit.Zone);
        }
        return new ValueTask<TimeZoneInfo>(LoadAsync(tenant));
    }

    public void Invalidate(string tenant) => _cache.TryRemove(tenant, out _);

    private async Task<TimeZoneInfo> LoadAsync(string tenant)
    {
        var settings = await grains.GetGrain<ITenantGrain>(TenantKey.Format(tenant)).GetSettingsAsync();
        // Settings are validated on write; a zone this machine does not know falls back to UTC
        // rather than failing ingestion.
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(settings.TimeZone, out var found) ? found : TimeZoneInfo.Utc;
        _cache[tenant] = (zone, clock.GetUtcNow() + Ttl);
        return zone;
    }
}
