using LeadGrains.Domain.Events;
using LeadGrains.Domain.Leads;
using LeadGrains.Storage.Journal;
using LeadGrains.Storage.Kpis;
using LeadGrains.Storage.Tests.Kpis;
using LeadGrains.Storage.Postgres;
using LeadGrains.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using static LeadGrains.Domain.Events.EventCatalog;
using static LeadGrains.Storage.Tests.Journal.Appends;

namespace LeadGrains.Storage.Tests.Journal;

public sealed class PostgresStoreFixture : IAsyncLifetime
{
    private NpgsqlDataSource? _dataSource;

    public PostgresLeadStore Store { get; private set; } = null!;

    /// <summary>The same database as the store of a silo that remembers its recent event keys, as the server runs.</summary>
    public PostgresLeadStore RememberingStore { get; private set; } = null!;

    public KpiStore Kpis { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var cs = await PostgresServer.CreateDatabaseAsync("store");
        await new SchemaMigrator(StorageKind.Postgres, cs, NullLogger.Instance).MigrateAsync();
        _dataSource = PostgresDataSource.Create(cs);
        // No cool-off and no recent keys: every commit tries COPY first, so each duplicate in the
        // contract tests also goes through the fallback to the INSERT path.
        Store = new PostgresLeadStore(_dataSource, insertCommitsAfterDuplicate: 0, recentEventsRemembered: 0);
        // With recent keys, a duplicate this store committed goes by the INSERT beside the COPY.
        RememberingStore = new PostgresLeadStore(_dataSource, insertCommitsAfterDuplicate: 0);
        Kpis = KpiStore.ForPostgres(_dataSource);
    }

    public async Task DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }
    }
}

public sealed class PostgresLeadStoreTests(PostgresStoreFixture fixture) : LeadStoreContract, IClassFixture<PostgresStoreFixture>
{
    protected override ILeadStore Store => fixture.Store;
}

public sealed class PostgresRememberingLeadStoreTests(PostgresStoreFixture fixture) : LeadStoreContract, IClassFixture<PostgresStoreFixture>
{
    protected override ILeadStore Store => fixture.RememberingStore;
}

public sealed class PostgresKpiCountersTests(PostgresStoreFixture fixture) : KpiCountersContract, IClassFixture<PostgresStoreFixture>
{
    protected override ILeadStore Store => fixture.Store;

    protected override KpiStore Kpis => fixture.Kpis;
}

/// <summary>The COPY fast path and its fallback: what a duplicate costs, and that nothing is lost or counted twice.</summary>
public sealed class PostgresCopyFallbackTests
{
    private static async Task<NpgsqlDataSource> NewDatabaseAsync()
    {
        var dataSource = PostgresDataSource.Create(await PostgresServer.CreateDatabaseAsync("copyfallback"));
        await new SchemaMigrator(StorageKind.Postgres, dataSource.ConnectionString, NullLogger.Instance).MigrateAsync();
        return dataSource;
    }

    /// <summary>
    /// A store with a cool-off of two commits, its shard, and a tenant of its own. By default it
    /// remembers no recent keys, like a silo that restarted: every duplicate reaches the COPY.
    /// </summary>
    private static async Task<(PostgresLeadStore Store, int Shard, string Tenant)> NewStoreAsync(NpgsqlDataSource dataSource, bool remember = false)
    {
        var store = new PostgresLeadStore(dataSource, insertCommitsAfterDuplicate: 2,
            recentEventsRemembered: remember ? PostgresLeadStore.DefaultRecentEventsRemembered : 0);
        var shard = await store.RegisterShardAsync("copy-" + Guid.NewGuid().ToString("N"), CancellationToken.None);
        return (store, shard, "t" + Guid.NewGuid().ToString("N")[..12]);
    }

