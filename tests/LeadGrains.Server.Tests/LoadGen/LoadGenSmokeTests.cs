using System.Text.Json;
using LeadGrains.Server.Tests.Http;
using static LeadGrains.Server.Tests.Http.Api;

namespace LeadGrains.Server.Tests.LoadGen;

/// <summary>The load generator against the real server process, each test in a tenant of its own.</summary>
[Collection(EmbeddedServerCollection.Name)]
public sealed class LoadGenSmokeTests(EmbeddedServerFixture fixture)
{
    private readonly HttpClient _admin = fixture.Server.Client();

    private async Task<(string Key, HttpClient Reader)> NewTenantAsync()
    {
        var key = await _admin.CreateKeyAsync(Unique("lg").ToLowerInvariant(), "ingest", "read");
        return (key, fixture.Server.Client(key));
    }

    /// <summary>Every lead of the tenant, paging through the list: what the server stored.</summary>
    private static async Task<List<JsonElement>> AllLeadsAsync(HttpClient reader)
    {
        var leads = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var page = await (await reader.GetAsync("/v1/leads?limit=500" + (cursor is null ? "" : "&cursor=" + cursor))).JsonAsync();
            leads.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        return leads;
    }

    [Fact]
    public async Task Summary_adds_up_and_matches_what_the_server_stored()
    {
        var (key, reader) = await NewTenantAsync();

        var (exitCode, summary) = await LoadGenRun.RunAsync(fixture.Server, key,
            "--leads", "300", "--events", "3000", "--batch", "250", "--concurrency", "4", "--seed", "7",
            "--duplicates", "0.02", "--invalid", "0.01", "--late", "0.02", "--metrics", "0.002");
        var leads = await AllLeadsAsync(reader);

        Assert.Equal(0, exitCode);
        Assert.Equal("closed", summary.GetProperty("mode").GetString());
        Assert.Equal(3000, summary.Long("sent"));
        Assert.Equal(0, summary.Long("errors"));
        Assert.Equal(0, summary.Long("retries"));
        Assert.Equal(summary.Long("sent"), summary.Long("acknowledged") + summary.Long("duplicates") + summary.Long("rejected"));
        Assert.True(summary.Long("invalidSent") > 0);
        Assert.Equal(summary.Long("invalidSent"), summary.Long("rejected"));
        Assert.True(summary.Long("duplicatesSent") > 0);
        Assert.Equal(summary.Long("duplicatesSent"), summary.Long("duplicates"));
        Assert.Equal(summary.Long("acknowledged"), leads.Sum(l => l.GetProperty("eventCount").GetInt64()));
        Assert.InRange(leads.Count, 1, 300);
        Assert.True(summary.GetProperty("latencyMs").GetProperty("p50").GetDouble() > 0);
        Assert.True(summary.GetProperty("eventsPerSecond").GetDouble() > 0);
        var reports = summary.GetProperty("metricReports");
        Assert.True(reports.Long("sent") > 0);
        if (!reports.GetProperty("supported").GetBoolean())
            Assert.Equal(0, reports.Long("acknowledged"));
    }

    /// <summary>
    /// A run re-sent with the same run id is all duplicates; with the first run pregenerated, that
    /// also shows <c>--pregenerate</c> sends exactly the events a streamed run sends.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Re_sending_a_run_with_the_same_run_id_is_all_duplicates(bool firstPregenerated)
    {
        var (key, reader) = await NewTenantAsync();
        string[] run = ["--leads", "200", "--events", "1000", "--batch", "200", "--run-id", "again", "--until", LoadGenRun.Until(), "--invalid", "0"];

        var (exitCode, first) = await LoadGenRun.RunAsync(fixture.Server, key, firstPregenerated ? [.. run, "--pregenerate"] : run);
        var (_, second) = await LoadGenRun.RunAsync(fixture.Server, key, run);
        var stored = (await AllLeadsAsync(reader)).Sum(l => l.GetProperty("eventCount").GetInt64());

        Assert.Equal(0, exitCode);
        Assert.Equal(1000, first.Long("acknowledged") + first.Long("duplicates"));
        Assert.Equal(0, second.Long("acknowledged"));
        Assert.Equal(1000, second.Long("duplicates"));
        Assert.Equal(first.Long("acknowledged"), stored);
    }

    [Fact]
    public async Task Open_loop_run_for_a_duration_adds_up()
    {
        var (key, _) = await NewTenantAsync();

        var (exitCode, summary) = await LoadGenRun.RunAsync(fixture.Server, key,
            "--leads", "200", "--duration", "2s", "--warmup", "500ms", "--rate", "1000", "--batch", "100", "--concurrency", "4");

        Assert.Equal(0, exitCode);
        Assert.Equal("open", summary.GetProperty("mode").GetString());
        Assert.Equal(1000, summary.GetProperty("targetRate").GetDouble());
        Assert.True(summary.Long("sent") > 0);
        Assert.Equal(0, summary.Long("errors"));
        Assert.Equal(summary.Long("sent"), summary.Long("acknowledged") + summary.Long("duplicates") + summary.Long("rejected"));
        Assert.True(summary.GetProperty("durationSeconds").GetDouble() > 0);
    }

    [Fact]
    public async Task A_refused_key_stops_the_run_with_exit_code_2()
    {
        var (exitCode, summary) = await LoadGenRun.RunAsync(fixture.Server, "not-a-key", "--events", "500", "--batch", "100");

        Assert.Equal(2, exitCode);
        Assert.False(summary.GetProperty("completed").GetBoolean());
        Assert.Equal(0, summary.Long("acknowledged"));
    }
}
