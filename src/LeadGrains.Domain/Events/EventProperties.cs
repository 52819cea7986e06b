namespace LeadGrains.Domain.Events;

/// <summary>
/// An event's free-form properties. The raw JSON object is kept verbatim for the store; the
/// few properties scoring rules look at are lifted out once at validation time so rule
/// evaluation never parses JSON.
/// </summary>
public sealed record EventProperties
{
    public static readonly EventProperties Empty = new();

    /// <summary>The JSON object as the producer sent it, or null when there were no properties.</summary>
    public string? Json { get; init; }

    /// <summary><c>path</c> of a <c>web.page_viewed</c> or <c>web.cta_clicked</c>.</summary>
    public string? Path { get; init; }

    /// <summary><c>sessionId</c> of a web event.</summary>
    public string? SessionId { get; init; }

    /// <summary><c>dwellSeconds</c> of a <c>web.page_viewed</c>.</summary>
    public double? DwellSeconds { get; init; }

    /// <summary><c>kind</c> of an <c>sns.engaged</c>: like, repost or reply.</summary>
    public string? Kind { get; init; }
}
