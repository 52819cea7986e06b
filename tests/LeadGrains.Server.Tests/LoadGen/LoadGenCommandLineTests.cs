using LeadGrains.LoadGen.Cli;

namespace LeadGrains.Server.Tests.LoadGen;

/// <summary>Options that contradict each other are refused before anything is generated or sent.</summary>
public sealed class LoadGenCommandLineTests
{
    private static IReadOnlyList<string> Errors(params string[] args) =>
        LoadGenCommand.Create().Parse(["--url", "http://127.0.0.1:1", "--api-key", "k", .. args]).Errors.Select(e => e.Message).ToList();

    [Fact]
    public void Pregenerate_with_a_duration_is_refused_naming_both_options()
    {
        var error = Assert.Single(Errors("--duration", "10s", "--pregenerate"));

        Assert.Contains("--pregenerate", error);
        Assert.Contains("--duration", error);
    }

    [Fact]
    public void Pregenerate_with_events_is_accepted()
    {
        Assert.Empty(Errors("--events", "1000", "--pregenerate"));
    }

    [Fact]
    public void Events_and_duration_together_are_refused()
    {
        Assert.Contains(Errors("--events", "1000", "--duration", "10s"), e => e.Contains("not both", StringComparison.Ordinal));
    }
}
