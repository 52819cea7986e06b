using LeadGrains.Domain.Kpis;
using LeadGrains.Domain.Leads;
using static LeadGrains.Domain.Events.EventCatalog;
using static LeadGrains.Domain.Tests.Events;
using static LeadGrains.Domain.Tests.Zones;

namespace LeadGrains.Domain.Tests;

public class CounterContributionsTests
{
    private static CounterKey Key(Counter c, KpiScope scope, Period period, DateOnly start) => new(c, scope, new Bucket(period, start));

    [Fact]
    public void A_delivery_counts_once_in_its_day_and_its_week_and_month_are_sums_of_days()
    {
        var deltas = CounterContributions.ForEvent(Event(EmailDelivered, T0), Zones.Utc, ContributionContext.None);
        var table = new CounterTable();
        table.AddRange(deltas);

        Assert.Equal([new CounterDelta(Key(Counters.EmailDeliveries, KpiScope.All, Period.Day, D(2025, 3, 10)), 1)], deltas);
        Assert.Equal(1, table.Totals(KpiScope.All, Period.Week, D(2025, 3, 10), D(2025, 3, 10))[Counters.EmailDeliveries]);
        Assert.Equal(1, table.Totals(KpiScope.All, Period.Month, D(2025, 3, 1), D(2025, 3, 1))[Counters.EmailDeliveries]);
    }

    [Fact]
    public void Every_additive_counter_is_kept_in_days_and_every_unique_counter_in_every_period()
    {
        Assert.All(Counters.All, c => Assert.Equal(c.Kind == CounterKind.Additive, c.KeptInDays));
        Assert.All(Counters.All, c => Assert.Equal(c.KeptInDays ? 1 : Periods.All.Count, c.StoredPeriodCount));
    }

    [Fact]
    public void A_first_open_counts_a_unique_opener_in_every_period()
    {
        var e = Event(EmailOpened, T0);
        var firsts = CounterContributions.UniqueCandidates(e, Zones.Utc).Select(c => c.Key).ToHashSet();

        var periods = CounterContributions.ForEvent(e, Zones.Utc, new ContributionContext { FirstOccurrences = firsts })
            .Where(d => d.Key.Counter == Counters.EmailUniqueOpeners)
            .Select(d => d.Key.Bucket.Period);

        Assert.Equal([Period.Day, Period.Week, Period.Month], periods);
    }

    [Fact]
    public void An_event_with_campaign_and_source_counts_in_all_three_scopes()
    {
        var e = Event(WhitepaperDownloaded, T0, campaign: "nov-news", source: "newsletter");

        var scopes = CounterContributions.ForEvent(e, Zones.Utc, ContributionContext.None)
            .Where(d => d.Key.Bucket.Period == Period.Day)
            .Select(d => d.Key.Scope);

        Assert.Equal([KpiScope.All, KpiScope.Campaign("nov-news"), KpiScope.Source("newsletter")], scopes);
    }

    [Fact]
    public void The_bucket_is_the_tenant_local_date_of_the_occurred_at_time()
    {
        // 15:00 UTC on Sunday is 00:00 Monday in Tokyo.
        var e = Event(EmailDelivered, At(2025, 3, 9, 15, 0));

        var day = CounterContributions.ForEvent(e, Tokyo, ContributionContext.None).First(d => d.Key.Bucket.Period == Period.Day);

        Assert.Equal(D(2025, 3, 10), day.Key.Bucket.Start);
    }

    [Fact]
    public void An_open_lists_its_unique_openers_keys_as_candidates_identified_by_the_lead()
    {
        var candidates = CounterContributions.UniqueCandidates(Event(EmailOpened, T0, campaign: "nov-news"), Zones.Utc);

        Assert.Equal(6, candidates.Count); // 2 scopes x 3 periods
        Assert.All(candidates, c =>
        {
            Assert.Same(Counters.EmailUniqueOpeners, c.Key.Counter);
            Assert.Equal("lead-1", c.Identity);
        });
    }

    [Fact]
    public void An_open_adds_to_unique_openers_only_where_the_caller_says_it_is_the_first()
    {
        var e = Event(EmailOpened, T0);
        var firstThisWeekOnly = Key(Counters.EmailUniqueOpeners, KpiScope.All, Period.Week, D(2025, 3, 10));
        var context = new ContributionContext { FirstOccurrences = new HashSet<CounterKey> { firstThisWeekOnly } };

        var unique = CounterContributions.ForEvent(e, Zones.Utc, context).Where(d => d.Key.Counter == Counters.EmailUniqueOpeners);

        Assert.Equal([new CounterDelta(firstThisWeekOnly, 1)], unique);
    }

