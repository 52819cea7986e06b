using System.Text;
using LeadGrains.Domain.Events;
using LeadGrains.Server.Ingest;
using static LeadGrains.Server.Tests.Ingest.IngestTestKit;

namespace LeadGrains.Server.Tests.Ingest;

public sealed class PropertiesValidationTests
{
    private static string EventWithProperties(string type, string rawProperties) =>
        $$"""{"id":"evt-1","leadId":"lead-42","type":"{{type}}","occurredAt":"2026-11-20T10:00:00Z","properties":{{rawProperties}}}""";

    [Fact]
    public void Properties_are_kept_verbatim_as_sent()
    {
        const string properties = """{ "b" : 2,  "a":[1, 2.50, "\u00e9"], "nested": {"x": null} }""";

        var ev = Single(Parse(EventWithProperties("email.clicked", properties)));

        Assert.Equal(properties, ev.Properties.Json);
    }

    [Fact]
    public void An_empty_properties_object_is_kept()
    {
        var ev = Single(Parse(EventWithProperties("email.clicked", "{}")));

        Assert.Equal("{}", ev.Properties.Json);
    }

    [Fact]
    public void Null_properties_count_as_absent()
    {
        var ev = Single(Parse(EventWithProperties("email.clicked", "null")));

        Assert.Null(ev.Properties.Json);
    }

    [Theory]
    [InlineData("[1, 2]", "an array")]
    [InlineData("\"{\\\"a\\\":1}\"", "a string")]
    [InlineData("42", "a number")]
    [InlineData("false", "a boolean")]
    public void Properties_that_are_not_a_json_object_are_refused(string rawProperties, string described)
    {
        var error = AssertInvalidEvent(Parse(EventWithProperties("email.clicked", rawProperties)), 0, "properties");

        Assert.Equal($"Event 0: 'properties' must be a JSON object, but was {described}.", error.Detail);
    }

    [Fact]
    public void Properties_of_exactly_the_byte_limit_are_accepted()
    {
        var properties = PropertiesOfBytes(EventLimits.MaxPropertiesBytes);

        var ev = Single(Parse(EventWithProperties("email.clicked", properties)));

        Assert.Equal(properties, ev.Properties.Json);
    }

