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

    public KpiStore Kpis { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var cs = await PostgresServer.CreateDatabaseAsync("store");
        await new SchemaMigrator(StorageKind.Postgres, cs, NullLogger.Instance).MigrateAsync();
        _dataSource = PostgresDataSource.Create(cs);
        // No cool-off: every commit tries COPY first, so each duplicate in the contract tests
        // also goes through the fallback to the INSERT path.
        Store = new PostgresLeadStore(_dataSource, insertCommitsAfterDuplicate: 0);
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

    /// <summary>A store with a cool-off of two commits, its shard, and a tenant of its own.</summary>
    private static async Task<(PostgresLeadStore Store, int Shard, string Tenant)> NewStoreAsync(NpgsqlDataSource dataSource)
    {
        var store = new PostgresLeadStore(dataSource, insertCommitsAfterDuplicate: 2);
        var shard = await store.RegisterShardAsync("copy-" + Guid.NewGuid().ToString("N"), CancellationToken.None);
        return (store, shard, "t" + Guid.NewGuid().ToString("N")[..12]);
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

        var row = (await store.ReadLeadsAsync([(tenant, "lead-1")], CancellationToken.None))[(tenant, "lead-1")];
        Assert.Equal(5, row.EventCount);
        Assert.Equal(state.Score, row.Score);
        Assert.Equal(["e1", "e2", "e3", "e4", "e5"], (await store.ReadEventsAsync(tenant, "lead-1", 0, CancellationToken.None)).Select(e => e.EventId));
    }

    [Fact]
    public async Task Misses_in_a_row_double_the_cool_off_up_to_its_bound_and_a_copy_that_succeeds_resets_it()
    {
        await using var dataSource = await NewDatabaseAsync();
        var store = new PostgresLeadStore(dataSource, insertCommitsAfterDuplicate: 4);
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
    public async Task Events_marked_likely_stored_go_in_beside_the_copy_so_a_retry_costs_no_fallback()
    {
        await using var dataSource = await NewDatabaseAsync();
        var (store, shard, tenant) = await NewStoreAsync(dataSource);

        var first = (await store.CommitAsync([Request(tenant, new(), Event("e1", "lead-1", ExhibitionVisited))], shard, CancellationToken.None)).Outcomes.Single();

        // A retry of e1 (marked, stored), a new e2, and e3 marked though it is new (a hash's false match).
        var retry = Request(tenant, first.Applied!.State,
                Event("e1", "lead-1", ExhibitionVisited), Event("e2", "lead-1", DocumentRequested), Event("e3", "lead-1", DocumentRequested))
            .MarkLikelyStored("e1", "e3");
        var outcome = (await store.CommitAsync([retry], shard, CancellationToken.None)).Outcomes.Single();

        Assert.Equal((2, 1), (outcome.Accepted, outcome.Duplicates));
        Assert.Equal(0, store.InsertCommitsLeft);   // the COPY did not fail
        var row = (await store.ReadLeadsAsync([(tenant, "lead-1")], CancellationToken.None))[(tenant, "lead-1")];
        Assert.Equal(3, row.EventCount);
        Assert.Equal(outcome.Applied!.State.Score, row.Score);
        Assert.Equal(["e1", "e2", "e3"], (await store.ReadEventsAsync(tenant, "lead-1", 0, CancellationToken.None)).Select(e => e.EventId));

        // An unmarked duplicate still fails the COPY and is caught by the fallback.
        var unmarked = (await store.CommitAsync(
            [Request(tenant, outcome.Applied!.State, Event("e2", "lead-1", DocumentRequested), Event("e4", "lead-1", DocumentRequested))],
            shard, CancellationToken.None)).Outcomes.Single();
        Assert.Equal((1, 1), (unmarked.Accepted, unmarked.Duplicates));
        Assert.Equal(1, store.InsertCommitsLeft);
    }
}
