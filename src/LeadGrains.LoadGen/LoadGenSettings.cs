namespace LeadGrains.LoadGen;

/// <summary>One run's settings, as the command line gave them (docs/loadgen.md lists each).</summary>
public sealed record LoadGenSettings
{
    public required Uri Url { get; init; }

    /// <summary>Null only for <see cref="DryRun"/>.</summary>
    public string? ApiKey { get; init; }

    public int Tenants { get; init; } = 1;

    public string TenantPrefix { get; init; } = "loadgen-";

    public int Leads { get; init; } = 20_000;

    /// <summary>Events to send (all kinds); null when the run is bounded by <see cref="Duration"/>.</summary>
    public long? Events { get; init; }

    public TimeSpan? Duration { get; init; }

    /// <summary>Target events/s (open loop); null for closed loop at the maximum the server takes.</summary>
    public double? Rate { get; init; }

    public int Batch { get; init; } = 1000;

    public int Concurrency { get; init; } = 8;

    public long Seed { get; init; } = 42;

    public int Campaigns { get; init; } = 20;

    public double Duplicates { get; init; } = 0.01;

    public double Invalid { get; init; }

    public double Late { get; init; } = 0.02;

    public double Metrics { get; init; } = 0.001;

    public string? JsonPath { get; init; }

    public bool Progress { get; init; } = true;

    /// <summary>The first part of the run, sent and counted but left out of latency and events/s.</summary>
    public TimeSpan Warmup { get; init; }

    /// <summary>Prefix of event ids: a new one per run unless given, so runs with one seed do not collide.</summary>
    public required string RunId { get; init; }

    /// <summary>The end of the simulated history (occurred-at of the latest events).</summary>
    public required DateTimeOffset Until { get; init; }

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Retries of a batch answered 503 (or 429) before it counts as an error.</summary>
    public int MaxRetries { get; init; } = 10;

    public bool DryRun { get; init; }

    /// <summary>Every batch is generated before the clock starts (a run with <see cref="Events"/> only).</summary>
    public bool Pregenerate { get; init; }

    public string Mode => Rate is null ? "closed" : "open";

    /// <summary>What the history window is sized for: the event budget, or a generous guess for a timed run.</summary>
    public double PlannedEvents =>
        Events ?? (Rate ?? AssumedClosedLoopRate) * ((Duration ?? TimeSpan.Zero) + Warmup).TotalSeconds;

    /// <summary>A timed closed-loop run cannot know its volume; twice the product's target is a safe upper guess.</summary>
    public const double AssumedClosedLoopRate = 100_000;
}
