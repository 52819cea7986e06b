using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace LeadGrains.Bench.Baselines;

/// <summary>
/// The naive way to ingest: one transaction per event that inserts the event and upserts its
/// lead's score, on N connections in parallel. Prepared statements and three round trips per
/// event (insert with the lazy BEGIN, upsert, COMMIT) — what a straightforward service does.
/// Every COMMIT waits for the WAL flush (synchronous_commit as the server has it).
/// </summary>
public static class NaivePath
{
    // The snapshot a lead row carries in lg_leads is a few hundred bytes; write as much here.
    private static readonly byte[] State = new byte[256];

    public static async Task<NaiveResult> RunAsync(NpgsqlDataSource db, string schema, EventRow[] rows, int connections, CancellationToken ct)
    {
        var s = BaselineSchema.Quote(schema);
        var insertEvent = $"""
            INSERT INTO {s}.events (tenant, event_id, lead_id, seq, type, occurred_at, received_at, source, campaign, properties)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (tenant, event_id) DO NOTHING
            """;
        var upsertLead = $"""
            INSERT INTO {s}.leads AS l (tenant, lead_id, version, stage, score, score_as_of, event_count, first_seen_at,
                                        last_activity_at, last_source, last_campaign, model_version, state, updated_at)
            VALUES ($1, $2, $3, 'nurturing', $4, $5, 1, $5, $5, $6, $7, 'baseline', $8, $9)
            ON CONFLICT (tenant, lead_id) DO UPDATE SET
                score = l.score + excluded.score, version = excluded.version, event_count = l.event_count + 1,
                score_as_of = greatest(l.score_as_of, excluded.score_as_of),
                last_activity_at = greatest(l.last_activity_at, excluded.last_activity_at),
                last_source = excluded.last_source, last_campaign = excluded.last_campaign,
                state = excluded.state, updated_at = excluded.updated_at
            """;

        var next = -1;
        var errors = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            await using var conn = await db.OpenConnectionAsync(ct);
            await using var insert = Command(conn, insertEvent,
                NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Bigint, NpgsqlDbType.Text,
                NpgsqlDbType.TimestampTz, NpgsqlDbType.TimestampTz, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text);
            await using var upsert = Command(conn, upsertLead,
                NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Bigint, NpgsqlDbType.Double, NpgsqlDbType.TimestampTz,
                NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Bytea, NpgsqlDbType.TimestampTz);
            await insert.PrepareAsync(ct);
            await upsert.PrepareAsync(ct);

            int i;
            while ((i = Interlocked.Increment(ref next)) < rows.Length)
            {
                var r = rows[i];
                try
                {
                    await using var tx = await conn.BeginTransactionAsync(ct);
                    insert.Transaction = tx;
                    upsert.Transaction = tx;
                    Set(insert, r.Tenant, r.EventId, r.LeadId, r.Seq, r.Type, r.OccurredAt, r.ReceivedAt, r.Source, r.Campaign, r.Properties);
                    await insert.ExecuteNonQueryAsync(ct);
                    Set(upsert, r.Tenant, r.LeadId, r.Seq, r.Points, r.OccurredAt, r.Source, r.Campaign, State, r.ReceivedAt);
                    await upsert.ExecuteNonQueryAsync(ct);
                    await tx.CommitAsync(ct);
                }
                catch (PostgresException)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }));
        clock.Stop();

        return new NaiveResult
        {
            Events = rows.Length,
            Connections = connections,
            DurationSeconds = clock.Elapsed.TotalSeconds,
            EventsPerSecond = rows.Length / clock.Elapsed.TotalSeconds,
            Errors = errors,
            RowsStored = await BaselineSchema.CountAsync(db, schema, "events", ct),
            LeadsStored = await BaselineSchema.CountAsync(db, schema, "leads", ct),
        };
    }

    private static NpgsqlCommand Command(NpgsqlConnection conn, string sql, params NpgsqlDbType[] types)
    {
        var cmd = new NpgsqlCommand(sql, conn);
        foreach (var t in types)
        {
            cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = t });
        }
        return cmd;
    }

    private static void Set(NpgsqlCommand cmd, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            cmd.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }
}
