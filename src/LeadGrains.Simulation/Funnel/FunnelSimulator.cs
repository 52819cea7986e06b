using System.Globalization;
using LeadGrains.Domain.Events;
using LeadGrains.Domain.Kpis;
using LeadGrains.Simulation.Wire;
using static LeadGrains.Domain.Events.EventCatalog;

namespace LeadGrains.Simulation.Funnel;

/// <summary>
/// A discrete-event simulation of one tenant's B2B funnel. Leads arrive from inflow sources,
/// then browse, open and click emails, register for webinars, follow SNS accounts and visit
/// exhibitions at rates set by <see cref="FunnelModel"/> and their own interest; campaigns send
/// and hold events on a calendar. <see cref="Next"/> returns events in occurred-at order.
/// </summary>
/// <remarks>
/// One priority queue of scheduled steps; each step emits at most one event and schedules what
/// follows from it, so the cost per event is one queue operation and one record.
/// </remarks>
public sealed class FunnelSimulator
{
    private const double HourMs = 3_600_000;
    private const double DayMs = 24 * HourMs;
    private const double MinuteMs = 60_000;

    private static readonly string[] CtaNames = ["download-guide", "request-documents", "contact-sales"];
    private static readonly string[] DocumentAssets = ["product-brochure", "price-list", "security-sheet"];
    private static readonly string[] SnsKinds = ["like", "repost", "reply"];
    private static readonly double[] SnsKindWeights = [0.7, 0.9, 1.0];
    private static readonly double[] RevisitSourceWeights = [0.35, 0.7, 0.8, 0.9, 1.0];
    private static readonly string[] RevisitSources = ["direct", "search", "ads", "sns", "referral"];

    private readonly SimulationOptions _options;
    private readonly FunnelModel _model;
    private readonly SimRandom _random;
    private readonly Campaign[] _campaigns;
    private readonly string[] _landing;
    private readonly long[] _webinarDate;
    private readonly int[] _email, _webinar, _whitepaper, _ads, _sns, _expo;
    private readonly string[] _sourceNames;
    private readonly double[] _sourceWeights;
    private readonly string?[] _leadIds;
    private readonly LeadSlot[] _leads;
    private readonly PriorityQueue<Step, Due> _queue = new();
    private readonly long _startTicks;
    private readonly long _endMs;
    private readonly double _arrivalGapMs;
    private readonly double _sqrtInterestMean;
    private readonly double _interestMu;

    private long _sequence;
    private long _eventNumber;
    private long _nowMs;
    private int _arrived;
    private int _mailableFrom;
    private int _followers;
    private int _lastListSize;
    private int _lastEmailCampaign = -1;

    public FunnelSimulator(SimulationOptions options)
    {
        options.Validate();
        _options = options;
        _model = options.Model;
        _random = new SimRandom(SimRandom.Derive(options.Seed, options.Stream));
        _campaigns = [.. Campaign.Plan(options.Campaigns)];
        _email = OfKind(CampaignKind.Email);
        _webinar = OfKind(CampaignKind.Webinar);
        _whitepaper = OfKind(CampaignKind.Whitepaper);
        _ads = OfKind(CampaignKind.Ads);
        _sns = OfKind(CampaignKind.Sns);
        _expo = OfKind(CampaignKind.Exhibition);
        _landing = new string[_campaigns.Length];
        for (var i = 0; i < _campaigns.Length; i++)
        {
            _landing[i] = _campaigns[i].Kind switch
            {
                CampaignKind.Ads => "/lp/" + _campaigns[i].Name,
                CampaignKind.Whitepaper => Site.Whitepapers[i % Site.Whitepapers.Length],
                CampaignKind.Webinar => "/webinars/" + _campaigns[i].Name,
                _ => Site.Blog[i % Site.Blog.Length],
            };
        }
        _webinarDate = new long[_campaigns.Length];
        _sourceNames = [.. _model.Sources.Select(s => s.Source)];
        _sourceWeights = new double[_sourceNames.Length];
        var total = 0.0;
        for (var i = 0; i < _sourceWeights.Length; i++)
        {
            total += _model.Sources[i].Weight;
            _sourceWeights[i] = total;
        }
        _leadIds = new string?[options.Leads];
        _leads = new LeadSlot[options.Leads];
        _startTicks = options.Start.UtcTicks;
        _endMs = options.End is { } end ? (long)(end - options.Start).TotalMilliseconds : long.MaxValue;
        _arrivalGapMs = options.ArrivalWindow.TotalMilliseconds / options.Leads;
        var sigma = _model.InterestSigma;
        _interestMu = -sigma * sigma / 2; // log-normal with mean 1
        _sqrtInterestMean = Math.Exp(-sigma * sigma / 8);
        StartSeason();
    }

