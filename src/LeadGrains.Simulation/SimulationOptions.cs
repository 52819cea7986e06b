using LeadGrains.Simulation.Funnel;

namespace LeadGrains.Simulation;

/// <summary>Everything that decides a generated stream: the same options give the same bytes.</summary>
public sealed record SimulationOptions
{
    public long Seed { get; init; } = 42;

    /// <summary>Independent streams from one seed (the load generator runs one per tenant).</summary>
    public int Stream { get; init; }

    /// <summary>Prefix of every event and report id, so two runs with one seed do not collide as duplicates.</summary>
    public required string RunId { get; init; }

    public int Leads { get; init; } = 20_000;

    public string LeadIdPrefix { get; init; } = "lead-";

    public int Campaigns { get; init; } = 20;

    /// <summary>Occurred-at of the first simulated moment.</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>
    /// Latest occurred-at; when the simulated clock passes it, a new season starts over at
    /// <see cref="Start"/> (same leads, new activity, new ids). Null: the simulation runs on.
    /// </summary>
    public DateTimeOffset? End { get; init; }

    /// <summary>New leads arrive over this long from <see cref="Start"/> (event time, not scaled).</summary>
    public TimeSpan ArrivalWindow { get; init; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Multiplies every interval and delay of the <see cref="Model"/>: 1 is real time, 1/2880 makes a
    /// day last 30 seconds (the demo's compressed journeys).
    /// </summary>
    public double TimeScale { get; init; } = 1.0;

    /// <summary>Share of sent events that re-send an earlier event (same id and bytes).</summary>
    public double DuplicateShare { get; init; }

    /// <summary>Share of sent events that break an API rule (the server refuses their batch).</summary>
    public double InvalidShare { get; init; }

    /// <summary>Share of events held back and sent later, out of order.</summary>
    public double LateShare { get; init; }

    /// <summary>Channel metric reports per event sent (0.001: one report per thousand events).</summary>
    public double MetricShare { get; init; }

    public FunnelModel Model { get; init; } = FunnelModel.Default;

    public void Validate()
    {
        Check(Leads >= 1, nameof(Leads), "must be at least 1");
        Check(Campaigns >= 0, nameof(Campaigns), "must not be negative");
        Check(TimeScale > 0 && double.IsFinite(TimeScale), nameof(TimeScale), "must be a positive number");
        Check(ArrivalWindow >= TimeSpan.Zero, nameof(ArrivalWindow), "must not be negative");
        Check(End is null || End > Start, nameof(End), "must be after Start");
        Check(!string.IsNullOrEmpty(RunId), nameof(RunId), "is required");
        foreach (var (name, share) in new[]
                 {
                     (nameof(DuplicateShare), DuplicateShare), (nameof(InvalidShare), InvalidShare),
                     (nameof(LateShare), LateShare), (nameof(MetricShare), MetricShare),
                 })
        {
            Check(share is >= 0 and <= 1, name, "must be between 0 and 1");
        }
        Check(DuplicateShare + InvalidShare <= 1, nameof(DuplicateShare), "plus InvalidShare must not exceed 1");
    }

    private static void Check(bool ok, string name, string message)
    {
        if (!ok)
            throw new ArgumentException($"{name} {message}.", name);
    }
}
