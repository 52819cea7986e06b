using System.Diagnostics;
using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;

namespace LeadGrains.Bench.Memory;

/// <summary>Garbage collections of a process over a window: how many per generation and how long the runtime was paused.</summary>
public sealed record GcActivity(double Seconds, int Collections, int Gen0, int Gen1, int Gen2, double PauseMs, double MaxPauseMs)
{
    /// <summary>Share of the window's wall-clock time the runtime was suspended for GC.</summary>
    public double PausePercent => Seconds > 0 ? 100 * PauseMs / (Seconds * 1000) : 0;
}

/// <summary>
/// Watches another .NET process's GC over EventPipe (the runtime's GC keyword, informational):
/// each suspension from GCSuspendEEBegin to GCRestartEEEnd is a pause, each GCStart a
/// collection of its generation. Cheap enough to run during a load; it changes nothing.
/// </summary>
public static class GcPauses
{
    private const long GcKeyword = 0x1;

    public static async Task<GcActivity> WatchAsync(int pid, TimeSpan window)
    {
        var client = new DiagnosticsClient(pid);
        using var session = client.StartEventPipeSession(
            [new EventPipeProvider(ClrTraceEventParser.ProviderName, EventLevel.Informational, GcKeyword)], requestRundown: false);
        using var source = new EventPipeEventSource(session.EventStream);
        var gens = new int[3];
        var collections = 0;
        double pauseMs = 0, maxPauseMs = 0, suspendedAt = -1;
        source.Clr.GCStart += e =>
        {
            collections++;
            gens[Math.Clamp(e.Depth, 0, 2)]++;
        };
        source.Clr.GCSuspendEEStart += e => suspendedAt = e.TimeStampRelativeMSec;
        source.Clr.GCRestartEEStop += e =>
        {
            if (suspendedAt >= 0)
            {
                // The longest pause is what an acknowledgement waiting through it sees.
                var pause = e.TimeStampRelativeMSec - suspendedAt;
                pauseMs += pause;
                maxPauseMs = Math.Max(maxPauseMs, pause);
            }
            suspendedAt = -1;
        };
        var processing = Task.Run(source.Process);
        var clock = Stopwatch.StartNew();
        await Task.Delay(window);
        await session.StopAsync(CancellationToken.None);
        await Task.WhenAny(processing, Task.Delay(TimeSpan.FromSeconds(10)));
        return new GcActivity(clock.Elapsed.TotalSeconds, collections, gens[0], gens[1], gens[2], pauseMs, maxPauseMs);
    }
}
