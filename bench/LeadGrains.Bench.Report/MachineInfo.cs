using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace LeadGrains.Bench.Report;

/// <summary>The machine a run measured on, read from /proc where Linux has it.</summary>
public static class MachineInfo
{
    public static JsonObject Read() => new()
    {
        ["cores"] = Environment.ProcessorCount,
        ["memTotalBytes"] = MemTotalBytes(),
        ["cpuModel"] = CpuModel(),
        ["os"] = RuntimeInformation.OSDescription,
        ["dotnet"] = RuntimeInformation.FrameworkDescription,
        ["loadAverage"] = ReadOrNull("/proc/loadavg")?.Trim(),
    };

    private static long? MemTotalBytes()
    {
        var line = Lines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        return line is null ? null
            : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    private static string? CpuModel() =>
        Lines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim();

    private static IEnumerable<string> Lines(string path) => File.Exists(path) ? File.ReadLines(path) : [];

    private static string? ReadOrNull(string path) => File.Exists(path) ? File.ReadAllText(path) : null;
}
