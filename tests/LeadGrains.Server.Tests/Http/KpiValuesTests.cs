using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LeadGrains.Domain.Kpis;
using LeadGrains.Testing;

namespace LeadGrains.Server.Tests.Http;

/// <summary>KPIs, channel reports, targets, KGI and the channel comparison through real HTTP on the embedded server.</summary>
[Collection(EmbeddedServerCollection.Name)]
public sealed class KpiValuesTests(EmbeddedServerFixture fixture)
{
    private static readonly DateTimeOffset Day = new(2026, 11, 10, 9, 0, 0, TimeSpan.Zero);

    private async Task<HttpClient> NewTenantAsync()
    {
        using var admin = fixture.Server.Client();
        var tenant = "k" + Guid.NewGuid().ToString("N")[..10];
        return fixture.Server.Client(await admin.CreateKeyAsync(tenant, "ingest", "read", "admin"));
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Email_rates_are_exact_and_readable_right_after_the_202()
    {
        using var http = await NewTenantAsync();
        await http.IngestAsync(
            Api.Event("d1", "l1", "email.delivered", Day, campaign: "nov"),
            Api.Event("d2", "l2", "email.delivered", Day, campaign: "nov"),
            Api.Event("d3", "l3", "email.delivered", Day, campaign: "nov"),
            Api.Event("d4", "l4", "email.delivered", Day, campaign: "nov"),
            Api.Event("o1", "l1", "email.opened", Day.AddMinutes(5), campaign: "nov"),
            Api.Event("o2", "l1", "email.opened", Day.AddMinutes(9), campaign: "nov"),
            Api.Event("o3", "l2", "email.opened", Day.AddMinutes(7), campaign: "nov"),
            Api.Event("c1", "l1", "email.clicked", Day.AddMinutes(6), campaign: "nov"));

        var series = await (await http.GetAsync("/v1/kpis?channel=email&campaign=nov&period=day&from=2026-11-10&to=2026-11-10")).JsonAsync();
        JsonElement Point(string kpi) => series.GetProperty("kpis").EnumerateArray()
            .Single(k => k.GetProperty("kpi").GetString() == kpi).GetProperty("points")[0];

        Assert.Equal("campaign:nov", series.GetProperty("scope").GetString());
        Assert.Equal(0.5, Point("email.open_rate@campaign:nov").GetProperty("value").GetDouble());
        Assert.Equal(2, Point("email.open_rate@campaign:nov").GetProperty("numerator").GetDouble());
        Assert.Equal(4, Point("email.open_rate@campaign:nov").GetProperty("denominator").GetDouble());
        Assert.Equal(3, Point("email.opens@campaign:nov").GetProperty("value").GetDouble());
        Assert.Equal(0.5, Point("email.click_to_open_rate@campaign:nov").GetProperty("value").GetDouble());

        // A retried batch changes nothing.
        await http.IngestAsync(Api.Event("o2", "l1", "email.opened", Day.AddMinutes(9), campaign: "nov"));
        var one = await (await http.GetAsync("/v1/kpis/email.opens@campaign:nov?period=month&from=2026-11-01&to=2026-11-30")).JsonAsync();
        Assert.Equal(3, one.GetProperty("total").GetProperty("value").GetDouble());
        Assert.Equal("email.opens", one.GetProperty("formula").GetString());
        Assert.Equal(JsonValueKind.Null, one.GetProperty("target").ValueKind);
    }

    [Fact]
    public async Task Bad_kpi_queries_are_problems_that_name_the_parameter()
    {
        using var http = await NewTenantAsync();

        var unknown = await http.GetAsync("/v1/kpis/email.nope");
        var channel = await http.GetAsync("/v1/kpis?channel=fax");
        var period = await http.GetAsync("/v1/kpis?period=year");
        var both = await http.GetAsync("/v1/kpis?campaign=a&source=b");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("measure 'email.nope' does not exist", (await unknown.JsonAsync()).GetProperty("detail").GetString());
        Assert.Equal("channel", (await channel.JsonAsync()).GetProperty("field").GetString());
        Assert.Equal("period", (await period.JsonAsync()).GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);
    }

    [Fact]
    public async Task Channel_reports_are_idempotent_and_a_bad_one_stores_nothing()
    {
        using var http = await NewTenantAsync();
        const string reports = """
            [{"id":"r1","metric":"sns.impressions","value":1200,"occurredAt":"2026-11-10T10:00:00Z","campaign":"launch"},
             {"id":"r2","metric":"sns.reach","value":800,"occurredAt":"2026-11-10T10:00:00Z","campaign":"launch"}]
            """;

        var first = await http.PostAsync("/v1/metrics", Json(reports));
        var again = await http.PostAsync("/v1/metrics", Json(reports));
        var bad = await http.PostAsync("/v1/metrics", Json("""
            [{"id":"r3","metric":"sns.impressions","value":5,"occurredAt":"2026-11-10T10:00:00Z"},
             {"id":"r4","metric":"sns.views","value":5,"occurredAt":"2026-11-10T10:00:00Z"}]
            """));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(2, (await first.JsonAsync()).GetProperty("accepted").GetInt32());
        Assert.Equal(2, (await again.JsonAsync()).GetProperty("duplicates").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.JsonAsync();
        Assert.Equal(1, problem.GetProperty("index").GetInt32());
        Assert.Equal("metric", problem.GetProperty("field").GetString());
        var impressions = await (await http.GetAsync("/v1/kpis/sns.impressions?period=month&from=2026-11-01&to=2026-11-30")).JsonAsync();
        Assert.Equal(1200, impressions.GetProperty("total").GetProperty("value").GetDouble());
    }

    [Fact]
    public async Task A_body_that_does_not_bind_is_a_problem_naming_the_member_and_changes_nothing()
    {
        using var http = await NewTenantAsync();

        var malformed = await http.PutAsync("/v1/kgi", Json("{bad"));
        var wrongType = await http.PutAsync("/v1/kpis/whitepaper.downloads/target", Json("""{"value":"thirty","deadline":"2027-03-31"}"""));
        var report = await http.PostAsync("/v1/metrics", Json("""{"id":"r1","metric":"sns.reach","value":-5,"occurredAt":"2026-11-10T10:00:00Z"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);
        Assert.Equal("https://leadgrains.dev/problems/invalid-body", (await malformed.JsonAsync()).GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.Equal("value", (await wrongType.JsonAsync()).GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/v1/kgi")).StatusCode);
        Assert.Equal(JsonValueKind.Null, (await (await http.GetAsync("/v1/kpis/whitepaper.downloads")).JsonAsync()).GetProperty("target").ValueKind);
        var reportProblem = await report.JsonAsync();
        Assert.Equal("value", reportProblem.GetProperty("field").GetString());
        Assert.StartsWith("Report 0: value must be", reportProblem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Targets_follow_the_SMART_rules()
    {
        using var http = await NewTenantAsync();
        for (var i = 0; i < 5; i++)
        {
            var ok = await http.PutAsJsonAsync($"/v1/kpis/email.deliveries@campaign:c{i}/target",
                new { value = 100, deadline = "2027-03-31", owner = "mika", initiative = "newsletter" });
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        var sixth = await http.PutAsJsonAsync("/v1/kpis/email.open_rate/target",
            new { value = 0.3, deadline = "2027-03-31", owner = "mika", initiative = "newsletter" });
        var noDeadline = await http.PutAsJsonAsync("/v1/kpis/email.open_rate/target",
            new { value = 0.3, owner = "mika", initiative = "web" });
        var noMeasure = await http.PutAsJsonAsync("/v1/kpis/email.opens_per_fax/target",
            new { value = 1, deadline = "2027-03-31", owner = "mika", initiative = "web" });
        var replaced = await http.PutAsJsonAsync("/v1/kpis/email.deliveries@campaign:c0/target",
            new { value = 200, deadline = "2027-03-31", owner = "mika", initiative = "newsletter" });

        Assert.Equal(HttpStatusCode.BadRequest, sixth.StatusCode);
        var sixthProblem = await sixth.JsonAsync();
        Assert.Equal("initiative", sixthProblem.GetProperty("field").GetString());
        Assert.Contains("at most 5", sixthProblem.GetProperty("detail").GetString());
        Assert.Equal("deadline", (await noDeadline.JsonAsync()).GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.NotFound, noMeasure.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal(200, (await replaced.JsonAsync()).GetProperty("target").GetDouble());
    }

    [Fact]
    public async Task Reaching_a_target_records_exactly_one_event()
    {
        using var http = await NewTenantAsync();
        var today = DateTimeOffset.UtcNow;
        var start = DateOnly.FromDateTime(today.UtcDateTime).ToString("yyyy-MM-dd");
        var set = await http.PutAsJsonAsync("/v1/kpis/whitepaper.downloads/target",
            new { value = 3, startDate = start, deadline = DateOnly.FromDateTime(today.UtcDateTime).AddDays(30).ToString("yyyy-MM-dd"), owner = "ken", initiative = "content" });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);

        for (var i = 0; i < 5; i++)
        {
            await http.IngestAsync(Api.Event($"w{i}", $"lead-{i}", "whitepaper.downloaded", today));
        }

        // The feed forwards commits twice a second; reading the KPI also evaluates it.
        var reached = await Eventually.ReturnsAsync(async () =>
        {
            var events = (await (await http.GetAsync("/v1/kpis/whitepaper.downloads/events")).JsonAsync()).GetProperty("items");
            return events.EnumerateArray().Where(e => e.GetProperty("kind").GetString() == "target_reached").ToList();
        }, list => list.Count > 0, TimeSpan.FromSeconds(15), "a target_reached event");
        var status = await (await http.GetAsync("/v1/kpis/whitepaper.downloads")).JsonAsync();
        await Task.Delay(1500);
        var after = (await (await http.GetAsync("/v1/kpis/whitepaper.downloads/events")).JsonAsync()).GetProperty("items");

        var only = Assert.Single(reached);
        Assert.True(only.GetProperty("value").GetDouble() >= 3);
        Assert.Contains("reached its target", only.GetProperty("cause").GetString());
        Assert.True(status.GetProperty("target").GetProperty("onTarget").GetBoolean());
        Assert.Equal(5, status.GetProperty("target").GetProperty("value").GetDouble());
        Assert.Single(after.EnumerateArray(), e => e.GetProperty("kind").GetString() == "target_reached");
    }

    [Fact]
    public async Task The_seeds_KGI_is_worked_back_to_leads_and_reviewed()
    {
        using var http = await NewTenantAsync();

        var put = await http.PutAsJsonAsync("/v1/kgi", new
        {
            newCustomers = 5,
            start = "2026-12-01",
            deadline = "2027-11-30",
            rates = new { winRate = 0.2, meetingConversionRate = 0.3, qualificationRate = 0.1 },
        });
        var body = await put.JsonAsync();
        var get = await (await http.GetAsync("/v1/kgi")).JsonAsync();
        var noRates = await http.PutAsJsonAsync("/v1/kgi", new { newCustomers = 5, deadline = "2027-11-30" });

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var total = body.GetProperty("plan").GetProperty("total");
        Assert.Equal((840, 84, 25, 5), (total.GetProperty("leads").GetInt32(), total.GetProperty("qualified").GetInt32(),
            total.GetProperty("meetings").GetInt32(), total.GetProperty("won").GetInt32()));
        Assert.Equal(12, body.GetProperty("plan").GetProperty("months").GetArrayLength());
        Assert.Equal(4, get.GetProperty("review").GetProperty("stages").GetArrayLength());
        Assert.False(string.IsNullOrEmpty(get.GetProperty("review").GetProperty("diagnosis").GetString()));
        // A new tenant has measured nothing, so rates cannot default.
        Assert.Equal(HttpStatusCode.BadRequest, noRates.StatusCode);
        Assert.StartsWith("rates.", (await noRates.JsonAsync()).GetProperty("field").GetString());
    }

    [Fact]
    public async Task Sources_are_compared_side_by_side()
    {
        using var http = await NewTenantAsync();
        var events = new List<JsonObject>();
        for (var i = 0; i < 10; i++)
        {
            events.Add(Api.Event($"sv{i}", $"sns-{i}", "web.page_viewed", Day, source: "sns",
                properties: new JsonObject { ["path"] = "/blog", ["sessionId"] = $"s-sns-{i}" }));
        }
        events.Add(Api.Event("sd0", "sns-0", "whitepaper.downloaded", Day, source: "sns"));
        for (var i = 0; i < 2; i++)
        {
            events.Add(Api.Event($"nv{i}", $"news-{i}", "web.page_viewed", Day, source: "newsletter",
                properties: new JsonObject { ["path"] = "/blog", ["sessionId"] = $"s-news-{i}" }));
            events.Add(Api.Event($"nd{i}", $"news-{i}", "whitepaper.downloaded", Day, source: "newsletter"));
        }
        await http.IngestAsync([.. events]);

        var report = await (await http.GetAsync("/v1/reports/channels?from=2026-11-01&to=2026-11-30")).JsonAsync();
        var rows = report.GetProperty("sources").EnumerateArray().ToDictionary(r => r.GetProperty("source").GetString()!);

        Assert.Equal(10, rows["sns"].GetProperty("visits").GetDouble());
        Assert.Equal(1, rows["sns"].GetProperty("downloads").GetDouble());
        Assert.Equal(1.0, rows["newsletter"].GetProperty("downloadRate").GetProperty("value").GetDouble());
        Assert.NotEmpty(report.GetProperty("remarks").EnumerateArray());
    }

    [Fact]
    public async Task Visits_stay_exact_when_events_arrive_months_late()
    {
        using var http = await NewTenantAsync();
        var august = new DateTimeOffset(2026, 8, 10, 9, 0, 0, TimeSpan.Zero);
        JsonObject View(string id, string lead, DateTimeOffset at, string session) =>
            Api.Event(id, lead, "web.page_viewed", at, properties: new JsonObject { ["path"] = "/", ["sessionId"] = session });
        async Task<double> VisitsAsync(string from, string to) =>
            (await (await http.GetAsync($"/v1/kpis/web.visits?period=day&from={from}&to={to}")).JsonAsync())
                .GetProperty("total").GetProperty("value").GetDouble();

        await http.IngestAsync(View("v1", "l1", august, "s1"));
        await http.IngestAsync(View("v2", "l1", Day, "s2"));
        // Three months on and past its bound of marks (UniqueMarks.PruneAbove), the lead no longer
        // keeps August's marks in memory: the late views below make it rebuild them from the store.
        await http.IngestAsync([.. Enumerable.Range(0, UniqueMarks.PruneAbove + 12)
            .Select(i => View($"f{i}", "l1", Day.AddDays(2), $"filler-{i}"))]);
        // Late August views: s1 again (not a new visit), s3 (new); the same session id on
        // another lead is that lead's own visit.
        JsonObject[] late = [View("v3", "l1", august.AddHours(1), "s1"), View("v4", "l1", august.AddHours(2), "s3"), View("v5", "l2", august, "s1")];
        await http.IngestAsync(late);
        await http.IngestAsync(late);

        Assert.Equal(3, await VisitsAsync("2026-08-10", "2026-08-10"));
        Assert.Equal(1, await VisitsAsync("2026-11-10", "2026-11-10"));
        var month = await (await http.GetAsync("/v1/kpis/web.visits?period=month&from=2026-08-01&to=2026-08-31")).JsonAsync();
        Assert.Equal(3, month.GetProperty("total").GetProperty("value").GetDouble());
    }
}
