namespace LeadGrains.LoadGen.Running;

/// <summary>
/// Every measured batch latency, kept exactly (a run has thousands of batches, not millions), plus
/// the ones since the live line last looked.
/// </summary>
public sealed class LatencyRecorder
{
    private readonly Lock _lock = new();
    private readonly List<double> _all = [];
    private List<double> _recent = [];

    public void Record(double milliseconds)
    {
        lock (_lock)
        {
            _all.Add(milliseconds);
            _recent.Add(milliseconds);
        }
    }

    /// <summary>The latencies recorded since the last call.</summary>
    public List<double> TakeRecent()
    {
        lock (_lock)
        {
            var recent = _recent;
            _recent = [];
            return recent;
        }
    }

    public LatencySummary Summarise()
    {
        double[] values;
        lock (_lock)
        {
            values = [.. _all];
        }
        return LatencySummary.Of(values);
    }
}

/// <summary>Percentiles by nearest rank, in milliseconds; all zero when nothing was measured.</summary>
public sealed record LatencySummary(double P50, double P90, double P99, double Max, double Mean)
{
    public static LatencySummary Of(double[] values)
    {
        if (values.Length == 0)
            return new LatencySummary(0, 0, 0, 0, 0);
        Array.Sort(values);
        return new LatencySummary(
            Percentile(values, 0.50), Percentile(values, 0.90), Percentile(values, 0.99), Round(values[^1]), Round(values.Average()));
    }

    /// <summary><paramref name="sorted"/> must be ascending and not empty.</summary>
    public static double Percentile(double[] sorted, double q)
    {
        var rank = (int)Math.Ceiling(q * sorted.Length);
        return Round(sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)]);
    }

    private static double Round(double ms) => Math.Round(ms, 2);
}
