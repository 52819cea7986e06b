namespace LeadGrains.Storage;

/// <summary>
/// The ADO.NET invariant names to put in the Orleans ADO.NET providers' <c>Invariant</c> option
/// (grain storage, clustering) for the schema our migrations create
/// (<c>Migrations/*/01NN_orleans_*.sql</c>). Orleans does not consult <c>DbProviderFactories</c>:
/// it maps each invariant name to a fixed assembly and factory type, so only these strings work.
/// </summary>
public static class OrleansAdoNet
{
    /// <summary>PostgreSQL through Npgsql (<c>Npgsql.NpgsqlFactory</c>).</summary>
    public const string PostgreSql = "Npgsql";

    /// <summary>
    /// SQLite. Despite the name this is not the System.Data.SQLite package: Orleans 10 maps the
    /// invariant <c>System.Data.SQLite</c> to <c>Microsoft.Data.Sqlite.SqliteFactory</c> in the
    /// <c>Microsoft.Data.Sqlite</c> assembly, which is what we ship. Verified at run time by the
    /// storage tests (a silo with this invariant and a <c>Data Source=file</c> connection string
    /// reads and writes grain state); there is no other SQLite invariant in Orleans.
    /// </summary>
    public const string Sqlite = "System.Data.SQLite";

    /// <summary>The invariant for the store a process runs on.</summary>
    public static string Invariant(StorageKind kind) => kind switch
    {
        StorageKind.Postgres => PostgreSql,
        StorageKind.Sqlite => Sqlite,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
