namespace LeadGrains.Server.Tests.Cluster;

/// <summary>
/// Test classes whose silos run a PostgreSQL journal in this process. They count the journal's
/// metrics process-wide (commits, COPY fallbacks), so they run one class at a time.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PostgresJournalCollection
{
    public const string Name = "PostgreSQL journal in this process";
}
