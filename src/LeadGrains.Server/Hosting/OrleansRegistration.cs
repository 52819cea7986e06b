using System.Net;
using LeadGrains.Grains.Tenants;
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
        silo.Configure<GrainDirectoryOptions>(o => o.CacheSize = options.DirectoryCacheSize);

        AddGrainStorage(silo, options);
        if (options.Storage == StorageKind.Postgres)
        {
            var cs = StorageRegistration.ConnectionString(options);
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = OrleansAdoNet.PostgreSql;
                o.ConnectionString = cs;
            });
            var advertised = AdvertisedAddress(options.AdvertisedAddress);
            silo.ConfigureEndpoints(advertised, options.SiloPort, options.GatewayPort,
                listenOnAnyHostAddress: !IPAddress.IsLoopback(advertised));
        }
        else
        {
            silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
        }
    }

    private static IPAddress AdvertisedAddress(string? setting)
    {
        if (string.IsNullOrWhiteSpace(setting))
        {
            return IPAddress.Loopback;
        }
        if (IPAddress.TryParse(setting, out var ip))
        {
            return ip;
        }
        var addresses = setting.Equals("auto", StringComparison.OrdinalIgnoreCase)
            ? Dns.GetHostAddresses(Dns.GetHostName())
            : Dns.GetHostAddresses(setting);
        return addresses.FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            ?? throw new InvalidOperationException($"LeadGrains:AdvertisedAddress '{setting}' resolves to no non-loopback IPv4 address.");
    }

    /// <summary>Orleans grain state (tenant settings and the like) in the same database, through our own schema.</summary>
    public static void AddGrainStorage(ISiloBuilder silo, LeadGrainsOptions options) =>
        silo.AddAdoNetGrainStorage(TenantGrain.StorageName, o =>
        {
            o.Invariant = OrleansAdoNet.Invariant(options.Storage);
            o.ConnectionString = StorageRegistration.ConnectionString(options);
        });
}
