using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LeadGrains.Simulation.Wire;

/// <summary>Source-generated serialisation (no reflection per event) in the API's camelCase, nulls left out.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EventRecord))]
[JsonSerializable(typeof(EventRecord[]))]
[JsonSerializable(typeof(MetricReportRecord))]
[JsonSerializable(typeof(MetricReportRecord[]))]
public sealed partial class WireJsonContext : JsonSerializerContext;

/// <summary>Turns wire records into UTF-8 bytes, reusing one buffer and writer.</summary>
public sealed class WireSerializer
{
    private readonly ArrayBufferWriter<byte> _buffer = new(512);
    private readonly Utf8JsonWriter _writer;

    public WireSerializer() => _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true });

    public byte[] Serialize(EventRecord record)
    {
        Reset();
        JsonSerializer.Serialize(_writer, record, WireJsonContext.Default.EventRecord);
        return _buffer.WrittenSpan.ToArray();
    }

    public byte[] Serialize(MetricReportRecord record)
    {
        Reset();
        JsonSerializer.Serialize(_writer, record, WireJsonContext.Default.MetricReportRecord);
        return _buffer.WrittenSpan.ToArray();
    }

    private void Reset()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
    }

    /// <summary>RFC 3339 in UTC with milliseconds, the form every valid generated timestamp has.</summary>
    public static string Timestamp(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
