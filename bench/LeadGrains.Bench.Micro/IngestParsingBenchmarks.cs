using BenchmarkDotNet.Attributes;
using LeadGrains.Server.Ingest;

namespace LeadGrains.Bench.Micro;

/// <summary>Parsing and validating one 1,000-event JSON batch: the first thing every ingest request does.</summary>
[MemoryDiagnoser]
public class IngestParsingBenchmarks
{
    public const int BatchSize = 1_000;

    private static readonly Dictionary<string, string> NoHeaders = new(StringComparer.OrdinalIgnoreCase);
    private byte[] _body = [];

    [GlobalSetup]
    public void Setup() => _body = SampleEvents.JsonBatch(BatchSize, leads: 20_000);

    [Benchmark(Description = "IngestParser.Parse (1,000-event JSON batch)")]
    public IngestParseResult Parse() => IngestParser.Parse("application/json", NoHeaders, _body, SampleEvents.Now);
}
