using LeadGrains.Domain.Kpis;
using LeadGrains.Domain.Leads;
using LeadGrains.Storage.Journal;
using LeadGrains.Storage.Kpis;
using static LeadGrains.Domain.Events.EventCatalog;
using static LeadGrains.Storage.Tests.Journal.Appends;

namespace LeadGrains.Storage.Tests.Kpis;

/// <summary>
/// What the journal transaction promises about KPI counters, on real SQLite and PostgreSQL:
/// counters are added for exactly the events that went in, unique counts are exact per bucket,
/// and each counter-changing commit gets the next sequence number of its shard.
/// </summary>
public abstract class KpiCountersContract
{
    protected abstract ILeadStore Store { get; }

    protected abstract KpiStore Kpis { get; }

    private static readonly DateOnly Day1 = DateOnly.FromDateTime(T0.UtcDateTime);

    private static string NewTenant() => "k" + Guid.NewGuid().ToString("N")[..12];

    private async Task<(int Shard, CommitResult Result)> CommitAsync(int? shard, params AppendRequest[] requests)
    {
        var s = shard ?? await Store.RegisterShardAsync("kpi-contract-" + Guid.NewGuid().ToString("N"), CancellationToken.None);
        return (s, await Store.CommitAsync(requests, s, CancellationToken.None));
    }

    private async Task<double> ValueAsync(string tenant, Counter counter, Period period, DateOnly bucket, string scope = "")
    {
        var points = await Kpis.ReadSeriesAsync(tenant, [scope], [counter], period, bucket, bucket, CancellationToken.None);
        return points.Sum(p => p.Value);
    }

    [Fact]
    public async Task Counters_count_inserted_events_once_and_unique_openers_exactly()
    {
        var tenant = NewTenant();
        var lead1 = Request(tenant, new LeadState(),
            Event("d1", "lead-1", EmailDelivered, campaign: "nov"),
            Event("o1", "lead-1", EmailOpened, campaign: "nov", source: "newsletter"),
            Event("o2", "lead-1", EmailOpened, at: T0.AddHours(2), campaign: "nov", source: "newsletter"));
        var lead2 = Request(tenant, new LeadState(),
            Event("d2", "lead-2", EmailDelivered, campaign: "nov"),
            Event("o3", "lead-2", EmailOpened, campaign: "nov"));
        var (shard, first) = await CommitAsync(null, lead1, lead2);

        Assert.Equal(2, await ValueAsync(tenant, Counters.EmailDeliveries, Period.Day, Day1));
        Assert.Equal(3, await ValueAsync(tenant, Counters.EmailOpens, Period.Day, Day1));
        Assert.Equal(2, await ValueAsync(tenant, Counters.EmailUniqueOpeners, Period.Day, Day1));
        Assert.Equal(2, await ValueAsync(tenant, Counters.EmailUniqueOpeners, Period.Day, Day1, "campaign:nov"));
        Assert.Equal(1, await ValueAsync(tenant, Counters.EmailUniqueOpeners, Period.Day, Day1, "source:newsletter"));
        Assert.Equal(2, await ValueAsync(tenant, Counters.LeadsAcquired, Period.Month, new DateOnly(2026, 11, 1)));

        // A retry of the same ids adds nothing; a new open the next day is a first in its day
        // but not in its week or month.
        var state1 = first.Outcomes[0].Applied!.State;
        var (_, second) = await CommitAsync(shard,
            Request(tenant, state1,
                Event("o2", "lead-1", EmailOpened, at: T0.AddHours(2), campaign: "nov", source: "newsletter"),
                Event("o4", "lead-1", EmailOpened, at: T0.AddDays(1), campaign: "nov", source: "newsletter")));

        Assert.Equal(1, second.Outcomes[0].Accepted);
        Assert.Equal(4, await ValueAsync(tenant, Counters.EmailOpens, Period.Month, new DateOnly(2026, 11, 1)));
        Assert.Equal(1, await ValueAsync(tenant, Counters.EmailUniqueOpeners, Period.Day, Day1.AddDays(1)));
        Assert.Equal(2, await ValueAsync(tenant, Counters.EmailUniqueOpeners, Period.Month, new DateOnly(2026, 11, 1)));
        Assert.Equal(2, await ValueAsync(tenant, Counters.LeadsAcquired, Period.Month, new DateOnly(2026, 11, 1)));
        Assert.Equal(first.Kpis!.Seq + 1, second.Kpis!.Seq);
        Assert.Equal(shard, second.Kpis.Shard);
    }

