using Orleans.Placement;
using Orleans.Runtime.Placement;

namespace LeadGrains.Grains.Placement;

/// <summary>
/// Places a grain on the silo its key names (<c>SiloAddress.ToParsableString()</c>), so a caller
/// can reach every silo once: one grain per silo, keyed by the silos membership lists.
/// </summary>
public sealed class SiloPinnedPlacement : PlacementStrategy;

[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class SiloPinnedPlacementAttribute() : PlacementAttribute(new SiloPinnedPlacement());

/// <summary>
/// Never places elsewhere: an activation on another silo would answer for a silo it is not. A
/// key whose silo is gone fails the call with <see cref="SiloUnavailableException"/>.
/// </summary>
public sealed class SiloPinnedPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var key = target.GrainIdentity.Key.ToString()!;
        var wanted = SiloAddress.FromParsableString(key);
        foreach (var silo in context.GetCompatibleSilos(target))
        {
            if (silo.Equals(wanted))
            {
                return Task.FromResult(silo);
            }
        }
        throw new SiloUnavailableException($"Silo {key} is not an active silo of this cluster.");
    }
}
