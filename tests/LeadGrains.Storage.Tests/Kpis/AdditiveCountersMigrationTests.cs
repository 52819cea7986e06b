using System.Data.Common;
using System.Text.RegularExpressions;
using LeadGrains.Domain.Kpis;
using LeadGrains.Storage.Kpis;
using LeadGrains.Storage.Sqlite;
using LeadGrains.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace LeadGrains.Storage.Tests.Kpis;

/// <summary>
/// Migration 0007 drops the week and month rows of additive counters, which are kept in days
/// from then on: what a reader sees of a week is unchanged (the sum of its days), and unique
/// counters keep their week and month rows.
/// </summary>
public sealed partial class AdditiveCountersMigrationTests
{
    private const int BeforeDaysOnly = 6;
    private static readonly DateOnly Monday = new(2026, 11, 2);

    // Rows as the version before wrote them: each event in its day, week and month.
    private const string OldRows = """
        INSERT INTO lg_kpi_counters (tenant, counter, scope, period, bucket, shard, value) VALUES
            ('t', 'email.deliveries', '', 0, @monday, 1, 2),
            ('t', 'email.deliveries', '', 0, @tuesday, 1, 3),
            ('t', 'email.deliveries', '', 1, @monday, 1, 5),
            ('t', 'email.deliveries', '', 2, @month, 1, 5),
            ('t', 'email.unique_openers', '', 0, @monday, 1, 1),
            ('t', 'email.unique_openers', '', 0, @tuesday, 1, 1),
            ('t', 'email.unique_openers', '', 1, @monday, 1, 1)
        """;

    [Fact]
    public async Task On_postgres_weeks_read_the_same_and_only_additive_week_and_month_rows_go()
    {
        var cs = await PostgresServer.CreateDatabaseAsync("additive_days_migration");
        await new SchemaMigrator(StorageKind.Postgres, cs, NullLogger.Instance).MigrateThroughAsync(BeforeDaysOnly);
        await using (var conn = new NpgsqlConnection(cs))
        {
            await conn.OpenAsync();
            await InsertOldRowsAsync(conn, Monday, Monday.AddDays(1), new DateOnly(2026, 11, 1));
        }
        await AssertMigratedAsync(StorageKind.Postgres, cs, () => new NpgsqlConnection(cs), KpiStore.ForPostgres(NpgsqlDataSource.Create(cs)));
    }

    [Fact]
    public async Task On_sqlite_weeks_read_the_same_and_only_additive_week_and_month_rows_go()
    {
        using var dir = new TempDirectory();
        var cs = SqliteLeadStore.ConnectionStringFor(dir.File("leadgrains.db"));
        await new SchemaMigrator(StorageKind.Sqlite, cs, NullLogger.Instance).MigrateThroughAsync(BeforeDaysOnly);
        await using (var conn = new SqliteConnection(cs))
        {
            await conn.OpenAsync();
            await InsertOldRowsAsync(conn, Monday, Monday.AddDays(1), new DateOnly(2026, 11, 1));
        }
        await AssertMigratedAsync(StorageKind.Sqlite, cs, () => new SqliteConnection(cs), KpiStore.ForSqlite(cs));
    }

    [Fact]
    public void The_migration_names_exactly_the_counters_kept_in_days()
    {
        foreach (var kind in new[] { StorageKind.Postgres, StorageKind.Sqlite })
        {
            var sql = SchemaMigrator.Embedded(kind).Single(m => m.Version == BeforeDaysOnly + 1).Sql;
            var named = QuotedName().Matches(sql).Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal);
            Assert.Equal(Counters.All.Where(c => c.KeptInDays).Select(c => c.Name).Order(StringComparer.Ordinal), named);
        }
    }

    private static async Task InsertOldRowsAsync(DbConnection conn, DateOnly monday, DateOnly tuesday, DateOnly month)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = OldRows;
        Add(cmd, "monday", monday);
        Add(cmd, "tuesday", tuesday);
        Add(cmd, "month", month);
        await cmd.ExecuteNonQueryAsync();
    }

    private static void Add(DbCommand cmd, string name, DateOnly day)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = day;
        cmd.Parameters.Add(p);
    }

    private static async Task AssertMigratedAsync(StorageKind kind, string cs, Func<DbConnection> connect, KpiStore kpis)
    {
        var applied = await new SchemaMigrator(kind, cs, NullLogger.Instance).MigrateAsync();
        Assert.Contains(applied, m => m.Name == "additive_counters_in_days");

        var weeks = await kpis.ReadSeriesAsync("t", [""], [Counters.EmailDeliveries, Counters.EmailUniqueOpeners], Period.Week, Monday, Monday, CancellationToken.None);
        Assert.Equal(5, weeks.Single(p => p.Counter == "email.deliveries").Value);
        Assert.Equal(1, weeks.Single(p => p.Counter == "email.unique_openers").Value);
        var months = await kpis.ReadSeriesAsync("t", [""], [Counters.EmailDeliveries], Period.Month, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 1), CancellationToken.None);
        Assert.Equal(5, months.Single().Value);

        await using var conn = connect();
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT counter, period FROM lg_kpi_counters ORDER BY counter, period, bucket";
        var rows = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
        {
            rows.Add($"{r.GetString(0)}/{Convert.ToInt32(r.GetValue(1), System.Globalization.CultureInfo.InvariantCulture)}");
        }
        Assert.Equal(["email.deliveries/0", "email.deliveries/0", "email.unique_openers/0", "email.unique_openers/0", "email.unique_openers/1"], rows);
    }

    [GeneratedRegex(@"'([a-z_]+\.[a-z_]+)'")]
    private static partial Regex QuotedName();
}
