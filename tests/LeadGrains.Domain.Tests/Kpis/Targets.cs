using LeadGrains.Domain.Kpis;

namespace LeadGrains.Domain.Tests;

/// <summary>Builds KPI targets for tests: valid unless a test changes a field.</summary>
internal static class Targets
{
    public static KpiTargetDraft Draft(string id = "t-1", string kpi = "funnel.meetings", string initiative = "email-newsletter") => new()
    {
        Id = id,
        Kpi = kpi,
        Value = 10,
        StartDate = new DateOnly(2025, 1, 1),
        Deadline = new DateOnly(2025, 3, 31),
        Owner = "aiko@example.com",
        Initiative = initiative,
    };

    public static KpiTarget Target(KpiTargetDraft draft) =>
        TargetPolicy.Validate(draft, []).Target ?? throw new InvalidOperationException("test draft is invalid");

    /// <summary>At least 310 meetings over January 2025 (31 days): 10 a day.</summary>
    public static KpiTarget January(string kpi = "funnel.meetings", double value = 310, TargetDirection? direction = null, double? floor = null) =>
        Target(Draft(kpi: kpi) with
        {
            Value = value,
            Direction = direction,
            StartDate = new DateOnly(2025, 1, 1),
            Deadline = new DateOnly(2025, 1, 31),
            Floor = floor,
        });
}
