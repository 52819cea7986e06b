using System.Text;
using LeadGrains.Domain.Events;
using LeadGrains.Server.Ingest;
using static LeadGrains.Server.Tests.Ingest.IngestTestKit;

namespace LeadGrains.Server.Tests.Ingest;

public sealed class CloudEventBinaryTests
{
    private static Dictionary<string, string> Headers(string type = "email.opened") => new(StringComparer.OrdinalIgnoreCase)
    {
        ["ce-specversion"] = "1.0",
        ["ce-id"] = "ce-1",
        ["ce-source"] = "https://crm.example.com",
        ["ce-type"] = type,
        ["ce-subject"] = "lead-42",
        ["ce-time"] = "2026-11-20T10:00:00Z",
    };

    private static IngestParseResult ParseBinary(Dictionary<string, string> headers, string body = "", string? contentType = "application/json") =>
        IngestParser.Parse(contentType, headers, Encoding.UTF8.GetBytes(body), Now);

    [Fact]
    public void A_binary_mode_cloudevent_maps_headers_and_body_to_the_lead_event()
    {
        var headers = Headers("web.page_viewed");
        headers["ce-time"] = "2026-11-20T19:00:00+09:00";
        headers["ce-leadsource"] = "Newsletter";
        headers["ce-campaign"] = "nov-digest";
        const string body = """{"path":"/blog/orleans","dwellSeconds":31.5}""";

        var ev = Single(ParseBinary(headers, body));

        Assert.Equal("ce-1", ev.Id);
        Assert.Equal("lead-42", ev.LeadId);
        Assert.Same(EventCatalog.WebPageViewed, ev.Type);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 19, 0, 0, TimeSpan.FromHours(9)), ev.OccurredAt);
        Assert.Equal("newsletter", ev.Source);
        Assert.Equal("nov-digest", ev.Campaign);
        Assert.Equal(body, ev.Properties.Json);
        Assert.Equal("/blog/orleans", ev.Properties.Path);
        Assert.Equal(31.5, ev.Properties.DwellSeconds);
    }

    [Fact]
    public void An_empty_body_in_binary_mode_means_no_properties()
    {
        var ev = Single(ParseBinary(Headers()));

        Assert.Same(EventProperties.Empty, ev.Properties);
    }

    [Fact]
    public void A_json_null_body_in_binary_mode_means_no_properties()
    {
        Assert.Null(Single(ParseBinary(Headers(), "null")).Properties.Json);
    }

    [Fact]
    public void Binary_mode_accepts_a_non_json_content_type_when_there_is_no_body()
    {
        Assert.True(ParseBinary(Headers(), "", "text/plain").IsValid);
    }

    [Fact]
    public void Binary_mode_reads_a_body_without_content_type_as_json()
    {
        Assert.Equal("""{"a":1}""", Single(ParseBinary(Headers(), """{"a":1}""", null)).Properties.Json);
    }

    [Fact]
    public void Binary_mode_refuses_a_non_json_body_with_415()
    {
        var error = AssertError(ParseBinary(Headers(), "hello", "text/plain"), 415, IngestProblemTypes.UnsupportedMediaType);

        Assert.Contains("text/plain", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Binary_mode_decides_the_415_before_checking_attribute_headers()
    {
        var headers = Headers();
        headers.Remove("ce-subject");

        AssertError(ParseBinary(headers, "<xml/>", "application/xml"), 415, IngestProblemTypes.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("ce-id", "id")]
    [InlineData("ce-source", "source")]
    [InlineData("ce-type", "type")]
    [InlineData("ce-subject", "subject")]
    [InlineData("ce-time", "time")]
    public void A_missing_attribute_header_is_reported_by_attribute_name(string header, string attribute)
    {
        var headers = Headers();
        headers.Remove(header);

        var error = AssertInvalidEvent(ParseBinary(headers), 0, attribute);
        Assert.Equal($"Event 0: '{attribute}' is required.", error.Detail);
    }

    [Fact]
    public void A_wrong_specversion_header_is_reported_as_specversion()
    {
        var headers = Headers();
        headers["ce-specversion"] = "0.3";

        AssertInvalidEvent(ParseBinary(headers), 0, "specversion");
    }

    [Fact]
    public void A_bad_time_header_is_reported_as_time()
    {
        var headers = Headers();
        headers["ce-time"] = "2026-11-20";

        AssertInvalidEvent(ParseBinary(headers), 0, "time");
    }

    [Fact]
    public void An_empty_subject_header_is_reported_as_subject()
    {
        var headers = Headers();
        headers["ce-subject"] = "";

        AssertInvalidEvent(ParseBinary(headers), 0, "subject");
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    public void A_body_that_is_not_a_json_object_is_reported_as_data(string body)
    {
        AssertInvalidEvent(ParseBinary(Headers(), body), 0, "data");
    }

    [Fact]
    public void A_malformed_json_body_is_reported_as_malformed_data()
    {
        var error = AssertError(ParseBinary(Headers(), "{\"path\":"), 400, IngestProblemTypes.MalformedJson);

        Assert.Equal("data", error.Field);
        Assert.Equal(0, error.Index);
    }

    [Fact]
    public void An_sns_engagement_in_binary_mode_needs_a_kind_in_the_body()
    {
        AssertInvalidEvent(ParseBinary(Headers("sns.engaged")), 0, "data.kind");
    }

    [Fact]
    public void Percent_encoded_header_values_are_decoded()
    {
        var headers = Headers();
        headers["ce-subject"] = "lead%20%E3%81%82%25";

        Assert.Equal("lead あ%", Single(ParseBinary(headers)).LeadId);
    }

    [Fact]
    public void Header_names_are_matched_case_insensitively_even_in_an_ordinal_dictionary()
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in Headers())
            headers[name.ToUpperInvariant()] = value;

        var result = IngestParser.Parse("application/json", headers, ReadOnlyMemory<byte>.Empty, Now);

        Assert.Equal("lead-42", Single(result).LeadId);
    }

    [Fact]
    public void Unrelated_headers_are_ignored()
    {
        var headers = Headers();
        headers["ce-traceparent"] = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        headers["Authorization"] = "Bearer x";

        Assert.True(ParseBinary(headers).IsValid);
    }
}
