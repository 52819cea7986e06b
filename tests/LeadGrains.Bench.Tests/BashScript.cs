using System.Diagnostics;
using LeadGrains.Testing;

namespace LeadGrains.Bench.Tests;

/// <summary>Runs one of the repository's bash scripts from its root, with a time limit.</summary>
internal static class BashScript
{
    public static async Task<(int ExitCode, string Log)> RunAsync(TimeSpan timeout, params string[] args)
    {
        var psi = new ProcessStartInfo("bash") { WorkingDirectory = RepositoryRoot.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            // SIGTERM, not SIGKILL: the script's trap then stops the server and PostgreSQL it started.
            Process.Start("kill", ["-TERM", process.Id.ToString()])?.WaitForExit();
            await process.WaitForExitAsync();
        }
        return (process.ExitCode, await stdout + await stderr);
    }
}
