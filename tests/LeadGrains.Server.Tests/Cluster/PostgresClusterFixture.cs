using LeadGrains.Server.Hosting;
using LeadGrains.Storage;
using LeadGrains.Storage.Journal;
using LeadGrains.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.TestingHost;

namespace LeadGrains.Server.Tests.Cluster;

/// <summary>A TestingHost cluster of three silos whose journal, grain storage and membership are one PostgreSQL database.</summary>
public sealed class PostgresClusterFixture : IAsyncLifetime
{
    public const string ConnectionStringKey = "LeadGrains:ConnectionString";

    public TestCluster Cluster { get; private set; } = null!;

    /// <summary>The cluster's database, for tests that check what was stored.</summary>
    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var cs = ConnectionString = await PostgresServer.CreateDatabaseAsync("cluster");
        await new SchemaMigrator(StorageKind.Postgres, cs, NullLogger.Instance).MigrateAsync();

        var builder = new TestClusterBuilder(3);
        // Membership in our PostgreSQL tables too, as a real cluster runs, not TestingHost's own.
        builder.Options.UseTestClusterMembership = false;
        builder.Options.ConfigureFileLogging = false;
        builder.Properties[ConnectionStringKey] = cs;
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    // Created by type by the TestingHost, so it reads the database from configuration.
    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            var options = new LeadGrainsOptions
            {
                Storage = StorageKind.Postgres,
                ConnectionString = silo.Configuration[ConnectionStringKey],
            };
            silo.Services.AddLeadGrainsSilo(options);
            // Every commit tries COPY first, so a duplicate that reaches the store shows as a fallback.
            silo.Services.Configure<JournalOptions>(o => o.InsertCommitsAfterDuplicate = 0);
            OrleansRegistration.AddGrainStorage(silo, options);
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = OrleansAdoNet.PostgreSql;
                o.ConnectionString = options.ConnectionString;
            });
        }
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder client) =>
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = OrleansAdoNet.PostgreSql;
                o.ConnectionString = configuration[ConnectionStringKey];
            });
    }
}
