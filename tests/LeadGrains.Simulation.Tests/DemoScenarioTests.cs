using LeadGrains.Domain.Leads;
using LeadGrains.Domain.Scoring;
using LeadGrains.Simulation.Funnel;

namespace LeadGrains.Simulation.Tests;

public sealed class DemoScenarioTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Scores the demo's first <paramref name="wallSeconds"/> after start with the default model.</summary>
    private static (List<DateTimeOffset> Qualified, int EventsAfterStart) Play(long seed, double wallSeconds)
    {
        var funnel = new FunnelSimulator(DemoScenario.Options(Now, "demo", seed));
        var leads = new Dictionary<string, LeadState>();
        var qualified = new List<DateTimeOffset>();
        var after = 0;
        while (funnel.Next() is { } e && funnel.Clock <= Now.AddSeconds(wallSeconds))
        {
            var leadEvent = Generated.ToLeadEvent(e);
            if (!leads.TryGetValue(leadEvent.LeadId, out var state))
                leads[leadEvent.LeadId] = state = new LeadState();
            if (state.Apply(leadEvent, state.Version + 1, DefaultScoringModel.Instance).Transition is { To: LeadStage.Qualified })
                qualified.Add(funnel.Clock);
            if (funnel.Clock > Now)
                after++;
        }
        return (qualified, after);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(42)]
    public void A_lead_qualifies_within_30_seconds_and_more_within_the_first_minute(long seed)
    {
        var (qualified, _) = Play(seed, 60);

        Assert.Contains(qualified, at => at <= Now.AddSeconds(30));
        Assert.Contains(qualified, at => at > Now);
    }

    [Fact]
    public void The_demo_sends_tens_of_events_per_second()
    {
        var (_, events) = Play(42, 120);

        Assert.InRange(events / 120.0, 5, 150);
    }

    [Fact]
    public void Demo_leads_are_recognisable_by_their_id()
    {
        var funnel = new FunnelSimulator(DemoScenario.Options(Now, "demo"));

        Assert.StartsWith(DemoScenario.LeadIdPrefix, funnel.Next()!.LeadId);
    }
}
