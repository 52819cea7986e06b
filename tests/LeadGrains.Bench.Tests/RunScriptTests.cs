using System.Text.Json.Nodes;
using LeadGrains.Testing;

namespace LeadGrains.Bench.Tests;

/// <summary>
/// <c>bench/run.sh --smoke</c> end to end: every step with tiny sizes against its own throwaway
/// PostgreSQL and server, from the Release build test.sh made. It must not touch docs/.
/// </summary>
public sealed class RunScriptTests
{
    // About a minute on a quiet machine; several times that while others build and test on it.
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(8);

    [RequiresLoadGenFact]
    public async Task The_smoke_run_measures_every_step_and_renders_the_report()
    {
        using var output = new TempDirectory("leadgrains-bench-smoke-");
        var docsJson = Path.Combine(RepositoryRoot.Path, "docs", "benchmarks.json");
        var docsBefore = File.Exists(docsJson) ? await File.ReadAllTextAsync(docsJson) : null;

        var (exitCode, log) = await BashScript.RunAsync(Timeout, "bench/run.sh", "--smoke", "--no-build", "--out", output.Path);

        Assert.True(exitCode == 0, $"bench/run.sh --smoke exited with {exitCode}:\n{log}");
        var json = Directory.GetFiles(output.Path, "*-smoke.json").Single();
        var run = JsonNode.Parse(await File.ReadAllTextAsync(json))!;
        Assert.True(run["run"]!["smoke"]!.GetValue<bool>());
        var steps = run["steps"]!.AsObject();
        foreach (var step in new[] { "micro", "baselines", "ingest-run-1", "ingest-run-2", "ingest-cpu-1", "ingest-cpu-2", "ingest", "ingest-runs", "ingest-wal", "latency", "latency-small", "hotkpi-1", "hotkpi-1000", "memory" })
        {
            Assert.True(steps.ContainsKey(step), $"step {step} missing from {json}:\n{log}");
        }
        Assert.True(steps["ingest"]!["result"]!["acknowledged"]!.GetValue<double>() > 0);
        // Two smoke runs: the slower one stands for the step, so a lucky run never does.
        var rates = new[] { "ingest-run-1", "ingest-run-2" }.Select(s => steps[s]!["result"]!["eventsPerSecond"]!.GetValue<double>()).ToList();
        Assert.Equal(rates.Min(), steps["ingest"]!["result"]!["eventsPerSecond"]!.GetValue<double>());
        Assert.Equal(2, steps["ingest-runs"]!["result"]!["runs"]!.AsArray().Count);
        // The CPU the same work took in each run, beside its rate: the server always uses some.
        Assert.All(new[] { "ingest-cpu-1", "ingest-cpu-2" }, s => Assert.True(steps[s]!["result"]!["serverUsPerEvent"]!.GetValue<double>() > 0));
        // The machine's shares over each run's sending window: busy and idle make the whole.
        Assert.All(new[] { "ingest-cpu-1", "ingest-cpu-2" }, s =>
        {
            var cpu = steps[s]!["result"]!;
            var (busy, idle, steal) = (cpu["machineBusyPercent"]!.GetValue<double>(), cpu["machineIdlePercent"]!.GetValue<double>(), cpu["machineStealPercent"]!.GetValue<double>());
            Assert.InRange(busy + idle, 99.8, 100.2);
            Assert.True(busy > 0, $"{s}: the machine was not busy while the run sent");
            Assert.InRange(steal, 0, busy);
        });
        Assert.True(steps["memory"]!["result"]!["leadsStored"]!.GetValue<long>() > 0);
        // PostgreSQL's WAL over the measured ingest run: written as it happened, never absent.
        var wal = steps["ingest-wal"]!["result"]!;
        Assert.True(wal["walBytesPerEvent"]!.GetValue<double>() > 0);
        Assert.True(wal["checkpoints"]!.GetValue<int>() >= 0);
        Assert.Equal("on", run["postgres"]!["settings"]!["fsync"]!.GetValue<string>());
        var markdown = await File.ReadAllTextAsync(Path.ChangeExtension(json, ".md"));
        Assert.Contains("| durable ingest, HTTP batches, acknowledged = committed |", markdown);
        Assert.Contains("Smoke run", markdown);
        Assert.Contains("µs of CPU per event (server + PostgreSQL)", markdown);
        Assert.Equal(docsBefore, File.Exists(docsJson) ? await File.ReadAllTextAsync(docsJson) : null);
    }
}
