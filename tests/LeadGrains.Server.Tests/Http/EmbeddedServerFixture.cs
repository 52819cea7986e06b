using LeadGrains.Testing;

namespace LeadGrains.Server.Tests.Http;

/// <summary>One embedded (SQLite) server process shared by the HTTP tests of a collection.</summary>
public sealed class EmbeddedServerFixture : IAsyncLifetime
{
    private readonly TempDirectory _dataDir = new("leadgrains-http-");

    public ServerProcess Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = ServerProcess.Sqlite(_dataDir.Path);
        await Server.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        _dataDir.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class EmbeddedServerCollection : ICollectionFixture<EmbeddedServerFixture>
{
    public const string Name = "embedded server";
}
