using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Storage;

namespace LeadGrains.Storage.Tests.OrleansSchema;

/// <summary>
/// What our grain storage schema must do for the real Orleans ADO.NET provider, run against each
/// engine by a subclass with its own cluster. Every test uses keys of its own: the class shares one
/// cluster and database.
/// </summary>
public abstract class GrainStorageContract(OrleansClusterFixture fixture)
{
    protected OrleansClusterFixture Fixture { get; } = fixture;

    private IGrainFactory Grains => Fixture.Cluster.GrainFactory;

    [Fact]
    public async Task State_written_by_a_grain_is_read_back_by_its_next_activation()
    {
        var grain = Grains.GetGrain<ICounterGrain>("l:written");
        Assert.Equal("1", (await grain.Add(3)).ETag);
        Assert.Equal("2", (await grain.Add(4)).ETag);

        await Fixture.Cluster.DeactivateAsync(grain);
        var read = await grain.Read();

        Assert.Equal(7, read.Value);
        Assert.Equal("2", read.ETag);
        Assert.True(read.RecordExists);
    }

    [Fact]
    public async Task A_grain_that_never_wrote_reads_default_state_without_a_record()
    {
        var read = await Grains.GetGrain<ICounterGrain>("l:never-written").Read();

        Assert.Equal(0, read.Value);
        Assert.Null(read.ETag);
        Assert.False(read.RecordExists);
    }

    [Fact]
    public async Task Clearing_state_resets_the_grain_and_keeps_the_version_moving()
    {
        var grain = Grains.GetGrain<ICounterGrain>("l:cleared");
        await grain.Add(5);

        var cleared = await grain.Clear();
        Assert.Equal(0, cleared.Value);
        Assert.False(cleared.RecordExists);
        Assert.Equal("2", cleared.ETag);

        await Fixture.Cluster.DeactivateAsync(grain);
        var read = await grain.Read();
        Assert.Equal(0, read.Value);
        Assert.False(read.RecordExists);
        Assert.Equal("2", read.ETag);

        var rewritten = await grain.Add(1);
        Assert.Equal(1, rewritten.Value);
        Assert.Equal("3", rewritten.ETag);
    }

    [Fact]
    public async Task Grain_classes_with_their_own_state_names_keep_separate_rows_for_the_same_key()
    {
        const string key = "l:one-key-two-grains";
        var counter = Grains.GetGrain<ICounterGrain>(key);
        var tally = Grains.GetGrain<ITallyGrain>(key);
        await counter.Add(1);
        await tally.Add(10);

        await Fixture.Cluster.DeactivateAsync(counter);
        await Fixture.Cluster.DeactivateAsync(tally);

        Assert.Equal(1, (await counter.Read()).Value);
        Assert.Equal(10, (await tally.Read()).Value);
        Assert.Equal(2, await Fixture.ScalarAsync(
            "SELECT count(*) FROM orleans_storage WHERE grain_id_string = @key", ("key", key)));
    }

    // Provider quirk: it passes the state name, not the grain class, as GrainTypeString, so the
    // schema cannot tell these grains apart. State names must be unique across grain classes.
    [Fact]
    public async Task Grain_classes_that_reuse_a_state_name_share_one_row_for_the_same_key()
    {
        const string key = "l:reused-state-name";
        await Grains.GetGrain<ICounterGrain>(key).Add(2);

        var other = await Grains.GetGrain<ISameStateNameGrain>(key).Read();

        Assert.Equal(2, other.Value);
        Assert.Equal(1, await Fixture.ScalarAsync(
            "SELECT count(*) FROM orleans_storage WHERE grain_id_string = @key", ("key", key)));
    }

    // Provider quirk: a string key that parses as a hexadecimal long (optionally "+extension") is
    // stored as that integer, so "cafe", "0cafe" and "CAFE" are one row. Keys must contain a
    // non-hex character before any '+', hence our prefixed keys such as "l:cafe".
    [Fact]
    public async Task Plain_string_keys_that_parse_as_the_same_hex_number_share_state()
    {
        await Grains.GetGrain<ICounterGrain>("cafe").Add(1);

        Assert.Equal(1, (await Grains.GetGrain<ICounterGrain>("0cafe").Read()).Value);
        Assert.Equal(1, (await Grains.GetGrain<ICounterGrain>("CAFE").Read()).Value);
        Assert.Equal(1, await Fixture.ScalarAsync(
            "SELECT count(*) FROM orleans_storage WHERE state_name = 'counter' AND grain_id_n1 = @n AND grain_id_string IS NULL",
            ("n", 0xcafeL)));
    }

    [Fact]
    public async Task Prefixed_string_keys_keep_separate_state()
    {
        var cafe = Grains.GetGrain<ICounterGrain>("l:cafe");
        var zeroCafe = Grains.GetGrain<ICounterGrain>("l:0cafe");
        await cafe.Add(1);
        await zeroCafe.Add(5);

        await Fixture.Cluster.DeactivateAsync(cafe);
        await Fixture.Cluster.DeactivateAsync(zeroCafe);

        Assert.Equal(1, (await cafe.Read()).Value);
        Assert.Equal(5, (await zeroCafe.Read()).Value);
    }

