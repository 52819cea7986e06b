using LeadGrains.Domain.Events;
using LeadGrains.Domain.Kpis;
using LeadGrains.Domain.Leads;
using static LeadGrains.Domain.Events.EventCatalog;
using static LeadGrains.Domain.Tests.Events;
using static LeadGrains.Domain.Tests.Zones;

namespace LeadGrains.Domain.Tests;

public class UniqueMarksTests
{
    private static LeadEvent View(DateTimeOffset at, string session, string? campaign = null) => Event(WebPageViewed, at, campaign: campaign) with
    {
        Id = $"view-{session}@{at.UtcTicks}",
        Properties = new EventProperties { SessionId = session },
    };

    private static List<CounterKey> Observe(UniqueMarks.Planner planner, LeadEvent e, TimeZoneInfo? zone = null)
    {
        var firsts = new List<CounterKey>();
        planner.Observe(e, zone ?? Utc, firsts);
        return firsts;
    }

    private static string Describe(IEnumerable<CounterKey> keys) => string.Join(", ", keys.Select(k => k.ToString()).Order(StringComparer.Ordinal));

    [Fact]
    public void The_first_open_counts_in_every_bucket_and_a_second_open_that_day_in_none()
    {
        var planner = UniqueMarks.Empty.Plan();

        Assert.Equal(9, Observe(planner, Event(EmailOpened, T0, campaign: "nov", source: "newsletter")).Count);
        Assert.Empty(Observe(planner, Event(EmailOpened, T0.AddHours(3), campaign: "nov", source: "newsletter")));
    }

    [Fact]
    public void An_open_the_next_day_is_first_in_its_day_only_and_a_new_week_is_first_in_its_week()
    {
        var planner = UniqueMarks.Empty.Plan();
        Observe(planner, Event(EmailOpened, T0));                       // Monday 2025-03-10

        Assert.Equal("email.unique_openers day:2025-03-11", Describe(Observe(planner, Event(EmailOpened, T0.AddDays(1)))));
        Assert.Equal(
            "email.unique_openers day:2025-03-17, email.unique_openers week:2025-03-17",
            Describe(Observe(planner, Event(EmailOpened, T0.AddDays(7)))));
        Assert.Equal(
            "email.unique_openers day:2025-04-01, email.unique_openers month:2025-04-01, email.unique_openers week:2025-03-31",
            Describe(Observe(planner, Event(EmailOpened, At(2025, 4, 1, 9)))));
    }

    [Fact]
    public void An_earlier_event_arriving_later_is_judged_by_its_own_buckets()
    {
        var planner = UniqueMarks.Empty.Plan();
        Observe(planner, Event(EmailOpened, T0.AddDays(2)));            // Wednesday

        // Monday of the same week: a first in its day, not in the week or month already counted.
        Assert.Equal("email.unique_openers day:2025-03-10", Describe(Observe(planner, Event(EmailOpened, T0))));
    }

    [Fact]
    public void Sessions_count_once_per_bucket_and_scope_whatever_their_page_views()
    {
        var planner = UniqueMarks.Empty.Plan();

        Assert.Equal(6, Observe(planner, View(T0, "s1", campaign: "nov")).Count);
        Assert.Empty(Observe(planner, View(T0.AddMinutes(5), "s1", campaign: "nov")));
        Assert.Empty(Observe(planner, View(T0.AddMinutes(5), "s1")));  // the whole-tenant scope already has s1
        Assert.Equal(6, Observe(planner, View(T0.AddMinutes(9), "s2", campaign: "nov")).Count);
        Assert.Empty(Observe(planner, Event(WebPageViewed, T0)));       // no session: not a unique count
    }

    [Fact]
    public void Scopes_are_separate_identities_an_email_in_a_new_campaign_counts_there_only()
    {
        var planner = UniqueMarks.Empty.Plan();
        Observe(planner, Event(EmailOpened, T0, campaign: "nov"));

        Assert.Equal(
            "email.unique_openers@campaign:dec day:2025-03-10, email.unique_openers@campaign:dec month:2025-03-01, email.unique_openers@campaign:dec week:2025-03-10",
            Describe(Observe(planner, Event(EmailOpened, T0.AddHours(1), campaign: "dec"))));
    }

