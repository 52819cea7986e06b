using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using LeadGrains.Storage.Kpis;

namespace LeadGrains.Storage.Journal;

/// <summary>
/// The per-silo group-commit writer. Lead grains hand it append requests; each writer loop
/// takes whatever has queued up while the previous transaction ran and commits it as one
/// transaction, so the store sees a few large commits instead of one per event. A request's
/// task completes only after its transaction has committed: that is what the 202 waits for.
/// </summary>
public sealed partial class JournalWriter : IAsyncDisposable
{
    public const string MeterName = "LeadGrains.Journal";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Commits = Meter.CreateCounter<long>("leadgrains.journal.commits");
    private static readonly Counter<long> EventsCommitted = Meter.CreateCounter<long>("leadgrains.events.committed");
    private static readonly Histogram<double> CommitDuration =
        Meter.CreateHistogram<double>("leadgrains.journal.commit.duration", unit: "s");
    // The shape of the group commits (many tiny ones beside a few huge ones is a sign of an
    // unbalanced journal) is not visible from the commit count and duration alone.
    private static readonly Histogram<int> CommitEvents =
        Meter.CreateHistogram<int>("leadgrains.journal.commit.events", unit: "{event}");

    private readonly ILeadStore _store;
    private readonly IKpiCommitSink _kpis;
    private readonly JournalOptions _options;
    private readonly ILogger<JournalWriter> _logger;
    private readonly Channel<AppendRequest> _queue;
    private readonly Task[] _writers;

    public JournalWriter(ILeadStore store, IOptions<JournalOptions> options, ILogger<JournalWriter> logger, IKpiCommitSink? kpis = null)
    {
        _store = store;
        _kpis = kpis ?? NoKpiCommitSink.Instance;
        _options = options.Value;
        _logger = logger;
        _queue = Channel.CreateBounded<AppendRequest>(new BoundedChannelOptions(_options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = false,
            SingleWriter = false,
        });
        var writers = store.Kind == StorageKind.Sqlite ? 1 : _options.Writers;
        // Each writer adds counter deltas to a shard of its own, so writers never contend on a
        // counter row. The name is unique per writer instance (not reused across restarts): a
        // KPI grain's seen-sequence bookkeeping is only exact if one writer owns a shard.
        _writers = Enumerable.Range(0, writers)
            .Select(i => Task.Run(() => RunAsync(CounterColumns.NewShardName(i.ToString(System.Globalization.CultureInfo.InvariantCulture)))))
            .ToArray();
    }

    /// <summary>Appends one lead's events; completes after the commit with what was accepted.</summary>
    public Task<AppendOutcome> AppendAsync(AppendRequest request, CancellationToken ct = default)
    {
        // The common case, a queue with room, costs no state machine and no extra continuation:
        // this runs once per lead per batch.
        return _queue.Writer.TryWrite(request) ? request.Completion.Task.WaitAsync(ct) : QueueAsync(request, ct);
    }

    private async Task<AppendOutcome> QueueAsync(AppendRequest request, CancellationToken ct)
    {
        await _queue.Writer.WriteAsync(request, ct).ConfigureAwait(false);
        return await request.Completion.Task.WaitAsync(ct).ConfigureAwait(false);
    }

    private async Task RunAsync(string shardName)
    {
        int? shard = null;
        var batch = new List<AppendRequest>();
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync())
        {
            batch.Clear();
            var events = 0;
            while (events < _options.MaxEventsPerCommit && reader.TryRead(out var request))
            {
                batch.Add(request);
                events += request.Events.Count;
            }
            if (batch.Count > 0)
            {
                try
                {
                    shard ??= await _store.RegisterShardAsync(shardName, CancellationToken.None);
                }
                catch (Exception e)
                {
                    LogCommitFailed(_logger, e, batch.Count, events);
                    Fail(batch, e);
                    continue;
                }
                await CommitAsync(batch, events, shard.Value);
            }
        }
    }

    private static void Fail(List<AppendRequest> batch, Exception e)
    {
        foreach (var r in batch)
        {
            r.Completion.TrySetException(new JournalUnavailableException(e));
        }
    }

    private async Task CommitAsync(List<AppendRequest> batch, int events, int shard)
    {
        // A conflict fails only the leads it names; the rest are committed in a retry.
        while (batch.Count > 0)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                var (outcomes, kpis) = await _store.CommitAsync(batch, shard, CancellationToken.None);
                if (kpis is not null)
                {
                    // Before the grains hear of the commit, so the feed sees a shard's commits in order.
                    _kpis.Committed(kpis);
                }
                CommitDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
                Commits.Add(1);
                CommitEvents.Record(events);
                EventsCommitted.Add(outcomes.Sum(o => o.Accepted));
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Completion.TrySetResult(outcomes[i]);
                }
                return;
            }
            catch (LeadVersionConflictException conflict)
            {
                LogConflict(_logger, conflict.Leads.Count);
                var conflicted = conflict.Leads.ToHashSet();
                foreach (var r in batch.Where(r => conflicted.Contains((r.Tenant, r.LeadId))))
                {
                    r.Completion.TrySetException(conflict);
                }
                batch.RemoveAll(r => conflicted.Contains((r.Tenant, r.LeadId)));
            }
            catch (Exception e)
            {
                LogCommitFailed(_logger, e, batch.Count, events);
                Fail(batch, e);
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_writers);
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Journal commit of {Requests} requests ({Events} events) failed")]
    private static partial void LogCommitFailed(ILogger logger, Exception e, int requests, int events);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "{Leads} lead(s) had a version conflict; their grains will reload")]
    private static partial void LogConflict(ILogger logger, int leads);
}

/// <summary>The store could not commit; nothing of the request was acknowledged. Safe to retry.</summary>
public sealed class JournalUnavailableException(Exception inner)
    : Exception("The event journal is unavailable: " + inner.Message, inner);
