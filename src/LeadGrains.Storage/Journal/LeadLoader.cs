using System.Threading.Channels;

namespace LeadGrains.Storage.Journal;

/// <summary>
/// Batches the reads of activating lead grains (snapshot and the events after it): a 1,000-event
/// batch that brings 1,000 leads to activation costs a few multi-key queries, not 1,000 round
/// trips. Each loop takes every request queued while its previous query ran.
/// </summary>
public sealed class LeadLoader : IAsyncDisposable
{
    private const int MaxKeysPerQuery = 2_000;

    private readonly ILeadStore _store;
    private readonly Channel<(string Tenant, string LeadId, TaskCompletionSource<StoredLeadState?> Done)> _queue =
        Channel.CreateUnbounded<(string, string, TaskCompletionSource<StoredLeadState?>)>();
    private readonly Task[] _loops;

    public LeadLoader(ILeadStore store)
    {
        _store = store;
        _loops = Enumerable.Range(0, store.Kind == StorageKind.Sqlite ? 1 : 2).Select(_ => Task.Run(RunAsync)).ToArray();
    }

    public Task<StoredLeadState?> LoadAsync(string tenant, string leadId)
    {
        var done = new TaskCompletionSource<StoredLeadState?>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((tenant, leadId, done)))
        {
            throw new InvalidOperationException("The lead loader has stopped.");
        }
        return done.Task;
    }

    private async Task RunAsync()
    {
        var pending = new List<(string Tenant, string LeadId, TaskCompletionSource<StoredLeadState?> Done)>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            pending.Clear();
            while (pending.Count < MaxKeysPerQuery && _queue.Reader.TryRead(out var item))
            {
                pending.Add(item);
            }
            if (pending.Count == 0)
            {
                continue;
            }
            try
            {
                var keys = pending.Select(p => (p.Tenant, p.LeadId)).Distinct().ToList();
                var found = await _store.LoadLeadsAsync(keys, CancellationToken.None);
                foreach (var p in pending)
                {
                    p.Done.TrySetResult(found.GetValueOrDefault((p.Tenant, p.LeadId)));
                }
            }
            catch (Exception e)
            {
                foreach (var p in pending)
                {
                    p.Done.TrySetException(e);
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_loops);
    }
}
