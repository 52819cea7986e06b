using System.Text;
using System.Text.Json.Nodes;
using LeadGrains.Domain.Events;
using LeadGrains.Server.Ingest;
using static LeadGrains.Server.Tests.Ingest.IngestTestKit;

namespace LeadGrains.Server.Tests.Ingest;

public sealed class BatchParsingTests
{
    /// <summary>A JSON array of <paramref name="count"/> valid events, written directly for speed.</summary>
    internal static string BatchOf(int count, Func<int, string>? eventJson = null)
    {
        var builder = new StringBuilder(count * 160).Append('[');
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
                builder.Append(',');
            builder.Append(eventJson?.Invoke(i)
                ?? $$$"""{"id":"evt-{{{i}}}","leadId":"lead-{{{i % 97}}}","type":"web.page_viewed","occurredAt":"2026-11-20T10:00:00Z","source":"Search","properties":{"path":"/p/{{{i}}}","dwellSeconds":{{{i % 60}}}}}""");
        }
        return builder.Append(']').ToString();
    }

    [Fact]
    public void A_batch_of_the_maximum_size_is_parsed_completely()
    {
        var result = Parse(BatchOf(EventLimits.MaxBatchSize));

        Assert.True(result.IsValid, result.Error?.Detail);
        Assert.Equal(EventLimits.MaxBatchSize, result.Events.Count);
        Assert.Equal("evt-9999", result.Events[^1].Id);
        Assert.Equal("/p/9999", result.Events[^1].Properties.Path);
        Assert.Equal("search", result.Events[0].Source);
    }

    [Fact]
    public void A_batch_one_event_over_the_maximum_gets_413()
    {
        var error = AssertError(Parse(BatchOf(EventLimits.MaxBatchSize + 1)), 413, IngestProblemTypes.BatchTooLarge);

        Assert.Null(error.Index);
        Assert.Contains("10001", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_array_gets_400_empty_batch()
    {
        var error = AssertError(Parse("[]"), 400, IngestProblemTypes.EmptyBatch);

        Assert.Null(error.Index);
        Assert.Null(error.Field);
    }

    [Fact]
    public void An_error_in_the_third_event_reports_index_2_and_the_field()
    {
        var third = Event("c");
        third["occurredAt"] = "2026-11-20";

        var error = AssertInvalidEvent(ParseJson(Array(Event("a"), Event("b"), third, Event("d"))), 2, "occurredAt");

        Assert.Equal("Event 2: 'occurredAt' must be an RFC 3339 timestamp with a time zone offset.", error.Detail);
    }

    [Fact]
    public void A_nested_property_error_in_the_third_event_reports_the_dotted_field()
    {
        var third = Event("c", "web.page_viewed");
        third["properties"] = new JsonObject { ["dwellSeconds"] = -3 };

        AssertInvalidEvent(ParseJson(Array(Event("a"), Event("b"), third)), 2, "properties.dwellSeconds");
    }

    [Fact]
    public void The_first_offending_event_in_document_order_is_reported()
    {
        var second = Event("b");
        second.Remove("leadId");
        var fourth = Event("d");
        fourth.Remove("id");

        AssertInvalidEvent(ParseJson(Array(Event("a"), second, Event("c"), fourth)), 1, "leadId");
    }

    [Fact]
    public void A_batch_with_one_bad_event_yields_no_events_at_all()
    {
        var result = ParseJson(Array(Event("a"), Event("b", "nope")));

        Assert.False(result.IsValid);
        Assert.Empty(result.Events);
    }

    [Theory]
    [InlineData("\"not an event\"", "a string")]
    [InlineData("[]", "an array")]
    [InlineData("null", "null")]
    public void An_array_element_that_is_not_an_object_is_refused_with_its_index(string element, string described)
    {
        var result = Parse($"[{Event().ToJsonString()},{element}]");

        var error = AssertInvalidEvent(result, 1, null);
        Assert.Equal($"Event 1 must be a JSON object, but was {described}.", error.Detail);
    }

    [Theory]
    [InlineData("{\"id\": ")]
    [InlineData("{'id': 'single quotes'}")]
    [InlineData("{\"id\":\"a\",}")] // trailing comma
    [InlineData("{\"id\":\"a\"} {\"id\":\"b\"}")] // two documents
    [InlineData("{\"id\":\"a\" /* comment */}")]
    [InlineData("   ")]
    [InlineData("id=1&type=email.opened")]
    public void Malformed_json_gets_400_malformed_json(string body)
    {
        var error = AssertError(Parse(body), 400, IngestProblemTypes.MalformedJson);

        Assert.Null(error.Index);
        Assert.Null(error.Field);
    }

    [Fact]
    public void An_empty_body_gets_400_malformed_json()
    {
        var error = AssertError(ParseBytes([]), 400, IngestProblemTypes.MalformedJson);

        Assert.Contains("empty", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_json_inside_an_array_element_reports_that_elements_index()
    {
        var body = $"[{Event("a").ToJsonString()},{Event("b").ToJsonString()},{{\"id\":\"c\",\"leadId\" \"x\"}}]";

        var error = AssertError(Parse(body), 400, IngestProblemTypes.MalformedJson);

        Assert.Equal(2, error.Index);
        Assert.StartsWith("Event 2 of the request body is not well-formed JSON (line 1, byte ", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_json_reports_the_line_of_the_error()
    {
        var error = AssertError(Parse("[\n{\"id\":\"a\"},\n{\"id\" 1}\n]"), 400, IngestProblemTypes.MalformedJson);

        Assert.Contains("line 3", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_body_that_is_not_valid_utf8_gets_400_malformed_json()
    {
        var body = Encoding.UTF8.GetBytes(Event().ToJsonString());
        body[8] = 0xFF; // inside "evt-1"

        var error = AssertError(ParseBytes(body), 400, IngestProblemTypes.MalformedJson);
        Assert.Contains("UTF-8", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_leading_utf8_byte_order_mark_is_ignored()
    {
        byte[] body = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Event().ToJsonString())];

        Assert.True(ParseBytes(body).IsValid);
    }

    [Fact]
    public void Json_nested_deeper_than_64_levels_is_refused_as_malformed()
    {
        var deep = new string('[', 70) + new string(']', 70);

        AssertError(Parse($$$"""{"id":"a","leadId":"l","type":"email.opened","occurredAt":"2026-11-20T10:00:00Z","properties":{"x":{{{deep}}}}}"""),
            400, IngestProblemTypes.MalformedJson);
    }
}
