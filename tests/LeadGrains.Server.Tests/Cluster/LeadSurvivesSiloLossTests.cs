using LeadGrains.Abstractions.Leads;
using LeadGrains.Abstractions.Tenants;
using LeadGrains.Domain.Events;
using System.Diagnostics.Metrics;
using LeadGrains.Storage.Journal;
using Npgsql;
using Orleans.Concurrency;

namespace LeadGrains.Server.Tests.Cluster;

[Collection(PostgresJournalCollection.Name)]
public sealed class LeadSurvivesSiloLossTests(PostgresClusterFixture fixture) : IClassFixture<PostgresClusterFixture>
{
    private static readonly DateTimeOffset At = DateTimeOffset.UtcNow.AddMinutes(-5);

    private static LeadEvent[] EventsFor(string leadId) =>
    [
        new() { Id = $"{leadId}-visit", LeadId = leadId, Type = EventCatalog.ExhibitionVisited, OccurredAt = At, Source = "seminar" },
        new() { Id = $"{leadId}-doc", LeadId = leadId, Type = EventCatalog.DocumentRequested, OccurredAt = At.AddMinutes(1) },
    ];

    [Fact]
    public async Task Every_leads_state_survives_its_silo_being_stopped()
    {
        var grains = fixture.Cluster.Client;
        // Enough leads that every silo hosts some of them.
        var leads = Enumerable.Range(0, 60).Select(i => $"cluster-{i}").ToList();
        foreach (var lead in leads)
        {
            var result = await grains.GetGrain<ILeadGrain>(LeadKey.Format("default", lead)).AppendAsync(new Immutable<LeadEvent[]>(EventsFor(lead)));
            Assert.Equal(new AppendResult(2, 0), result);
        }

        await fixture.Cluster.StopSiloAsync(fixture.Cluster.SecondarySilos[0]);

        foreach (var lead in leads)
        {
            var grain = grains.GetGrain<ILeadGrain>(LeadKey.Format("default", lead));
            var view = await grain.GetAsync(explain: false);
            Assert.NotNull(view);
            Assert.Equal(15, view.Score, 1);
            Assert.Equal(2, view.EventCount);
            Assert.Equal("seminar", view.FirstTouch?.Source);
            var again = await grain.AppendAsync(new Immutable<LeadEvent[]>(EventsFor(lead)));
            Assert.Equal(new AppendResult(0, 2), again);
        }
    }

