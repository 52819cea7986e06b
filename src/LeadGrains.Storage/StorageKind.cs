namespace LeadGrains.Storage;

/// <summary>Which store a process runs on: the embedded default or a PostgreSQL cluster.</summary>
public enum StorageKind
{
    Sqlite,
    Postgres,
}
