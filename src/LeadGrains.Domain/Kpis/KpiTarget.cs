namespace LeadGrains.Domain.Kpis;

public enum TargetDirection : byte
{
    AtLeast,
    AtMost,
}

/// <summary>
/// A SMART target on one KPI: a value to reach (or stay under) by a deadline, with an owner,
/// within an initiative. Dates are tenant-local; the deadline day is included. Build one with
/// <see cref="TargetPolicy.Validate"/>, which enforces the rules.
/// </summary>
public sealed record KpiTarget
{
    public required string Id { get; init; }

    public required KpiId Kpi { get; init; }

    /// <summary>In the measure's unit; rates as fractions (0.25 = 25%).</summary>
    public required double Value { get; init; }

    public required TargetDirection Direction { get; init; }

    /// <summary>First day counted: cumulative counts are summed from here.</summary>
    public required DateOnly StartDate { get; init; }

    /// <summary>Last day counted.</summary>
    public required DateOnly Deadline { get; init; }

    public required string Owner { get; init; }

    /// <summary>The initiative (channel programme) the target belongs to; at most 5 targets each.</summary>
    public required string Initiative { get; init; }

    /// <summary>For rates: a value below which the rate is alarming, whatever the target says.</summary>
    public double? Floor { get; init; }

    /// <summary>Days from start to deadline, both included.</summary>
    public int TotalDays => Deadline.DayNumber - StartDate.DayNumber + 1;
}

/// <summary>A target as a user sent it: anything may be missing or wrong.</summary>
public sealed record KpiTargetDraft
{
    public string? Id { get; init; }

    public string? Kpi { get; init; }

    public double? Value { get; init; }

    /// <summary>Defaults to the measure's good direction (at least when higher is better).</summary>
    public TargetDirection? Direction { get; init; }

    public DateOnly? StartDate { get; init; }

    public DateOnly? Deadline { get; init; }

    public string? Owner { get; init; }

    public string? Initiative { get; init; }

    public double? Floor { get; init; }
}

/// <summary>The validated target, or the reasons it was refused (each naming its field).</summary>
public sealed record TargetValidation(KpiTarget? Target, IReadOnlyList<FieldError> Errors)
{
    public bool IsValid => Target is not null;
}
