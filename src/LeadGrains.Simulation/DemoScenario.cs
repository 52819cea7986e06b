using LeadGrains.Simulation.Funnel;

namespace LeadGrains.Simulation;

/// <summary>
/// The server's <c>--demo</c>: the same funnel played in real time with journeys compressed, so
/// that a new user sees leads arrive, score and qualify within a minute at a gentle rate.
/// </summary>
public static class DemoScenario
{
    /// <summary>One simulated day lasts this long on the wall clock.</summary>
    public static readonly TimeSpan Day = TimeSpan.FromSeconds(4);

    /// <summary>A new lead about this often, on the wall clock.</summary>
    public static readonly TimeSpan ArrivalEvery = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The demo starts this far into its story: the first moment sends this much compressed
    /// history at once (a few hundred events), so there are leads mid-journey from the start.
    /// </summary>
    public static readonly TimeSpan HeadStart = TimeSpan.FromSeconds(60);

    /// <summary>Enough leads for a day of arrivals; the funnel stops bringing new ones after that.</summary>
    public const int Leads = 50_000;

    public const string LeadIdPrefix = "demo-lead-";

    /// <param name="now">The wall-clock time the demo starts; its history begins <see cref="HeadStart"/> before.</param>
    public static SimulationOptions Options(DateTimeOffset now, string runId, long seed = 42) => new()
    {
        Seed = seed,
        RunId = runId,
        Leads = Leads,
        LeadIdPrefix = LeadIdPrefix,
        Campaigns = 10,
        Start = now - HeadStart,
        ArrivalWindow = ArrivalEvery * Leads,
        TimeScale = Day / TimeSpan.FromDays(1),
        Model = FunnelModel.Demo,
    };
}
