using System.Reflection;
using LeadGrains.Domain.Events;
using LeadGrains.Domain.Leads;
using static LeadGrains.Domain.Events.EventCatalog;
using static LeadGrains.Domain.Tests.Events;

namespace LeadGrains.Domain.Tests;

public class LeadStateTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(2)]
    [InlineData(0)]
    [InlineData(-1)]
    public void Apply_rejects_a_seq_not_greater_than_the_version(long seq)
    {
        var lead = new LeadState();
        lead.Apply(Event(DocumentRequested, T0), 3, Default);

        Assert.Throws<ArgumentOutOfRangeException>(() => lead.Apply(Event(ExhibitionVisited, T0), seq, Default));
        Assert.Equal(3, lead.Version);
        Assert.Equal(5, lead.Score);
        Assert.Equal(1, lead.EventCount);
    }

    [Fact]
    public void Apply_accepts_gaps_in_seq_and_adopts_the_seq_as_version()
    {
        var lead = new LeadState();

        var applied = lead.Apply(Event(DocumentRequested, T0, id: "doc"), 7, Default);

        Assert.Equal(7, lead.Version);
        Assert.Equal(new AppliedEvent(7, "doc", "document-requested", 5, 5, applied.Transition), applied);
    }

    [Fact]
    public void Interned_touches_hold_the_shared_strings_with_the_same_values()
    {
        var shared = new Dictionary<string, string> { ["ads"] = "ads", ["launch"] = "launch" };
        string? Intern(string? s) => s is null ? null : shared.GetValueOrDefault(s, s);
        var lead = Lead(Event(WebPageViewed, T0, source: new string("ads"), campaign: new string("launch")));
        var before = lead.FirstTouch;

        lead.InternTouches(Intern);

        Assert.Equal(before, lead.FirstTouch);
        Assert.Same(shared["ads"], lead.FirstTouch!.Source);
        Assert.Same(shared["launch"], lead.LastTouch!.Campaign);
        var interned = lead.LastTouch;
        lead.InternTouches(Intern);
        Assert.Same(interned, lead.LastTouch);   // nothing to replace: no copy
    }

    [Fact]
    public void Touches_take_the_strings_of_already_shared_touches_without_asking_the_pool()
    {
        var asked = new List<string>();
        string? Intern(string? s)
        {
            asked.Add(s!);
            return s;
        }
        var shared = new Touch("ads", "launch", T0);
        var lead = Lead(Event(WebPageViewed, T0, source: new string("ads"), campaign: new string("spring")));

        lead.InternTouches(Intern, shared);

        Assert.Same(shared.Source, lead.LastTouch!.Source);
        Assert.Equal("spring", lead.LastTouch.Campaign);
        Assert.Equal(["spring"], asked.Distinct());   // only the value no shared touch had
        asked.Clear();
        var unchanged = lead.FirstTouch;
        lead.InternTouches(Intern, unchanged, lead.LastTouch);
        Assert.Same(unchanged, lead.FirstTouch);
        Assert.Empty(asked);
    }

    [Fact]
    public void First_and_last_touch_follow_occurred_at_time_not_arrival_order()
    {
        var lead = Lead(
            Event(WebPageViewed, T0.AddDays(5), source: "search", campaign: "spring"),
            Event(WebPageViewed, T0, source: "ads", campaign: "launch"),
            Event(WebPageViewed, T0.AddDays(9), source: "newsletter", campaign: null),
            Event(WebPageViewed, T0.AddDays(2), source: "referral", campaign: "partner"));

        Assert.Equal(new Touch("ads", "launch", T0), lead.FirstTouch);
        Assert.Equal(new Touch("newsletter", null, T0.AddDays(9)), lead.LastTouch);
    }

    [Fact]
    public void Events_without_source_or_campaign_do_not_change_touches()
    {
        var lead = Lead(Event(WebPageViewed, T0.AddDays(1), source: "search", campaign: "spring"));

        lead.ApplyNext(Event(WebPageViewed, T0));
        lead.ApplyNext(Event(WebPageViewed, T0.AddDays(2)));

        var touch = new Touch("search", "spring", T0.AddDays(1));
        Assert.Equal(touch, lead.FirstTouch);
        Assert.Equal(touch, lead.LastTouch);
    }

    [Fact]
    public void First_seen_and_last_activity_are_the_earliest_and_latest_occurred_at()
    {
        var lead = Lead(
            Event(EmailOpened, T0.AddDays(3)),
            Event(EmailDelivered, T0.AddDays(1)),
            Event(WebPageViewed, T0.AddDays(8)),
            Event(EmailClicked, T0.AddDays(4)));

        Assert.Equal(T0.AddDays(1), lead.FirstSeenAt);
        Assert.Equal(T0.AddDays(8), lead.LastActivityAt);
        Assert.Equal(T0.AddDays(8), lead.ScoreAsOf);
    }

    [Fact]
    public void A_lead_counts_events_per_channel_and_per_type()
    {
        var lead = Lead(
            Event(EmailDelivered, T0),
            Event(EmailOpened, T0.AddMinutes(1)),
            Event(EmailOpened, T0.AddMinutes(2)),
            Event(WebPageViewed, T0.AddMinutes(3)),
            Event(SnsEngaged, T0.AddMinutes(4), kind: "like"),
            Event(SnsEngaged, T0.AddMinutes(5), kind: "unknown"));

        Assert.Equal(6, lead.EventCount);
        Assert.Equal(3, lead.ChannelCounts[(int)Channel.Email]);
        Assert.Equal(1, lead.ChannelCounts[(int)Channel.Web]);
        Assert.Equal(2, lead.ChannelCounts[(int)Channel.Sns]);
        Assert.Equal(0, lead.ChannelCounts[(int)Channel.Inquiry]);
        Assert.Equal(1, lead.TypeCounts[EmailDelivered.Ordinal]);
        Assert.Equal(2, lead.TypeCounts[EmailOpened.Ordinal]);
        Assert.Equal(2, lead.TypeCounts[SnsEngaged.Ordinal]);
        Assert.Equal(0, lead.TypeCounts[EmailClicked.Ordinal]);
        Assert.Equal(EventCatalog.Count, lead.TypeCounts.Length);
        Assert.Equal(ChannelNames.Count, lead.ChannelCounts.Length);
    }

    [Theory]
    [InlineData(50, Temperature.Hot)]
    [InlineData(60, Temperature.Hot)]
    [InlineData(49, Temperature.Warm)]
    [InlineData(25, Temperature.Warm)]
    [InlineData(24, Temperature.Cold)]
    [InlineData(0, Temperature.Cold)]
    [InlineData(-10, Temperature.Cold)]
    public void Temperature_is_hot_at_the_threshold_warm_from_half_and_cold_below(double score, Temperature expected)
    {
        var model = SingleRuleModel(WebinarAttended, score);
        var lead = Lead([Event(WebinarAttended, T0)], model);

        Assert.Equal(expected, lead.TemperatureAt(T0, model));
    }

    [Fact]
    public void Temperature_cools_as_the_score_decays()
    {
        var lead = Lead(Event(InquirySubmitted, T0), Event(InquirySubmitted, T0)); // 60

        Assert.Equal(Temperature.Hot, lead.TemperatureAt(T0, Default));
        Assert.Equal(Temperature.Warm, lead.TemperatureAt(T0.AddDays(90), Default)); // 30
        Assert.Equal(Temperature.Cold, lead.TemperatureAt(T0.AddDays(180), Default)); // 15
    }

    [Fact]
    public void Applying_to_a_clone_does_not_change_the_original()
    {
        var original = Lead(
            Event(EmailOpened, T0, source: "search"),
            Event(EmailOpened, T0.AddMinutes(1)),
            Event(WebinarAttended, T0.AddMinutes(2)));
        var before = LeadStateCodec.Encode(original);

        var clone = original.Clone();
        clone.ApplyNext(Event(EmailOpened, T0.AddMinutes(3), source: "ads"));
        clone.ApplyNext(Event(InquirySubmitted, T0.AddDays(1), campaign: "spring"));
        clone.ApplyNext(Event(InquirySubmitted, T0.AddDays(1)));

        Assert.Equal(before, LeadStateCodec.Encode(original));
        Assert.Equal(LeadStage.Nurturing, original.Stage);
        Assert.Equal(LeadStage.Qualified, clone.Stage);
        // The original's cap usage is its own: its third open of the day still scores.
        Assert.Equal(1, original.ApplyNext(Event(EmailOpened, T0.AddMinutes(4))).Points);
    }
    [Fact]
    public void Adopting_a_plan_takes_every_value_of_it_into_the_same_object()
    {
        var kept = Lead(
            Event(EmailOpened, T0, source: "search"),
            Event(WebinarAttended, T0.AddMinutes(2)));
        var scores = kept.ChannelScoresAsOf.ToArray();
        var plan = kept.Plan(
            [(Event(EmailOpened, T0.AddMinutes(3), source: "ads", campaign: "spring"), kept.Version + 1),
             (Event(InquirySubmitted, T0.AddDays(1)), kept.Version + 2),
             (Event(InquirySubmitted, T0.AddDays(1).AddMinutes(1)), kept.Version + 3)],
            Default, Zones.Tokyo);
        var arrays = ArrayFields(kept);

        kept.Adopt(plan.Next);

        Assert.Equal(LeadStateCodec.Encode(plan.Next), LeadStateCodec.Encode(kept));
        // Every field, so a field added to LeadState and forgotten in Adopt fails here.
        foreach (var field in typeof(LeadState).GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public))
        {
            var (mine, theirs) = (field.GetValue(kept), field.GetValue(plan.Next));
            if (mine is Array a && theirs is Array b)
            {
                Assert.Equal(b.Cast<object>(), a.Cast<object>());
            }
            else
            {
                Assert.True(Equals(mine, theirs), $"{field.Name}: {mine} after adopting {theirs}");
            }
        }
        // In place: the kept object keeps its own counter arrays.
        Assert.All(ArrayFields(kept).Zip(arrays), pair => Assert.Same(pair.Second, pair.First));
        Assert.NotEqual(scores, kept.ChannelScoresAsOf.ToArray());
        Assert.Equal(LeadStage.Qualified, kept.Stage);
    }

    [Fact]
    public void A_state_that_adopted_a_plan_shares_no_counters_with_it()
    {
        var kept = Lead(Event(EmailOpened, T0));
        var plan = kept.Plan([(Event(EmailOpened, T0.AddMinutes(1)), kept.Version + 1)], Default, Zones.Tokyo);
        kept.Adopt(plan.Next);
        var planned = LeadStateCodec.Encode(plan.Next);

        kept.ApplyNext(Event(EmailOpened, T0.AddMinutes(2)));
        kept.ApplyNext(Event(WebinarAttended, T0.AddMinutes(3)));

        Assert.Equal(planned, LeadStateCodec.Encode(plan.Next));
        Assert.Equal(4, kept.EventCount);
        // The kept state's cap usage moved on alone: a fourth open the same day scores nothing
        // for it, while the plan still has room for one more.
        Assert.Equal(0, kept.ApplyNext(Event(EmailOpened, T0.AddMinutes(4))).Points);
        Assert.Equal(1, plan.Next.ApplyNext(Event(EmailOpened, T0.AddMinutes(4))).Points);
    }

    private static object[] ArrayFields(LeadState state) =>
        typeof(LeadState).GetFields(BindingFlags.Instance | BindingFlags.NonPublic)
            .Where(f => f.FieldType.IsArray && f.Name != "_caps")   // the cap array is shared copy-on-write
            .Select(f => f.GetValue(state)!)
            .ToArray();
}
