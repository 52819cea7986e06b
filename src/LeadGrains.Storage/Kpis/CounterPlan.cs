using LeadGrains.Domain.Kpis;
using LeadGrains.Storage.Journal;

namespace LeadGrains.Storage.Kpis;

/// <summary>
/// The store-independent KPI half of a group commit: from the events actually inserted and the
/// changes adopted, the counter deltas the same transaction adds. Unique counts come from the
/// leads' own first-occurrence decisions (<see cref="LeadChanges.FirstOccurrences"/>), made
/// over exactly the inserted events. Both stores use it, so their counts cannot differ.
/// </summary>
public static class CounterPlan
{
    /// <param name="requests">The group commit's requests.</param>
    /// <param name="outcomes">What each request committed (from <see cref="CommitPlan.Resolve"/>).</param>
    /// <param name="inserted">Whether an event of a request was inserted.</param>
    internal static Dictionary<string, CounterTable> Deltas(
        IReadOnlyList<AppendRequest> requests,
        IReadOnlyList<AppendOutcome> outcomes,
        Func<int, JournalEvent, bool> inserted)
    {
        var byTenant = new Dictionary<string, CounterTable>(StringComparer.Ordinal);
        CounterTable TableOf(string tenant)
        {
            if (!byTenant.TryGetValue(tenant, out var table))
            {
                byTenant[tenant] = table = new CounterTable();
            }
            return table;
        }

        for (var i = 0; i < requests.Count; i++)
        {
            var request = requests[i];
            if (outcomes[i].Accepted == 0)
            {
                continue;
            }
            var table = TableOf(request.Tenant);
            // The first event stored for a lead with no row acquires it.
            var acquires = request.ExpectedVersion == 0;
            for (var j = 0; j < request.Events.Count; j++)
            {
                var e = request.Events[j];
                if (!inserted(i, e))
                {
                    continue;
                }
                var context = acquires ? Acquiring : ContributionContext.None;
                acquires = false;
                CounterContributions.AddEvent(table, e.Event, request.Zone, context);
            }
            if (outcomes[i].Applied is { } applied)
            {
                for (var k = 0; k < applied.FirstOccurrences.Count; k++)
                {
                    table.Add(applied.FirstOccurrences[k], 1);
                }
                for (var t = 0; t < applied.Transitions.Count; t++)
                {
                    var transition = applied.Transitions[t];
                    foreach (var delta in CounterContributions.ForTransition(transition, applied.State.FirstTouch, request.Zone))
                    {
                        table.Add(delta);
                    }
                }
            }
        }
        return byTenant;
    }

    private static readonly ContributionContext Acquiring = new() { AcquiresLead = true };

    /// <summary>Every (tenant, key, amount) in a stable order: the order rows are upserted in.</summary>
    public static List<(string Tenant, CounterKey Key, double Amount)> Rows(IReadOnlyDictionary<string, CounterTable> byTenant)
    {
        var rows = new List<(string Tenant, CounterKey Key, double Amount)>();
        foreach (var (tenant, table) in byTenant)
        {
            foreach (var (key, amount) in table.Entries)
            {
                if (amount != 0)
                {
                    rows.Add((tenant, key, amount));
                }
            }
        }
        rows.Sort(static (a, b) =>
        {
            var t = string.CompareOrdinal(a.Tenant, b.Tenant);
            return t != 0 ? t : CounterColumns.Compare(a.Key, b.Key);
        });
        return rows;
    }
}
