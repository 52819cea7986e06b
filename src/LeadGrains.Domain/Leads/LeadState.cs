using LeadGrains.Domain.Events;
using LeadGrains.Domain.Kpis;
using LeadGrains.Domain.Scoring;

namespace LeadGrains.Domain.Leads;

/// <summary>
/// The live state of one lead, kept compact because a silo holds a million of them: fixed
/// arrays of counters, a decaying score held "as of" the latest event, and no event history
/// (history and the full explanation live in the store). Mutable for speed; the grain applies
/// events to a <see cref="Clone"/> and adopts it only after the journal commits.
/// </summary>
public sealed class LeadState
{
    /// <summary>Cap buckets older than this (behind the latest event) are dropped to keep state small.</summary>
    public static readonly TimeSpan CapWindow = TimeSpan.FromDays(40);

    private double[] _channelScores = new double[ChannelNames.Count];
    private int[] _channelCounts = new int[ChannelNames.Count];
    private int[] _typeCounts = new int[EventCatalog.Count];
    private CapUsage[] _caps = [];
    // Clones share the cap array until one of them changes it: most appends change no cap.
    private bool _capsShared;

    /// <summary>The sequence number of the last event applied (per-lead arrival order).</summary>
    public long Version { get; internal set; }

    public LeadStage Stage { get; internal set; } = LeadStage.New;

    /// <summary>The score as of <see cref="ScoreAsOf"/>; use <see cref="ScoreAt"/> for another time.</summary>
    public double Score { get; internal set; }

    /// <summary>The time the stored score values refer to: the latest occurred-at applied.</summary>
    public long ScoreAsOfTicks { get; internal set; }

    public DateTimeOffset ScoreAsOf => new(ScoreAsOfTicks, TimeSpan.Zero);

    public int EventCount { get; internal set; }

    public DateTimeOffset? FirstSeenAt { get; internal set; }

    public DateTimeOffset? LastActivityAt { get; internal set; }

    public Touch? FirstTouch { get; internal set; }

    public Touch? LastTouch { get; internal set; }

    public DateTimeOffset? QualifiedAt { get; internal set; }

    public ReadOnlySpan<double> ChannelScoresAsOf => _channelScores;

    public ReadOnlySpan<int> ChannelCounts => _channelCounts;

    public ReadOnlySpan<int> TypeCounts => _typeCounts;

    internal ReadOnlySpan<CapUsage> Caps => _caps;

    /// <summary>Which unique-count identities the lead has shown on which days (immutable, shared by clones).</summary>
    public UniqueMarks Marks { get; internal set; } = UniqueMarks.Empty;

    public double ScoreAt(DateTimeOffset at, Decay decay) => Score * DecayFactorTo(at, decay);

    public double ChannelScoreAt(Channel channel, DateTimeOffset at, Decay decay) =>
        _channelScores[(int)channel] * DecayFactorTo(at, decay);

    // A read "before" the latest event (clock skew) does not inflate the score.
    private double DecayFactorTo(DateTimeOffset at, Decay decay) =>
        at.UtcTicks <= ScoreAsOfTicks ? 1.0 : decay.Factor(ScoreAsOfTicks, at.UtcTicks);

    public Temperature TemperatureAt(DateTimeOffset at, ScoringModel model)
    {
        var score = ScoreAt(at, model.Decay);
        var threshold = model.Qualification.Score;
        return score >= threshold ? Temperature.Hot : score >= threshold / 2 ? Temperature.Warm : Temperature.Cold;
    }

    public LeadState Clone()
    {
        var copy = (LeadState)MemberwiseClone();
        copy._channelScores = (double[])_channelScores.Clone();
        copy._channelCounts = (int[])_channelCounts.Clone();
        copy._typeCounts = (int[])_typeCounts.Clone();
        copy._capsShared = _capsShared = true;
        return copy;
    }

