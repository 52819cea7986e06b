using LeadGrains.Domain.Events;
using LeadGrains.Domain.Kpis;
using LeadGrains.Domain.Leads;
using LeadGrains.Domain.Scoring;
using static LeadGrains.Domain.Events.EventCatalog;
using static LeadGrains.Domain.Tests.Events;

namespace LeadGrains.Domain.Tests;

public class LeadStateCodecTests
{
    /// <summary>Twenty events over two weeks across every channel, with sources and campaigns.</summary>
    private static LeadEvent[] TypicalEvents() =>
    [
        Event(EmailDelivered, T0, source: "newsletter", campaign: "spring-2025"),
        Event(EmailOpened, T0.AddHours(1), source: "newsletter", campaign: "spring-2025"),
        Event(EmailOpened, T0.AddHours(2), source: "newsletter", campaign: "spring-2025"),
        Event(EmailClicked, T0.AddHours(2).AddMinutes(1), source: "newsletter", campaign: "spring-2025"),
        Event(WebPageViewed, T0.AddHours(2).AddMinutes(2), source: "newsletter", campaign: "spring-2025", path: "/blog/a", dwellSeconds: 90),
        Event(WebPageViewed, T0.AddHours(2).AddMinutes(5), path: "/pricing"),
        Event(WebCtaClicked, T0.AddHours(2).AddMinutes(6), path: "/pricing"),
        Event(WhitepaperDownloaded, T0.AddDays(1), source: "search"),
        Event(SnsEngaged, T0.AddDays(2), source: "sns", kind: "like"),
        Event(SnsEngaged, T0.AddDays(2).AddHours(1), source: "sns", kind: "repost"),
        Event(WebinarRegistered, T0.AddDays(3), source: "seminar", campaign: "webinar-0320"),
        Event(EmailOpened, T0.AddDays(4), source: "newsletter", campaign: "spring-2025"),
        Event(WebinarAttended, T0.AddDays(10), source: "seminar", campaign: "webinar-0320"),
        Event(WebinarSurveyAnswered, T0.AddDays(10).AddHours(1), source: "seminar", campaign: "webinar-0320"),
        Event(DocumentRequested, T0.AddDays(11), source: "direct"),
        Event(EmailBounced, T0.AddDays(12)),
        Event(EmailReplied, T0.AddDays(12).AddHours(3), source: "newsletter"),
        Event(ExhibitionVisited, T0.AddDays(13), source: "exhibition", campaign: "expo-tokyo"),
        Event(WebPageViewed, T0.AddDays(13).AddHours(5), source: "search", campaign: "brand", path: "/case-studies", dwellSeconds: 120),
        Event(InquirySubmitted, T0.AddDays(14), source: "search", campaign: "brand"),
    ];

    private static LeadState RoundTrip(LeadState state) =>
        LeadStateCodec.Decode(LeadStateCodec.Encode(state)) ?? throw new InvalidOperationException("decode failed");

    [Fact]
    public void Encode_then_decode_round_trips_every_field()
    {
        var original = Lead(TypicalEvents());

        var decoded = RoundTrip(original);

        Assert.Equal(LeadStage.Qualified, original.Stage);
        Assert.Equal(original.Version, decoded.Version);
        Assert.Equal(original.Stage, decoded.Stage);
        Assert.Equal(original.Score, decoded.Score);
        Assert.Equal(original.ScoreAsOfTicks, decoded.ScoreAsOfTicks);
        Assert.Equal(original.EventCount, decoded.EventCount);
        Assert.Equal(original.FirstSeenAt, decoded.FirstSeenAt);
        Assert.Equal(original.LastActivityAt, decoded.LastActivityAt);
        Assert.Equal(original.QualifiedAt, decoded.QualifiedAt);
        Assert.Equal(original.FirstTouch, decoded.FirstTouch);
        Assert.Equal(original.LastTouch, decoded.LastTouch);
        Assert.Equal(original.ChannelScoresAsOf.ToArray(), decoded.ChannelScoresAsOf.ToArray());
        Assert.Equal(original.ChannelCounts.ToArray(), decoded.ChannelCounts.ToArray());
        Assert.Equal(original.TypeCounts.ToArray(), decoded.TypeCounts.ToArray());
        Assert.Equal(LeadStateCodec.Encode(original), LeadStateCodec.Encode(decoded));
    }

    [Fact]
    public void A_fresh_lead_round_trips_with_no_times_or_touches()
    {
        var decoded = RoundTrip(new LeadState());

        Assert.Equal(LeadStage.New, decoded.Stage);
        Assert.Equal(0, decoded.Version);
        Assert.Null(decoded.FirstSeenAt);
        Assert.Null(decoded.QualifiedAt);
        Assert.Null(decoded.FirstTouch);
        Assert.Null(decoded.LastTouch);
    }

