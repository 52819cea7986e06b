using System.Text.Json.Serialization;
using LeadGrains.LoadGen.Running;

namespace LeadGrains.LoadGen.Reporting;

/// <summary>
/// The run's outcome. Field names are a contract (the benchmark harness reads them; docs/loadgen.md
/// describes each): add fields, never rename. Totals cover the whole run, warm-up included;
/// <see cref="DurationSeconds"/>, <see cref="EventsPerSecond"/> and <see cref="LatencyMs"/> the measured phase.
/// </summary>
public sealed record RunSummary
{
    public required string Mode { get; init; }
    public double? TargetRate { get; init; }
    public required int Batch { get; init; }
    public required int Concurrency { get; init; }
    public required long Seed { get; init; }
    public required int Leads { get; init; }
    public required int Tenants { get; init; }
    public required int Campaigns { get; init; }

    /// <summary>Events sent, every kind (valid, re-sent duplicates, invalid); retries not counted again.</summary>
    public required long Sent { get; init; }

    /// <summary>Events the server counted as accepted (new).</summary>
    public required long Acknowledged { get; init; }

    /// <summary>Events the server counted as duplicates.</summary>
    public required long Duplicates { get; init; }

    /// <summary>Events in batches answered 4xx.</summary>
    public required long Rejected { get; init; }

    /// <summary>Events in batches that failed: 5xx after the retries, or no answer.</summary>
    public required long Errors { get; init; }

    /// <summary>Event batches sent (metric report batches not included).</summary>
    public required long Batches { get; init; }

    public required double DurationSeconds { get; init; }

    /// <summary>Acknowledged plus duplicates per second of the measured phase.</summary>
    public required double EventsPerSecond { get; init; }

    /// <summary>Per acknowledged batch: from send (open loop: from its due time) to the 202.</summary>
    public required LatencySummary LatencyMs { get; init; }

    public required MetricReportSummary MetricReports { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required string Url { get; init; }

    // ---- beyond the contract's first version ----------------------------------------------------

    public required string RunId { get; init; }

    public required double WarmupSeconds { get; init; }

    /// <summary>Of <see cref="Sent"/>: events deliberately re-sent with an earlier id.</summary>
    public required long DuplicatesSent { get; init; }

    /// <summary>Of <see cref="Sent"/>: events deliberately invalid (all in batches of their own).</summary>
    public required long InvalidSent { get; init; }

    public required long RejectedBatches { get; init; }

    public required long ErrorBatches { get; init; }

    /// <summary>Extra attempts after 503/429 answers.</summary>
    public required long Retries { get; init; }

    /// <summary>Open loop: batches that started more than 5 ms after their due time (the in-flight cap was full).</summary>
    public required long LateBatches { get; init; }

    public required double MaxStartDelayMs { get; init; }

    /// <summary>The first few distinct problems (status and problem title), for a quick look.</summary>
    public required IReadOnlyList<string> Problems { get; init; }

    /// <summary>False when the run was stopped early (Ctrl+C, or the key was refused).</summary>
    public required bool Completed { get; init; }
}

public sealed record MetricReportSummary(long Sent, long Acknowledged, long Duplicates, bool Supported);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(RunSummary))]
public sealed partial class SummaryJsonContext : JsonSerializerContext;
