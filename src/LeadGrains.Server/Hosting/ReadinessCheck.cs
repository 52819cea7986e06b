using LeadGrains.Grains.Leads;
using LeadGrains.Storage.Journal;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LeadGrains.Server.Hosting;

/// <summary>
/// Ready when the store answers a read and the silo has started. Not gated on the lead list's
/// start-up repair, which after a crash under load can take a while: ingest and lead reads do
/// not need it, and list reads wait for it themselves (<see cref="ClusterLeadList"/>).
/// </summary>
public sealed class ReadinessCheck(ILeadStore store, IHostApplicationLifetime lifetime) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!lifetime.ApplicationStarted.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("starting");
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
