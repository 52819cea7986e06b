using LeadGrains.Domain.Leads;
using LeadGrains.Storage.Journal;
using LeadGrains.Storage.Postgres;
using LeadGrains.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using static LeadGrains.Domain.Events.EventCatalog;
using static LeadGrains.Storage.Tests.Journal.Appends;

namespace LeadGrains.Storage.Tests.Journal;

/// <summary>
/// Migration 0006 (PostgreSQL) finds a lead's history by a hash of (tenant, lead_id) and puts the
/// event id first in the exactly-once key. Events stored before it must still be found, for
/// their own tenant only, and still count as duplicates when sent again.
/// </summary>
public sealed class EventKeysMigrationTests
{
    private const int BeforeEventKeys = 5;

    [Fact]
    public async Task Events_stored_before_the_migration_are_read_by_their_lead_and_stay_exactly_once()
    {
        var cs = await PostgresServer.CreateDatabaseAsync("event_keys_migration");
        await new SchemaMigrator(StorageKind.Postgres, cs, NullLogger.Instance).MigrateThroughAsync(BeforeEventKeys);
        await using (var conn = new NpgsqlConnection(cs))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("""
                INSERT INTO lg_leads VALUES ('old', 'lead-1', 3, 'nurturing', 20, now(), 0, 3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'default-1', now());
                INSERT INTO lg_events (tenant, event_id, lead_id, seq, type, occurred_at, received_at) VALUES
                    ('old', 'e1', 'lead-1', 1, 'exhibition.visited', now(), now()),
                    ('old', 'e2', 'lead-1', 2, 'document.requested', now(), now()),
                    ('old', 'e3', 'lead-1', 3, 'document.requested', now(), now()),
                    ('other', 'e1', 'lead-1', 1, 'email.opened', now(), now());
                """, conn);
            await cmd.ExecuteNonQueryAsync();
        }

        var applied = await new SchemaMigrator(StorageKind.Postgres, cs, NullLogger.Instance).MigrateAsync();
        Assert.Contains(applied, m => m.Name == "event_keys");

        await using var dataSource = PostgresDataSource.Create(cs);
        var store = new PostgresLeadStore(dataSource);
        var history = await store.ReadEventsAsync("old", "lead-1", 0, CancellationToken.None);
        Assert.Equal(["e1", "e2", "e3"], history.Select(e => e.EventId));
        Assert.Equal(["e3"], (await store.ReadEventsAsync("old", "lead-1", 2, CancellationToken.None)).Select(e => e.EventId));
        Assert.Equal(["email.opened"], (await store.ReadEventsAsync("other", "lead-1", 0, CancellationToken.None)).Select(e => e.Type));

        var loaded = (await store.LoadLeadsAsync([("old", "lead-1")], CancellationToken.None))[("old", "lead-1")];
        Assert.Null(loaded.Snapshot);
        Assert.Equal([1L, 2, 3], loaded.Later.Select(e => e.Seq));

        var shard = await store.RegisterShardAsync("migration-test", CancellationToken.None);
        var outcome = (await store.CommitAsync(
            [Request("old", new LeadState(), Event("e2", "lead-2", ExhibitionVisited), Event("e4", "lead-2", DocumentRequested))],
            shard, CancellationToken.None)).Outcomes.Single();
        Assert.Equal(1, outcome.Accepted);
        Assert.Equal(1, outcome.Duplicates);
        Assert.Equal(["e4"], (await store.ReadEventsAsync("old", "lead-2", 0, CancellationToken.None)).Select(e => e.EventId));
    }
}
