using System.Diagnostics;
using LeadGrains.Simulation.Batches;

namespace LeadGrains.LoadGen.Running;

/// <summary>
/// The two ways of sending. Closed loop: each of the concurrency workers sends its next batch as
/// soon as the last one is answered, so the server sets the pace. Open loop: batches are due at
/// the target rate whatever the answers; latency counts from the due time, so a server that falls
/// behind shows it in latency instead of quietly slowing the generator (coordinated omission).
/// </summary>
public sealed class Senders(LoadGenSettings settings, IngestClient client, RunStats stats, RunClock clock)
{
    /// <summary>An open-loop batch that starts later than this after its due time counts as late.</summary>
    public static readonly TimeSpan LateAfter = TimeSpan.FromMilliseconds(5);

    private int _metricsUnsupported;

    /// <summary>Set when the server answered 404 to metric reports: the run stops sending them.</summary>
    public bool MetricsUnsupported => Volatile.Read(ref _metricsUnsupported) == 1;

    /// <summary>Fired when the server refuses the key (401/403): nothing after that can succeed.</summary>
    public event Action<string>? Unauthorized;

    /// <summary>Fired once, on the first 404 from <c>POST /v1/metrics</c>.</summary>
    public event Action? MetricsNotSupported;

    public Task RunAsync(BatchFeed feed, CancellationToken stop) =>
        settings.Rate is { } rate ? OpenLoopAsync(feed, rate, stop) : ClosedLoopAsync(feed, stop);

    private Task ClosedLoopAsync(BatchFeed feed, CancellationToken stop)
    {
        var workers = new Task[settings.Concurrency];
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested && await WaitToReadAsync(feed, stop))
                {
                    while (!stop.IsCancellationRequested && feed.Reader.TryRead(out var batch))
                    {
                        if (clock.IsOver)
                        {
                            batch.Dispose();
                            return;
                        }
                        await SendAsync(batch, Stopwatch.GetTimestamp(), stop);
                    }
                }
            }, CancellationToken.None);
        }
        return Task.WhenAll(workers);
    }

    private async Task OpenLoopAsync(BatchFeed feed, double rate, CancellationToken stop)
    {
        using var slots = new SemaphoreSlim(settings.Concurrency, settings.Concurrency);
        var scheduledEvents = 0L;
        var lateTicks = (long)(LateAfter.TotalSeconds * Stopwatch.Frequency);
        try
        {
            while (!stop.IsCancellationRequested && await WaitToReadAsync(feed, stop))
            {
                while (!stop.IsCancellationRequested && feed.Reader.TryRead(out var batch))
                {
                    var due = clock.Start + (long)(scheduledEvents / rate * Stopwatch.Frequency);
                    if (batch.Kind != BatchKind.MetricReports)
                        scheduledEvents += batch.Count;
                    if (clock.IsOverAt(due))
                    {
                        batch.Dispose();
                        return;
                    }
                    await DelayUntilAsync(due, stop);
                    await slots.WaitAsync(stop);
                    var delay = Stopwatch.GetTimestamp() - due;
                    stats.Started(Math.Max(0, delay), delay > lateTicks);
                    _ = SendThenReleaseAsync(batch, due, slots, stop);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        finally
        {
            // Wait for what is in flight: every slot back.
            for (var i = 0; i < settings.Concurrency; i++)
                await slots.WaitAsync(CancellationToken.None);
        }
    }

    private async Task SendThenReleaseAsync(EventBatch batch, long due, SemaphoreSlim slots, CancellationToken stop)
    {
        try
        {
            await SendAsync(batch, due, stop);
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>Sends one batch and records it; <paramref name="since"/> is when its latency starts (its due time in open loop).</summary>
    public async Task SendAsync(EventBatch batch, long since, CancellationToken stop)
    {
        using (batch)
        {
            if (batch.Kind == BatchKind.MetricReports && MetricsUnsupported)
                return;
            var measured = clock.IsMeasured(since);
            stats.Sending(batch);
            SendOutcome outcome;
            try
            {
                outcome = await client.SendAsync(batch, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                outcome = SendOutcome.Failure(0, 0, "cancelled before the answer");
            }
            var end = Stopwatch.GetTimestamp();
            if (outcome.Kind == OutcomeKind.NotSupported && Interlocked.Exchange(ref _metricsUnsupported, 1) == 0)
                MetricsNotSupported?.Invoke();
            if (outcome.Kind == OutcomeKind.Unauthorized)
                Unauthorized?.Invoke(outcome.Problem ?? "401");
            stats.Completed(batch, outcome, Stopwatch.GetElapsedTime(since, end).TotalMilliseconds, measured, end);
        }
    }

    private static async Task<bool> WaitToReadAsync(BatchFeed feed, CancellationToken stop)
    {
        try
        {
            return await feed.Reader.WaitToReadAsync(stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Task.Delay is only good to about a millisecond; that is the open loop's scheduling precision.</summary>
    private static async Task DelayUntilAsync(long due, CancellationToken stop)
    {
        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
        if (wait > TimeSpan.FromMilliseconds(1))
            await Task.Delay(wait, stop);
    }
}
