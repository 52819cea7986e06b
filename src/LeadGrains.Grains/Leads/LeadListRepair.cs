using LeadGrains.Abstractions.Leads;
using LeadGrains.Storage.Journal;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LeadGrains.Grains.Leads;

/// <summary>
/// Writes the list rows a silo that died had not written: for each lead named by a pending
/// entry of a silo that is not alive, the lead's grain (activated from snapshot and events)
/// writes its row, and then the entries go. Runs once when this silo has started (its list
/// reads wait for that, <see cref="ClusterLeadList"/>) and again whenever the cluster's
/// membership changes. Several silos may
/// repair the same entries at once: a row is never overwritten by an older one, and deleting an
/// entry twice is harmless. An entry of a silo still alive but not yet in this silo's view of
/// the membership is repaired too, which costs work and loses nothing.
/// </summary>
public sealed partial class LeadListRepair(
    ILeadStore store,
    IClusterMembershipService membership,
    IGrainFactory grains,
    IHostApplicationLifetime lifetime,
    ILogger<LeadListRepair> logger) : BackgroundService
{
    // Lead grains asked at once: enough to overlap their activations, few enough to leave the
    // silo its other work.
    private const int ConcurrentLeads = 256;

    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the start-up repair has run.</summary>
    public Task Started => _started.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // Grain calls need the silo started, and it starts as another hosted service.
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
            {
                await started.Task.WaitAsync(stoppingToken);
            }
            await RepairUntilDoneAsync(stoppingToken);
            _started.TrySetResult();
            await foreach (var _ in membership.MembershipUpdates.WithCancellation(stoppingToken))
            {
                await RepairUntilDoneAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RepairUntilDoneAsync(CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await RepairAsync(ct);
                return;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                LogRepairFailed(logger, e, attempt);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, attempt * 2)), ct);
            }
        }
    }

    private async Task RepairAsync(CancellationToken ct)
    {
        var alive = membership.CurrentSnapshot.Members.Values
            .Where(m => m.Status is not SiloStatus.Dead)
            .Select(m => m.SiloAddress.ToParsableString())
            .Append(store.ListOwner)
            .ToHashSet(StringComparer.Ordinal);
        var orphans = await store.ReadPendingListAsync(alive, ct);
        if (orphans.Count == 0)
        {
            return;
        }
        var leads = orphans.SelectMany(p => p.Leads).Distinct().ToList();
        await Parallel.ForEachAsync(leads, new ParallelOptions { MaxDegreeOfParallelism = ConcurrentLeads, CancellationToken = ct },
            async (lead, _) => await grains.GetGrain<ILeadGrain>(LeadKey.Format(lead.Tenant, lead.LeadId)).RelistAsync());
        foreach (var owner in orphans.GroupBy(p => p.Owner))
        {
            var seqs = owner.Select(p => p.Seq).ToList();
            await store.DeletePendingListAsync(owner.Key, seqs, ct);
            LogRepaired(logger, owner.Key, seqs.Count);
        }
        LogRepairedLeads(logger, leads.Count);
    }

    [LoggerMessage(EventId = 2102, Level = LogLevel.Information, Message = "Repaired the lead list after silo {Owner}: {Entries} pending entries")]
    private static partial void LogRepaired(ILogger logger, string owner, int entries);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Information, Message = "Lead list repair wrote {Leads} leads' rows")]
    private static partial void LogRepairedLeads(ILogger logger, int leads);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Warning, Message = "Lead list repair failed (attempt {Attempt}); retrying")]
    private static partial void LogRepairFailed(ILogger logger, Exception e, int attempt);
}
