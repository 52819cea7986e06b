using System.Net;
using LeadGrains.Domain.Kpis;

namespace LeadGrains.Server.Tests.Http;

[Collection(EmbeddedServerCollection.Name)]
public sealed class KpisApiTests(EmbeddedServerFixture fixture)
{
    [Fact]
    public async Task The_measure_catalog_lists_every_measure_with_its_formula()
    {
        using var http = fixture.Server.Client();

        var response = await http.GetAsync("/v1/kpis/measures");
        var items = (await response.JsonAsync()).GetProperty("items").EnumerateArray().ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(MeasureCatalog.All.Select(m => m.Id), items.Select(i => i.GetProperty("id").GetString()));
        var openRate = items.Single(i => i.GetProperty("id").GetString() == "email.open_rate");
        Assert.Equal("rate", openRate.GetProperty("kind").GetString());
        Assert.Equal("email.unique_openers / email.deliveries", openRate.GetProperty("formula").GetString());
        Assert.Equal("email.deliveries", openRate.GetProperty("denominator").GetString());
        Assert.True(openRate.GetProperty("higherIsBetter").GetBoolean());
    }

    [Fact]
    public async Task The_measure_catalog_needs_a_read_key()
    {
        using var anonymous = fixture.Server.Client(apiKey: null);

        var response = await anonymous.GetAsync("/v1/kpis/measures");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
