using System.Text.Json.Nodes;
using LeadGrains.Domain.Events;
using LeadGrains.Server.Ingest;
using static LeadGrains.Server.Tests.Ingest.IngestTestKit;

namespace LeadGrains.Server.Tests.Ingest;

public sealed class CloudEventStructuredTests
{
    private const string Structured = "application/cloudevents+json";

    private static IngestParseResult ParseStructured(JsonNode body) => ParseJson(body, Structured);

    [Fact]
    public void A_structured_cloudevent_maps_every_attribute_to_the_lead_event()
    {
        var result = Parse("""
            {
              "specversion": "1.0",
              "id": "ce-77",
              "source": "https://cms.example.com/site",
              "type": "web.page_viewed",
              "subject": "lead-42",
              "time": "2026-11-20T19:00:00+09:00",
              "leadsource": "Search",
              "campaign": "autumn-2026",
              "datacontenttype": "application/json",
              "data": {"path": "/pricing", "sessionId": "s-1", "dwellSeconds": 12}
            }
            """, Structured);

        var ev = Single(result);
        Assert.Equal("ce-77", ev.Id);
        Assert.Equal("lead-42", ev.LeadId);
        Assert.Same(EventCatalog.WebPageViewed, ev.Type);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 19, 0, 0, TimeSpan.FromHours(9)), ev.OccurredAt);
        Assert.Equal("search", ev.Source);
        Assert.Equal("autumn-2026", ev.Campaign);
        Assert.Equal("""{"path": "/pricing", "sessionId": "s-1", "dwellSeconds": 12}""", ev.Properties.Json);
        Assert.Equal("/pricing", ev.Properties.Path);
        Assert.Equal("s-1", ev.Properties.SessionId);
        Assert.Equal(12.0, ev.Properties.DwellSeconds);
    }

    [Fact]
    public void The_producer_source_attribute_is_not_taken_as_the_inflow_source()
    {
        var ev = Single(ParseStructured(CloudEvent()));

        Assert.Null(ev.Source);
    }

    [Fact]
    public void A_cloudevent_without_data_has_empty_properties()
    {
        var ev = Single(ParseStructured(CloudEvent()));

        Assert.Same(EventProperties.Empty, ev.Properties);
    }

    [Fact]
    public void Null_data_counts_as_no_data()
    {
        var input = CloudEvent();
        input["data"] = null;

        Assert.Null(Single(ParseStructured(input)).Properties.Json);
    }

    [Fact]
    public void Unknown_extension_attributes_are_ignored()
    {
        var input = CloudEvent();
        input["traceparent"] = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        input["dataschema"] = "https://leadgrains.dev/schemas/email";

        Assert.True(ParseStructured(input).IsValid);
    }

    [Theory]
    [InlineData("specversion")]
    [InlineData("id")]
    [InlineData("source")]
    [InlineData("type")]
    [InlineData("subject")]
    [InlineData("time")]
    public void A_missing_required_attribute_is_reported_by_its_cloudevents_name(string attribute)
    {
        var input = CloudEvent();
        input.Remove(attribute);

        var error = AssertInvalidEvent(ParseStructured(input), 0, attribute);
        Assert.Equal($"Event 0: '{attribute}' is required.", error.Detail);
    }

    [Theory]
    [InlineData("0.3")]
    [InlineData("1")]
    [InlineData("1.0.0")]
    public void A_specversion_other_than_1_0_is_refused(string version)
    {
        var input = CloudEvent();
        input["specversion"] = version;

        AssertInvalidEvent(ParseStructured(input), 0, "specversion");
    }

    [Fact]
    public void A_numeric_specversion_is_refused()
    {
        var input = CloudEvent();
        input["specversion"] = 1.0;

        AssertInvalidEvent(ParseStructured(input), 0, "specversion");
    }

    [Fact]
    public void An_empty_producer_source_is_refused()
    {
        var input = CloudEvent();
        input["source"] = "";

        AssertInvalidEvent(ParseStructured(input), 0, "source");
    }

    [Fact]
    public void A_bad_time_is_reported_as_time()
    {
        var input = CloudEvent();
        input["time"] = "2026-11-20T10:00:00";

        var error = AssertInvalidEvent(ParseStructured(input), 0, "time");
        Assert.Equal("Event 0: 'time' must be an RFC 3339 timestamp with a time zone offset.", error.Detail);
    }

    [Fact]
    public void A_time_too_far_in_the_future_is_reported_as_time()
    {
        var input = CloudEvent();
        input["time"] = "2027-01-01T00:00:00Z";

        AssertInvalidEvent(ParseStructured(input), 0, "time");
    }

    [Fact]
    public void A_subject_longer_than_the_lead_id_limit_is_reported_as_subject()
    {
        var input = CloudEvent();
        input["subject"] = new string('s', EventLimits.MaxLeadIdLength + 1);

        AssertInvalidEvent(ParseStructured(input), 0, "subject");
    }

    [Fact]
    public void An_unknown_type_is_reported_as_type()
    {
        AssertInvalidEvent(ParseStructured(CloudEvent(type: "com.example.object.deleted.v2")), 0, "type");
    }

    [Fact]
    public void A_bad_leadsource_is_reported_as_leadsource()
    {
        var input = CloudEvent();
        input["leadsource"] = "news letter";

        AssertInvalidEvent(ParseStructured(input), 0, "leadsource");
    }

    [Theory]
    [InlineData("[1]", "an array")]
    [InlineData("\"text\"", "a string")]
    [InlineData("3", "a number")]
    public void Data_that_is_not_a_json_object_is_refused_as_data(string rawData, string described)
    {
        var input = CloudEvent();
        input["data"] = JsonNode.Parse(rawData);

        var error = AssertInvalidEvent(ParseStructured(input), 0, "data");
        Assert.Equal($"Event 0: 'data' must be a JSON object, but was {described}.", error.Detail);
    }

    [Fact]
    public void Base64_data_is_refused()
    {
        var input = CloudEvent();
        input["data_base64"] = "eyJhIjoxfQ==";

        AssertInvalidEvent(ParseStructured(input), 0, "data_base64");
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/vnd.leadgrains.page+json")]
    public void A_json_datacontenttype_is_accepted(string dataContentType)
    {
        var input = CloudEvent();
        input["datacontenttype"] = dataContentType;
        input["data"] = new JsonObject { ["a"] = 1 };

        Assert.True(ParseStructured(input).IsValid);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("+json")]
    public void A_non_json_datacontenttype_is_refused(string dataContentType)
    {
        var input = CloudEvent();
        input["datacontenttype"] = dataContentType;

        AssertInvalidEvent(ParseStructured(input), 0, "datacontenttype");
    }

    [Fact]
    public void An_sns_engagement_without_a_kind_in_data_is_reported_as_data_kind()
    {
        var input = CloudEvent(type: "sns.engaged");
        input["data"] = new JsonObject { ["network"] = "x" };

        AssertInvalidEvent(ParseStructured(input), 0, "data.kind");
    }

    [Fact]
    public void An_sns_engagement_with_a_kind_in_data_is_accepted()
    {
        var input = CloudEvent(type: "sns.engaged");
        input["data"] = new JsonObject { ["kind"] = "repost" };

        Assert.Equal("repost", Single(ParseStructured(input)).Properties.Kind);
    }

    [Fact]
    public void An_array_sent_as_a_structured_cloudevent_is_refused_with_a_hint_to_use_batch_mode()
    {
        var error = AssertError(ParseStructured(Array(CloudEvent())), 400, IngestProblemTypes.InvalidBody);

        Assert.Contains("application/cloudevents-batch+json", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Structured_mode_wins_over_a_ce_specversion_header()
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["ce-specversion"] = "0.3" };

        var result = Parse(CloudEvent().ToJsonString(), Structured, headers);

        Assert.True(result.IsValid, result.Error?.Detail);
    }

    [Fact]
    public void Malformed_json_in_structured_mode_gets_400_malformed_json()
    {
        AssertError(Parse("{\"specversion\":", Structured), 400, IngestProblemTypes.MalformedJson);
    }
}
