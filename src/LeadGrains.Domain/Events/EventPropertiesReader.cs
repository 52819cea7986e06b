using System.Text.Json;

namespace LeadGrains.Domain.Events;

/// <summary>
/// Lifts the properties scoring rules look at out of a stored, already validated properties
/// object (used when replaying history; the ingest validator does the strict version).
/// </summary>
public static class EventPropertiesReader
{
    public static EventProperties FromStoredJson(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return EventProperties.Empty;
        }

        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            // The validator only stores objects; anything else written by hand lifts nothing.
            return new EventProperties { Json = json };
        }
        return new EventProperties
        {
            Json = json,
            Path = String(root, "path"),
            SessionId = String(root, "sessionId"),
            Kind = String(root, "kind"),
            DwellSeconds = root.TryGetProperty("dwellSeconds", out var d) && d.ValueKind == JsonValueKind.Number ? d.GetDouble() : null,
        };
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
