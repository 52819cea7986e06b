using BenchmarkDotNet.Attributes;
using LeadGrains.Domain.Events;
using LeadGrains.Domain.Leads;
using LeadGrains.Domain.Scoring;

namespace LeadGrains.Bench.Micro;

/// <summary>
/// Rule evaluation as a lead grain does it on append: clone the state, apply the batch's events
/// for that lead with the default model (rule match, caps, decay, counters, stage). The state
/// starts warm (200 earlier events, open cap buckets), like an active lead.
/// </summary>
[MemoryDiagnoser]
public class RuleEvaluationBenchmarks
{
    private LeadState _state = new();
    private (LeadEvent Event, long Seq)[] _events = [];

    /// <summary>1: the usual case with events spread over many leads; 20: a busy lead in one batch.</summary>
    [Params(1, 20)]
    public int EventsPerAppend { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var history = SampleEvents.ForOneLead(200 + EventsPerAppend);
        (_state, _) = new LeadState().WithEvents(history.Take(200), DefaultScoringModel.Instance);
        _events = history[200..];
    }

    [Benchmark(Description = "LeadState.WithEvents (default model)")]
    public LeadState WithEvents() => _state.WithEvents(_events, DefaultScoringModel.Instance).Next;
}
