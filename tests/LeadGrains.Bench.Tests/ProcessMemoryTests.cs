using LeadGrains.Bench.Memory;

namespace LeadGrains.Bench.Tests;

public sealed class ProcessMemoryTests
{
    [Fact]
    public void Resident_memory_is_read_from_proc()
    {
        var memory = ProcessMemory.Read(Environment.ProcessId);

        Assert.True(memory.RssBytes > 1 << 20);
        Assert.True(memory.PeakRssBytes >= memory.RssBytes);
    }
}
