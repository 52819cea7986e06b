using LeadGrains.Domain.Scoring;
using static LeadGrains.Domain.Events.EventCatalog;
using static LeadGrains.Domain.Tests.Events;

namespace LeadGrains.Domain.Tests;

public class ScoringModelTests
{
    [Fact]
    public void A_model_rejects_duplicate_rule_ids()
    {
        ScoringRule[] rules =
        [
            new() { Id = "dup", EventType = EmailOpened, Points = 1 },
            new() { Id = "dup", EventType = EmailClicked, Points = 3 },
        ];

        var ex = Assert.Throws<ArgumentException>(() => new ScoringModel("v", rules, new ScoreThreshold("mql", 50), Decay.None));

        Assert.Equal("rules", ex.ParamName);
    }

    [Fact]
    public void Match_returns_the_first_matching_rule_in_declared_order()
    {
        var general = new ScoringRule { Id = "any-page", EventType = WebPageViewed, Points = 1 };
        var specific = new ScoringRule
        {
            Id = "pricing", EventType = WebPageViewed, Points = 5, Conditions = [new RuleCondition.PathStartsWith("/pricing")],
        };
        var model = new ScoringModel("v", [general, specific], new ScoreThreshold("mql", 50), Decay.None);

        var matched = model.Match(Event(WebPageViewed, path: "/pricing"));

        Assert.Same(general, matched);
        Assert.Equal(0, model.IndexOf(general));
        Assert.Equal(1, model.IndexOf(specific));
    }

    [Fact]
    public void A_rule_requires_all_of_its_conditions()
    {
        var rule = new ScoringRule
        {
            Id = "campaign-pricing",
            EventType = WebPageViewed,
            Points = 7,
            Conditions = [new RuleCondition.PathStartsWith("/pricing"), new RuleCondition.CampaignIs("spring")],
        };

        Assert.True(rule.Matches(Event(WebPageViewed, path: "/pricing", campaign: "spring")));
        Assert.False(rule.Matches(Event(WebPageViewed, path: "/pricing", campaign: "autumn")));
        Assert.False(rule.Matches(Event(WebPageViewed, path: "/about", campaign: "spring")));
        Assert.False(rule.Matches(Event(WebCtaClicked, path: "/pricing", campaign: "spring")));
    }

    [Fact]
    public void A_rule_describes_its_type_conditions_points_and_cap()
    {
        var rule = Default.Rules.Single(r => r.Id == "web-pricing-viewed");

        Assert.Equal("web.page_viewed where path starts with '/pricing': +5 points (at most 10 per day)", rule.Describe());
    }
}
