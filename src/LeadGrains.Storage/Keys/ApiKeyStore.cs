using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace LeadGrains.Storage.Keys;

/// <summary>
/// API keys in the same database as the journal. The SQL is plain enough to serve both
/// engines; only how a time is stored differs (timestamptz vs UTC ticks).
/// </summary>
public sealed class ApiKeyStore(StorageKind kind, Func<DbConnection> connect)
{
    public static ApiKeyStore ForPostgres(NpgsqlDataSource dataSource) => new(StorageKind.Postgres, dataSource.CreateConnection);

    public static ApiKeyStore ForSqlite(string connectionString) =>
        new(StorageKind.Sqlite, () => new SqliteConnection(connectionString));

    public async Task<ApiKeyRecord?> FindAsync(string keyId, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT key_id, tenant, name, scopes, secret_hash, created_at, revoked_at FROM lg_api_keys WHERE key_id = @key_id";
        Add(cmd, "key_id", keyId);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? Read(r) : null;
    }

    public async Task<IReadOnlyList<ApiKeyRecord>> ListAsync(string tenant, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT key_id, tenant, name, scopes, secret_hash, created_at, revoked_at FROM lg_api_keys WHERE tenant = @tenant ORDER BY created_at";
        Add(cmd, "tenant", tenant);
        var keys = new List<ApiKeyRecord>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            keys.Add(Read(r));
        }
        return keys;
    }

    /// <summary>Stores a key unless its id exists; true when it was stored.</summary>
    public async Task<bool> CreateAsync(ApiKeyRecord key, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = """
            INSERT INTO lg_api_keys (key_id, tenant, name, scopes, secret_hash, created_at)
            VALUES (@key_id, @tenant, @name, @scopes, @secret_hash, @created_at)
            ON CONFLICT (key_id) DO NOTHING
            """;
        Add(cmd, "key_id", key.KeyId);
        Add(cmd, "tenant", key.Tenant);
        Add(cmd, "name", key.Name);
        Add(cmd, "scopes", string.Join(',', key.Scopes));
        Add(cmd, "secret_hash", key.SecretHash);
        Add(cmd, "created_at", Time(key.CreatedAt));
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    public async Task<bool> RevokeAsync(string tenant, string keyId, DateTimeOffset at, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "UPDATE lg_api_keys SET revoked_at = @at WHERE key_id = @key_id AND tenant = @tenant AND revoked_at IS NULL";
        Add(cmd, "at", Time(at));
        Add(cmd, "key_id", keyId);
        Add(cmd, "tenant", tenant);
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    private async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        var conn = connect();
        await conn.OpenAsync(ct);
        return conn;
    }

    private object Time(DateTimeOffset t) => kind == StorageKind.Postgres ? t.UtcDateTime : t.UtcTicks;

    private DateTimeOffset ReadTime(DbDataReader r, int i) => kind == StorageKind.Postgres
        ? new DateTimeOffset(DateTime.SpecifyKind(r.GetDateTime(i), DateTimeKind.Utc))
        : new DateTimeOffset(r.GetInt64(i), TimeSpan.Zero);

    private ApiKeyRecord Read(DbDataReader r) => new(
        r.GetString(0),
        r.GetString(1),
        r.GetString(2),
        r.GetString(3).Split(',', StringSplitOptions.RemoveEmptyEntries),
        (byte[])r.GetValue(4),
        ReadTime(r, 5),
        r.IsDBNull(6) ? null : ReadTime(r, 6));

    private static void Add(DbCommand cmd, string name, object value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        cmd.Parameters.Add(p);
    }
}
