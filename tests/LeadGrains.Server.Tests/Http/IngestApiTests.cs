using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using static LeadGrains.Server.Tests.Http.Api;

namespace LeadGrains.Server.Tests.Http;

[Collection(EmbeddedServerCollection.Name)]
public sealed class IngestApiTests(EmbeddedServerFixture fixture)
{
    private readonly HttpClient _http = fixture.Server.Client();

    [Fact]
    public async Task Document_request_scores_5_and_exhibition_visit_10_as_the_seeds_say()
    {
        var lead = Unique("seed");

        await _http.IngestAsync(Event(Unique("e"), lead, "document.requested"));
        var afterDocument = await _http.GetLeadAsync(lead);
        await _http.IngestAsync(Event(Unique("e"), lead, "exhibition.visited"));
        var afterVisit = await _http.GetLeadAsync(lead);

        Assert.Equal(5, afterDocument!.Value.GetProperty("score").GetDouble());
        Assert.Equal(15, afterVisit!.Value.GetProperty("score").GetDouble());
        var rules = afterVisit.Value.GetProperty("explanation").GetProperty("rules").EnumerateArray()
            .ToDictionary(r => r.GetProperty("ruleId").GetString()!, r => r.GetProperty("points").GetDouble());
        Assert.Equal(5, rules["document-requested"]);
        Assert.Equal(10, rules["exhibition-visited"]);
    }

    [Fact]
    public async Task Accepted_answer_counts_events_and_the_lead_shows_them_at_once()
    {
        var lead = Unique("lead");
        var events = new[]
        {
            Event(Unique("e"), lead, "email.opened", Now.AddMinutes(-30), "newsletter", "nov-news"),
            Event(Unique("e"), lead, "web.page_viewed", Now.AddMinutes(-20), properties: new JsonObject { ["path"] = "/pricing", ["sessionId"] = "s1", ["dwellSeconds"] = 42 }),
            Event(Unique("e"), lead, "sns.engaged", Now.AddMinutes(-10), "sns", properties: new JsonObject { ["kind"] = "repost" }),
        };

        var (accepted, duplicates) = await _http.IngestAsync(events);
        var view = (await _http.GetLeadAsync(lead))!.Value;

        Assert.Equal((3, 0), (accepted, duplicates));
        Assert.Equal(3, view.GetProperty("eventCount").GetInt32());
        Assert.Equal(1 + 5 + 2, view.GetProperty("score").GetDouble(), 1);
        Assert.Equal("nurturing", view.GetProperty("stage").GetString());
        Assert.Equal("newsletter", view.GetProperty("firstTouch").GetProperty("source").GetString());
        Assert.Equal("nov-news", view.GetProperty("firstTouch").GetProperty("campaign").GetString());
        Assert.Equal("sns", view.GetProperty("lastTouch").GetProperty("source").GetString());
        var web = view.GetProperty("channels").EnumerateArray().Single(c => c.GetProperty("channel").GetString() == "web");
        Assert.Equal(1, web.GetProperty("events").GetInt32());
        Assert.Equal(3, view.GetProperty("explanation").GetProperty("recentEvents").GetArrayLength());
    }

    [Fact]
    public async Task Repeated_ids_in_one_request_and_in_a_later_batch_count_once()
    {
        var lead = Unique("dup");
        var first = Event(Unique("e"), lead, "exhibition.visited");

        var once = await _http.IngestAsync(first, first);
        var again = await _http.IngestAsync(first, Event(Unique("e"), lead, "document.requested"));
        var view = (await _http.GetLeadAsync(lead))!.Value;

        Assert.Equal((1, 1), once);
        Assert.Equal((1, 1), again);
        Assert.Equal(15, view.GetProperty("score").GetDouble());
        Assert.Equal(2, view.GetProperty("eventCount").GetInt32());
    }

