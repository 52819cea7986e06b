using LeadGrains.Storage.Journal;
using LeadGrains.Storage.Kpis;
using LeadGrains.Storage.Tests.Kpis;
using LeadGrains.Storage.Sqlite;
using LeadGrains.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace LeadGrains.Storage.Tests.Journal;

public sealed class SqliteStoreFixture : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _dir = new();

    public SqliteLeadStore Store { get; private set; } = null!;

    public KpiStore Kpis { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var cs = SqliteLeadStore.ConnectionStringFor(_dir.File("leadgrains.db"));
        await new SchemaMigrator(StorageKind.Sqlite, cs, NullLogger.Instance).MigrateAsync();
        Store = new SqliteLeadStore(cs);
        Kpis = KpiStore.ForSqlite(cs);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        Store.Dispose();
        _dir.Dispose();
    }
}

public sealed class SqliteLeadStoreTests(SqliteStoreFixture fixture) : LeadStoreContract, IClassFixture<SqliteStoreFixture>
{
    protected override ILeadStore Store => fixture.Store;
}

public sealed class SqliteKpiCountersTests(SqliteStoreFixture fixture) : KpiCountersContract, IClassFixture<SqliteStoreFixture>
{
    protected override ILeadStore Store => fixture.Store;

    protected override KpiStore Kpis => fixture.Kpis;
}
