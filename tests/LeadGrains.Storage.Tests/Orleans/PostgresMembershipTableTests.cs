using System.Net;
using LeadGrains.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Messaging;
using Orleans.Runtime;
using Orleans.Runtime.Membership;
using Orleans.Runtime.MembershipService;

namespace LeadGrains.Storage.Tests.OrleansSchema;

/// <summary>A migrated PostgreSQL database shared by the membership table tests; each test uses a cluster id of its own.</summary>
public sealed class MembershipDatabaseFixture : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        ConnectionString = await PostgresServer.CreateDatabaseAsync("orleans_membership");
        await new SchemaMigrator(StorageKind.Postgres, ConnectionString, NullLogger.Instance).MigrateAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

/// <summary>
/// The clustering queries driven through the real provider classes (<see cref="AdoNetClusteringTable"/>,
/// <see cref="AdoNetGatewayListProvider"/>), for the cases a healthy test cluster never produces:
/// stale table versions, repeated inserts, cleanup and deletion.
/// </summary>
public sealed class PostgresMembershipTableTests(MembershipDatabaseFixture database) : IClassFixture<MembershipDatabaseFixture>
{
    // Whole seconds, so that values survive the round trip through timestamptz and Orleans' suspect-time text unchanged.
    private static readonly DateTime Now = new(DateTime.UtcNow.Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, DateTimeKind.Utc);

    private readonly string _clusterId = "lg-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task A_new_cluster_reads_as_version_zero_without_silos()
    {
        var table = await TableAsync();

        var all = await table.ReadAllAsync();
        var row = await table.ReadRowAsync(Silo(11111));

        Assert.Equal(0, all.Version.Version);
        Assert.Empty(all.Members);
        Assert.Equal(0, row.Version.Version);
        Assert.Empty(row.Members);
    }

    [Fact]
    public async Task An_inserted_silo_is_read_back_with_every_field_and_a_new_table_version()
    {
        var table = await TableAsync();
        var entry = Entry(Silo(11111), SiloStatus.Joining);

        Assert.True(await InsertAsync(table, entry));

        var read = await table.ReadRowAsync(entry.SiloAddress);
        Assert.Equal(1, read.Version.Version);
        var (stored, _) = Assert.Single(read.Members);
        Assert.Equal(entry.SiloAddress, stored.SiloAddress);
        Assert.Equal(entry.SiloName, stored.SiloName);
        Assert.Equal(entry.HostName, stored.HostName);
        Assert.Equal(SiloStatus.Joining, stored.Status);
        Assert.Equal(entry.ProxyPort, stored.ProxyPort);
        Assert.Equal(entry.StartTime, stored.StartTime);
        Assert.Equal(entry.IAmAliveTime, stored.IAmAliveTime);
        Assert.Null(stored.SuspectTimes);
    }

    [Fact]
    public async Task Changes_made_against_a_stale_table_version_are_refused()
    {
        var table = await TableAsync();
        var first = Entry(Silo(11111), SiloStatus.Joining);
        Assert.True(await InsertAsync(table, first));
        var stale = await table.ReadAllAsync();
        Assert.True(await InsertAsync(table, Entry(Silo(22222), SiloStatus.Joining)));

        Assert.False(await table.InsertRowAsync(Entry(Silo(33333), SiloStatus.Joining), stale.Version.Next()));
        first.Status = SiloStatus.Active;
        Assert.False(await table.UpdateRowAsync(first, stale.Members[0].Item2, stale.Version.Next()));

        var all = await table.ReadAllAsync();
        Assert.Equal(2, all.Version.Version);
        Assert.Equal(2, all.Members.Count);
        Assert.All(all.Members, m => Assert.Equal(SiloStatus.Joining, m.Item1.Status));
    }

    [Fact]
    public async Task Inserting_a_silo_that_is_already_there_is_refused_without_moving_the_version()
    {
        var table = await TableAsync();
        var entry = Entry(Silo(11111), SiloStatus.Joining);
        Assert.True(await InsertAsync(table, entry));

        Assert.False(await InsertAsync(table, entry));

        var all = await table.ReadAllAsync();
        Assert.Equal(1, all.Version.Version);
        Assert.Single(all.Members);
    }

