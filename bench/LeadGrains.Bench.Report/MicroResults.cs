using System.Text.Json.Nodes;

namespace LeadGrains.Bench.Report;

/// <summary>
/// BenchmarkDotNet's JSON reports (<c>*-report-brief.json</c>, one or several) reduced to what
/// the report shows: per benchmark the mean, its spread and the allocations per operation.
/// </summary>
public static class MicroResults
{
    public static JsonObject FromBenchmarkDotNet(IEnumerable<string> reportFiles)
    {
        var benchmarks = new JsonArray();
        JsonNode? host = null;
        foreach (var file in reportFiles.Order(StringComparer.Ordinal))
        {
            var report = JsonNode.Parse(File.ReadAllText(file))!;
            host ??= report["HostEnvironmentInfo"]?.DeepClone();
            foreach (var b in report["Benchmarks"]!.AsArray())
            {
                var memory = b!["Memory"];
                var ops = memory?["TotalOperations"]?.GetValue<double>() ?? 0;
                benchmarks.Add(new JsonObject
                {
                    ["type"] = b["Type"]?.GetValue<string>(),
                    ["method"] = b["Method"]?.GetValue<string>(),
                    ["title"] = b["MethodTitle"]?.GetValue<string>()?.Trim('\''),
                    ["parameters"] = b["Parameters"]?.GetValue<string>(),
                    ["meanNs"] = b["Statistics"]?["Mean"]?.GetValue<double>(),
                    ["stdDevNs"] = b["Statistics"]?["StandardDeviation"]?.GetValue<double>(),
                    ["iterations"] = b["Statistics"]?["N"]?.GetValue<int>(),
                    ["allocatedBytesPerOp"] = memory?["BytesAllocatedPerOperation"]?.GetValue<double>(),
                    ["gen0Per1000Ops"] = ops > 0 ? memory!["Gen0Collections"]!.GetValue<double>() * 1000 / ops : null,
                });
            }
        }
        return new JsonObject
        {
            ["benchmarkDotNet"] = host?["BenchmarkDotNetVersion"]?.GetValue<string>(),
            ["runtime"] = host?["RuntimeVersion"]?.GetValue<string>(),
            ["benchmarks"] = benchmarks,
        };
    }
}
