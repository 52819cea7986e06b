using System.Globalization;

namespace LeadGrains.Domain.Kpis;

/// <summary>
/// One inflow source side by side with the others. Visits are web sessions
/// (<c>web.visits</c>), downloads are whitepaper downloads plus document requests
/// (<c>funnel.downloads</c>), both by the event's source; leads, qualified leads and meetings
/// are by the lead's first-touch source (see <see cref="CounterContributions.ForTransition"/>).
/// </summary>
public sealed record SourceRow(
    string Source,
    double Visits,
    double Downloads,
    double LeadsAcquired,
    double Qualified,
    double Meetings,
    KpiValue DownloadRate,
    KpiValue QualificationRate,
    KpiValue MeetingRate);

public static class SourceComparison
{
    /// <summary>
    /// Rows per source, best first: by meetings, then qualified leads, downloads and visits
    /// (all descending), then by name so equal sources keep a stable order.
    /// </summary>
    public static IReadOnlyList<SourceRow> Compare(IReadOnlyDictionary<string, CounterValues> bySource) =>
        bySource
            .Select(kv => Row(kv.Key, kv.Value))
            .OrderByDescending(r => r.Meetings)
            .ThenByDescending(r => r.Qualified)
            .ThenByDescending(r => r.Downloads)
            .ThenByDescending(r => r.Visits)
            .ThenBy(r => r.Source, StringComparer.Ordinal)
            .ToList();

    public static SourceRow Row(string source, CounterValues c) => new(
        source,
        MeasureCatalog.WebVisits.Evaluate(c).Value!.Value,
        MeasureCatalog.Downloads.Evaluate(c).Value!.Value,
        MeasureCatalog.LeadsAcquired.Evaluate(c).Value!.Value,
        MeasureCatalog.LeadsQualified.Evaluate(c).Value!.Value,
        MeasureCatalog.Meetings.Evaluate(c).Value!.Value,
        MeasureCatalog.DownloadRate.Evaluate(c),
        MeasureCatalog.QualificationRate.Evaluate(c),
        MeetingRate: MeasureCatalog.MeetingConversionRate.Evaluate(c));

    /// <summary>
    /// Short remarks in the seeds' spirit ("SNS brings many visits but few downloads; the
    /// newsletter reaches few but downloads well"): the source with the most visits set against
    /// the one that turns visits into downloads best, when they differ.
    /// </summary>
    public static IReadOnlyList<string> Remarks(IReadOnlyList<SourceRow> rows)
    {
        var remarks = new List<string>();
        var withRate = rows.Where(r => r.DownloadRate.HasValue).ToList();
        if (withRate.Count < 2)
        {
            return remarks;
        }
        var mostVisits = withRate.OrderByDescending(r => r.Visits).ThenBy(r => r.Source, StringComparer.Ordinal).First();
        var bestRate = withRate.OrderByDescending(r => r.DownloadRate.Value).ThenBy(r => r.Source, StringComparer.Ordinal).First();
        if (mostVisits != bestRate && bestRate.DownloadRate.Value > mostVisits.DownloadRate.Value)
        {
            remarks.Add(
                $"{mostVisits.Source} brings the most visits ({N(mostVisits.Visits)}) but few downloads ({P(mostVisits.DownloadRate.Value!.Value)} of visits); " +
                $"{bestRate.Source} reaches fewer ({N(bestRate.Visits)} visits) but downloads well ({P(bestRate.DownloadRate.Value!.Value)}).");
        }
        var bestMeetings = rows.Where(r => r.MeetingRate.HasValue).OrderByDescending(r => r.MeetingRate.Value).ThenBy(r => r.Source, StringComparer.Ordinal).FirstOrDefault();
        if (bestMeetings is not null && rows.Count(r => r.MeetingRate.HasValue) >= 2)
        {
            remarks.Add($"{bestMeetings.Source} turns qualified leads into meetings best ({P(bestMeetings.MeetingRate.Value!.Value)}).");
        }
        return remarks;
    }

    private static string N(double v) => v.ToString("#,0", CultureInfo.InvariantCulture);

    private static string P(double ratio) => (ratio * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
