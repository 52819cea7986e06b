using LeadGrains.Domain.Events;
using static LeadGrains.Domain.Events.EventCatalog;

namespace LeadGrains.Domain.Scoring;

/// <summary>
/// The model every tenant starts with. The two values the seed articles fix are kept exactly
/// (document request 5, exhibition visit 10); the rest are scaled around them by intent, and
/// docs/scoring.md explains each choice.
/// </summary>
public static class DefaultScoringModel
{
    public const string Version = "default-v1";

    /// <summary>A lead needs this much recent engagement to be handed to sales.</summary>
    public const double QualificationScore = 50;

    /// <summary>Interest fades: 90 days halves an action's weight.</summary>
    public static readonly TimeSpan HalfLife = TimeSpan.FromDays(90);

    public static ScoringModel Instance { get; } = Create();

    private static ScoringModel Create()
    {
        ScoringRule R(string id, EventType type, double points, ScoreCap? cap = null, params RuleCondition[] conditions) =>
            new() { Id = id, EventType = type, Points = points, Cap = cap, Conditions = conditions };

        var daily = (double max) => new ScoreCap(max, CapPeriod.Day);

        return new ScoringModel(
            Version,
            [
                R("email-opened", EmailOpened, 1, daily(3)),
                R("email-clicked", EmailClicked, 3, daily(9)),
                R("email-replied", EmailReplied, 8),
                R("email-bounced", EmailBounced, -5),
                R("email-unsubscribed", EmailUnsubscribed, -20),
                R("webinar-registered", WebinarRegistered, 5),
                R("webinar-attended", WebinarAttended, 10),
                R("webinar-survey-answered", WebinarSurveyAnswered, 5),
                R("whitepaper-downloaded", WhitepaperDownloaded, 5),
                R("document-requested", DocumentRequested, 5),
                R("web-pricing-viewed", WebPageViewed, 5, daily(10), new RuleCondition.PathStartsWith("/pricing")),
                R("web-page-read", WebPageViewed, 2, daily(10), new RuleCondition.MinDwellSeconds(60)),
                R("web-page-viewed", WebPageViewed, 1, daily(5)),
                R("web-cta-clicked", WebCtaClicked, 3, daily(9)),
                R("sns-reply", SnsEngaged, 3, daily(6), new RuleCondition.KindIs("reply")),
                R("sns-repost", SnsEngaged, 2, daily(4), new RuleCondition.KindIs("repost")),
                R("sns-like", SnsEngaged, 1, daily(2), new RuleCondition.KindIs("like")),
                R("exhibition-visited", ExhibitionVisited, 10),
                R("inquiry-submitted", InquirySubmitted, 30),
            ],
            new ScoreThreshold("mql", QualificationScore),
            new Decay(HalfLife));
    }
}
