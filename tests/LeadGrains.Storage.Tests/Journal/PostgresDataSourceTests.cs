using LeadGrains.Storage.Postgres;
using Npgsql;

namespace LeadGrains.Storage.Tests.Journal;

public sealed class PostgresDataSourceTests
{
    [Fact]
    public async Task Statements_are_prepared_unless_the_connection_string_says_otherwise()
    {
        await using var defaulted = PostgresDataSource.Create("Host=127.0.0.1;Username=u;Database=d");
        await using var off = PostgresDataSource.Create("Host=127.0.0.1;Username=u;Database=d;Max Auto Prepare=0");
        await using var own = PostgresDataSource.Create("Host=127.0.0.1;Username=u;Database=d;maxautoprepare=5");

        Assert.Equal(PostgresDataSource.DefaultMaxAutoPrepare, MaxAutoPrepare(defaulted));
        Assert.Equal(0, MaxAutoPrepare(off));
        Assert.Equal(5, MaxAutoPrepare(own));
    }

    private static int MaxAutoPrepare(NpgsqlDataSource source) =>
        new NpgsqlConnectionStringBuilder(source.ConnectionString).MaxAutoPrepare;
}
