using LeadGrains.Domain.Kpis;
using LeadGrains.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeadGrains.Server.Apis;

/// <summary>
/// KPI endpoints: the measure catalog, series and single KPIs read from the durable counters
/// (so a read right after a 202 sees the new counts), SMART targets and their threshold events.
/// </summary>
public static partial class KpisApi
{
    /// <param name="Id">The measure id, <c>channel.measure</c>; a KPI id adds an optional <c>@campaign:…</c> or <c>@source:…</c> scope.</param>
    /// <param name="Formula">How the value is computed from counters (rates name their numerator and denominator measures).</param>
    /// <param name="Sources">Where the counters come from: lead events, stage transitions, channel reports.</param>
    public sealed record MeasureDto(
        string Id,
        string Channel,
        string Kind,
        string Unit,
        string Description,
        string Formula,
        bool HigherIsBetter,
        string? Numerator,
        string? Denominator,
        IReadOnlyList<string> Counters,
        IReadOnlyList<string> Sources);

    public sealed record MeasuresDto(IReadOnlyList<MeasureDto> Items);

    public static IEndpointRouteBuilder MapKpisApi(this IEndpointRouteBuilder app)
    {
        var kpis = app.MapGroup("/v1/kpis").RequireAuthorization(Scopes.Read).WithTags("KPIs");
        kpis.MapGet("/measures", GetMeasures).WithName("ListKpiMeasures").WithSummary("Every KPI measure with its formula and sources");
        kpis.MapGet("/", GetSeriesAsync).WithName("ListKpis").WithSummary("KPI series by channel and scope over day, week or month buckets");
        kpis.MapGet("/{kpiId}", GetKpiAsync).WithName("GetKpi").WithSummary("One KPI: its series, total, and target with attainment and pace");
        kpis.MapGet("/{kpiId}/events", GetEventsAsync).WithName("ListKpiEvents").WithSummary("The KPI's threshold events (target reached, behind pace, below floor, ...)");
        var admin = app.MapGroup("/v1/kpis").RequireAuthorization(Scopes.Admin).WithTags("KPIs");
        admin.MapPut("/{kpiId}/target", PutTargetAsync).WithName("SetKpiTarget").WithSummary("Set the KPI's SMART target (at most 5 per initiative)");
        admin.MapDelete("/{kpiId}/target", DeleteTargetAsync).WithName("DeleteKpiTarget").WithSummary("Remove the KPI's target");
        return app;
    }

    // The catalog is fixed for a build, so the answer is computed once.
    private static readonly MeasuresDto Catalog = new(MeasureCatalog.All.Select(ToDto).ToList());

    public static Ok<MeasuresDto> GetMeasures() => TypedResults.Ok(Catalog);

    private static MeasureDto ToDto(Measure m) => new(
        m.Id,
        m.Channel,
        Snake(m.Kind.ToString()),
        Snake(m.Unit.ToString()),
        m.Description,
        m.Formula,
        m.HigherIsBetter,
        m.Numerator?.Id,
        m.Denominator?.Id,
        m.AllCounters().Select(c => c.Name).ToList(),
        m.Sources());

    private static string Snake(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "_" : "") + char.ToLowerInvariant(c) : c.ToString()));
}
