using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LeadGrains.Bench.Report;

// usage:
//   LeadGrains.Bench.Report combine --steps DIR --out FILE [--copy-to FILE] --command CMD --commit SHA [--dirty]
//                                   [--smoke] --started ISO --only a,b,c [--size name=value ...]
//   LeadGrains.Bench.Report render --json docs/benchmarks.json --template docs/benchmarks.template.md
//                                  --out docs/benchmarks.md [--readme README.md]
//   LeadGrains.Bench.Report median --steps DIR --prefix ingest-run- --path eventsPerSecond --out ingest
var command = args.FirstOrDefault();
var (options, sizes) = Parse(args.Skip(1).ToArray());
var indented = new JsonSerializerOptions { WriteIndented = true };

switch (command)
{
    case "combine":
        var doc = RunCombiner.Combine(options["steps"], new RunInfo
        {
            Command = options["command"],
            Commit = options["commit"],
            Dirty = options.ContainsKey("dirty"),
            Smoke = options.ContainsKey("smoke"),
            StartedAt = DateTimeOffset.Parse(options["started"], CultureInfo.InvariantCulture),
            Steps = options.GetValueOrDefault("only")?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? [],
            Sizes = sizes,
            LoadAverageAtStart = options.GetValueOrDefault("load-at-start"),
        });
        var text = doc.ToJsonString(indented) + "\n";
        await File.WriteAllTextAsync(options["out"], text);
        if (options.GetValueOrDefault("copy-to") is { } copy)
            await File.WriteAllTextAsync(copy, text);
        Console.WriteLine($"wrote {options["out"]}{(options.TryGetValue("copy-to", out var also) ? " and " + also : "")}");
        return 0;

    case "render":
        var run = JsonNode.Parse(await File.ReadAllTextAsync(options["json"]))!;
        var markdown = MarkdownReport.Render(run, await File.ReadAllTextAsync(options["template"]));
        await File.WriteAllTextAsync(options["out"], markdown);
        Console.WriteLine($"wrote {options["out"]}");
        if (options.GetValueOrDefault("readme") is { } readme)
        {
            await File.WriteAllTextAsync(readme, ReadmeHeadline.Replace(await File.ReadAllTextAsync(readme), MarkdownReport.Headline(run)));
            Console.WriteLine($"rewrote the headline in {readme}");
        }
        return 0;

    case "get":
        // One value from a JSON file, for run.sh (which must not depend on jq).
        Console.WriteLine(JsonNode.Parse(await File.ReadAllTextAsync(options["json"])).Text(options["path"]) ?? "");
        return 0;

    case "median":
        // The median of the measured runs STEPS/PREFIX*.json becomes STEPS/OUT.json (with its .cmd),
        // and STEPS/OUT-runs.json lists every run.
        {
            var dir = options["steps"];
            var prefix = options["prefix"];
            var files = Directory.EnumerateFiles(dir, prefix + "*.json")
                .OrderBy(f => int.Parse(Path.GetFileNameWithoutExtension(f)[prefix.Length..], CultureInfo.InvariantCulture))
                .ToList();
            var runs = files.Select(f => new MedianRun.Run(Path.GetFileNameWithoutExtension(f), JsonNode.Parse(File.ReadAllText(f))!)).ToList();
            var (median, medianSummary) = MedianRun.Choose(runs, options["path"]);
            var target = Path.Combine(dir, options["out"]);
            File.Copy(Path.Combine(dir, median.Name + ".json"), target + ".json", overwrite: true);
            if (File.Exists(Path.Combine(dir, median.Name + ".cmd")))
                File.Copy(Path.Combine(dir, median.Name + ".cmd"), target + ".cmd", overwrite: true);
            await File.WriteAllTextAsync(target + "-runs.json", medianSummary.ToJsonString(indented) + "\n");
            Console.WriteLine($"median of {runs.Count}: {median.Name} ({median.Result.Text(options["path"])})");
            return 0;
        }

    case "ratio":
        var a = JsonNode.Parse(await File.ReadAllTextAsync(options["json"])).Number(options["path"]);
        var b = JsonNode.Parse(await File.ReadAllTextAsync(options["other"])).Number(options["path"]);
        Console.WriteLine(a is { } x && b is { } y && y != 0 ? (x / y).ToString("0.000", CultureInfo.InvariantCulture) : "n/a");
        return 0;

    case "profile":
        var ticks = double.Parse(options["ticks-per-second"], CultureInfo.InvariantCulture);
        double Seconds(string name) => double.Parse(options[name], CultureInfo.InvariantCulture) / ticks;
        var summary = ProfileSummary.Summarize(
            ProfileSummary.Parse(await File.ReadAllLinesAsync(options["perf-report"])),
            JsonNode.Parse(await File.ReadAllTextAsync(options["load"])),
            new ProfileSummary.Counters
            {
                ServerCpuSeconds = Seconds("server-ticks"),
                PostgresCpuSeconds = Seconds("postgres-ticks"),
                MachineBusySeconds = Seconds("machine-busy-ticks"),
                MachineIowaitSeconds = Seconds("machine-iowait-ticks"),
                MachineSeconds = Seconds("machine-total-ticks"),
                WalSyncs = long.Parse(options["wal-syncs"], CultureInfo.InvariantCulture),
                WalSyncMs = double.Parse(options["wal-sync-ms"], CultureInfo.InvariantCulture),
                Commits = long.Parse(options["commits"], CultureInfo.InvariantCulture),
                Gc = options.TryGetValue("gc", out var gcFile) && File.Exists(gcFile) ? JsonNode.Parse(await File.ReadAllTextAsync(gcFile)) : null,
                Statements = options.TryGetValue("statements", out var sqlFile) && File.Exists(sqlFile) ? JsonNode.Parse(await File.ReadAllTextAsync(sqlFile)) : null,
            });
        await File.WriteAllTextAsync(options["out"], summary.ToJsonString(indented) + "\n");
        Console.WriteLine(string.Join(", ", summary["categories"]!.AsObject().Select(kv => $"{kv.Key} {kv.Value}%")));
        return 0;

    default:
        Console.Error.WriteLine("usage: LeadGrains.Bench.Report combine|render|get|median|ratio|profile [options]; see Program.cs");
        return 2;
}

static (Dictionary<string, string> Options, Dictionary<string, string> Sizes) Parse(string[] args)
{
    var options = new Dictionary<string, string>(StringComparer.Ordinal);
    var sizes = new Dictionary<string, string>(StringComparer.Ordinal);
    for (var i = 0; i < args.Length; i++)
    {
        var name = args[i].StartsWith("--", StringComparison.Ordinal) ? args[i][2..] : throw new ArgumentException($"unexpected '{args[i]}'");
        var hasValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
        var value = hasValue ? args[++i] : "";
        if (name == "size")
        {
            var eq = value.IndexOf('=', StringComparison.Ordinal);
            sizes[value[..eq]] = value[(eq + 1)..];
        }
        else
        {
            options[name] = value;
        }
    }
    return (options, sizes);
}
