using BenchmarkDotNet.Running;
using LeadGrains.Bench.Micro;

// usage: LeadGrains.Bench.Micro [--smoke] [--artifacts DIR] [BenchmarkDotNet options, e.g. --filter *Kpi*]
// Writes BenchmarkDotNet's JSON (results/*-report-brief.json) under the artifacts folder.
var smoke = args.Contains("--smoke");
var artifacts = Path.GetFullPath(Option(args, "--artifacts") ?? "BenchmarkDotNet.Artifacts");
var rest = Without(args, "--smoke", "--artifacts");
if (!rest.Contains("--filter"))
{
    // Without a filter BenchmarkDotNet asks on the console which benchmark to run.
    rest = [.. rest, "--filter", "*"];
}

var summaries = BenchmarkSwitcher.FromAssembly(typeof(SampleEvents).Assembly).Run(rest, MicroConfig.Create(smoke, artifacts)).ToList();
var failed = summaries.Count == 0
    || summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success));
Console.WriteLine(failed ? "micro-benchmarks: FAILED" : $"micro-benchmarks: results in {Path.Combine(artifacts, "results")}");
return failed ? 1 : 0;

static string? Option(string[] args, string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

static string[] Without(string[] args, string flag, string option)
{
    var list = new List<string>();
    for (var i = 0; i < args.Length; i++)
    {
        if (args[i] == flag)
            continue;
        if (args[i] == option)
        {
            i++;
            continue;
        }
        list.Add(args[i]);
    }
    return [.. list];
}