    [Fact]
    public void A_repeated_open_still_counts_as_an_open()
    {
        var deltas = CounterContributions.ForEvent(Event(EmailOpened, T0), Zones.Utc, ContributionContext.None);

        Assert.Equal(1, deltas.Count(d => d.Key.Counter == Counters.EmailOpens));
        Assert.DoesNotContain(deltas, d => d.Key.Counter == Counters.EmailUniqueOpeners);
    }

    [Fact]
    public void A_page_view_with_a_session_is_a_session_candidate_identified_by_the_session()
    {
        var e = Event(WebPageViewed, T0) with { Properties = new() { SessionId = "s-42" } };

        var candidates = CounterContributions.UniqueCandidates(e, Zones.Utc);

        Assert.All(candidates, c => Assert.Equal(("web.sessions", "s-42"), (c.Key.Counter.Name, c.Identity)));
        Assert.DoesNotContain(CounterContributions.ForEvent(e, Zones.Utc, ContributionContext.None), d => d.Key.Counter == Counters.WebSessions);
    }

    [Fact]
    public void A_page_view_without_a_session_is_a_session_of_its_own()
    {
        var deltas = CounterContributions.ForEvent(Event(WebPageViewed, T0), Zones.Utc, ContributionContext.None);

        Assert.Equal(3, deltas.Count(d => d.Key.Counter == Counters.WebSessions && d.Amount == 1));
    }

    [Fact]
    public void A_page_view_adds_its_dwell_seconds_and_one_sample()
    {
        var deltas = CounterContributions.ForEvent(Event(WebPageViewed, T0, dwellSeconds: 42.5), Zones.Utc, ContributionContext.None)
            .Where(d => d.Key.Bucket.Period == Period.Day)
            .ToDictionary(d => d.Key.Counter.Name, d => d.Amount);

        Assert.Equal(42.5, deltas["web.dwell_seconds"]);
        Assert.Equal(1, deltas["web.dwell_samples"]);
        Assert.Equal(1, deltas["web.page_views"]);
    }

    [Fact]
    public void A_page_view_without_dwell_seconds_adds_no_dwell_sample()
    {
        var deltas = CounterContributions.ForEvent(Event(WebPageViewed, T0), Zones.Utc, ContributionContext.None);

        Assert.DoesNotContain(deltas, d => d.Key.Counter == Counters.WebDwellSamples);
    }

    [Theory]
    [InlineData("like", "sns.likes")]
    [InlineData("repost", "sns.reposts")]
    [InlineData("reply", "sns.replies")]
    public void An_sns_engagement_counts_as_an_engagement_and_as_its_kind(string kind, string counter)
    {
        var names = CounterContributions.ForEvent(Event(SnsEngaged, T0, kind: kind), Zones.Utc, ContributionContext.None)
            .Where(d => d.Key.Bucket.Period == Period.Day)
            .Select(d => d.Key.Counter.Name);

        Assert.Equal(["sns.engagements", counter], names);
    }

    [Fact]
    public void The_event_that_acquires_a_lead_counts_a_lead_acquired_in_its_source()
    {
        var e = Event(DocumentRequested, T0, source: "search");

        var deltas = CounterContributions.ForEvent(e, Zones.Utc, new ContributionContext { AcquiresLead = true });

        Assert.Contains(new CounterDelta(Key(Counters.LeadsAcquired, KpiScope.Source("search"), Period.Day, D(2025, 3, 10)), 1), deltas);
    }

    [Fact]
    public void A_later_event_does_not_count_a_lead_acquired()
    {
        var deltas = CounterContributions.ForEvent(Event(DocumentRequested, T0), Zones.Utc, ContributionContext.None);

        Assert.DoesNotContain(deltas, d => d.Key.Counter == Counters.LeadsAcquired);
    }

    [Theory]
    [InlineData(LeadStage.Qualified, "funnel.leads_qualified")]
    [InlineData(LeadStage.HandedToSales, "funnel.handed_to_sales")]
    [InlineData(LeadStage.Meeting, "funnel.meetings")]
    [InlineData(LeadStage.Won, "funnel.won_deals")]
    public void A_transition_into_a_funnel_stage_counts_in_that_stage(LeadStage to, string counter)
    {
        var t = new StageTransition(LeadStage.Nurturing, to, "e-1", T0, 55, 50);

        var deltas = CounterContributions.ForTransition(t, null, Zones.Utc);

        Assert.Equal([Period.Day], deltas.Select(d => d.Key.Bucket.Period));
        Assert.All(deltas, d => Assert.Equal(counter, d.Key.Counter.Name));
    }

