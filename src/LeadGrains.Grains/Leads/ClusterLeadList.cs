using LeadGrains.Storage;
using LeadGrains.Storage.Journal;

namespace LeadGrains.Grains.Leads;

/// <summary>
/// Makes the lead list show every acknowledged event before it is read: every active silo
/// flushes the rows its commits changed. A silo that dies meanwhile is skipped; its rows come
/// back with the repair of its pending entries (<see cref="LeadListRepair"/>).
/// </summary>
public sealed class ClusterLeadList(ILeadStore store, IClusterMembershipService membership, IGrainFactory grains)
{
    public async Task FlushAsync()
    {
        if (store.Kind == StorageKind.Sqlite)
        {
            return;   // one silo, and it writes each row in its commit
        }
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