    [Fact]
    public async Task A_commit_of_many_copy_chunks_and_one_row_larger_than_a_chunk_is_stored_whole()
    {
        await using var dataSource = await NewDatabaseAsync();
        var (store, shard, tenant) = await NewStoreAsync(dataSource);
        var note = new string('x', 100_000);
        var big = Event("big", "lead-0", WebPageViewed) with
        {
            Properties = EventPropertiesReader.FromStoredJson($$"""{"path":"/pricing","note":"{{note}}"}"""),
        };
        var requests = Enumerable.Range(0, 300)
            .Select(l => Request(tenant, new(), [.. Enumerable.Range(0, 10).Select(i => Event($"e-{l}-{i}", $"lead-{l}", EmailOpened, T0.AddMinutes(i)))]))
            .Append(Request(tenant, new(), big with { LeadId = "lead-big" }))
            .ToList();

        var outcomes = (await store.CommitAsync(requests, shard, CancellationToken.None)).Outcomes;

        Assert.Equal(3_001, outcomes.Sum(o => o.Accepted));
        Assert.Equal(0, store.InsertCommitsLeft);   // went in by COPY
        Assert.Equal(10, (await store.ReadEventsAsync(tenant, "lead-299", 0, CancellationToken.None)).Count);
        Assert.Equal(big.Properties.Json, Assert.Single(await store.ReadEventsAsync(tenant, "lead-big", 0, CancellationToken.None)).Properties);
    }

    [Fact]
    public async Task A_row_that_cannot_be_encoded_fails_its_commit_whole_and_the_next_commit_copies_as_usual()
    {
        await using var dataSource = await NewDatabaseAsync();
        var (store, shard, tenant) = await NewStoreAsync(dataSource);
        // A lone surrogate is not text PostgreSQL can store; the COPY is cancelled mid-stream,
        // with a valid event before it in the same commit.
        var broken = Request(tenant, new(), Event("e1", "lead-1", ExhibitionVisited), Event("e2\ud800", "lead-1", DocumentRequested));

        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.CommitAsync([broken], shard, CancellationToken.None));

