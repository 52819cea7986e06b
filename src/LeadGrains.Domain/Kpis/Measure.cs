namespace LeadGrains.Domain.Kpis;

public enum MeasureKind : byte
{
    /// <summary>The sum of one or more additive counters.</summary>
    Count,
    /// <summary>A unique counter: distinct identities per bucket, exact.</summary>
    UniqueCount,
    /// <summary>Numerator measure over denominator measure; both are exposed.</summary>
    Rate,
    /// <summary>A sum counter over a count counter (pages per session, seconds per page view).</summary>
    Average,
}

public enum MeasureUnit : byte
{
    Count,
    /// <summary>A fraction, 0.25 meaning 25%; targets on it are given the same way.</summary>
    Ratio,
    Seconds,
    Pages,
}

/// <summary>
/// One KPI the product can compute, such as <c>email.open_rate</c>: what it is made of, how to
/// read it, and which way is good. The formula text is derived from the structure, so it
/// cannot drift from what is computed.
/// </summary>
public sealed class Measure
{
    private Measure(string id, MeasureKind kind, MeasureUnit unit, bool higherIsBetter, string description,
        IReadOnlyList<Counter> counters, Measure? numerator, Measure? denominator)
    {
        Id = id;
        Kind = kind;
        Unit = unit;
        HigherIsBetter = higherIsBetter;
        Description = description;
        Counters = counters;
        Numerator = numerator;
        Denominator = denominator;
    }

    internal static Measure Count(string id, string description, params Counter[] counters) =>
        new(id, MeasureKind.Count, MeasureUnit.Count, true, description, counters, null, null);

    internal static Measure Count(string id, string description, bool higherIsBetter, params Counter[] counters) =>
        new(id, MeasureKind.Count, MeasureUnit.Count, higherIsBetter, description, counters, null, null);

    internal static Measure Unique(string id, string description, Counter counter) =>
        new(id, MeasureKind.UniqueCount, MeasureUnit.Count, true, description, [counter], null, null);

    internal static Measure Rate(string id, string description, Measure numerator, Measure denominator, bool higherIsBetter = true) =>
        new(id, MeasureKind.Rate, MeasureUnit.Ratio, higherIsBetter, description, [], numerator, denominator);

    internal static Measure Average(string id, string description, MeasureUnit unit, Counter sum, Counter count) =>
        new(id, MeasureKind.Average, unit, true, description, [sum, count], null, null);

    /// <summary>Stable id, <c>channel.measure</c>.</summary>
    public string Id { get; }

    /// <summary>The part before the dot: email, webinar, whitepaper, web, sns or funnel.</summary>
    public string Channel => Id[..Id.IndexOf('.', StringComparison.Ordinal)];

    public MeasureKind Kind { get; }

    public MeasureUnit Unit { get; }

    public bool HigherIsBetter { get; }

    public string Description { get; }

    /// <summary>Counters read directly: summed for a count, [sum, count] for an average, none for a rate.</summary>
    public IReadOnlyList<Counter> Counters { get; }

    public Measure? Numerator { get; }

    public Measure? Denominator { get; }

    /// <summary>True for counts, which accumulate over time and so can be projected to a deadline.</summary>
    public bool IsCumulative => Kind is MeasureKind.Count or MeasureKind.UniqueCount;

    public string Formula => Kind switch
    {
        MeasureKind.Rate => $"{Numerator!.Id} / {Denominator!.Id}",
        MeasureKind.Average => $"{Counters[0].Name} / {Counters[1].Name}",
        _ => string.Join(" + ", Counters.Select(c => c.Name)),
    };

    /// <summary>Every counter this measure reads, through its numerator and denominator.</summary>
    public IReadOnlyList<Counter> AllCounters() => Kind == MeasureKind.Rate
        ? Numerator!.AllCounters().Concat(Denominator!.AllCounters()).Distinct().ToList()
        : Counters;

    /// <summary>Where the numbers come from: source events, stage transitions, channel reports.</summary>
    public IReadOnlyList<string> Sources() => AllCounters().Select(c => c.Source).Distinct().ToList();

    public override string ToString() => Id;
}
