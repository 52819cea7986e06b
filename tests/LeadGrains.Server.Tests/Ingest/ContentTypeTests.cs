using LeadGrains.Server.Ingest;
using static LeadGrains.Server.Tests.Ingest.IngestTestKit;

namespace LeadGrains.Server.Tests.Ingest;

public sealed class ContentTypeTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("application/json")]
    [InlineData("Application/JSON")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json;charset=\"UTF-8\"")]
    [InlineData(" application/json ; charset=utf8")]
    public void Plain_json_is_read_with_or_without_a_content_type(string? contentType)
    {
        Assert.True(ParseJson(Event(), contentType).IsValid);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("application/vnd.leadgrains+json")]
    public void An_unsupported_content_type_without_cloudevents_headers_gets_415(string contentType)
    {
        var error = AssertError(ParseJson(Event(), contentType), 415, IngestProblemTypes.UnsupportedMediaType);

        Assert.Null(error.Index);
        Assert.Contains(contentType, error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_plain_gets_415_unsupported_media_type()
    {
        var error = AssertError(Parse("hello", "text/plain"), 415, IngestProblemTypes.UnsupportedMediaType);

        Assert.Equal("https://leadgrains.dev/problems/unsupported-media-type", error.Type);
    }

    [Theory]
    [InlineData("application/json; charset=iso-8859-1")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData("application/cloudevents+json; charset=shift_jis")]
    public void A_charset_other_than_utf8_gets_415(string contentType)
    {
        var error = AssertError(ParseJson(Event(), contentType), 415, IngestProblemTypes.UnsupportedMediaType);

        Assert.Contains("UTF-8", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cloudevents_media_type_with_another_encoding_gets_415()
    {
        AssertError(Parse("<event/>", "application/cloudevents+xml"), 415, IngestProblemTypes.UnsupportedMediaType);
    }

    [Fact]
    public void The_415_is_decided_before_the_body_is_looked_at()
    {
        AssertError(Parse("{not json", "text/csv"), 415, IngestProblemTypes.UnsupportedMediaType);
    }

    [Theory]
    [InlineData(null, false, IngestFormat.Json)]
    [InlineData("application/json", false, IngestFormat.Json)]
    [InlineData("application/cloudevents+json", false, IngestFormat.CloudEventStructured)]
    [InlineData("APPLICATION/CLOUDEVENTS+JSON; charset=utf-8", false, IngestFormat.CloudEventStructured)]
    [InlineData("application/cloudevents-batch+json", false, IngestFormat.CloudEventBatch)]
    [InlineData("application/json", true, IngestFormat.CloudEventBinary)]
    [InlineData("text/plain", true, IngestFormat.CloudEventBinary)]
    [InlineData(null, true, IngestFormat.CloudEventBinary)]
    [InlineData("application/cloudevents+json", true, IngestFormat.CloudEventStructured)]
    [InlineData("text/plain", false, IngestFormat.Unsupported)]
    public void The_format_follows_the_content_type_and_the_ce_specversion_header(string? contentType, bool ceSpecVersion, IngestFormat expected)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (ceSpecVersion)
            headers["ce-specversion"] = "1.0";

        Assert.Equal(expected, IngestParser.DetectFormat(contentType, headers));
    }

    [Fact]
    public void The_ce_specversion_header_is_found_whatever_its_case_and_the_dictionary_comparer()
    {
        var ordinalHeaders = new Dictionary<string, string>(StringComparer.Ordinal) { ["CE-SpecVersion"] = "1.0" };

        Assert.Equal(IngestFormat.CloudEventBinary, IngestParser.DetectFormat("application/json", ordinalHeaders));
    }
}
