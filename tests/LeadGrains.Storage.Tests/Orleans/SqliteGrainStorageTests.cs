namespace LeadGrains.Storage.Tests.OrleansSchema;

/// <summary>
/// The grain storage contract on SQLite through the invariant <see cref="OrleansAdoNet.Sqlite"/>:
/// that every test here passes is what shows Orleans loads Microsoft.Data.Sqlite for it.
/// </summary>
public sealed class SqliteGrainStorageTests(SqliteClusterFixture fixture)
    : GrainStorageContract(fixture), IClassFixture<SqliteClusterFixture>;
