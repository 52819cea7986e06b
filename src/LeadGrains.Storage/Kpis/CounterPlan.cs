using LeadGrains.Domain.Kpis;
using LeadGrains.Storage.Journal;

namespace LeadGrains.Storage.Kpis;

/// <summary>One first-occurrence row to try: the plan event it came from, its tenant and key.</summary>
public readonly record struct UniqueRow(int Event, string Tenant, Guid Key);

/// <summary>
/// The store-independent KPI half of a group commit. Before the insert it lists the
/// first-occurrence keys the events may claim; after it, from the events actually inserted,
/// the unique keys that went in and the transitions adopted, it builds the counter deltas the
/// same transaction adds. Both stores use it, so their counts cannot differ.
/// </summary>
public sealed class CounterPlan
{
    private readonly CommitPlan _plan;
    private readonly IReadOnlyList<AppendRequest> _requests;
    private readonly Dictionary<(string Tenant, Guid Key), CounterKey> _uniqueKeys = [];

    internal CounterPlan(CommitPlan plan, IReadOnlyList<AppendRequest> requests)
    {
        _plan = plan;
        _requests = requests;
        var candidates = new List<UniqueRow>();
        for (var i = 0; i < plan.Events.Count; i++)
        {
            var (request, je) = plan.Events[i];
            var tenant = requests[request].Tenant;
            foreach (var candidate in CounterContributions.UniqueCandidates(je.Event, requests[request].Zone))
            {
                var key = UniqueKeys.For(candidate);
                _uniqueKeys.TryAdd((tenant, key), candidate.Key);
                candidates.Add(new UniqueRow(i, tenant, key));
            }
        }
        // Writers that claim the same key (a web session shared by two leads) lock it in one order.
        candidates.Sort(static (a, b) =>
        {
            var t = string.CompareOrdinal(a.Tenant, b.Tenant);
            return t != 0 ? t : a.Key.CompareTo(b.Key);
        });
        UniqueCandidates = candidates;
    }

    /// <summary>Keys to insert for the events that go in; each one that is new is a first occurrence.</summary>
    public IReadOnlyList<UniqueRow> UniqueCandidates { get; }

    /// <param name="outcomes">What each request committed (from <see cref="CommitPlan.Resolve"/>).</param>
    /// <param name="inserted">Whether an event of a request was inserted.</param>
    /// <param name="firsts">The unique keys the insert reported as new.</param>
    internal Dictionary<string, CounterTable> Deltas(
        IReadOnlyList<AppendOutcome> outcomes,
        Func<int, JournalEvent, bool> inserted,
        IEnumerable<(string Tenant, Guid Key)> firsts)
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

        for (var i = 0; i < _requests.Count; i++)
        {
            var request = _requests[i];
            if (outcomes[i].Accepted == 0)
            {
                continue;
            }
            var table = TableOf(request.Tenant);
            // The first event stored for a lead with no row acquires it.
            var acquires = request.ExpectedVersion == 0;
            foreach (var e in request.Events)
            {
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
                foreach (var transition in applied.Transitions)
                {
                    foreach (var delta in CounterContributions.ForTransition(transition, applied.State.FirstTouch, request.Zone))
                    {
                        table.Add(delta);
                    }
                }
            }
        }

        foreach (var first in firsts)
        {
            TableOf(first.Tenant).Add(_uniqueKeys[first], 1);
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
