using System.Data.Common;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace LeadGrains.Storage;

/// <summary>
/// Applies the embedded SQL migrations (<c>Migrations/{Postgres|Sqlite}/NNNN_name.sql</c>) in
/// order, once each. Safe to run from several silos at once: PostgreSQL takes an advisory lock
/// for the whole run, SQLite a write lock (<c>BEGIN IMMEDIATE</c>).
/// </summary>
public sealed partial class SchemaMigrator(StorageKind kind, string connectionString, ILogger logger)
{
    private const long AdvisoryLockKey = 0x4C65_6164_4772; // "LeadGr"

    public sealed record Migration(int Version, string Name, string Sql);

    public static IReadOnlyList<Migration> Embedded(StorageKind kind)
    {
        var folder = kind == StorageKind.Postgres ? "Postgres" : "Sqlite";
        var assembly = typeof(SchemaMigrator).Assembly;
        var prefix = $"{assembly.GetName().Name}.Migrations.{folder}.";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => Parse(assembly, n, n[prefix.Length..^4]))
            .OrderBy(m => m.Version)
            .ToList();
    }

    private static Migration Parse(Assembly assembly, string resource, string fileName)
    {
        var match = FileName().Match(fileName);
        if (!match.Success)
        {
            throw new InvalidOperationException($"Migration '{fileName}' is not named NNNN_name.sql.");
        }
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return new Migration(int.Parse(match.Groups[1].Value), match.Groups[2].Value, reader.ReadToEnd());
    }

    public Task<IReadOnlyList<Migration>> MigrateAsync(CancellationToken ct = default) => MigrateThroughAsync(int.MaxValue, ct);

    /// <summary>Applies the pending migrations up to <paramref name="through"/> (to test a migration against data of the one before).</summary>
    public async Task<IReadOnlyList<Migration>> MigrateThroughAsync(int through, CancellationToken ct = default)
    {
        var all = Embedded(kind).Where(m => m.Version <= through).ToList();
        await using var conn = await OpenAsync(ct);
        await using var tx = await BeginExclusiveAsync(conn, ct);

        await ExecuteAsync(conn, tx,
            "CREATE TABLE IF NOT EXISTS leadgrains_schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)", ct);
        var applied = new HashSet<int>();
        await using (var cmd = conn.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = "SELECT version FROM leadgrains_schema_migrations";
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                applied.Add(reader.GetInt32(0));
            }
        }

        var pending = all.Where(m => !applied.Contains(m.Version)).ToList();
        foreach (var migration in pending)
        {
            await ExecuteAsync(conn, tx, migration.Sql, ct);
            await using var record = conn.CreateCommand();
            record.Transaction = tx;
            record.CommandText = "INSERT INTO leadgrains_schema_migrations (version, name, applied_at) VALUES (@v, @n, @a)";
            AddParameter(record, "v", migration.Version);
            AddParameter(record, "n", migration.Name);
            AddParameter(record, "a", DateTimeOffset.UtcNow.ToString("O"));
            await record.ExecuteNonQueryAsync(ct);
            LogApplied(logger, migration.Version, migration.Name, kind);
        }
        await tx.CommitAsync(ct);
        return pending;
    }

    private async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        DbConnection conn = kind == StorageKind.Postgres
            ? new NpgsqlConnection(connectionString)
            : new SqliteConnection(connectionString);
        await conn.OpenAsync(ct);
        return conn;
    }

    private async Task<DbTransaction> BeginExclusiveAsync(DbConnection conn, CancellationToken ct)
    {
        if (conn is SqliteConnection sqlite)
        {
            // Deferred transactions would let two processes both read "not applied"; IMMEDIATE
            // takes the write lock up front.
            await ExecuteAsync(sqlite, null, "PRAGMA journal_mode=WAL", ct);
            return sqlite.BeginTransaction(deferred: false);
        }

        var tx = await conn.BeginTransactionAsync(ct);
        await ExecuteAsync(conn, tx, $"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", ct);
        return tx;
    }

    private static async Task ExecuteAsync(DbConnection conn, DbTransaction? tx, string sql, CancellationToken ct)
    {
        await using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static void AddParameter(DbCommand cmd, string name, object value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        cmd.Parameters.Add(p);
    }

    [GeneratedRegex(@"^(\d{4})_([a-z0-9_]+)$")]
    private static partial Regex FileName();

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Applied migration {Version} {Name} on {Kind}")]
    private static partial void LogApplied(ILogger logger, int version, string name, StorageKind kind);
}