    [Fact]
    public async Task A_series_of_weeks_adds_up_the_days_of_additive_counters_and_keeps_unique_ones_per_week()
    {
        var tenant = NewTenant();
        var monday = Period.Week.Containing(Day1).Start;
        var at = T0.AddDays(monday.DayNumber - Day1.DayNumber);
        // One lead opening on Monday and Wednesday of one week and on Monday of the next.
        await CommitAsync(null, Request(tenant, new LeadState(),
            Event("w1", "lead-1", EmailOpened, at: at),
            Event("w2", "lead-1", EmailOpened, at: at.AddDays(2)),
            Event("w3", "lead-1", EmailOpened, at: at.AddDays(7))));

        var points = await Kpis.ReadSeriesAsync(tenant, [""], [Counters.EmailOpens, Counters.EmailUniqueOpeners], Period.Week,
            monday, monday.AddDays(7), CancellationToken.None);
        double At(Counter c, DateOnly week) => points.Where(p => p.Counter == c.Name && p.Bucket == week).Sum(p => p.Value);

        Assert.Equal(2, At(Counters.EmailOpens, monday));
        Assert.Equal(1, At(Counters.EmailOpens, monday.AddDays(7)));
        Assert.Equal(1, At(Counters.EmailUniqueOpeners, monday));
        Assert.Equal(1, At(Counters.EmailUniqueOpeners, monday.AddDays(7)));
        Assert.All(points, p => Assert.True(p.Bucket == monday || p.Bucket == monday.AddDays(7), $"{p.Counter} at {p.Bucket}"));

        // A range starting mid-week holds only the weeks that start in it.
        var later = await Kpis.ReadSeriesAsync(tenant, [""], [Counters.EmailOpens], Period.Week, monday.AddDays(1), monday.AddDays(7), CancellationToken.None);
        Assert.Equal([(monday.AddDays(7), 1.0)], later.Select(p => (p.Bucket, p.Value)));
    }

    [Fact]
    public async Task A_commit_of_only_duplicates_changes_no_counter_and_takes_no_sequence_number()
    {
        var tenant = NewTenant();
        var request = Request(tenant, new LeadState(), Event("w1", "lead-1", WhitepaperDownloaded));
        var (shard, first) = await CommitAsync(null, request);
        var (_, again) = await CommitAsync(shard, Request(tenant, new LeadState(), Event("w1", "lead-1", WhitepaperDownloaded)));

        Assert.Null(again.Kpis);
        Assert.Equal(1, await ValueAsync(tenant, Counters.WhitepaperDownloads, Period.Day, Day1));
        var snapshot = await Kpis.ReadDayTotalsAsync(tenant, KpiScope.All, [Counters.WhitepaperDownloads], Day1, Day1, CancellationToken.None);
        Assert.Equal(first.Kpis!.Seq, snapshot.Seqs[shard]);
        Assert.Equal(1, snapshot.Totals["whitepaper.downloads"]);
    }

    [Fact]
    public async Task Qualification_counts_in_the_funnel_under_the_leads_first_source()
    {
        var tenant = NewTenant();
        await CommitAsync(null, Request(tenant, new LeadState(),
            Event("x1", "lead-1", ExhibitionVisited, source: "exhibition"),
            Event("x2", "lead-1", WebinarAttended, source: "seminar"),
            Event("x3", "lead-1", InquirySubmitted, source: "search")));

        var month = new DateOnly(2026, 11, 1);
        Assert.Equal(1, await ValueAsync(tenant, Counters.LeadsQualified, Period.Month, month));
        Assert.Equal(1, await ValueAsync(tenant, Counters.LeadsQualified, Period.Month, month, "source:exhibition"));
        Assert.Equal(0, await ValueAsync(tenant, Counters.LeadsQualified, Period.Month, month, "source:search"));
        Assert.Equal(1, await ValueAsync(tenant, Counters.LeadsAcquired, Period.Month, month, "source:exhibition"));
    }

    [Fact]
    public async Task Counters_are_bucketed_by_the_tenants_local_date()
    {
        var tenant = NewTenant();
        var tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
        // 2026-11-01 20:00 UTC is 2026-11-02 05:00 in Tokyo.
        var request = RequestIn(tokyo, tenant, new LeadState(), Event("late", "lead-1", DocumentRequested, at: T0.AddHours(11)));
        var shard = await Store.RegisterShardAsync("kpi-contract-" + Guid.NewGuid().ToString("N"), CancellationToken.None);
        await Store.CommitAsync([request], shard, CancellationToken.None);

        Assert.Equal(0, await ValueAsync(tenant, Counters.DocumentRequests, Period.Day, Day1));
        Assert.Equal(1, await ValueAsync(tenant, Counters.DocumentRequests, Period.Day, Day1.AddDays(1)));
    }

