using System.Data.Common;
using Npgsql;

namespace LeadGrains.Storage.Postgres;

/// <summary>The one place the server's PostgreSQL connections are configured.</summary>
public static class PostgresDataSource
{
    /// <summary>
    /// Statements each connection keeps prepared unless the connection string says otherwise. The
    /// journal runs the same few statements hundreds of times a second; without preparing, the
    /// server parses and plans each one again (measured: about a fifth of PostgreSQL's time per
    /// event). Set <c>Max Auto Prepare=0</c> for a pooler that cannot keep prepared statements.
    /// </summary>
    public const int DefaultMaxAutoPrepare = 32;

    public static NpgsqlDataSource Create(string connectionString)
    {
        // Npgsql's own builder answers ContainsKey for every keyword it knows, set or not: ask a
        // plain one whether the caller chose a value.
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
        {
            settings.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }
        return NpgsqlDataSource.Create(settings.ConnectionString);
    }
}
