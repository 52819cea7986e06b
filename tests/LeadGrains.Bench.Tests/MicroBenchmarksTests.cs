using LeadGrains.Bench.Micro;

namespace LeadGrains.Bench.Tests;

/// <summary>Each benchmark's operation, called once as BenchmarkDotNet would after its setup.</summary>
public sealed class MicroBenchmarksTests
{
    [Fact]
    public void The_sample_batch_parses_into_a_thousand_valid_events()
    {
        var benchmark = new IngestParsingBenchmarks();
        benchmark.Setup();

        var result = benchmark.Parse();

        Assert.True(result.IsValid, result.Error?.Detail);
        Assert.Equal(IngestParsingBenchmarks.BatchSize, result.Events.Count);
        Assert.Contains(result.Events, e => e.Properties.DwellSeconds is not null);
        Assert.Contains(result.Events, e => e.Properties.Kind is not null);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(20)]
    public void Rule_evaluation_applies_every_event_of_the_append(int events)
    {
        var benchmark = new RuleEvaluationBenchmarks { EventsPerAppend = events };
        benchmark.Setup();

        var next = benchmark.WithEvents();

        Assert.Equal(200 + events, next.EventCount);
    }

    [Fact]
    public void Decay_lowers_the_score_seventeen_days_later()
    {
        var benchmark = new DecayBenchmarks();
        benchmark.Setup();

        Assert.InRange(benchmark.ScoreAt(), 0.01, double.MaxValue);
        _ = benchmark.TemperatureAt();
    }

    [Fact]
    public void The_kpi_update_adds_counters_and_the_target_is_evaluated()
    {
        var benchmark = new KpiBenchmarks();
        benchmark.Setup();

        Assert.True(benchmark.AddBatch() > 0);
        var status = benchmark.EvaluateTarget();
        Assert.NotNull(status.Value);
        Assert.True(status.Value > 0);
    }
}
