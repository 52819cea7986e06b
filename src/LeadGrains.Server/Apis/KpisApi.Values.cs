using LeadGrains.Abstractions.Kpis;
using LeadGrains.Domain.Kpis;
using LeadGrains.Grains.Tenants;
using LeadGrains.Server.Security;
using LeadGrains.Storage.Kpis;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeadGrains.Server.Apis;

public static partial class KpisApi
{
    /// <param name="Bucket">The tenant-local date the bucket starts on.</param>
    /// <param name="Value">Null for a rate or average whose denominator is 0.</param>
    public sealed record PointDto(DateOnly Bucket, double? Value, double? Numerator, double? Denominator);

    public sealed record KpiSeriesDto(string Kpi, string Measure, string Kind, string Unit, IReadOnlyList<PointDto> Points);

    public sealed record SeriesDto(string Scope, string Period, DateOnly From, DateOnly To, string TimeZone, IReadOnlyList<KpiSeriesDto> Kpis);

    public sealed record ValueDto(double? Value, double? Numerator, double? Denominator);

    public sealed record KpiDto(
        string Kpi, string Measure, string Kind, string Unit, string Formula, string Period, DateOnly From, DateOnly To, string TimeZone,
        ValueDto Total, IReadOnlyList<PointDto> Points, KpiTargetStatus? Target);

    public static async Task<Results<Ok<SeriesDto>, ProblemHttpResult>> GetSeriesAsync(
        HttpContext context, KpiStore store, TenantZones zones, TimeProvider clock,
        string? channel, string? campaign, string? source, string? period, DateOnly? from, DateOnly? to)
    {
        var measures = MeasureCatalog.All.Where(m => channel is null || m.Channel == channel).ToList();
        if (measures.Count == 0)
        {
            return Problems.Invalid("channel", $"channel '{channel}' is unknown; use one of {string.Join(", ", MeasureCatalog.All.Select(m => m.Channel).Distinct())}.");
        }
        if (campaign is not null && source is not null)
        {
            return Problems.Invalid("source", "give campaign or source, not both: a KPI has one scope.");
        }
        KpiScope scope;
        string? error;
        if (campaign is not null)
        {
            if (!KpiScope.TryParse("campaign:" + campaign, out scope, out error))
            {
                return Problems.Invalid("campaign", error!);
            }
        }
        else if (source is not null)
        {
            if (!KpiScope.TryParse("source:" + source, out scope, out error))
            {
                return Problems.Invalid("source", error!);
            }
        }
        else
        {
            scope = KpiScope.All;
        }

        var tenant = context.Tenant();
        var zone = await zones.ForAsync(tenant);
        if (Range(period, from, to, zone, clock) is not { } range)
        {
            return RangeProblem(period, from, to);
        }
        var (p, start, end) = range;
        var counters = measures.SelectMany(m => m.AllCounters()).Distinct().ToList();
        var stored = await store.ReadSeriesAsync(tenant, [CounterColumns.Scope(scope)], counters, p, start, end, context.RequestAborted);
        var buckets = Buckets(stored, p, start, end);
        var series = measures
            .Select(m => new KpiSeriesDto(new KpiId(m, scope).ToString(), m.Id, Snake(m.Kind.ToString()), Snake(m.Unit.ToString()),
                buckets.Select(b => Point(b.Key, m.Evaluate(b.Value))).ToList()))
            .ToList();
        return TypedResults.Ok(new SeriesDto(scope.ToString(), p.Name(), start, end, zone.Id, series));
    }

