namespace LeadGrains.Domain.Planning;

/// <summary>The KGI: a number of new customers (won deals) from a start date to a deadline (both tenant-local, included).</summary>
public sealed record KgiGoal(int NewCustomers, DateOnly Start, DateOnly Deadline);

/// <summary>One calendar month of the plan; the first and last may be partial (From/To).</summary>
public sealed record MonthPlan(DateOnly Month, DateOnly From, DateOnly To, StageCounts Planned, StageCounts Cumulative);

/// <summary>The worked-back plan: what each stage needs in total and per month.</summary>
public sealed record KgiPlan(KgiGoal Goal, StageRates Rates, StageCounts Total, IReadOnlyList<MonthPlan> Months)
{
    /// <summary>
    /// What the plan expects of a stage by the end of <paramref name="asOf"/>: the months before
    /// in full, and the current month pro rata by its days elapsed (today included).
    /// </summary>
    public double PlannedToDate(FunnelStage stage, DateOnly asOf)
    {
        if (asOf < Goal.Start)
        {
            return 0;
        }
        var before = 0;
        foreach (var m in Months)
        {
            if (asOf > m.To)
            {
                before = m.Cumulative[stage];
                continue;
            }
            var days = m.To.DayNumber - m.From.DayNumber + 1;
            var elapsed = asOf.DayNumber - m.From.DayNumber + 1;
            return before + (double)m.Planned[stage] * elapsed / days;
        }
        return Total[stage];
    }

    public IReadOnlyDictionary<FunnelStage, double> PlannedToDate(DateOnly asOf) =>
        FunnelStages.All.ToDictionary(s => s, s => PlannedToDate(s, asOf));
}

/// <summary>The plan, or the reasons it could not be made (each naming its field).</summary>
public sealed record KgiPlanResult(KgiPlan? Plan, IReadOnlyList<FieldError> Errors)
{
    public bool IsValid => Plan is not null;
}
