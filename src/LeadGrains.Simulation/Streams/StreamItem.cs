namespace LeadGrains.Simulation.Streams;

public enum ItemKind : byte
{
    /// <summary>A valid event sent for the first time.</summary>
    Event,

    /// <summary>A valid event sent again: same id, same bytes.</summary>
    Duplicate,

    /// <summary>An event the server must refuse.</summary>
    Invalid,

    /// <summary>A channel metric report (for <c>POST /v1/metrics</c>, not counted as an event).</summary>
    MetricReport,
}

/// <summary>One serialised item of a stream: the UTF-8 JSON of an event or a metric report.</summary>
public readonly record struct StreamItem(ItemKind Kind, byte[] Json);
