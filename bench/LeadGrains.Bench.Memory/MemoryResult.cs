namespace LeadGrains.Bench.Memory;

/// <summary>What the memory probe measured; written as JSON (camelCase) for the report.</summary>
public sealed record MemoryResult
{
    public required int Pid { get; init; }
    public required int Leads { get; init; }
    public required int Batch { get; init; }
    public required int Concurrency { get; init; }
    public required long EventsSent { get; init; }
    public required int FailedRequests { get; init; }
    public required double DurationSeconds { get; init; }

    /// <summary>Brand-new leads activated and stored per second while driving: the cold path's rate.</summary>
    public required double LeadsPerSecond { get; init; }

    /// <summary>Rows the store holds for the driven leads (null when no connection string was given).</summary>
    public long? LeadsStored { get; init; }

    public required long RssIdleBytes { get; init; }
    public required long RssAfterBytes { get; init; }
    public required long PeakRssBytes { get; init; }

    /// <summary>(RSS after - RSS idle) / leads.</summary>
    public required double RssBytesPerLead { get; init; }

    public HeapStats? HeapIdle { get; init; }
    public HeapStats? HeapAfter { get; init; }

    /// <summary>RSS once the full GC that measured the heap has run.</summary>
    public long? RssAfterFullGcBytes { get; init; }

    /// <summary>(heap after - heap idle) / leads: live managed bytes per lead.</summary>
    public double? HeapBytesPerLead { get; init; }

    public string? HeapError { get; init; }
}
