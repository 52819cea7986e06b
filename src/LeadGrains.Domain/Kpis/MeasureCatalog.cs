using System.Collections.Frozen;
using C = LeadGrains.Domain.Kpis.Counters;

namespace LeadGrains.Domain.Kpis;

/// <summary>The seeds' KPI catalog, by channel. Ids are public and stored in targets: add, never rename.</summary>
public static class MeasureCatalog
{
    // email
    public static readonly Measure EmailDeliveries = Measure.Count("email.deliveries", "emails delivered", C.EmailDeliveries);
    public static readonly Measure EmailListSize = Measure.Count("email.list_size", "recipients of the sends, as the email platform reports them", C.EmailListSize);
    public static readonly Measure EmailOpens = Measure.Count("email.opens", "email opens, repeated opens included", C.EmailOpens);
    public static readonly Measure EmailUniqueOpeners = Measure.Unique("email.unique_openers", "leads who opened an email in the bucket", C.EmailUniqueOpeners);
    public static readonly Measure EmailOpenRate = Measure.Rate("email.open_rate", "share of deliveries opened (by unique openers)", EmailUniqueOpeners, EmailDeliveries);
    public static readonly Measure EmailClicks = Measure.Count("email.clicks", "email link clicks, repeated clicks included", C.EmailClicks);
    public static readonly Measure EmailUniqueClickers = Measure.Unique("email.unique_clickers", "leads who clicked an email link in the bucket", C.EmailUniqueClickers);
    public static readonly Measure EmailClickRate = Measure.Rate("email.click_rate", "share of deliveries clicked (by unique clickers)", EmailUniqueClickers, EmailDeliveries);
    public static readonly Measure EmailClickToOpenRate = Measure.Rate("email.click_to_open_rate", "share of openers who also clicked", EmailUniqueClickers, EmailUniqueOpeners);
    public static readonly Measure EmailReplies = Measure.Count("email.replies", "replies to emails", C.EmailReplies);
    public static readonly Measure EmailUniqueRepliers = Measure.Unique("email.unique_repliers", "leads who replied to an email in the bucket", C.EmailUniqueRepliers);
    public static readonly Measure EmailUnsubscribes = Measure.Count("email.unsubscribes", "unsubscribes", higherIsBetter: false, C.EmailUnsubscribes);
    public static readonly Measure EmailUnsubscribeRate = Measure.Rate("email.unsubscribe_rate", "unsubscribes per delivery", EmailUnsubscribes, EmailDeliveries, higherIsBetter: false);
    public static readonly Measure EmailBounces = Measure.Count("email.bounces", "bounced emails", higherIsBetter: false, C.EmailBounces);

    // webinar
    public static readonly Measure WebinarRegistrations = Measure.Count("webinar.registrations", "webinar registrations", C.WebinarRegistrations);
    public static readonly Measure WebinarAttendees = Measure.Count("webinar.attendees", "webinar attendances", C.WebinarAttendees);
    public static readonly Measure WebinarAttendanceRate = Measure.Rate("webinar.attendance_rate", "attendees per registration", WebinarAttendees, WebinarRegistrations);
    public static readonly Measure WebinarSurveyRespondents = Measure.Count("webinar.survey_respondents", "webinar survey answers", C.WebinarSurveyRespondents);
    public static readonly Measure WebinarSurveyResponseRate = Measure.Rate("webinar.survey_response_rate", "survey respondents per attendee", WebinarSurveyRespondents, WebinarAttendees);

    // whitepaper
    public static readonly Measure WhitepaperDownloads = Measure.Count("whitepaper.downloads", "whitepaper downloads", C.WhitepaperDownloads);
    public static readonly Measure WhitepaperDocumentRequests = Measure.Count("whitepaper.document_requests", "document requests", C.DocumentRequests);
    public static readonly Measure WhitepaperEmailResponseRate = Measure.Rate("whitepaper.email_response_rate",
        "share of follow-up deliveries answered; scope it to the whitepaper follow-up campaign", EmailUniqueRepliers, EmailDeliveries);

    // web / owned media
    public static readonly Measure WebArticleViews = Measure.Count("web.article_views", "page views of owned media (every page view counts as an article view)", C.WebPageViews);
    public static readonly Measure WebVisits = Measure.Unique("web.visits", "web sessions (site visits)", C.WebSessions);
    public static readonly Measure WebPagesPerSession = Measure.Average("web.pages_per_session", "site circulation: page views per session", MeasureUnit.Pages, C.WebPageViews, C.WebSessions);
    public static readonly Measure WebAverageTimeOnPage = Measure.Average("web.avg_time_on_page", "average dwell seconds of the page views that report one", MeasureUnit.Seconds, C.WebDwellSeconds, C.WebDwellSamples);
    public static readonly Measure WebCtaClicks = Measure.Count("web.cta_clicks", "call-to-action clicks", C.WebCtaClicks);
    public static readonly Measure WebCtaClickRate = Measure.Rate("web.cta_click_rate", "CTA clicks per page view", WebCtaClicks, WebArticleViews);