    [Fact]
    public async Task Crossing_the_threshold_records_exactly_one_qualification()
    {
        var lead = Unique("mql");

        await _http.IngestAsync(Event(Unique("e"), lead, "inquiry.submitted"), Event(Unique("e"), lead, "exhibition.visited"));
        await _http.IngestAsync(Event(Unique("e"), lead, "webinar.attended"), Event(Unique("e"), lead, "document.requested"));
        await _http.IngestAsync(Event(Unique("e"), lead, "exhibition.visited"));
        var transitions = await (await _http.GetAsync($"/v1/leads/{lead}/transitions")).JsonAsync();
        var view = (await _http.GetLeadAsync(lead))!.Value;

        Assert.Equal("qualified", view.GetProperty("stage").GetString());
        var qualifications = transitions.GetProperty("items").EnumerateArray()
            .Where(t => t.GetProperty("to").GetString() == "qualified").ToList();
        var q = Assert.Single(qualifications);
        Assert.Equal(50, q.GetProperty("threshold").GetDouble());
        Assert.True(q.GetProperty("score").GetDouble() >= 50);
    }

    [Fact]
    public async Task Lead_list_filters_by_stage_and_minimum_score_best_first()
    {
        var tenantKey = await _http.CreateKeyAsync(Unique("list").Replace("-", "x"), "ingest", "read");
        using var http = fixture.Server.Client(tenantKey);
        await http.IngestAsync(Event(Unique("e"), "hot", "inquiry.submitted"), Event(Unique("e"), "hot", "inquiry.submitted"));
        await http.IngestAsync(Event(Unique("e"), "warm", "exhibition.visited"));
        await http.IngestAsync(Event(Unique("e"), "cool", "email.opened"));

        var all = await (await http.GetAsync("/v1/leads?sort=score")).JsonAsync();
        var qualified = await (await http.GetAsync("/v1/leads?stage=qualified")).JsonAsync();
        var above5 = await (await http.GetAsync("/v1/leads?minScore=5&limit=10")).JsonAsync();

        Assert.Equal(["hot", "warm", "cool"], all.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("leadId").GetString()));
        Assert.Equal(["hot"], qualified.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("leadId").GetString()));
        Assert.Equal(["hot", "warm"], above5.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("leadId").GetString()));
    }

    [Fact]
    public async Task CloudEvents_in_structured_batched_and_binary_mode_are_ingested()
    {
        var lead = Unique("ce");
        string Ce(string id, string type) => new JsonObject
        {
            ["specversion"] = "1.0", ["id"] = id, ["source"] = "/crm", ["type"] = type, ["time"] = Now.ToString("O"),
            ["subject"] = lead, ["leadsource"] = "search", ["data"] = new JsonObject { ["note"] = "x" },
        }.ToJsonString();

        var structured = await _http.PostRawAsync(Ce(Unique("c"), "document.requested"), "application/cloudevents+json");
        var batched = await _http.PostRawAsync($"[{Ce(Unique("c"), "exhibition.visited")}]", "application/cloudevents-batch+json");
        using var binary = new HttpRequestMessage(HttpMethod.Post, "/v1/events")
        {
            Content = new StringContent("""{"kind":"like"}""", Encoding.UTF8, "application/json"),
        };
        binary.Headers.Add("ce-specversion", "1.0");
        binary.Headers.Add("ce-id", Unique("c"));
        binary.Headers.Add("ce-source", "/sns");
        binary.Headers.Add("ce-type", "sns.engaged");
        binary.Headers.Add("ce-time", Now.ToString("O"));
        binary.Headers.Add("ce-subject", lead);
        var binaryResponse = await _http.SendAsync(binary);
        var view = (await _http.GetLeadAsync(lead))!.Value;

        Assert.Equal(HttpStatusCode.Accepted, structured.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, batched.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, binaryResponse.StatusCode);
        Assert.Equal(16, view.GetProperty("score").GetDouble());
        Assert.Equal("search", view.GetProperty("firstTouch").GetProperty("source").GetString());
    }

    public static TheoryData<string, string, int, string> BadBatches => new()
    {
        // body template ({lead} and {ok} are replaced), expected field, index, problem type suffix
        { """[{ok},{"id":"x1","leadId":"{lead}","type":"no.such_type","occurredAt":"2026-11-01T00:00:00Z"}]""", "type", 1, "invalid-event" },
        { """[{ok},{"leadId":"{lead}","type":"email.opened","occurredAt":"2026-11-01T00:00:00Z"}]""", "id", 1, "invalid-event" },
        { """[{ok},{"id":"x3","type":"email.opened","occurredAt":"2026-11-01T00:00:00Z"}]""", "leadId", 1, "invalid-event" },
        { """[{ok},{"id":"x4","leadId":"{lead}","type":"email.opened","occurredAt":"yesterday"}]""", "occurredAt", 1, "invalid-event" },
        { """[{ok},{"id":"x5","leadId":"{lead}","type":"email.opened","occurredAt":"2026-11-01T00:00:00"}]""", "occurredAt", 1, "invalid-event" },
        { """[{ok},{"id":"x6","leadId":"{lead}","type":"email.opened","occurredAt":"2026-11-01T00:00:00Z","properties":[1,2]}]""", "properties", 1, "invalid-event" },
        { """[{ok},{ok},{"id":"x7","leadId":"{lead}","type":"sns.engaged","occurredAt":"2026-11-01T00:00:00Z","properties":{"kind":"poke"}}]""", "properties.kind", 2, "invalid-event" },
    };

    [Theory]
    [MemberData(nameof(BadBatches))]
    public async Task Bad_event_is_refused_with_its_index_and_field_and_nothing_is_stored(string template, string field, int index, string type)
    {
        var lead = Unique("bad");
        var ok = Event(Unique("ok"), lead, "exhibition.visited").ToJsonString();
        var body = template.Replace("{ok}", ok).Replace("{lead}", lead);

        var response = await _http.PostRawAsync(body);
        var problem = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(type, problem.GetProperty("type").GetString());
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Equal(index, problem.GetProperty("index").GetInt32());
        Assert.Null(await _http.GetLeadAsync(lead));
    }

    [Fact]
    public async Task Malformed_json_is_refused_and_nothing_is_stored()
    {
        var lead = Unique("bad");
        var response = await _http.PostRawAsync("[" + Event(Unique("ok"), lead, "exhibition.visited").ToJsonString() + ", {\"id\":");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(await _http.GetLeadAsync(lead));
    }

    [Fact]
    public async Task A_batch_over_10000_events_is_refused_as_too_large()
    {
        var lead = Unique("big");
        var events = Enumerable.Range(0, 10_001).Select(i => Event($"{lead}-{i}", lead, "email.opened")).ToArray();

        var response = await _http.PostEventsAsync(events);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(await _http.GetLeadAsync(lead));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_body_over_the_byte_limit_is_refused_as_too_large(bool chunked)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/events")
        {
            Content = new StringContent(new string(' ', 33 * 1024 * 1024) + "[]", Encoding.UTF8, "application/json"),
        };
        if (chunked)
        {
            // No Content-Length: the server finds out while reading, and stops there.
            request.Headers.TransferEncodingChunked = true;
        }
        else
        {
            // A well-behaved client asks first (Expect: 100-continue); the server refuses on
            // Content-Length alone, without reading 33 MiB.
            request.Headers.ExpectContinue = true;
        }
        var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.EndsWith("body-too-large", (await response.JsonAsync()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_chunked_body_of_unannounced_length_is_read_whole()
    {
        // No Content-Length: the server starts from a 64 KiB pooled buffer and must grow it.
        var lead = Unique("chunked");
        var events = new JsonArray(Enumerable.Range(0, 1_000)
            .Select(i => (JsonNode)Event($"{lead}-{i}", lead, "web.page_viewed", properties: new JsonObject { ["path"] = $"/docs/{i}", ["sessionId"] = "s1" }))
            .ToArray());
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/events")
        {
            Content = new StringContent(events.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.TransferEncodingChunked = true;
        Assert.True(Encoding.UTF8.GetByteCount(events.ToJsonString()) > 2 * 64 * 1024);

        var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(1_000, (await response.JsonAsync()).GetProperty("accepted").GetInt32());
        Assert.Equal(1_000, (await _http.GetLeadAsync(lead))!.Value.GetProperty("eventCount").GetInt32());
    }

    [Fact]
    public async Task Unsupported_content_type_is_refused()
    {
        var response = await _http.PostRawAsync("hello", "text/plain");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }
}
