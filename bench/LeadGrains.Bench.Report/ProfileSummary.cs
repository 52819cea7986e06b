using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace LeadGrains.Bench.Report;

/// <summary>
/// Sorts a <c>perf report --sort dso,sym</c> listing of the server into the parts of the ingest
/// path (JSON parsing, grain calls, the journal's database client, HTTP, domain code, GC and
/// allocation, JIT, kernel) and joins it with the CPU and WAL counters taken around the same
/// load, so the report can say where the time goes with numbers from the run.
/// </summary>
public static partial class ProfileSummary
{
    // First match wins; the order puts specific namespaces before the catch-alls.
    private static readonly (string Category, Regex Pattern)[] Rules =
    [
        ("gcAndAllocation", new(@"gc_heap|GCHeap|WKS::|SVR::|\bgc_|Alloc|JIT_New|memset|RhpNew|mark_object|plan_phase|relocate|\bmemclr", RegexOptions.Compiled)),
        ("jsonParsing", new(@"System\.Text\.Json|LeadGrains\.Server\.Ingest", RegexOptions.Compiled)),
        ("orleansGrainCalls", new(@"Orleans", RegexOptions.Compiled)),
        ("journalDatabaseClient", new(@"Npgsql|LeadGrains\.Storage", RegexOptions.Compiled)),
        ("httpServer", new(@"Microsoft\.AspNetCore|System\.Net\.|System\.IO\.Pipelines|Kestrel", RegexOptions.Compiled)),
        ("domainAndGrains", new(@"LeadGrains\.Domain|LeadGrains\.Grains|LeadGrains\.Server\.Leads", RegexOptions.Compiled)),
    ];

    public sealed record Sample(double Percent, string Dso, string Symbol);

    public static IReadOnlyList<Sample> Parse(IEnumerable<string> perfReport)
    {
        var samples = new List<Sample>();
        foreach (var line in perfReport)
        {
            var m = Line().Match(line);
            if (m.Success)
                samples.Add(new(double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m.Groups[2].Value, m.Groups[4].Value.Trim()));
        }
        return samples;
    }

    public static string Categorize(Sample s)
    {
        if (s.Dso.Contains("kernel", StringComparison.Ordinal))
            return "kernel";
        if (s.Dso.Contains("libclrjit", StringComparison.Ordinal))
            return "jit";
        foreach (var (category, pattern) in Rules)
        {
            if (pattern.IsMatch(s.Symbol))
                return category;
        }
        if (s.Dso.Contains("libcoreclr", StringComparison.Ordinal))
            return "runtimeOther";
        if (s.Dso.StartsWith("perf-", StringComparison.Ordinal) || s.Dso.Contains("JIT", StringComparison.Ordinal) || s.Dso.Contains(".dll", StringComparison.Ordinal))
            return "managedOther";
        return "nativeOther";
    }

    public static JsonObject Summarize(IReadOnlyList<Sample> samples, JsonNode? load, double serverSeconds, double postgresSeconds,
        long walSyncs, double walSyncMs, long commits)
    {
        var categories = new JsonObject();
        foreach (var group in samples.GroupBy(Categorize).OrderByDescending(g => g.Sum(s => s.Percent)))
            categories[group.Key] = Math.Round(group.Sum(s => s.Percent), 1);
        var acknowledged = load.Number("acknowledged") ?? 0;
        return new JsonObject
        {
            ["categories"] = categories,
            ["top"] = new JsonArray([.. samples.OrderByDescending(s => s.Percent).Take(25).Select(s => (JsonNode)new JsonObject
            {
                ["percent"] = s.Percent,
                ["category"] = Categorize(s),
                ["dso"] = s.Dso,
                ["symbol"] = s.Symbol.Length > 160 ? s.Symbol[..160] : s.Symbol,
            })]),
            ["eventsPerSecond"] = load.Number("eventsPerSecond"),
            ["acknowledged"] = acknowledged,
            ["serverCpuSeconds"] = serverSeconds,
            ["postgresCpuSeconds"] = postgresSeconds,
            ["serverCpuUsPerEvent"] = acknowledged > 0 ? serverSeconds * 1e6 / acknowledged : null,
            ["postgresCpuUsPerEvent"] = acknowledged > 0 ? postgresSeconds * 1e6 / acknowledged : null,
            ["walSyncs"] = walSyncs,
            ["walSyncMs"] = walSyncMs,
            ["xactCommits"] = commits,
            ["eventsPerWalSync"] = walSyncs > 0 ? acknowledged / walSyncs : null,
        };
    }

    // "    12.34%  libcoreclr.so  [.] WKS::gc_heap::mark_object_simple"
    [GeneratedRegex(@"^\s*([0-9.]+)%\s+(\S+(?: tid \d+)?)\s+\[(.)\]\s+(.*)$")]
    private static partial Regex Line();
}
