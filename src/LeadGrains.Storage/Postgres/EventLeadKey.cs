using System.Buffers;
using System.Text;
using Npgsql;

namespace LeadGrains.Storage.Postgres;

/// <summary>
/// The 64-bit key <c>lg_events</c> finds a lead's history by: <c>hashtextextended(lead_id,
/// hashtext(tenant))</c>. Readers compute it in SQL; the journal computes it here and sends it
/// in the <c>COPY</c>, because as a generated column PostgreSQL evaluated the expression for
/// every row it inserted (~3% of its CPU on the ingest path, docs/performance-log.md, session 25).
/// </summary>
public static class EventLeadKey
{
    // As the COPY sends text: a string that is not valid UTF-16 fails instead of being altered.
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // Tenants and lead ids are short: encoded on the stack, larger ones in a rented buffer.
    private const int StackBytes = 256;

    public static long Of(string tenant, string leadId)
    {
        Span<byte> stack = stackalloc byte[StackBytes];
        var seed = PostgresTextHash.Hash(Encode(tenant, stack, out var rented));
        Return(rented);
        var key = PostgresTextHash.HashExtended(Encode(leadId, stack, out rented), seed);
        Return(rented);
        return key;
    }

    /// <summary>
    /// Fails unless this database hashes text as <see cref="Of"/> does, before the journal stores
    /// a key the readers' SQL would not find: a database in another encoding than UTF-8 (non-ASCII
    /// ids), or a big-endian server, would.
    /// </summary>
    public static async Task VerifyAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        string[] tenants = ["default", "", "t", "a-tenant-with-a-longer-name", "テナント", "default"];
        string[] leads = ["lead-1", "", "x", "lead-0123456789abcdefghij-0123456789", "リード-42 🙂", "L"];
        await using var cmd = dataSource.CreateCommand("""
            SELECT hashtextextended(l COLLATE "C", hashtext(t COLLATE "C")) FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS k(t, l, n) ORDER BY n
            """);
        cmd.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = tenants });
        cmd.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = leads });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        for (var i = 0; await reader.ReadAsync(ct); i++)
        {
            var expected = reader.GetInt64(0);
            var computed = Of(tenants[i], leads[i]);
            if (computed != expected)
            {
                throw new InvalidOperationException(
                    $"This PostgreSQL database hashes text differently from LeadGrains (hashtextextended of lead '{leads[i]}' in tenant " +
                    $"'{tenants[i]}': {expected}, computed {computed}). LeadGrains needs a UTF8 database on a little-endian server.");
            }
        }
    }

    private static ReadOnlySpan<byte> Encode(string value, Span<byte> stack, out byte[]? rented)
    {
        var max = Utf8.GetMaxByteCount(value.Length);
        rented = max > stack.Length ? ArrayPool<byte>.Shared.Rent(max) : null;
        var target = rented is null ? stack : rented.AsSpan();
        return target[..Utf8.GetBytes(value, target)];
    }

    private static void Return(byte[]? rented)
    {
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
