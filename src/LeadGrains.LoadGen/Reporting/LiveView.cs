using System.Globalization;
using LeadGrains.LoadGen.Running;
using Spectre.Console;

namespace LeadGrains.LoadGen.Reporting;

/// <summary>
/// While the run goes: a progress bar (of events, or of time for a timed run) with a live line of
/// acknowledged events/s, ack latency over the last interval, and errors. A plain line on stderr
/// every few seconds when the output is not a terminal; nothing with --no-progress.
/// </summary>
public sealed class LiveView(LoadGenSettings settings, RunStats stats, RunClock clock)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(5);

    private long _lastCompleted;
    private TimeSpan _lastElapsed;

    public async Task ShowUntilAsync(Task running)
    {
        if (!settings.Progress)
        {
            await running;
            return;
        }
        if (Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            while (await Task.WhenAny(running, Task.Delay(PlainInterval)) != running)
                await Console.Error.WriteLineAsync(Line());
            await running;
            return;
        }

        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new TaskDescriptionColumn { Alignment = Justify.Left })
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(Line(), maxValue: Total());
                while (await Task.WhenAny(running, Task.Delay(Interval)) != running)
                {
                    task.Value = Done();
                    task.Description = Markup.Escape(Line());
                }
                task.Value = task.MaxValue;
                task.Description = Markup.Escape(Line());
            });
        await running;
    }

    private double Total() => settings.Events ?? (settings.Warmup + settings.Duration!.Value).TotalSeconds;

    private double Done() => settings.Events is not null ? stats.Sent : Math.Min(Total(), clock.Elapsed.TotalSeconds);

    private string Line()
    {
        var elapsed = clock.Elapsed;
        var completed = stats.Acknowledged + stats.Duplicates;
        var seconds = (elapsed - _lastElapsed).TotalSeconds;
        var rate = seconds > 0 ? (completed - _lastCompleted) / seconds : 0;
        _lastCompleted = completed;
        _lastElapsed = elapsed;
        var recent = stats.Latency.TakeRecent().ToArray();
        var latency = recent.Length == 0
            ? "p50 - / p99 -"
            : FormattableString.Invariant($"p50 {Percentile(recent, 0.5):F1} / p99 {Percentile(recent, 0.99):F1} ms");
        var phase = clock.IsMeasured(System.Diagnostics.Stopwatch.GetTimestamp()) ? "" : "warm-up · ";
        return string.Create(CultureInfo.InvariantCulture,
            $"{phase}{stats.Sent:#,0} sent · {rate:#,0} ev/s · {latency} · {stats.Rejected:#,0} rejected · {stats.Errors:#,0} errors");
    }

    private static double Percentile(double[] values, double q)
    {
        Array.Sort(values);
        return LatencySummary.Percentile(values, q);
    }
}