    /// <summary>How many times the simulated clock has started over at Start (0 in the first pass).</summary>
    public int Season { get; private set; }

    /// <summary>Occurred-at of the latest step.</summary>
    public DateTimeOffset Clock => At(_nowMs);

    public IReadOnlyList<Campaign> Campaigns => _campaigns;

    /// <summary>Leads that have arrived so far in this season.</summary>
    public int ArrivedLeads => _arrived;

    /// <summary>The time of the next scheduled step (it may emit nothing), for pacing a real-time consumer.</summary>
    public bool TryPeekTime(out DateTimeOffset at)
    {
        if (_queue.TryPeek(out _, out var due) && due.At <= _endMs)
        {
            at = At(due.At);
            return true;
        }
        at = default;
        return false;
    }

    /// <summary>The next event in occurred-at order, or null when nothing more can happen.</summary>
    public EventRecord? Next()
    {
        while (true)
        {
            if (!_queue.TryDequeue(out var step, out var due))
            {
                if (_endMs == long.MaxValue || _arrived == 0)
                    return null;
                NewSeason();
                continue;
            }
            if (due.At > _endMs)
            {
                NewSeason();
                continue;
            }
            _nowMs = due.At;
            var record = Run(step);
            if (record is not null)
                return record;
        }
    }

    /// <summary>A plausible aggregate figure for the current moment: SNS reach and followers, email list size.</summary>
    public MetricReportRecord NextMetricReport(string id)
    {
        var hour = _startTicks + (_nowMs / (long)HourMs) * (long)HourMs * TimeSpan.TicksPerMillisecond;
        var at = WireSerializer.Timestamp(new DateTimeOffset(hour, TimeSpan.Zero));
        var roll = _random.NextDouble();
        ChannelMetric metric;
        double value;
        string? campaign = _sns.Length > 0 && _random.Chance(0.5) ? _campaigns[_sns[_random.Next(_sns.Length)]].Name : null;
        var audience = 2_000 + 10.0 * _followers;
        if (roll < 0.2 && _lastEmailCampaign >= 0)
        {
            metric = ChannelMetric.EmailListSize;
            value = _lastListSize;
            campaign = _campaigns[_lastEmailCampaign].Name;
        }
        else if (roll < 0.5)
        {
            metric = ChannelMetric.SnsImpressions;
            value = Math.Round(_random.LogNormal(audience * 1.2, 0.8));
        }
        else if (roll < 0.7)
        {
            metric = ChannelMetric.SnsReach;
            value = Math.Round(_random.LogNormal(audience * 0.6, 0.8));
        }
        else if (roll < 0.85)
        {
            metric = ChannelMetric.SnsHashtagUses;
            value = Math.Round(_random.LogNormal(12, 0.7));
        }
        else
        {
            metric = ChannelMetric.SnsFollowers;
            value = Math.Round(audience);
            campaign = null;
        }
        return new MetricReportRecord { Id = id, Metric = metric.Name(), Value = value, OccurredAt = at, Campaign = campaign };
    }

    // ---- the calendar -------------------------------------------------------------------------

