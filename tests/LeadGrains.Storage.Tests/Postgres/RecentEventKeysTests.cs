using LeadGrains.Storage.Postgres;

namespace LeadGrains.Storage.Tests.Postgres;

public sealed class RecentEventKeysTests
{
    private static ulong[] Keys(int from, int count) =>
        Enumerable.Range(from, count).Select(i => RecentEventKeys.Of("t", $"evt-{i}")).ToArray();

    [Fact]
    public void Remembered_keys_are_seen_and_others_are_not()
    {
        var recent = new RecentEventKeys(100);
        recent.Remember(Keys(0, 10));

        Assert.All(recent.Seen(Keys(0, 10)), Assert.True);
        Assert.All(recent.Seen(Keys(10, 10)), Assert.False);
    }

    [Fact]
    public void At_least_the_last_half_of_the_capacity_is_remembered_and_older_keys_are_forgotten()
    {
        var recent = new RecentEventKeys(100);
        recent.Remember(Keys(0, 1_000));

        Assert.All(recent.Seen(Keys(950, 50)), Assert.True);
        Assert.All(recent.Seen(Keys(0, 800)), Assert.False);
    }

    [Fact]
    public void Tenants_are_part_of_the_key()
    {
        var recent = new RecentEventKeys(100);
        recent.Remember([RecentEventKeys.Of("a", "evt-1")]);

        Assert.Equal([true, false], recent.Seen([RecentEventKeys.Of("a", "evt-1"), RecentEventKeys.Of("b", "evt-1")]));
    }

    [Fact]
    public void A_capacity_below_two_remembers_nothing()
    {
        var recent = new RecentEventKeys(0);
        recent.Remember(Keys(0, 3));

        Assert.All(recent.Seen(Keys(0, 3)), Assert.False);
    }
}
