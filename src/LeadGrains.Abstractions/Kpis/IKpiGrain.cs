namespace LeadGrains.Abstractions.Kpis;

/// <summary>
/// One KPI of one tenant with a SMART target: keeps the live counter totals of the target's
/// window, evaluates attainment and pace, and records each threshold crossing exactly once.
/// Keyed by <see cref="KpiGrainKey"/>. A KPI with no target has no grain work to do: its values
/// are read straight from the durable counters.
/// </summary>
public interface IKpiGrain : IGrainWithStringKey
{
    /// <summary>Counter deltas committed since the last flush, per shard commit, in commit order.</summary>
    Task ApplyAsync(KpiFlush flush);

    /// <summary>Re-evaluates without new counts: days pass, pace changes, deadlines arrive.</summary>
    Task TickAsync();

    /// <summary>
    /// Reloads target and counters from the store, evaluates, records any crossing, and answers
    /// the status (null without a target). Reading through here sees every acknowledged event.
    /// </summary>
    Task<KpiTargetStatus?> RefreshAsync();
}

/// <summary>
/// A tenant's KPI targets: the single writer that enforces the per-initiative limit.
/// Keyed by <c>TenantKey.Format(tenant)</c>.
/// </summary>
public interface IKpiTargetsGrain : IGrainWithStringKey
{
    Task<KpiTargetResult> SetAsync(KpiTargetInput input);

    Task<bool> DeleteAsync(string kpi);
}

/// <summary>Key of a KPI grain: <c>{tenant}/{kpiId}</c>; tenant ids hold no '/'.</summary>
public static class KpiGrainKey
{
    public static string Format(string tenant, string kpi) => $"{tenant}/{kpi}";

    public static (string Tenant, string Kpi) Parse(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 ? (key[..slash], key[(slash + 1)..]) : throw new FormatException($"'{key}' is not a KPI key.");
    }
}

[GenerateSerializer, Immutable, Alias("lg.KpiFlush.v1")]
public sealed record KpiFlush([property: Id(0)] IReadOnlyList<KpiCommitDelta> Commits);

/// <summary>What one shard commit added to the KPI's counters inside its target window (possibly nothing).</summary>
[GenerateSerializer, Immutable, Alias("lg.KpiCommitDelta.v1")]
public sealed record KpiCommitDelta(
    [property: Id(0)] int Shard,
    [property: Id(1)] long Seq,
    [property: Id(2)] IReadOnlyDictionary<string, double> Counters);

/// <summary>A target as the API received it; the grain validates it with the domain's policy.</summary>
[GenerateSerializer, Immutable, Alias("lg.KpiTargetInput.v1")]
public sealed record KpiTargetInput
{
    [Id(0)] public string? Id { get; init; }
    [Id(1)] public string? Kpi { get; init; }
    [Id(2)] public double? Value { get; init; }
    [Id(3)] public string? Direction { get; init; }
    [Id(4)] public DateOnly? StartDate { get; init; }
    [Id(5)] public DateOnly? Deadline { get; init; }
    [Id(6)] public string? Owner { get; init; }
    [Id(7)] public string? Initiative { get; init; }
    [Id(8)] public double? Floor { get; init; }
}

[GenerateSerializer, Immutable, Alias("lg.KpiFieldError.v1")]
public sealed record KpiFieldError([property: Id(0)] string Field, [property: Id(1)] string Message);

[GenerateSerializer, Immutable, Alias("lg.KpiTargetResult.v1")]
public sealed record KpiTargetResult(
    [property: Id(0)] KpiTargetStatus? Status,
    [property: Id(1)] IReadOnlyList<KpiFieldError> Errors);

/// <summary>A target and where it stands today.</summary>
[GenerateSerializer, Immutable, Alias("lg.KpiTargetStatus.v1")]
public sealed record KpiTargetStatus
{
    [Id(0)] public required string TargetId { get; init; }
    [Id(1)] public required string Kpi { get; init; }
    [Id(2)] public required double Target { get; init; }
    [Id(3)] public required string Direction { get; init; }
    [Id(4)] public required DateOnly StartDate { get; init; }
    [Id(5)] public required DateOnly Deadline { get; init; }
    [Id(6)] public required string Owner { get; init; }
    [Id(7)] public required string Initiative { get; init; }
    [Id(8)] public double? Floor { get; init; }
    [Id(9)] public required DateOnly AsOf { get; init; }
    [Id(10)] public double? Value { get; init; }
    [Id(11)] public double? Numerator { get; init; }
    [Id(12)] public double? Denominator { get; init; }
    [Id(13)] public double? Attainment { get; init; }
    [Id(14)] public bool OnTarget { get; init; }
    [Id(15)] public required string Pace { get; init; }
    [Id(16)] public double? Projected { get; init; }
    [Id(17)] public double? NeededPerDay { get; init; }
    [Id(18)] public bool BelowFloor { get; init; }
    [Id(19)] public bool Missed { get; init; }
}
