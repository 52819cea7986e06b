using System.Net;
using static LeadGrains.Server.Tests.Http.Api;

namespace LeadGrains.Server.Tests.Http;

[Collection(EmbeddedServerCollection.Name)]
public sealed class SecurityTests(EmbeddedServerFixture fixture)
{
    private readonly HttpClient _admin = fixture.Server.Client();

    [Fact]
    public async Task Missing_key_is_401_with_problem_details()
    {
        using var anonymous = fixture.Server.Client(apiKey: null);

        var response = await anonymous.GetAsync("/v1/leads");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.EndsWith("unauthorized", (await response.JsonAsync()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Unknown_key_is_401()
    {
        using var wrong = fixture.Server.Client("lg_nosuchkey_secret");

        var response = await wrong.PostEventsAsync(Event(Unique("e"), "x", "email.opened"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Key_without_the_scope_is_403_and_stores_nothing()
    {
        var readOnly = await _admin.CreateKeyAsync("default", "read");
        using var http = fixture.Server.Client(readOnly);
        var lead = Unique("scope");

        var response = await http.PostEventsAsync(Event(Unique("e"), lead, "email.opened"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.EndsWith("forbidden", (await response.JsonAsync()).GetProperty("type").GetString());
        Assert.Null(await _admin.GetLeadAsync(lead));
    }

    [Fact]
    public async Task Another_tenants_lead_is_invisible()
    {
        using var acme = fixture.Server.Client(await _admin.CreateKeyAsync("acme", "ingest", "read"));
        using var globex = fixture.Server.Client(await _admin.CreateKeyAsync("globex", "ingest", "read"));
        var lead = Unique("shared-id");
        await acme.IngestAsync(Event("same-event-id-" + lead, lead, "exhibition.visited"));

        var fromGlobex = await globex.GetAsync($"/v1/leads/{lead}");
        var transitionsFromGlobex = await globex.GetAsync($"/v1/leads/{lead}/transitions");
        var globexOwn = await globex.IngestAsync(Event("same-event-id-" + lead, lead, "document.requested"));

        Assert.Equal(HttpStatusCode.NotFound, fromGlobex.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, transitionsFromGlobex.StatusCode);
        Assert.Equal((1, 0), globexOwn);
        Assert.Equal(10, (await acme.GetLeadAsync(lead))!.Value.GetProperty("score").GetDouble());
        Assert.Equal(5, (await globex.GetLeadAsync(lead))!.Value.GetProperty("score").GetDouble());
        Assert.DoesNotContain((await (await globex.GetAsync("/v1/leads")).JsonAsync()).GetProperty("items").EnumerateArray(),
            i => i.GetProperty("leadId").GetString() == lead && i.GetProperty("score").GetDouble() == 10);
    }

    [Fact]
    public async Task A_tenant_admin_cannot_create_keys_for_another_tenant()
    {
        using var acmeAdmin = fixture.Server.Client(await _admin.CreateKeyAsync("acme", "admin"));

        var response = await acmeAdmin.PostAsync("/v1/admin/keys",
            new StringContent("""{"tenant":"globex","scopes":["read"]}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
