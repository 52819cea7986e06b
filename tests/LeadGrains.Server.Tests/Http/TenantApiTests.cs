using System.Net;
using System.Net.Http.Json;
using LeadGrains.Testing;

namespace LeadGrains.Server.Tests.Http;

[Collection(EmbeddedServerCollection.Name)]
public sealed class TenantApiTests(EmbeddedServerFixture fixture)
{
    private readonly HttpClient _admin = fixture.Server.Client();

    [Fact]
    public async Task An_unknown_time_zone_is_refused_by_name_and_changes_nothing()
    {
        using var http = fixture.Server.Client(await _admin.CreateKeyAsync("tz-bad", "admin"));

        var response = await http.PutAsJsonAsync("/v1/tenant", new { timeZone = "Mars/Olympus_Mons" });
        var after = await (await http.GetAsync("/v1/tenant")).JsonAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("timeZone", (await response.JsonAsync()).GetProperty("field").GetString());
        Assert.Equal("UTC", after.GetProperty("timeZone").GetString());
    }

    [Fact]
    public async Task A_read_key_cannot_change_settings()
    {
        using var http = fixture.Server.Client(await _admin.CreateKeyAsync("tz-read", "read"));

        var response = await http.PutAsJsonAsync("/v1/tenant", new { timeZone = "Asia/Tokyo" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}

public sealed class TenantSettingsDurabilityTests : IDisposable
{
    private readonly TempDirectory _dataDir = new("leadgrains-tenant-");

    [Fact]
    public async Task Tenant_settings_survive_a_killed_server()
    {
        var first = ServerProcess.Sqlite(_dataDir.Path);
        await using (first)
        {
            await first.StartAsync();
            using var http = first.Client();
            var put = await http.PutAsJsonAsync("/v1/tenant", new { timeZone = "Asia/Tokyo", displayName = "Tokyo office" });
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            first.Kill();
        }

        await using var second = first.Again();
        await second.StartAsync();
        var settings = await (await second.Client().GetAsync("/v1/tenant")).JsonAsync();

        Assert.Equal("Asia/Tokyo", settings.GetProperty("timeZone").GetString());
        Assert.Equal("Tokyo office", settings.GetProperty("displayName").GetString());
    }

    public void Dispose() => _dataDir.Dispose();
}
