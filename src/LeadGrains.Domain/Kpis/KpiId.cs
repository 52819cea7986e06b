namespace LeadGrains.Domain.Kpis;

/// <summary>
/// A readable, stable KPI id: a measure and an optional scope, <c>email.open_rate</c>,
/// <c>email.open_rate@campaign:nov-news</c>, <c>web.article_views@source:sns</c>. Measure ids
/// never contain <c>@</c>, so the first <c>@</c> splits; the scope value is everything after
/// <c>kind:</c> and may itself contain <c>:</c> or <c>@</c>.
/// </summary>
public sealed record KpiId(Measure Measure, KpiScope Scope)
{
    public KpiId(Measure measure)
        : this(measure, KpiScope.All)
    {
    }

    public static bool TryParse(string? text, out KpiId id, out string? error)
    {
        id = null!;
        if (string.IsNullOrEmpty(text))
        {
            error = "kpi id is empty";
            return false;
        }
        var at = text.IndexOf('@', StringComparison.Ordinal);
        var measureId = at < 0 ? text : text[..at];
        if (!MeasureCatalog.TryGet(measureId, out var measure))
        {
            error = $"measure '{measureId}' does not exist; GET /v1/kpis/measures lists them";
            return false;
        }
        var scope = KpiScope.All;
        if (at >= 0 && !KpiScope.TryParse(text[(at + 1)..], out scope, out error))
        {
            return false;
        }
        id = new KpiId(measure, scope);
        error = null;
        return true;
    }

    public static KpiId Parse(string text) =>
        TryParse(text, out var id, out var error) ? id : throw new FormatException(error);

    public override string ToString() => Scope.Kind == ScopeKind.All ? Measure.Id : $"{Measure.Id}@{Scope}";
}
