namespace LeadGrains.Bench.Report;

/// <summary>
/// The targets of PRODUCT.md's table ("Targets"), which the report compares each measured figure
/// with. These are requirements, not results: change them only when PRODUCT.md changes.
/// </summary>
public static class Targets
{
    public const double IngestEventsPerSecond = 50_000;
    public const double IngestOverNaive = 5;
    public const double AckLatencyP99Ms = 20;
    public const double SseLatencyP99Ms = 50;
    public const double HotKpiRatio = 0.9;
    public const int ActiveLeads = 1_000_000;
    public const double ActiveLeadsBytes = 4L << 30;
    public const double RescoringEventsPerSecond = 150_000;
    public const double SiloRecoverySeconds = 10;
}

/// <summary>One row of the report's target table.</summary>
public sealed record TargetRow(string Figure, string Measured, string Baselines, string Target, string Met);