        Assert.Empty(await store.ReadEventsAsync(tenant, "lead-1", 0, CancellationToken.None));
        Assert.Empty(await store.ReadLeadsAsync([(tenant, "lead-1")], CancellationToken.None));
        var outcome = (await store.CommitAsync([Request(tenant, new(), Event("e1", "lead-1", ExhibitionVisited))], shard, CancellationToken.None)).Outcomes.Single();
        Assert.Equal((1, 0), (outcome.Accepted, outcome.Duplicates));
        Assert.Equal(0, store.InsertCommitsLeft);
        Assert.Equal(["e1"], (await store.ReadEventsAsync(tenant, "lead-1", 0, CancellationToken.None)).Select(e => e.EventId));
    }

    [Fact]
    public async Task A_duplicate_sends_the_next_commits_down_the_insert_path_and_then_copy_resumes()
    {
        await using var dataSource = await NewDatabaseAsync();
        var (store, shard, tenant) = await NewStoreAsync(dataSource);

        var first = (await store.CommitAsync([Request(tenant, new(), Event("e1", "lead-1", ExhibitionVisited))], shard, CancellationToken.None)).Outcomes.Single();
        Assert.Equal(0, store.InsertCommitsLeft);

        // e1 again with a new event: COPY fails on e1, the redo inserts e2 alone.
        var retry = (await store.CommitAsync(
            [Request(tenant, first.Applied!.State, Event("e1", "lead-1", ExhibitionVisited), Event("e2", "lead-1", DocumentRequested))],
            shard, CancellationToken.None)).Outcomes.Single();
        Assert.Equal((1, 1), (retry.Accepted, retry.Duplicates));
        Assert.Equal(1, store.InsertCommitsLeft);                       // a lone miss: one commit

        var state = retry.Applied!.State;
        for (var i = 3; i <= 5; i++)
        {
            var outcome = (await store.CommitAsync([Request(tenant, state, Event($"e{i}", "lead-1", DocumentRequested))], shard, CancellationToken.None)).Outcomes.Single();
            Assert.Equal((1, 0), (outcome.Accepted, outcome.Duplicates));
            state = outcome.Applied!.State;
        }
        Assert.Equal(0, store.InsertCommitsLeft);

        await store.FlushListAsync(CancellationToken.None);
        var row = (await store.ReadLeadsAsync([(tenant, "lead-1")], CancellationToken.None))[(tenant, "lead-1")];
        Assert.Equal(5, row.EventCount);
        Assert.Equal(state.Score, row.Score);
        Assert.Equal(["e1", "e2", "e3", "e4", "e5"], (await store.ReadEventsAsync(tenant, "lead-1", 0, CancellationToken.None)).Select(e => e.EventId));
    }

    [Fact]
    public async Task Misses_in_a_row_double_the_cool_off_up_to_its_bound_and_a_copy_that_succeeds_resets_it()
    {
        await using var dataSource = await NewDatabaseAsync();
        var store = new PostgresLeadStore(dataSource, insertCommitsAfterDuplicate: 4, recentEventsRemembered: 0);
        var (_, shard, tenant) = await NewStoreAsync(dataSource);
        var state = (await store.CommitAsync([Request(tenant, new(), Event("e1", "lead-1", ExhibitionVisited))], shard, CancellationToken.None))
            .Outcomes.Single().Applied!.State;

        // A replay: every commit re-sends e1. Each COPY tried fails, and the cool-off after it grows.
        var coolOffs = new List<int>();
        for (var i = 0; i < 1 + 1 + 2 + 4 + 4; i++)
        {
            var copyTried = store.InsertCommitsLeft == 0;
            var outcome = (await store.CommitAsync([Request(tenant, state, Event("e1", "lead-1", ExhibitionVisited))], shard, CancellationToken.None)).Outcomes.Single();
            Assert.Equal((0, 1), (outcome.Accepted, outcome.Duplicates));
            if (copyTried)
            {
                coolOffs.Add(store.InsertCommitsLeft);
            }
        }
        Assert.Equal([1, 2, 4, 4], coolOffs);

        // New events again: once the cool-off has run out, a COPY succeeds and the next miss costs one commit.
        var next = 2;
        do
        {
            state = (await store.CommitAsync([Request(tenant, state, Event($"e{next++}", "lead-1", DocumentRequested))], shard, CancellationToken.None))
                .Outcomes.Single().Applied!.State;
        }
        while (store.InsertCommitsLeft > 0);
        state = (await store.CommitAsync([Request(tenant, state, Event("by-copy", "lead-1", DocumentRequested))], shard, CancellationToken.None))
            .Outcomes.Single().Applied!.State;
        await store.CommitAsync([Request(tenant, state, Event("e1", "lead-1", ExhibitionVisited))], shard, CancellationToken.None);
        Assert.Equal(1, store.InsertCommitsLeft);
    }

    [Fact]
    public async Task A_retry_of_events_the_store_committed_goes_in_beside_the_copy_and_costs_no_fallback()
    {
        await using var dataSource = await NewDatabaseAsync();
        var (store, shard, tenant) = await NewStoreAsync(dataSource, remember: true);
        var first = (await store.CommitAsync([Request(tenant, new(), Event("e1", "lead-1", ExhibitionVisited))], shard, CancellationToken.None)).Outcomes.Single();

        var retry = (await store.CommitAsync(
            [Request(tenant, first.Applied!.State, Event("e1", "lead-1", ExhibitionVisited), Event("e2", "lead-1", DocumentRequested))],
            shard, CancellationToken.None)).Outcomes.Single();

        Assert.Equal((1, 1), (retry.Accepted, retry.Duplicates));
        Assert.Equal(0, store.InsertCommitsLeft);   // the COPY did not fail
        await store.FlushListAsync(CancellationToken.None);
        var row = (await store.ReadLeadsAsync([(tenant, "lead-1")], CancellationToken.None))[(tenant, "lead-1")];
        Assert.Equal(2, row.EventCount);
        Assert.Equal(retry.Applied!.State.Score, row.Score);
        Assert.Equal(["e1", "e2"], (await store.ReadEventsAsync(tenant, "lead-1", 0, CancellationToken.None)).Select(e => e.EventId));
    }

    [Fact]
    public async Task A_remembered_key_that_is_not_stored_is_still_inserted()
    {
        await using var dataSource = await NewDatabaseAsync();
        var (store, shard, tenant) = await NewStoreAsync(dataSource, remember: true);
        await store.CommitAsync([Request(tenant, new(), Event("e1", "lead-1", ExhibitionVisited))], shard, CancellationToken.None);
        // The hint is wrong now: the store remembers e1, which is gone (as after a false hash match).
        await using (var delete = dataSource.CreateCommand("DELETE FROM lg_events WHERE tenant = $1"))
        {
            delete.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tenant });
            await delete.ExecuteNonQueryAsync();
        }

        var again = (await store.CommitAsync(
            [Request(tenant, new(), Event("e1", "lead-2", ExhibitionVisited), Event("e2", "lead-2", DocumentRequested))],
            shard, CancellationToken.None)).Outcomes.Single();

        Assert.Equal((2, 0), (again.Accepted, again.Duplicates));
        Assert.Equal(["e1", "e2"], (await store.ReadEventsAsync(tenant, "lead-2", 0, CancellationToken.None)).Select(e => e.EventId));
    }

    [Fact]
    public async Task A_duplicate_another_silo_committed_still_fails_the_copy_and_is_caught_by_the_fallback()
    {
        await using var dataSource = await NewDatabaseAsync();
        var (store, shard, tenant) = await NewStoreAsync(dataSource, remember: true);
        var (other, otherShard, _) = await NewStoreAsync(dataSource, remember: true);
        var first = (await store.CommitAsync([Request(tenant, new(), Event("e1", "lead-1", ExhibitionVisited))], shard, CancellationToken.None)).Outcomes.Single();

        var retry = (await other.CommitAsync(
            [Request(tenant, first.Applied!.State, Event("e1", "lead-1", ExhibitionVisited), Event("e2", "lead-1", DocumentRequested))],
            otherShard, CancellationToken.None)).Outcomes.Single();

        Assert.Equal((1, 1), (retry.Accepted, retry.Duplicates));
        Assert.Equal(1, other.InsertCommitsLeft);
        Assert.Equal(["e1", "e2"], (await store.ReadEventsAsync(tenant, "lead-1", 0, CancellationToken.None)).Select(e => e.EventId));
    }
}

