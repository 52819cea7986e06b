using LeadGrains.Domain.Kpis;
using LeadGrains.Domain.Planning;
using static LeadGrains.Domain.Tests.Zones;

namespace LeadGrains.Domain.Tests;

public class PlanReviewTests
{
    private static readonly KgiPlan Plan = KgiPlanner.Plan(
        new KgiGoal(5, D(2026, 12, 1), D(2027, 11, 30)),
        new StageRateInputs(0.1, 0.3, 0.2)).Plan!;

    /// <summary>End of May 2027, six months in: the plan expects 420 leads, 42 qualified, 13 meetings, 3 deals.</summary>
    private static readonly DateOnly HalfYear = D(2027, 5, 31);

    [Fact]
    public void Each_stage_is_compared_with_the_plan_to_date()
    {
        var review = PlanReviewer.Review(Plan, new StageCounts(420, 42, 13, 3), HalfYear);

        Assert.Equal([420.0, 42.0, 13.0, 3.0], review.Stages.Select(s => s.Planned));
        Assert.All(review.Stages, s => Assert.Equal(1.0, s.Ratio!.Value, 9));
        Assert.Null(review.FurthestBehind);
        Assert.Equal("Everything is on plan.", review.Diagnosis);
    }

    [Fact]
    public void The_stage_with_the_lowest_ratio_is_furthest_behind()
    {
        var review = PlanReviewer.Review(Plan, new StageCounts(420, 42, 6, 1), HalfYear);

        Assert.Equal(FunnelStage.Won, review.FurthestBehind);
    }

    [Fact]
    public void The_bottleneck_is_the_stage_that_loses_most_against_the_one_before_it()
    {
        // Meetings at 6/13 (46%) drag deals down to 1/3 (33%); deals convert 72% as well as meetings do.
        var review = PlanReviewer.Review(Plan, new StageCounts(420, 42, 6, 1), HalfYear);

        Assert.Equal(FunnelStage.Meetings, review.Bottleneck);
        Assert.Equal(
            "Leads and qualified leads on plan, meetings behind (46% of plan): look at the path from qualified leads to meetings.",
            review.Diagnosis);
    }

    [Fact]
    public void Too_few_leads_are_named_as_the_top_of_the_funnel()
    {
        var review = PlanReviewer.Review(Plan, new StageCounts(210, 21, 7, 2), HalfYear);

        Assert.Equal(FunnelStage.Leads, review.Bottleneck);
        Assert.StartsWith("Leads behind (50% of plan): look at leads first", review.Diagnosis);
    }

    [Fact]
    public void Actuals_come_from_the_funnel_counters()
    {
        var actual = StageCounts.FromCounters(CounterValues.Of(
            (Counters.LeadsAcquired, 400), (Counters.LeadsQualified, 40), (Counters.Meetings, 12), (Counters.WonDeals, 2)));

        Assert.Equal(new StageCounts(400, 40, 12, 2), actual);
    }

    [Fact]
    public void Before_anything_is_planned_there_is_nothing_to_diagnose()
    {
        var review = PlanReviewer.Review(Plan, StageCounts.Zero, D(2026, 11, 1));

        Assert.All(review.Stages, s => Assert.Null(s.Ratio));
        Assert.Null(review.Bottleneck);
        Assert.Equal("Nothing planned yet to compare against.", review.Diagnosis);
    }
}
