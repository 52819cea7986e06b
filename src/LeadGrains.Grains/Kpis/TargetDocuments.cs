using System.Text.Json;
using LeadGrains.Abstractions.Kpis;
using LeadGrains.Domain.Kpis;

namespace LeadGrains.Grains.Kpis;

/// <summary>How a target is stored (JSON in lg_kpi_targets.target): plain fields, stable names.</summary>
internal sealed record TargetDocument(
    string Id, string Kpi, double Value, string Direction, DateOnly StartDate, DateOnly Deadline, string Owner, string Initiative, double? Floor)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Serialize(KpiTarget t) => JsonSerializer.Serialize(
        new TargetDocument(t.Id, t.Kpi.ToString(), t.Value, Directions.Name(t.Direction), t.StartDate, t.Deadline, t.Owner, t.Initiative, t.Floor), Json);

    public static KpiTarget Deserialize(string json)
    {
        var d = JsonSerializer.Deserialize<TargetDocument>(json, Json) ?? throw new InvalidDataException("Empty target document.");
        return new KpiTarget
        {
            Id = d.Id,
            Kpi = KpiId.Parse(d.Kpi),
            Value = d.Value,
            Direction = Directions.TryParse(d.Direction, out var direction) ? direction : throw new InvalidDataException($"Unknown direction '{d.Direction}'."),
            StartDate = d.StartDate,
            Deadline = d.Deadline,
            Owner = d.Owner,
            Initiative = d.Initiative,
            Floor = d.Floor,
        };
    }
}

/// <summary>
/// The flags of the status threshold events were last published from (JSON in
/// lg_kpi_targets.status): all the detector compares.
/// </summary>
internal sealed record StatusDocument(string TargetId, bool OnTarget, string Pace, bool BelowFloor, bool Missed)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Serialize(KpiStatus s) =>
        JsonSerializer.Serialize(new StatusDocument(s.TargetId, s.OnTarget, s.Pace.ToString(), s.BelowFloor, s.Missed), Json);

    public static KpiStatus? Deserialize(string? json, KpiTarget target)
    {
        if (json is null)
        {
            return null;
        }
        var d = JsonSerializer.Deserialize<StatusDocument>(json, Json) ?? throw new InvalidDataException("Empty status document.");
        return new KpiStatus
        {
            TargetId = d.TargetId,
            Kpi = target.Kpi,
            AsOf = target.StartDate,
            Value = null,
            Target = target.Value,
            Direction = target.Direction,
            OnTarget = d.OnTarget,
            Pace = Enum.Parse<PaceStatus>(d.Pace),
            BelowFloor = d.BelowFloor,
            Missed = d.Missed,
        };
    }
}

public static class Directions
{
    public static string Name(TargetDirection direction) => direction == TargetDirection.AtLeast ? "at_least" : "at_most";

    public static bool TryParse(string? text, out TargetDirection direction)
    {
        direction = text == "at_most" ? TargetDirection.AtMost : TargetDirection.AtLeast;
        return text is "at_least" or "at_most";
    }
}

internal static class StatusViews
{
    public static KpiTargetStatus From(KpiTarget target, KpiStatus status, KpiValue value) => new()
    {
        TargetId = target.Id,
        Kpi = target.Kpi.ToString(),
        Target = target.Value,
        Direction = Directions.Name(target.Direction),
        StartDate = target.StartDate,
        Deadline = target.Deadline,
        Owner = target.Owner,
        Initiative = target.Initiative,
        Floor = target.Floor,
        AsOf = status.AsOf,
        Value = status.Value,
        Numerator = value.Numerator,
        Denominator = value.Denominator,
        Attainment = status.Attainment,
        OnTarget = status.OnTarget,
        Pace = status.Pace switch { PaceStatus.OnPace => "on_pace", PaceStatus.Behind => "behind", _ => "not_applicable" },
        Projected = status.Projected,
        NeededPerDay = status.NeededPerDay,
        BelowFloor = status.BelowFloor,
        Missed = status.Missed,
    };
}
