using LeadGrains.Server.Tests.Http;
using LeadGrains.Testing;
using static LeadGrains.Server.Tests.Http.Api;

namespace LeadGrains.Server.Tests.Cluster;

/// <summary>
/// Two real server processes on one PostgreSQL database form one Orleans cluster through
/// ADO.NET clustering: a lead written through one node is read through the other, and when a
/// node is killed the survivor serves every acknowledged event.
/// </summary>
public sealed class TwoProcessClusterTests : IAsyncLifetime
{
    private ServerProcess _a = null!;
    private ServerProcess _b = null!;

    public async Task InitializeAsync()
    {
        var cs = await PostgresServer.CreateDatabaseAsync("twonode");
        _a = ServerProcess.Postgres(cs);
        _b = ServerProcess.Postgres(cs);
        await _a.StartAsync();
        await _b.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
    }

    [Fact]
    public async Task Leads_written_through_one_node_are_read_through_the_other_and_survive_its_death()
    {
        using var viaA = _a.Client();
        using var viaB = _b.Client();
        var leads = Enumerable.Range(0, 40).Select(i => $"node-lead-{i}").ToList();
        var events = leads.SelectMany(l => new[] { Event($"{l}-1", l, "exhibition.visited"), Event($"{l}-2", l, "document.requested") }).ToArray();

        Assert.Equal((80, 0), await viaA.IngestAsync(events));
        foreach (var lead in leads)
        {
            Assert.Equal(15, (await viaB.GetLeadAsync(lead))!.Value.GetProperty("score").GetDouble());
        }

        _a.Kill();

        // Grains that lived on A come back on B once the cluster has declared A dead.
        var resent = await Eventually.ReturnsAsync(
            async () => await viaB.PostEventsAsync(events),
            r => r.StatusCode == System.Net.HttpStatusCode.Accepted,
            TimeSpan.FromSeconds(90),
            "the surviving node to accept the re-sent batch");
        var counts = await resent.JsonAsync();
        Assert.Equal(0, counts.GetProperty("accepted").GetInt32());
        Assert.Equal(80, counts.GetProperty("duplicates").GetInt32());
        foreach (var lead in leads)
        {
            var view = (await viaB.GetLeadAsync(lead))!.Value;
            Assert.Equal(15, view.GetProperty("score").GetDouble());
            Assert.Equal(2, view.GetProperty("eventCount").GetInt32());
        }
    }
}
