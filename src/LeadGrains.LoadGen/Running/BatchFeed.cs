using System.Threading.Channels;
using LeadGrains.Simulation;
using LeadGrains.Simulation.Batches;
using LeadGrains.Simulation.Streams;

namespace LeadGrains.LoadGen.Running;

/// <summary>
/// Generates request bodies ahead of the senders, on its own task, round-robin over the tenants'
/// streams, until the event budget is spent or the run stops. The channel is bounded so a timed
/// run never generates far ahead of what it sends.
/// </summary>
public sealed class BatchFeed
{
    private readonly BatchAssembler[] _tenants;
    private readonly Channel<EventBatch> _channel;
    private readonly long _budget;
    private readonly int _capacity;
    private readonly bool _pregenerate;

    public BatchFeed(LoadGenSettings settings)
    {
        _budget = settings.Events ?? long.MaxValue;
        _tenants = new BatchAssembler[settings.Tenants];
        for (var t = 0; t < settings.Tenants; t++)
        {
            var leads = settings.Leads / settings.Tenants + (t < settings.Leads % settings.Tenants ? 1 : 0);
            var template = new SimulationOptions
            {
                Seed = settings.Seed,
                Stream = t,
                RunId = settings.RunId,
                Leads = leads,
                Campaigns = settings.Campaigns,
                Start = settings.Until,
                DuplicateShare = settings.Duplicates,
                InvalidShare = settings.Invalid,
                LateShare = settings.Late,
                MetricShare = settings.Metrics,
            };
            var options = HistoryWindow.Options(template, settings.PlannedEvents / settings.Tenants, settings.Until);
            _tenants[t] = new BatchAssembler(new EventStream(options), t, settings.Batch);
        }
        _pregenerate = settings.Pregenerate && settings.Events is not null;
        // Pregenerated, the whole run waits in the channel: a 300,000-event run is about 80 MB of bodies.
        _capacity = _pregenerate ? int.MaxValue : Math.Max(4, settings.Concurrency * 4);
        _channel = Channel.CreateBounded<EventBatch>(new BoundedChannelOptions(_capacity)
        {
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public ChannelReader<EventBatch> Reader => _channel.Reader;

    /// <summary>Fills the channel until the budget is spent or <paramref name="stop"/> fires, then completes it.</summary>
    public Task RunAsync(CancellationToken stop) => Task.Run(async () =>
    {
        var remaining = _budget;
        var ended = new bool[_tenants.Length];
        var endedCount = 0;
        try
        {
            for (var t = 0; remaining > 0 && endedCount < _tenants.Length && !stop.IsCancellationRequested; t = (t + 1) % _tenants.Length)
            {
                if (ended[t])
                    continue;
                // Each tenant gets its share of what is left, so a run's events split evenly.
                var share = Math.Max(1, remaining / (_tenants.Length - endedCount));
                var batch = _tenants[t].Next(share);
                if (batch is null)
                {
                    ended[t] = true;
                    endedCount++;
                    continue;
                }
                if (batch.Kind != BatchKind.MetricReports)
                    remaining -= batch.Count;
                await _channel.Writer.WriteAsync(batch, stop);
                // Batches queued behind the one just cut (invalid, metric reports) go out before the next tenant's turn.
                while (_tenants[t].Next(0) is { } queued)
                {
                    if (queued.Kind != BatchKind.MetricReports)
                        remaining -= queued.Count;
                    await _channel.Writer.WriteAsync(queued, stop);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        finally
        {
            _channel.Writer.TryComplete();
        }
    }, CancellationToken.None);

    /// <summary>
    /// Waits until the generator is a full channel ahead (or done; pregenerated, until it is
    /// done), so the run's clock does not start while the first batches are still being generated.
    /// </summary>
    /// <param name="producing">The task <see cref="RunAsync"/> returned: a short run is primed when it is done.</param>
    public async Task PrimeAsync(Task producing, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + (_pregenerate ? TimeSpan.FromMinutes(10) : TimeSpan.FromSeconds(30));
        while (_channel.Reader.Count < _capacity && !producing.IsCompleted && DateTime.UtcNow < deadline)
            await Task.Delay(10, ct);
    }

    /// <summary>Metric reports still waiting for a full batch, to send when the run ends.</summary>
    public IEnumerable<EventBatch> FlushReports()
    {
        foreach (var tenant in _tenants)
        {
            if (tenant.Flush() is { } batch)
                yield return batch;
        }
    }

    /// <summary>Gives back the buffers of batches generated but never sent (a timed run's tail).</summary>
    public void DiscardUnsent()
    {
        while (_channel.Reader.TryRead(out var batch))
            batch.Dispose();
    }
}
