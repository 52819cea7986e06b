using System.Buffers;
using Microsoft.AspNetCore.Http.Features;

namespace LeadGrains.Server.Apis;

/// <summary>
/// A request body read into a buffer rented from the shared pool. A 1,000-event batch is a few
/// hundred kilobytes: a fresh array per request would land on the large object heap and bring on
/// gen-2 collections. Parsers copy what they keep (strings), so the body is returned once parsed.
/// </summary>
public sealed class RequestBody : IDisposable
{
    private byte[]? _buffer;
    private readonly int _length;

    private RequestBody(byte[] buffer, int length)
    {
        _buffer = buffer;
        _length = length;
    }

    public ReadOnlyMemory<byte> Memory => _buffer is { } b ? b.AsMemory(0, _length) : throw new ObjectDisposedException(nameof(RequestBody));

    /// <summary>Reads the whole body; null when it is larger than <paramref name="limit"/> bytes.</summary>
    public static async Task<RequestBody?> ReadAsync(HttpRequest request, long limit, CancellationToken ct)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            // We enforce the limit ourselves to answer with problem details instead of a bare 413.
            sizeFeature.MaxRequestBodySize = null;
        }

        // One byte more than announced, so a body longer than its Content-Length is still seen whole.
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(request.ContentLength ?? 64 * 1024, limit) + 1);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    buffer = Grow(buffer, length);
                }
                var read = await request.Body.ReadAsync(buffer.AsMemory(length), ct);
                if (read == 0)
                {
                    var body = new RequestBody(buffer, length);
                    buffer = null;
                    return body;
                }
                length += read;
                if (length > limit)
                {
                    return null;
                }
            }
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private static byte[] Grow(byte[] buffer, int length)
    {
        var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
        buffer.AsSpan(0, length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(buffer);
        return bigger;
    }

    public void Dispose()
    {
        if (_buffer is { } b)
        {
            _buffer = null;
            ArrayPool<byte>.Shared.Return(b);
        }
    }
}
