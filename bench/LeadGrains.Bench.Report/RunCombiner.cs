using System.Text.Json.Nodes;

namespace LeadGrains.Bench.Report;

/// <summary>What run.sh knows about the run that the step files do not.</summary>
public sealed record RunInfo
{
    public required string Command { get; init; }
    public required string Commit { get; init; }
    public bool Dirty { get; init; }
    public bool Smoke { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required IReadOnlyList<string> Steps { get; init; }
    public required IReadOnlyDictionary<string, string> Sizes { get; init; }
}

/// <summary>
/// Builds the run's single JSON document from the steps' folder: each <c>NAME.json</c> becomes
/// <c>steps.NAME.result</c> with the command line from <c>NAME.cmd</c>; <c>micro/</c> holds
/// BenchmarkDotNet's reports; <c>postgres.json</c> is the server's version and settings.
/// </summary>
public static class RunCombiner
{
    public const int SchemaVersion = 1;

    public static JsonObject Combine(string stepsDir, RunInfo run)
    {
        var steps = new JsonObject();
        foreach (var file in Directory.EnumerateFiles(stepsDir, "*.json").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            if (name == "postgres")
                continue;
            steps[name] = Step(stepsDir, name, JsonNode.Parse(File.ReadAllText(file)));
        }
        var microReports = Directory.Exists(Path.Combine(stepsDir, "micro"))
            ? Directory.EnumerateFiles(Path.Combine(stepsDir, "micro"), "*-report-brief.json", SearchOption.AllDirectories).ToList()
            : [];
        if (microReports.Count > 0)
        {
            steps["micro"] = Step(stepsDir, "micro", MicroResults.FromBenchmarkDotNet(microReports));
        }

        var postgresFile = Path.Combine(stepsDir, "postgres.json");
        return new JsonObject
        {
            ["schemaVersion"] = SchemaVersion,
            ["run"] = new JsonObject
            {
                ["startedAt"] = run.StartedAt.ToString("O"),
                ["finishedAt"] = DateTimeOffset.UtcNow.ToString("O"),
                ["command"] = run.Command,
                ["commit"] = run.Commit,
                ["dirty"] = run.Dirty,
                ["smoke"] = run.Smoke,
                ["steps"] = new JsonArray([.. run.Steps.Select(s => (JsonNode?)JsonValue.Create(s))]),
                ["sizes"] = new JsonObject(run.Sizes.OrderBy(kv => kv.Key, StringComparer.Ordinal)
                    .Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value)))),
            },
            ["machine"] = MachineInfo.Read(),
            ["postgres"] = File.Exists(postgresFile) ? JsonNode.Parse(File.ReadAllText(postgresFile)) : null,
            ["steps"] = steps,
        };
    }

    private static JsonObject Step(string dir, string name, JsonNode? result)
    {
        var cmd = Path.Combine(dir, name + ".cmd");
        return new JsonObject
        {
            ["command"] = File.Exists(cmd) ? File.ReadAllText(cmd).Trim() : null,
            ["result"] = result,
        };
    }
}
