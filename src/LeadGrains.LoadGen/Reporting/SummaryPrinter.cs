using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace LeadGrains.LoadGen.Reporting;

/// <summary>The summary as a table for people, and as JSON for scripts.</summary>
public static class SummaryPrinter
{
    public static void Print(IAnsiConsole console, RunSummary s)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("measure").AddColumn(new TableColumn("value").RightAligned());
        void Row(string name, string value) => table.AddRow(Markup.Escape(name), Markup.Escape(value));

        Row("mode", s.Mode == "open" ? $"open loop at {N(s.TargetRate ?? 0)} events/s" : "closed loop");
        Row("batch × concurrency", $"{N(s.Batch)} × {N(s.Concurrency)}");
        Row("tenants / leads / campaigns", $"{N(s.Tenants)} / {N(s.Leads)} / {N(s.Campaigns)}");
        Row("sent", $"{N(s.Sent)} events in {N(s.Batches)} batches ({N(s.DuplicatesSent)} re-sent, {N(s.InvalidSent)} invalid)");
        Row("acknowledged", N(s.Acknowledged));
        Row("duplicates (server)", N(s.Duplicates));
        Row("rejected", $"{N(s.Rejected)} ({N(s.RejectedBatches)} batches)");
        Row("errors", $"{N(s.Errors)} ({N(s.ErrorBatches)} batches, {N(s.Retries)} retries)");
        Row("duration (measured)", $"{s.DurationSeconds:F2} s" + (s.WarmupSeconds > 0 ? $" after {s.WarmupSeconds:0.#} s warm-up" : ""));
        Row("acknowledged events/s", N(Math.Round(s.EventsPerSecond)));
        Row("latency p50 / p90 / p99", $"{s.LatencyMs.P50:F1} / {s.LatencyMs.P90:F1} / {s.LatencyMs.P99:F1} ms");
        Row("latency max / mean", $"{s.LatencyMs.Max:F1} / {s.LatencyMs.Mean:F1} ms");
        if (s.Mode == "open")
            Row("late batches", $"{N(s.LateBatches)} (max start delay {s.MaxStartDelayMs:F1} ms)");
        Row("metric reports", s.MetricReports.Supported
            ? $"{N(s.MetricReports.Sent)} sent, {N(s.MetricReports.Acknowledged)} acknowledged"
            : $"{N(s.MetricReports.Sent)} sent; not supported by this server");
        if (!s.Completed)
            Row("status", "stopped early");
        console.Write(table);
        foreach (var problem in s.Problems)
            console.MarkupLineInterpolated($"[yellow]problem:[/] {problem}");
    }

    public static async Task WriteJsonAsync(string path, RunSummary summary, CancellationToken ct)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
            Directory.CreateDirectory(directory);
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, summary, SummaryJsonContext.Default.RunSummary, ct);
    }

    private static string N(double value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);
}
