using LeadGrains.Domain.Kpis;
using LeadGrains.Domain.Planning;
using static LeadGrains.Domain.Tests.Zones;

namespace LeadGrains.Domain.Tests;

public class KgiPlannerTests
{
    /// <summary>The seeds' KGI: 5 new customers in one year.</summary>
    private static readonly KgiGoal FiveCustomers = new(5, D(2026, 12, 1), D(2027, 11, 30));

    /// <summary>Win 20%, meeting conversion 30%, qualification 10%.</summary>
    private static readonly StageRateInputs SeedRates = new(QualificationRate: 0.1, MeetingConversionRate: 0.3, WinRate: 0.2);

    private static KgiPlan SeedPlan() => KgiPlanner.Plan(FiveCustomers, SeedRates).Plan!;

    [Fact]
    public void Five_new_customers_are_worked_back_to_25_meetings_84_qualified_and_840_leads()
    {
        var plan = SeedPlan();

        Assert.Equal(new StageCounts(Leads: 840, Qualified: 84, Meetings: 25, Won: 5), plan.Total);
    }

    [Fact]
    public void The_seeds_year_is_twelve_calendar_months()
    {
        var months = SeedPlan().Months;

        Assert.Equal(12, months.Count);
        Assert.Equal(D(2026, 12, 1), months[0].Month);
        Assert.Equal(D(2027, 11, 1), months[^1].Month);
    }

    [Fact]
    public void Leads_and_qualified_leads_divide_evenly_over_the_year()
    {
        var months = SeedPlan().Months;

        Assert.All(months, m => Assert.Equal((70, 7), (m.Planned.Leads, m.Planned.Qualified)));
    }

    [Fact]
    public void The_meetings_remainder_goes_to_the_first_month()
    {
        var meetings = SeedPlan().Months.Select(m => m.Planned.Meetings);

        Assert.Equal([3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2], meetings);
    }

    [Fact]
    public void Five_deals_spread_by_cumulative_ceiling_over_twelve_months()
    {
        var months = SeedPlan().Months;

        Assert.Equal([1, 0, 1, 0, 1, 0, 0, 1, 0, 1, 0, 0], months.Select(m => m.Planned.Won));
        Assert.Equal([1, 1, 2, 2, 3, 3, 3, 4, 4, 5, 5, 5], months.Select(m => m.Cumulative.Won));
    }

    [Fact]
    public void Every_stage_monthly_plan_adds_up_to_its_total()
    {
        var plan = SeedPlan();

        Assert.All(FunnelStages.All, s => Assert.Equal(plan.Total[s], plan.Months.Sum(m => m.Planned[s])));
    }

    [Fact]
    public void A_quotient_that_floating_point_puts_a_hair_above_a_whole_number_is_not_rounded_up()
    {
        // 21 / 0.35 is 60.00000000000001 in doubles; a plain ceiling would ask for 61.
        Assert.Equal(60, KgiPlanner.Needed(21, 0.35));
        Assert.Equal(840, KgiPlanner.Needed(84, 0.1));
    }

    [Fact]
    public void A_fraction_of_a_meeting_is_a_whole_meeting()
    {
        Assert.Equal(84, KgiPlanner.Needed(25, 0.3)); // 83.33
    }

    [Fact]
    public void Missing_rates_default_to_the_tenants_measured_rates()
    {
        var measured = StageRateInputs.Measured(CounterValues.Of(
            (Counters.LeadsAcquired, 1000), (Counters.LeadsQualified, 100), (Counters.Meetings, 30), (Counters.WonDeals, 6)));

        var plan = KgiPlanner.Plan(FiveCustomers, new StageRateInputs(WinRate: 0.25), measured).Plan!;

        Assert.Equal(new StageRates(0.1, 0.3, 0.25), plan.Rates);
        Assert.Equal(new StageCounts(670, 67, 20, 5), plan.Total);
    }

    [Fact]
    public void A_rate_neither_given_nor_measured_is_refused_naming_it()
    {
        var result = KgiPlanner.Plan(FiveCustomers, new StageRateInputs(0.1, 0.3), StageRateInputs.None);

        var error = Assert.Single(result.Errors);
        Assert.Equal("rates.winRate", error.Field);
        Assert.Null(result.Plan);
    }

    [Fact]
    public void A_rate_given_as_a_percent_is_refused()
    {
        var result = KgiPlanner.Plan(FiveCustomers, SeedRates with { WinRate = 20 });

        Assert.Equal("rates.winRate", Assert.Single(result.Errors).Field);
    }

    [Fact]
    public void A_zero_rate_is_refused()
    {
        var result = KgiPlanner.Plan(FiveCustomers, SeedRates with { QualificationRate = 0 });

        Assert.Equal("rates.qualificationRate", Assert.Single(result.Errors).Field);
    }

    [Fact]
    public void A_goal_of_no_customers_is_refused()
    {
        var result = KgiPlanner.Plan(FiveCustomers with { NewCustomers = 0 }, SeedRates);

        Assert.Equal("goal.newCustomers", Assert.Single(result.Errors).Field);
    }

    [Fact]
    public void A_deadline_before_the_start_is_refused()
    {
        var result = KgiPlanner.Plan(FiveCustomers with { Deadline = D(2026, 11, 30) }, SeedRates);

        Assert.Equal("goal.deadline", Assert.Single(result.Errors).Field);
    }

    [Fact]
    public void Implausibly_low_rates_are_refused_rather_than_planned()
    {
        var result = KgiPlanner.Plan(FiveCustomers, new StageRateInputs(0.0001, 0.0001, 0.0001));

        Assert.Equal("rates", Assert.Single(result.Errors).Field);
    }

    [Fact]
    public void A_plan_starting_mid_month_keeps_the_partial_months_dates()
    {
        var plan = KgiPlanner.Plan(new KgiGoal(2, D(2025, 1, 15), D(2025, 3, 10)), SeedRates).Plan!;

        Assert.Equal([(D(2025, 1, 15), D(2025, 1, 31)), (D(2025, 2, 1), D(2025, 2, 28)), (D(2025, 3, 1), D(2025, 3, 10))],
            plan.Months.Select(m => (m.From, m.To)));
    }

    [Fact]
    public void Plan_to_date_counts_past_months_in_full_and_the_current_month_by_days()
    {
        var plan = SeedPlan();

        // Through January in full (140 leads), then 10 of February's 28 days of 70.
        Assert.Equal(140 + 70 * 10 / 28.0, plan.PlannedToDate(FunnelStage.Leads, D(2027, 2, 10)), 9);
    }

    [Fact]
    public void Plan_to_date_is_0_before_the_start_and_the_total_after_the_deadline()
    {
        var plan = SeedPlan();

        Assert.Equal(0, plan.PlannedToDate(FunnelStage.Leads, D(2026, 11, 30)));
        Assert.Equal(840, plan.PlannedToDate(FunnelStage.Leads, D(2028, 1, 1)));
    }
}
