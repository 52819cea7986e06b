namespace LeadGrains.Domain.Kpis;

/// <summary>
/// A measure's value with its parts. For a rate or average, <see cref="Numerator"/> and
/// <see cref="Denominator"/> are both given and <see cref="Value"/> is null when the
/// denominator is 0: "no value yet", never 0 or NaN.
/// </summary>
public sealed record KpiValue(double? Value, double? Numerator = null, double? Denominator = null)
{
    public bool HasValue => Value.HasValue;
}

public static class KpiMath
{
    public static KpiValue Evaluate(this Measure measure, CounterValues counters)
    {
        switch (measure.Kind)
        {
            case MeasureKind.Count:
            case MeasureKind.UniqueCount:
                return new KpiValue(measure.Counters.Sum(c => counters[c]));
            case MeasureKind.Average:
                return Ratio(counters[measure.Counters[0]], counters[measure.Counters[1]]);
            default:
                // A rate's parts may themselves have no value (engagements over followers before any follower report).
                var n = measure.Numerator!.Evaluate(counters).Value;
                var d = measure.Denominator!.Evaluate(counters).Value;
                return n is { } num && d is { } den ? Ratio(num, den) : new KpiValue(null, n, d);
        }
    }

    /// <summary>The measure of one scope over the <paramref name="period"/> buckets from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static KpiValue Evaluate(this KpiId kpi, CounterTable table, Period period, DateOnly from, DateOnly to) =>
        kpi.Measure.Evaluate(table.Totals(kpi.Scope, period, from, to));

    private static KpiValue Ratio(double numerator, double denominator) =>
        new(denominator == 0 ? null : numerator / denominator, numerator, denominator);
}
