namespace LeadGrains.Domain.Kpis;

/// <summary>
/// Counter values keyed by (counter, scope, bucket): what a silo pre-aggregates before a flush
/// and what a KPI grain holds. Adding is commutative, so tables from many silos merge in any
/// order. Mutable by design (it is an accumulator); not thread-safe.
/// </summary>
public sealed class CounterTable
{
    private readonly Dictionary<CounterKey, double> _values = [];

    public int Count => _values.Count;

    public IReadOnlyDictionary<CounterKey, double> Entries => _values;

    public double this[CounterKey key] => _values.GetValueOrDefault(key);

    public void Add(CounterDelta delta) => Add(delta.Key, delta.Amount);

    public void Add(CounterKey key, double amount)
    {
        ref var value = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_values, key, out _);
        value += amount;
    }

    public void AddRange(IEnumerable<CounterDelta> deltas)
    {
        foreach (var d in deltas)
        {
            Add(d);
        }
    }

    public void MergeFrom(CounterTable other)
    {
        foreach (var (key, amount) in other._values)
        {
            Add(key, amount);
        }
    }

    public void Clear() => _values.Clear();

    /// <summary>
    /// The totals of one scope over the <paramref name="period"/> buckets that start between
    /// <paramref name="from"/> and <paramref name="to"/> (inclusive). Unique counters add up per
    /// bucket: over three days a lead who opened each day counts three times.
    /// </summary>
    public CounterValues Totals(KpiScope scope, Period period, DateOnly from, DateOnly to)
    {
        var totals = new Dictionary<Counter, double>();
        foreach (var (key, amount) in _values)
        {
            if (key.Scope != scope)
            {
                continue;
            }
            // A counter kept in days counts in the period bucket its day falls in; any bucket of
            // another period it may hold is not read, so nothing counts twice.
            DateOnly? start = key.Counter.KeptInDays
                ? (key.Bucket.Period == Period.Day ? period.Containing(key.Bucket.Start).Start : null)
                : (key.Bucket.Period == period ? key.Bucket.Start : null);
            if (start is { } s && s >= from && s <= to)
            {
                totals[key.Counter] = totals.GetValueOrDefault(key.Counter) + amount;
            }
        }
        return new CounterValues(totals);
    }

    /// <summary>The values of one bucket of one scope.</summary>
    public CounterValues Totals(KpiScope scope, Bucket bucket) => Totals(scope, bucket.Period, bucket.Start, bucket.Start);
}

/// <summary>Counter totals for one scope and time range; a counter never touched reads 0.</summary>
public sealed class CounterValues
{
    public static readonly CounterValues Empty = new(new Dictionary<Counter, double>());

    private readonly IReadOnlyDictionary<Counter, double> _values;

    public CounterValues(IReadOnlyDictionary<Counter, double> values) => _values = values;

    public static CounterValues Of(params (Counter Counter, double Value)[] values) =>
        new(values.GroupBy(v => v.Counter).ToDictionary(g => g.Key, g => g.Sum(v => v.Value)));

    public double this[Counter counter] => _values.GetValueOrDefault(counter);

    public IReadOnlyDictionary<Counter, double> Values => _values;
}
