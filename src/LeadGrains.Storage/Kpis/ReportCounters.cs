using LeadGrains.Domain.Kpis;

namespace LeadGrains.Storage.Kpis;

/// <summary>The counter deltas of channel reports that were stored (not duplicates).</summary>
internal static class ReportCounters
{
    public static Dictionary<string, CounterTable> Deltas(string tenant, IReadOnlyList<ChannelMetricReport> accepted, TimeZoneInfo zone)
    {
        var result = new Dictionary<string, CounterTable>(StringComparer.Ordinal);
        if (accepted.Count == 0)
        {
            return result;
        }
        var table = new CounterTable();
        foreach (var report in accepted)
        {
            table.AddRange(CounterContributions.ForReport(report, zone));
        }
        result[tenant] = table;
        return result;
    }
}
