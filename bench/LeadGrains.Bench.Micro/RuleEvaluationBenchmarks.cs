using BenchmarkDotNet.Attributes;
using LeadGrains.Domain.Events;
using LeadGrains.Domain.Leads;
using LeadGrains.Domain.Scoring;

namespace LeadGrains.Bench.Micro;

/// <summary>
/// Rule evaluation as a lead grain does it on append: clone the state, apply the batch's events
/// for that lead with the default model (rule match, caps, decay, counters, stage). The state
/// starts warm (200 earlier events, open cap buckets), like an active lead. The plan a grain
/// makes also decides the events' first occurrences for unique counts from the lead's marks.
/// </summary>
[MemoryDiagnoser]
public class RuleEvaluationBenchmarks
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    private LeadState _state = new();
    private LeadState _marked = new();
    private (LeadEvent Event, long Seq)[] _events = [];

    /// <summary>1: the usual case with events spread over many leads; 20: a busy lead in one batch.</summary>
    [Params(1, 20)]
    public int EventsPerAppend { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var history = SampleEvents.ForOneLead(200 + EventsPerAppend);
        (_state, _) = new LeadState().WithEvents(history.Take(200), DefaultScoringModel.Instance);
        _marked = new LeadState().Plan(history[..200], DefaultScoringModel.Instance, Zone).Next;
        _events = history[200..];
    }

    [Benchmark(Description = "LeadState.WithEvents (default model)")]
    public LeadState WithEvents() => _state.WithEvents(_events, DefaultScoringModel.Instance).Next;

    [Benchmark(Description = "LeadState.Plan (default model, with unique-count marks)")]
    public LeadPlan Plan() => _marked.Plan(_events, DefaultScoringModel.Instance, Zone);
}
