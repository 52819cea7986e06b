using Npgsql;

namespace LeadGrains.Bench.Baselines;

/// <summary>
/// The baselines' own tables, in a schema of their own so they never touch the server's data:
/// shaped like <c>lg_events</c> (same columns, collations, primary key and by-lead index, as of
/// migration 0006) and <c>lg_leads</c>
/// (same row with a snapshot-sized state, fillfactor 80). Recreated empty for every run.
/// </summary>
public static class BaselineSchema
{
    public const string DefaultName = "bench_baseline";

    public static async Task RecreateAsync(NpgsqlDataSource db, string schema, CancellationToken ct)
    {
        var s = Quote(schema);
        var sql = $"""
            DROP SCHEMA IF EXISTS {s} CASCADE;
            CREATE SCHEMA {s};
            CREATE TABLE {s}.events (
                tenant text COLLATE "C" NOT NULL, event_id text COLLATE "C" NOT NULL, lead_id text COLLATE "C" NOT NULL,
                seq bigint NOT NULL, type text NOT NULL, occurred_at timestamptz NOT NULL, received_at timestamptz NOT NULL,
                source text NULL, campaign text NULL, properties text NULL,
                lead_key bigint GENERATED ALWAYS AS (hashtextextended(lead_id, hashtext(tenant))) STORED,
                PRIMARY KEY (event_id, tenant));
            CREATE INDEX events_by_lead ON {s}.events (lead_key, seq);
            CREATE TABLE {s}.copy_events (LIKE {s}.events INCLUDING ALL);
            CREATE TABLE {s}.leads (
                tenant text NOT NULL, lead_id text NOT NULL, version bigint NOT NULL, stage text NOT NULL,
                score double precision NOT NULL, score_as_of timestamptz NOT NULL, event_count integer NOT NULL,
                first_seen_at timestamptz NULL, last_activity_at timestamptz NULL,
                last_source text NULL, last_campaign text NULL, model_version text NOT NULL,
                state bytea NOT NULL, updated_at timestamptz NOT NULL,
                PRIMARY KEY (tenant, lead_id)) WITH (fillfactor = 80);
            CREATE INDEX leads_by_stage ON {s}.leads (tenant, stage);
            """;
        await using var cmd = db.CreateCommand(sql);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public static async Task DropAsync(NpgsqlDataSource db, string schema, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"DROP SCHEMA IF EXISTS {Quote(schema)} CASCADE");
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Flushes dirty pages so each measurement starts from the same place, when allowed (superuser).</summary>
    public static async Task CheckpointAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        try
        {
            await using var cmd = db.CreateCommand("CHECKPOINT");
            await cmd.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            // Not a superuser: measure without it.
        }
    }

    public static async Task<long> CountAsync(NpgsqlDataSource db, string schema, string table, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"SELECT count(*) FROM {Quote(schema)}.{Quote(table)}");
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
