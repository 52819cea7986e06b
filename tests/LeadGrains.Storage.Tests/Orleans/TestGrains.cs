using Orleans.Runtime;

namespace LeadGrains.Storage.Tests.OrleansSchema;

[GenerateSerializer]
public sealed class CounterState
{
    [Id(0)]
    public int Value { get; set; }
}

/// <summary>What a counter grain's activation holds: its state as the provider read or wrote it.</summary>
[GenerateSerializer]
public sealed class CounterSnapshot
{
    [Id(0)]
    public int Value { get; init; }

    [Id(1)]
    public string? ETag { get; init; }

    [Id(2)]
    public bool RecordExists { get; init; }
}

/// <summary>A grain with one persistent counter, enough to drive every grain storage query.</summary>
public interface IPersistentCounter : IGrainWithStringKey
{
    Task<CounterSnapshot> Add(int amount);

    Task<CounterSnapshot> Read();

    Task<CounterSnapshot> Clear();

    Task<SiloAddress> Host();
}

// One interface per grain class, so that GetGrain<T> never has to choose between implementations.
public interface ICounterGrain : IPersistentCounter;

public interface ITallyGrain : IPersistentCounter;

public interface ISameStateNameGrain : IPersistentCounter;

public abstract class PersistentCounterGrain(IPersistentState<CounterState> state, ILocalSiloDetails silo)
    : Grain, IPersistentCounter
{
    public async Task<CounterSnapshot> Add(int amount)
    {
        state.State.Value += amount;
        await state.WriteStateAsync();
        return Snapshot();
    }

    public Task<CounterSnapshot> Read() => Task.FromResult(Snapshot());

    public async Task<CounterSnapshot> Clear()
    {
        await state.ClearStateAsync();
        return Snapshot();
    }

    public Task<SiloAddress> Host() => Task.FromResult(silo.SiloAddress);

    private CounterSnapshot Snapshot() =>
        new() { Value = state.State.Value, ETag = state.Etag, RecordExists = state.RecordExists };
}

public sealed class CounterGrain(
    [PersistentState(StateNames.Counter, OrleansClusterFixture.StorageName)] IPersistentState<CounterState> state,
    ILocalSiloDetails silo) : PersistentCounterGrain(state, silo), ICounterGrain;

/// <summary>Same state type and keys as <see cref="CounterGrain"/>, its own state name.</summary>
public sealed class TallyGrain(
    [PersistentState(StateNames.Tally, OrleansClusterFixture.StorageName)] IPersistentState<CounterState> state,
    ILocalSiloDetails silo) : PersistentCounterGrain(state, silo), ITallyGrain;

/// <summary>Reuses <see cref="CounterGrain"/>'s state name: shows that the provider keys rows by state name.</summary>
public sealed class SameStateNameGrain(
    [PersistentState(StateNames.Counter, OrleansClusterFixture.StorageName)] IPersistentState<CounterState> state,
    ILocalSiloDetails silo) : PersistentCounterGrain(state, silo), ISameStateNameGrain;

public static class StateNames
{
    public const string Counter = "counter";
    public const string Tally = "tally";
}
