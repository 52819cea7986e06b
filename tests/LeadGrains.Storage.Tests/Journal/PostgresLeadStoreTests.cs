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
    [Fact]
    public async Task A_duplicate_sends_the_next_commits_down_the_insert_path_and_then_copy_resumes()
    {
        await using var dataSource = PostgresDataSource.Create(await PostgresServer.CreateDatabaseAsync("copyfallback"));
        await new SchemaMigrator(StorageKind.Postgres, dataSource.ConnectionString, NullLogger.Instance).MigrateAsync();
        var store = new PostgresLeadStore(dataSource, insertCommitsAfterDuplicate: 2);
        var shard = await store.RegisterShardAsync("copy-" + Guid.NewGuid().ToString("N"), CancellationToken.None);
        var tenant = "t" + Guid.NewGuid().ToString("N")[..12];

        var first = (await store.CommitAsync([Request(tenant, new(), Event("e1", "lead-1", ExhibitionVisited))], shard, CancellationToken.None)).Outcomes.Single();
        Assert.Equal(0, store.InsertCommitsLeft);

        // e1 again with a new event: COPY fails on e1, the redo inserts e2 alone.
        var retry = (await store.CommitAsync(
            [Request(tenant, first.Applied!.State, Event("e1", "lead-1", ExhibitionVisited), Event("e2", "lead-1", DocumentRequested))],
            shard, CancellationToken.None)).Outcomes.Single();
        Assert.Equal((1, 1), (retry.Accepted, retry.Duplicates));
        Assert.Equal(2, store.InsertCommitsLeft);

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
}