    private void StartSeason()
    {
        _queue.Clear();
        Array.Clear(_leads);
        Array.Clear(_webinarDate);
        _arrived = 0;
        _mailableFrom = 0;
        _followers = 0;
        _nowMs = 0;
        Schedule(0, StepKind.Arrive, 0);
        foreach (var c in _email)
            Schedule(Scaled(_random.Uniform(DayMs, Math.Max(DayMs, _model.EmailInterval.TotalMilliseconds))), StepKind.EmailSend, -1, c);
        foreach (var c in _webinar)
            Schedule(Scaled(_random.Uniform(0, _model.WebinarInterval.TotalMilliseconds)), StepKind.WebinarAnnounce, -1, c);
        foreach (var c in _expo)
            Schedule(Scaled(_random.Uniform(7 * DayMs, Math.Max(7 * DayMs, _model.ExhibitionInterval.TotalMilliseconds))), StepKind.ExhibitionOpen, -1, c);
    }

    private void NewSeason()
    {
        Season++;
        StartSeason();
    }

    private EventRecord? Run(Step step) => step.Kind switch
    {
        StepKind.Arrive => Arrive(step.Lead),
        StepKind.Session => OrganicSession(step.Lead),
        StepKind.Landing => BeginSession(step.Lead, "newsletter", step.Arg, _landing[step.Arg]),
        StepKind.PageView => PageView(step.Lead, Site.NextPage(_random, Activity(step.Lead))),
        StepKind.Cta => Cta(step.Lead, step.Arg),
        StepKind.Download => Download(step.Lead),
        StepKind.DocumentRequest => Emit(DocumentRequested, step.Lead, SessionSource(step.Lead), SessionCampaign(step.Lead),
            new EventPropertiesRecord { Asset = DocumentAssets[_random.Next(DocumentAssets.Length)] }),
        StepKind.Inquiry => Emit(InquirySubmitted, step.Lead, SessionSource(step.Lead), SessionCampaign(step.Lead),
            new EventPropertiesRecord { Topic = Site.InquiryTopics[_random.Next(Site.InquiryTopics.Length)], Path = Site.Contact }),
        StepKind.EmailSend => EmailSend(step.Arg),
        StepKind.Deliver => Deliver(step.Lead, step.Arg),
        StepKind.Open => Open(step.Lead, step.Arg),
        StepKind.Click => Click(step.Lead, step.Arg),
        StepKind.Reply => Emit(EmailReplied, step.Lead, "newsletter", step.Arg),
        StepKind.Unsubscribe => Unsubscribe(step.Lead, step.Arg),
        StepKind.WebinarAnnounce => WebinarAnnounce(step.Arg),
        StepKind.WebinarRegister => WebinarRegister(step.Lead, step.Arg),
        StepKind.WebinarAttend => WebinarAttend(step.Lead, step.Arg),
        StepKind.WebinarSurvey => Emit(WebinarSurveyAnswered, step.Lead, "seminar", step.Arg),
        StepKind.ExhibitionOpen => ExhibitionOpen(step.Arg),
        StepKind.ExhibitionVisit => Emit(ExhibitionVisited, step.Lead, "exhibition", step.Arg),
        StepKind.SnsEngage => SnsEngage(step.Lead),
        _ => throw new InvalidOperationException($"Unknown step {step.Kind}."),
    };

    // ---- leads --------------------------------------------------------------------------------

