using LeadGrains.Storage.Journal;
using LeadGrains.Storage.Kpis;
using LeadGrains.Storage.Tests.Kpis;
using LeadGrains.Storage.Postgres;
using LeadGrains.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

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
        _dataSource = NpgsqlDataSource.Create(cs);
        Store = new PostgresLeadStore(_dataSource);
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