    // SNS
    public static readonly Measure SnsImpressions = Measure.Count("sns.impressions", "post impressions, as reported", C.SnsImpressions);
    public static readonly Measure SnsReach = Measure.Count("sns.reach", "accounts reached, summed over reports", C.SnsReach);
    public static readonly Measure SnsHashtagUses = Measure.Count("sns.hashtag_uses", "uses of the campaign hashtag, as reported", C.SnsHashtagUses);
    public static readonly Measure SnsFollowers = Measure.Average("sns.followers", "average reported follower count", MeasureUnit.Count, C.SnsFollowersSum, C.SnsFollowerReports);
    public static readonly Measure SnsEngagements = Measure.Count("sns.engagements", "likes, reposts and replies by leads", C.SnsEngagements);
    public static readonly Measure SnsLikes = Measure.Count("sns.likes", "likes by leads", C.SnsLikes);
    public static readonly Measure SnsReposts = Measure.Count("sns.reposts", "reposts by leads", C.SnsReposts);
    public static readonly Measure SnsReplies = Measure.Count("sns.replies", "replies by leads", C.SnsReplies);
    public static readonly Measure SnsEngagementRate = Measure.Rate("sns.engagement_rate", "engagements over (average) followers", SnsEngagements, SnsFollowers);

    // funnel (overall)
    public static readonly Measure LeadsAcquired = Measure.Count("funnel.leads_acquired", "new leads: a lead's first event", C.LeadsAcquired);
    public static readonly Measure LeadsQualified = Measure.Count("funnel.leads_qualified", "transitions to qualified (a recycled lead that qualifies again counts again)", C.LeadsQualified);
    public static readonly Measure HandedToSales = Measure.Count("funnel.handed_to_sales", "transitions to handed_to_sales", C.HandedToSales);
    public static readonly Measure Meetings = Measure.Count("funnel.meetings", "transitions to meeting", C.Meetings);
    public static readonly Measure WonDeals = Measure.Count("funnel.won_deals", "transitions to won: new customers", C.WonDeals);
    public static readonly Measure QualificationRate = Measure.Rate("funnel.qualification_rate", "qualified leads per lead acquired", LeadsQualified, LeadsAcquired);
    public static readonly Measure MeetingConversionRate = Measure.Rate("funnel.meeting_conversion_rate", "meetings per qualified lead", Meetings, LeadsQualified);
    public static readonly Measure WinRate = Measure.Rate("funnel.win_rate", "won deals per meeting", WonDeals, Meetings);
    public static readonly Measure Downloads = Measure.Count("funnel.downloads", "whitepaper downloads and document requests", C.WhitepaperDownloads, C.DocumentRequests);
    public static readonly Measure DownloadRate = Measure.Rate("funnel.download_rate", "downloads per visit", Downloads, WebVisits);
    public static readonly Measure Inquiries = Measure.Count("funnel.inquiries", "inquiries submitted", C.InquirySubmissions);
    public static readonly Measure ExhibitionVisits = Measure.Count("funnel.exhibition_visits", "exhibition booth visits", C.ExhibitionVisits);
    public static readonly Measure Conversions = Measure.Count("funnel.conversions", "web conversions: downloads, document requests and inquiries",
        C.WhitepaperDownloads, C.DocumentRequests, C.InquirySubmissions);
    public static readonly Measure ConversionRate = Measure.Rate("funnel.conversion_rate", "conversions per visit", Conversions, WebVisits);

    public static IReadOnlyList<Measure> All { get; } =
    [
        EmailDeliveries, EmailListSize, EmailOpens, EmailUniqueOpeners, EmailOpenRate, EmailClicks, EmailUniqueClickers,
        EmailClickRate, EmailClickToOpenRate, EmailReplies, EmailUniqueRepliers, EmailUnsubscribes, EmailUnsubscribeRate, EmailBounces,
        WebinarRegistrations, WebinarAttendees, WebinarAttendanceRate, WebinarSurveyRespondents, WebinarSurveyResponseRate,
        WhitepaperDownloads, WhitepaperDocumentRequests, WhitepaperEmailResponseRate,
        WebArticleViews, WebVisits, WebPagesPerSession, WebAverageTimeOnPage, WebCtaClicks, WebCtaClickRate,
        SnsImpressions, SnsReach, SnsHashtagUses, SnsFollowers, SnsEngagements, SnsLikes, SnsReposts, SnsReplies, SnsEngagementRate,
        LeadsAcquired, LeadsQualified, HandedToSales, Meetings, WonDeals, QualificationRate, MeetingConversionRate, WinRate,
        Downloads, DownloadRate, Inquiries, ExhibitionVisits, Conversions, ConversionRate,
    ];

    private static readonly FrozenDictionary<string, Measure> ById = All.ToFrozenDictionary(m => m.Id, StringComparer.Ordinal);

    public static bool TryGet(string id, out Measure measure) => ById.TryGetValue(id, out measure!);

    public static Measure Get(string id) =>
        TryGet(id, out var m) ? m : throw new ArgumentException($"Unknown measure '{id}'.", nameof(id));
}
