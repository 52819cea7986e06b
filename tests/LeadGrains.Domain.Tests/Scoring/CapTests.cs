using LeadGrains.Domain.Leads;
using LeadGrains.Domain.Scoring;
using static LeadGrains.Domain.Events.EventCatalog;
using static LeadGrains.Domain.Tests.Events;

namespace LeadGrains.Domain.Tests;

public class CapTests
{
    [Fact]
    public void Twenty_email_opens_in_one_UTC_day_give_3_points()
    {
        var lead = new LeadState();

        var awarded = Enumerable.Range(0, 20).Sum(i => lead.ApplyNext(Event(EmailOpened, T0.AddMinutes(i * 30))).Points);

        Assert.Equal(3, awarded);
    }

    [Fact]
    public void Planning_on_a_copy_leaves_the_original_caps_unused()
    {
        // Clones share their cap array until one changes it: a plan that is never committed
        // must not use up the cap of the state it was planned from.
        var (lead, _) = new LeadState().WithEvents([(Event(EmailClicked, T0), 1)], DefaultScoringModel.Instance);

        var first = lead.WithEvents([(Event(EmailClicked, T0.AddMinutes(1)), 2), (Event(EmailClicked, T0.AddMinutes(2)), 3)], DefaultScoringModel.Instance).Next;
        var second = lead.WithEvents([(Event(EmailClicked, T0.AddMinutes(1)), 2), (Event(EmailClicked, T0.AddMinutes(2)), 3)], DefaultScoringModel.Instance).Next;
        var third = second.WithEvents([(Event(EmailClicked, T0.AddMinutes(3)), 4)], DefaultScoringModel.Instance).Next;

        Assert.Equal(3, lead.Score);
        Assert.Equal(9, first.Score, 3);
        Assert.Equal(9, second.Score, 3);
        Assert.Equal(9, third.Score, 3);   // the daily cap of 9 is used up on the copy, not before
    }

    [Fact]
    public void A_capped_rule_awards_nothing_once_its_daily_cap_is_used()
    {
        var lead = new LeadState();

        var awarded = Enumerable.Range(0, 4).Select(i => lead.ApplyNext(Event(EmailClicked, T0.AddMinutes(i)))).ToList();

        Assert.Equal([3.0, 3.0, 3.0, 0.0], awarded.Select(a => a.Points));
        Assert.All(awarded, a => Assert.Equal(3, a.RulePoints));
    }

    [Fact]
    public void The_next_UTC_day_grants_the_daily_cap_again()
    {
        var day1 = Enumerable.Range(0, 5).Select(i => Event(EmailOpened, T0.AddHours(i)));
        var day2 = Enumerable.Range(0, 5).Select(i => Event(EmailOpened, T0.Date.AddDays(1).AddHours(i)));
        var model = SingleRuleModel(EmailOpened, 1, new ScoreCap(3, CapPeriod.Day));

        var lead = Lead(day1.Concat(day2), model);

        Assert.Equal(6, lead.Score);
    }

    [Fact]
    public void Daily_caps_split_days_at_midnight_UTC_not_at_the_events_local_midnight()
    {
        var model = SingleRuleModel(EmailOpened, 1, new ScoreCap(1, CapPeriod.Day));
        // Three opens on the same New York day: 18:00 local is 23:00 UTC on the 10th, while
        // 20:00 and 23:00 local are 01:00 and 04:00 UTC on the 11th.
        var ny = TimeSpan.FromHours(-5);
        var lead = Lead(
            [
                Event(EmailOpened, new DateTimeOffset(2025, 3, 10, 18, 0, 0, ny)),
                Event(EmailOpened, new DateTimeOffset(2025, 3, 10, 20, 0, 0, ny)),
                Event(EmailOpened, new DateTimeOffset(2025, 3, 10, 23, 0, 0, ny)),
            ],
            model);

        Assert.Equal(2, lead.Score);
    }

    [Fact]
    public void A_negative_rule_is_not_capped()
    {
        var model = SingleRuleModel(EmailBounced, -5, new ScoreCap(3, CapPeriod.Day));
        var bounces = Enumerable.Range(0, 4).Select(i => Event(EmailBounced, T0.AddMinutes(i)));

        var lead = Lead(bounces, model);

        Assert.Equal(-20, lead.Score);
    }

    [Fact]
    public void A_weekly_cap_resets_on_Monday()
    {
        var model = SingleRuleModel(WebinarAttended, 10, new ScoreCap(10, CapPeriod.Week));
        var monday = T0;
        var lead = Lead(
            [
                Event(WebinarAttended, monday.AddDays(-2)), // Saturday: previous ISO week
                Event(WebinarAttended, new DateTimeOffset(2025, 3, 9, 23, 59, 0, TimeSpan.Zero)), // Sunday 23:59
                Event(WebinarAttended, monday), // new week
                Event(WebinarAttended, monday.AddDays(6)), // Sunday of the same week
            ],
            model);

        Assert.Equal(20, lead.Score);
    }

