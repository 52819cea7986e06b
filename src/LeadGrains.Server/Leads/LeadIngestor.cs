using System.Diagnostics.Metrics;
using LeadGrains.Abstractions.Leads;
using LeadGrains.Domain.Events;
using Orleans.Concurrency;

namespace LeadGrains.Server.Leads;

/// <summary>
/// Fans a validated batch out to its lead grains: one call per lead per batch (activation, not
/// the call, is the expensive step), all in parallel, so they meet in the same group commits.
/// </summary>
public sealed class LeadIngestor(IGrainFactory grains)
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
        var byLead = new Dictionary<string, List<LeadEvent>>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            if (!byLead.TryGetValue(e.LeadId, out var list))
            {
                byLead[e.LeadId] = list = [];
            }
            list.Add(e);
        }

        var calls = new Task<AppendResult>[byLead.Count];
        var i = 0;
        foreach (var (leadId, leadEvents) in byLead)
        {
            calls[i++] = grains.GetGrain<ILeadGrain>(LeadKey.Format(tenant, leadId))
                .AppendAsync(new Immutable<LeadEvent[]>([.. leadEvents]));
        }
        var results = await Task.WhenAll(calls);

        var accepted = results.Sum(r => r.Accepted);
        var duplicates = results.Sum(r => r.Duplicates);
        Accepted.Add(accepted);
        Duplicates.Add(duplicates);
        return new AppendResult(accepted, duplicates);
    }
}
