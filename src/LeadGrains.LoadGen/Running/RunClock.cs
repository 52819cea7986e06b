using System.Diagnostics;

namespace LeadGrains.LoadGen.Running;

/// <summary>The run's phases on the Stopwatch timeline: warm-up, then the measured phase, then (timed runs) the end.</summary>
public sealed class RunClock
{
    public RunClock(TimeSpan warmup, TimeSpan? duration)
    {
        Start = Stopwatch.GetTimestamp();
        MeasuredFrom = Start + Ticks(warmup);
        Until = duration is { } d ? MeasuredFrom + Ticks(d) : long.MaxValue;
    }

    public long Start { get; }

    public long MeasuredFrom { get; }

    /// <summary>Timed runs send nothing due at or after this; long.MaxValue for a run bounded by events.</summary>
    public long Until { get; }

    public bool IsOver => IsOverAt(Stopwatch.GetTimestamp());

    public bool IsOverAt(long timestamp) => timestamp >= Until;

    public bool IsMeasured(long timestamp) => timestamp >= MeasuredFrom;

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(Start);

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);
}
