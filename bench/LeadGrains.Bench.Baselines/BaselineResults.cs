namespace LeadGrains.Bench.Baselines;

/// <summary>What one baselines run measured; written as JSON (camelCase) for the report.</summary>
public sealed record BaselineResults
{
    public required int Rows { get; init; }
    public required int Leads { get; init; }
    public required int Seed { get; init; }
    public required string Schema { get; init; }
    public NaiveResult? Naive { get; init; }
    public CopyResult? Copy { get; init; }
}

public sealed record NaiveResult
{
    public required int Events { get; init; }
    public required int Connections { get; init; }
    public required double DurationSeconds { get; init; }
    public required double EventsPerSecond { get; init; }
    public required int Errors { get; init; }
    public required long RowsStored { get; init; }
    public required long LeadsStored { get; init; }
}

public sealed record CopyResult
{
    public required int Rows { get; init; }
    public required double DurationSeconds { get; init; }
    public required double RowsPerSecond { get; init; }
    public required long RowsStored { get; init; }
}