    private EventRecord? Arrive(int lead)
    {
        ref var l = ref _leads[lead];
        l.Arrived = true;
        l.ArrivedAtMs = _nowMs;
        l.Interest = (float)Math.Exp(_interestMu + _model.InterestSigma * _random.Normal());
        l.Subscribed = true;
        l.Campaign = -1;
        var source = _random.Pick(_sourceWeights);
        var sourceName = _sourceNames[source];
        l.Follower = sourceName == "sns" || _random.Chance(_model.SnsFollowerShare);
        if (l.Follower)
        {
            _followers++;
            ScheduleAfter(lead, _model.SnsInterval.TotalMilliseconds, StepKind.SnsEngage);
        }
        _arrived = lead + 1;
        if (lead + 1 < _leads.Length)
            Schedule(_nowMs + (long)_random.Exponential(_arrivalGapMs), StepKind.Arrive, lead + 1);
        ScheduleAfter(lead, _model.SessionInterval.TotalMilliseconds, StepKind.Session);

        switch (sourceName)
        {
            case "sns":
                Schedule(_nowMs + Scaled(_random.Uniform(MinuteMs, 10 * MinuteMs)), StepKind.Landing, lead, Pick(_sns, _whitepaper, _email));
                return Emit(SnsEngaged, lead, "sns", Pick(_sns), new EventPropertiesRecord { Kind = "like", Network = Network() });
            case "seminar" when _webinar.Length > 0:
                var webinar = _webinar[_random.Next(_webinar.Length)];
                var date = _webinarDate[webinar] > _nowMs ? _webinarDate[webinar] : _nowMs + Scaled(_random.Uniform(DayMs, 7 * DayMs));
                if (_random.Chance(_model.WebinarAttendanceRate))
                    Schedule(date + Scaled(_random.Uniform(0, 10 * MinuteMs)), StepKind.WebinarAttend, lead, webinar);
                return Emit(WebinarRegistered, lead, "seminar", webinar);
            case "exhibition":
                return Emit(ExhibitionVisited, lead, "exhibition", Pick(_expo), null);
            case "ads" when _ads.Length > 0:
                var ad = _ads[_random.Next(_ads.Length)];
                return BeginSession(lead, "ads", ad, _landing[ad]);
            case "newsletter":
                return BeginSession(lead, "newsletter", -1, Site.Newsletter);
            case "search":
                return BeginSession(lead, "search", -1, Site.Blog[_random.Next(Site.Blog.Length)]);
            default:
                return BeginSession(lead, sourceName, -1, Site.Home);
        }
    }

    /// <summary>
    /// The lead's own visits. The next one is scheduled when this one starts, so sessions opened by
    /// an email click never break or double the chain.
    /// </summary>
    private EventRecord? OrganicSession(int lead)
    {
        ScheduleAfter(lead, _model.SessionInterval.TotalMilliseconds, StepKind.Session);
        var source = RevisitSources[_random.Pick(RevisitSourceWeights)];
        if (source == "ads" && _ads.Length > 0)
        {
            var ad = _ads[_random.Next(_ads.Length)];
            return BeginSession(lead, "ads", ad, _landing[ad]);
        }
        return source switch
        {
            "search" => BeginSession(lead, "search", -1, Site.Blog[_random.Next(Site.Blog.Length)]),
            _ => BeginSession(lead, source == "ads" ? "direct" : source, -1, Site.Home),
        };
    }

    private EventRecord BeginSession(int lead, string source, int campaign, string entryPath)
    {
        ref var l = ref _leads[lead];
        l.Sessions++;
        l.SessionSource = source;
        l.Campaign = campaign;
        l.SessionId = LeadId(lead) + "-s" + l.Sessions.ToString(CultureInfo.InvariantCulture);
        return PageView(lead, entryPath);
    }

    private EventRecord PageView(int lead, string path)
    {
        ref var l = ref _leads[lead];
        l.Path = path;
        var median = _model.MedianDwell.TotalSeconds * (path == Site.Pricing ? 1.5 : 1.0);
        var dwell = Math.Round(Math.Clamp(_random.LogNormal(median, 0.9), 1, 1800), 1);
        var activity = Activity(lead);
        if (!l.CtaPending && _random.Chance(Math.Min(0.5, _model.CtaRate * activity)))
        {
            l.CtaPending = true;
            var cta = path == Site.Pricing || path == Site.Contact ? 2
                : path.StartsWith("/whitepapers/", StringComparison.Ordinal) ? 0
                : _random.Pick([0.6, 0.85, 1.0]);
            Schedule(_nowMs + Scaled(dwell * 600), StepKind.Cta, lead, cta);
        }
        if (_random.Chance(_model.NextPageRate))
            Schedule(_nowMs + Scaled(dwell * 1000), StepKind.PageView, lead);
        return Emit(WebPageViewed, lead, SessionSource(lead), l.Campaign,
            new EventPropertiesRecord { Path = path, SessionId = l.SessionId, DwellSeconds = dwell });
    }