    [Fact]
    public async Task An_update_stores_status_suspicions_and_heartbeat_and_moves_the_version()
    {
        var table = await TableAsync();
        var entry = Entry(Silo(11111), SiloStatus.Joining);
        Assert.True(await InsertAsync(table, entry));

        var suspecter = Silo(22222);
        entry.Status = SiloStatus.Active;
        entry.IAmAliveTime = Now.AddMinutes(1);
        entry.SuspectTimes = [Tuple.Create(suspecter, Now.AddMinutes(2))];
        Assert.True(await UpdateAsync(table, entry));

        var read = await table.ReadRowAsync(entry.SiloAddress);
        Assert.Equal(2, read.Version.Version);
        var (stored, _) = Assert.Single(read.Members);
        Assert.Equal(SiloStatus.Active, stored.Status);
        Assert.Equal(Now.AddMinutes(1), stored.IAmAliveTime);
        var (silo, time) = Assert.Single(stored.SuspectTimes!);
        Assert.Equal(suspecter, silo);
        Assert.Equal(Now.AddMinutes(2), time);
    }

    [Fact]
    public async Task A_heartbeat_updates_only_the_alive_time()
    {
        var table = await TableAsync();
        var entry = Entry(Silo(11111), SiloStatus.Active);
        Assert.True(await InsertAsync(table, entry));

        entry.IAmAliveTime = Now.AddMinutes(5);
        entry.Status = SiloStatus.Dead; // ignored: a heartbeat is not a status change
        await table.UpdateIAmAliveAsync(entry);

        var read = await table.ReadRowAsync(entry.SiloAddress);
        Assert.Equal(1, read.Version.Version);
        var (stored, _) = Assert.Single(read.Members);
        Assert.Equal(Now.AddMinutes(5), stored.IAmAliveTime);
        Assert.Equal(SiloStatus.Active, stored.Status);
    }

    [Fact]
    public async Task Gateways_are_the_active_silos_with_a_proxy_port()
    {
        var table = await TableAsync();
        var active = Entry(Silo(11111), SiloStatus.Active, proxyPort: 30001);
        var joining = Entry(Silo(22222), SiloStatus.Joining, proxyPort: 30002);
        var withoutGateway = Entry(Silo(33333), SiloStatus.Active, proxyPort: 0);
        foreach (var entry in new[] { active, joining, withoutGateway })
        {
            Assert.True(await InsertAsync(table, entry));
        }

        var gateways = await GatewaysAsync();

        var gateway = Assert.Single(gateways);
        Assert.Equal(SiloAddress.New(IPAddress.Loopback, 30001, active.SiloAddress.Generation).ToGatewayUri(), gateway);
    }

    // Orleans 10.4 cleans up through CleanupDefunctSiloEntryKey: it picks the rows and our query
    // deletes each one only while it is unchanged.
    [Fact]
    public async Task Cleanup_removes_dead_silos_whose_start_heartbeat_and_suspicions_are_all_before_the_cutoff()
    {
        var table = await TableAsync();
        var cutoff = Now;
        var old = cutoff.AddDays(-1);
        var dead = Entry(Silo(11111), SiloStatus.Dead, aliveAt: old);
        var deadSuspectedLongAgo = Entry(Silo(22222), SiloStatus.Dead, aliveAt: old);
        var deadSuspectedRecently = Entry(Silo(33333), SiloStatus.Dead, aliveAt: old);
        var deadButRecent = Entry(Silo(44444), SiloStatus.Dead, aliveAt: cutoff.AddMinutes(1));
        var stuckJoining = Entry(Silo(55555), SiloStatus.Joining, aliveAt: old);
        var active = Entry(Silo(60000), SiloStatus.Active, aliveAt: old);
        foreach (var entry in new[] { dead, deadSuspectedLongAgo, deadSuspectedRecently, deadButRecent, stuckJoining, active })
        {
            Assert.True(await InsertAsync(table, entry));
        }
        deadSuspectedLongAgo.SuspectTimes = [Tuple.Create(Silo(60000), old)];
        deadSuspectedRecently.SuspectTimes = [Tuple.Create(Silo(60000), cutoff.AddMinutes(1))];
        foreach (var entry in new[] { deadSuspectedLongAgo, deadSuspectedRecently })
        {
            Assert.True(await UpdateAsync(table, entry));
        }

        await table.CleanupDefunctSiloEntriesAsync(cutoff);

        var all = await table.ReadAllAsync();
        Assert.Equal(
            new[] { deadSuspectedRecently, deadButRecent, stuckJoining, active }.Select(e => e.SiloAddress).OrderBy(s => s.Endpoint.Port),
            all.Members.Select(m => m.Item1.SiloAddress).OrderBy(s => s.Endpoint.Port));
        Assert.Equal(8, all.Version.Version);
    }

