using System.Net;
using LeadGrains.Storage;
using Orleans.Configuration;

namespace LeadGrains.Server.Hosting;

/// <summary>
/// The silo co-hosted in this process: localhost clustering for the embedded single silo,
/// ADO.NET clustering on the shared PostgreSQL database when several processes form a cluster.
/// </summary>
public static class OrleansRegistration
{
    public static void ConfigureSilo(ISiloBuilder silo, LeadGrainsOptions options)
    {
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = options.ClusterId;
            o.ServiceId = options.ServiceId;
        });

        if (options.Storage == StorageKind.Postgres)
        {
            var cs = StorageRegistration.ConnectionString(options);
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = cs;
            });
            silo.ConfigureEndpoints(IPAddress.Loopback, options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: false);
        }
        else
        {
            silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
        }
    }
}
