using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace LeadGrains.Storage.Postgres;

/// <summary>
/// Rows in PostgreSQL's binary COPY format (the "Binary Format" section of the COPY docs):
/// a signature and two zero words, then per row a field count and each field as a length and
/// its bytes (-1 for NULL), then a -1 trailer; integers big-endian. The events' COPY writes
/// ten fields a row; through <c>NpgsqlBinaryImporter</c> each field was an awaited call that
/// resolved its type converter, ~12% of the server's CPU on the ingest path. Here a row is a
/// few span writes into one buffer, handed to the connection's raw COPY stream in large chunks.
/// </summary>
/// <remarks>
/// Only the types the journal writes: text (UTF-8, the database's encoding), bigint and
/// timestamptz (microseconds since 2000-01-01 UTC, as Npgsql writes a UTC <see cref="DateTime"/>).
/// </remarks>
public sealed class BinaryCopyRows : IDisposable
{
    // "PGCOPY\n\377\r\n\0", then the flags and the header extension's length, both zero.
    private static ReadOnlySpan<byte> Header => [0x50, 0x47, 0x43, 0x4F, 0x50, 0x59, 0x0A, 0xFF, 0x0D, 0x0A, 0x00, 0, 0, 0, 0, 0, 0, 0, 0];

    // Strict, as Npgsql's own: a string that is not valid UTF-16 fails instead of being altered.
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // DateTime ticks at PostgreSQL's epoch, 2000-01-01T00:00:00Z.
    private const long PostgresEpochTicks = 630_822_816_000_000_000;

    private byte[] _buffer;
    private int _length;

    public BinaryCopyRows(int capacity = 64 * 1024)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, 256));
        Header.CopyTo(_buffer);
        _length = Header.Length;
    }

    /// <summary>The bytes written since the last <see cref="Clear"/> (the first chunk starts with the header).</summary>
    public ReadOnlyMemory<byte> Written => _buffer.AsMemory(0, _length);

    /// <summary>Forgets the bytes written (after they were sent); the header is sent only once.</summary>
    public void Clear() => _length = 0;

    public void StartRow(short fields)
    {
        Ensure(2);
        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_length), fields);
        _length += 2;
    }

    public void Text(string? value)
    {
        if (value is null)
        {
            Null();
            return;
        }
        Ensure(4 + Utf8.GetMaxByteCount(value.Length));
        var n = Utf8.GetBytes(value, _buffer.AsSpan(_length + 4));
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), n);
        _length += 4 + n;
    }

    public void Bigint(long value)
    {
        Ensure(12);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), 8);
        BinaryPrimitives.WriteInt64BigEndian(_buffer.AsSpan(_length + 4), value);
        _length += 12;
    }

    /// <param name="utc">A UTC time (its ticks are read as UTC).</param>
    public void TimestampTz(DateTime utc) => Bigint((utc.Ticks - PostgresEpochTicks) / TimeSpan.TicksPerMicrosecond);

    public void Null()
    {
        Ensure(4);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), -1);
        _length += 4;
    }

    public void End()
    {
        Ensure(2);
        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_length), -1);
        _length += 2;
    }

    private void Ensure(int bytes)
    {
        if (_length + bytes <= _buffer.Length)
        {
            return;
        }
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + bytes));
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        _length = 0;
    }
}