    [Fact]
    public void Buckets_follow_the_tenants_local_date()
    {
        var planner = UniqueMarks.Empty.Plan();
        // 2025-03-10 20:00 UTC is already 2025-03-11 in Tokyo.
        Observe(planner, Event(EmailOpened, T0, campaign: null), Tokyo);

        Assert.Equal("email.unique_openers day:2025-03-11", Describe(Observe(planner, Event(EmailOpened, At(2025, 3, 10, 20)), Tokyo)));
    }

    /// <summary>One whole-tenant session mark per call: distinct sessions on <paramref name="day"/>.</summary>
    private static void ObserveSessions(UniqueMarks.Planner planner, DateTimeOffset day, int count, string prefix)
    {
        for (var i = 0; i < count; i++)
        {
            Observe(planner, View(day, $"{prefix}{i}"));
        }
    }

    /// <summary>An append with nothing to count uniquely settles the marks without a planner; it must give what one would.</summary>
    [Fact]
    public void Settled_marks_are_what_a_planner_that_observed_nothing_builds()
    {
        var few = UniqueMarks.Empty.Plan();
        Observe(few, Event(EmailOpened, At(2025, 1, 15, 9)));
        var overTheBound = UniqueMarks.Empty.Plan();
        ObserveSessions(overTheBound, At(2025, 1, 10, 9), 100, "old");
        ObserveSessions(overTheBound, At(2025, 3, 20, 9), 100, "new");
        var held = UniqueMarks.Rebuild([Event(EmailOpened, At(2025, 3, 20, 9))], Utc, [Event(EmailOpened, At(2025, 1, 2, 9))]);

        foreach (var marks in new[] { UniqueMarks.Empty, few.Build(), overTheBound.Build(prune: false), held })
        {
            var built = marks.Plan().Build();
            var settled = marks.Settled();

            Assert.Equal(built.CompleteFrom, settled.CompleteFrom);
            Assert.Equal(built.HoldFrom, settled.HoldFrom);
            Assert.Equal(built.Marks.ToArray(), settled.Marks.ToArray());
        }
        Assert.True(overTheBound.Build(prune: false).Settled().Marks.Length < 200);   // it prunes, as Build does
    }

    [Fact]
    public void A_lead_with_few_marks_keeps_them_all_however_old_so_a_late_event_needs_no_rebuild()
    {
        var planner = UniqueMarks.Empty.Plan();
        Observe(planner, Event(EmailOpened, At(2025, 1, 15, 9)));
        Observe(planner, Event(EmailOpened, At(2025, 3, 20, 9)));
        var marks = planner.Build();

        Assert.Equal(DateOnly.MinValue, marks.CompleteFrom);
        Assert.Equal(2, marks.Marks.Length);
        Assert.True(marks.Covers(Event(EmailOpened, At(2024, 6, 1, 9)), Utc));
        Assert.Empty(Observe(marks.Plan(), Event(EmailOpened, At(2025, 1, 15, 18))));
    }

    [Fact]
    public void A_lead_over_the_bound_drops_its_oldest_days_and_an_event_before_what_is_kept_is_not_covered()
    {
        var planner = UniqueMarks.Empty.Plan();
        ObserveSessions(planner, At(2025, 1, 15, 9), 100, "jan");
        ObserveSessions(planner, At(2025, 3, 20, 9), 100, "mar");
        var marks = planner.Build();

        // The 100 marks of 20 March are more than PruneTo but inside the kept window, so they stay.
        Assert.Equal(D(2025, 1, 16), marks.CompleteFrom);
        Assert.Equal(100, marks.Marks.Length);
        Assert.Single(marks.Marks.ToArray().Select(m => m.Day).Distinct());
        Assert.True(marks.Covers(Event(EmailOpened, At(2025, 2, 14, 9)), Utc));
        Assert.False(marks.Covers(Event(EmailOpened, At(2025, 1, 20, 9)), Utc));
        Assert.True(marks.Covers(Event(EmailDelivered, At(2024, 1, 1)), Utc));
        Assert.Throws<InvalidOperationException>(() => marks.Plan().Observe(Event(EmailOpened, At(2025, 1, 20, 9)), Utc, []));
    }

