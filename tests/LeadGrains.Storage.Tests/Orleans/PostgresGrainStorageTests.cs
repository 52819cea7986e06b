using LeadGrains.Testing;
using Orleans.Runtime;

namespace LeadGrains.Storage.Tests.OrleansSchema;

/// <summary>
/// The grain storage contract on PostgreSQL, in a two-silo cluster whose membership also lives in
/// our tables; plus what only a multi-silo cluster can show.
/// </summary>
public sealed class PostgresGrainStorageTests(PostgresClusterFixture fixture)
    : GrainStorageContract(fixture), IClassFixture<PostgresClusterFixture>
{
    private const int Active = (int)SiloStatus.Active;
    private const int Dead = (int)SiloStatus.Dead;

    [Fact]
    public async Task Every_running_silo_is_registered_as_active_in_the_membership_table()
    {
        var clusterId = Fixture.Cluster.Options.ClusterId;
        var running = Fixture.Cluster.GetActiveSilos().ToList();
        Assert.NotEmpty(running);

        foreach (var silo in running)
        {
            Assert.Equal(Active, await SiloStatusAsync(silo.SiloAddress));
        }
        // Every join and status change went through the version row.
        Assert.True(await Fixture.ScalarAsync(
            "SELECT version FROM orleans_membership_version WHERE deployment_id = @id", ("id", clusterId)) >= running.Count);
        Assert.Equal(running.Count, await Fixture.ScalarAsync(
            "SELECT count(*) FROM orleans_membership WHERE deployment_id = @id AND status = @active AND proxy_port > 0",
            ("id", clusterId), ("active", Active)));
    }

    [Fact]
    public async Task State_survives_stopping_the_silo_that_hosted_the_grain()
    {
        var grain = Fixture.Cluster.GrainFactory.GetGrain<ICounterGrain>("l:survivor");
        await grain.Add(42);
        var host = await grain.Host();
        Assert.True(Fixture.Cluster.GetActiveSilos().Count() > 1, "needs another silo to move to");

        await Fixture.Cluster.StopSiloAsync(Fixture.Cluster.Silos.Single(s => s.SiloAddress.Equals(host)));

        Assert.NotEqual(host, await grain.Host());
        var read = await grain.Read();
        Assert.Equal(42, read.Value);
        Assert.Equal("1", read.ETag);
        // The stopping silo recorded its own death through UpdateMembershipKey.
        await Eventually.ReturnsAsync(() => SiloStatusAsync(host), status => status == Dead, TimeSpan.FromSeconds(30), "the stopped silo to be Dead");
    }

    private async Task<long> SiloStatusAsync(SiloAddress silo) => await Fixture.ScalarAsync(
        "SELECT status FROM orleans_membership WHERE deployment_id = @id AND address = @address AND port = @port AND generation = @generation",
        ("id", Fixture.Cluster.Options.ClusterId),
        ("address", silo.Endpoint.Address.ToString()),
        ("port", silo.Endpoint.Port),
        ("generation", silo.Generation));
}
