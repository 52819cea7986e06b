using System.Text.Json;
using LeadGrains.Domain.Kpis;
using LeadGrains.Domain.Planning;
using LeadGrains.Grains.Tenants;
using LeadGrains.Server.Security;
using LeadGrains.Storage.Kpis;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeadGrains.Server.Apis;

/// <summary>
/// <c>/v1/kgi</c>: the goal (new customers by a date) back-solved into the funnel, and actual
/// against plan with the stage furthest behind.
/// </summary>
public static class KgiApi
{
    /// <summary>Rates as fractions (0.2 = 20%); any left out default to the tenant's measured rate over the last 12 months.</summary>
    public sealed record RatesDto(double? QualificationRate, double? MeetingConversionRate, double? WinRate);

    public sealed record KgiRequest(int? NewCustomers, DateOnly? Start, DateOnly? Deadline, RatesDto? Rates);

    public sealed record CountsDto(int Leads, int Qualified, int Meetings, int Won);

    public sealed record MonthDto(DateOnly Month, DateOnly From, DateOnly To, CountsDto Planned, CountsDto Cumulative);

    public sealed record PlanDto(int NewCustomers, DateOnly Start, DateOnly Deadline, RatesDto Rates, CountsDto Total, IReadOnlyList<MonthDto> Months);

    public sealed record StageDto(string Stage, double Planned, int Actual, double? Ratio, double? StepRatio);

    public sealed record ReviewDto(DateOnly AsOf, IReadOnlyList<StageDto> Stages, string? FurthestBehind, string? Bottleneck, string Diagnosis);

    public sealed record KgiDto(PlanDto Plan, ReviewDto Review);

    /// <summary>What is stored: the goal and the rates resolved at planning time; the plan is recomputed from them.</summary>
    private sealed record StoredPlan(int NewCustomers, DateOnly Start, DateOnly Deadline, double QualificationRate, double MeetingConversionRate, double WinRate);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapKgiApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/kgi", GetAsync).RequireAuthorization(Scopes.Read).WithTags("KGI").WithName("GetKgi")
            .WithSummary("The KGI plan with actual against plan per stage and the stage furthest behind");
        app.MapPut("/v1/kgi", PutAsync).RequireAuthorization(Scopes.Admin).WithTags("KGI").WithName("SetKgi")
            .WithSummary("Set the KGI goal; answers the back-solved plan (deals, meetings, qualified leads, leads) in total and per month");
        return app;
    }

    public static async Task<Results<Ok<KgiDto>, ProblemHttpResult>> PutAsync(
        KgiRequest body, HttpContext context, KpiStore store, TenantZones zones, TimeProvider clock)
    {
        var tenant = context.Tenant();
        var zone = await zones.ForAsync(tenant);
        var today = Periods.LocalDate(clock.GetUtcNow(), zone);
        if (body.NewCustomers is null)
        {
            return Problems.Invalid("goal.newCustomers", "newCustomers is required: how many new customers by the deadline.");
        }
        if (body.Deadline is null)
        {
            return Problems.Invalid("goal.deadline", "deadline is required: a KGI is time-bound.");
        }
        var given = new StageRateInputs(body.Rates?.QualificationRate, body.Rates?.MeetingConversionRate, body.Rates?.WinRate);
        var measured = StageRateInputs.Measured(await FunnelAsync(store, tenant, today.AddDays(-365), today, context.RequestAborted));
        var result = KgiPlanner.Plan(new KgiGoal(body.NewCustomers.Value, body.Start ?? today, body.Deadline.Value), given, measured);
        if (result.Errors is [var first, ..])
        {
            var problem = Problems.Create(StatusCodes.Status400BadRequest, "invalid-kgi", "Invalid KGI",
                string.Join(" ", result.Errors.Select(e => e.Message.EndsWith('.') ? e.Message : e.Message + ".")), first.Field);
            problem.ProblemDetails.Extensions["errors"] = result.Errors.Select(e => new { field = e.Field, message = e.Message }).ToList();
            return problem;
        }
        var plan = result.Plan!;
        var stored = new StoredPlan(plan.Goal.NewCustomers, plan.Goal.Start, plan.Goal.Deadline,
            plan.Rates.QualificationRate, plan.Rates.MeetingConversionRate, plan.Rates.WinRate);
        await store.SavePlanAsync(tenant, JsonSerializer.Serialize(stored, Json), context.RequestAborted);
        return TypedResults.Ok(await ReviewAsync(store, tenant, plan, today, context.RequestAborted));
    }

    public static async Task<Results<Ok<KgiDto>, ProblemHttpResult>> GetAsync(HttpContext context, KpiStore store, TenantZones zones, TimeProvider clock)
    {
        var tenant = context.Tenant();
        if (await store.ReadPlanAsync(tenant, context.RequestAborted) is not { } json)
        {
            return Problems.NotFound("A KGI plan for this tenant (set one with PUT /v1/kgi)");
        }
        var s = JsonSerializer.Deserialize<StoredPlan>(json, Json)!;
        var plan = KgiPlanner.Plan(new KgiGoal(s.NewCustomers, s.Start, s.Deadline),
            new StageRateInputs(s.QualificationRate, s.MeetingConversionRate, s.WinRate)).Plan!;
        var today = Periods.LocalDate(clock.GetUtcNow(), await zones.ForAsync(tenant));
        return TypedResults.Ok(await ReviewAsync(store, tenant, plan, today, context.RequestAborted));
    }

    private static async Task<KgiDto> ReviewAsync(KpiStore store, string tenant, KgiPlan plan, DateOnly today, CancellationToken ct)
    {
        var asOf = today < plan.Goal.Start ? plan.Goal.Start : today > plan.Goal.Deadline ? plan.Goal.Deadline : today;
        var actual = StageCounts.FromCounters(await FunnelAsync(store, tenant, plan.Goal.Start, asOf, ct));
        var review = PlanReviewer.Review(plan, actual, asOf);
        return new KgiDto(
            new PlanDto(plan.Goal.NewCustomers, plan.Goal.Start, plan.Goal.Deadline,
                new RatesDto(plan.Rates.QualificationRate, plan.Rates.MeetingConversionRate, plan.Rates.WinRate),
                Counts(plan.Total), plan.Months.Select(m => new MonthDto(m.Month, m.From, m.To, Counts(m.Planned), Counts(m.Cumulative))).ToList()),
            new ReviewDto(review.AsOf,
                review.Stages.Select(r => new StageDto(r.Stage.Name(), Math.Round(r.Planned, 2), r.Actual, r.Ratio, r.StepRatio)).ToList(),
                review.FurthestBehind?.Name(), review.Bottleneck?.Name(), review.Diagnosis));
    }

    /// <summary>The whole tenant's funnel counters over the days from..to.</summary>
    private static async Task<CounterValues> FunnelAsync(KpiStore store, string tenant, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var counters = FunnelStages.All.SelectMany(s => s.Measure().AllCounters())
            .Concat(MeasureCatalog.QualificationRate.AllCounters())
            .Concat(MeasureCatalog.MeetingConversionRate.AllCounters())
            .Concat(MeasureCatalog.WinRate.AllCounters())
            .Distinct().ToList();
        var points = await store.ReadSeriesAsync(tenant, [""], counters, Period.Day, from, to, ct);
        return CounterPoint.Sum(points);
    }

    private static CountsDto Counts(StageCounts c) => new(c.Leads, c.Qualified, c.Meetings, c.Won);
}
