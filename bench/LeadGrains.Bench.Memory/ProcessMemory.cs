using System.Globalization;

namespace LeadGrains.Bench.Memory;

/// <summary>A process's resident memory as Linux reports it in <c>/proc/PID/status</c>.</summary>
public sealed record ProcessMemory(long RssBytes, long PeakRssBytes)
{
    public static ProcessMemory Read(int pid)
    {
        long rss = 0, peak = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                rss = Kilobytes(line);
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                peak = Kilobytes(line);
        }
        return new ProcessMemory(rss, peak);
    }

    // "VmRSS:	  123456 kB"
    private static long Kilobytes(string line) =>
        long.Parse(line.Split(' ', '\t', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
}
