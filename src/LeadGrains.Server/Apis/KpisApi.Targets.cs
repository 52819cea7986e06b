using LeadGrains.Abstractions.Kpis;
using LeadGrains.Abstractions.Tenants;
using LeadGrains.Domain.Kpis;
using LeadGrains.Grains.Tenants;
using LeadGrains.Server.Security;
using LeadGrains.Storage.Kpis;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeadGrains.Server.Apis;

public static partial class KpisApi
{
    /// <param name="Value">In the measure's unit; rates as fractions (0.25 = 25%).</param>
    /// <param name="Direction"><c>at_least</c> or <c>at_most</c>; defaults to the measure's good direction.</param>
    /// <param name="StartDate">First day counted (tenant-local); defaults to today.</param>
    /// <param name="Deadline">Last day counted; required: a SMART target is time-bound.</param>
    /// <param name="Floor">For rates: a value below which the rate is alarming.</param>
    public sealed record TargetRequest(
        double? Value, string? Direction, DateOnly? StartDate, DateOnly? Deadline, string? Owner, string? Initiative, double? Floor, string? Id);

    public sealed record KpiEventDto(
        long Id, string Kpi, string TargetId, string Kind, DateOnly AsOf, double? Value, double Target, double? Projected, double? Floor,
        string Cause, DateTimeOffset RecordedAt);

    public sealed record KpiEventsDto(IReadOnlyList<KpiEventDto> Items, long? Next);

    public static async Task<Results<Ok<KpiTargetStatus>, ProblemHttpResult>> PutTargetAsync(
        string kpiId, TargetRequest body, HttpContext context, IGrainFactory grains, TenantZones zones, TimeProvider clock)
    {
        if (ParseKpi(kpiId) is not { } kpi)
        {
            return KpiProblem(kpiId);
        }
        var tenant = context.Tenant();
        var today = Periods.LocalDate(clock.GetUtcNow(), await zones.ForAsync(tenant));
        var result = await grains.GetGrain<IKpiTargetsGrain>(TenantKey.Format(tenant)).SetAsync(new KpiTargetInput
        {
            Id = body.Id,
            Kpi = kpi.ToString(),
            Value = body.Value,
            Direction = body.Direction,
            StartDate = body.StartDate ?? today,
            Deadline = body.Deadline,
            Owner = body.Owner,
            Initiative = body.Initiative,
            Floor = body.Floor,
        });
        if (result.Errors is [var first, ..])
        {
            var problem = Problems.Create(StatusCodes.Status400BadRequest, "invalid-target", "Invalid KPI target",
                string.Join(" ", result.Errors.Select(e => e.Message.EndsWith('.') ? e.Message : e.Message + ".")), first.Field);
            problem.ProblemDetails.Extensions["errors"] = result.Errors.Select(e => new { field = e.Field, message = e.Message }).ToList();
            return problem;
        }
        return TypedResults.Ok(result.Status!);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteTargetAsync(string kpiId, HttpContext context, IGrainFactory grains)
    {
        if (ParseKpi(kpiId) is not { } kpi)
        {
            return KpiProblem(kpiId);
        }
        var deleted = await grains.GetGrain<IKpiTargetsGrain>(TenantKey.Format(context.Tenant())).DeleteAsync(kpi.ToString());
        return deleted ? TypedResults.NoContent() : Problems.NotFound($"A target for KPI '{kpi}'");
    }

    public static async Task<Results<Ok<KpiEventsDto>, ProblemHttpResult>> GetEventsAsync(
        string kpiId, HttpContext context, KpiStore store, long? after, int? limit)
    {
        if (ParseKpi(kpiId) is not { } kpi)
        {
            return KpiProblem(kpiId);
        }
        if (limit is < 1 or > 1000)
        {
            return Problems.Invalid("limit", "limit must be from 1 to 1000.");
        }
        var pageSize = limit ?? 100;
        var items = await store.ReadEventsAsync(context.Tenant(), kpi.ToString(), after ?? 0, pageSize, context.RequestAborted);
        var dtos = items.Select(e => new KpiEventDto(e.Id, e.Kpi, e.TargetId, e.Kind, e.AsOf, e.Value, e.Target, e.Projected, e.Floor, e.Cause, e.RecordedAt)).ToList();
        return TypedResults.Ok(new KpiEventsDto(dtos, dtos.Count == pageSize ? dtos[^1].Id : null));
    }
}