    [Fact]
    public void Properties_one_byte_over_the_limit_are_refused()
    {
        var properties = PropertiesOfBytes(EventLimits.MaxPropertiesBytes + 1);

        var error = AssertInvalidEvent(Parse(EventWithProperties("email.clicked", properties)), 0, "properties");
        Assert.Contains($"at most {EventLimits.MaxPropertiesBytes} bytes", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void The_properties_limit_counts_utf8_bytes_not_characters()
    {
        // 6,000 characters of three UTF-8 bytes each: 18,000 bytes.
        var properties = $$"""{"note":"{{new string('あ', 6_000)}}"}""";

        AssertInvalidEvent(Parse(EventWithProperties("email.clicked", properties)), 0, "properties");
    }

    [Fact]
    public void A_page_view_lifts_path_session_and_dwell_time()
    {
        var ev = Single(Parse(EventWithProperties("web.page_viewed",
            """{"path":"/pricing","sessionId":"s-9","dwellSeconds":42.5,"referrer":"x"}""")));

        Assert.Equal("/pricing", ev.Properties.Path);
        Assert.Equal("s-9", ev.Properties.SessionId);
        Assert.Equal(42.5, ev.Properties.DwellSeconds);
        Assert.Null(ev.Properties.Kind);
    }

    [Fact]
    public void A_cta_click_lifts_path_and_session_but_not_dwell_time()
    {
        var ev = Single(Parse(EventWithProperties("web.cta_clicked",
            """{"path":"/demo","sessionId":"s-9","dwellSeconds":"n/a"}""")));

        Assert.Equal("/demo", ev.Properties.Path);
        Assert.Equal("s-9", ev.Properties.SessionId);
        Assert.Null(ev.Properties.DwellSeconds);
    }

    [Fact]
    public void Web_properties_are_not_lifted_or_checked_for_other_channels()
    {
        var ev = Single(Parse(EventWithProperties("email.clicked", """{"path":17,"kind":"like"}""")));

        Assert.Null(ev.Properties.Path);
        Assert.Null(ev.Properties.Kind);
        Assert.Equal("""{"path":17,"kind":"like"}""", ev.Properties.Json);
    }

    [Fact]
    public void A_page_view_without_dwell_time_is_accepted()
    {
        var ev = Single(Parse(EventWithProperties("web.page_viewed", """{"path":"/"}""")));

        Assert.Null(ev.Properties.DwellSeconds);
    }

    [Fact]
    public void A_dwell_time_of_zero_is_accepted()
    {
        var ev = Single(Parse(EventWithProperties("web.page_viewed", """{"dwellSeconds":0}""")));

        Assert.Equal(0.0, ev.Properties.DwellSeconds);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("-0.001")]
    [InlineData("1e400")] // overflows to infinity
    public void A_negative_or_infinite_dwell_time_is_refused(string rawValue)
    {
        var error = AssertInvalidEvent(Parse(EventWithProperties("web.page_viewed", $$"""{"dwellSeconds":{{rawValue}}}""")),
            0, "properties.dwellSeconds");

        Assert.Contains("non-negative", error.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"12\"", "a string")]
    [InlineData("true", "a boolean")]
    [InlineData("{}", "an object")]
    public void A_dwell_time_that_is_not_a_number_is_refused(string rawValue, string described)
    {
        var error = AssertInvalidEvent(Parse(EventWithProperties("web.page_viewed", $$"""{"dwellSeconds":{{rawValue}}}""")),
            0, "properties.dwellSeconds");

        Assert.Equal($"Event 0: 'properties.dwellSeconds' must be a number, but was {described}.", error.Detail);
    }

    [Theory]
    [InlineData("path")]
    [InlineData("sessionId")]
    public void A_web_property_that_is_not_a_string_is_refused(string name)
    {
        AssertInvalidEvent(Parse(EventWithProperties("web.cta_clicked", $$"""{"{{name}}":5}""")), 0, "properties." + name);
    }

    [Fact]
    public void A_lifted_property_given_twice_is_refused()
    {
        var error = AssertInvalidEvent(Parse(EventWithProperties("web.page_viewed", """{"path":"/a","path":"/b"}""")),
            0, "properties.path");

        Assert.Contains("more than once", error.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("like")]
    [InlineData("repost")]
    [InlineData("reply")]
    public void An_sns_engagement_lifts_its_kind(string kind)
    {
        var ev = Single(Parse(EventWithProperties("sns.engaged", $$"""{"kind":"{{kind}}","network":"x"}""")));

        Assert.Equal(kind, ev.Properties.Kind);
    }

    [Fact]
    public void An_sns_engagement_without_properties_is_refused_for_its_missing_kind()
    {
        var input = Event(type: "sns.engaged");

        var error = AssertInvalidEvent(ParseJson(input), 0, "properties.kind");
        Assert.Contains("required for sns.engaged", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void An_sns_engagement_whose_properties_lack_a_kind_is_refused()
    {
        AssertInvalidEvent(Parse(EventWithProperties("sns.engaged", """{"network":"x"}""")), 0, "properties.kind");
    }

    [Fact]
    public void An_sns_engagement_with_a_null_kind_is_refused()
    {
        AssertInvalidEvent(Parse(EventWithProperties("sns.engaged", """{"kind":null}""")), 0, "properties.kind");
    }

    [Theory]
    [InlineData("share")]
    [InlineData("Like")]
    [InlineData("")]
    public void An_sns_engagement_with_a_kind_outside_the_list_is_refused(string kind)
    {
        var error = AssertInvalidEvent(Parse(EventWithProperties("sns.engaged", $$"""{"kind":"{{kind}}"}""")), 0, "properties.kind");

        Assert.Contains("must be one of 'like', 'reply', 'repost'", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void An_sns_engagement_with_a_kind_that_is_not_a_string_is_refused()
    {
        AssertInvalidEvent(Parse(EventWithProperties("sns.engaged", """{"kind":1}""")), 0, "properties.kind");
    }

    [Fact]
    public void A_property_name_is_matched_case_sensitively()
    {
        var ev = Single(Parse(EventWithProperties("web.page_viewed", """{"Path":"/a","dwellseconds":"x"}""")));

        Assert.Null(ev.Properties.Path);
        Assert.Null(ev.Properties.DwellSeconds);
    }

    [Fact]
    public void A_properties_member_name_with_an_unpaired_surrogate_escape_is_refused_for_types_that_lift()
    {
        AssertInvalidEvent(Parse(EventWithProperties("web.page_viewed", """{"\udc00x":1}""")), 0, "properties");
    }

    [Fact]
    public void Strings_with_unpaired_surrogate_escapes_are_kept_verbatim_in_properties_that_are_not_lifted()
    {
        var ev = Single(Parse(EventWithProperties("email.clicked", """{"a":"\ud800"}""")));

        Assert.Equal("""{"a":"\ud800"}""", ev.Properties.Json);
    }

    /// <summary>A properties object whose UTF-8 text is exactly <paramref name="bytes"/> long.</summary>
    private static string PropertiesOfBytes(int bytes)
    {
        const string prefix = "{\"pad\":\"";
        const string suffix = "\"}";
        var text = prefix + new string('x', bytes - prefix.Length - suffix.Length) + suffix;
        Assert.Equal(bytes, Encoding.UTF8.GetByteCount(text));
        return text;
    }
}