    [Fact]
    public async Task Integer_and_guid_keys_with_and_without_extensions_keep_separate_state()
    {
        var storage = Storage(OrleansClusterFixture.StorageName);
        var guid = Guid.Parse("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0");
        GrainId[] ids =
        [
            GrainId.Create(GrainType.Create("lg-test"), GrainIdKeyExtensions.CreateIntegerKey(42)),
            GrainId.Create(GrainType.Create("lg-test"), GrainIdKeyExtensions.CreateIntegerKey(42, "x")),
            GrainId.Create(GrainType.Create("lg-test"), GrainIdKeyExtensions.CreateGuidKey(guid)),
            GrainId.Create(GrainType.Create("lg-test"), GrainIdKeyExtensions.CreateGuidKey(guid, "x")),
        ];

        for (var i = 0; i < ids.Length; i++)
        {
            await storage.WriteStateAsync(StateNames.Counter, ids[i], new GrainState<CounterState>(new() { Value = 100 + i }));
        }

        for (var i = 0; i < ids.Length; i++)
        {
            var read = new GrainState<CounterState>();
            await storage.ReadStateAsync(StateNames.Counter, ids[i], read);
            Assert.Equal(100 + i, read.State?.Value);
            Assert.Equal("1", read.ETag);
        }
    }

    [Fact]
    public async Task A_write_or_clear_with_a_stale_etag_is_rejected_as_inconsistent_state()
    {
        var storage = Storage(OrleansClusterFixture.StorageName);
        var id = GrainId.Create("lg-test", "l:conflict");
        var current = new GrainState<CounterState>(new() { Value = 1 });
        await storage.WriteStateAsync(StateNames.Counter, id, current);

        var stale = new GrainState<CounterState>();
        await storage.ReadStateAsync(StateNames.Counter, id, stale);
        current.State = new() { Value = 2 };
        await storage.WriteStateAsync(StateNames.Counter, id, current);
        Assert.Equal("1", stale.ETag);
        Assert.Equal("2", current.ETag);

        stale.State = new() { Value = 3 };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateNames.Counter, id, stale));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(StateNames.Counter, id, stale));

        // A second "first write" (no ETag) must not overwrite the existing row either.
        var unaware = new GrainState<CounterState>(new() { Value = 4 });
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateNames.Counter, id, unaware));

        var read = new GrainState<CounterState>();
        await storage.ReadStateAsync(StateNames.Counter, id, read);
        Assert.Equal(2, read.State?.Value);
        Assert.Equal("2", read.ETag);
    }

    // Two activations of one grain (a split brain) racing: the version check must hold in the
    // database, not only between sequential calls.
    [Fact]
    public async Task Of_concurrent_writes_from_the_same_version_exactly_one_succeeds()
    {
        var storage = Storage(OrleansClusterFixture.StorageName);
        var id = GrainId.Create("lg-test", "l:race");

        Assert.Equal(1, await WinnersAsync(etag: null));
        Assert.Equal(1, await WinnersAsync(etag: "1"));

        var read = new GrainState<CounterState>();
        await storage.ReadStateAsync(StateNames.Counter, id, read);
        Assert.Equal("2", read.ETag);

        async Task<int> WinnersAsync(string? etag)
        {
            var attempts = Enumerable.Range(0, 8).Select(async i =>
            {
                try
                {
                    await storage.WriteStateAsync(StateNames.Counter, id, new GrainState<CounterState>(new() { Value = i }, etag));
                    return 1;
                }
                catch (InconsistentStateException)
                {
                    return 0;
                }
            });
            return (await Task.WhenAll(attempts)).Sum();
        }
    }

    [Fact]
    public async Task Clearing_through_a_delete_on_clear_provider_removes_the_row()
    {
        var storage = Storage(OrleansClusterFixture.DeletingStorageName);
        const string key = "l:deleted";
        var id = GrainId.Create("lg-test", key);
        var state = new GrainState<CounterState>(new() { Value = 1 });
        await storage.WriteStateAsync(StateNames.Counter, id, state);
        await storage.WriteStateAsync(StateNames.Counter, id, state);

        var stale = new GrainState<CounterState>(new(), "1") { RecordExists = true };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(StateNames.Counter, id, stale));

        await storage.ClearStateAsync(StateNames.Counter, id, state);
        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
        Assert.Equal(0, await Fixture.ScalarAsync(
            "SELECT count(*) FROM orleans_storage WHERE grain_id_string = @key", ("key", key)));

        await storage.WriteStateAsync(StateNames.Counter, id, state);
        Assert.Equal("1", state.ETag);
    }

    /// <summary>The provider instance a silo built from our configuration, to drive it with chosen ETags.</summary>
    private IGrainStorage Storage(string name) =>
        Fixture.Cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(name);
}
