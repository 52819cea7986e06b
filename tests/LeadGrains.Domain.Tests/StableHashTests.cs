namespace LeadGrains.Domain.Tests;

public sealed class StableHashTests
{
    // Hashes are stored (unique marks in snapshots): a change to the function must fail here first.
    [Fact]
    public void The_hash_of_two_parts_is_the_same_in_every_process_and_build()
    {
        Assert.Equal(2789383204914094149UL, StableHash.Of("default", "evt-1"));
    }

    [Fact]
    public void The_separator_keeps_the_parts_apart()
    {
        Assert.NotEqual(StableHash.Of("ab", "c"), StableHash.Of("a", "bc"));
    }
}
