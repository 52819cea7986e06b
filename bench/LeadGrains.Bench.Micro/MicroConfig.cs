using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace LeadGrains.Bench.Micro;

/// <summary>
/// The two ways the micro-benchmarks run. Full: a separate process per benchmark with a modest
/// number of iterations (the machine is small and shared; more iterations mostly measure the
/// neighbours). Smoke: in-process, one invocation each, to prove they still run.
/// </summary>
public static class MicroConfig
{
    public static IConfig Create(bool smoke, string artifactsPath)
    {
        var job = smoke
            ? Job.Dry.WithToolchain(InProcessEmitToolchain.Instance).WithId("Smoke")
            : Job.Default.WithWarmupCount(3).WithIterationCount(IterationCount()).WithLaunchCount(1).WithId("Bench");

        return ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddExporter(JsonExporter.Brief, MarkdownExporter.GitHub)
            .AddLogger(BenchmarkDotNet.Loggers.ConsoleLogger.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .WithArtifactsPath(artifactsPath)
            .WithOptions(ConfigOptions.JoinSummary);
    }

    private static int IterationCount() =>
        int.TryParse(Environment.GetEnvironmentVariable("BENCH_MICRO_ITERATIONS"), out var n) && n > 0 ? n : 10;
}
