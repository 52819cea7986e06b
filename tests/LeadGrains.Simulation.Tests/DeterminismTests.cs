using LeadGrains.Simulation.Batches;

namespace LeadGrains.Simulation.Tests;

public sealed class DeterminismTests
{
    [Fact]
    public void Same_seed_and_options_give_the_same_bytes()
    {
        var options = Generated.Options(duplicates: 0.01, invalid: 0.01, late: 0.02, metrics: 0.001);

        var first = Generated.Batches(options, 20_000, 500);
        var second = Generated.Batches(options, 20_000, 500);

        Assert.Equal(first.Count, second.Count);
        for (var i = 0; i < first.Count; i++)
        {
            Assert.Equal(first[i].Kind, second[i].Kind);
            Assert.True(first[i].Body.Span.SequenceEqual(second[i].Body.Span), $"batch {i} differs");
        }
    }

    [Fact]
    public void Another_seed_gives_other_events()
    {
        var a = Generated.Funnel(Generated.Options(seed: 1), 1_000);
        var b = Generated.Funnel(Generated.Options(seed: 2), 1_000);

        var differing = a.Zip(b).Count(p => p.First.Type != p.Second.Type || p.First.LeadId != p.Second.LeadId);
        Assert.True(differing > 500, $"only {differing} of 1000 events differ");
    }

    [Fact]
    public void Tenant_streams_of_one_seed_are_independent()
    {
        var a = Generated.Funnel(Generated.Options() with { Stream = 0 }, 1_000);
        var b = Generated.Funnel(Generated.Options() with { Stream = 1 }, 1_000);

        Assert.NotEqual(a.Select(e => e.Type + e.LeadId), b.Select(e => e.Type + e.LeadId));
    }

    [Fact]
    public void Changing_the_duplicate_share_does_not_change_the_funnel()
    {
        var plain = Generated.Stream(Generated.Options(), 2_000).Select(i => Generated.Event(i.Json).Id).ToList();
        var withDuplicates = Generated.Stream(Generated.Options(duplicates: 0.2), 2_500)
            .Where(i => i.Kind == Streams.ItemKind.Event)
            .Select(i => Generated.Event(i.Json).Id)
            .Take(plain.Count)
            .ToList();

        Assert.Equal(plain, withDuplicates);
    }

    [Fact]
    public void Batches_hold_exactly_the_event_budget()
    {
        var batches = Generated.Batches(Generated.Options(invalid: 0.02, metrics: 0.01), 12_345, 1_000);

        Assert.Equal(12_345, batches.Where(b => b.Kind != BatchKind.MetricReports).Sum(b => b.Count));
        Assert.All(batches.Where(b => b.Kind == BatchKind.Events), b => Assert.InRange(b.Count, 1, 1_000));
        Assert.All(batches.Where(b => b.Kind == BatchKind.Invalid), b => Assert.InRange(b.Count, 1, BatchAssembler.InvalidBatchSize));
    }
}
