using LeadGrains.Domain.Kpis;
using LeadGrains.Grains.Kpis;
using LeadGrains.Storage.Kpis;

namespace LeadGrains.Server.Tests.Kpis;

public sealed class KpiTargetRegistryTests
{
    private static readonly StoredTarget Downloads = Stored("whitepaper.downloads");

    [Fact]
    public async Task Targets_are_read_once_per_max_age()
    {
        var clock = new ManualClock();
        var reads = 0;
        var registry = new KpiTargetRegistry(_ => { reads++; return Task.FromResult<IReadOnlyList<StoredTarget>>([Downloads]); }, clock);

        await registry.GetAsync(CancellationToken.None);
        clock.Advance(KpiTargetRegistry.MaxAge - TimeSpan.FromSeconds(1));
        var cached = await registry.GetAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(1));
        await registry.GetAsync(CancellationToken.None);

        Assert.Equal("whitepaper.downloads", Assert.Single(cached["t1"]).Kpi);
        Assert.Equal(2, reads);
    }

    [Fact]
    public async Task A_change_during_a_read_is_read_again_on_the_next_flush()
    {
        // The race behind a flaky HTTP test: the feed's read was in flight when a target was set,
        // it returned the targets from before the change, and it marked the cache fresh, so for
        // MaxAge the feed did not forward the new target's commits.
        var clock = new ManualClock();
        var stored = new List<StoredTarget>();
        var gate = new TaskCompletionSource();
        var reads = 0;
        var registry = new KpiTargetRegistry(async _ =>
        {
            reads++;
            var before = stored.ToList();
            if (reads == 1)
            {
                await gate.Task;
            }
            return before;
        }, clock);

        var inFlight = registry.GetAsync(CancellationToken.None);
        stored.Add(Downloads);
        registry.Invalidate();
        gate.SetResult();
        var stale = await inFlight;
        var next = await registry.GetAsync(CancellationToken.None);

        Assert.Empty(stale);
        Assert.Equal(2, reads);
        Assert.Equal("whitepaper.downloads", Assert.Single(next["t1"]).Kpi);
    }

    [Fact]
    public async Task Invalidate_makes_the_next_flush_read_again()
    {
        var clock = new ManualClock();
        var reads = 0;
        var registry = new KpiTargetRegistry(_ => { reads++; return Task.FromResult<IReadOnlyList<StoredTarget>>([]); }, clock);

        await registry.GetAsync(CancellationToken.None);
        registry.Invalidate();
        await registry.GetAsync(CancellationToken.None);

        Assert.Equal(2, reads);
    }

    private static StoredTarget Stored(string kpi)
    {
        var target = new KpiTarget
        {
            Id = "target-1",
            Kpi = KpiId.Parse(kpi),
            Value = 3,
            Direction = TargetDirection.AtLeast,
            StartDate = new DateOnly(2026, 12, 1),
            Deadline = new DateOnly(2026, 12, 31),
            Owner = "ken",
            Initiative = "content",
        };
        return new StoredTarget("t1", kpi, "content", TargetDocument.Serialize(target), null, 0);
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
