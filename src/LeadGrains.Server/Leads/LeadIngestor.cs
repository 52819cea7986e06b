using System.Diagnostics.Metrics;
using LeadGrains.Abstractions.Leads;
using LeadGrains.Domain.Events;
using Orleans.Concurrency;

namespace LeadGrains.Server.Leads;

/// <summary>
/// Fans a validated batch out to its lead grains: one call per lead per batch (activation, not
/// the call, is the expensive step), all in parallel, so they meet in the same group commits.
/// </summary>
public sealed class LeadIngestor(LeadGrainReferences leads)
{
    public const string MeterName = "LeadGrains.Ingest";
    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Accepted = Meter.CreateCounter<long>("leadgrains.events.accepted");
    private static readonly Counter<long> Duplicates = Meter.CreateCounter<long>("leadgrains.events.duplicates");

    /// <summary>
    /// Completes when every event is committed. If any lead's append fails, the whole call fails
    /// and the producer retries the batch: leads that did commit count those events as
    /// duplicates the second time, so the effect stays exactly once.
    /// </summary>
    public async Task<AppendResult> IngestAsync(string tenant, IReadOnlyList<LeadEvent> events)
    {
        // Two passes, so each lead's events go straight into an array of their exact size.
        var leadOf = new int[events.Count];
        var slots = new Dictionary<string, int>(events.Count, StringComparer.Ordinal);
        var counts = new List<int>(events.Count);
        for (var e = 0; e < events.Count; e++)
        {
            if (!slots.TryGetValue(events[e].LeadId, out var slot))
            {
                slots[events[e].LeadId] = slot = counts.Count;
                counts.Add(0);
            }
            counts[slot]++;
            leadOf[e] = slot;
        }
        var byLead = new LeadEvent[counts.Count][];
        for (var slot = 0; slot < byLead.Length; slot++)
        {
            byLead[slot] = new LeadEvent[counts[slot]];
            counts[slot] = 0;
        }
        for (var e = 0; e < events.Count; e++)
        {
            var slot = leadOf[e];
            byLead[slot][counts[slot]++] = events[e];
        }

        var calls = new Task<AppendResult>[byLead.Length];
        for (var slot = 0; slot < byLead.Length; slot++)
        {
            var leadEvents = byLead[slot];
            calls[slot] = leads.Get(tenant, leadEvents[0].LeadId).AppendAsync(new Immutable<LeadEvent[]>(leadEvents));
        }
        var results = await Task.WhenAll(calls);

        var (accepted, duplicates) = (0, 0);
        foreach (var r in results)
        {
            accepted += r.Accepted;
            duplicates += r.Duplicates;
        }
        Accepted.Add(accepted);
        Duplicates.Add(duplicates);
        return new AppendResult(accepted, duplicates);
    }
}
