namespace LeadGrains.Domain.Planning;

/// <summary>One stage against plan: ratio = actual / planned to date; step ratio = ratio over the previous stage's ratio.</summary>
public sealed record StageReview(FunnelStage Stage, double Planned, int Actual, double? Ratio, double? StepRatio);

/// <summary>
/// Actual against plan to date. <see cref="FurthestBehind"/> is the stage with the lowest ratio
/// (ties: the earlier stage); <see cref="Bottleneck"/> is the stage that loses the most against
/// the stage before it, which is what <see cref="Diagnosis"/> talks about.
/// </summary>
public sealed record PlanReview(
    DateOnly AsOf,
    IReadOnlyList<StageReview> Stages,
    FunnelStage? FurthestBehind,
    FunnelStage? Bottleneck,
    string Diagnosis);

public static class PlanReviewer
{
    /// <param name="plan">The KGI plan.</param>
    /// <param name="actual">Actual counts from the plan's start to <paramref name="asOf"/> (see <see cref="StageCounts.FromCounters"/>).</param>
    /// <param name="asOf">The tenant-local day of the review.</param>
    public static PlanReview Review(KgiPlan plan, StageCounts actual, DateOnly asOf)
    {
        var steps = FunnelStages.All
            .Select(s =>
            {
                var planned = plan.PlannedToDate(s, asOf);
                return (Stage: s, Planned: planned, Actual: actual[s], Ratio: planned > 0 ? actual[s] / planned : (double?)null);
            })
            .ToList();
        var funnel = steps.Select(s => new FunnelStep(s.Stage.Name(), s.Ratio)).ToList();
        var stepRatios = FunnelDiagnosis.StepRatios(funnel);
        var stages = steps.Select((s, i) => new StageReview(s.Stage, s.Planned, s.Actual, s.Ratio, stepRatios[i])).ToList();

        FunnelStage? furthest = null;
        foreach (var s in stages)
        {
            if (s.Ratio is { } r && !FunnelDiagnosis.IsOnPlan(r) && (furthest is null || r < stages[(int)furthest.Value].Ratio))
            {
                furthest = s.Stage;
            }
        }
        var diagnosis = FunnelDiagnosis.Diagnose(funnel);
        FunnelStage? bottleneck = diagnosis.BottleneckIndex is { } i ? FunnelStages.All[i] : null;
        return new PlanReview(asOf, stages, furthest, bottleneck, diagnosis.Sentence);
    }
}
