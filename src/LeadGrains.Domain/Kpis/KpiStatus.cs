namespace LeadGrains.Domain.Kpis;

public enum PaceStatus : byte
{
    /// <summary>Rates and averages (compared as they are), and any target before its start or after its deadline.</summary>
    NotApplicable,
    OnPace,
    Behind,
}

/// <summary>Where a target stands on one day. The flags are what threshold events are crossings of.</summary>
public sealed record KpiStatus
{
    public required string TargetId { get; init; }

    public required KpiId Kpi { get; init; }

    public required DateOnly AsOf { get; init; }

    /// <summary>The KPI's value: for counts, cumulative from the target's start date.</summary>
    public required double? Value { get; init; }

    public required double Target { get; init; }

    public required TargetDirection Direction { get; init; }

    /// <summary>Value over target (1 = exactly on target); null without a value or for a 0 target.</summary>
    public double? Attainment { get; init; }

    /// <summary>The target condition holds now (at least / at most); false without a value.</summary>
    public bool OnTarget { get; init; }

    public PaceStatus Pace { get; init; }

    /// <summary>For counts: the value projected linearly to the deadline.</summary>
    public double? Projected { get; init; }

    /// <summary>For counts: what each remaining day must add to reach the target (0 when reached).</summary>
    public double? NeededPerDay { get; init; }

    public double? Floor { get; init; }

    public bool BelowFloor { get; init; }

    /// <summary>The deadline has passed and the target does not hold.</summary>
    public bool Missed { get; init; }
}
