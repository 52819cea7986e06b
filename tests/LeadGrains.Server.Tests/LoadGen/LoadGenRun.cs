using System.Globalization;
using System.Text.Json;
using LeadGrains.LoadGen.Cli;
using LeadGrains.Testing;

namespace LeadGrains.Server.Tests.LoadGen;

/// <summary>Runs the load generator's real entry point in-process and reads back its JSON summary.</summary>
internal static class LoadGenRun
{
    public static async Task<(int ExitCode, JsonElement Summary)> RunAsync(ServerProcess server, string apiKey, params string[] options)
    {
        using var dir = new TempDirectory("leadgrains-loadgen-");
        var json = dir.File("summary.json");
        string[] args =
        [
            "--url", server.BaseAddress.ToString(), "--api-key", apiKey, "--json", json, "--no-progress", .. options,
        ];
        var exitCode = await LoadGenCommand.Create().Parse(args).InvokeAsync();
        Assert.True(File.Exists(json), $"no summary written (exit code {exitCode})");
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        return (exitCode, document.RootElement.Clone());
    }

    public static long Long(this JsonElement summary, string name) => summary.GetProperty(name).GetInt64();

    /// <summary>"Now" to the second, for --until, so two runs can share one history.</summary>
    public static string Until() =>
        DateTimeOffset.UtcNow.AddSeconds(-1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