    [Fact]
    public void Pruning_keeps_the_newest_marks_that_fit_and_the_next_appends_do_not_prune_again()
    {
        // One mark a day for 150 days: the newest 64 reach further back than the kept window.
        var planner = UniqueMarks.Empty.Plan();
        var first = At(2024, 1, 1, 9);
        for (var day = 0; day < 150; day++)
        {
            Observe(planner, View(first.AddDays(day), $"s{day}"));
        }
        var marks = planner.Build();

        Assert.Equal(UniqueMarks.PruneTo, marks.Marks.Length);
        Assert.Equal(DateOnly.FromDateTime(first.AddDays(150 - UniqueMarks.PruneTo).UtcDateTime), marks.CompleteFrom);

        var next = marks.Plan();
        Observe(next, View(first.AddDays(150), "s150"));
        Assert.Equal(UniqueMarks.PruneTo + 1, next.Build().Marks.Length);
    }

    [Fact]
    public void A_lead_over_the_bound_within_the_kept_days_is_not_rebuilt_by_appends_that_add_no_mark()
    {
        // 200 marks, all in the last few days: more than PruneAbove, none of them prunable. An
        // append whose identity is marked already must leave the marks as they are, uncopied
        // (they were once sorted, copied and restored on every append, to drop nothing).
        var planner = UniqueMarks.Empty.Plan();
        ObserveSessions(planner, At(2025, 3, 18, 9), 100, "a");
        ObserveSessions(planner, At(2025, 3, 20, 9), 100, "b");
        var marks = planner.Build();
        Assert.True(marks.Marks.Length > UniqueMarks.PruneAbove);

        var again = marks.Plan();
        Assert.Empty(Observe(again, View(At(2025, 3, 20, 18), "b0")));

        Assert.Same(marks, again.Build());
        var grown = marks.Plan();
        Observe(grown, View(At(2025, 3, 21, 9), "c0"));
        Assert.Equal(marks.Marks.Length + 1, grown.Build().Marks.Length);
    }

    /// <summary>One session a day for 150 days from 2024-01-01: past the bound, so pruned to the newest 64.</summary>
    private static (List<LeadEvent> Stored, UniqueMarks Marks) HeavyLead()
    {
        var planner = UniqueMarks.Empty.Plan();
        var stored = Enumerable.Range(0, 150).Select(day => View(At(2024, 1, 1, 9).AddDays(day), $"s{day}")).ToList();
        foreach (var e in stored)
        {
            Observe(planner, e);
        }
        return (stored, planner.Build());
    }

    [Fact]
    public void A_rebuild_for_late_events_holds_the_marks_from_their_buckets_so_the_next_late_events_need_none()
    {
        var (stored, pruned) = HeavyLead();
        var late = View(At(2024, 1, 20, 9), "s5");                        // s5 was seen on 6 January
        Assert.False(pruned.Covers(late, Utc));

        var rebuilt = UniqueMarks.Rebuild(stored, Utc, [late]);
        var planner = rebuilt.Plan();
        var firsts = Observe(planner, late);
        var after = planner.Build();

        Assert.Equal(D(2024, 1, 1), rebuilt.HoldFrom);                    // the month of the late event
        Assert.Equal("web.sessions day:2024-01-20, web.sessions week:2024-01-15", Describe(firsts));
        Assert.Equal(D(2024, 1, 1), after.HoldFrom);
        Assert.Equal(151, after.Marks.Length);                            // past the bound, yet nothing pruned
        Assert.True(after.Covers(View(At(2024, 1, 3, 9), "s2"), Utc));    // the same month: no second rebuild
        Assert.Empty(Observe(after.Plan(), View(At(2024, 1, 6, 18), "s5")));
    }

    [Fact]
    public void The_hold_is_not_kept_in_a_snapshot_and_lets_go_past_its_bound()
    {
        var (stored, _) = HeavyLead();
        var held = UniqueMarks.Rebuild(stored, Utc, [View(At(2024, 1, 20, 9), "late")]);

        var restored = UniqueMarks.Restore(held.CompleteFrom, held.Marks.ToArray());
        Assert.Null(restored.HoldFrom);
        Assert.Equal(UniqueMarks.PruneTo, restored.Plan().Build().Marks.Length);

        var crowded = held.Plan();
        for (var i = 0; i < UniqueMarks.HoldAtMost; i++)
        {
            Observe(crowded, View(At(2024, 5, 29, 9), $"crowd{i}"));
        }
        var built = crowded.Build();
        Assert.Null(built.HoldFrom);
        Assert.Equal(D(2024, 4, 1), built.CompleteFrom);                  // pruned to the kept window
    }