    [Fact]
    public void A_monthly_cap_resets_on_the_first_of_the_month()
    {
        var model = SingleRuleModel(WebinarAttended, 10, new ScoreCap(15, CapPeriod.Month));
        var lead = Lead(
            [
                Event(WebinarAttended, new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero)),
                Event(WebinarAttended, new DateTimeOffset(2025, 3, 31, 23, 59, 59, TimeSpan.Zero)),
                Event(WebinarAttended, new DateTimeOffset(2025, 4, 1, 0, 0, 0, TimeSpan.Zero)),
            ],
            model);

        Assert.Equal(25, lead.Score);
    }

    [Fact]
    public void A_lifetime_cap_never_resets()
    {
        var model = SingleRuleModel(WebinarRegistered, 5, new ScoreCap(10, CapPeriod.Lifetime));
        var registrations = Enumerable.Range(0, 5).Select(i => Event(WebinarRegistered, T0.AddDays(100 * i)));

        var lead = Lead(registrations, model);

        Assert.Equal(10, lead.Score);
    }

    [Theory]
    [InlineData(10, 10)] // Monday
    [InlineData(11, 10)]
    [InlineData(15, 10)] // Saturday
    [InlineData(16, 10)] // Sunday still belongs to the week that began on Monday the 10th
    [InlineData(17, 17)] // next Monday
    public void A_week_bucket_starts_on_the_Monday_of_the_ISO_week(int day, int expectedMonday)
    {
        var at = new DateTimeOffset(2025, 3, day, 23, 30, 0, TimeSpan.Zero);

        var start = CapPeriod.Week.BucketStart(at);

        Assert.Equal(new DateTime(2025, 3, expectedMonday, 0, 0, 0, DateTimeKind.Utc).Ticks, start);
    }

    [Fact]
    public void Day_month_and_lifetime_buckets_start_at_UTC_midnight_the_first_and_zero()
    {
        var at = new DateTimeOffset(2025, 3, 12, 1, 30, 0, TimeSpan.FromHours(9)); // 2025-03-11 16:30 UTC

        Assert.Equal(new DateTime(2025, 3, 11, 0, 0, 0, DateTimeKind.Utc).Ticks, CapPeriod.Day.BucketStart(at));
        Assert.Equal(new DateTime(2025, 3, 1, 0, 0, 0, DateTimeKind.Utc).Ticks, CapPeriod.Month.BucketStart(at));
        Assert.Equal(0, CapPeriod.Lifetime.BucketStart(at));
    }

    [Fact]
    public void A_late_event_whose_cap_bucket_is_older_than_the_cap_window_gets_0_points()
    {
        var lead = Lead(Event(EmailOpened, T0 + LeadState.CapWindow + TimeSpan.FromDays(1)));
        var before = lead.Score;

        var applied = lead.ApplyNext(Event(EmailOpened, T0));

        Assert.Equal("email-opened", applied.RuleId);
        Assert.Equal(0, applied.Points);
        Assert.Equal(before, lead.Score);
    }

    [Fact]
    public void A_late_event_within_the_cap_window_shares_its_days_cap()
    {
        var model = SingleRuleModel(EmailOpened, 1, new ScoreCap(2, CapPeriod.Day));
        var lead = Lead([Event(EmailOpened, T0), Event(EmailOpened, T0.AddHours(1)), Event(EmailOpened, T0.AddDays(10))], model);

        var sameDay = lead.ApplyNext(Event(EmailOpened, T0.AddHours(2)), model);
        var freshDay = lead.ApplyNext(Event(EmailOpened, T0.AddDays(5)), model);

        Assert.Equal(0, sameDay.Points);
        Assert.Equal(1, freshDay.Points);
        Assert.Equal(4, lead.Score);
    }

    [Fact]
    public void A_late_negative_event_older_than_the_cap_window_still_lowers_the_score()
    {
        // Negative rules are not capped, so forgetting old cap buckets must not swallow them.
        var model = SingleRuleModel(EmailBounced, -5, new ScoreCap(3, CapPeriod.Day));
        var lead = Lead([Event(EmailBounced, T0 + LeadState.CapWindow + TimeSpan.FromDays(1))], model);

        var applied = lead.ApplyNext(Event(EmailBounced, T0), model);

        Assert.Equal(-5, applied.Points);
        Assert.Equal(-10, lead.Score);
    }
}