    // The one-statement cleanup that providers without CleanupDefunctSiloEntryKey run.
    [Fact]
    public async Task The_bulk_cleanup_query_removes_only_dead_silos_silent_since_the_cutoff()
    {
        var table = await TableAsync();
        var cutoff = Now;
        var dead = Entry(Silo(11111), SiloStatus.Dead, aliveAt: cutoff.AddDays(-1));
        var deadButRecent = Entry(Silo(22222), SiloStatus.Dead, aliveAt: cutoff.AddMinutes(1));
        var active = Entry(Silo(33333), SiloStatus.Active, aliveAt: cutoff.AddDays(-1));
        foreach (var entry in new[] { dead, deadButRecent, active })
        {
            Assert.True(await InsertAsync(table, entry));
        }

        await using (var connection = new Npgsql.NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand(
                "SELECT querytext FROM orleansquery WHERE querykey = 'CleanupDefunctSiloEntriesKey'", connection);
            command.CommandText = (string)(await command.ExecuteScalarAsync())!;
            command.Parameters.AddWithValue("DeploymentId", _clusterId);
            command.Parameters.AddWithValue("IAmAliveTime", cutoff);
            await command.ExecuteNonQueryAsync();
        }

        Assert.Equal(
            new[] { deadButRecent, active }.Select(e => e.SiloAddress).OrderBy(s => s.Endpoint.Port),
            (await table.ReadAllAsync()).Members.Select(m => m.Item1.SiloAddress).OrderBy(s => s.Endpoint.Port));
    }

    [Fact]
    public async Task Deleting_a_clusters_entries_leaves_other_clusters_alone()
    {
        var table = await TableAsync();
        var other = await TableAsync("lg-other-" + Guid.NewGuid().ToString("N"));
        Assert.True(await InsertAsync(table, Entry(Silo(11111), SiloStatus.Active)));
        Assert.True(await InsertAsync(other, Entry(Silo(11111), SiloStatus.Active)));

        await table.DeleteMembershipTableEntriesAsync(_clusterId);

        Assert.Single((await other.ReadAllAsync()).Members);
        // Gone with the version row: a silo starting afterwards creates both again.
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM orleans_membership_version WHERE deployment_id = @id"));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM orleans_membership WHERE deployment_id = @id"));
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true);
        Assert.Empty((await table.ReadAllAsync()).Members);
    }

    private static async Task<bool> InsertAsync(AdoNetClusteringTable table, MembershipEntry entry) =>
        await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next());

    /// <summary>
    /// Updates a row the way Orleans does: with the row's ETag and the table version read with it.
    /// Orleans 10.4 returns false without querying when the two differ (a row ETag is the table
    /// version it was read at).
    /// </summary>
    private static async Task<bool> UpdateAsync(AdoNetClusteringTable table, MembershipEntry entry)
    {
        var all = await table.ReadAllAsync();
        var etag = all.Members.Single(m => m.Item1.SiloAddress.Equals(entry.SiloAddress)).Item2;
        return await table.UpdateRowAsync(entry, etag, all.Version.Next());
    }

    private async Task<AdoNetClusteringTable> TableAsync(string? clusterId = null)
    {
        var table = new AdoNetClusteringTable(
            new ServiceCollection().BuildServiceProvider(),
            Options.Create(new ClusterOptions { ClusterId = clusterId ?? _clusterId, ServiceId = "lg-test" }),
            Options.Create(new AdoNetClusteringSiloOptions { Invariant = OrleansAdoNet.PostgreSql, ConnectionString = database.ConnectionString }),
            NullLogger<AdoNetClusteringTable>.Instance);
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true);
        return table;
    }

    private async Task<IList<Uri>> GatewaysAsync()
    {
        IGatewayListProvider provider = new AdoNetGatewayListProvider(
            NullLogger<AdoNetGatewayListProvider>.Instance,
            new ServiceCollection().BuildServiceProvider(),
            Options.Create(new AdoNetClusteringClientOptions { Invariant = OrleansAdoNet.PostgreSql, ConnectionString = database.ConnectionString }),
            Options.Create(new GatewayOptions()),
            Options.Create(new ClusterOptions { ClusterId = _clusterId, ServiceId = "lg-test" }));
        await provider.InitializeGatewayListProviderAsync();
        return await provider.GetGatewaysAsync();
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", _clusterId);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    private static SiloAddress Silo(int port) => SiloAddress.New(IPAddress.Loopback, port, 154_000_000 + port);

    private static MembershipEntry Entry(SiloAddress silo, SiloStatus status, int proxyPort = 30000, DateTime? aliveAt = null) => new()
    {
        SiloAddress = silo,
        Status = status,
        SiloName = $"silo-{silo.Endpoint.Port}",
        HostName = "lg-test-host",
        ProxyPort = proxyPort,
        StartTime = Now.AddMinutes(-10),
        IAmAliveTime = aliveAt ?? Now,
    };
}
