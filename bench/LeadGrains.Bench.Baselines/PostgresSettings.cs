using Npgsql;

namespace LeadGrains.Bench.Baselines;

/// <summary>The PostgreSQL version and the settings that decide durable-write throughput, as the server reports them.</summary>
public static class PostgresSettings
{
    public static readonly string[] Names =
    [
        "fsync", "synchronous_commit", "full_page_writes", "wal_sync_method", "wal_level", "wal_buffers",
        "commit_delay", "commit_siblings", "shared_buffers", "max_wal_size", "checkpoint_timeout",
        "work_mem", "max_connections", "effective_io_concurrency", "data_checksums",
    ];

    public static async Task<PostgresInfo> ReadAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        var settings = new SortedDictionary<string, string>(StringComparer.Ordinal);
        await using var conn = await db.OpenConnectionAsync(ct);
        await using (var cmd = new NpgsqlCommand("SELECT name, setting, unit FROM pg_settings WHERE name = ANY($1)", conn))
        {
            cmd.Parameters.AddWithValue(Names);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var unit = reader.IsDBNull(2) ? "" : reader.GetString(2);
                settings[reader.GetString(0)] = Describe(reader.GetString(1), unit);
            }
        }
        await using var version = new NpgsqlCommand("SELECT version()", conn);
        return new PostgresInfo((string)(await version.ExecuteScalarAsync(ct))!, settings);
    }

    // pg_settings gives sizes in units of blocks ("8kB") or kB; say them in plain units.
    private static string Describe(string setting, string unit)
    {
        if (!long.TryParse(setting, out var n) || unit.Length == 0)
            return setting;
        var bytes = unit switch
        {
            "8kB" => n * 8192,
            "kB" => n * 1024,
            "MB" => n * 1024 * 1024,
            _ => -1,
        };
        if (bytes < 0)
            return setting + unit;
        return bytes % (1024 * 1024) == 0 ? $"{bytes / (1024 * 1024)}MB" : $"{bytes / 1024}kB";
    }
}

public sealed record PostgresInfo(string Version, IReadOnlyDictionary<string, string> Settings);
