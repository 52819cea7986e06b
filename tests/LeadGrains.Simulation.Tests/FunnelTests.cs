using LeadGrains.Domain.Events;
using LeadGrains.Domain.Leads;
using LeadGrains.Domain.Scoring;
using LeadGrains.Simulation.Wire;

namespace LeadGrains.Simulation.Tests;

public sealed class FunnelTests
{
    private static readonly List<EventRecord> Events = Generated.Funnel(Generated.Options(leads: 5_000, plannedEvents: 100_000), 100_000);
    private static readonly Dictionary<string, int> Counts = Generated.CountByType(Events);

    private static int Count(EventType type) => Counts.GetValueOrDefault(type.Name);

    [Fact]
    public void Email_ratios_are_those_of_a_b2b_newsletter()
    {
        var delivered = Count(EventCatalog.EmailDelivered);
        var opened = Count(EventCatalog.EmailOpened);
        var clicked = Count(EventCatalog.EmailClicked);
        var bounced = Count(EventCatalog.EmailBounced);

        Assert.True(delivered > 1_000, $"{delivered} deliveries");
        Assert.InRange(opened / (double)delivered, 0.18, 0.32);
        Assert.InRange(clicked / (double)opened, 0.10, 0.25);
        Assert.InRange(bounced / (double)(delivered + bounced), 0.01, 0.03);
        Assert.InRange(Count(EventCatalog.EmailReplied), 1, opened / 10);
        Assert.InRange(Count(EventCatalog.EmailUnsubscribed), 1, delivered / 100);
    }

    [Fact]
    public void Webinar_attendees_registered_first_and_survey_answerers_attended()
    {
        // Per lead and webinar series: a lead may register for several sessions of one series.
        var registered = new Dictionary<(string?, string?), int>();
        var attended = new Dictionary<(string?, string?), int>();
        var surveys = new Dictionary<(string?, string?), int>();
        foreach (var e in Events)
        {
            var key = (e.LeadId, e.Campaign);
            if (e.Type == EventCatalog.WebinarRegistered.Name)
                registered[key] = registered.GetValueOrDefault(key) + 1;
            else if (e.Type == EventCatalog.WebinarAttended.Name)
                attended[key] = attended.GetValueOrDefault(key) + 1;
            else if (e.Type == EventCatalog.WebinarSurveyAnswered.Name)
                surveys[key] = surveys.GetValueOrDefault(key) + 1;

            Assert.True(attended.GetValueOrDefault(key) <= registered.GetValueOrDefault(key), $"{key} attended without registering");
            Assert.True(surveys.GetValueOrDefault(key) <= attended.GetValueOrDefault(key), $"{key} answered the survey without attending");
        }
        Assert.NotEmpty(attended);
        Assert.True(Count(EventCatalog.WebinarSurveyAnswered) < Count(EventCatalog.WebinarAttended));
    }

    [Fact]
    public void Web_events_carry_path_session_and_dwell_and_sns_events_a_kind()
    {
        var pages = Events.Where(e => e.Type == EventCatalog.WebPageViewed.Name).ToList();
        var sns = Events.Where(e => e.Type == EventCatalog.SnsEngaged.Name).ToList();

        Assert.NotEmpty(pages);
        Assert.All(pages, e =>
        {
            Assert.StartsWith("/", e.Properties!.Path);
            Assert.StartsWith(e.LeadId + "-s", e.Properties.SessionId);
            Assert.InRange(e.Properties.DwellSeconds!.Value, 1, 1800);
        });
        Assert.Contains(pages, e => e.Properties!.Path == "/pricing");
        Assert.Contains(pages, e => e.Properties!.DwellSeconds >= 60);
        Assert.Equal(["like", "reply", "repost"], sns.Select(e => e.Properties!.Kind!).Distinct().Order());
    }

    [Fact]
    public void Ad_visits_land_on_their_own_campaigns_landing_page()
    {
        var landings = Events.Where(e => e.Type == EventCatalog.WebPageViewed.Name && e.Properties!.Path!.StartsWith("/lp/", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(landings);
        Assert.All(landings, e => Assert.Equal("/lp/" + e.Campaign, e.Properties!.Path));
    }

    [Fact]
    public void Every_event_type_of_the_catalog_occurs()
    {
        var missing = EventCatalog.All.Where(t => Count(t) == 0).Select(t => t.Name).ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void Leads_come_from_several_inflow_sources()
    {
        var firstSource = new Dictionary<string, string?>();
        foreach (var e in Events)
            firstSource.TryAdd(e.LeadId!, e.Source);

        var sources = firstSource.Values.Distinct().ToList();

        Assert.Superset(new HashSet<string?> { "search", "sns", "newsletter", "seminar", "ads", "exhibition" }, sources.ToHashSet());
    }

    [Fact]
    public void Events_come_in_occurred_at_order_within_a_season()
    {
        var funnel = new Funnel.FunnelSimulator(Generated.Options());
        var previous = DateTimeOffset.MinValue;
        for (var i = 0; i < 10_000 && funnel.Season == 0 && funnel.Next() is { } e; i++)
        {
            var at = Generated.At(e);
            if (funnel.Season > 0)
                break;
            Assert.True(at >= previous, $"event {i} at {at:O} before {previous:O}");
            previous = at;
        }
    }

    [Fact]
    public void Occurred_at_stays_within_the_history_window()
    {
        var options = Generated.Options();

        Assert.All(Generated.Funnel(options, 30_000), e => Assert.InRange(Generated.At(e), options.Start, options.End!.Value));
    }

    [Fact]
    public void Journeys_reach_qualification_with_the_default_scoring_model()
    {
        var model = DefaultScoringModel.Instance;
        var leads = new Dictionary<string, LeadState>();
        var qualified = 0;
        foreach (var e in Events)
        {
            var leadEvent = Generated.ToLeadEvent(e);
            if (!leads.TryGetValue(leadEvent.LeadId, out var state))
                leads[leadEvent.LeadId] = state = new LeadState();
            if (state.Apply(leadEvent, state.Version + 1, model).Transition is { To: LeadStage.Qualified })
                qualified++;
        }

        // A few hot leads qualify, most do not: a funnel, not a flood.
        Assert.InRange(qualified / (double)leads.Count, 0.005, 0.3);
    }

    [Fact]
    public void A_season_holds_about_the_events_the_history_window_was_sized_for()
    {
        const int leads = 5_000;
        const double planned = 50_000;
        var funnel = new Funnel.FunnelSimulator(Generated.Options(leads: leads, plannedEvents: planned));
        var events = 0;
        while (funnel.Season == 0 && funnel.Next() is not null)
            events++;

        Assert.InRange(events / planned, 0.6, 1.5);
    }
}
