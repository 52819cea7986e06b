using LeadGrains.Domain.Kpis;
using LeadGrains.Grains.Tenants;
using LeadGrains.Server.Security;
using LeadGrains.Storage.Kpis;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeadGrains.Server.Apis;

/// <summary><c>GET /v1/reports/channels</c>: inflow sources side by side, with the seeds' kind of remark.</summary>
public static class ReportsApi
{
    public sealed record RateDto(double? Value, double? Numerator, double? Denominator);

    public sealed record SourceDto(
        string Source, double Visits, double Downloads, double LeadsAcquired, double Qualified, double Meetings,
        RateDto DownloadRate, RateDto QualificationRate, RateDto MeetingRate);

    public sealed record ChannelReportDto(DateOnly From, DateOnly To, string TimeZone, IReadOnlyList<SourceDto> Sources, IReadOnlyList<string> Remarks);

    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/reports/channels", GetChannelsAsync).RequireAuthorization(Scopes.Read).WithTags("KPIs").WithName("CompareChannels")
            .WithSummary("Inflow sources compared: visits, downloads, leads, qualified leads, meetings and the rates between them");
        return app;
    }

    /// <param name="from">First tenant-local day; defaults to 30 days ago.</param>
    /// <param name="to">Last day; defaults to today.</param>
    public static async Task<Results<Ok<ChannelReportDto>, ProblemHttpResult>> GetChannelsAsync(
        HttpContext context, KpiStore store, TenantZones zones, TimeProvider clock, DateOnly? from, DateOnly? to)
    {
        var tenant = context.Tenant();
        var zone = await zones.ForAsync(tenant);
        var end = to ?? Periods.LocalDate(clock.GetUtcNow(), zone);
        var start = from ?? end.AddDays(-29);
        if (start > end)
        {
            return Problems.Invalid("from", "from must not be after to.");
        }
        if (end.DayNumber - start.DayNumber > 366 * 3)
        {
            return Problems.Invalid("to", "a range spans at most 1098 days.");
        }

        var scopes = await store.ReadScopesAsync(tenant, ScopeKind.Source, Period.Day, start, end, context.RequestAborted);
        var counters = new[]
        {
            MeasureCatalog.WebVisits, MeasureCatalog.Downloads, MeasureCatalog.LeadsAcquired, MeasureCatalog.LeadsQualified,
            MeasureCatalog.Meetings, MeasureCatalog.DownloadRate, MeasureCatalog.QualificationRate, MeasureCatalog.MeetingConversionRate,
        }.SelectMany(m => m.AllCounters()).Distinct().ToList();
        var points = await store.ReadSeriesAsync(tenant, scopes, counters, Period.Day, start, end, context.RequestAborted);
        var bySource = points.GroupBy(p => CounterColumns.ParseScope(p.Scope).Value!).ToDictionary(g => g.Key, CounterPoint.Sum);
        var rows = SourceComparison.Compare(bySource);
        return TypedResults.Ok(new ChannelReportDto(start, end, zone.Id,
            rows.Select(r => new SourceDto(r.Source, r.Visits, r.Downloads, r.LeadsAcquired, r.Qualified, r.Meetings,
                Rate(r.DownloadRate), Rate(r.QualificationRate), Rate(r.MeetingRate))).ToList(),
            SourceComparison.Remarks(rows)));
    }

    private static RateDto Rate(KpiValue v) => new(v.Value, v.Numerator, v.Denominator);
}
