using LeadGrains.Grains.Placement;
using LeadGrains.Storage.Journal;
using Orleans.Concurrency;
using Orleans.Placement;

namespace LeadGrains.Grains.Leads;

/// <summary>One per silo (keyed by its address): flushes that silo's lead list on request.</summary>
public interface ILeadListFlushGrain : IGrainWithStringKey
{
    Task FlushAsync();
}

/// <summary>
/// Reentrant: concurrent list reads queue on the store's own flush lock, where each one after
/// the first writes only what came in meanwhile.
/// </summary>
[SiloPinnedPlacement, Immovable, Reentrant]
public sealed class LeadListFlushGrain(ILeadStore store, ILocalSiloDetails silo) : Grain, ILeadListFlushGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken) =>
        this.GetPrimaryKeyString() == silo.SiloAddress.ToParsableString()
            ? Task.CompletedTask
            : throw new InvalidOperationException($"A list flush grain for {this.GetPrimaryKeyString()} was placed on {silo.SiloAddress}.");

    public Task FlushAsync() => store.FlushListAsync(CancellationToken.None);
}
