using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LeadGrains.Server.Tests.Http;

/// <summary>Small helpers for talking to the API in tests.</summary>
internal static class Api
{
    public static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    public static JsonObject Event(string id, string leadId, string type, DateTimeOffset? at = null, string? source = null,
        string? campaign = null, JsonObject? properties = null)
    {
        var e = new JsonObject
        {
            ["id"] = id,
            ["leadId"] = leadId,
            ["type"] = type,
            ["occurredAt"] = (at ?? Now).ToString("O"),
        };
        if (source is not null)
        {
            e["source"] = source;
        }
        if (campaign is not null)
        {
            e["campaign"] = campaign;
        }
        if (properties is not null)
        {
            e["properties"] = properties;
        }
        return e;
    }

    public static Task<HttpResponseMessage> PostEventsAsync(this HttpClient http, params JsonObject[] events) =>
        http.PostAsync("/v1/events", new StringContent(
            new JsonArray([.. events.Select(e => e.DeepClone())]).ToJsonString(), Encoding.UTF8, "application/json"));

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient http, string body, string contentType = "application/json") =>
        http.PostAsync("/v1/events", new StringContent(body, Encoding.UTF8, contentType));

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<(int Accepted, int Duplicates)> IngestAsync(this HttpClient http, params JsonObject[] events)
    {
        var response = await http.PostEventsAsync(events);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {body}");
        var json = JsonDocument.Parse(body).RootElement;
        return (json.GetProperty("accepted").GetInt32(), json.GetProperty("duplicates").GetInt32());
    }

    public static async Task<JsonElement?> GetLeadAsync(this HttpClient http, string leadId)
    {
        var response = await http.GetAsync($"/v1/leads/{Uri.EscapeDataString(leadId)}");
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
        response.EnsureSuccessStatusCode();
        return await response.JsonAsync();
    }

    /// <summary>The first page of <c>GET /v1/leads</c> (best first), as lead id → decayed score.</summary>
    public static async Task<Dictionary<string, double>> ListScoresAsync(this HttpClient http, int limit = 500)
    {
        var response = await http.GetAsync($"/v1/leads?limit={limit}");
        response.EnsureSuccessStatusCode();
        var page = await response.JsonAsync();
        return page.GetProperty("items").EnumerateArray()
            .ToDictionary(i => i.GetProperty("leadId").GetString()!, i => i.GetProperty("score").GetDouble());
    }

    public static async Task<string> CreateKeyAsync(this HttpClient admin, string tenant, params string[] scopes)
    {
        var response = await admin.PostAsJsonAsync("/v1/admin/keys", new { name = "test", tenant, scopes });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.JsonAsync()).GetProperty("key").GetString()!;
    }
}
