using System.Collections.Frozen;
using LeadGrains.Domain.Events;
using LeadGrains.Domain.Leads;

namespace LeadGrains.Domain.Kpis;

/// <summary>What the caller knows about an event that the event alone cannot tell.</summary>
public sealed record ContributionContext
{
    public static readonly ContributionContext None = new();

    /// <summary>
    /// True for the first event that arrived for the lead (the lead grain sees an empty state):
    /// that event acquires the lead and counts in <c>funnel.leads_acquired</c>.
    /// </summary>
    public bool AcquiresLead { get; init; }

    /// <summary>
    /// The keys of <see cref="CounterContributions.UniqueCandidates"/> for which this event is
    /// the first occurrence of its identity; only those add to unique counters. Empty means
    /// "not first anywhere", so a caller that forgets to ask never over-counts.
    /// </summary>
    public IReadOnlySet<CounterKey> FirstOccurrences { get; init; } = FrozenSet<CounterKey>.Empty;
}

/// <summary>
/// Turns lead events, stage transitions and channel reports into counter deltas. Each
/// contribution is emitted for every scope the input has (the whole tenant, its campaign, its
/// source); a unique counter's for every period (day, week, month), so unique counts stay exact
/// per bucket; an additive counter's for its day only (<see cref="Counter.KeptInDays"/>): its
/// weeks and months are read as sums of days. Pure: same input, same deltas.
/// </summary>
public static class CounterContributions
{
    /// <summary>The unique counters an event may add to; the caller answers which are first occurrences.</summary>
    public static IReadOnlyList<UniqueCandidate> UniqueCandidates(LeadEvent e, TimeZoneInfo zone)
    {
        var candidates = new List<UniqueCandidate>();
        if (UniqueCounterOf(e, out var identity) is { } counter)
        {
            foreach (var key in new KeySpace(e.OccurredAt, e.Campaign, e.Source, zone).Keys(counter))
            {
                candidates.Add(new UniqueCandidate(key, identity));
            }
        }
        return candidates;
    }

    public static IReadOnlyList<CounterDelta> ForEvent(LeadEvent e, TimeZoneInfo zone, ContributionContext context)
    {
        var deltas = new List<CounterDelta>();
        Emit(e, zone, context, deltas, table: null);
        return deltas;
    }

    /// <summary>
    /// Adds an event's deltas straight to <paramref name="table"/>: what <see cref="ForEvent"/>
    /// returns, without a list per event (the journal does this for every event it stores).
    /// </summary>
    public static void AddEvent(CounterTable table, LeadEvent e, TimeZoneInfo zone, ContributionContext context) =>
        Emit(e, zone, context, list: null, table);

    private static void Emit(LeadEvent e, TimeZoneInfo zone, ContributionContext context, List<CounterDelta>? list, CounterTable? table)
    {
        // Buckets and scopes are the event's, whatever the counter: work them out once. This runs
        // for every stored event, so nothing here allocates but the scopes of campaign and source.
        var space = new KeySpace(e.OccurredAt, e.Campaign, e.Source, zone);
        void Put(CounterKey key, double amount)
        {
            if (table is not null)
            {
                table.Add(key, amount);
            }
            else
            {
                list!.Add(new CounterDelta(key, amount));
            }
        }
        void Add(Counter counter, double amount)
        {
            for (var b = 0; b < counter.StoredPeriodCount; b++)
            {
                for (var s = 0; s < space.ScopeCount; s++)
                {
                    Put(space.Key(counter, b, s), amount);
                }
            }
        }

        var additive = new AdditiveSet();
        var n = AdditiveCounters(e, ref additive);
        for (var i = 0; i < n; i++)
        {
            Add(additive[i].Counter, additive[i].Amount);
        }
        if (UniqueCounterOf(e, out _) is { } unique && context.FirstOccurrences.Count > 0)
        {
            for (var b = 0; b < unique.StoredPeriodCount; b++)
            {
                for (var s = 0; s < space.ScopeCount; s++)
                {
                    var key = space.Key(unique, b, s);
                    if (context.FirstOccurrences.Contains(key))
                    {
                        Put(key, 1);
                    }
                }
            }
        }
        if (context.AcquiresLead)
        {
            Add(Counters.LeadsAcquired, 1);
        }
    }