    [Fact]
    public void Cap_usage_survives_a_round_trip()
    {
        var original = Lead(Event(EmailOpened, T0), Event(EmailOpened, T0.AddMinutes(1)), Event(EmailOpened, T0.AddMinutes(2)));

        var decoded = RoundTrip(original);

        Assert.Equal(0, decoded.ApplyNext(Event(EmailOpened, T0.AddMinutes(3))).Points);
        Assert.Equal(1, decoded.ApplyNext(Event(EmailOpened, T0.AddDays(1))).Points);
    }

    [Fact]
    public void A_partly_used_cap_grants_only_the_remainder_after_a_round_trip()
    {
        var original = Lead(Event(EmailClicked, T0), Event(EmailClicked, T0.AddMinutes(1))); // 6 of 9

        var decoded = RoundTrip(original);

        Assert.Equal(3, decoded.ApplyNext(Event(EmailClicked, T0.AddMinutes(2))).Points);
        Assert.Equal(0, decoded.ApplyNext(Event(EmailClicked, T0.AddMinutes(3))).Points);
    }

    [Fact]
    public void Weekly_and_lifetime_cap_usage_survives_a_round_trip()
    {
        var model = new ScoringModel(
            "caps-v1",
            [
                new ScoringRule { Id = "weekly", EventType = WebinarAttended, Points = 10, Cap = new ScoreCap(10, CapPeriod.Week) },
                new ScoringRule { Id = "lifetime", EventType = WebinarRegistered, Points = 5, Cap = new ScoreCap(5, CapPeriod.Lifetime) },
            ],
            new ScoreThreshold("mql", 50),
            Decay.None);
        var original = Lead([Event(WebinarAttended, T0.AddDays(2)), Event(WebinarRegistered, T0)], model);

        var decoded = RoundTrip(original);

        Assert.Equal(0, decoded.ApplyNext(Event(WebinarAttended, T0.AddDays(6)), model).Points); // same ISO week
        Assert.Equal(10, decoded.ApplyNext(Event(WebinarAttended, T0.AddDays(7)), model).Points); // next week
        Assert.Equal(0, decoded.ApplyNext(Event(WebinarRegistered, T0.AddDays(300)), model).Points);
    }

    [Fact]
    public void Decode_interns_sources_and_campaigns_through_the_callback()
    {
        var state = Lead(Event(WebPageViewed, T0, source: "search", campaign: "brand"));
        var seen = new List<string>();

        var decoded = LeadStateCodec.Decode(LeadStateCodec.Encode(state), s => { seen.Add(s); return string.Intern(s); });

        Assert.Equal(["search", "brand", "search", "brand"], seen);
        Assert.Same(decoded?.FirstTouch?.Source, decoded?.LastTouch?.Source);
    }

    [Fact]
    public void Decode_of_an_unknown_format_returns_null()
    {
        var bytes = LeadStateCodec.Encode(Lead(Event(DocumentRequested, T0)));
        bytes[0] = LeadStateCodec.Format + 1;

        Assert.Null(LeadStateCodec.Decode(bytes));
    }

    [Fact]
    public void Decode_of_empty_returns_null()
    {
        Assert.Null(LeadStateCodec.Decode([]));
    }

    [Fact]
    public void A_typical_lead_encodes_in_under_400_bytes()
    {
        // Guards the memory target: a million live leads in 4 GiB.
        var lead = Lead(TypicalEvents());

        var bytes = LeadStateCodec.Encode(lead);

        Assert.Equal(20, lead.EventCount);
        Assert.True(bytes.Length < 400, $"encoded size {bytes.Length} bytes");
    }

    /// <summary>The typical lead as an append plans it: scored, with its unique-count marks.</summary>
    private static LeadState Planned(TimeZoneInfo zone) =>
        new LeadState().Plan(TypicalEvents().Select((e, i) => (e, (long)i + 1)).ToList(), Default, zone).Next;

    [Fact]
    public void Unique_marks_round_trip()
    {
        var original = Planned(Zones.Tokyo);

        var decoded = RoundTrip(original);

        Assert.NotEmpty(original.Marks.Marks.ToArray());
        Assert.Equal(original.Marks.CompleteFrom, decoded.Marks.CompleteFrom);
        Assert.Equal(original.Marks.Marks.ToArray(), decoded.Marks.Marks.ToArray());
    }

    [Fact]
    public void A_format_2_snapshot_decodes_with_its_marks_unknown()
    {
        // Format 2 is format 3 without the marks at the end (empty marks take two bytes).
        var format3 = LeadStateCodec.Encode(Lead(TypicalEvents()));
        var format2 = format3[..^2];
        format2[0] = 2;

        var decoded = LeadStateCodec.Decode(format2);

        Assert.NotNull(decoded);
        Assert.Equal(20, decoded.EventCount);
        Assert.Same(UniqueMarks.Unknown, decoded.Marks);
    }

    [Fact]
    public void A_typical_lead_with_its_marks_encodes_in_under_560_bytes()
    {
        var bytes = LeadStateCodec.Encode(Planned(Zones.Utc));

        Assert.True(bytes.Length < 560, $"encoded size {bytes.Length} bytes");
    }
}
