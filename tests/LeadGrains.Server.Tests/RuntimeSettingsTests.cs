using System.Text.Json.Nodes;
using LeadGrains.Testing;

namespace LeadGrains.Server.Tests;

/// <summary>
/// The runtime settings the server ships with are measured decisions (docs/decisions.md): ~20%
/// of the ingest throughput on two cores. They live in the project file, so a build that lost
/// them would still pass every other test.
/// </summary>
public sealed class RuntimeSettingsTests
{
    [Fact]
    public void The_server_ships_with_a_fixed_heap_per_core_blocking_gc_and_no_tier_up_delay()
    {
        var config = Path.ChangeExtension(ServerProcess.ServerDll, ".runtimeconfig.json");
        var properties = JsonNode.Parse(File.ReadAllText(config))!["runtimeOptions"]!["configProperties"]!;

        Assert.True(properties["System.GC.Server"]!.GetValue<bool>());
        Assert.False(properties["System.GC.Concurrent"]!.GetValue<bool>());
        Assert.Equal(0, properties["System.GC.DynamicAdaptationMode"]!.GetValue<int>());
        Assert.Equal(0, properties["System.Runtime.TieredCompilation.CallCountingDelayMs"]!.GetValue<int>());
    }

    [Fact]
    public void The_load_generator_compiles_each_method_once_so_it_does_not_jit_while_it_measures()
    {
        // Built beside the tests from the same project file (docs/loadgen.md: "No JIT while measuring").
        var config = Path.Combine(AppContext.BaseDirectory, "LeadGrains.LoadGen.runtimeconfig.json");
        var properties = JsonNode.Parse(File.ReadAllText(config))!["runtimeOptions"]!["configProperties"]!;

        Assert.False(properties["System.Runtime.TieredCompilation"]!.GetValue<bool>());
    }
}
