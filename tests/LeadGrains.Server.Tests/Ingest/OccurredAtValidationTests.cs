using LeadGrains.Domain.Events;
using LeadGrains.Server.Ingest;
using static LeadGrains.Server.Tests.Ingest.IngestTestKit;

namespace LeadGrains.Server.Tests.Ingest;

public sealed class OccurredAtValidationTests
{
    private static IngestParseResult WithOccurredAt(string value)
    {
        var input = Event();
        input["occurredAt"] = value;
        return ParseJson(input);
    }

    [Fact]
    public void A_utc_timestamp_with_z_is_accepted()
    {
        var ev = Single(WithOccurredAt("2026-11-20T10:00:00Z"));

        Assert.Equal(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero), ev.OccurredAt);
    }

    [Fact]
    public void A_timestamp_with_a_positive_offset_keeps_the_offset_and_the_instant()
    {
        var ev = Single(WithOccurredAt("2026-11-20T19:00:00+09:00"));

        Assert.Equal(TimeSpan.FromHours(9), ev.OccurredAt.Offset);
        Assert.Equal(new DateTime(2026, 11, 20, 10, 0, 0, DateTimeKind.Utc), ev.OccurredAt.UtcDateTime);
    }

    [Fact]
    public void A_timestamp_with_a_negative_offset_is_accepted()
    {
        var ev = Single(WithOccurredAt("2026-11-20T05:30:00-04:30"));

        Assert.Equal(new DateTime(2026, 11, 20, 10, 0, 0, DateTimeKind.Utc), ev.OccurredAt.UtcDateTime);
    }

    [Fact]
    public void Fractional_seconds_are_kept_to_the_tick()
    {
        var ev = Single(WithOccurredAt("2026-11-20T10:00:00.1234567Z"));

        Assert.Equal(1_234_567, ev.OccurredAt.Ticks % TimeSpan.TicksPerSecond);
    }

    [Fact]
    public void Fractional_seconds_finer_than_a_tick_are_truncated()
    {
        var ev = Single(WithOccurredAt("2026-11-20T10:00:00.123456789Z"));

        Assert.Equal(1_234_567, ev.OccurredAt.Ticks % TimeSpan.TicksPerSecond);
    }

    [Fact]
    public void Lower_case_t_and_z_are_accepted_as_rfc_3339_allows()
    {
        var ev = Single(WithOccurredAt("2026-11-20t10:00:00z"));

        Assert.Equal(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero), ev.OccurredAt);
    }

    [Theory]
    [InlineData("2026-11-20T10:00:00")] // no offset
    [InlineData("2026-11-20T10:00:00.5")] // no offset after a fraction
    [InlineData("2026-11-20")] // date only
    [InlineData("10:00:00Z")] // time only
    [InlineData("yesterday")]
    [InlineData("")]
    [InlineData("2026-11-20 10:00:00Z")] // space separator
    [InlineData("2026-11-20T10:00Z")] // no seconds
    [InlineData("2026-11-20T10:00:00+0900")] // offset without colon
    [InlineData("2026-11-20T10:00:00+09")] // offset without minutes
    [InlineData("2026-11-20T10:00:00.Z")] // empty fraction
    [InlineData("2026-02-30T10:00:00Z")] // no such day
    [InlineData("2026-13-01T10:00:00Z")] // no such month
    [InlineData("2026-11-20T24:00:00Z")] // hour 24
    [InlineData("2026-11-20T10:60:00Z")]
    [InlineData("2016-12-31T23:59:60Z")] // leap second: not representable
    [InlineData("2026-11-20T10:00:00+15:00")] // beyond ±14:00
    [InlineData("2026-11-20T10:00:00Z ")] // trailing space
    [InlineData("Fri, 20 Nov 2026 10:00:00 GMT")] // RFC 1123
    [InlineData("+2026-11-20T10:00:00Z")]
    public void A_value_that_is_not_an_rfc_3339_timestamp_with_offset_is_refused(string value)
    {
        var error = AssertInvalidEvent(WithOccurredAt(value), 0, "occurredAt");

        Assert.Equal("Event 0: 'occurredAt' must be an RFC 3339 timestamp with a time zone offset.", error.Detail);
    }

    [Fact]
    public void A_timestamp_exactly_the_allowed_skew_ahead_of_the_server_clock_is_accepted()
    {
        var limit = Now + EventLimits.MaxFutureSkew;

        Assert.True(WithOccurredAt(limit.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'")).IsValid);
    }

    [Fact]
    public void A_timestamp_further_in_the_future_than_the_allowed_skew_is_refused()
    {
        var tooLate = Now + EventLimits.MaxFutureSkew + TimeSpan.FromSeconds(1);

        var error = AssertInvalidEvent(WithOccurredAt(tooLate.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'")), 0, "occurredAt");
        Assert.Contains("ahead of the server clock", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_timestamp_whose_local_reading_looks_late_but_whose_instant_is_within_the_skew_is_accepted()
    {
        // 20:00+09:00 on the 21st is 11:00Z, before the limit of 12:00Z on the 21st.
        Assert.True(WithOccurredAt("2026-11-21T20:00:00+09:00").IsValid);
    }

    [Fact]
    public void A_timestamp_whose_local_reading_looks_early_but_whose_instant_is_beyond_the_skew_is_refused()
    {
        // 05:00-08:00 on the 21st is 13:00Z, after the limit of 12:00Z on the 21st.
        AssertInvalidEvent(WithOccurredAt("2026-11-21T05:00:00-08:00"), 0, "occurredAt");
    }

    [Theory]
    [InlineData("1999-12-31T23:59:59Z")]
    [InlineData("1970-01-01T00:00:00Z")]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("2000-01-01T08:59:59+09:00")] // 1999-12-31T23:59:59Z
    public void A_timestamp_before_2000_is_refused(string value)
    {
        var error = AssertInvalidEvent(WithOccurredAt(value), 0, "occurredAt");

        Assert.Contains("before 2000-01-01T00:00:00Z", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void The_first_instant_of_2000_is_accepted()
    {
        Assert.True(WithOccurredAt("2000-01-01T00:00:00Z").IsValid);
    }

    [Fact]
    public void A_leap_day_is_accepted_in_a_leap_year()
    {
        Assert.True(WithOccurredAt("2024-02-29T12:00:00Z").IsValid);
    }

    [Fact]
    public void A_leap_day_is_refused_in_a_common_year()
    {
        AssertInvalidEvent(WithOccurredAt("2025-02-29T12:00:00Z"), 0, "occurredAt");
    }
}
