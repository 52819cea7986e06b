using System.Collections.Frozen;

namespace LeadGrains.Domain.Events;

/// <summary>The event types LeadGrains understands, seeded from the channels of the KPI catalog.</summary>
public static class EventCatalog
{
    public static readonly EventType EmailDelivered = new(0, "email.delivered", Channel.Email);
    public static readonly EventType EmailOpened = new(1, "email.opened", Channel.Email);
    public static readonly EventType EmailClicked = new(2, "email.clicked", Channel.Email);
    public static readonly EventType EmailReplied = new(3, "email.replied", Channel.Email);
    public static readonly EventType EmailBounced = new(4, "email.bounced", Channel.Email);
    public static readonly EventType EmailUnsubscribed = new(5, "email.unsubscribed", Channel.Email);
    public static readonly EventType WebinarRegistered = new(6, "webinar.registered", Channel.Webinar);
    public static readonly EventType WebinarAttended = new(7, "webinar.attended", Channel.Webinar);
    public static readonly EventType WebinarSurveyAnswered = new(8, "webinar.survey_answered", Channel.Webinar);
    public static readonly EventType WhitepaperDownloaded = new(9, "whitepaper.downloaded", Channel.Whitepaper);
    public static readonly EventType DocumentRequested = new(10, "document.requested", Channel.Whitepaper);
    public static readonly EventType WebPageViewed = new(11, "web.page_viewed", Channel.Web);
    public static readonly EventType WebCtaClicked = new(12, "web.cta_clicked", Channel.Web);
    public static readonly EventType SnsEngaged = new(13, "sns.engaged", Channel.Sns);
    public static readonly EventType ExhibitionVisited = new(14, "exhibition.visited", Channel.Exhibition);
    public static readonly EventType InquirySubmitted = new(15, "inquiry.submitted", Channel.Inquiry);

    public static IReadOnlyList<EventType> All { get; } =
    [
        EmailDelivered, EmailOpened, EmailClicked, EmailReplied, EmailBounced, EmailUnsubscribed,
        WebinarRegistered, WebinarAttended, WebinarSurveyAnswered,
        WhitepaperDownloaded, DocumentRequested,
        WebPageViewed, WebCtaClicked,
        SnsEngaged,
        ExhibitionVisited,
        InquirySubmitted,
    ];

    public static int Count => All.Count;

    private static readonly FrozenDictionary<string, EventType> ByName =
        All.ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);

    public static bool TryGet(string name, out EventType type) =>
        ByName.TryGetValue(name, out type!);

    public static EventType Get(string name) =>
        TryGet(name, out var type) ? type : throw new ArgumentException($"Unknown event type '{name}'.", nameof(name));
}
