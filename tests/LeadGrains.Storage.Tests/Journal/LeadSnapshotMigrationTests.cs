using System.Data.Common;
using LeadGrains.Domain.Leads;
using LeadGrains.Domain.Scoring;
using LeadGrains.Storage.Journal;
using LeadGrains.Storage.Postgres;
using LeadGrains.Storage.Sqlite;
using LeadGrains.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using static LeadGrains.Domain.Events.EventCatalog;
using static LeadGrains.Storage.Tests.Journal.Appends;

namespace LeadGrains.Storage.Tests.Journal;

/// <summary>
/// Migration 0005 moved lead snapshots out of the lead row: a lead stored before it must
/// activate from the state its row held, with no replay.
/// </summary>
public sealed class LeadSnapshotMigrationTests
{
    private const int BeforeSnapshots = 4;

    [Fact]
    public async Task On_sqlite_a_lead_stored_before_the_migration_keeps_its_state_as_its_snapshot()
    {
        using var dir = new TempDirectory();
        var cs = SqliteLeadStore.ConnectionStringFor(dir.File("leadgrains.db"));
        await using (var conn = new SqliteConnection(cs))
        {
            await MigrateAndInsertOldRowAsync(StorageKind.Sqlite, cs, conn, "INSERT INTO lg_leads VALUES (@tenant, 'lead-1', 2, 'nurturing', 15, 0, 0, 2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'default-1', @state, 0)");
        }
        using var store = new SqliteLeadStore(cs);
        await AssertStateIsTheSnapshotAsync(store);
    }

    [Fact]
    public async Task On_postgres_a_lead_stored_before_the_migration_keeps_its_state_as_its_snapshot()
    {
        var cs = await PostgresServer.CreateDatabaseAsync("snapshot_migration");
        await using (var conn = new NpgsqlConnection(cs))
        {
            await MigrateAndInsertOldRowAsync(StorageKind.Postgres, cs, conn, "INSERT INTO lg_leads VALUES (@tenant, 'lead-1', 2, 'nurturing', 15, now(), 0, 2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'default-1', @state, now())");
        }
        await using var dataSource = PostgresDataSource.Create(cs);
        await AssertStateIsTheSnapshotAsync(new PostgresLeadStore(dataSource));
    }

    private static readonly byte[] OldState = StateOfTwoEvents();

    private static byte[] StateOfTwoEvents()
    {
        var plan = new LeadState().Plan(
            [(Event("e1", "lead-1", ExhibitionVisited), 1), (Event("e2", "lead-1", DocumentRequested), 2)],
            DefaultScoringModel.Instance, TimeZoneInfo.Utc);
        return LeadStateCodec.Encode(plan.Next);
    }

    private static async Task MigrateAndInsertOldRowAsync(StorageKind kind, string cs, DbConnection conn, string insert)
    {
        await new SchemaMigrator(kind, cs, NullLogger.Instance).MigrateThroughAsync(BeforeSnapshots);
        await conn.OpenAsync();
        await using (var cmd = conn.CreateCommand())
        {
            cmd.CommandText = insert;
            Add(cmd, "tenant", "old");
            Add(cmd, "state", OldState);
            Assert.Equal(1, await cmd.ExecuteNonQueryAsync());
        }
        await conn.CloseAsync();

        var applied = await new SchemaMigrator(kind, cs, NullLogger.Instance).MigrateAsync();
        Assert.Contains(applied, m => m.Name == "lead_snapshots");
    }

    private static void Add(DbCommand cmd, string name, object value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        cmd.Parameters.Add(p);
    }

    private static async Task AssertStateIsTheSnapshotAsync(ILeadStore store)
    {
        var loaded = (await store.LoadLeadsAsync([("old", "lead-1")], CancellationToken.None))[("old", "lead-1")];
        Assert.Equal(2, loaded.Version);
        Assert.Equal(2, loaded.SnapshotVersion);
        Assert.Equal(OldState, loaded.Snapshot);
        Assert.Empty(loaded.Later);
        Assert.Equal(15, (await store.ReadLeadsAsync([("old", "lead-1")], CancellationToken.None))[("old", "lead-1")].Score);
    }
}
