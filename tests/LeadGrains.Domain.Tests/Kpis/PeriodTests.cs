using LeadGrains.Domain.Kpis;
using static LeadGrains.Domain.Tests.Zones;

namespace LeadGrains.Domain.Tests;

public class PeriodTests
{
    [Fact]
    public void A_Tokyo_day_starts_at_15_00_UTC_the_day_before()
    {
        var bucket = Period.Day.BucketOf(At(2025, 3, 9, 15, 0), Tokyo);

        Assert.Equal(new Bucket(Period.Day, D(2025, 3, 10)), bucket);
        Assert.Equal(At(2025, 3, 9, 15, 0), bucket.StartsAt(Tokyo));
    }

    [Fact]
    public void The_last_minute_before_Tokyo_midnight_is_still_the_previous_day()
    {
        var bucket = Period.Day.BucketOf(At(2025, 3, 9, 14, 59), Tokyo);

        Assert.Equal(D(2025, 3, 9), bucket.Start);
    }

    [Fact]
    public void A_UTC_tenant_buckets_by_the_UTC_date()
    {
        var bucket = Period.Day.BucketOf(At(2025, 3, 9, 23, 59), Zones.Utc);

        Assert.Equal(D(2025, 3, 9), bucket.Start);
        Assert.Equal(At(2025, 3, 9), bucket.StartsAt(Zones.Utc));
    }

    [Fact]
    public void The_Berlin_day_clocks_spring_forward_is_23_hours_long()
    {
        var day = new Bucket(Period.Day, D(2025, 3, 30));

        Assert.Equal(At(2025, 3, 29, 23, 0), day.StartsAt(Berlin));
        Assert.Equal(At(2025, 3, 30, 22, 0), day.EndsAt(Berlin));
        Assert.Equal(TimeSpan.FromHours(23), day.EndsAt(Berlin) - day.StartsAt(Berlin));
    }

    [Fact]
    public void The_Berlin_day_clocks_fall_back_is_25_hours_long()
    {
        var day = new Bucket(Period.Day, D(2025, 10, 26));

        Assert.Equal(TimeSpan.FromHours(25), day.EndsAt(Berlin) - day.StartsAt(Berlin));
    }

    [Fact]
    public void An_event_just_after_Berlin_midnight_after_spring_forward_is_in_the_new_day_and_new_week()
    {
        // 22:00 UTC is 00:00 CEST on Monday 2025-03-31; an hour earlier it was 23:00 CET.
        var at = At(2025, 3, 30, 22, 0);

        Assert.Equal(D(2025, 3, 31), Period.Day.BucketOf(at, Berlin).Start);
        Assert.Equal(D(2025, 3, 31), Period.Week.BucketOf(at, Berlin).Start);
    }

    [Fact]
    public void An_event_just_before_Berlin_midnight_after_spring_forward_is_in_the_old_week()
    {
        var at = At(2025, 3, 30, 21, 59);

        Assert.Equal(D(2025, 3, 30), Period.Day.BucketOf(at, Berlin).Start);
        Assert.Equal(D(2025, 3, 24), Period.Week.BucketOf(at, Berlin).Start);
    }

    [Fact]
    public void The_same_UTC_hour_is_on_different_Berlin_dates_in_winter_and_summer()
    {
        // 23:30 UTC is 00:30 the next day in winter (CET, +1) and in summer (CEST, +2) alike,
        // but 22:30 UTC is only past midnight in summer.
        Assert.Equal(D(2025, 1, 15), Period.Day.BucketOf(At(2025, 1, 15, 22, 30), Berlin).Start);
        Assert.Equal(D(2025, 7, 16), Period.Day.BucketOf(At(2025, 7, 15, 22, 30), Berlin).Start);
    }

    [Fact]
    public void A_Berlin_week_spanning_the_autumn_change_is_169_hours_long()
    {
        var week = Period.Week.Containing(D(2025, 10, 26));

        Assert.Equal(D(2025, 10, 20), week.Start);
        Assert.Equal(TimeSpan.FromHours(169), week.EndsAt(Berlin) - week.StartsAt(Berlin));
    }

    [Fact]
    public void Weeks_start_on_Monday()
    {
        Assert.Equal(D(2025, 3, 10), Period.Week.Containing(D(2025, 3, 10)).Start); // Monday
        Assert.Equal(D(2025, 3, 10), Period.Week.Containing(D(2025, 3, 16)).Start); // Sunday
        Assert.Equal(D(2025, 3, 17), Period.Week.Containing(D(2025, 3, 17)).Start);
    }

    [Fact]
    public void An_ISO_week_can_start_in_the_previous_year()
    {
        Assert.Equal(D(2024, 12, 30), Period.Week.Containing(D(2025, 1, 1)).Start);
    }

    [Fact]
    public void A_Tokyo_month_starts_on_the_local_first_of_the_month()
    {
        // 2025-02-28 15:00 UTC is 2025-03-01 00:00 in Tokyo.
        var bucket = Period.Month.BucketOf(At(2025, 2, 28, 15, 0), Tokyo);

        Assert.Equal(new Bucket(Period.Month, D(2025, 3, 1)), bucket);
        Assert.Equal(D(2025, 4, 1), bucket.End);
    }

    [Fact]
    public void A_day_whose_midnight_does_not_exist_starts_when_the_clocks_jump()
    {
        // Santiago, 2024-09-08: 00:00 -04 becomes 01:00 -03 at 04:00 UTC.
        var day = new Bucket(Period.Day, D(2024, 9, 8));

        Assert.Equal(At(2024, 9, 8, 4, 0), day.StartsAt(Santiago));
        Assert.Equal(TimeSpan.FromHours(23), day.EndsAt(Santiago) - day.StartsAt(Santiago));
    }

    [Fact]
    public void Covering_lists_every_bucket_that_touches_the_range()
    {
        var weeks = Period.Week.Covering(D(2025, 3, 12), D(2025, 3, 24)).Select(b => b.Start);

        Assert.Equal([D(2025, 3, 10), D(2025, 3, 17), D(2025, 3, 24)], weeks);
    }

    [Fact]
    public void Period_names_round_trip()
    {
        foreach (var p in Periods.All)
        {
            Assert.True(Periods.TryParse(p.Name(), out var parsed));
            Assert.Equal(p, parsed);
        }
        Assert.False(Periods.TryParse("year", out _));
    }
}
