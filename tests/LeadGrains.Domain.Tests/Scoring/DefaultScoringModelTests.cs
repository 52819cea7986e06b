using LeadGrains.Domain.Leads;
using static LeadGrains.Domain.Events.EventCatalog;
using static LeadGrains.Domain.Tests.Events;

namespace LeadGrains.Domain.Tests;

public class DefaultScoringModelTests
{
    [Fact]
    public void A_document_request_scores_exactly_5_points()
    {
        var lead = Lead(Event(DocumentRequested, T0));

        Assert.Equal(5, lead.ScoreAt(T0, Default.Decay));
    }

    [Fact]
    public void An_exhibition_visit_scores_exactly_10_points()
    {
        var lead = Lead(Event(ExhibitionVisited, T0));

        Assert.Equal(10, lead.ScoreAt(T0, Default.Decay));
    }

    [Theory]
    [InlineData("email.bounced", -5)]
    [InlineData("email.unsubscribed", -20)]
    public void A_negative_email_event_lowers_the_score(string type, double points)
    {
        var lead = Lead(Event(ExhibitionVisited, T0));

        var applied = lead.ApplyNext(Event(Get(type), T0));

        Assert.Equal(points, applied.Points);
        Assert.Equal(10 + points, lead.ScoreAt(T0, Default.Decay));
    }

    [Fact]
    public void A_delivered_email_matches_no_rule_and_scores_nothing()
    {
        var lead = new LeadState();

        var applied = lead.ApplyNext(Event(EmailDelivered, T0));

        Assert.Null(applied.RuleId);
        Assert.Equal(0, applied.Points);
        Assert.Equal(0, lead.Score);
    }

    [Fact]
    public void A_pricing_page_view_is_scored_by_the_pricing_rule_even_when_read_long()
    {
        var rule = Default.Match(Event(WebPageViewed, path: "/Pricing/enterprise", dwellSeconds: 300));

        Assert.Equal("web-pricing-viewed", rule?.Id);
        Assert.Equal(5, rule?.Points);
    }

    [Fact]
    public void A_long_dwell_page_view_is_scored_by_the_read_rule()
    {
        var rule = Default.Match(Event(WebPageViewed, path: "/blog/scoring", dwellSeconds: 60));

        Assert.Equal("web-page-read", rule?.Id);
        Assert.Equal(2, rule?.Points);
    }

    [Theory]
    [InlineData("/blog/scoring", 59.9)]
    [InlineData("/blog/scoring", null)]
    [InlineData(null, null)]
    public void A_plain_page_view_is_scored_by_the_generic_rule(string? path, double? dwell)
    {
        var rule = Default.Match(Event(WebPageViewed, path: path, dwellSeconds: dwell));

        Assert.Equal("web-page-viewed", rule?.Id);
        Assert.Equal(1, rule?.Points);
    }

    [Theory]
    [InlineData("reply", "sns-reply", 3)]
    [InlineData("repost", "sns-repost", 2)]
    [InlineData("like", "sns-like", 1)]
    public void An_sns_engagement_is_scored_by_its_kind(string kind, string ruleId, double points)
    {
        var rule = Default.Match(Event(SnsEngaged, kind: kind));

        Assert.Equal(ruleId, rule?.Id);
        Assert.Equal(points, rule?.Points);
    }

    [Theory]
    [InlineData("share")]
    [InlineData("Like")]
    [InlineData(null)]
    public void An_sns_engagement_of_an_unknown_kind_scores_nothing(string? kind)
    {
        Assert.Null(Default.Match(Event(SnsEngaged, kind: kind)));
    }
}
