using System.Text.RegularExpressions;
using LeadGrains.Testing;

namespace LeadGrains.Bench.Tests;

/// <summary>
/// <c>bench/pairs.sh</c> end to end with tiny sizes: one pair of the Release server build against
/// itself with a setting changed, each run on its own throwaway PostgreSQL.
/// </summary>
public sealed partial class PairsScriptTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(6);

    [RequiresLoadGenFact]
    public async Task One_pair_prints_each_run_and_the_summary()
    {
        var server = Path.Combine(RepositoryRoot.Path, "src", "LeadGrains.Server", "bin", "Release", "net10.0");

        var (exitCode, log) = await BashScript.RunAsync(Timeout,
            "bench/pairs.sh", "--pairs", "1", "--warmup", "500", "--events", "2000",
            server, server + " LeadGrains__Journal__Writers=1");

        Assert.True(exitCode == 0, $"bench/pairs.sh exited with {exitCode}:\n{log}");
        // The whole log on failure: Assert.Matches cuts the value it shows.
        Assert.True(RunLine("A").IsMatch(log), log);
        Assert.True(RunLine("B").IsMatch(log), log);
        Assert.True(SummaryLine().IsMatch(log), log);
    }

    private static Regex RunLine(string side) =>
        new($@"(?m)^{side} +\d+ events/s +server +[\d.]+ us +postgres +[\d.]+ us +machine +[\d.]+ us per event +busy +(\d+%|-)$");

    [GeneratedRegex(@"(?m)^median events/s: A \d+, B \d+; B led [01] of 1 pairs$")]
    private static partial Regex SummaryLine();
}
