namespace LeadGrains.Server.Ingest;

/// <summary>
/// Parses and validates the body of <c>POST /v1/events</c> into <see cref="LeadGrains.Domain.Events.LeadEvent"/>s.
/// Plain C#, no ASP.NET types, so it can be unit-tested and benchmarked on its own.
/// </summary>
/// <remarks>
/// Formats, chosen by <see cref="DetectFormat"/>:
/// <list type="bullet">
///   <item><c>application/json</c> or no Content-Type: one event object or an array of them (<see cref="JsonEventReader"/>).</item>
///   <item><c>application/cloudevents+json</c> / <c>application/cloudevents-batch+json</c>: CloudEvents structured / batched mode.</item>
///   <item>any other Content-Type with a <c>ce-specversion</c> header: CloudEvents binary mode (<see cref="CloudEventReader"/>).</item>
///   <item>anything else, or a charset other than UTF-8: 415.</item>
/// </list>
/// The first error stops parsing and rejects the whole request. The body size limit is the HTTP layer's job.
/// </remarks>
public static class IngestParser
{
    private const string CeSpecVersionHeader = "ce-specversion";

    /// <param name="contentType">The request Content-Type header value (parameters such as charset allowed); may be null.</param>
    /// <param name="headers">Request headers; looked up case-insensitively (used for CloudEvents binary mode).</param>
    /// <param name="body">The full request body.</param>
    /// <param name="now">The server clock, for the future-skew check.</param>
    public static IngestParseResult Parse(string? contentType, IReadOnlyDictionary<string, string> headers, ReadOnlyMemory<byte> body, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var format = Classify(contentType, headers, out var unsupported);
        return format switch
        {
            IngestFormat.Json => JsonEventReader.Read(body, now),
            IngestFormat.CloudEventStructured => CloudEventReader.ReadStructured(body, now),
            IngestFormat.CloudEventBatch => CloudEventReader.ReadBatch(body, now),
            IngestFormat.CloudEventBinary => CloudEventReader.ReadBinary(contentType, headers, body, now),
            _ => IngestParseResult.Failure(unsupported!),
        };
    }

    /// <summary>
    /// The format a request with these headers is read as, or <see cref="IngestFormat.Unsupported"/> (415).
    /// Needs no body, so the HTTP layer may refuse a request before reading it.
    /// </summary>
    public static IngestFormat DetectFormat(string? contentType, IReadOnlyDictionary<string, string> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return Classify(contentType, headers, out _);
    }

    private static IngestFormat Classify(string? contentType, IReadOnlyDictionary<string, string> headers, out IngestError? unsupported)
    {
        unsupported = null;
        var essence = MediaType.Essence(contentType);

        var charset = MediaType.UnsupportedCharset(contentType);
        if (charset is not null)
        {
            unsupported = IngestError.UnsupportedMediaType(
                $"Charset '{EventRules.Printable(charset)}' is not supported; JSON bodies must be UTF-8.");
            return IngestFormat.Unsupported;
        }

        // The CloudEvents HTTP binding: a Content-Type of application/cloudevents... means structured mode,
        // whatever the headers; otherwise ce-specversion means binary mode.
        if (essence.Equals(MediaType.CloudEvents, StringComparison.OrdinalIgnoreCase))
            return IngestFormat.CloudEventStructured;
        if (essence.Equals(MediaType.CloudEventsBatch, StringComparison.OrdinalIgnoreCase))
            return IngestFormat.CloudEventBatch;
        if (essence.StartsWith("application/cloudevents", StringComparison.OrdinalIgnoreCase))
        {
            unsupported = IngestError.UnsupportedMediaType(
                $"Content-Type '{EventRules.Printable(contentType!)}' is not supported; CloudEvents are read as {MediaType.CloudEvents} or {MediaType.CloudEventsBatch}.");
            return IngestFormat.Unsupported;
        }
        if (TryGetHeader(headers, CeSpecVersionHeader, out _))
            return IngestFormat.CloudEventBinary;
        if (essence.IsEmpty || essence.Equals(MediaType.Json, StringComparison.OrdinalIgnoreCase))
            return IngestFormat.Json;

        unsupported = IngestError.UnsupportedMediaType(
            $"Content-Type '{EventRules.Printable(contentType!)}' is not supported; send {MediaType.Json}, {MediaType.CloudEvents}, "
            + $"{MediaType.CloudEventsBatch}, or a CloudEvent in binary mode (ce-specversion and other ce-* headers).");
        return IngestFormat.Unsupported;
    }

    /// <summary>Case-insensitive lookup even when the caller's dictionary compares ordinally.</summary>
    internal static bool TryGetHeader(IReadOnlyDictionary<string, string> headers, string name, out string value)
    {
        if (headers.TryGetValue(name, out value!))
            return true;
        foreach (var (key, headerValue) in headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                value = headerValue;
                return true;
            }
        }
        value = string.Empty;
        return false;
    }
}