    [Fact]
    public async Task A_lead_reactivated_between_snapshots_replays_the_events_after_its_latest_snapshot()
    {
        var grains = fixture.Cluster.Client;
        var leadId = "between-snapshots";
        var lead = grains.GetGrain<ILeadGrain>(LeadKey.Format("default", leadId));
        var every = new JournalOptions().SnapshotEvery;
        var types = new[] { EventCatalog.EmailOpened, EventCatalog.WebPageViewed, EventCatalog.EmailClicked, EventCatalog.WebinarAttended };
        // One append per event, as a lead's events usually arrive: a snapshot after `every` of them, then a few more.
        for (var i = 0; i < every + 3; i++)
        {
            LeadEvent e = new() { Id = $"{leadId}-{i}", LeadId = leadId, Type = types[i % types.Length], OccurredAt = At.AddMinutes(i), Source = i == 0 ? "search" : null };
            Assert.Equal(new AppendResult(1, 0), await lead.AppendAsync(new Immutable<LeadEvent[]>([e])));
        }
        var before = (await lead.GetAsync(explain: false))!;

        await grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var after = (await lead.GetAsync(explain: false))!;

        Assert.Equal(every, await SnapshotVersionAsync(leadId));
        Assert.Equal(every + 3, after.EventCount);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Score, after.Score, 2);
        Assert.Equal(before.Stage, after.Stage);
        Assert.Equal(before.EventCounts, after.EventCounts);
        Assert.Equal(before.Channels.Select(c => (c.Channel, c.Events)), after.Channels.Select(c => (c.Channel, c.Events)));
        Assert.Equal("search", after.FirstTouch?.Source);
        // The replayed events are as known as the snapshot's: sent again, they are duplicates.
        LeadEvent[] again = [new() { Id = $"{leadId}-2", LeadId = leadId, Type = types[2], OccurredAt = At.AddMinutes(2) },
            new() { Id = $"{leadId}-{every + 1}", LeadId = leadId, Type = types[(every + 1) % types.Length], OccurredAt = At.AddMinutes(every + 1) }];
        Assert.Equal(new AppendResult(0, 2), await lead.AppendAsync(new Immutable<LeadEvent[]>(again)));
    }

    [Fact]
    public async Task Appends_that_arrive_during_a_commit_of_their_lead_share_the_next_commit_and_each_gets_its_own_result()
    {
        using var commits = new MeasurementCount("leadgrains.journal.commits");
        var leadId = "hot-lead";
        var lead = fixture.Cluster.Client.GetGrain<ILeadGrain>(LeadKey.Format("default", leadId));
        LeadEvent Visit(int i) => new() { Id = $"{leadId}-{i}", LeadId = leadId, Type = EventCatalog.WebPageViewed, OccurredAt = At.AddSeconds(i) };

        // Fifty producers at once, each re-sending the event of the one before it: whichever
        // append of an id reaches the lead first counts it, the other sees a duplicate.
        var calls = Enumerable.Range(0, 50)
            .Select(i => lead.AppendAsync(new Immutable<LeadEvent[]>(i == 0 ? [Visit(0)] : [Visit(i), Visit(i - 1)])))
            .ToList();
        var results = await Task.WhenAll(calls);

        Assert.Equal(50, results.Sum(r => r.Accepted));
        Assert.Equal(49, results.Sum(r => r.Duplicates));
        Assert.Equal(1, results[0].Accepted + results[0].Duplicates);
        Assert.All(results.Skip(1), r => Assert.Equal(2, r.Accepted + r.Duplicates));
        Assert.Equal(50, (await lead.GetAsync(explain: false))!.EventCount);
        Assert.InRange(commits.Total, 1, 10);
    }

    private async Task<long?> SnapshotVersionAsync(string leadId)
    {
        await using var conn = new NpgsqlConnection(fixture.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT version FROM lg_lead_snapshots WHERE tenant = 'default' AND lead_id = $1", conn);
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = leadId });
        return (long?)await cmd.ExecuteScalarAsync();
    }

    [Fact]
    public async Task A_batch_retried_to_a_live_grain_is_stored_once_without_failing_a_copy()
    {
        // The store's recent-keys hint is only an optimisation; what it promises is that a retry
        // to the silo that committed the events never costs the group commit its COPY. This class is the only one in
        // the process with a PostgreSQL journal, and its tests run one at a time, so the count is ours.
        using var fallbacks = new MeasurementCount("leadgrains.journal.copy_fallbacks");

        var lead = Lead("retry-hint");
        var first = await lead.AppendAsync(new Immutable<LeadEvent[]>(EventsFor("retry-hint")));
        LeadEvent[] retry = [.. EventsFor("retry-hint"), new() { Id = "retry-hint-inquiry", LeadId = "retry-hint", Type = EventCatalog.InquirySubmitted, OccurredAt = At }];
        var second = await lead.AppendAsync(new Immutable<LeadEvent[]>(retry));

        Assert.Equal(new AppendResult(2, 0), first);
        Assert.Equal(new AppendResult(1, 2), second);
        Assert.Equal(3, (await lead.GetAsync(explain: false))!.EventCount);
        Assert.Equal(0, fallbacks.Total);

        ILeadGrain Lead(string id) => fixture.Cluster.Client.GetGrain<ILeadGrain>(LeadKey.Format("default", id));
    }

    [Fact]
    public async Task Tenant_settings_in_grain_storage_survive_a_silo_being_stopped()
    {
        var grains = fixture.Cluster.Client;
        // Tenant ids made only of hex letters are exactly the keys the storage provider could misread.
        await grains.GetGrain<ITenantGrain>(TenantKey.Format("cafe")).UpdateSettingsAsync(new TenantSettings("Asia/Tokyo", "cafe"));
        await grains.GetGrain<ITenantGrain>(TenantKey.Format("0cafe")).UpdateSettingsAsync(new TenantSettings("Europe/Berlin", "0cafe"));

        await fixture.Cluster.StopSiloAsync(fixture.Cluster.SecondarySilos[^1]);

        Assert.Equal(new TenantSettings("Asia/Tokyo", "cafe"), await grains.GetGrain<ITenantGrain>(TenantKey.Format("cafe")).GetSettingsAsync());
        Assert.Equal(new TenantSettings("Europe/Berlin", "0cafe"), await grains.GetGrain<ITenantGrain>(TenantKey.Format("0cafe")).GetSettingsAsync());
    }

    [Fact]
    public async Task Lead_keys_that_look_like_hex_numbers_stay_distinct()
    {
        var grains = fixture.Cluster.Client;
        var cafe = grains.GetGrain<ILeadGrain>(LeadKey.Format("default", "cafe"));
        var zeroCafe = grains.GetGrain<ILeadGrain>(LeadKey.Format("default", "0cafe"));

        await cafe.AppendAsync(new Immutable<LeadEvent[]>([new() { Id = "hex-1", LeadId = "cafe", Type = EventCatalog.ExhibitionVisited, OccurredAt = At }]));
        await zeroCafe.AppendAsync(new Immutable<LeadEvent[]>([new() { Id = "hex-2", LeadId = "0cafe", Type = EventCatalog.DocumentRequested, OccurredAt = At }]));

        Assert.Equal(10, (await cafe.GetAsync(false))!.Score, 1);
        Assert.Equal(5, (await zeroCafe.GetAsync(false))!.Score, 1);
    }
}

/// <summary>Sums what a counter of this process records while it is alive (only measurements with the tag, when one is given).</summary>
internal sealed class MeasurementCount : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _total;

    public MeasurementCount(string instrumentName, (string Key, string Value)? tag = null)
    {
        _listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == instrumentName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            if (tag is not { } t || HasTag(tags, t.Key, t.Value))
            {
                Interlocked.Add(ref _total, value);
            }
        });
        _listener.Start();
    }

    public long Total => Interlocked.Read(ref _total);

    private static bool HasTag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string key, string value)
    {
        foreach (var t in tags)
        {
            if (t.Key == key && Equals(t.Value, value))
            {
                return true;
            }
        }
        return false;
    }

    public void Dispose() => _listener.Dispose();
}
