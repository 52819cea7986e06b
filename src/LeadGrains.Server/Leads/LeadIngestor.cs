using System.Diagnostics.Metrics;
using LeadGrains.Abstractions.Leads;
using LeadGrains.Domain.Events;
using LeadGrains.Grains.Leads;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Configuration;

namespace LeadGrains.Server.Leads;

/// <summary>
/// Fans a validated batch out to its lead grains: one append per lead per batch, all in
/// parallel, so they meet in the same group commits. A lead active in this silo gets its append
/// as a local delivery to its activation (<see cref="LocalLeadActivations"/>); any other lead by
/// an Orleans call, which also activates it.
/// </summary>
public sealed class LeadIngestor(LeadGrainReferences leads, LocalLeadActivations local, IOptions<SiloMessagingOptions> messaging)
{
    public const string MeterName = "LeadGrains.Ingest";
    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Accepted = Meter.CreateCounter<long>("leadgrains.events.accepted");
    private static readonly Counter<long> Duplicates = Meter.CreateCounter<long>("leadgrains.events.duplicates");
    // Per lead per batch, by path: in a cluster, how many appends find their lead in the silo
    // that took the request.
    private static readonly Counter<long> Appends = Meter.CreateCounter<long>("leadgrains.ingest.appends");
    private static readonly KeyValuePair<string, object?> Local = new("delivery", "local");
    private static readonly KeyValuePair<string, object?> Called = new("delivery", "call");

    // Local deliveries have no Orleans response timeout of their own: the batch gets the same bound.
    private readonly TimeSpan _timeout = messaging.Value.ResponseTimeout;

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

        var appends = new Task<AppendResult>[byLead.Length];
        var delivered = 0;
        // The request's execution context does not flow into the grains' turns: Orleans suppresses
        // and restores its flow around every delivery it queues, which copies the context twice
        // per lead unless the flow is suppressed already, once, here.
        var suppressHere = !ExecutionContext.IsFlowSuppressed();
        var flow = suppressHere ? ExecutionContext.SuppressFlow() : default;
        try
        {
            for (var slot = 0; slot < byLead.Length; slot++)
            {
                var leadEvents = byLead[slot];
                if (local.TryDeliver(tenant, leadEvents[0].LeadId, leadEvents) is { } delivery)
                {
                    appends[slot] = delivery;
                    delivered++;
                }
                else
                {
                    appends[slot] = Call(leads.Id(tenant, leadEvents[0].LeadId), leadEvents);
                }
            }
        }
        finally
        {
            if (suppressHere)
            {
                flow.Undo();
            }
        }
        var results = await Task.WhenAll(appends).WaitAsync(_timeout);
        var moved = await CallMovedAsync(tenant, byLead, results);
        Appends.Add(delivered - moved, Local);
        Appends.Add(byLead.Length - delivered + moved, Called);

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

    /// <summary>
    /// Local deliveries that reached an activation as it closed go again as Orleans calls, which
    /// reach the lead's next activation; their results replace <see cref="LocalLeadActivations.Moved"/>.
    /// </summary>
    private async Task<int> CallMovedAsync(string tenant, LeadEvent[][] byLead, AppendResult[] results)
    {
        List<int>? moved = null;
        for (var slot = 0; slot < results.Length; slot++)
        {
            if (ReferenceEquals(results[slot], LocalLeadActivations.Moved))
            {
                (moved ??= []).Add(slot);
            }
        }
        if (moved is null)
        {
            return 0;
        }
        var again = await Task.WhenAll(moved.Select(slot => Call(leads.Id(tenant, byLead[slot][0].LeadId), byLead[slot]))).WaitAsync(_timeout);
        for (var i = 0; i < moved.Count; i++)
        {
            results[moved[i]] = again[i];
        }
        return moved.Count;
    }

    private Task<AppendResult> Call(GrainId lead, LeadEvent[] events) =>
        leads.Get(lead).AppendAsync(new Immutable<LeadEvent[]>(events));
}
