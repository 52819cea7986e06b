using System.Buffers;

namespace LeadGrains.Simulation.Batches;

/// <summary>Concatenates pre-serialised items into one JSON array in a pooled buffer.</summary>
internal sealed class JsonArrayBuilder
{
    private byte[] _buffer;
    private int _length;

    public JsonArrayBuilder(int capacity)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(capacity);
        _buffer[0] = (byte)'[';
        _length = 1;
    }

    public int Count { get; private set; }

    public int Duplicates { get; private set; }

    public void Add(byte[] json, bool duplicate = false)
    {
        var needed = _length + json.Length + 2;
        if (needed > _buffer.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _buffer.Length * 2));
            _buffer.AsSpan(0, _length).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }
        if (Count > 0)
            _buffer[_length++] = (byte)',';
        json.CopyTo(_buffer, _length);
        _length += json.Length;
        Count++;
        if (duplicate)
            Duplicates++;
    }

    /// <summary>Closes the array and hands the buffer over; the builder must not be used after.</summary>
    public EventBatch Build(int tenant, BatchKind kind)
    {
        _buffer[_length++] = (byte)']';
        var batch = new EventBatch(tenant, kind, Count, Duplicates, _buffer, _length);
        _buffer = [];
        return batch;
    }
}
