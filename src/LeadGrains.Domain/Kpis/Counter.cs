namespace LeadGrains.Domain.Kpis;

public enum CounterKind : byte
{
    /// <summary>Adds every contribution: counts and sums.</summary>
    Additive,

    /// <summary>
    /// Adds 1 only for the first occurrence of an identity (a lead, a web session) in a bucket;
    /// the caller says which occurrences are first, so the count is exact, not an estimate.
    /// </summary>
    Unique,
}

/// <summary>
/// A durable, additive number kept per (counter, scope, bucket). Counters are what grains store
/// and pre-aggregate; <see cref="Measure"/>s are computed from them. Because every counter only
/// ever adds, partial sums from many silos and many buckets can be added in any order.
/// </summary>
public sealed class Counter
{
    internal Counter(string name, CounterKind kind, string source)
    {
        Name = name;
        Kind = kind;
        Source = source;
    }

    /// <summary>Stable name, <c>channel.thing</c>; stored, so never renamed.</summary>
    public string Name { get; }

    public CounterKind Kind { get; }

    /// <summary>
    /// True for additive counters: they are kept in day buckets only, because a week or month
    /// of an additive counter is exactly the sum of its days (so the journal writes a third of
    /// the rows). Unique counters are kept per period: a lead seen on two days of a week is one
    /// in the week, so their weeks and months cannot be summed from days.
    /// </summary>
    public bool KeptInDays => Kind == CounterKind.Additive;

    /// <summary>The periods this counter has buckets of: day only when <see cref="KeptInDays"/>, else every period.</summary>
    public int StoredPeriodCount => KeptInDays ? 1 : Periods.All.Count;

    /// <summary>What adds to it, for people: "event email.opened", "transition to qualified", "report sns.impressions".</summary>
    public string Source { get; }

    public override string ToString() => Name;
}

/// <summary>The key of one stored counter value.</summary>
public readonly record struct CounterKey(Counter Counter, KpiScope Scope, Bucket Bucket)
{
    public override string ToString() =>
        Scope.Kind == ScopeKind.All ? $"{Counter.Name} {Bucket}" : $"{Counter.Name}@{Scope} {Bucket}";
}

/// <summary>An amount to add to one counter.</summary>
public readonly record struct CounterDelta(CounterKey Key, double Amount);

/// <summary>
/// A unique counter this event would add 1 to if it is the first occurrence of
/// <see cref="Identity"/> in the key's bucket and scope. The caller answers with the keys that
/// are first (see <see cref="ContributionContext.FirstOccurrences"/>).
/// </summary>
public readonly record struct UniqueCandidate(CounterKey Key, string Identity);
