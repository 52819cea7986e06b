using BenchmarkDotNet.Attributes;
using LeadGrains.Domain.Leads;
using LeadGrains.Domain.Scoring;

namespace LeadGrains.Bench.Micro;

/// <summary>Decay on read: a lead's score and temperature at a later time (what every lead read and list does).</summary>
[MemoryDiagnoser]
public class DecayBenchmarks
{
    private LeadState _state = new();
    private DateTimeOffset _later;

    [GlobalSetup]
    public void Setup()
    {
        (_state, _) = new LeadState().WithEvents(SampleEvents.ForOneLead(50), DefaultScoringModel.Instance);
        _later = _state.ScoreAsOf.AddDays(17);
    }

    [Benchmark(Description = "LeadState.ScoreAt (17 days later)")]
    public double ScoreAt() => _state.ScoreAt(_later, DefaultScoringModel.Instance.Decay);

    [Benchmark(Description = "LeadState.TemperatureAt")]
    public Temperature TemperatureAt() => _state.TemperatureAt(_later, DefaultScoringModel.Instance);
}
