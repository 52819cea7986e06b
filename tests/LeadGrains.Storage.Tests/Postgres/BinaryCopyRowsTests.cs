using LeadGrains.Storage.Postgres;

namespace LeadGrains.Storage.Tests.Postgres;

/// <summary>
/// The bytes of PostgreSQL's binary COPY format ("Binary Format" in the COPY docs). The round trip
/// through a real PostgreSQL is in the lead store's contract tests; these pin the encoding itself.
/// </summary>
public sealed class BinaryCopyRowsTests
{
    private static readonly byte[] Header = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', 0x0A, 0xFF, 0x0D, 0x0A, 0x00, 0, 0, 0, 0, 0, 0, 0, 0];

    [Fact]
    public void Starts_with_the_signature_flags_and_an_empty_header_extension_and_ends_with_the_trailer()
    {
        using var rows = new BinaryCopyRows();
        rows.End();

        Assert.Equal([.. Header, 0xFF, 0xFF], rows.Written.ToArray());
    }

    [Fact]
    public void A_row_is_its_field_count_then_each_field_as_a_big_endian_length_and_bytes()
    {
        using var rows = new BinaryCopyRows();
        rows.StartRow(3);
        rows.Text("é");
        rows.Null();
        rows.Bigint(-2);

        byte[] expected =
        [
            .. Header,
            0x00, 0x03,
            0x00, 0x00, 0x00, 0x02, 0xC3, 0xA9,                         // UTF-8
            0xFF, 0xFF, 0xFF, 0xFF,                                     // NULL
            0x00, 0x00, 0x00, 0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE,
        ];
        Assert.Equal(expected, rows.Written.ToArray());
    }

    [Theory]
    [InlineData("2000-01-01T00:00:00.0000000Z", 0L)]
    [InlineData("2000-01-01T00:00:01.0000000Z", 1_000_000L)]
    [InlineData("1999-12-31T23:59:59.9999990Z", -1L)]
    [InlineData("2026-12-03T09:00:00.1234567Z", 849_603_600_123_456L)]   // below a microsecond is dropped
    public void A_timestamptz_is_microseconds_since_2000_in_utc(string utc, long micros)
    {
        using var rows = new BinaryCopyRows();
        rows.Clear();
        rows.TimestampTz(DateTime.Parse(utc, null, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal));

        var bytes = rows.Written.Span;
        Assert.Equal(8, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes));
        Assert.Equal(micros, System.Buffers.Binary.BinaryPrimitives.ReadInt64BigEndian(bytes[4..]));
    }

    [Fact]
    public void The_buffer_grows_for_a_field_larger_than_it_and_clear_keeps_the_header_sent_once()
    {
        using var rows = new BinaryCopyRows(capacity: 256);
        var big = new string('x', 100_000) + "東京";
        rows.Clear();
        rows.StartRow(1);
        rows.Text(big);

        var bytes = rows.Written.Span;
        Assert.Equal(1, System.Buffers.Binary.BinaryPrimitives.ReadInt16BigEndian(bytes));
        Assert.Equal(100_006, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes[2..]));
        Assert.Equal(big, System.Text.Encoding.UTF8.GetString(bytes[6..]));
    }

    [Fact]
    public void Text_that_is_not_valid_utf16_is_refused_not_altered()
    {
        using var rows = new BinaryCopyRows();

        Assert.ThrowsAny<ArgumentException>(() => rows.Text("a\ud800b"));
    }
}
