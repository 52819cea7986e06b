using LeadGrains.Server.Tests.Http;
using LeadGrains.Testing;
using static LeadGrains.Server.Tests.Http.Api;

namespace LeadGrains.Server.Tests.Cluster;

/// <summary>
/// Two real server processes on one PostgreSQL database form one Orleans cluster through
/// ADO.NET clustering: a lead written through one node is read through the other, in the lead
/// and in the list, and when a node is killed the survivor serves every acknowledged event, in
/// the list too once it has repaired the rows the dead node had not written.
/// </summary>
public sealed class TwoProcessClusterTests : IAsyncLifetime
{
    private ServerProcess _a = null!;
    private ServerProcess _b = null!;

    public async Task InitializeAsync()
    {
        var cs = await PostgresServer.CreateDatabaseAsync("twonode");
        // No timed list flushes: what reaches the list gets there by a list read's flush or a repair.
        _a = ServerProcess.Postgres(cs, NoTimedListFlush);
        _b = ServerProcess.Postgres(cs, NoTimedListFlush);
        await _a.StartAsync();
        await _b.StartAsync();
    }

    /// <summary>No timed list flushes: a row reaches the list by a list read's flush or by a repair.</summary>
    internal const string NoTimedListFlush = "--LeadGrains:Journal:ListFlushMilliseconds=60000";

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
        // Rows behind A's journal too: a list read flushes every node first.
        var listed = await viaB.ListScoresAsync();
        Assert.All(leads, l => Assert.Equal(15, listed[l]));

        // Acknowledged by A, which is killed before it writes their list rows.
        var more = leads.Select(l => Event($"{l}-3", l, "document.requested")).ToArray();
        Assert.Equal((40, 0), await viaA.IngestAsync(more));
        _a.Kill();
        events = [.. events, .. more];

        // Grains that lived on A come back on B once the cluster has declared A dead.
        var resent = await Eventually.ReturnsAsync(
            async () => await viaB.PostEventsAsync(events),
            r => r.StatusCode == System.Net.HttpStatusCode.Accepted,
            TimeSpan.FromSeconds(90),
            "the surviving node to accept the re-sent batch");
        var counts = await resent.JsonAsync();
        Assert.Equal(0, counts.GetProperty("accepted").GetInt32());
        Assert.Equal(120, counts.GetProperty("duplicates").GetInt32());
        foreach (var lead in leads)
        {
            var view = (await viaB.GetLeadAsync(lead))!.Value;
            Assert.Equal(20, view.GetProperty("score").GetDouble());
            Assert.Equal(3, view.GetProperty("eventCount").GetInt32());
        }
        // B repairs A's unwritten rows when the cluster declares A dead; the list is complete after.
        await Eventually.ReturnsAsync(
            () => viaB.ListScoresAsync(),
            listed => leads.All(l => listed.GetValueOrDefault(l) == 20),
            TimeSpan.FromSeconds(30),
            "the list to show what A acknowledged");
    }
}