    private EventRecord Cta(int lead, int cta)
    {
        ref var l = ref _leads[lead];
        l.CtaPending = false;
        // "Contact sales" turns into an inquiry mostly for leads who are already warm.
        var converts = cta == 2
            ? _random.Chance(_model.CtaConversionRate * 0.4 * Math.Min(1, Activity(lead) / 3))
            : _random.Chance(_model.CtaConversionRate);
        if (converts)
        {
            var next = cta switch { 0 => StepKind.Download, 1 => StepKind.DocumentRequest, _ => StepKind.Inquiry };
            Schedule(_nowMs + Scaled(_random.Uniform(20_000, 3 * MinuteMs)), next, lead);
        }
        return Emit(WebCtaClicked, lead, SessionSource(lead), l.Campaign,
            new EventPropertiesRecord { Path = l.Path, SessionId = l.SessionId, Cta = CtaNames[cta] });
    }

    private EventRecord Download(int lead)
    {
        var campaign = Pick(_whitepaper);
        var asset = campaign >= 0 ? _landing[campaign] : Site.Whitepapers[_random.Next(Site.Whitepapers.Length)];
        return Emit(WhitepaperDownloaded, lead, SessionSource(lead), campaign, new EventPropertiesRecord { Asset = asset });
    }

    private EventRecord SnsEngage(int lead)
    {
        ScheduleAfter(lead, _model.SnsInterval.TotalMilliseconds, StepKind.SnsEngage);
        var kind = SnsKinds[_random.Pick(SnsKindWeights)];
        return Emit(SnsEngaged, lead, "sns", _sns.Length > 0 && _random.Chance(0.5) ? _sns[_random.Next(_sns.Length)] : -1,
            new EventPropertiesRecord { Kind = kind, Network = Network() });
    }

    // ---- email --------------------------------------------------------------------------------

    private EventRecord? EmailSend(int campaign)
    {
        var sunset = Scaled(_model.EmailSunset.TotalMilliseconds);
        while (_mailableFrom < _arrived && _leads[_mailableFrom].ArrivedAtMs + sunset < _nowMs)
            _mailableFrom++;
        var list = 0;
        var spread = Scaled(20 * MinuteMs);
        for (var lead = _mailableFrom; lead < _arrived; lead++)
        {
            ref var l = ref _leads[lead];
            if (!l.Subscribed || l.HardBounced)
                continue;
            list++;
            Schedule(_nowMs + (long)(_random.NextDouble() * spread), StepKind.Deliver, lead, campaign);
        }
        _lastListSize = list;
        _lastEmailCampaign = campaign;
        if (_mailableFrom < _leads.Length)
            Schedule(_nowMs + Scaled(_model.EmailInterval.TotalMilliseconds), StepKind.EmailSend, -1, campaign);
        return null;
    }

    private EventRecord? Deliver(int lead, int campaign)
    {
        ref var l = ref _leads[lead];
        if (!l.Subscribed)
            return null;
        if (_random.Chance(_model.BounceRate))
        {
            var hard = _random.Chance(_model.HardBounceShare);
            l.HardBounced |= hard;
            return Emit(EmailBounced, lead, "newsletter", campaign, new EventPropertiesRecord { BounceKind = hard ? "hard" : "soft" });
        }
        if (_random.Chance(Math.Min(0.95, _model.OpenRate * EmailAffinity(lead))))
            Schedule(_nowMs + Scaled(Math.Min(5 * DayMs, _random.LogNormal(3 * HourMs, 1.2))), StepKind.Open, lead, campaign);
        return Emit(EmailDelivered, lead, "newsletter", campaign);
    }

