using System.Buffers;

namespace LeadGrains.Simulation.Batches;

public enum BatchKind : byte
{
    /// <summary>Valid events (some of them duplicates) for <c>POST /v1/events</c>.</summary>
    Events,

    /// <summary>Only invalid events: the server must refuse the whole batch, and no valid event goes down with it.</summary>
    Invalid,

    /// <summary>Channel metric reports for <c>POST /v1/metrics</c>.</summary>
    MetricReports,
}

/// <summary>
/// A request body ready to send: a JSON array in a pooled buffer. Dispose it once sent (and
/// retried, if need be) to give the buffer back.
/// </summary>
public sealed class EventBatch : IDisposable
{
    private byte[]? _buffer;

    internal EventBatch(int tenant, BatchKind kind, int count, int duplicates, byte[] buffer, int length)
    {
        Tenant = tenant;
        Kind = kind;
        Count = count;
        Duplicates = duplicates;
        _buffer = buffer;
        Length = length;
    }

    /// <summary>Index of the tenant (stream) the batch belongs to.</summary>
    public int Tenant { get; }

    public BatchKind Kind { get; }

    /// <summary>Events or reports in the batch.</summary>
    public int Count { get; }

    /// <summary>Of <see cref="Count"/>, events deliberately re-sent.</summary>
    public int Duplicates { get; }

    public int Length { get; }

    public ReadOnlyMemory<byte> Body => (_buffer ?? throw new ObjectDisposedException(nameof(EventBatch))).AsMemory(0, Length);

    /// <summary>The buffer itself (for APIs that take an array and a length); valid until disposed.</summary>
    public byte[] Buffer => _buffer ?? throw new ObjectDisposedException(nameof(EventBatch));

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null)
            ArrayPool<byte>.Shared.Return(buffer);
    }
}
