using System.Collections.Frozen;

namespace LeadGrains.Domain.Kpis;

/// <summary>Every counter LeadGrains keeps. Names are stored: add new ones, never rename.</summary>
public static class Counters
{
    private const string Event = "event ";
    private const string Report = "report ";
    private const string Transition = "transition to ";

    public static readonly Counter EmailDeliveries = new("email.deliveries", CounterKind.Additive, Event + "email.delivered");
    public static readonly Counter EmailListSize = new("email.list_size", CounterKind.Additive, Report + "email.list_size");
    public static readonly Counter EmailOpens = new("email.opens", CounterKind.Additive, Event + "email.opened");
    public static readonly Counter EmailUniqueOpeners = new("email.unique_openers", CounterKind.Unique, Event + "email.opened (first per lead)");
    public static readonly Counter EmailClicks = new("email.clicks", CounterKind.Additive, Event + "email.clicked");
    public static readonly Counter EmailUniqueClickers = new("email.unique_clickers", CounterKind.Unique, Event + "email.clicked (first per lead)");
    public static readonly Counter EmailReplies = new("email.replies", CounterKind.Additive, Event + "email.replied");
    public static readonly Counter EmailUniqueRepliers = new("email.unique_repliers", CounterKind.Unique, Event + "email.replied (first per lead)");
    public static readonly Counter EmailBounces = new("email.bounces", CounterKind.Additive, Event + "email.bounced");
    public static readonly Counter EmailUnsubscribes = new("email.unsubscribes", CounterKind.Additive, Event + "email.unsubscribed");

    public static readonly Counter WebinarRegistrations = new("webinar.registrations", CounterKind.Additive, Event + "webinar.registered");
    public static readonly Counter WebinarAttendees = new("webinar.attendees", CounterKind.Additive, Event + "webinar.attended");
    public static readonly Counter WebinarSurveyRespondents = new("webinar.survey_respondents", CounterKind.Additive, Event + "webinar.survey_answered");

    public static readonly Counter WhitepaperDownloads = new("whitepaper.downloads", CounterKind.Additive, Event + "whitepaper.downloaded");
    public static readonly Counter DocumentRequests = new("whitepaper.document_requests", CounterKind.Additive, Event + "document.requested");

    public static readonly Counter WebPageViews = new("web.page_views", CounterKind.Additive, Event + "web.page_viewed");
    public static readonly Counter WebSessions = new("web.sessions", CounterKind.Unique, Event + "web.page_viewed (first per sessionId; a view without sessionId is a session of its own)");
    public static readonly Counter WebDwellSeconds = new("web.dwell_seconds", CounterKind.Additive, Event + "web.page_viewed (+dwellSeconds)");
    public static readonly Counter WebDwellSamples = new("web.dwell_samples", CounterKind.Additive, Event + "web.page_viewed with dwellSeconds");
    public static readonly Counter WebCtaClicks = new("web.cta_clicks", CounterKind.Additive, Event + "web.cta_clicked");

    public static readonly Counter SnsEngagements = new("sns.engagements", CounterKind.Additive, Event + "sns.engaged");
    public static readonly Counter SnsLikes = new("sns.likes", CounterKind.Additive, Event + "sns.engaged kind=like");
    public static readonly Counter SnsReposts = new("sns.reposts", CounterKind.Additive, Event + "sns.engaged kind=repost");
    public static readonly Counter SnsReplies = new("sns.replies", CounterKind.Additive, Event + "sns.engaged kind=reply");
    public static readonly Counter SnsImpressions = new("sns.impressions", CounterKind.Additive, Report + "sns.impressions");
    public static readonly Counter SnsReach = new("sns.reach", CounterKind.Additive, Report + "sns.reach");
    public static readonly Counter SnsHashtagUses = new("sns.hashtag_uses", CounterKind.Additive, Report + "sns.hashtag_uses");
    public static readonly Counter SnsFollowersSum = new("sns.followers_sum", CounterKind.Additive, Report + "sns.followers (+value)");
    public static readonly Counter SnsFollowerReports = new("sns.follower_reports", CounterKind.Additive, Report + "sns.followers");

    public static readonly Counter ExhibitionVisits = new("exhibition.visits", CounterKind.Additive, Event + "exhibition.visited");
    public static readonly Counter InquirySubmissions = new("inquiry.submissions", CounterKind.Additive, Event + "inquiry.submitted");

    public static readonly Counter LeadsAcquired = new("funnel.leads_acquired", CounterKind.Additive, "a lead's first event");
    public static readonly Counter LeadsQualified = new("funnel.leads_qualified", CounterKind.Additive, Transition + "qualified");
    public static readonly Counter HandedToSales = new("funnel.handed_to_sales", CounterKind.Additive, Transition + "handed_to_sales");
    public static readonly Counter Meetings = new("funnel.meetings", CounterKind.Additive, Transition + "meeting");
    public static readonly Counter WonDeals = new("funnel.won_deals", CounterKind.Additive, Transition + "won");

    public static IReadOnlyList<Counter> All { get; } =
    [
        EmailDeliveries, EmailListSize, EmailOpens, EmailUniqueOpeners, EmailClicks, EmailUniqueClickers,
        EmailReplies, EmailUniqueRepliers, EmailBounces, EmailUnsubscribes,
        WebinarRegistrations, WebinarAttendees, WebinarSurveyRespondents,
        WhitepaperDownloads, DocumentRequests,
        WebPageViews, WebSessions, WebDwellSeconds, WebDwellSamples, WebCtaClicks,
        SnsEngagements, SnsLikes, SnsReposts, SnsReplies,
        SnsImpressions, SnsReach, SnsHashtagUses, SnsFollowersSum, SnsFollowerReports,
        ExhibitionVisits, InquirySubmissions,
        LeadsAcquired, LeadsQualified, HandedToSales, Meetings, WonDeals,
    ];

    private static readonly FrozenDictionary<string, Counter> ByName =
        All.ToFrozenDictionary(c => c.Name, StringComparer.Ordinal);

    public static bool TryGet(string name, out Counter counter) => ByName.TryGetValue(name, out counter!);

    public static Counter Get(string name) =>
        TryGet(name, out var counter) ? counter : throw new KeyNotFoundException($"Counter '{name}' does not exist.");
}