    private EventRecord Open(int lead, int campaign)
    {
        var affinity = EmailAffinity(lead);
        if (_random.Chance(Math.Min(0.9, _model.ClickRate * affinity)))
            Schedule(_nowMs + Scaled(_random.Uniform(5_000, 10 * MinuteMs)), StepKind.Click, lead, campaign);
        if (_random.Chance(_model.ReplyRate))
            Schedule(_nowMs + Scaled(Math.Min(3 * DayMs, _random.LogNormal(4 * HourMs, 1.0))), StepKind.Reply, lead, campaign);
        if (_random.Chance(Math.Min(0.5, _model.UnsubscribeRate / affinity)))
            Schedule(_nowMs + Scaled(_random.Uniform(10_000, 5 * MinuteMs)), StepKind.Unsubscribe, lead, campaign);
        return Emit(EmailOpened, lead, "newsletter", campaign);
    }

    private EventRecord Click(int lead, int campaign)
    {
        if (_random.Chance(_model.ClickSessionRate))
            Schedule(_nowMs + Scaled(_random.Uniform(1_000, 5_000)), StepKind.Landing, lead, campaign);
        return Emit(EmailClicked, lead, "newsletter", campaign, new EventPropertiesRecord { Url = _landing[campaign] });
    }

    private EventRecord? Unsubscribe(int lead, int campaign)
    {
        ref var l = ref _leads[lead];
        if (!l.Subscribed)
            return null;
        l.Subscribed = false;
        return Emit(EmailUnsubscribed, lead, "newsletter", campaign);
    }

    // ---- webinars and exhibitions ---------------------------------------------------------------

    private EventRecord? WebinarAnnounce(int campaign)
    {
        var leadTime = Scaled(_model.WebinarLeadTime.TotalMilliseconds);
        _webinarDate[campaign] = _nowMs + leadTime;
        for (var lead = _mailableFrom; lead < _arrived; lead++)
        {
            if (_leads[lead].Subscribed && _random.Chance(Math.Min(0.8, _model.WebinarRegistrationRate * Activity(lead))))
                Schedule(_nowMs + (long)(_random.NextDouble() * leadTime), StepKind.WebinarRegister, lead, campaign);
        }
        if (_mailableFrom < _leads.Length)
            Schedule(_nowMs + Scaled(_model.WebinarInterval.TotalMilliseconds), StepKind.WebinarAnnounce, -1, campaign);
        return null;
    }

    private EventRecord WebinarRegister(int lead, int campaign)
    {
        if (_random.Chance(_model.WebinarAttendanceRate))
            Schedule(_webinarDate[campaign] + Scaled(_random.Uniform(0, 10 * MinuteMs)), StepKind.WebinarAttend, lead, campaign);
        return Emit(WebinarRegistered, lead, "seminar", campaign);
    }

    private EventRecord WebinarAttend(int lead, int campaign)
    {
        if (_random.Chance(_model.SurveyRate))
            Schedule(_nowMs + Scaled(_random.Uniform(60 * MinuteMs, 90 * MinuteMs)), StepKind.WebinarSurvey, lead, campaign);
        return Emit(WebinarAttended, lead, "seminar", campaign);
    }

    private EventRecord? ExhibitionOpen(int campaign)
    {
        var days = Scaled(3 * DayMs);
        for (var lead = _mailableFrom; lead < _arrived; lead++)
        {
            if (_random.Chance(Math.Min(0.8, _model.ExhibitionVisitRate * Activity(lead))))
                Schedule(_nowMs + (long)(_random.NextDouble() * days), StepKind.ExhibitionVisit, lead, campaign);
        }
        if (_mailableFrom < _leads.Length)
            Schedule(_nowMs + Scaled(_model.ExhibitionInterval.TotalMilliseconds), StepKind.ExhibitionOpen, -1, campaign);
        return null;
    }

    // ---- helpers --------------------------------------------------------------------------------

    /// <summary>The lead's interest now: its own level, fading with age.</summary>
    private double Activity(int lead)
    {
        ref var l = ref _leads[lead];
        var age = _nowMs - l.ArrivedAtMs;
        return l.Interest * Math.Exp(-age / Scaled(_model.InterestLifetime.TotalMilliseconds));
    }

