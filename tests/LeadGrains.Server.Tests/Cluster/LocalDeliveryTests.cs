using LeadGrains.Abstractions.Leads;
using LeadGrains.Domain.Events;
using LeadGrains.Grains.Leads;
using LeadGrains.Server.Leads;
using LeadGrains.Storage.Journal;
using LeadGrains.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Core.Internal;
using Orleans.TestingHost;

namespace LeadGrains.Server.Tests.Cluster;

/// <summary>
/// The ingest path's local deliveries (appends to a lead active in the same silo, without an
/// Orleans call) on a three-silo cluster: each silo's own <see cref="LeadIngestor"/>, as its API
/// uses it, and Orleans deactivating leads under them.
/// </summary>
[Collection(PostgresJournalCollection.Name)]
public sealed class LocalDeliveryTests(PostgresClusterFixture fixture) : IClassFixture<PostgresClusterFixture>
{
    private const string Tenant = "default";
    private static readonly DateTimeOffset At = DateTimeOffset.UtcNow.AddMinutes(-5);

    private static LeadEvent Visit(string leadId, int i) =>
        new() { Id = $"{leadId}-{i}", LeadId = leadId, Type = EventCatalog.WebPageViewed, OccurredAt = At.AddSeconds(i) };

    private IServiceProvider[] Silos => fixture.Cluster.Silos.Select(s => ((InProcessSiloHandle)s).SiloHost.Services).ToArray();

    private static Task<AppendResult> Ingest(IServiceProvider silo, params LeadEvent[] events) =>
        silo.GetRequiredService<LeadIngestor>().IngestAsync(Tenant, events);

    /// <summary>The silos whose local deliveries reach the lead now.</summary>
    private IServiceProvider[] Hosts(string leadId) =>
        Silos.Where(s => s.GetRequiredService<LocalLeadActivations>().TryGet(Tenant, leadId, out _)).ToArray();

    private ILeadGrain Lead(string leadId) => fixture.Cluster.Client.GetGrain<ILeadGrain>(LeadKey.Format(Tenant, leadId));

    [Fact]
    public async Task An_active_lead_takes_its_silos_appends_as_local_deliveries_and_other_silos_appends_as_calls()
    {
        const string lead = "local-first";
        using var local = new MeasurementCount("leadgrains.ingest.appends", ("delivery", "local"));
        using var called = new MeasurementCount("leadgrains.ingest.appends", ("delivery", "call"));

        // The first append is a call: it activates the lead, which then takes local deliveries.
        Assert.Equal(new AppendResult(2, 0), await Ingest(Silos[0], Visit(lead, 0), Visit(lead, 1)));
        var host = Assert.Single(Hosts(lead));
        Assert.Equal((0, 1), (local.Total, called.Total));

        Assert.Equal(new AppendResult(1, 1), await Ingest(host, Visit(lead, 1), Visit(lead, 2)));
        Assert.Equal((1, 1), (local.Total, called.Total));

        var other = Silos.First(s => s != host);
        Assert.Equal(new AppendResult(1, 1), await Ingest(other, Visit(lead, 2), Visit(lead, 3)));
        Assert.Equal((1, 2), (local.Total, called.Total));

        Assert.Equal(4, (await Lead(lead).GetAsync(explain: false))!.EventCount);
    }

    [Fact]
    public async Task A_lead_fed_only_by_local_deliveries_stays_active_and_an_idle_lead_is_collected_and_unlisted()
    {
        const string fed = "local-fed", idle = "local-idle";
        await Ingest(Silos[0], Visit(fed, 0));
        await Ingest(Silos[0], Visit(idle, 0));
        var host = Assert.Single(Hosts(fed));
        Assert.Single(Hosts(idle));

        // Local deliveries are not Orleans messages: without asking to be kept, the fed lead
        // would look as idle as the other one to the activation collector.
        for (var i = 1; i <= 12; i++)
        {
            Assert.Equal(new AppendResult(1, 0), await Ingest(host, Visit(fed, i)));
            await Task.Delay(150);
        }
        await fixture.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.FromSeconds(1));

