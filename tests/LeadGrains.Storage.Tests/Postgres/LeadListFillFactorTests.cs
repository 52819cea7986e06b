using LeadGrains.Storage.Postgres;
using LeadGrains.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace LeadGrains.Storage.Tests.Postgres;

/// <summary>
/// A lead-list flush rewrites every row its silo's commits touched, all in one statement
/// (migration 0012): each page must have room for a new version of every row on it, or the
/// updates stop being HOT and add entries to both of the table's indexes.
/// </summary>
public sealed class LeadListFillFactorTests
{
    [Fact]
    public async Task Rewriting_every_lead_row_at_once_keeps_the_updates_on_their_pages()
    {
        var cs = await PostgresServer.CreateDatabaseAsync("lead_list_fillfactor");
        await new SchemaMigrator(StorageKind.Postgres, cs, NullLogger.Instance).MigrateAsync();
        await using var dataSource = PostgresDataSource.Create(cs);
        await using var conn = await dataSource.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();

        // Counted in this transaction (pg_stat_xact_user_tables), so nothing waits on the
        // statistics collector.
        await using var fill = new Npgsql.NpgsqlCommand("""
            INSERT INTO lg_leads (tenant, lead_id, version, stage, score, score_as_of, score_rank, event_count,
                first_source, first_campaign, last_source, last_campaign, model_version, updated_at)
            SELECT 'default', 'lead-' || g, 1, 'nurturing', 12.5, now(), 12.5, 5, 'search', 'cmp-1', 'ads', 'cmp-2', 'v1', now()
            FROM generate_series(1, 2000) g;
            UPDATE lg_leads SET version = version + 1, score = score + 1, score_rank = score_rank + 1, updated_at = now();
            """, conn, tx);
        await fill.ExecuteNonQueryAsync();
        await using var stats = new Npgsql.NpgsqlCommand(
            "SELECT n_tup_upd, n_tup_hot_upd FROM pg_stat_xact_user_tables WHERE relname = 'lg_leads'", conn, tx);
        await using var reader = await stats.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var (updated, hot) = (reader.GetInt64(0), reader.GetInt64(1));

        Assert.Equal(2000, updated);
        Assert.True(hot >= 0.95 * updated, $"{hot} of {updated} updates were HOT");
    }
}
