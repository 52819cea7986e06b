using LeadGrains.Domain.Kpis;

namespace LeadGrains.Domain.Tests;

public class SourceComparisonTests
{
    private static CounterValues Source(double visits, double downloads, double leads, double qualified, double meetings) => CounterValues.Of(
        (Counters.WebSessions, visits), (Counters.WhitepaperDownloads, downloads), (Counters.LeadsAcquired, leads),
        (Counters.LeadsQualified, qualified), (Counters.Meetings, meetings));

    private static readonly Dictionary<string, CounterValues> SnsAndNewsletter = new()
    {
        ["sns"] = Source(visits: 2000, downloads: 10, leads: 10, qualified: 2, meetings: 0),
        ["newsletter"] = Source(visits: 150, downloads: 12, leads: 12, qualified: 4, meetings: 2),
    };

    [Fact]
    public void A_row_has_the_counts_and_the_rates_between_them()
    {
        var row = SourceComparison.Row("newsletter", SnsAndNewsletter["newsletter"]);

        Assert.Equal((150.0, 12.0, 12.0, 4.0, 2.0), (row.Visits, row.Downloads, row.LeadsAcquired, row.Qualified, row.Meetings));
        Assert.Equal(new KpiValue(0.08, 12, 150), row.DownloadRate);
        Assert.Equal(new KpiValue(4 / 12.0, 4, 12), row.QualificationRate);
        Assert.Equal(new KpiValue(0.5, 2, 4), row.MeetingRate);
    }

    [Fact]
    public void Downloads_include_document_requests()
    {
        var row = SourceComparison.Row("search", CounterValues.Of((Counters.WhitepaperDownloads, 3), (Counters.DocumentRequests, 2)));

        Assert.Equal(5, row.Downloads);
    }

    [Fact]
    public void A_source_with_no_visits_has_no_download_rate()
    {
        var row = SourceComparison.Row("seminar", Source(0, 5, 5, 1, 1));

        Assert.False(row.DownloadRate.HasValue);
    }

    [Fact]
    public void Sources_are_sorted_by_meetings_first()
    {
        var rows = SourceComparison.Compare(SnsAndNewsletter);

        Assert.Equal(["newsletter", "sns"], rows.Select(r => r.Source));
    }

    [Fact]
    public void Equal_sources_are_sorted_by_name()
    {
        var rows = SourceComparison.Compare(new Dictionary<string, CounterValues> { ["search"] = CounterValues.Empty, ["ads"] = CounterValues.Empty });

        Assert.Equal(["ads", "search"], rows.Select(r => r.Source));
    }

    [Fact]
    public void The_remark_sets_many_visits_and_few_downloads_against_few_visits_that_download_well()
    {
        var remarks = SourceComparison.Remarks(SourceComparison.Compare(SnsAndNewsletter));

        Assert.Equal(
            "sns brings the most visits (2,000) but few downloads (0.5% of visits); newsletter reaches fewer (150 visits) but downloads well (8%).",
            remarks[0]);
    }

    [Fact]
    public void One_source_gives_no_remarks()
    {
        var remarks = SourceComparison.Remarks(SourceComparison.Compare(new Dictionary<string, CounterValues> { ["sns"] = SnsAndNewsletter["sns"] }));

        Assert.Empty(remarks);
    }
}
