using LeadGrains.Server.Tests.Http;
using LeadGrains.Testing;

namespace LeadGrains.Server.Tests.LoadGen;

public sealed class DemoSmokeTests
{
    [Fact]
    public async Task Demo_mode_qualifies_a_lead_in_tenant_default_within_90_seconds()
    {
        using var dataDir = new TempDirectory("leadgrains-demo-");
        await using var server = ServerProcess.Sqlite(dataDir.Path, "--demo");
        await server.StartAsync();
        using var http = server.Client();

        var qualified = await Eventually.ReturnsAsync(
            async () => (await (await http.GetAsync("/v1/leads?stage=qualified&limit=5")).JsonAsync()).GetProperty("items"),
            items => items.GetArrayLength() > 0,
            TimeSpan.FromSeconds(90),
            "a qualified demo lead");

        Assert.StartsWith("demo-lead-", qualified[0].GetProperty("leadId").GetString());
        Assert.Contains("/v1/leads?stage=qualified", server.Output);
    }
}