        await Eventually.ReturnsAsync(() => Task.FromResult(Hosts(idle).Length), n => n == 0, TimeSpan.FromSeconds(10), "the idle lead to leave local delivery");
        Assert.Same(host, Assert.Single(Hosts(fed)));
        Assert.Equal(new AppendResult(1, 0), await Ingest(host, Visit(fed, 13)));
        Assert.Equal(14, (await Lead(fed).GetAsync(explain: false))!.EventCount);
    }

    [Fact]
    public async Task A_deactivation_waits_for_the_commit_in_flight_so_the_next_activation_starts_from_it()
    {
        const string lead = "local-drain";
        await Ingest(Silos[0], Visit(lead, 0));
        var host = Assert.Single(Hosts(lead));

        // Hold the lead's next sequence number with an uncommitted event: its next commit waits
        // in the journal transaction on the unique (lead, seq) key until this one rolls back.
        await using var conn = new NpgsqlConnection(fixture.ConnectionString);
        await conn.OpenAsync();
        var hold = await conn.BeginTransactionAsync();
        await using (var lockRow = new NpgsqlCommand(
            "INSERT INTO lg_events (tenant, event_id, lead_id, seq, type, occurred_at, received_at, lead_key) " +
            "VALUES ($1, 'hold', $2, 2, 'email.opened', now(), now(), hashtextextended($2, hashtext($1)))",
            conn, hold))
        {
            lockRow.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Tenant });
            lockRow.Parameters.Add(new NpgsqlParameter<string> { TypedValue = lead });
            await lockRow.ExecuteNonQueryAsync();
        }
        var inFlight = Ingest(host, Visit(lead, 1), Visit(lead, 2));
        await Task.Delay(500);
        Assert.False(inFlight.IsCompleted);

        // Orleans sees no request running (a local delivery is not a message) and deactivates at once.
        await Lead(lead).AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        await Eventually.ReturnsAsync(() => Task.FromResult(Hosts(lead).Length), n => n == 0, TimeSpan.FromSeconds(10), "the lead to leave local delivery");
        // Now a call: it waits for the lead's next activation, which must load the commit above.
        var next = Ingest(host, Visit(lead, 3));
        await Task.Delay(300);
        await hold.RollbackAsync();

        Assert.Equal(new AppendResult(2, 0), await inFlight);
        Assert.Equal(new AppendResult(1, 0), await next);
        var view = (await Lead(lead).GetAsync(explain: false))!;
        Assert.Equal(4, view.EventCount);
        Assert.Equal(4, view.Version);
    }

    [Fact]
    public async Task A_delivery_that_meets_its_activation_closing_goes_again_as_a_call_and_counts_once()
    {
        const string lead = "local-moved";
        await Ingest(Silos[0], Visit(lead, 0));
        var host = Assert.Single(Hosts(lead));
        Assert.True(host.GetRequiredService<LocalLeadActivations>().TryGet(Tenant, lead, out var grain));
        using var local = new MeasurementCount("leadgrains.ingest.appends", ("delivery", "local"));
        using var called = new MeasurementCount("leadgrains.ingest.appends", ("delivery", "call"));

        // The activation runs one turn at a time, in order: held, then closing, then the delivery,
        // which the ingest path queued while the lead was still listed.
        using var hold = new ManualResetEventSlim();
        grain.GrainContext.Scheduler.QueueAction(hold.Wait);
        grain.GrainContext.Scheduler.QueueAction(grain.Close);
        var ingest = Ingest(host, Visit(lead, 1), Visit(lead, 0));
        hold.Set();

        Assert.Equal(new AppendResult(1, 1), await ingest);
        Assert.Equal((0, 1), (local.Total, called.Total));
        Assert.Empty(Hosts(lead));
        Assert.Equal(2, (await Lead(lead).GetAsync(explain: false))!.EventCount);
    }

    [Fact]
    public async Task A_failed_commit_takes_the_lead_out_of_local_delivery_and_the_next_append_reaches_it_by_a_call()
    {
        const string lead = "local-fail";
        await Ingest(Silos[0], Visit(lead, 0));
        var host = Assert.Single(Hosts(lead));

        // A lone surrogate cannot be encoded for PostgreSQL: the commit fails and stores nothing.
        var unencodable = Visit(lead, 1) with { Campaign = "bad\ud800" };
        await Assert.ThrowsAsync<JournalUnavailableException>(() => Ingest(host, unencodable));
        Assert.Empty(Hosts(lead));

        Assert.Equal(new AppendResult(1, 0), await Ingest(host, Visit(lead, 2)));
        var view = (await Lead(lead).GetAsync(explain: false))!;
        Assert.Equal(2, view.EventCount);
    }

    [Fact]
    public async Task Leads_deactivated_while_local_deliveries_arrive_count_every_event_exactly_once()
    {
        var host = Silos[1];
        var leads = Enumerable.Range(0, 90).Select(i => $"local-race-{i}").ToArray();
        // Activated from the host's ingest path; about a third land in the host itself.
        await Ingest(host, leads.Select(l => Visit(l, 0)).ToArray());
        using var local = new MeasurementCount("leadgrains.ingest.appends", ("delivery", "local"));
        var sent = 1;

        for (var round = 1; round <= 20; round++)
        {
            // Every batch brings a new event per lead and repeats the one before it, while Orleans
            // deactivates some of the host's leads: a local delivery may meet its activation
            // before, during or after the deactivation.
            var hosted = leads.Where(l => Hosts(l).Contains(host)).ToArray();
            var batch = leads.SelectMany(l => new[] { Visit(l, round), Visit(l, round - 1) }).ToArray();
            var deactivations = hosted.Where((_, i) => (i + round) % 3 == 0)
                .Select(l => Lead(l).AsReference<IGrainManagementExtension>().DeactivateOnIdle().AsTask())
                .ToArray();
            var ingest = Ingest(host, batch);
            await Task.WhenAll(deactivations);
            Assert.Equal(new AppendResult(leads.Length, leads.Length), await ingest);
            sent++;
        }

        Assert.True(local.Total > 0, "no append was delivered locally: the test would not test local delivery");
        foreach (var lead in leads)
        {
            Assert.Equal(sent, (await Lead(lead).GetAsync(explain: false))!.EventCount);
            Assert.Equal(sent, await StoredEventsAsync(lead));
        }
    }

    private async Task<long> StoredEventsAsync(string leadId)
    {
        await using var conn = new NpgsqlConnection(fixture.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM lg_events WHERE tenant = $1 AND lead_id = $2", conn);
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Tenant });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = leadId });
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
