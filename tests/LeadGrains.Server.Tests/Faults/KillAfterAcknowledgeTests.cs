using System.Text.Json.Nodes;
using LeadGrains.Server.Tests.Http;
using LeadGrains.Testing;
using static LeadGrains.Server.Tests.Http.Api;

namespace LeadGrains.Server.Tests.Faults;

/// <summary>
/// Acknowledged = durable, with a real process: SIGKILL the server right after a 202 (no
/// shutdown path runs), start it again on the same store, and every acknowledged event is there,
/// in each lead and in the lead list (on PostgreSQL the list is written behind the journal, and
/// the restarted server repairs what the killed one had not written before it reports ready).
/// </summary>
public abstract class KillAfterAcknowledgeTests
{
    protected abstract ServerProcess NewServer();

    [Fact]
    public async Task Killed_right_after_202_the_restarted_server_has_every_acknowledged_event_and_counts_resends_as_duplicates()
    {
        var leads = Enumerable.Range(0, 50).Select(i => $"kill-lead-{i}").ToArray();
        var batch = leads.SelectMany((lead, i) => new[]
        {
            Event($"k-{i}-a", lead, "exhibition.visited", Now.AddMinutes(-2)),
            Event($"k-{i}-b", lead, "document.requested", Now.AddMinutes(-1)),
        }).ToArray();
        var last = Event("k-last", "kill-lead-0", "inquiry.submitted", Now);

        Dictionary<string, double> before;
        var first = NewServer();
        await using (first)
        {
            await first.StartAsync();
            using var http = first.Client();
            Assert.Equal((100, 0), await http.IngestAsync(batch));
            before = await ScoresAsync(http, leads);
            Assert.Equal((1, 0), await http.IngestAsync(last));
            first.Kill();
        }

        await using var second = first.Again();
        await second.StartAsync();
        using var again = second.Client();
        // The first request after start: a list read waits for the start-up repair, not readiness.
        var listedFirst = await again.ListScoresAsync();
        var after = await ScoresAsync(again, leads);
        var resent = await again.IngestAsync([.. batch, last]);

        Assert.Equal(15 + 30, after["kill-lead-0"], 1);
        foreach (var lead in leads.Skip(1))
        {
            Assert.Equal(before[lead], after[lead], 6);
        }
        Assert.Equal((0, 101), resent);
        Assert.Equal(after, await ScoresAsync(again, leads));
        foreach (var listed in (Dictionary<string, double>[])[listedFirst, await again.ListScoresAsync()])
        {
            Assert.Equal(leads.Order(StringComparer.Ordinal), listed.Keys.Order(StringComparer.Ordinal));
            foreach (var lead in leads)
            {
                // Both decayed to their own "now" and rounded to cents.
                Assert.Equal(after[lead], listed[lead], 0.02);
            }
        }
    }

    private static async Task<Dictionary<string, double>> ScoresAsync(HttpClient http, IEnumerable<string> leads)
    {
        var scores = new Dictionary<string, double>();
        foreach (var lead in leads)
        {
            var view = await http.GetLeadAsync(lead);
            Assert.NotNull(view);
            scores[lead] = view.Value.GetProperty("score").GetDouble();
        }
        return scores;
    }
}

public sealed class KillAfterAcknowledgeOnSqliteTests : KillAfterAcknowledgeTests, IDisposable
{
    private readonly TempDirectory _dataDir = new("leadgrains-kill-");

    protected override ServerProcess NewServer() => ServerProcess.Sqlite(_dataDir.Path);

    public void Dispose() => _dataDir.Dispose();
}

public sealed class KillAfterAcknowledgeOnPostgresTests : KillAfterAcknowledgeTests, IAsyncLifetime
{
    private string _connectionString = "";

    public async Task InitializeAsync() => _connectionString = await PostgresServer.CreateDatabaseAsync("kill");

    public Task DisposeAsync() => Task.CompletedTask;

    protected override ServerProcess NewServer() => ServerProcess.Postgres(_connectionString, Cluster.TwoProcessClusterTests.NoTimedListFlush);
}
