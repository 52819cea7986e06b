using System.Data.Common;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LeadGrains.Server.Tests.Http;
using LeadGrains.Storage.Sqlite;
using LeadGrains.Testing;
using Microsoft.Data.Sqlite;
using Npgsql;
using static LeadGrains.Server.Tests.Http.Api;

namespace LeadGrains.Server.Tests.Faults;

/// <summary>
/// KPI counts are exact after a crash: SIGKILL the server while batches are in flight, restart
/// it, resend everything, and every KPI equals the SQL aggregate over the events the store
/// holds; a target reached during the load has exactly one threshold event.
/// </summary>
public abstract class KpiConvergenceTests
{
    private static readonly DateTimeOffset Day = new(2026, 11, 12, 8, 0, 0, TimeSpan.Zero);
    private static readonly string[] Campaigns = ["c0", "c1", "c2"];

    protected abstract ServerProcess NewServer();

    protected abstract DbConnection Connect();

    [Fact]
    public async Task After_a_kill_mid_load_every_KPI_equals_the_SQL_aggregate_of_stored_events()
    {
        var batches = Batches().ToList();
        var first = NewServer();
        await using (first)
        {
            await first.StartAsync();
            using var http = first.Client();
            var target = await http.PutAsJsonAsync("/v1/kpis/email.opens@campaign:c0/target",
                new { value = 50, startDate = "2026-11-01", deadline = "2026-12-31", owner = "qa", initiative = "convergence" });
            Assert.True(target.IsSuccessStatusCode, await target.Content.ReadAsStringAsync());

            // Four producers; the kill lands while some of their batches are mid-commit.
            var next = -1;
            var acknowledged = 0;
            var producers = Enumerable.Range(0, 4).Select(async _ =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < batches.Count)
                {
                    try
                    {
                        await http.IngestAsync(batches[i]);
                        Interlocked.Increment(ref acknowledged);
                    }
                    catch (Exception)
                    {
                        return; // the server is gone
                    }
                }
            }).ToList();
            await Eventually.ReturnsAsync(() => Task.FromResult(Volatile.Read(ref acknowledged)), n => n >= 5, TimeSpan.FromSeconds(60), "five acknowledged batches");
            first.Kill();
            await Task.WhenAll(producers);
            Assert.True(acknowledged < batches.Count, "the kill came too late to land mid-load; make the load longer");
        }

        await using var second = first.Again();
        await second.StartAsync();
        using var again = second.Client();
        foreach (var batch in batches)
        {
            await again.IngestAsync(batch);
        }

        foreach (var scope in Campaigns.Select(c => "@campaign:" + c).Prepend(""))
        {
            var campaign = scope.Length == 0 ? null : scope["@campaign:".Length..];
            Assert.Equal(await CountAsync("email.delivered", campaign), await TotalAsync(again, "email.deliveries" + scope));
            Assert.Equal(await CountAsync("email.opened", campaign), await TotalAsync(again, "email.opens" + scope));
            Assert.Equal(await DistinctLeadsAsync("email.opened", campaign), await TotalAsync(again, "email.unique_openers" + scope));
            Assert.Equal(await CountAsync("email.clicked", campaign), await TotalAsync(again, "email.clicks" + scope));
            Assert.Equal(await DistinctLeadsAsync("email.clicked", campaign), await TotalAsync(again, "email.unique_clickers" + scope));
        }
        Assert.Equal(await DistinctLeadsAsync(null, null), await TotalAsync(again, "funnel.leads_acquired"));

        var status = await (await again.GetAsync("/v1/kpis/email.opens@campaign:c0")).JsonAsync();
        Assert.Equal(await CountAsync("email.opened", "c0"), status.GetProperty("target").GetProperty("value").GetDouble());
        var events = (await (await again.GetAsync("/v1/kpis/email.opens@campaign:c0/events")).JsonAsync()).GetProperty("items");
        Assert.Single(events.EnumerateArray(), e => e.GetProperty("kind").GetString() == "target_reached");
    }

    /// <summary>Deliveries, opens (some repeated) and clicks for many leads, all on one UTC day.</summary>
    private static IEnumerable<JsonObject[]> Batches()
    {
        var random = new Random(7);
        for (var b = 0; b < 120; b++)
        {
            var batch = new List<JsonObject>();
            for (var i = 0; i < 100; i++)
            {
                var lead = $"conv-{random.Next(400)}";
                var campaign = Campaigns[random.Next(Campaigns.Length)];
                var type = random.Next(10) switch { < 5 => "email.delivered", < 8 => "email.opened", _ => "email.clicked" };
                batch.Add(Event($"cv-{b}-{i}", lead, type, Day.AddSeconds(random.Next(3600)), campaign: campaign));
            }
            yield return [.. batch];
        }
    }

    private static async Task<double> TotalAsync(HttpClient http, string kpi)
    {
        var body = await (await http.GetAsync($"/v1/kpis/{kpi}?period=day&from=2026-11-12&to=2026-11-12")).JsonAsync();
        return body.GetProperty("total").GetProperty("value").GetDouble();
    }

    private Task<double> CountAsync(string type, string? campaign) =>
        ScalarAsync("SELECT COUNT(*) FROM lg_events WHERE tenant = 'default' AND type = @type AND (@campaign IS NULL OR campaign = @campaign)", type, campaign);

    private Task<double> DistinctLeadsAsync(string? type, string? campaign) =>
        ScalarAsync("""
            SELECT COUNT(DISTINCT lead_id) FROM lg_events
            WHERE tenant = 'default' AND (@type IS NULL OR type = @type) AND (@campaign IS NULL OR campaign = @campaign)
            """, type, campaign);

    private async Task<double> ScalarAsync(string sql, string? type, string? campaign)
    {
        await using var conn = Connect();
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in new[] { ("type", type), ("campaign", campaign) })
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = (object?)value ?? DBNull.Value;
            if (p is NpgsqlParameter np)
            {
                np.NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text;
            }
            cmd.Parameters.Add(p);
        }
        return Convert.ToDouble(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

public sealed class KpiConvergenceOnSqliteTests : KpiConvergenceTests, IDisposable
{
    private readonly TempDirectory _dataDir = new("leadgrains-kpikill-");

    protected override ServerProcess NewServer() => ServerProcess.Sqlite(_dataDir.Path);

    protected override DbConnection Connect() =>
        new SqliteConnection(SqliteLeadStore.ConnectionStringFor(Path.Combine(_dataDir.Path, "leadgrains.db")));

    public void Dispose() => _dataDir.Dispose();
}

public sealed class KpiConvergenceOnPostgresTests : KpiConvergenceTests, IAsyncLifetime
{
    private string _connectionString = "";

    public async Task InitializeAsync() => _connectionString = await PostgresServer.CreateDatabaseAsync("kpikill");

    public Task DisposeAsync() => Task.CompletedTask;

    protected override ServerProcess NewServer() => ServerProcess.Postgres(_connectionString);

    protected override DbConnection Connect() => new NpgsqlConnection(_connectionString);
}