/// <summary>
/// Writing the lead list and loading leads look leads up by key even when the planner's
/// statistics are stale: a table that grew tenfold since it was last analyzed (a bulk import, a
/// benchmark's first minute) once made the planner hash-join a commit's keys against a scan of
/// the whole table, once per commit.
/// </summary>
public sealed class PostgresLeadRowPlanTests
{
    [Fact]
    public async Task Writing_the_list_and_loading_leads_read_no_table_scan_when_statistics_are_stale()
    {
        // One connection, so the statistics this test reads are the ones the store's commit made.
        var cs = await PostgresServer.CreateDatabaseAsync("leadrowplan") + ";Maximum Pool Size=1";
        await new SchemaMigrator(StorageKind.Postgres, cs, NullLogger.Instance).MigrateAsync();
        await using var dataSource = PostgresDataSource.Create(cs);
        var store = new PostgresLeadStore(dataSource, insertCommitsAfterDuplicate: 0, recentEventsRemembered: 0);
        var shard = await store.RegisterShardAsync("plan-" + Guid.NewGuid().ToString("N"), CancellationToken.None);
        const string tenant = "plan";

        async Task<Dictionary<string, LeadState>> NewLeadsAsync(int from, int count)
        {
            var requests = Enumerable.Range(from, count)
                .Select(i => Request(tenant, new(), Event($"first-{i}", $"lead-{i}", EmailOpened)))
                .ToList();
            var outcomes = (await store.CommitAsync(requests, shard, CancellationToken.None)).Outcomes;
            await store.FlushListAsync(CancellationToken.None);
            return requests.Zip(outcomes).ToDictionary(p => p.First.LeadId, p => p.Second.Applied!.State);
        }

        var states = await NewLeadsAsync(0, 2_000);
        foreach (var table in ScannedTables)
        {
            await ExecuteAsync(dataSource, $"ALTER TABLE {table} SET (autovacuum_enabled = false); ANALYZE {table};");
        }
        for (var from = 2_000; from < 32_000; from += 5_000)
        {
            foreach (var (lead, state) in await NewLeadsAsync(from, 5_000))
            {
                states[lead] = state;
            }
        }
        var scansBefore = await TableScansAsync(dataSource);

        var updates = Enumerable.Range(0, 500)
            .Select(i => $"lead-{i * 61 % 32_000}")
            .Select(lead => Request(tenant, states[lead], Event($"second-{lead}", lead, EmailClicked)))
            .ToList();
        var outcomes = (await store.CommitAsync(updates, shard, CancellationToken.None)).Outcomes;
        await store.FlushListAsync(CancellationToken.None);

        Assert.All(outcomes, o => Assert.Equal(1, o.Accepted));
        Assert.Equal(scansBefore, await TableScansAsync(dataSource));

        // Activation reads snapshots and later events of many leads at once, the same way.
        var loaded = await store.LoadLeadsAsync([.. Enumerable.Range(0, 500).Select(i => (tenant, $"lead-{i * 67 % 32_000}"))], CancellationToken.None);
        Assert.Equal(500, loaded.Count);
        Assert.Equal(scansBefore, await TableScansAsync(dataSource));
    }

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var cmd = dataSource.CreateCommand(sql);
        await cmd.ExecuteNonQueryAsync();
    }

    private static readonly string[] ScannedTables = ["lg_leads", "lg_lead_snapshots", "lg_events"];

    /// <summary>Sequential scans of the tables a commit, a flush and a load read, with this backend's pending counts flushed first.</summary>
    private static async Task<long> TableScansAsync(NpgsqlDataSource dataSource)
    {
        await ExecuteAsync(dataSource, "SELECT pg_stat_force_next_flush()");
        await ExecuteAsync(dataSource, "SELECT pg_stat_clear_snapshot()");
        await using var cmd = dataSource.CreateCommand("SELECT sum(seq_scan)::bigint FROM pg_stat_user_tables WHERE relname = ANY(@tables)");
        cmd.Parameters.AddWithValue("tables", ScannedTables);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}

