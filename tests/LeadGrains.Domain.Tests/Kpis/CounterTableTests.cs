using LeadGrains.Domain.Kpis;
using static LeadGrains.Domain.Tests.Zones;

namespace LeadGrains.Domain.Tests;

/// <summary>How a table reads a week or a month: additive counters as sums of their days, unique counters from their own buckets.</summary>
public class CounterTableTests
{
    private static CounterKey Key(Counter c, Period p, DateOnly day, KpiScope? scope = null) => new(c, scope ?? KpiScope.All, p.Containing(day));

    [Fact]
    public void An_additive_week_and_month_are_the_sums_of_their_days_and_only_of_theirs()
    {
        var table = new CounterTable();
        table.Add(Key(Counters.EmailDeliveries, Period.Day, D(2025, 3, 9)), 1);    // a Sunday: the week before
        table.Add(Key(Counters.EmailDeliveries, Period.Day, D(2025, 3, 10)), 2);   // Monday
        table.Add(Key(Counters.EmailDeliveries, Period.Day, D(2025, 3, 16)), 4);   // Sunday of the same week
        table.Add(Key(Counters.EmailDeliveries, Period.Day, D(2025, 4, 1)), 8);    // another month

        Assert.Equal(6, table.Totals(KpiScope.All, Period.Week, D(2025, 3, 10), D(2025, 3, 10))[Counters.EmailDeliveries]);
        Assert.Equal(7, table.Totals(KpiScope.All, Period.Week, D(2025, 3, 3), D(2025, 3, 10))[Counters.EmailDeliveries]);
        Assert.Equal(7, table.Totals(KpiScope.All, Period.Month, D(2025, 3, 1), D(2025, 3, 1))[Counters.EmailDeliveries]);
        Assert.Equal(15, table.Totals(KpiScope.All, Period.Month, D(2025, 3, 1), D(2025, 4, 1))[Counters.EmailDeliveries]);
    }

    [Fact]
    public void A_week_starting_before_the_range_is_not_counted_by_its_later_days()
    {
        var table = new CounterTable();
        table.Add(Key(Counters.EmailDeliveries, Period.Day, D(2025, 3, 12)), 1);   // in the week of Monday 10 March

        Assert.Equal(0, table.Totals(KpiScope.All, Period.Week, D(2025, 3, 11), D(2025, 3, 16))[Counters.EmailDeliveries]);
    }

    [Fact]
    public void A_unique_week_is_its_own_bucket_not_the_sum_of_its_days()
    {
        var table = new CounterTable();
        // One lead opening on two days of one week: one a day, one in the week.
        table.Add(Key(Counters.EmailUniqueOpeners, Period.Day, D(2025, 3, 10)), 1);
        table.Add(Key(Counters.EmailUniqueOpeners, Period.Day, D(2025, 3, 11)), 1);
        table.Add(Key(Counters.EmailUniqueOpeners, Period.Week, D(2025, 3, 10)), 1);

        Assert.Equal(1, table.Totals(KpiScope.All, Period.Week, D(2025, 3, 10), D(2025, 3, 10))[Counters.EmailUniqueOpeners]);
        Assert.Equal(2, table.Totals(KpiScope.All, Period.Day, D(2025, 3, 10), D(2025, 3, 16))[Counters.EmailUniqueOpeners]);
    }

    [Fact]
    public void A_week_bucket_of_an_additive_counter_is_never_read_so_nothing_counts_twice()
    {
        var table = new CounterTable();
        table.Add(Key(Counters.EmailDeliveries, Period.Day, D(2025, 3, 10)), 1);
        table.Add(Key(Counters.EmailDeliveries, Period.Week, D(2025, 3, 10)), 1);   // as an older version wrote them

        Assert.Equal(1, table.Totals(KpiScope.All, Period.Week, D(2025, 3, 10), D(2025, 3, 10))[Counters.EmailDeliveries]);
        Assert.Equal(1, table.Totals(KpiScope.All, Period.Day, D(2025, 3, 10), D(2025, 3, 10))[Counters.EmailDeliveries]);
    }

    [Fact]
    public void Another_scope_is_not_read()
    {
        var table = new CounterTable();
        table.Add(Key(Counters.EmailDeliveries, Period.Day, D(2025, 3, 10), KpiScope.Campaign("spring")), 1);

        Assert.Equal(0, table.Totals(KpiScope.All, Period.Week, D(2025, 3, 10), D(2025, 3, 10))[Counters.EmailDeliveries]);
        Assert.Equal(1, table.Totals(KpiScope.Campaign("spring"), Period.Week, D(2025, 3, 10), D(2025, 3, 10))[Counters.EmailDeliveries]);
    }
}