    public static async Task<Results<Ok<KpiDto>, ProblemHttpResult>> GetKpiAsync(
        string kpiId, HttpContext context, KpiStore store, TenantZones zones, IGrainFactory grains, TimeProvider clock,
        string? period, DateOnly? from, DateOnly? to)
    {
        if (ParseKpi(kpiId) is not { } kpi)
        {
            return KpiProblem(kpiId);
        }
        var tenant = context.Tenant();
        var zone = await zones.ForAsync(tenant);
        if (Range(period, from, to, zone, clock) is not { } range)
        {
            return RangeProblem(period, from, to);
        }
        var (p, start, end) = range;
        var stored = await store.ReadSeriesAsync(tenant, [CounterColumns.Scope(kpi.Scope)], kpi.Measure.AllCounters(), p, start, end, context.RequestAborted);
        var buckets = Buckets(stored, p, start, end);
        var total = kpi.Measure.Evaluate(CounterPoint.Sum(stored));

        KpiTargetStatus? target = null;
        if (await store.ReadTargetAsync(tenant, kpi.ToString(), context.RequestAborted) is not null)
        {
            // Through the grain: it reloads the counters, so the status is as fresh as the series.
            target = await grains.GetGrain<IKpiGrain>(KpiGrainKey.Format(tenant, kpi.ToString())).RefreshAsync();
        }
        return TypedResults.Ok(new KpiDto(
            kpi.ToString(), kpi.Measure.Id, Snake(kpi.Measure.Kind.ToString()), Snake(kpi.Measure.Unit.ToString()), kpi.Measure.Formula,
            p.Name(), start, end, zone.Id, new ValueDto(total.Value, total.Numerator, total.Denominator),
            buckets.Select(b => Point(b.Key, kpi.Measure.Evaluate(b.Value))).ToList(), target));
    }

    internal static KpiId? ParseKpi(string text) =>
        KpiId.TryParse(Uri.UnescapeDataString(text), out var id, out _) ? id : null;

    internal static ProblemHttpResult KpiProblem(string text)
    {
        var error = KpiId.TryParse(Uri.UnescapeDataString(text), out _, out var reason) ? null : reason;
        return Problems.Create(StatusCodes.Status404NotFound, "unknown-kpi", "Unknown KPI",
            $"KPI '{Uri.UnescapeDataString(text)}' does not exist: {error}.", "kpiId");
    }

    /// <summary>The period and the buckets' start dates; defaults to the last six buckets up to today.</summary>
    private static (Period Period, DateOnly From, DateOnly To)? Range(string? period, DateOnly? from, DateOnly? to, TimeZoneInfo zone, TimeProvider clock)
    {
        var p = Period.Month;
        if (period is not null && !Periods.TryParse(period, out p))
        {
            return null;
        }
        var today = Periods.LocalDate(clock.GetUtcNow(), zone);
        var end = p.Containing(to ?? today).Start;
        var start = p.Containing(from ?? Back(p, end, 5)).Start;
        if (start > end || end.DayNumber - start.DayNumber > MaxRangeDays)
        {
            return null;
        }
        return (p, start, end);
    }

    private const int MaxRangeDays = 366 * 3;

    private static DateOnly Back(Period p, DateOnly date, int buckets) => p switch
    {
        Period.Day => date.AddDays(-buckets),
        Period.Week => date.AddDays(-7 * buckets),
        _ => date.AddMonths(-buckets),
    };

    private static ProblemHttpResult RangeProblem(string? period, DateOnly? from, DateOnly? to)
    {
        if (period is not null && !Periods.TryParse(period, out _))
        {
            return Problems.Invalid("period", $"period '{period}' is unknown; use day, week or month.");
        }
        return from > to
            ? Problems.Invalid("from", "from must not be after to.")
            : Problems.Invalid("to", $"a range spans at most {MaxRangeDays} days.");
    }

    /// <summary>Every bucket of the range with its counter values (untouched buckets read 0).</summary>
    private static SortedDictionary<DateOnly, CounterValues> Buckets(IReadOnlyList<CounterPoint> stored, Period p, DateOnly from, DateOnly to)
    {
        var byBucket = stored.GroupBy(x => x.Bucket).ToDictionary(g => g.Key, CounterPoint.Sum);
        var result = new SortedDictionary<DateOnly, CounterValues>();
        foreach (var bucket in p.Covering(from, to))
        {
            result[bucket.Start] = byBucket.GetValueOrDefault(bucket.Start) ?? CounterValues.Empty;
        }
        return result;
    }

    private static PointDto Point(DateOnly bucket, KpiValue v) => new(bucket, v.Value, v.Numerator, v.Denominator);
}
