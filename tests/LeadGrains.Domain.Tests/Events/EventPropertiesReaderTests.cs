using LeadGrains.Domain.Events;

namespace LeadGrains.Domain.Tests;

public class EventPropertiesReaderTests
{
    [Fact]
    public void FromStoredJson_lifts_path_sessionId_kind_and_dwellSeconds_and_keeps_the_json()
    {
        const string json = """{"path":"/pricing/pro","sessionId":"s-42","kind":"repost","dwellSeconds":75.5,"extra":{"a":1}}""";

        var p = EventPropertiesReader.FromStoredJson(json);

        Assert.Equal("/pricing/pro", p.Path);
        Assert.Equal("s-42", p.SessionId);
        Assert.Equal("repost", p.Kind);
        Assert.Equal(75.5, p.DwellSeconds);
        Assert.Equal(json, p.Json);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void FromStoredJson_of_null_or_empty_is_the_empty_properties(string? json)
    {
        var p = EventPropertiesReader.FromStoredJson(json);

        Assert.Same(EventProperties.Empty, p);
        Assert.Null(p.Json);
        Assert.Null(p.Path);
        Assert.Null(p.DwellSeconds);
    }

    [Fact]
    public void FromStoredJson_leaves_missing_or_wrongly_typed_properties_null()
    {
        var p = EventPropertiesReader.FromStoredJson("""{"path":7,"kind":null,"dwellSeconds":"60"}""");

        Assert.Null(p.Path);
        Assert.Null(p.SessionId);
        Assert.Null(p.Kind);
        Assert.Null(p.DwellSeconds);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    public void FromStoredJson_of_something_other_than_an_object_lifts_nothing(string json)
    {
        var p = EventPropertiesReader.FromStoredJson(json);

        Assert.Equal(json, p.Json);
        Assert.Null(p.Path);
        Assert.Null(p.Kind);
    }
}