/// <summary>
/// The pending list on PostgreSQL: what a silo that dies before its flush leaves, as the silo
/// that repairs it reads it.
/// </summary>
public sealed class PostgresPendingListTests
{
    [Fact]
    public async Task Entries_a_store_has_not_flushed_are_read_by_another_unless_their_owner_is_alive()
    {
        await using var dataSource = PostgresDataSource.Create(await PostgresServer.CreateDatabaseAsync("pendinglist"));
        await new SchemaMigrator(StorageKind.Postgres, dataSource.ConnectionString, NullLogger.Instance).MigrateAsync();
        var died = new PostgresLeadStore(dataSource, listOwner: "silo-that-died");
        var repairer = new PostgresLeadStore(dataSource, listOwner: "silo-that-repairs");
        var shard = await died.RegisterShardAsync("pending-" + Guid.NewGuid().ToString("N"), CancellationToken.None);
        await died.CommitAsync([Request("t", new(), Event("a1", "lead-a", DocumentRequested)), Request("t", new(), Event("b1", "lead-b", EmailOpened))],
            shard, CancellationToken.None);

        var orphans = await repairer.ReadPendingListAsync([repairer.ListOwner], CancellationToken.None);
        var whileAlive = await repairer.ReadPendingListAsync([repairer.ListOwner, died.ListOwner], CancellationToken.None);

        var entry = Assert.Single(orphans);
        Assert.Equal("silo-that-died", entry.Owner);
        Assert.Equal([("t", "lead-a"), ("t", "lead-b")], entry.Leads.Order());
        Assert.Empty(whileAlive);
        Assert.Empty(await repairer.ReadLeadsAsync([("t", "lead-a")], CancellationToken.None));   // not listed until a flush or repair

        await repairer.DeletePendingListAsync(entry.Owner, [entry.Seq], CancellationToken.None);
        Assert.Empty(await repairer.ReadPendingListAsync([], CancellationToken.None));
    }

    [Fact]
    public async Task A_thousand_lead_entry_is_compressed_with_lz4_where_the_server_has_it_and_reads_back_whole()
    {
        await using var dataSource = PostgresDataSource.Create(await PostgresServer.CreateDatabaseAsync("pendinglz4"));
        await new SchemaMigrator(StorageKind.Postgres, dataSource.ConnectionString, NullLogger.Instance).MigrateAsync();
        var died = new PostgresLeadStore(dataSource, listOwner: "silo-that-died");
        var shard = await died.RegisterShardAsync("pending-" + Guid.NewGuid().ToString("N"), CancellationToken.None);
        var leads = Enumerable.Range(0, 1_000).Select(i => $"lead-{i:D5}").ToList();
        await died.CommitAsync(leads.Select(l => Request("t", new(), Event("e-" + l, l, EmailOpened))).ToList(), shard, CancellationToken.None);

        await using var cmd = dataSource.CreateCommand(
            """
            SELECT pg_column_compression(tenants), pg_column_compression(lead_ids),
                   EXISTS (SELECT FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals))
            FROM lg_lead_list_pending
            """);
        await using var reader = await cmd.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var expected = reader.GetBoolean(2) ? "lz4" : "pglz";
        Assert.Equal((expected, expected), (reader.GetString(0), reader.GetString(1)));

        var entry = Assert.Single(await new PostgresLeadStore(dataSource, listOwner: "silo-that-repairs").ReadPendingListAsync([], CancellationToken.None));
        Assert.Equal(leads.Select(l => ("t", l)), entry.Leads.Order());
    }
}
