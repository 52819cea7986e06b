using LeadGrains.Bench.Baselines;
using LeadGrains.Testing;
using Npgsql;

namespace LeadGrains.Bench.Tests;

public sealed class BaselinesTests
{
    [Fact]
    public async Task Naive_path_and_copy_store_every_row_in_their_own_schema()
    {
        var cs = await PostgresServer.CreateDatabaseAsync("baselines");

        var result = await BaselineRunner.RunAsync(new BaselineOptions
        {
            ConnectionString = cs, Events = 300, Leads = 40, Connections = 4, Schema = "bench_smoke", Keep = true,
        });

        Assert.NotNull(result.Naive);
        Assert.NotNull(result.Copy);
        Assert.Equal(0, result.Naive.Errors);
        Assert.Equal(300, result.Naive.RowsStored);
        Assert.Equal(300, result.Copy.RowsStored);
        Assert.True(result.Naive.EventsPerSecond > 0 && result.Copy.RowsPerSecond > 0);
        var rows = SyntheticRows.Create(300, 40, seed: 1);
        Assert.Equal(rows.Select(r => r.LeadId).Distinct().LongCount(), result.Naive.LeadsStored);
        Assert.Equal(rows.Where(r => r.LeadId == rows[0].LeadId).Sum(r => r.Points), await ScoreAsync(cs, rows[0].LeadId));
    }

    [Fact]
    public async Task Baselines_drop_their_schema_when_done()
    {
        var cs = await PostgresServer.CreateDatabaseAsync("baselines-drop");

        await BaselineRunner.RunAsync(new BaselineOptions { ConnectionString = cs, Events = 20, Leads = 5, Connections = 2, Naive = false });

        await using var db = NpgsqlDataSource.Create(cs);
        await using var cmd = db.CreateCommand("SELECT count(*) FROM information_schema.schemata WHERE schema_name = 'bench_baseline'");
        Assert.Equal(0L, await cmd.ExecuteScalarAsync());
    }

    [Fact]
    public async Task The_postgres_settings_report_names_the_durability_settings()
    {
        await using var db = NpgsqlDataSource.Create(await PostgresServer.CreateDatabaseAsync("settings"));

        var info = await PostgresSettings.ReadAsync(db, CancellationToken.None);

        Assert.StartsWith("PostgreSQL", info.Version);
        Assert.Contains("fsync", info.Settings.Keys);
        Assert.Contains("synchronous_commit", info.Settings.Keys);
        Assert.EndsWith("MB", info.Settings["shared_buffers"]);
    }

    private static async Task<double> ScoreAsync(string cs, string leadId)
    {
        await using var db = NpgsqlDataSource.Create(cs);
        await using var cmd = db.CreateCommand("SELECT score FROM bench_smoke.leads WHERE lead_id = $1");
        cmd.Parameters.AddWithValue(leadId);
        return (double)(await cmd.ExecuteScalarAsync())!;
    }
}
