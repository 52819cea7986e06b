using LeadGrains.Server.Ingest;

namespace LeadGrains.Server.Tests.Ingest;

public sealed class Rfc3339Tests
{
    [Theory]
    [InlineData("2026-11-20T10:00:00Z", "2026-11-20T10:00:00.0000000+00:00")]
    [InlineData("2026-11-20T19:00:00+09:00", "2026-11-20T19:00:00.0000000+09:00")]
    [InlineData("2026-11-20T10:00:00.5-00:00", "2026-11-20T10:00:00.5000000+00:00")]
    [InlineData("2026-11-20T10:00:00+14:00", "2026-11-20T10:00:00.0000000+14:00")]
    [InlineData("9999-12-31T23:59:59.9999999Z", "9999-12-31T23:59:59.9999999+00:00")]
    public void A_valid_timestamp_parses_to_the_same_local_time_and_offset(string text, string roundTrip)
    {
        Assert.True(Rfc3339.TryParse(text, out var value));
        Assert.Equal(roundTrip, value.ToString("o"));
    }

    [Theory]
    [InlineData("0001-01-01T00:00:00+01:00")] // before DateTimeOffset.MinValue in UTC
    [InlineData("9999-12-31T23:00:00-01:00")] // after DateTimeOffset.MaxValue in UTC
    [InlineData("0000-01-01T00:00:00Z")]
    [InlineData("2026-11-20T10:00:00+00:60")]
    [InlineData("2026-11-20T10:00:00ZZ")]
    [InlineData("2026-11-20T10:00:00+09:00:00")]
    [InlineData("２０２６-11-20T10:00:00Z")] // non-ASCII digits
    public void A_value_outside_the_grammar_or_the_representable_range_is_refused(string text)
    {
        Assert.False(Rfc3339.TryParse(text, out _));
    }
}
