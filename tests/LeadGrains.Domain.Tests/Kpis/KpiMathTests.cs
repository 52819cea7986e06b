using LeadGrains.Domain.Kpis;
using static LeadGrains.Domain.Events.EventCatalog;
using static LeadGrains.Domain.Tests.Events;
using static LeadGrains.Domain.Tests.Zones;
using M = LeadGrains.Domain.Kpis.MeasureCatalog;

namespace LeadGrains.Domain.Tests;

public class KpiMathTests
{
    [Fact]
    public void The_open_rate_is_unique_openers_over_deliveries_with_both_parts()
    {
        var counters = CounterValues.Of((Counters.EmailUniqueOpeners, 25), (Counters.EmailDeliveries, 100));

        var value = M.EmailOpenRate.Evaluate(counters);

        Assert.Equal(new KpiValue(0.25, 25, 100), value);
    }

    [Fact]
    public void A_rate_with_no_deliveries_has_no_value_rather_than_0_or_NaN()
    {
        var value = M.EmailOpenRate.Evaluate(CounterValues.Empty);

        Assert.False(value.HasValue);
        Assert.Equal(new KpiValue(null, 0, 0), value);
    }

    [Fact]
    public void An_average_with_no_samples_has_no_value()
    {
        var value = M.WebAverageTimeOnPage.Evaluate(CounterValues.Of((Counters.WebDwellSeconds, 0)));

        Assert.Null(value.Value);
    }

    [Fact]
    public void Pages_per_session_is_page_views_over_sessions()
    {
        var value = M.WebPagesPerSession.Evaluate(CounterValues.Of((Counters.WebPageViews, 30), (Counters.WebSessions, 12)));

        Assert.Equal(2.5, value.Value);
    }

    [Fact]
    public void A_count_of_two_counters_adds_them()
    {
        var value = M.Downloads.Evaluate(CounterValues.Of((Counters.WhitepaperDownloads, 7), (Counters.DocumentRequests, 3)));

        Assert.Equal(10, value.Value);
    }

    [Fact]
    public void The_engagement_rate_has_no_value_before_any_follower_report()
    {
        var value = M.SnsEngagementRate.Evaluate(CounterValues.Of((Counters.SnsEngagements, 40)));

        Assert.Equal(new KpiValue(null, 40, null), value);
    }

    [Fact]
    public void The_engagement_rate_divides_by_the_average_follower_count()
    {
        var counters = CounterValues.Of(
            (Counters.SnsEngagements, 60), (Counters.SnsFollowersSum, 1000 + 1400), (Counters.SnsFollowerReports, 2));

        var value = M.SnsEngagementRate.Evaluate(counters);

        Assert.Equal(new KpiValue(0.05, 60, 1200), value);
    }

    [Fact]
    public void A_week_is_the_sum_of_its_events_across_days()
    {
        var table = new CounterTable();
        for (var day = 0; day < 7; day++)
        {
            table.AddRange(CounterContributions.ForEvent(Event(EmailDelivered, T0.AddDays(day)), Zones.Utc, ContributionContext.None));
        }

        var week = new KpiId(M.EmailDeliveries).Evaluate(table, Period.Week, D(2025, 3, 10), D(2025, 3, 10));
        var days = new KpiId(M.EmailDeliveries).Evaluate(table, Period.Day, D(2025, 3, 10), D(2025, 3, 16));

        Assert.Equal(7, week.Value);
        Assert.Equal(7, days.Value);
    }

    [Fact]
    public void A_scoped_kpi_reads_only_its_scope()
    {
        var table = new CounterTable();
        table.AddRange(CounterContributions.ForEvent(Event(EmailDelivered, T0, campaign: "a"), Zones.Utc, ContributionContext.None));
        table.AddRange(CounterContributions.ForEvent(Event(EmailDelivered, T0, campaign: "b"), Zones.Utc, ContributionContext.None));

        var a = KpiId.Parse("email.deliveries@campaign:a").Evaluate(table, Period.Month, D(2025, 3, 1), D(2025, 3, 1));
        var all = KpiId.Parse("email.deliveries").Evaluate(table, Period.Month, D(2025, 3, 1), D(2025, 3, 1));

        Assert.Equal(1, a.Value);
        Assert.Equal(2, all.Value);
    }

    [Fact]
    public void Tables_merged_in_any_order_hold_the_same_counts()
    {
        var events = new[] { Event(EmailDelivered, T0), Event(EmailOpened, T0.AddHours(1)), Event(EmailDelivered, T0.AddDays(3)) };
        var parts = events.Select(e =>
        {
            var t = new CounterTable();
            t.AddRange(CounterContributions.ForEvent(e, Berlin, ContributionContext.None));
            return t;
        }).ToList();
        var forward = new CounterTable();
        var backward = new CounterTable();

        parts.ForEach(forward.MergeFrom);
        Enumerable.Reverse(parts).ToList().ForEach(backward.MergeFrom);

        Assert.Equal(forward.Entries.OrderBy(e => e.Key.ToString()), backward.Entries.OrderBy(e => e.Key.ToString()));
    }

    [Fact]
    public void A_rate_over_a_range_divides_the_sums_not_averages_the_daily_rates()
    {
        var table = new CounterTable();
        var day1 = new Bucket(Period.Day, D(2025, 3, 10));
        var day2 = new Bucket(Period.Day, D(2025, 3, 11));
        table.Add(new CounterKey(Counters.EmailDeliveries, KpiScope.All, day1), 100);
        table.Add(new CounterKey(Counters.EmailUniqueOpeners, KpiScope.All, day1), 50);
        table.Add(new CounterKey(Counters.EmailDeliveries, KpiScope.All, day2), 300);
        table.Add(new CounterKey(Counters.EmailUniqueOpeners, KpiScope.All, day2), 50);

        var rate = new KpiId(M.EmailOpenRate).Evaluate(table, Period.Day, day1.Start, day2.Start);

        Assert.Equal(new KpiValue(0.25, 100, 400), rate);
    }
}
