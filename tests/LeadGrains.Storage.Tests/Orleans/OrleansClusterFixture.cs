using System.Data.Common;
using LeadGrains.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.TestingHost;

namespace LeadGrains.Storage.Tests.OrleansSchema;

/// <summary>
/// A migrated database of its own plus a TestingHost cluster whose silos keep grain state in it
/// through the real Orleans ADO.NET provider. One per test class: a cluster costs seconds.
/// </summary>
public abstract class OrleansClusterFixture : IAsyncLifetime
{
    /// <summary>The grain storage the test grains use (ClearStorageKey on clear).</summary>
    public const string StorageName = "store";

    /// <summary>The same table through a provider with DeleteStateOnClear (DeleteStorageKey on clear).</summary>
    public const string DeletingStorageName = "store-delete-on-clear";

    // TestingHost creates configurators by type inside each silo host, so the database reaches
    // them as configuration values (TestClusterBuilder.Properties).
    internal const string KindKey = "LeadGrainsTest:StorageKind";
    internal const string ConnectionStringKey = "LeadGrainsTest:ConnectionString";
    internal const string AdoNetClusteringKey = "LeadGrainsTest:AdoNetClustering";

    private TestCluster? _cluster;

    public abstract StorageKind Kind { get; }

    public string ConnectionString { get; private set; } = "";

    public TestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not deployed.");

    protected abstract short SiloCount { get; }

    /// <summary>Silos (and the client) use our clustering tables instead of TestingHost's own membership.</summary>
    protected abstract bool UsesAdoNetClustering { get; }

    protected abstract Task<string> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        ConnectionString = await CreateDatabaseAsync();
        await new SchemaMigrator(Kind, ConnectionString, NullLogger.Instance).MigrateAsync();

        var builder = new TestClusterBuilder(SiloCount);
        builder.Options.ConfigureFileLogging = false;
        builder.Options.UseTestClusterMembership = !UsesAdoNetClustering;
        builder.Properties[KindKey] = Kind.ToString();
        builder.Properties[ConnectionStringKey] = ConnectionString;
        builder.Properties[AdoNetClusteringKey] = UsesAdoNetClustering.ToString();
        builder.AddSiloBuilderConfigurator<AdoNetSiloConfigurator>();
        if (UsesAdoNetClustering)
        {
            builder.AddClientBuilderConfigurator<AdoNetClientConfigurator>();
        }

        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
        await DropDatabaseAsync();
    }

    protected virtual Task DropDatabaseAsync() => Task.CompletedTask;

    public async Task<DbConnection> OpenAsync()
    {
        DbConnection connection = Kind == StorageKind.Postgres
            ? new NpgsqlConnection(ConnectionString)
            : new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Runs a query with <c>@name</c> parameters against the store and returns the first column of the first row as a number.</summary>
    public async Task<long> ScalarAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    private sealed class AdoNetSiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var (invariant, connectionString) = Store(siloBuilder.Configuration);
            siloBuilder.AddAdoNetGrainStorage(StorageName, o =>
            {
                o.Invariant = invariant;
                o.ConnectionString = connectionString;
            });
            siloBuilder.AddAdoNetGrainStorage(DeletingStorageName, o =>
            {
                o.Invariant = invariant;
                o.ConnectionString = connectionString;
                o.DeleteStateOnClear = true;
            });
            if (bool.Parse(siloBuilder.Configuration[AdoNetClusteringKey]!))
            {
                siloBuilder.UseAdoNetClustering(o =>
                {
                    o.Invariant = invariant;
                    o.ConnectionString = connectionString;
                });
            }
        }
    }

    private sealed class AdoNetClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder)
        {
            var (invariant, connectionString) = Store(configuration);
            clientBuilder.UseAdoNetClustering(o =>
            {
                o.Invariant = invariant;
                o.ConnectionString = connectionString;
            });
        }
    }

    private static (string Invariant, string ConnectionString) Store(IConfiguration configuration) =>
        (OrleansAdoNet.Invariant(Enum.Parse<StorageKind>(configuration[KindKey]!)), configuration[ConnectionStringKey]!);
}

/// <summary>Two silos on PostgreSQL, clustered through our membership tables.</summary>
public sealed class PostgresClusterFixture : OrleansClusterFixture
{
    public override StorageKind Kind => StorageKind.Postgres;

    protected override short SiloCount => 2;

    protected override bool UsesAdoNetClustering => true;

    protected override Task<string> CreateDatabaseAsync() => PostgresServer.CreateDatabaseAsync("orleans_cluster");
}

/// <summary>The embedded mode: one silo on a SQLite file, with TestingHost's own membership.</summary>
public sealed class SqliteClusterFixture : OrleansClusterFixture
{
    private readonly TempDirectory _directory = new("leadgrains-orleans-sqlite-");

    public override StorageKind Kind => StorageKind.Sqlite;

    protected override short SiloCount => 1;

    protected override bool UsesAdoNetClustering => false;

    protected override Task<string> CreateDatabaseAsync() =>
        Task.FromResult(new SqliteConnectionStringBuilder { DataSource = _directory.File("grains.db") }.ConnectionString);

    protected override Task DropDatabaseAsync()
    {
        // Pooled connections keep the file open.
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
        return Task.CompletedTask;
    }
}