    /// <summary>Email engagement follows interest less steeply than visits do, and does not fade: mean 1.</summary>
    private double EmailAffinity(int lead) => Math.Sqrt(_leads[lead].Interest) / _sqrtInterestMean;

    /// <summary>Schedules <paramref name="kind"/> after an exponential gap whose mean shrinks as the lead's interest grows.</summary>
    private void ScheduleAfter(int lead, double meanMs, StepKind kind)
    {
        var activity = Activity(lead);
        if (activity < 1e-4)
            return; // gone cold for good
        var gap = Scaled(_random.Exponential(meanMs / activity));
        if (gap < _endMs - _nowMs && gap < (long)(3650 * DayMs))
            Schedule(_nowMs + Math.Max(1, gap), kind, lead);
    }

    private void Schedule(long at, StepKind kind, int lead, int arg = 0) =>
        _queue.Enqueue(new Step(kind, lead, arg), new Due(at, _sequence++));

    private long Scaled(double ms) => (long)(ms * _options.TimeScale);

    private int Pick(int[] campaigns) => campaigns.Length == 0 ? -1 : campaigns[_random.Next(campaigns.Length)];

    private int Pick(int[] first, int[] second, int[] third) =>
        first.Length > 0 ? Pick(first) : second.Length > 0 ? Pick(second) : Pick(third);

    private string Network() => Site.Networks[_random.Next(Site.Networks.Length)];

    private string SessionSource(int lead) => _leads[lead].SessionSource ?? "direct";

    private int SessionCampaign(int lead) => _leads[lead].Campaign;

    private string LeadId(int lead) =>
        _leadIds[lead] ??= _options.LeadIdPrefix + lead.ToString(CultureInfo.InvariantCulture);

    private DateTimeOffset At(long ms) => new(_startTicks + ms * TimeSpan.TicksPerMillisecond, TimeSpan.Zero);

    private EventRecord Emit(EventType type, int lead, string source, int campaign, EventPropertiesRecord? properties = null) =>
        new()
        {
            Id = _options.RunId + "-" + (_eventNumber++).ToString(CultureInfo.InvariantCulture),
            LeadId = LeadId(lead),
            Type = type.Name,
            OccurredAt = WireSerializer.Timestamp(At(_nowMs)),
            Source = source,
            Campaign = campaign >= 0 ? _campaigns[campaign].Name : null,
            Properties = properties,
        };

    private int[] OfKind(CampaignKind kind)
    {
        var list = new List<int>();
        foreach (var c in _campaigns)
        {
            if (c.Kind == kind)
                list.Add(c.Index);
        }
        return [.. list];
    }

    private enum StepKind : byte
    {
        Arrive,
        Session,
        Landing,
        PageView,
        Cta,
        Download,
        DocumentRequest,
        Inquiry,
        EmailSend,
        Deliver,
        Open,
        Click,
        Reply,
        Unsubscribe,
        WebinarAnnounce,
        WebinarRegister,
        WebinarAttend,
        WebinarSurvey,
        ExhibitionOpen,
        ExhibitionVisit,
        SnsEngage,
    }

    private readonly record struct Step(StepKind Kind, int Lead, int Arg);

    /// <summary>Time, then scheduling order: equal times come out in the order they were scheduled, so runs repeat exactly.</summary>
    private readonly record struct Due(long At, long Sequence) : IComparable<Due>
    {
        public int CompareTo(Due other) => At != other.At ? At.CompareTo(other.At) : Sequence.CompareTo(other.Sequence);
    }

    /// <summary>What the simulation remembers of one lead.</summary>
    private struct LeadSlot
    {
        public bool Arrived;
        public bool Subscribed;
        public bool HardBounced;
        public bool Follower;
        public bool CtaPending;
        public float Interest;
        public long ArrivedAtMs;
        public int Sessions;
        public int Campaign;
        public string? SessionSource;
        public string? SessionId;
        public string? Path;
    }
}
