using System.Data.Common;
using LeadGrains.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace LeadGrains.Storage.Tests.OrleansSchema;

/// <summary>The Orleans migrations on fresh databases, without a silo.</summary>
public sealed class OrleansMigrationTests
{
    // The keys the providers load at start (AdoNetGrainStorage.Init, DbStoredQueries for clustering),
    // with the optional ones Orleans 10.4 uses when present (DeleteStorageKey, CleanupDefunctSiloEntryKey).
    private static readonly string[] PersistenceKeys =
        ["ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey", "DeleteStorageKey"];

    private static readonly string[] ClusteringKeys =
    [
        "UpdateIAmAlivetimeKey", "InsertMembershipVersionKey", "InsertMembershipKey", "UpdateMembershipKey",
        "MembershipReadRowKey", "MembershipReadAllKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey",
        "CleanupDefunctSiloEntriesKey", "CleanupDefunctSiloEntryKey",
    ];

    private static readonly int[] OrleansVersionsOnPostgres = [100, 101, 102];
    private static readonly int[] OrleansVersionsOnSqlite = [100, 101];

    [Fact]
    public async Task Migrations_apply_once_to_a_fresh_postgres_database()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("orleans_migrations");

        var first = await new SchemaMigrator(StorageKind.Postgres, connectionString, NullLogger.Instance).MigrateAsync();
        var second = await new SchemaMigrator(StorageKind.Postgres, connectionString, NullLogger.Instance).MigrateAsync();

        Assert.Subset(first.Select(m => m.Version).ToHashSet(), OrleansVersionsOnPostgres.ToHashSet());
        Assert.Empty(second);
    }

    [Fact]
    public async Task Migrations_apply_once_to_a_fresh_sqlite_file()
    {
        using var directory = new TempDirectory();
        var connectionString = SqliteConnectionString(directory);

        var first = await new SchemaMigrator(StorageKind.Sqlite, connectionString, NullLogger.Instance).MigrateAsync();
        var second = await new SchemaMigrator(StorageKind.Sqlite, connectionString, NullLogger.Instance).MigrateAsync();
        SqliteConnection.ClearAllPools();

        Assert.Subset(first.Select(m => m.Version).ToHashSet(), OrleansVersionsOnSqlite.ToHashSet());
        Assert.Empty(second);
    }

    [Fact]
    public async Task Postgres_has_every_query_the_persistence_and_clustering_providers_load()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("orleans_queries");
        await new SchemaMigrator(StorageKind.Postgres, connectionString, NullLogger.Instance).MigrateAsync();

        await using var connection = new NpgsqlConnection(connectionString);
        var keys = await ProviderQueryKeysAsync(connection);

        Assert.Subset(keys, PersistenceKeys.Concat(ClusteringKeys).ToHashSet());
    }

    [Fact]
    public async Task Sqlite_has_every_query_the_persistence_provider_loads()
    {
        using var directory = new TempDirectory();
        var connectionString = SqliteConnectionString(directory);
        await new SchemaMigrator(StorageKind.Sqlite, connectionString, NullLogger.Instance).MigrateAsync();

        await using (var connection = new SqliteConnection(connectionString))
        {
            var keys = await ProviderQueryKeysAsync(connection);
            Assert.Subset(keys, PersistenceKeys.ToHashSet());
        }
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task Every_orleans_time_column_on_postgres_is_timestamptz()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("orleans_timestamps");
        await new SchemaMigrator(StorageKind.Postgres, connectionString, NullLogger.Instance).MigrateAsync();

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT table_name || '.' || column_name || ' ' || data_type
            FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name LIKE 'orleans%' AND data_type LIKE '%time%'
            """, connection);
        var columns = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                columns.Add(reader.GetString(0));
            }
        }

        Assert.NotEmpty(columns);
        Assert.All(columns, c => Assert.EndsWith(" timestamp with time zone", c));
    }

    /// <summary>Reads the catalogue with the very statement the providers send at start.</summary>
    private static async Task<HashSet<string>> ProviderQueryKeysAsync(DbConnection connection)
    {
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT QueryKey, QueryText FROM OrleansQuery";
        var keys = new HashSet<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            Assert.False(string.IsNullOrWhiteSpace(reader.GetString(reader.GetOrdinal("QueryText"))));
            keys.Add(reader.GetString(reader.GetOrdinal("QueryKey")));
        }
        return keys;
    }

    private static string SqliteConnectionString(TempDirectory directory) =>
        new SqliteConnectionStringBuilder { DataSource = directory.File("migrations.db") }.ConnectionString;
}
