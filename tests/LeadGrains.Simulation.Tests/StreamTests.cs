using LeadGrains.Domain.Kpis;
using LeadGrains.Simulation.Streams;

namespace LeadGrains.Simulation.Tests;

public sealed class StreamTests
{
    [Fact]
    public void Duplicates_re_send_an_earlier_event_byte_for_byte_at_the_chosen_share()
    {
        var items = Generated.Stream(Generated.Options(duplicates: 0.05), 20_000);
        var sent = new HashSet<string>();
        var duplicates = 0;

        foreach (var (kind, json) in items)
        {
            var text = System.Text.Encoding.UTF8.GetString(json);
            if (kind == ItemKind.Duplicate)
            {
                Assert.Contains(text, sent);
                duplicates++;
            }
            else
            {
                Assert.True(sent.Add(text), "a first send repeated an earlier event");
            }
        }
        Assert.InRange(duplicates / 20_000.0, 0.04, 0.06);
    }

    [Fact]
    public void Late_events_arrive_after_later_ones_at_about_the_chosen_share()
    {
        // A window sized for more than is read, so no new season (which starts over in time) is counted.
        var events = Generated.Stream(Generated.Options(plannedEvents: 100_000, late: 0.05), 20_000).Select(i => Generated.At(Generated.Event(i.Json))).ToList();
        var latest = DateTimeOffset.MinValue;
        var outOfOrder = 0;

        foreach (var at in events)
        {
            if (at < latest)
                outOfOrder++;
            else
                latest = at;
        }

        Assert.InRange(outOfOrder / 20_000.0, 0.03, 0.07);
    }

    [Fact]
    public void Invalid_events_appear_at_the_chosen_share_in_every_kind()
    {
        var items = Generated.Stream(Generated.Options(invalid: 0.05), 20_000);
        var invalid = items.Where(i => i.Kind == ItemKind.Invalid).Select(i => Generated.Event(i.Json)).ToList();

        Assert.InRange(invalid.Count / 20_000.0, 0.04, 0.06);
        Assert.Contains(invalid, e => e.LeadId is null);
        Assert.Contains(invalid, e => e.Type == "email.forwarded");
        Assert.Contains(invalid, e => e.Source == "Search Engine!");
        Assert.Contains(invalid, e => e.OccurredAt == "yesterday at noon");
    }

    [Fact]
    public void Metric_reports_come_at_the_chosen_share_with_known_metric_names()
    {
        var items = Generated.Stream(Generated.Options(metrics: 0.01), 20_000);
        var reports = items.Where(i => i.Kind == ItemKind.MetricReport)
            .Select(i => System.Text.Json.JsonSerializer.Deserialize(i.Json, Wire.WireJsonContext.Default.MetricReportRecord)!)
            .ToList();
        var events = items.Count - reports.Count;

        Assert.Equal(events / 100, reports.Count, tolerance: 1);
        Assert.All(reports, r =>
        {
            Assert.True(ChannelMetrics.TryParse(r.Metric, out _), r.Metric);
            Assert.InRange(r.Value, 0, ChannelMetricReport.MaxValue);
        });
        Assert.Equal(reports.Count, reports.Select(r => r.Id).Distinct().Count());
    }
}
