using System.Globalization;

namespace LeadGrains.Domain.Kpis;

public enum KpiThresholdKind : byte
{
    TargetReached,
    /// <summary>A target that held no longer does (a rate dropped, an at-most count went over).</summary>
    TargetLost,
    FellBehindPace,
    RecoveredPace,
    FellBelowFloor,
    RecoveredAboveFloor,
    /// <summary>The deadline passed without the target holding.</summary>
    TargetMissed,
}

public static class KpiThresholdKinds
{
    private static readonly string[] Names =
        ["target_reached", "target_lost", "fell_behind_pace", "recovered_pace", "fell_below_floor", "recovered_above_floor", "target_missed"];

    public static string Name(this KpiThresholdKind kind) => Names[(int)kind];
}

/// <summary>One crossing of a target's threshold, published to the KPI-threshold stream.</summary>
public sealed record KpiThresholdEvent(
    KpiThresholdKind Kind,
    string TargetId,
    KpiId Kpi,
    DateOnly AsOf,
    double? Value,
    double Target,
    double? Projected,
    double? Floor,
    string Cause);

/// <summary>
/// Compares a target's previous and new status and emits one event per flag that changed, so a
/// crossing is published exactly once however often the status is re-evaluated: the same
/// status twice gives nothing. The grain stores the status it last published from.
/// </summary>
public static class KpiThresholdDetector
{
    /// <param name="previous">The status last published from; null before the first evaluation.</param>
    /// <param name="current">The new status of the same target.</param>
    public static IReadOnlyList<KpiThresholdEvent> Detect(KpiStatus? previous, KpiStatus current)
    {
        if (previous is not null && previous.TargetId != current.TargetId)
        {
            throw new ArgumentException("Statuses of different targets cannot be compared.", nameof(previous));
        }

        // Before any evaluation: not behind, not below the floor, not missed; and not on target,
        // except an at-most count, which holds from its start at 0 (only exceeding it is news).
        var wasOnTarget = previous?.OnTarget
            ?? (current.Direction == TargetDirection.AtMost && current.Kpi.Measure.IsCumulative);
        var wasBehind = previous?.Pace == PaceStatus.Behind;
        var wasBelowFloor = previous?.BelowFloor ?? false;
        var wasMissed = previous?.Missed ?? false;
        var isBehind = current.Pace == PaceStatus.Behind;

        var events = new List<KpiThresholdEvent>();
        var kpi = current.Kpi.ToString();
        var op = current.Direction == TargetDirection.AtLeast ? ">=" : "<=";
        if (current.OnTarget != wasOnTarget)
        {
            events.Add(Event(current, current.OnTarget ? KpiThresholdKind.TargetReached : KpiThresholdKind.TargetLost, current.OnTarget
                ? $"{kpi} reached its target: {F(current.Value)} {op} {F(current.Target)}"
                : $"{kpi} no longer meets its target: {F(current.Value)} is not {op} {F(current.Target)}"));
        }
        // Leaving "behind" because the deadline passed (pace no longer applies) is not a recovery;
        // the deadline's verdict is TargetMissed or TargetReached.
        if (isBehind && !wasBehind)
        {
            events.Add(Event(current, KpiThresholdKind.FellBehindPace,
                $"{kpi} is behind pace: {F(current.Value)} so far projects to {F(current.Projected)} by the deadline, target {op} {F(current.Target)}"));
        }
        else if (wasBehind && current.Pace == PaceStatus.OnPace)
        {
            events.Add(Event(current, KpiThresholdKind.RecoveredPace,
                $"{kpi} is back on pace: projects to {F(current.Projected)} by the deadline, target {op} {F(current.Target)}"));
        }
        if (current.BelowFloor != wasBelowFloor)
        {
            events.Add(Event(current, current.BelowFloor ? KpiThresholdKind.FellBelowFloor : KpiThresholdKind.RecoveredAboveFloor, current.BelowFloor
                ? $"{kpi} fell below its floor: {F(current.Value)} < {F(current.Floor)}"
                : $"{kpi} is back above its floor: {F(current.Value)} >= {F(current.Floor)}"));
        }
        if (current.Missed && !wasMissed)
        {
            events.Add(Event(current, KpiThresholdKind.TargetMissed,
                $"{kpi} missed its target at the deadline: {F(current.Value)} is not {op} {F(current.Target)}"));
        }
        return events;
    }

    private static KpiThresholdEvent Event(KpiStatus s, KpiThresholdKind kind, string cause) =>
        new(kind, s.TargetId, s.Kpi, s.AsOf, s.Value, s.Target, s.Projected, s.Floor, cause);

    private static string F(double? value) =>
        value is { } v ? v.ToString("0.####", CultureInfo.InvariantCulture) : "no value";
}
