namespace LeadGrains.Domain.Events;

/// <summary>A validated lead event, as a producer sent it (after normalisation).</summary>
public sealed record LeadEvent
{
    /// <summary>Producer-chosen id, unique per tenant; a repeated id counts once.</summary>
    public required string Id { get; init; }

    public required string LeadId { get; init; }

    public required EventType Type { get; init; }

    /// <summary>When it happened; drives periods and decay, not the time it arrived.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>Inflow source (search, sns, newsletter, seminar, ads, referral, direct, ...), lower case.</summary>
    public string? Source { get; init; }

    public string? Campaign { get; init; }

    public EventProperties Properties { get; init; } = EventProperties.Empty;
}