    [Fact]
    public async Task Channel_reports_are_idempotent_by_id_and_add_to_counters()
    {
        var tenant = NewTenant();
        var shard = await Store.RegisterShardAsync("kpi-contract-" + Guid.NewGuid().ToString("N"), CancellationToken.None);
        ChannelMetricReport Report(string id, ChannelMetric metric, double value) =>
            new() { Id = id, Metric = metric, Value = value, OccurredAt = T0, Campaign = "launch" };

        var first = await Store.CommitReportsAsync(tenant,
            [Report("r1", ChannelMetric.SnsImpressions, 1200), Report("r2", ChannelMetric.SnsReach, 900)], TimeZoneInfo.Utc, shard, CancellationToken.None);
        var again = await Store.CommitReportsAsync(tenant,
            [Report("r1", ChannelMetric.SnsImpressions, 1200), Report("r3", ChannelMetric.SnsImpressions, 300)], TimeZoneInfo.Utc, shard, CancellationToken.None);

        Assert.Equal((2, 0), (first.Accepted, first.Duplicates));
        Assert.Equal((1, 1), (again.Accepted, again.Duplicates));
        Assert.Equal(1500, await ValueAsync(tenant, Counters.SnsImpressions, Period.Day, Day1));
        Assert.Equal(1500, await ValueAsync(tenant, Counters.SnsImpressions, Period.Week, Period.Week.Containing(Day1).Start, "campaign:launch"));
        Assert.Equal(900, await ValueAsync(tenant, Counters.SnsReach, Period.Month, new DateOnly(2026, 11, 1)));
        Assert.Equal(first.Kpis!.Seq + 1, again.Kpis!.Seq);
    }

    [Fact]
    public async Task Threshold_events_publish_only_against_the_status_version_read()
    {
        var tenant = NewTenant();
        await Kpis.SaveTargetAsync(tenant, "email.deliveries", "q4", "{\"v\":1}", CancellationToken.None);
        var stored = (await Kpis.ReadTargetAsync(tenant, "email.deliveries", CancellationToken.None))!;
        var kpi = KpiId.Parse("email.deliveries");
        KpiThresholdEvent[] events = [new(KpiThresholdKind.TargetReached, "t1", kpi, Day1, 10, 10, null, null, "reached")];

        Assert.True(await Kpis.PublishAsync(tenant, "email.deliveries", stored.StatusVersion, "{\"s\":1}", events, CancellationToken.None));
        Assert.False(await Kpis.PublishAsync(tenant, "email.deliveries", stored.StatusVersion, "{\"s\":2}", events, CancellationToken.None));

        var listed = await Kpis.ReadEventsAsync(tenant, "email.deliveries", 0, 100, CancellationToken.None);
        var only = Assert.Single(listed);
        Assert.Equal(("target_reached", Day1, 10.0, "reached"), (only.Kind, only.AsOf, only.Value!.Value, only.Cause));
        var after = (await Kpis.ReadTargetAsync(tenant, "email.deliveries", CancellationToken.None))!;
        Assert.Equal("{\"s\":1}", after.Status);

        // Replacing the target starts it afresh.
        await Kpis.SaveTargetAsync(tenant, "email.deliveries", "q4", "{\"v\":2}", CancellationToken.None);
        var replaced = (await Kpis.ReadTargetAsync(tenant, "email.deliveries", CancellationToken.None))!;
        Assert.Null(replaced.Status);
        Assert.Equal("{\"v\":2}", replaced.Target);
        Assert.True(await Kpis.DeleteTargetAsync(tenant, "email.deliveries", CancellationToken.None));
        Assert.Empty(await Kpis.ReadTargetsAsync(tenant, CancellationToken.None));
    }

    [Fact]
    public async Task Kgi_plan_round_trips()
    {
        var tenant = NewTenant();
        Assert.Null(await Kpis.ReadPlanAsync(tenant, CancellationToken.None));
        await Kpis.SavePlanAsync(tenant, "{\"a\":1}", CancellationToken.None);
        await Kpis.SavePlanAsync(tenant, "{\"a\":2}", CancellationToken.None);
        Assert.Equal("{\"a\":2}", await Kpis.ReadPlanAsync(tenant, CancellationToken.None));
    }
}