    /// <summary>
    /// The funnel counters a stage transition adds to. Transitions carry no source or campaign,
    /// so they are attributed to the lead's first touch: "qualified leads from sns" means leads
    /// that first came from sns.
    /// </summary>
    public static IReadOnlyList<CounterDelta> ForTransition(StageTransition transition, Touch? firstTouch, TimeZoneInfo zone)
    {
        Counter? counter = transition.To switch
        {
            LeadStage.Qualified => Counters.LeadsQualified,
            LeadStage.HandedToSales => Counters.HandedToSales,
            LeadStage.Meeting => Counters.Meetings,
            LeadStage.Won => Counters.WonDeals,
            _ => null,
        };
        if (counter is null)
        {
            return [];
        }
        return new KeySpace(transition.OccurredAt, firstTouch?.Campaign, firstTouch?.Source, zone).Keys(counter)
            .Select(k => new CounterDelta(k, 1))
            .ToList();
    }

    public static IReadOnlyList<CounterDelta> ForReport(ChannelMetricReport report, TimeZoneInfo zone)
    {
        (Counter Counter, double Amount)[] parts = report.Metric switch
        {
            ChannelMetric.EmailListSize => [(Counters.EmailListSize, report.Value)],
            ChannelMetric.SnsImpressions => [(Counters.SnsImpressions, report.Value)],
            ChannelMetric.SnsReach => [(Counters.SnsReach, report.Value)],
            ChannelMetric.SnsHashtagUses => [(Counters.SnsHashtagUses, report.Value)],
            // A level cannot be added up; its sum and the number of readings can, and give the average.
            ChannelMetric.SnsFollowers => [(Counters.SnsFollowersSum, report.Value), (Counters.SnsFollowerReports, 1)],
            _ => [],
        };
        var space = new KeySpace(report.OccurredAt, report.Campaign, source: null, zone);
        return parts
            .SelectMany(p => space.Keys(p.Counter)
                .Select(k => new CounterDelta(k, p.Amount)))
            .ToList();
    }

    [System.Runtime.CompilerServices.InlineArray(4)]
    private struct AdditiveSet
    {
        private (Counter Counter, double Amount) _element;
    }

    /// <summary>The additive counters an event adds to (at most four), into <paramref name="set"/>; returns how many.</summary>
    private static int AdditiveCounters(LeadEvent e, ref AdditiveSet set)
    {
        var n = 0;
        var type = e.Type;
        if (type == EventCatalog.EmailDelivered) { set[n++] = (Counters.EmailDeliveries, 1); }
        else if (type == EventCatalog.EmailOpened) { set[n++] = (Counters.EmailOpens, 1); }
        else if (type == EventCatalog.EmailClicked) { set[n++] = (Counters.EmailClicks, 1); }
        else if (type == EventCatalog.EmailReplied) { set[n++] = (Counters.EmailReplies, 1); }
        else if (type == EventCatalog.EmailBounced) { set[n++] = (Counters.EmailBounces, 1); }
        else if (type == EventCatalog.EmailUnsubscribed) { set[n++] = (Counters.EmailUnsubscribes, 1); }
        else if (type == EventCatalog.WebinarRegistered) { set[n++] = (Counters.WebinarRegistrations, 1); }
        else if (type == EventCatalog.WebinarAttended) { set[n++] = (Counters.WebinarAttendees, 1); }
        else if (type == EventCatalog.WebinarSurveyAnswered) { set[n++] = (Counters.WebinarSurveyRespondents, 1); }
        else if (type == EventCatalog.WhitepaperDownloaded) { set[n++] = (Counters.WhitepaperDownloads, 1); }
        else if (type == EventCatalog.DocumentRequested) { set[n++] = (Counters.DocumentRequests, 1); }
        else if (type == EventCatalog.WebPageViewed)
        {
            set[n++] = (Counters.WebPageViews, 1);
            if (e.Properties.SessionId is null)
            {
                // No session to de-duplicate: the view is a session of its own.
                set[n++] = (Counters.WebSessions, 1);
            }
            if (e.Properties.DwellSeconds is { } dwell && double.IsFinite(dwell) && dwell >= 0)
            {
                set[n++] = (Counters.WebDwellSeconds, dwell);
                set[n++] = (Counters.WebDwellSamples, 1);
            }
        }
        else if (type == EventCatalog.WebCtaClicked) { set[n++] = (Counters.WebCtaClicks, 1); }
        else if (type == EventCatalog.SnsEngaged)
        {
            set[n++] = (Counters.SnsEngagements, 1);
            Counter? kind = e.Properties.Kind switch
            {
                "like" => Counters.SnsLikes,
                "repost" => Counters.SnsReposts,
                "reply" => Counters.SnsReplies,
                _ => null,
            };
            if (kind is not null)
            {
                set[n++] = (kind, 1);
            }
        }
        else if (type == EventCatalog.ExhibitionVisited) { set[n++] = (Counters.ExhibitionVisits, 1); }
        else if (type == EventCatalog.InquirySubmitted) { set[n++] = (Counters.InquirySubmissions, 1); }
        return n;
    }

