using System.Diagnostics;
using System.Globalization;
using LeadGrains.LoadGen.Reporting;
using LeadGrains.Simulation.Batches;
using Spectre.Console;

namespace LeadGrains.LoadGen.Running;

/// <summary>One run: keys, generator and senders started together, then the summary.</summary>
public static class LoadGenApp
{
    public static async Task<int> RunAsync(LoadGenSettings settings, CancellationToken ct)
    {
        if (settings.DryRun)
            return await DryRunAsync(settings, ct);

        IReadOnlyList<string> keys;
        using (var setup = new HttpClient { BaseAddress = settings.Url, Timeout = TimeSpan.FromSeconds(30) })
        {
            try
            {
                using var ready = await setup.GetAsync("/health/ready", ct);
                if (!ready.IsSuccessStatusCode)
                {
                    await Console.Error.WriteLineAsync($"The server at {settings.Url} is not ready ({(int)ready.StatusCode}).");
                    return ExitCodes.Aborted;
                }
                keys = await TenantKeys.ForAsync(setup, settings, ct);
            }
            catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TaskCanceledException)
            {
                await Console.Error.WriteLineAsync($"Cannot start against {settings.Url}: {e.Message}");
                return ExitCodes.Aborted;
            }
        }

        var stats = new RunStats();
        using var client = new IngestClient(settings.Url, keys, settings.Concurrency, settings.RequestTimeout, settings.MaxRetries);
        var feed = new BatchFeed(settings);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var stopProducing = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
        string? abortReason = null;

        var producing = feed.RunAsync(stopProducing.Token);
        await feed.PrimeAsync(producing, ct);
        var startedAt = DateTimeOffset.UtcNow;
        var clock = new RunClock(settings.Warmup, settings.Duration);
        var senders = new Senders(settings, client, stats, clock);
        senders.Unauthorized += problem =>
        {
            abortReason ??= $"The server refused the API key: {problem}";
            stop.Cancel();
        };
        senders.MetricsNotSupported += () =>
            Console.Error.WriteLine("warning: the server answered 404 to POST /v1/metrics; no more metric reports are sent.");

        var sending = senders.RunAsync(feed, stop.Token);
        await new LiveView(settings, stats, clock).ShowUntilAsync(sending);
        await stopProducing.CancelAsync();
        await producing;
        feed.DiscardUnsent();

        foreach (var reports in feed.FlushReports())
        {
            if (stop.IsCancellationRequested)
                reports.Dispose();
            else
                await senders.SendAsync(reports, Stopwatch.GetTimestamp(), stop.Token);
        }

        var summary = Summarise(settings, stats, clock, startedAt, !senders.MetricsUnsupported, completed: !stop.IsCancellationRequested);
        SummaryPrinter.Print(AnsiConsole.Console, summary);
        if (settings.JsonPath is { } path)
            await SummaryPrinter.WriteJsonAsync(path, summary, CancellationToken.None);
        if (abortReason is not null)
            await Console.Error.WriteLineAsync(abortReason);
        return summary.Completed ? ExitCodes.Completed : ExitCodes.Aborted;
    }

    public static RunSummary Summarise(
        LoadGenSettings settings, RunStats stats, RunClock clock, DateTimeOffset startedAt, bool metricsSupported, bool completed)
    {
        var lastEnd = stats.LastMeasuredEnd;
        var duration = lastEnd > clock.MeasuredFrom ? Stopwatch.GetElapsedTime(clock.MeasuredFrom, lastEnd).TotalSeconds : 0;
        return new RunSummary
        {
            Mode = settings.Mode,
            TargetRate = settings.Rate,
            Batch = settings.Batch,
            Concurrency = settings.Concurrency,
            Seed = settings.Seed,
            Leads = settings.Leads,
            Tenants = settings.Tenants,
            Campaigns = settings.Campaigns,
            Sent = stats.Sent,
            Acknowledged = stats.Acknowledged,
            Duplicates = stats.Duplicates,
            Rejected = stats.Rejected,
            Errors = stats.Errors,
            Batches = stats.Batches,
            DurationSeconds = Math.Round(duration, 3),
            EventsPerSecond = duration > 0 ? Math.Round(stats.MeasuredCompleted / duration, 1) : 0,
            LatencyMs = stats.Latency.Summarise(),
            MetricReports = new MetricReportSummary(stats.ReportsSent, stats.ReportsAcknowledged, stats.ReportsDuplicates, metricsSupported),
            StartedAt = startedAt,
            Url = settings.Url.ToString().TrimEnd('/'),
            RunId = settings.RunId,
            WarmupSeconds = settings.Warmup.TotalSeconds,
            DuplicatesSent = stats.DuplicatesSent,
            InvalidSent = stats.InvalidSent,
            RejectedBatches = stats.RejectedBatches,
            ErrorBatches = stats.ErrorBatches,
            Retries = stats.Retries,
            LateBatches = stats.LateBatches,
            MaxStartDelayMs = Math.Round(stats.MaxStartDelayMs, 2),
            Problems = stats.Problems,
            Completed = completed,
        };
    }

    /// <summary>Generates what a run would send and says how fast: the proof that the generator is not the bottleneck.</summary>
    private static async Task<int> DryRunAsync(LoadGenSettings settings, CancellationToken ct)
    {
        var feed = new BatchFeed(settings);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (settings.Duration is { } duration)
            stop.CancelAfter(duration + settings.Warmup);
        var clock = Stopwatch.StartNew();
        var producing = feed.RunAsync(stop.Token);
        long events = 0, reports = 0, bytes = 0, batches = 0;
        await foreach (var batch in feed.Reader.ReadAllAsync(CancellationToken.None))
        {
            using (batch)
            {
                if (batch.Kind == BatchKind.MetricReports)
                    reports += batch.Count;
                else
                    events += batch.Count;
                bytes += batch.Length;
                batches++;
            }
        }
        await producing;
        var seconds = clock.Elapsed.TotalSeconds;
        AnsiConsole.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"dry run: generated {events:#,0} events and {reports:#,0} metric reports in {batches:#,0} bodies ({bytes / 1e6:F1} MB) in {seconds:F2} s: {events / seconds:#,0} events/s"));
        return ExitCodes.Completed;
    }
}
