using System.Text.RegularExpressions;
using LeadGrains.Domain.Kpis;

namespace LeadGrains.Domain.Tests;

public class MeasureCatalogTests
{
    [Fact]
    public void Every_measure_id_is_channel_dot_measure_in_snake_case()
    {
        Assert.All(MeasureCatalog.All, m => Assert.Matches(new Regex("^(email|webinar|whitepaper|web|sns|funnel)\\.[a-z_]+$"), m.Id));
    }

    [Fact]
    public void Measure_ids_are_unique()
    {
        Assert.Equal(MeasureCatalog.All.Count, MeasureCatalog.All.Select(m => m.Id).Distinct().Count());
    }

    [Fact]
    public void Every_measure_can_be_found_by_its_id()
    {
        Assert.All(MeasureCatalog.All, m => Assert.Same(m, MeasureCatalog.Get(m.Id)));
        Assert.False(MeasureCatalog.TryGet("email.nothing", out _));
    }

    [Theory]
    [InlineData("email.deliveries")]
    [InlineData("email.open_rate")]
    [InlineData("email.click_rate")]
    [InlineData("email.click_to_open_rate")]
    [InlineData("webinar.registrations")]
    [InlineData("webinar.attendees")]
    [InlineData("webinar.attendance_rate")]
    [InlineData("webinar.survey_respondents")]
    [InlineData("whitepaper.downloads")]
    [InlineData("whitepaper.document_requests")]
    [InlineData("whitepaper.email_response_rate")]
    [InlineData("web.article_views")]
    [InlineData("web.pages_per_session")]
    [InlineData("web.avg_time_on_page")]
    [InlineData("web.cta_click_rate")]
    [InlineData("sns.impressions")]
    [InlineData("sns.reach")]
    [InlineData("sns.hashtag_uses")]
    [InlineData("sns.engagements")]
    [InlineData("sns.engagement_rate")]
    [InlineData("funnel.leads_acquired")]
    [InlineData("funnel.leads_qualified")]
    [InlineData("funnel.handed_to_sales")]
    [InlineData("funnel.meetings")]
    [InlineData("funnel.meeting_conversion_rate")]
    [InlineData("funnel.won_deals")]
    [InlineData("funnel.conversion_rate")]
    [InlineData("web.visits")]
    [InlineData("funnel.downloads")]
    public void The_seeds_catalog_KPI_exists(string id)
    {
        Assert.True(MeasureCatalog.TryGet(id, out _));
    }

    [Fact]
    public void The_open_rate_formula_is_unique_openers_over_deliveries()
    {
        Assert.Equal("email.unique_openers / email.deliveries", MeasureCatalog.EmailOpenRate.Formula);
    }

    [Fact]
    public void A_count_of_two_counters_shows_both_in_its_formula()
    {
        Assert.Equal("whitepaper.downloads + whitepaper.document_requests", MeasureCatalog.Downloads.Formula);
    }

    [Fact]
    public void Every_rate_is_a_ratio_with_both_parts()
    {
        Assert.All(MeasureCatalog.All.Where(m => m.Kind == MeasureKind.Rate), m =>
        {
            Assert.Equal(MeasureUnit.Ratio, m.Unit);
            Assert.NotNull(m.Numerator);
            Assert.NotNull(m.Denominator);
        });
    }

    [Fact]
    public void Every_counter_is_read_by_some_measure()
    {
        var read = MeasureCatalog.All.SelectMany(m => m.AllCounters()).ToHashSet();

        Assert.All(Counters.All, c => Assert.Contains(c, read));
    }

    [Fact]
    public void Counter_names_are_unique_and_findable()
    {
        Assert.Equal(Counters.All.Count, Counters.All.Select(c => c.Name).Distinct().Count());
        Assert.All(Counters.All, c => Assert.True(Counters.TryGet(c.Name, out var found) && found == c));
    }

    [Fact]
    public void A_rate_names_the_events_of_its_numerator_and_denominator_as_sources()
    {
        var sources = MeasureCatalog.EmailOpenRate.Sources();

        Assert.Equal(["event email.opened (first per lead)", "event email.delivered"], sources);
    }

    [Fact]
    public void Unsubscribes_are_lower_is_better()
    {
        Assert.False(MeasureCatalog.EmailUnsubscribes.HigherIsBetter);
        Assert.False(MeasureCatalog.EmailUnsubscribeRate.HigherIsBetter);
        Assert.True(MeasureCatalog.EmailOpenRate.HigherIsBetter);
    }

    [Fact]
    public void Only_counts_are_cumulative()
    {
        Assert.True(MeasureCatalog.Meetings.IsCumulative);
        Assert.True(MeasureCatalog.WebVisits.IsCumulative);
        Assert.False(MeasureCatalog.EmailOpenRate.IsCumulative);
        Assert.False(MeasureCatalog.WebPagesPerSession.IsCumulative);
    }
}
