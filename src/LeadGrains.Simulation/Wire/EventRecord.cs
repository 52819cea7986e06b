namespace LeadGrains.Simulation.Wire;

/// <summary>
/// One event as <c>POST /v1/events</c> reads it (docs/api.md). <see cref="OccurredAt"/> is text so a
/// deliberately invalid event can carry a bad timestamp; valid ones are RFC 3339 in UTC.
/// </summary>
public sealed record EventRecord
{
    public required string Id { get; init; }

    /// <summary>Null only in a deliberately invalid event.</summary>
    public string? LeadId { get; init; }

    public required string Type { get; init; }

    public required string OccurredAt { get; init; }

    public string? Source { get; init; }

    public string? Campaign { get; init; }

    public EventPropertiesRecord? Properties { get; init; }
}

/// <summary>
/// The properties the generator fills. <c>path</c>, <c>sessionId</c>, <c>dwellSeconds</c> and <c>kind</c>
/// are the ones the server checks and scoring rules read; the rest are what real trackers also send.
/// </summary>
public sealed record EventPropertiesRecord
{
    public string? Path { get; init; }

    public string? SessionId { get; init; }

    public double? DwellSeconds { get; init; }

    /// <summary><c>sns.engaged</c>: like, repost or reply.</summary>
    public string? Kind { get; init; }

    /// <summary><c>sns.engaged</c>: the network the engagement happened on.</summary>
    public string? Network { get; init; }

    /// <summary><c>web.cta_clicked</c>: which call to action.</summary>
    public string? Cta { get; init; }

    /// <summary><c>email.clicked</c>: the link.</summary>
    public string? Url { get; init; }

    /// <summary><c>whitepaper.downloaded</c>, <c>document.requested</c>: what was asked for.</summary>
    public string? Asset { get; init; }

    /// <summary><c>inquiry.submitted</c>: the form's topic.</summary>
    public string? Topic { get; init; }

    /// <summary><c>email.bounced</c>: hard or soft.</summary>
    public string? BounceKind { get; init; }
}
