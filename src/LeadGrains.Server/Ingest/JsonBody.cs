using System.Text.Json;
using System.Text.Unicode;

namespace LeadGrains.Server.Ingest;

/// <summary>Turns request bytes into a <see cref="JsonDocument"/>, or a malformed-json error that says where.</summary>
internal static class JsonBody
{
    private static readonly JsonDocumentOptions Options = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 64,
    };

    /// <summary>The body without a leading UTF-8 byte order mark (which JSON parsers may ignore, RFC 8259 §8.1).</summary>
    public static ReadOnlyMemory<byte> WithoutBom(ReadOnlyMemory<byte> body) =>
        body.Span.StartsWith("\uFEFF"u8) ? body[3..] : body;

    /// <summary>
    /// Parses <paramref name="body"/> (which must stay alive while the document is used; it is not copied).
    /// <paramref name="field"/> names the body in errors: null for a whole request, "data" for a binary-mode CloudEvent.
    /// </summary>
    public static IngestError? TryParse(ReadOnlyMemory<byte> body, string? field, out JsonDocument? document)
    {
        document = null;
        int? index = field is null ? null : 0;
        var what = field is null ? "The request body" : $"Event 0: '{field}' (the request body)";
        if (body.IsEmpty)
            return IngestError.MalformedJson($"{what} is empty; expected JSON.", index, field);

        // Checked once for the whole body (vectorised), so strings and raw property text taken from it are valid UTF-8.
        if (!Utf8.IsValid(body.Span))
            return IngestError.MalformedJson($"{what} is not valid UTF-8.", index, field);

        try
        {
            document = JsonDocument.Parse(body, Options);
            return null;
        }
        catch (JsonException e)
        {
            if (field is null)
            {
                index = LocateElement(body.Span);
                if (index is { } i)
                    what = $"Event {i} of the request body";
            }
            return IngestError.MalformedJson(
                $"{what} is not well-formed JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {Reason(e)}",
                index, field);
        }
    }

    /// <summary>The reader's own sentence, without the position it appends (we state that ourselves).</summary>
    private static string Reason(JsonException e)
    {
        var message = e.Message;
        var at = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return at > 0 ? message[..at] : message;
    }

    /// <summary>
    /// When the body is an array and the syntax error lies inside one of its elements, that element's index.
    /// Only runs on the error path.
    /// </summary>
    internal static int? LocateElement(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = Options.MaxDepth });
        var started = -1;
        var inside = false;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
                return null;
            while (reader.Read())
            {
                if (reader.CurrentDepth != 1)
                    continue;
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        started++;
                        inside = true;
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        inside = false;
                        break;
                    default:
                        started++;
                        inside = false;
                        break;
                }
            }
        }
        catch (JsonException)
        {
            return inside ? started : null;
        }
        return null;
    }
}
