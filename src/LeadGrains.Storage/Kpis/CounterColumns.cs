using System.Collections.Concurrent;
using LeadGrains.Domain.Kpis;

namespace LeadGrains.Storage.Kpis;

/// <summary>How a <see cref="CounterKey"/> is spelled in the counter tables, and back.</summary>
public static class CounterColumns
{
    private static readonly ConcurrentDictionary<string, KpiScope> Scopes = new(StringComparer.Ordinal);

    public static string Scope(KpiScope scope) => scope.ToString();

    public static short Period(Period period) => (short)period;

    public static KpiScope ParseScope(string text)
    {
        if (text.Length == 0)
        {
            return KpiScope.All;
        }
        return Scopes.GetOrAdd(text, static t => KpiScope.TryParse(t, out var s, out var error)
            ? s
            : throw new FormatException($"Stored scope '{t}' is invalid: {error}"));
    }

    /// <summary>A unique name for a writer's counter shard: never reused, so one writer owns each shard.</summary>
    public static string NewShardName(string writer) =>
        $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}#{writer}";

    /// <summary>Orders keys the same way in every transaction, so writers take row locks in one order.</summary>
    public static int Compare(CounterKey a, CounterKey b)
    {
        var c = string.CompareOrdinal(a.Counter.Name, b.Counter.Name);
        if (c != 0)
        {
            return c;
        }
        // The order of the scopes' text (Scope), without building it: "" < "campaign:…" <
        // "source:…" is the order of their kinds, and within a kind the prefix is the same.
        c = ((int)a.Scope.Kind).CompareTo((int)b.Scope.Kind);   // an enum's own CompareTo boxes
        if (c == 0)
        {
            c = string.CompareOrdinal(a.Scope.Value, b.Scope.Value);
        }
        if (c != 0)
        {
            return c;
        }
        c = a.Bucket.Period.CompareTo(b.Bucket.Period);
        return c != 0 ? c : a.Bucket.Start.CompareTo(b.Bucket.Start);
    }
}