    /// <summary>
    /// Takes the values of <paramref name="next"/> (a planned state, typically this one's
    /// <see cref="Plan"/>) into this state in place; <paramref name="next"/> must not change after.
    /// How a grain adopts a committed plan: the state it keeps lives as long as its activation, in
    /// the collector's oldest generation, and putting each commit's new objects in its place made
    /// every young collection copy them out (the grains' states were most of what it promoted);
    /// a plan copied from dies young instead.
    /// </summary>
    public void Adopt(LeadState next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (ReferenceEquals(next, this))
        {
            return;
        }
        CopyValues(next._channelScores, ref _channelScores);
        CopyValues(next._channelCounts, ref _channelCounts);
        CopyValues(next._typeCounts, ref _typeCounts);
        _caps = next._caps;
        _capsShared = next._capsShared = true;
        Version = next.Version;
        Stage = next.Stage;
        Score = next.Score;
        ScoreAsOfTicks = next.ScoreAsOfTicks;
        EventCount = next.EventCount;
        FirstSeenAt = next.FirstSeenAt;
        LastActivityAt = next.LastActivityAt;
        FirstTouch = next.FirstTouch;
        LastTouch = next.LastTouch;
        QualifiedAt = next.QualifiedAt;
        Marks = next.Marks;
    }

    /// <summary>
    /// Replaces the touches' source and campaign strings by the ones <paramref name="intern"/>
    /// gives for them (a silo's shared instances), copying a touch only when one differs. Equal
    /// values either way: this only lets a million leads from a few hundred campaigns hold a few
    /// hundred strings. <paramref name="shared"/> and <paramref name="alsoShared"/> are touches
    /// whose strings are shared already (the state's touches before it adopted new ones): a touch
    /// that is one of them, or a string equal to one of theirs, needs no lookup in the pool.
    /// </summary>
    public void InternTouches(Func<string?, string?> intern, Touch? shared = null, Touch? alsoShared = null)
    {
        FirstTouch = Interned(FirstTouch, intern, shared, alsoShared);
        LastTouch = Interned(LastTouch, intern, shared, alsoShared);
    }

    private static Touch? Interned(Touch? touch, Func<string?, string?> intern, Touch? shared, Touch? alsoShared)
    {
        if (touch is null || ReferenceEquals(touch, shared) || ReferenceEquals(touch, alsoShared))
        {
            return touch;
        }
        var source = Interned(touch.Source, intern, shared?.Source, alsoShared?.Source);
        var campaign = Interned(touch.Campaign, intern, shared?.Campaign, alsoShared?.Campaign);
        return ReferenceEquals(source, touch.Source) && ReferenceEquals(campaign, touch.Campaign)
            ? touch
            : touch with { Source = source, Campaign = campaign };
    }

    // Most events of a lead repeat its last source and campaign: comparing with those is cheaper
    // than hashing the string for the pool.
    private static string? Interned(string? value, Func<string?, string?> intern, string? shared, string? alsoShared) =>
        value is null ? null
        : string.Equals(value, shared, StringComparison.Ordinal) ? shared
        : string.Equals(value, alsoShared, StringComparison.Ordinal) ? alsoShared
        : intern(value);

    private static void CopyValues<T>(T[] from, ref T[] to)
    {
        if (from.Length == to.Length)
        {
            from.CopyTo(to, 0);
        }
        else
        {
            to = (T[])from.Clone();
        }
    }

    /// <summary>
    /// Applies events in the order given to a copy of this state, leaving this one unchanged:
    /// how a grain plans an append before the journal has committed it.
    /// </summary>
    public (LeadState Next, IReadOnlyList<StageTransition> Transitions) WithEvents(
        IEnumerable<(LeadEvent Event, long Seq)> events, ScoringModel model)
    {
        var next = Clone();
        List<StageTransition>? transitions = null;   // most appends move no stage
        void Apply(LeadEvent e, long seq)
        {
            if (next.Apply(e, seq, model).Transition is { } t)
            {
                (transitions ??= []).Add(t);
            }
        }
        if (events is IReadOnlyList<(LeadEvent Event, long Seq)> list)
        {
            // Indexed: an append's events come as a list, and this runs once per lead per batch.
            for (var i = 0; i < list.Count; i++)
            {
                Apply(list[i].Event, list[i].Seq);
            }
        }
        else
        {
            foreach (var (e, seq) in events)
            {
                Apply(e, seq);
            }
        }
        return (next, transitions ?? (IReadOnlyList<StageTransition>)[]);
    }

