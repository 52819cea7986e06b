using LeadGrains.Domain.Events;

namespace LeadGrains.Domain.Tests;

public class EventCatalogTests
{
    [Fact]
    public void Every_event_type_has_an_ordinal_equal_to_its_index_in_All()
    {
        var all = EventCatalog.All;

        Assert.All(Enumerable.Range(0, all.Count), i => Assert.Equal(i, all[i].Ordinal));
    }

    [Fact]
    public void Every_event_type_has_a_defined_channel()
    {
        Assert.All(EventCatalog.All, t => Assert.True(Enum.IsDefined(t.Channel), $"{t.Name} has channel {t.Channel}"));
    }

    [Fact]
    public void Event_type_names_are_unique_and_found_by_TryGet()
    {
        Assert.Equal(EventCatalog.Count, EventCatalog.All.Select(t => t.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.All(EventCatalog.All, t =>
        {
            Assert.True(EventCatalog.TryGet(t.Name, out var found));
            Assert.Same(t, found);
        });
    }

    [Theory]
    [InlineData("email.exploded")]
    [InlineData("Email.Opened")]
    [InlineData("")]
    public void TryGet_fails_for_an_unknown_type(string name)
    {
        Assert.False(EventCatalog.TryGet(name, out _));
        Assert.Throws<ArgumentException>(() => EventCatalog.Get(name));
    }
}
