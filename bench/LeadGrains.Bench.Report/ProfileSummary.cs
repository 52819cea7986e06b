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
        // Without the runtime's symbols (not shipped with it) libcoreclr's GC, allocation helpers,
        // type checks and stubs cannot be told apart: one category.
        if (s.Dso.Contains("libcoreclr", StringComparison.Ordinal))
            return "runtimeNative";
        // JIT-compiled code: perf-PID.map names it; "memfd:doublemapper" is JIT code perf could not
        // name (W^X on); either way managed code outside the namespaces above.
        if (s.Dso.StartsWith("perf-", StringComparison.Ordinal) || s.Dso.Contains("JIT", StringComparison.Ordinal)
            || s.Dso.Contains(".dll", StringComparison.Ordinal) || s.Dso.Contains("doublemapper", StringComparison.Ordinal))
            return "managedOther";
        return "nativeOther";
    }

    /// <summary>Counters taken around the sampled window, besides perf's samples.</summary>
    public sealed record Counters
    {
        public required double ServerCpuSeconds { get; init; }
        public required double PostgresCpuSeconds { get; init; }
        public required double MachineBusySeconds { get; init; }
        public required double MachineIowaitSeconds { get; init; }
        public required double MachineSeconds { get; init; }
        public required long WalSyncs { get; init; }
        public required double WalSyncMs { get; init; }
        public required long Commits { get; init; }
        public JsonNode? Gc { get; init; }
        public JsonNode? Statements { get; init; }
    }

    public static JsonObject Summarize(IReadOnlyList<Sample> samples, JsonNode? load, Counters c)
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
            ["loadSeconds"] = load.Number("durationSeconds"),
            ["serverCpuSeconds"] = c.ServerCpuSeconds,
            ["postgresCpuSeconds"] = c.PostgresCpuSeconds,
            ["serverCpuUsPerEvent"] = acknowledged > 0 ? c.ServerCpuSeconds * 1e6 / acknowledged : null,
            ["postgresCpuUsPerEvent"] = acknowledged > 0 ? c.PostgresCpuSeconds * 1e6 / acknowledged : null,
            // The whole machine over the window: other engineers' work included, which is the noise.
            ["machineBusyPercent"] = c.MachineSeconds > 0 ? 100 * c.MachineBusySeconds / c.MachineSeconds : null,
            ["machineIowaitPercent"] = c.MachineSeconds > 0 ? 100 * c.MachineIowaitSeconds / c.MachineSeconds : null,
            ["serverShareOfBusyPercent"] = c.MachineBusySeconds > 0 ? 100 * c.ServerCpuSeconds / c.MachineBusySeconds : null,
            ["postgresShareOfBusyPercent"] = c.MachineBusySeconds > 0 ? 100 * c.PostgresCpuSeconds / c.MachineBusySeconds : null,
            ["walSyncs"] = c.WalSyncs,
            ["walSyncMs"] = c.WalSyncMs,
            ["walSyncPercentOfWindow"] = load.Number("durationSeconds") is { } d && d > 0 ? c.WalSyncMs / (10 * d) : null,
            ["xactCommits"] = c.Commits,
            ["eventsPerWalSync"] = c.WalSyncs > 0 ? acknowledged / c.WalSyncs : null,
            ["gc"] = c.Gc?.DeepClone(),
            // pg_stat_statements over the same window: where PostgreSQL's time went, by statement.
            ["statements"] = c.Statements?.DeepClone(),
            ["postgresSettingsForThisStep"] = "track_wal_io_timing=on, shared_preload_libraries=pg_stat_statements",
        };
    }

    // "    12.34%  libcoreclr.so  [.] WKS::gc_heap::mark_object_simple"
    // The shared object may contain spaces ("memfd:doublemapper (deleted)"): match it lazily up to " [x] ".
    [GeneratedRegex(@"^\s*([0-9.]+)%\s+(.+?)\s+\[(.)\]\s+(.*)$")]
    private static partial Regex Line();
}
