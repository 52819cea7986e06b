using LeadGrains.Domain.Events;
using LeadGrains.Domain.Scoring;
using static LeadGrains.Domain.Events.EventCatalog;
using static LeadGrains.Domain.Tests.Events;

namespace LeadGrains.Domain.Tests;

public class DecayTests
{
    private static readonly Decay Decay90 = new(TimeSpan.FromDays(90));

    [Fact]
    public void One_half_life_halves_the_factor_and_two_quarter_it()
    {
        Assert.Equal(0.5, Decay90.Factor(T0.UtcTicks, T0.AddDays(90).UtcTicks), 12);
        Assert.Equal(0.25, Decay90.Factor(T0.UtcTicks, T0.AddDays(180).UtcTicks), 12);
        Assert.Equal(1.0, Decay90.Factor(T0.UtcTicks, T0.UtcTicks));
    }

    [Fact]
    public void Ten_points_are_worth_about_5_after_one_90_day_half_life()
    {
        var lead = Lead(Event(ExhibitionVisited, T0));

        Assert.Equal(5, lead.ScoreAt(T0.AddDays(90), Default.Decay), 9);
    }

    [Fact]
    public void Decay_None_never_decays()
    {
        var lead = Lead(Event(ExhibitionVisited, T0));

        Assert.Equal(1.0, Decay.None.Factor(T0.UtcTicks, T0.AddYears(10).UtcTicks));
        Assert.Equal(10, lead.ScoreAt(T0.AddYears(10), Decay.None));
    }

    [Fact]
    public void A_late_event_contributes_its_decayed_value()
    {
        var lead = Lead(Event(DocumentRequested, T0.AddDays(90)));

        lead.ApplyNext(Event(ExhibitionVisited, T0));

        Assert.Equal(5 + 10 * 0.5, lead.Score, 9);
        Assert.Equal(T0.AddDays(90), lead.ScoreAsOf);
    }

    [Fact]
    public void An_earlier_score_decays_forward_when_a_later_event_arrives()
    {
        var lead = Lead(Event(ExhibitionVisited, T0), Event(DocumentRequested, T0.AddDays(180)));

        Assert.Equal(10 * 0.25 + 5, lead.Score, 9);
        Assert.Equal(10 * 0.25, lead.ChannelScoreAt(Channel.Exhibition, T0.AddDays(180), Default.Decay), 9);
        Assert.Equal(5, lead.ChannelScoreAt(Channel.Whitepaper, T0.AddDays(180), Default.Decay), 9);
    }

    [Fact]
    public void Applying_the_same_events_in_any_arrival_order_yields_the_same_score()
    {
        // Uncapped rules, and a threshold nobody reaches: only decay is involved.
        LeadEvent[] events =
        [
            Event(ExhibitionVisited, T0),
            Event(WebinarAttended, T0.AddDays(3)),
            Event(DocumentRequested, T0.AddDays(17).AddHours(5)),
            Event(EmailReplied, T0.AddDays(40)),
            Event(EmailBounced, T0.AddDays(41)),
            Event(WhitepaperDownloaded, T0.AddDays(120)),
            Event(WebinarRegistered, T0.AddDays(200)),
        ];
        var inOrder = Lead(events);
        var end = T0.AddDays(365);
        var random = new Random(1234);

        for (var i = 0; i < 50; i++)
        {
            var shuffled = events.ToArray();
            random.Shuffle(shuffled);

            var lead = Lead(shuffled);

            Assert.Equal(inOrder.ScoreAt(end, Default.Decay), lead.ScoreAt(end, Default.Decay), 1e-9);
            Assert.Equal(inOrder.ScoreAsOf, lead.ScoreAsOf);
        }
    }

    [Fact]
    public void Reading_the_score_before_its_as_of_time_does_not_inflate_it()
    {
        var lead = Lead(Event(ExhibitionVisited, T0), Event(DocumentRequested, T0.AddDays(90)));

        Assert.Equal(lead.Score, lead.ScoreAt(T0, Default.Decay));
        Assert.Equal(lead.Score, lead.ScoreAt(T0.AddDays(-365), Default.Decay));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_half_life_that_is_not_positive_is_refused(int days)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Decay(TimeSpan.FromDays(days)));
    }
}
