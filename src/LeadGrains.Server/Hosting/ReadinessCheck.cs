using LeadGrains.Grains.Leads;
using LeadGrains.Storage.Journal;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LeadGrains.Server.Hosting;

/// <summary>
/// Ready when the store answers a read, the silo has started, and the lead-list rows of silos
/// that died before it started have been repaired.
/// </summary>
public sealed class ReadinessCheck(ILeadStore store, IHostApplicationLifetime lifetime, LeadListRepair repair) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!lifetime.ApplicationStarted.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("starting");
        }
        if (!repair.Started.IsCompletedSuccessfully)
        {
            return HealthCheckResult.Unhealthy("repairing the lead list");
        }
        try
        {
            await store.ReadLeadsAsync([("health", "probe")], cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("store unavailable", e);
        }
    }
}
