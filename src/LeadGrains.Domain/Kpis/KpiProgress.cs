namespace LeadGrains.Domain.Kpis;

/// <summary>
/// Attainment and pace of a target. Pace projects a cumulative count linearly: if
/// <c>value</c> was reached in <c>elapsed</c> days, the deadline will see
/// <c>value × totalDays / elapsed</c>. Days are tenant-local and the current day counts as
/// elapsed, so early in a day the projection is cautious rather than hopeful. Rates and averages
/// are compared as they are: projecting a ratio says nothing new.
/// </summary>
public static class KpiProgress
{
    /// <param name="target">The target.</param>
    /// <param name="actual">The KPI value; for counts, summed from <see cref="KpiTarget.StartDate"/> to <paramref name="asOf"/>.</param>
    /// <param name="asOf">The tenant-local day of the evaluation.</param>
    public static KpiStatus Evaluate(KpiTarget target, KpiValue actual, DateOnly asOf)
    {
        var value = actual.Value;
        var atLeast = target.Direction == TargetDirection.AtLeast;
        var onTarget = value is { } v && (atLeast ? v >= target.Value : v <= target.Value);
        var afterDeadline = asOf > target.Deadline;

        var pace = PaceStatus.NotApplicable;
        double? projected = null;
        double? neededPerDay = null;
        if (target.Kpi.Measure.IsCumulative && value is { } count && asOf >= target.StartDate && !afterDeadline)
        {
            var elapsed = asOf.DayNumber - target.StartDate.DayNumber + 1;
            projected = count * target.TotalDays / elapsed;
            var behind = atLeast ? projected < target.Value : projected > target.Value;
            pace = behind ? PaceStatus.Behind : PaceStatus.OnPace;
            var remaining = target.Deadline.DayNumber - asOf.DayNumber;
            if (atLeast && remaining > 0)
            {
                neededPerDay = Math.Max(0, target.Value - count) / remaining;
            }
        }

        return new KpiStatus
        {
            TargetId = target.Id,
            Kpi = target.Kpi,
            AsOf = asOf,
            Value = value,
            Target = target.Value,
            Direction = target.Direction,
            Attainment = value is { } a && target.Value != 0 ? a / target.Value : null,
            OnTarget = onTarget,
            Pace = pace,
            Projected = projected,
            NeededPerDay = neededPerDay,
            Floor = target.Floor,
            BelowFloor = target.Floor is { } floor && value is { } r && r < floor,
            Missed = afterDeadline && !onTarget,
        };
    }
}
