using System.Collections.Concurrent;
using LeadGrains.Abstractions.Leads;
using LeadGrains.Domain.Events;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace LeadGrains.Grains.Leads;

/// <summary>
/// The lead activations of this silo that take appends without an Orleans call. An Orleans call
/// to an active grain in the same silo still costs two messages, a callback registration and
/// three thread-pool hops; at one call per lead per batch that was about a quarter of the
/// server's CPU per event. A delivery here runs the same <see cref="LeadGrain.AppendAsync"/> as a
/// turn of the lead's own activation (its Orleans scheduler), so the grain stays the single,
/// one-turn-at-a-time writer of its lead. docs/decisions.md ("Local delivery") gives the rules.
/// </summary>
public sealed class LocalLeadActivations(IOptions<GrainCollectionOptions> collection)
{
    /// <summary>How often a lead fed by local deliveries asks to be kept: every half collection age.</summary>
    internal int KeepAliveEveryMs { get; } = (int)Math.Min(int.MaxValue / 2, collection.Value.CollectionAge.TotalMilliseconds / 2);

    /// <summary>How long it asks to be kept then: one and a half ages, so at least one age after any delivery.</summary>
    internal TimeSpan KeepAliveFor { get; } = collection.Value.CollectionAge * 1.5;

    /// <summary>
    /// The answer of a delivery that reached an activation already closing: the caller sends the
    /// append as an Orleans call instead, which reaches (or creates) the lead's next activation.
    /// Compared by reference.
    /// </summary>
    public static readonly AppendResult Moved = new(-1, -1);

    // Keyed by tenant and lead id, not by grain id: the ingest path then builds a lead's grain id
    // (a key string, its UTF-8 bytes and their hash) only for the leads it has to call.
    private readonly ConcurrentDictionary<(string Tenant, string LeadId), LeadGrain> _active = new();

    /// <summary>
    /// Delivers the lead's events to its activation in this silo, or answers null when it has
    /// none here (not active, or on another silo): then the caller makes the Orleans call. The task
    /// completes with the append's result after the commit, or with <see cref="Moved"/>.
    /// </summary>
    public Task<AppendResult>? TryDeliver(string tenant, string leadId, LeadEvent[] events) =>
        TryGet(tenant, leadId, out var grain) ? grain.Deliver(events) : null;

    /// <summary>The lead's activation in this silo, when it takes local deliveries now.</summary>
    internal bool TryGet(string tenant, string leadId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out LeadGrain? grain) =>
        _active.TryGetValue((tenant, leadId), out grain);

    internal void Add(string tenant, string leadId, LeadGrain grain) => _active[(tenant, leadId)] = grain;

    // Only this activation's entry: a later activation of the same lead may have replaced it.
    internal void Remove(string tenant, string leadId, LeadGrain grain) =>
        _active.TryRemove(new KeyValuePair<(string, string), LeadGrain>((tenant, leadId), grain));
}
