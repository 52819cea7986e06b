using LeadGrains.Domain.Events;
using Orleans.Concurrency;

namespace LeadGrains.Abstractions.Leads;

/// <summary>
/// One lead: the single writer of its events and the live truth of its score and stage.
/// Keyed by <see cref="LeadKey"/>.
/// </summary>
public interface ILeadGrain : IGrainWithStringKey
{
    /// <summary>
    /// Appends events of this lead. Completes after they are committed to the journal; ids
    /// already stored are counted as duplicates and change nothing.
    /// </summary>
    Task<AppendResult> AppendAsync(Immutable<LeadEvent[]> events);

    /// <summary>The lead's live state, or null when the lead has no events.</summary>
    Task<LeadView?> GetAsync(bool explain);

    /// <summary>
    /// Writes the lead's row in the lead list from its state now, unless the stored row is as new:
    /// the repair of rows a silo that died had not written.
    /// </summary>
    Task RelistAsync();
}

[GenerateSerializer, Immutable, Alias("lg.AppendResult.v1")]
public sealed record AppendResult([property: Id(0)] int Accepted, [property: Id(1)] int Duplicates);
