using LeadGrains.Simulation.Streams;

namespace LeadGrains.Simulation.Batches;

/// <summary>
/// Cuts one tenant's <see cref="EventStream"/> into request bodies. Valid events (duplicates
/// included) go into batches of the chosen size; invalid events into small batches of their own,
/// because the server refuses a whole batch for one bad event; metric reports into their own batches.
/// </summary>
public sealed class BatchAssembler
{
    public const int InvalidBatchSize = 10;
    public const int MetricBatchSize = 100;

    private readonly EventStream _stream;
    private readonly int _tenant;
    private readonly int _batchSize;
    private readonly Queue<EventBatch> _ready = new();
    private JsonArrayBuilder? _invalid;
    private JsonArrayBuilder? _reports;
    private bool _ended;

    public BatchAssembler(EventStream stream, int tenant, int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _stream = stream;
        _tenant = tenant;
        _batchSize = batchSize;
    }

    public EventStream Stream => _stream;

    /// <summary>
    /// The next body to send, taking at most <paramref name="maxEvents"/> events from the stream
    /// (metric reports do not count); null when the budget is 0 or the stream has ended and nothing is waiting.
    /// </summary>
    public EventBatch? Next(long maxEvents)
    {
        if (_ready.Count > 0)
            return _ready.Dequeue();
        if (maxEvents <= 0 || _ended)
            return null;

        var limit = (int)Math.Min(_batchSize, maxEvents);
        var events = new JsonArrayBuilder(limit * 256 + 16);
        var taken = 0;
        while (taken < limit)
        {
            if (_stream.Next() is not { } item)
            {
                _ended = true;
                break;
            }
            switch (item.Kind)
            {
                case ItemKind.MetricReport:
                    _reports ??= new JsonArrayBuilder(MetricBatchSize * 160);
                    _reports.Add(item.Json);
                    if (_reports.Count == MetricBatchSize)
                        _ready.Enqueue(Take(ref _reports, BatchKind.MetricReports));
                    continue;
                case ItemKind.Invalid:
                    _invalid ??= new JsonArrayBuilder(InvalidBatchSize * 256);
                    _invalid.Add(item.Json);
                    if (_invalid.Count == InvalidBatchSize)
                        _ready.Enqueue(Take(ref _invalid, BatchKind.Invalid));
                    break;
                default:
                    events.Add(item.Json, item.Kind == ItemKind.Duplicate);
                    break;
            }
            taken++;
        }

        // Invalid events go out right after the batch they were drawn beside, not at the end of the run.
        if (_invalid is not null)
            _ready.Enqueue(Take(ref _invalid, BatchKind.Invalid));
        if (events.Count > 0)
            return events.Build(_tenant, BatchKind.Events);
        events.Build(_tenant, BatchKind.Events).Dispose();
        return _ready.Count > 0 ? _ready.Dequeue() : null;
    }

    /// <summary>Metric reports still waiting for a full batch: send them when the run ends.</summary>
    public EventBatch? Flush() => _reports is { Count: > 0 } ? Take(ref _reports, BatchKind.MetricReports) : null;

    private EventBatch Take(ref JsonArrayBuilder? builder, BatchKind kind)
    {
        var batch = builder!.Build(_tenant, kind);
        builder = null;
        return batch;
    }
}
