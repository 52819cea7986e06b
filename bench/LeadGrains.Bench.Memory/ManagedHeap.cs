using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace LeadGrains.Bench.Memory;

/// <summary>The managed heap after a full GC, as the runtime reports it.</summary>
public sealed record HeapStats(long TotalBytes, long Gen0Bytes, long Gen1Bytes, long Gen2Bytes, long LohBytes, long PohBytes);

/// <summary>
/// Reads another .NET process's live managed heap without changing it: an EventPipe session
/// with the runtime's GCHeapCollect keyword makes the target run one full, blocking GC (what
/// dotnet-gcdump does, without the heap walk), and its GCHeapStats event gives every
/// generation's size after it. Costs one full GC in the target, so it is taken only at the
/// measurement points.
/// </summary>
public static class ManagedHeap
{
    private const long GcKeyword = 0x1;
    private const long GcHeapCollectKeyword = 0x800000;

    public static async Task<HeapStats> AfterFullGcAsync(int pid, TimeSpan timeout)
    {
        var client = new DiagnosticsClient(pid);
        EventPipeProvider[] providers =
        [
            new(ClrTraceEventParser.ProviderName, EventLevel.Informational, GcKeyword | GcHeapCollectKeyword),
        ];
        using var session = client.StartEventPipeSession(providers, requestRundown: false);
        var found = new TaskCompletionSource<HeapStats>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var source = new EventPipeEventSource(session.EventStream);
        source.Clr.GCHeapStats += data => found.TrySetResult(new HeapStats(
            data.TotalHeapSize, data.GenerationSize0, data.GenerationSize1, data.GenerationSize2, data.GenerationSize3, data.GenerationSize4));
        var processing = Task.Run(source.Process);

        var done = await Task.WhenAny(found.Task, Task.Delay(timeout));
        try
        {
            await session.StopAsync(CancellationToken.None);
        }
        catch (ServerNotAvailableException)
        {
            // The target went away; the result (or the timeout) says what happened.
        }
        await Task.WhenAny(processing, Task.Delay(TimeSpan.FromSeconds(5)));
        return done == found.Task
            ? await found.Task
            : throw new TimeoutException($"No GCHeapStats event from process {pid} within {timeout}.");
    }
}
