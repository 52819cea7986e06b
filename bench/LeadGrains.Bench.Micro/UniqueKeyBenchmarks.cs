using System.IO.Hashing;
using System.Text;
using BenchmarkDotNet.Attributes;
using LeadGrains.Domain.Kpis;
using LeadGrains.Storage.Kpis;

namespace LeadGrains.Bench.Micro;

/// <summary>
/// The first-occurrence key of a unique-count candidate, worked out several times per ingested
/// event in the journal's group commit. The baseline builds the key text as a string first,
/// which is how the keys were defined (and how <c>UniqueKeysTests</c> checks they still are).
/// </summary>
[MemoryDiagnoser]
public class UniqueKeyBenchmarks
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    private UniqueCandidate[] _candidates = [];

    [GlobalSetup]
    public void Setup() =>
        _candidates = [.. SampleEvents.Parsed(1_000, leads: 200).SelectMany(e => CounterContributions.UniqueCandidates(e, Zone))];

    [Benchmark(Baseline = true, Description = "unique keys of 1,000 events via a string (the definition)")]
    public Guid ViaString()
    {
        var last = Guid.Empty;
        foreach (var c in _candidates)
        {
            var text = string.Concat(c.Key.Counter.Name, "\u001f", c.Key.Scope.ToString(), "\u001f",
                c.Key.Bucket.Period.Name(), c.Key.Bucket.Start.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture),
                "\u001f", c.Identity);
            last = new Guid(XxHash128.Hash(Encoding.UTF8.GetBytes(text)));
        }
        return last;
    }

    [Benchmark(Description = "unique keys of 1,000 events: UniqueKeys.For (stack buffer)")]
    public Guid StackBuffer()
    {
        var last = Guid.Empty;
        foreach (var c in _candidates)
        {
            last = UniqueKeys.For(c);
        }
        return last;
    }
}
