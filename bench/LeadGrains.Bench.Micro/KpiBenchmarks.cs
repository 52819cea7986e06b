using BenchmarkDotNet.Attributes;
using LeadGrains.Domain.Events;
using LeadGrains.Domain.Kpis;

namespace LeadGrains.Bench.Micro;

/// <summary>
/// The KPI update path: an event's counter deltas (every period and scope) added to a silo's
/// pre-aggregation table, and reading a KPI with its target's attainment and pace.
/// </summary>
[MemoryDiagnoser]
public class KpiBenchmarks
{
    private const int BatchSize = 1_000;
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    private IReadOnlyList<LeadEvent> _events = [];
    private CounterTable _table = new();
    private KpiTarget _target = null!;
    private DateOnly _asOf;

    [GlobalSetup]
    public void Setup()
    {
        _events = SampleEvents.Parsed(BatchSize, leads: 200);
        _table = new CounterTable();
        AddBatch();
        _asOf = DateOnly.FromDateTime(SampleEvents.Now.UtcDateTime);
        var draft = new KpiTargetDraft
        {
            Id = "opens-june",
            Kpi = "email.opens@campaign:c3",
            Value = 5_000,
            StartDate = _asOf.AddDays(-40),
            Deadline = _asOf.AddDays(20),
            Owner = "bench@example.com",
            Initiative = "newsletter",
        };
        _target = TargetPolicy.Validate(draft, []).Target ?? throw new InvalidOperationException("benchmark target is invalid");
    }

    /// <summary>Per event: the deltas of one event and adding them to the table.</summary>
    /// <summary>Per event, as the journal does it: the deltas added straight to the table.</summary>
    [Benchmark(Description = "CounterContributions.AddEvent (per event)", OperationsPerInvoke = BatchSize)]
    public int AddEventBatch()
    {
        foreach (var e in _events)
        {
            CounterContributions.AddEvent(_table, e, Zone, ContributionContext.None);
        }
        return _table.Count;
    }

    [Benchmark(Description = "CounterContributions.ForEvent + CounterTable.Add (per event)", OperationsPerInvoke = BatchSize)]
    public int AddBatch()
    {
        foreach (var e in _events)
        {
            foreach (var delta in CounterContributions.ForEvent(e, Zone, ContributionContext.None))
            {
                _table.Add(delta);
            }
        }
        return _table.Count;
    }

    [Benchmark(Description = "KpiMath.Evaluate + KpiProgress.Evaluate (one target)")]
    public KpiStatus EvaluateTarget()
    {
        var value = _target.Kpi.Evaluate(_table, Period.Day, _target.StartDate, _asOf);
        return KpiProgress.Evaluate(_target, value, _asOf);
    }
}