    [Fact]
    public void A_transition_to_nurturing_counts_nothing()
    {
        var t = new StageTransition(LeadStage.New, LeadStage.Nurturing, "e-1", T0, 5, null);

        Assert.Empty(CounterContributions.ForTransition(t, null, Zones.Utc));
    }

    [Fact]
    public void A_transition_is_attributed_to_the_leads_first_touch()
    {
        var t = new StageTransition(LeadStage.Qualified, LeadStage.Meeting, "crm-1", T0, 60, null);
        var firstTouch = new Touch("sns", "spring", T0.AddDays(-30));

        var scopes = CounterContributions.ForTransition(t, firstTouch, Zones.Utc)
            .Where(d => d.Key.Bucket.Period == Period.Day)
            .Select(d => d.Key.Scope);

        Assert.Equal([KpiScope.All, KpiScope.Campaign("spring"), KpiScope.Source("sns")], scopes);
    }

    [Fact]
    public void An_impressions_report_adds_its_value_to_the_campaign_and_the_tenant()
    {
        var report = new ChannelMetricReport { Id = "r-1", Metric = ChannelMetric.SnsImpressions, Value = 1200, OccurredAt = T0, Campaign = "spring" };

        var deltas = CounterContributions.ForReport(report, Zones.Utc);

        Assert.Equal([KpiScope.All, KpiScope.Campaign("spring")], deltas.Select(d => d.Key.Scope));
        Assert.All(deltas, d => Assert.Equal((Counters.SnsImpressions, 1200.0, Period.Day), (d.Key.Counter, d.Amount, d.Key.Bucket.Period)));
    }

    [Fact]
    public void A_follower_report_adds_to_the_follower_sum_and_the_number_of_readings()
    {
        var report = new ChannelMetricReport { Id = "r-2", Metric = ChannelMetric.SnsFollowers, Value = 5000, OccurredAt = T0 };

        var day = CounterContributions.ForReport(report, Zones.Utc)
            .Where(d => d.Key.Bucket.Period == Period.Day)
            .ToDictionary(d => d.Key.Counter, d => d.Amount);

        Assert.Equal(5000, day[Counters.SnsFollowersSum]);
        Assert.Equal(1, day[Counters.SnsFollowerReports]);
    }

    [Fact]
    public void A_report_with_a_negative_value_is_refused_naming_the_field()
    {
        var report = new ChannelMetricReport { Id = "r-3", Metric = ChannelMetric.SnsReach, Value = -1, OccurredAt = T0 };

        var error = Assert.Single(report.Validate());

        Assert.Equal("value", error.Field);
    }

    [Fact]
    public void AddEvent_adds_exactly_what_ForEvent_returns()
    {
        var opened = Event(EmailOpened, T0, campaign: "c", source: "s");
        var firstOpen = CounterContributions.UniqueCandidates(opened, Berlin).Select(c => c.Key).Take(4).ToHashSet();
        (Domain.Events.LeadEvent Event, ContributionContext Context)[] cases =
        [
            (Event(WebPageViewed, T0, campaign: "c", source: "s", dwellSeconds: 12), ContributionContext.None),
            (Event(SnsEngaged, T0.AddDays(40), kind: "repost"), new ContributionContext { AcquiresLead = true }),
            (opened, new ContributionContext { FirstOccurrences = firstOpen }),
            (Event(DocumentRequested, T0, source: "s"), ContributionContext.None),
        ];
        var viaList = new CounterTable();
        var direct = new CounterTable();

        foreach (var (e, context) in cases)
        {
            viaList.AddRange(CounterContributions.ForEvent(e, Berlin, context));
            CounterContributions.AddEvent(direct, e, Berlin, context);
        }

        Assert.Equal(viaList.Entries.OrderBy(x => x.Key.ToString()), direct.Entries.OrderBy(x => x.Key.ToString()));
        Assert.Contains(direct.Entries, x => x.Key.Counter == Counters.EmailUniqueOpeners);
    }

    [Fact]
    public void Contributions_are_the_same_every_time()
    {
        var e = Event(EmailClicked, T0, campaign: "c", source: "s");

        Assert.Equal(
            CounterContributions.ForEvent(e, Berlin, ContributionContext.None),
            CounterContributions.ForEvent(e, Berlin, ContributionContext.None));
    }
}
