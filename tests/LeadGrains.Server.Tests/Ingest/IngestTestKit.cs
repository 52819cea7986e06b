using System.Text;
using System.Text.Json.Nodes;
using LeadGrains.Domain.Events;
using LeadGrains.Server.Ingest;

namespace LeadGrains.Server.Tests.Ingest;

/// <summary>Builders and assertions shared by the ingest parser tests.</summary>
internal static class IngestTestKit
{
    /// <summary>The server clock every test parses against.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    public static readonly IReadOnlyDictionary<string, string> NoHeaders =
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>A valid plain-JSON event; tests change or remove members to break one rule.</summary>
    public static JsonObject Event(string id = "evt-1", string type = "email.opened") => new()
    {
        ["id"] = id,
        ["leadId"] = "lead-42",
        ["type"] = type,
        ["occurredAt"] = "2026-11-20T10:00:00Z",
    };

    /// <summary>A valid structured-mode CloudEvent.</summary>
    public static JsonObject CloudEvent(string id = "ce-1", string type = "email.opened") => new()
    {
        ["specversion"] = "1.0",
        ["id"] = id,
        ["source"] = "https://crm.example.com/campaigns",
        ["type"] = type,
        ["subject"] = "lead-42",
        ["time"] = "2026-11-20T10:00:00Z",
    };

    public static JsonArray Array(params JsonNode[] items) => new(items);

    public static IngestParseResult ParseJson(JsonNode body, string? contentType = "application/json") =>
        Parse(body.ToJsonString(), contentType);

    public static IngestParseResult Parse(string body, string? contentType = "application/json", IReadOnlyDictionary<string, string>? headers = null) =>
        IngestParser.Parse(contentType, headers ?? NoHeaders, Encoding.UTF8.GetBytes(body), Now);

    public static IngestParseResult ParseBytes(byte[] body, string? contentType = "application/json") =>
        IngestParser.Parse(contentType, NoHeaders, body, Now);

    /// <summary>Parses a plain-JSON single event with one member set to raw JSON text (e.g. <c>42</c>, <c>null</c>).</summary>
    public static IngestParseResult ParseWithMember(string member, string rawJsonValue, JsonObject? template = null)
    {
        var ev = template ?? Event();
        ev[member] = JsonNode.Parse(rawJsonValue);
        return ParseJson(ev);
    }

    public static LeadEvent Single(IngestParseResult result)
    {
        Assert.True(result.IsValid, result.Error?.Detail);
        return Assert.Single(result.Events);
    }

    public static IngestError AssertInvalidEvent(IngestParseResult result, int index, string? field)
    {
        var error = AssertError(result, 400, IngestProblemTypes.InvalidEvent);
        Assert.Equal(index, error.Index);
        Assert.Equal(field, error.Field);
        Assert.StartsWith($"Event {index}", error.Detail, StringComparison.Ordinal);
        return error;
    }

    public static IngestError AssertError(IngestParseResult result, int status, string type)
    {
        Assert.False(result.IsValid);
        Assert.Empty(result.Events);
        var error = result.Error!;
        Assert.Equal(status, error.Status);
        Assert.Equal(type, error.Type);
        Assert.False(string.IsNullOrWhiteSpace(error.Title));
        Assert.False(string.IsNullOrWhiteSpace(error.Detail));
        return error;
    }
}
