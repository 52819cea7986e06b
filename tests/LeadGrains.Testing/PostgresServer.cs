using System.Diagnostics;
using Npgsql;

namespace LeadGrains.Testing;

/// <summary>
/// The throwaway PostgreSQL the tests run against. <c>./test.sh</c> starts one and exports
/// <c>LEADGRAINS_TEST_PG</c>; when a test assembly runs without it (an IDE, a plain
/// <c>dotnet test</c>), the first use starts one through the same script and stops it at exit.
/// </summary>
public static class PostgresServer
{
    private static readonly Lazy<string> AdminConnectionString = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Creates an empty database of its own for one fixture and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string purpose)
    {
        // At most 3 + 20 + 1 + 32 = 56 characters: within PostgreSQL's 63-byte identifier limit.
        var name = $"lg_{Sanitize(purpose)}_{Guid.NewGuid():N}";
        await using (var conn = new NpgsqlConnection(AdminConnectionString.Value))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(AdminConnectionString.Value) { Database = name }.ConnectionString;
    }

    private static string Sanitize(string s) =>
        new(s.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').Take(20).ToArray());

    private static string Start()
    {
        var fromEnv = Environment.GetEnvironmentVariable("LEADGRAINS_TEST_PG");
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            return fromEnv;
        }

        var script = Path.Combine(RepositoryRoot.Path, "scripts", "pg-throwaway.sh");
        var dir = Directory.CreateTempSubdirectory("leadgrains-pg-").FullName;
        var port = 56000 + Environment.ProcessId % 4000;
        var psi = new ProcessStartInfo("bash", [script, "start", dir, port.ToString()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEnd().Trim();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"Could not start a throwaway PostgreSQL: {error}");
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            using var stop = Process.Start("bash", [script, "stop", dir]);
            stop.WaitForExit();
        };
        return output;
    }
}
