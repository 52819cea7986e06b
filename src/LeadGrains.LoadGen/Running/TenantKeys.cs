using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LeadGrains.LoadGen.Running;

/// <summary>
/// The keys a run sends with: the given key for one tenant; for several, a new ingest+read key per
/// tenant (<c>loadgen-1</c>, ...), created with the given key, which must then be an admin key of
/// tenant <c>default</c> (only those may create keys for other tenants).
/// </summary>
public static class TenantKeys
{
    public static async Task<IReadOnlyList<string>> ForAsync(HttpClient http, LoadGenSettings settings, CancellationToken ct)
    {
        if (settings.Tenants == 1)
            return [settings.ApiKey!];

        var keys = new string[settings.Tenants];
        for (var t = 0; t < settings.Tenants; t++)
        {
            var body = new JsonObject
            {
                ["name"] = $"loadgen run {settings.RunId}",
                ["scopes"] = new JsonArray("ingest", "read"),
                ["tenant"] = TenantName(settings, t),
            };
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/admin/keys")
            {
                Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.ApiKey);
            using var response = await http.SendAsync(request, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException(
                    $"Could not create a key for tenant '{TenantName(settings, t)}' ({(int)response.StatusCode}): {text}. "
                    + "--tenants > 1 needs an admin key of tenant 'default'.");
            }
            using var json = JsonDocument.Parse(text);
            keys[t] = json.RootElement.GetProperty("key").GetString()!;
        }
        return keys;
    }

    public static string TenantName(LoadGenSettings settings, int index) => settings.TenantPrefix + (index + 1);
}
