namespace LeadGrains.Server.Ingest;

/// <summary>How a <c>POST /v1/events</c> body is encoded, as told by its Content-Type and headers.</summary>
public enum IngestFormat
{
    /// <summary>Neither plain JSON nor CloudEvents: the request gets 415.</summary>
    Unsupported = 0,

    /// <summary><c>application/json</c> (or no Content-Type): one event object or an array of them.</summary>
    Json,

    /// <summary><c>application/cloudevents+json</c>: one CloudEvent as a JSON object.</summary>
    CloudEventStructured,

    /// <summary><c>application/cloudevents-batch+json</c>: a JSON array of CloudEvents.</summary>
    CloudEventBatch,

    /// <summary>Any other Content-Type with a <c>ce-specversion</c> header: attributes in <c>ce-*</c> headers, the body is <c>data</c>.</summary>
    CloudEventBinary,
}

/// <summary>Just enough media-type parsing (RFC 9110 §8.3) for the ingest endpoint; no allocations on the happy path.</summary>
internal static class MediaType
{
    public const string Json = "application/json";
    public const string CloudEvents = "application/cloudevents+json";
    public const string CloudEventsBatch = "application/cloudevents-batch+json";

    /// <summary>The <c>type/subtype</c> part, without parameters or surrounding whitespace.</summary>
    public static ReadOnlySpan<char> Essence(ReadOnlySpan<char> contentType)
    {
        var semicolon = contentType.IndexOf(';');
        return (semicolon < 0 ? contentType : contentType[..semicolon]).Trim(" \t");
    }

    /// <summary><c>application/json</c> or any <c>type/subtype+json</c>, case-insensitively; parameters are ignored.</summary>
    public static bool IsJson(ReadOnlySpan<char> contentType)
    {
        var essence = Essence(contentType);
        if (essence.Equals(Json, StringComparison.OrdinalIgnoreCase))
            return true;
        var slash = essence.IndexOf('/');
        return slash > 0 && essence.Length - slash > 6 && essence.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The value of a <c>charset</c> parameter that is not UTF-8 (JSON is UTF-8 only, RFC 8259 §8.1),
    /// or null when there is none or it names UTF-8.
    /// </summary>
    public static string? UnsupportedCharset(ReadOnlySpan<char> contentType)
    {
        var rest = contentType;
        var semicolon = rest.IndexOf(';');
        while (semicolon >= 0)
        {
            rest = rest[(semicolon + 1)..];
            semicolon = rest.IndexOf(';');
            var parameter = (semicolon < 0 ? rest : rest[..semicolon]).Trim(" \t");
            var equals = parameter.IndexOf('=');
            if (equals <= 0 || !parameter[..equals].TrimEnd(" \t").Equals("charset", StringComparison.OrdinalIgnoreCase))
                continue;
            var value = parameter[(equals + 1)..].Trim(" \t");
            if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
                value = value[1..^1];
            if (!value.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !value.Equals("utf8", StringComparison.OrdinalIgnoreCase))
                return value.ToString();
        }
        return null;
    }
}
