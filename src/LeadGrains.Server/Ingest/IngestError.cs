namespace LeadGrains.Server.Ingest;

/// <summary>
/// Why a <c>POST /v1/events</c> body was refused, shaped to become an RFC 9457 problem
/// document. The whole request is rejected on the first error; nothing of it is stored.
/// </summary>
/// <remarks>
/// <para><see cref="Type"/> is one of these stable URIs (see <see cref="IngestProblemTypes"/>):</para>
/// <list type="table">
///   <listheader><term>URI</term><description>status: meaning</description></listheader>
///   <item><term><c>https://leadgrains.dev/problems/invalid-event</c></term>
///     <description>400: one event breaks a rule; <see cref="Index"/> and <see cref="Field"/> name it.</description></item>
///   <item><term><c>https://leadgrains.dev/problems/malformed-json</c></term>
///     <description>400: the body is empty, not UTF-8 or not well-formed JSON; <see cref="Index"/> is set when
///     the error lies inside one element of a top-level array.</description></item>
///   <item><term><c>https://leadgrains.dev/problems/invalid-body</c></term>
///     <description>400: well-formed JSON of the wrong shape for the content type (e.g. a string, or an array
///     sent as <c>application/cloudevents+json</c>).</description></item>
///   <item><term><c>https://leadgrains.dev/problems/empty-batch</c></term>
///     <description>400: an empty array.</description></item>
///   <item><term><c>https://leadgrains.dev/problems/batch-too-large</c></term>
///     <description>413: more than <see cref="LeadGrains.Domain.Events.EventLimits.MaxBatchSize"/> events.</description></item>
///   <item><term><c>https://leadgrains.dev/problems/unsupported-media-type</c></term>
///     <description>415: a content type (or charset) we do not read, without CloudEvents binary-mode headers;
///     or a non-JSON body in CloudEvents binary mode.</description></item>
/// </list>
/// </remarks>
/// <param name="Status">HTTP status: 400, 413 or 415.</param>
/// <param name="Type">A stable problem type URI from <see cref="IngestProblemTypes"/>.</param>
/// <param name="Title">A short summary, fixed per <see cref="Type"/>.</param>
/// <param name="Detail">A sentence naming the event index and field, e.g.
/// "Event 3: 'occurredAt' must be an RFC 3339 timestamp with a time zone offset."</param>
/// <param name="Index">0-based index of the offending event in the batch (0 for a single event); null for whole-body errors.</param>
/// <param name="Field">The offending JSON field (<c>occurredAt</c>, <c>properties.dwellSeconds</c>) or CloudEvents
/// attribute (<c>time</c>, <c>subject</c>, <c>data.kind</c>); null when no single field is at fault.</param>
public sealed record IngestError(int Status, string Type, string Title, string Detail, int? Index, string? Field)
{
    internal static IngestError InvalidEvent(int index, string field, string message) =>
        new(400, IngestProblemTypes.InvalidEvent, "Invalid event", $"Event {index}: '{field}' {message}", index, field);

    internal static IngestError InvalidEventWhole(int index, string message) =>
        new(400, IngestProblemTypes.InvalidEvent, "Invalid event", $"Event {index} {message}", index, null);

    internal static IngestError MalformedJson(string detail, int? index = null, string? field = null) =>
        new(400, IngestProblemTypes.MalformedJson, "Malformed JSON", detail, index, field);

    internal static IngestError InvalidBody(string detail) =>
        new(400, IngestProblemTypes.InvalidBody, "Invalid request body", detail, null, null);

    internal static IngestError EmptyBatch() =>
        new(400, IngestProblemTypes.EmptyBatch, "Empty batch", "The batch contains no events; send at least one.", null, null);

    internal static IngestError BatchTooLarge(int count, int max) =>
        new(413, IngestProblemTypes.BatchTooLarge, "Batch too large",
            $"The batch has {count} events; at most {max} are accepted per request.", null, null);

    internal static IngestError UnsupportedMediaType(string detail) =>
        new(415, IngestProblemTypes.UnsupportedMediaType, "Unsupported media type", detail, null, null);
}

/// <summary>The problem type URIs an <see cref="IngestError"/> carries; stable, clients may switch on them.</summary>
public static class IngestProblemTypes
{
    private const string Base = "https://leadgrains.dev/problems/";

    /// <summary>400: an event breaks a rule (missing or mistyped field, bad value).</summary>
    public const string InvalidEvent = Base + "invalid-event";

    /// <summary>400: the body is empty, not UTF-8, or not well-formed JSON.</summary>
    public const string MalformedJson = Base + "malformed-json";

    /// <summary>400: well-formed JSON whose top level has the wrong shape for the content type.</summary>
    public const string InvalidBody = Base + "invalid-body";

    /// <summary>400: an empty array.</summary>
    public const string EmptyBatch = Base + "empty-batch";

    /// <summary>413: more events than <see cref="LeadGrains.Domain.Events.EventLimits.MaxBatchSize"/>.</summary>
    public const string BatchTooLarge = Base + "batch-too-large";

    /// <summary>415: a content type or charset the endpoint does not read.</summary>
    public const string UnsupportedMediaType = Base + "unsupported-media-type";
}
