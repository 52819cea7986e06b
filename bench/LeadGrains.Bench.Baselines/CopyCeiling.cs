using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace LeadGrains.Bench.Baselines;

/// <summary>
/// The ceiling: the same rows streamed with one binary COPY into an lg_events-shaped table
/// (same primary key and index), committed once. Nothing per lead, no round trip per row:
/// as fast as this PostgreSQL takes these rows durably.
/// </summary>
public static class CopyCeiling
{
    public static async Task<CopyResult> RunAsync(NpgsqlDataSource db, string schema, EventRow[] rows, CancellationToken ct)
    {
        var sql = $"COPY {BaselineSchema.Quote(schema)}.copy_events "
            + "(tenant, event_id, lead_id, seq, type, occurred_at, received_at, source, campaign, properties) FROM STDIN (FORMAT BINARY)";
        var clock = Stopwatch.StartNew();
        await using (var conn = await db.OpenConnectionAsync(ct))
        await using (var import = await conn.BeginBinaryImportAsync(sql, ct))
        {
            foreach (var r in rows)
            {
                await import.StartRowAsync(ct);
                await import.WriteAsync(r.Tenant, NpgsqlDbType.Text, ct);
                await import.WriteAsync(r.EventId, NpgsqlDbType.Text, ct);
                await import.WriteAsync(r.LeadId, NpgsqlDbType.Text, ct);
                await import.WriteAsync(r.Seq, NpgsqlDbType.Bigint, ct);
                await import.WriteAsync(r.Type, NpgsqlDbType.Text, ct);
                await import.WriteAsync(r.OccurredAt, NpgsqlDbType.TimestampTz, ct);
                await import.WriteAsync(r.ReceivedAt, NpgsqlDbType.TimestampTz, ct);
                await WriteNullableAsync(import, r.Source, ct);
                await WriteNullableAsync(import, r.Campaign, ct);
                await WriteNullableAsync(import, r.Properties, ct);
            }
            await import.CompleteAsync(ct);
        }
        clock.Stop();

        return new CopyResult
        {
            Rows = rows.Length,
            DurationSeconds = clock.Elapsed.TotalSeconds,
            RowsPerSecond = rows.Length / clock.Elapsed.TotalSeconds,
            RowsStored = await BaselineSchema.CountAsync(db, schema, "copy_events", ct),
        };
    }

    private static Task WriteNullableAsync(NpgsqlBinaryImporter import, string? value, CancellationToken ct) =>
        value is null ? import.WriteNullAsync(ct) : import.WriteAsync(value, NpgsqlDbType.Text, ct);
}