    [Fact]
    public void Unknown_marks_cover_nothing_unique_until_rebuilt_from_the_stored_events()
    {
        var stored = new[] { Event(EmailOpened, T0), View(T0, "s1") };

        Assert.False(UniqueMarks.Unknown.Covers(Event(EmailOpened, T0.AddDays(1)), Utc));
        Assert.True(UniqueMarks.Unknown.Covers(Event(EmailDelivered, T0), Utc));

        var rebuilt = UniqueMarks.Rebuild(stored, Utc);
        Assert.Equal(DateOnly.MinValue, rebuilt.CompleteFrom);
        Assert.Equal("email.unique_openers day:2025-03-11", Describe(Observe(rebuilt.Plan(), Event(EmailOpened, T0.AddDays(1)))));
    }

    [Fact]
    public void Restore_refuses_marks_out_of_order()
    {
        Assert.Throws<InvalidDataException>(() => UniqueMarks.Restore(DateOnly.MinValue, [new UniqueMark(2, 1), new UniqueMark(1, 1)]));
        Assert.Throws<InvalidDataException>(() => UniqueMarks.Restore(DateOnly.MinValue, [new UniqueMark(1, 1), new UniqueMark(1, 1)]));
    }

    /// <summary>
    /// The promise end to end: a lead's appends, in random batches and random occurred-at order
    /// over four months (so marks are pruned and late events force rebuilds), count exactly the
    /// first occurrences a brute-force set of every (counter, scope, bucket, identity) counts.
    /// </summary>
    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(3, false)]
    [InlineData(4, false)]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(3, true)]
    [InlineData(4, true)]
    public void Planned_appends_count_exactly_what_a_set_of_every_occurrence_counts(int seed, bool hold)
    {
        var random = new Random(seed);
        var zone = seed % 2 == 0 ? Berlin : Tokyo;
        var state = new LeadState();
        var stored = new List<LeadEvent>();
        var seen = new HashSet<(CounterKey, string)>();
        var rebuilds = 0;

        for (var batch = 0; batch < 120; batch++)
        {
            var events = Enumerable.Range(0, random.Next(1, 6)).Select(i => RandomEvent(random, $"e{batch}-{i}")).ToList();
            if (!events.TrueForAll(e => state.Marks.Covers(e, zone)))
            {
                var late = events.Where(e => !state.Marks.Covers(e, zone)).ToList();
                state = state.WithMarks(UniqueMarks.Rebuild(stored, zone, hold ? late : null));
                rebuilds++;
            }
            var plan = state.Plan(events.Select((e, i) => (e, state.Version + i + 1)).ToList(), Default, zone);

            var expected = new List<CounterKey>();
            foreach (var e in events)
            {
                expected.AddRange(CounterContributions.UniqueCandidates(e, zone).Where(c => seen.Add((c.Key, c.Identity))).Select(c => c.Key));
            }
            Assert.Equal(Describe(expected), Describe(plan.FirstOccurrences));

            state = plan.Next;
            stored.AddRange(events);
            var completeFrom = state.Marks.CompleteFrom.DayNumber;
            Assert.All(state.Marks.Marks.ToArray(), m => Assert.True(m.Day >= completeFrom));
        }
        Assert.InRange(rebuilds, 1, 60);
    }

    private static LeadEvent RandomEvent(Random random, string id)
    {
        // Mostly recent, sometimes months late; a few campaigns and sessions so repeats happen.
        var day = random.Next(10) == 0 ? random.Next(0, 120) : random.Next(90, 120);
        var at = At(2025, 1, 1).AddDays(day).AddHours(random.Next(24));
        var campaign = random.Next(3) switch { 0 => null, 1 => "nov", _ => "dec" };
        var e = random.Next(3) switch
        {
            0 => Event(EmailOpened, at, campaign: campaign, source: random.Next(2) == 0 ? "newsletter" : null),
            1 => View(at, "s" + random.Next(6), campaign),
            _ => Event(EmailClicked, at, campaign: campaign),
        };
        return e with { Id = id };
    }
}
