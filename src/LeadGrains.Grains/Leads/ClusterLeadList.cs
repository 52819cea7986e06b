using LeadGrains.Storage.Journal;

namespace LeadGrains.Grains.Leads;

/// <summary>
/// Makes the lead list show every acknowledged event before it is read: every active silo
/// flushes the rows its commits changed. A silo that dies meanwhile is skipped; its rows come
/// back with the repair of its pending entries (<see cref="LeadListRepair"/>). Right after
/// this silo starts, a read first waits for the start-up repair of silos that died before.
/// </summary>
public sealed class ClusterLeadList(ILeadStore store, IClusterMembershipService membership, IGrainFactory grains, LeadListRepair repair)
{
    // A read that waits longer answers 503 with Retry-After (a TimeoutException is transient).
    private static readonly TimeSpan StartupRepairWait = TimeSpan.FromSeconds(30);

    public async Task FlushAsync()
    {
        if (!store.ListWrittenBehind)
        {
            return;   // each commit wrote its rows
        }
        await repair.Started.WaitAsync(StartupRepairWait);
        var silos = membership.CurrentSnapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Active)
            .Select(m => m.SiloAddress.ToParsableString());
        await Task.WhenAll(silos.Select(FlushAsync));
    }

    private async Task FlushAsync(string silo)
    {
        try
        {
            await grains.GetGrain<ILeadListFlushGrain>(silo).FlushAsync();
        }
        catch (SiloUnavailableException)
        {
            // Dying or dead: the repair writes what it held.
        }
    }
}
