using LeadGrains.Domain.Events;

namespace LeadGrains.Server.Ingest;

/// <summary>
/// The outcome of <see cref="IngestParser.Parse"/>: either every event of the request, validated and
/// normalised, in document order (<see cref="Error"/> null), or the first error and no events.
/// </summary>
public sealed record IngestParseResult(IReadOnlyList<LeadEvent> Events, IngestError? Error)
{
    public bool IsValid => Error is null;

    internal static IngestParseResult Success(IReadOnlyList<LeadEvent> events) => new(events, null);

    internal static IngestParseResult Failure(IngestError error) => new(Array.Empty<LeadEvent>(), error);
}
