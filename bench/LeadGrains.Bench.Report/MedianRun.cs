using System.Text.Json.Nodes;

namespace LeadGrains.Bench.Report;

/// <summary>
/// The ingest figure from several measured runs: the run with the median events/s stands for the
/// step (for an even count, the lower of the middle two), and every run's rate is kept beside it.
/// One run of a few seconds on this shared machine says little (its speed drifts by tens of
/// percent within minutes, docs/benchmarks.md "Noise"); the median of three is steadier and, unlike
/// the best of three, not biased upward.
/// </summary>
public static class MedianRun
{
    /// <summary>A measured run: its step name and its result document.</summary>
    public sealed record Run(string Name, JsonNode Result);

    /// <summary>The median run by <paramref name="path"/>, and a summary naming every run and the one chosen.</summary>
    public static (Run Median, JsonObject Summary) Choose(IReadOnlyList<Run> runs, string path)
    {
        if (runs.Count == 0)
            throw new ArgumentException("no runs to choose from", nameof(runs));
        var measured = runs
            .Select(r => (Run: r, Value: r.Result.Number(path) ?? throw new InvalidDataException($"run {r.Name} has no number at {path}")))
            .ToList();
        var ordered = measured.OrderBy(m => m.Value).ThenBy(m => m.Run.Name, StringComparer.Ordinal).ToList();
        var median = ordered[(ordered.Count - 1) / 2].Run;
        var summary = new JsonObject
        {
            ["path"] = path,
            ["median"] = median.Name,
            // In the order the runs were measured, so a drift of the machine shows.
            ["runs"] = new JsonArray([.. measured.Select(m => (JsonNode)new JsonObject { ["name"] = m.Run.Name, ["value"] = m.Value })]),
        };
        return (median, summary);
    }
}