    /// <summary>
    /// Plans an append: the scored state of <see cref="WithEvents"/> plus the unique counter keys
    /// the events are first occurrences in, with their marks recorded. The marks must
    /// <see cref="UniqueMarks.Covers">cover</see> every event; a caller whose marks do not first
    /// adopts <see cref="UniqueMarks.Rebuild">rebuilt</see> ones through <see cref="WithMarks"/>.
    /// </summary>
    public LeadPlan Plan(IReadOnlyList<(LeadEvent Event, long Seq)> events, ScoringModel model, TimeZoneInfo zone)
    {
        var (next, transitions) = WithEvents(events, model);
        // Only events that count uniquely touch the marks (Observe ignores the rest): an append
        // without one, about half of them, needs no planner and has no first occurrences.
        UniqueMarks.Planner? planner = null;
        List<CounterKey>? firsts = null;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i].Event;
            if (CounterContributions.CountsUniquely(e))
            {
                planner ??= Marks.Plan();
                // An event's keys: one per period and scope, at most 3 x 3.
                firsts ??= new List<CounterKey>(9);
                planner.Observe(e, zone, firsts);
            }
        }
        next.Marks = planner is null ? Marks.Settled() : planner.Build();
        return new LeadPlan(next, transitions, firsts ?? (IReadOnlyList<CounterKey>)[]);
    }

    /// <summary>A copy with other marks of the same events (rebuilt from the store, or unknown).</summary>
    public LeadState WithMarks(UniqueMarks marks)
    {
        var copy = Clone();
        copy.Marks = marks;
        return copy;
    }

    /// <summary>
    /// Applies one event: scores it by the first matching rule (within the rule's cap), decays
    /// the score to the event's time, updates counters and touches, and moves the stage when the
    /// score crosses the model's threshold. Events may arrive out of occurred-at order.
    /// </summary>
    public AppliedEvent Apply(LeadEvent e, long seq, ScoringModel model)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(seq, Version);
        var rule = model.Match(e);
        var points = rule is null ? 0 : CappedPoints(model, rule, e.OccurredAt);
        AddPoints(e.Type.Channel, points, e.OccurredAt.UtcTicks, model.Decay);

        Version = seq;
        EventCount++;
        _typeCounts[e.Type.Ordinal]++;
        _channelCounts[(int)e.Type.Channel]++;
        TrackActivity(e);

        var transition = NextStage(e, points, model);
        return new AppliedEvent(seq, e.Id, rule?.Id, rule?.Points ?? 0, points, transition);
    }

    private void AddPoints(Channel channel, double points, long atTicks, Decay decay)
    {
        if (EventCount == 0 && ScoreAsOfTicks == 0)
        {
            ScoreAsOfTicks = atTicks;
        }

        if (atTicks >= ScoreAsOfTicks)
        {
            var factor = decay.Factor(ScoreAsOfTicks, atTicks);
            if (factor != 1.0)
            {
                Score *= factor;
                for (var i = 0; i < _channelScores.Length; i++)
                {
                    _channelScores[i] *= factor;
                }
            }
            ScoreAsOfTicks = atTicks;
            Score += points;
            _channelScores[(int)channel] += points;
        }
        else
        {
            // A late event: its points have decayed between when it happened and now-as-of.
            var late = points * decay.Factor(atTicks, ScoreAsOfTicks);
            Score += late;
            _channelScores[(int)channel] += late;
        }
    }

    private double CappedPoints(ScoringModel model, ScoringRule rule, DateTimeOffset at)
    {
        // Negative rules are not capped (see Grant), so they need no usage and are never lost
        // to a pruned bucket.
        if (rule.Cap is not { } cap || rule.Points <= 0)
        {
            return rule.Points;
        }

        var ruleIndex = model.IndexOf(rule);
        var bucket = cap.Period.BucketStart(at);
        if (cap.Period != CapPeriod.Lifetime && bucket < ScoreAsOfTicks - CapWindow.Ticks)
        {
            // Its bucket was pruned: we no longer know what it used, so we give nothing rather
            // than risk exceeding the cap. Rescoring from history recomputes it exactly.
            return 0;
        }

        var bucketDay = CapUsage.DayOf(bucket);
        for (var i = 0; i < _caps.Length; i++)
        {
            if (_caps[i].RuleIndex == ruleIndex && _caps[i].BucketDay == bucketDay)
            {
                var granted = Grant(rule.Points, cap.MaxPoints, _caps[i].Used);
                if (granted != 0)
                {
                    if (_capsShared)
                    {
                        _caps = (CapUsage[])_caps.Clone();
                        _capsShared = false;
                    }
                    _caps[i].Used += granted;
                }
                return granted;
            }
        }

        var points = Grant(rule.Points, cap.MaxPoints, 0);
        PruneCaps(model, Math.Max(ScoreAsOfTicks, at.UtcTicks));
        Array.Resize(ref _caps, _caps.Length + 1);   // a new array: this state's own
        _capsShared = false;
        _caps[^1] = new CapUsage { RuleIndex = ruleIndex, BucketDay = bucketDay, Used = points };
        return points;
    }

    // Negative rules are not capped by a positive maximum; a cap limits what one rule can add.
    private static double Grant(double points, double max, double used) =>
        points <= 0 ? points : Math.Max(0, Math.Min(points, max - used));

    private void PruneCaps(ScoringModel model, long latestTicks)
    {
        var horizon = latestTicks - CapWindow.Ticks;
        bool Kept(CapUsage usage) => model.Rules[usage.RuleIndex].Cap?.Period == CapPeriod.Lifetime || usage.BucketStartTicks >= horizon;
        var kept = 0;
        foreach (var usage in _caps)
        {
            kept += Kept(usage) ? 1 : 0;
        }
        if (kept == _caps.Length)
        {
            return;
        }
        var caps = new CapUsage[kept];
        kept = 0;
        foreach (var usage in _caps)
        {
            if (Kept(usage))
            {
                caps[kept++] = usage;
            }
        }
        _caps = caps;
        _capsShared = false;
    }

    private void TrackActivity(LeadEvent e)
    {
        if (FirstSeenAt is null || e.OccurredAt < FirstSeenAt)
        {
            FirstSeenAt = e.OccurredAt;
        }
        if (LastActivityAt is null || e.OccurredAt > LastActivityAt)
        {
            LastActivityAt = e.OccurredAt;
        }
        if (e.Source is null && e.Campaign is null)
        {
            return;
        }
        if (FirstTouch is null || e.OccurredAt < FirstTouch.At)
        {
            FirstTouch = new Touch(e.Source, e.Campaign, e.OccurredAt);
        }
        if (LastTouch is null || e.OccurredAt >= LastTouch.At)
        {
            LastTouch = new Touch(e.Source, e.Campaign, e.OccurredAt);
        }
    }

    private StageTransition? NextStage(LeadEvent e, double points, ScoringModel model)
    {
        var from = Stage;
        if (!from.IsMarketingOwned())
        {
            // Qualified and later stages move by sales feedback, not by score: a qualified lead
            // stays qualified when an unsubscribe or decay lowers its score.
            return null;
        }

        var threshold = model.Qualification.Score;
        if (Score >= threshold)
        {
            Stage = LeadStage.Qualified;
            QualifiedAt = e.OccurredAt;
            return new StageTransition(from, Stage, e.Id, e.OccurredAt, Score, threshold);
        }
        if (from == LeadStage.New && points > 0)
        {
            Stage = LeadStage.Nurturing;
            return new StageTransition(from, Stage, e.Id, e.OccurredAt, Score, null);
        }
        return null;
    }

    internal void Restore(
        double[] channelScores, int[] channelCounts, int[] typeCounts, CapUsage[] caps)
    {
        _channelScores = channelScores;
        _channelCounts = channelCounts;
        _typeCounts = typeCounts;
        _caps = caps;
        _capsShared = false;
    }
}

/// <summary>A planned append: the next state, its stage transitions and the unique counter keys it counts first in.</summary>
public sealed record LeadPlan(LeadState Next, IReadOnlyList<StageTransition> Transitions, IReadOnlyList<CounterKey> FirstOccurrences);