    /// <summary>True when the event may add to a unique counter (see <see cref="UniqueCandidates"/>).</summary>
    public static bool CountsUniquely(LeadEvent e) => UniqueCounterOf(e, out _) is not null;

    /// <summary>An event adds to at most one unique counter; its identity is the lead's or the lead's session's.</summary>
    internal static Counter? UniqueCounterOf(LeadEvent e, out string identity)
    {
        var type = e.Type;
        identity = e.LeadId;
        if (type == EventCatalog.EmailOpened) { return Counters.EmailUniqueOpeners; }
        if (type == EventCatalog.EmailClicked) { return Counters.EmailUniqueClickers; }
        if (type == EventCatalog.EmailReplied) { return Counters.EmailUniqueRepliers; }
        if (type == EventCatalog.WebPageViewed && e.Properties.SessionId is { } session)
        {
            identity = session;
            return Counters.WebSessions;
        }
        return null;
    }

    /// <summary>The buckets (one per period) and scopes (tenant, campaign, source) one input counts in.</summary>
    private readonly struct KeySpace
    {
        public const int BucketCount = 3;

        // The tenant, its campaign, its source.
        private const int MaxScopes = 3;

        private readonly Buckets _buckets;
        private readonly Scopes _scopes;

        public int ScopeCount { get; }

        public KeySpace(DateTimeOffset at, string? campaign, string? source, TimeZoneInfo zone)
        {
            var date = Periods.LocalDate(at, zone);
            var periods = Periods.All;
            if (periods.Count != BucketCount || periods[0] != Period.Day)
            {
                // Day first: a counter kept in days uses the first bucket only.
                throw new InvalidOperationException($"KeySpace holds {BucketCount} buckets, one per period, the day first; the periods are {string.Join(", ", periods)}.");
            }
            for (var i = 0; i < BucketCount; i++)
            {
                _buckets[i] = periods[i].Containing(date);
            }
            var n = 0;
            _scopes[n++] = KpiScope.All;
            if (campaign is not null)
            {
                _scopes[n++] = KpiScope.Campaign(campaign);
            }
            if (source is not null)
            {
                _scopes[n++] = KpiScope.Source(source);
            }
            ScopeCount = n;
        }

        public CounterKey Key(Counter counter, int bucket, int scope) => new(counter, _scopes[scope], _buckets[bucket]);

        /// <summary>Every key of <paramref name="counter"/>, bucket by bucket (its day only when it is <see cref="Counter.KeptInDays"/>).</summary>
        public List<CounterKey> Keys(Counter counter)
        {
            var keys = new List<CounterKey>(counter.StoredPeriodCount * ScopeCount);
            for (var b = 0; b < counter.StoredPeriodCount; b++)
            {
                for (var s = 0; s < ScopeCount; s++)
                {
                    keys.Add(Key(counter, b, s));
                }
            }
            return keys;
        }

        [System.Runtime.CompilerServices.InlineArray(BucketCount)]
        private struct Buckets
        {
            private Bucket _element;
        }

        [System.Runtime.CompilerServices.InlineArray(MaxScopes)]
        private struct Scopes
        {
            private KpiScope _element;
        }
    }
}
