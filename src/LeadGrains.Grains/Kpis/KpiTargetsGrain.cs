using LeadGrains.Abstractions.Kpis;
using LeadGrains.Abstractions.Tenants;
using LeadGrains.Domain.Kpis;
using LeadGrains.Storage.Kpis;

namespace LeadGrains.Grains.Kpis;

/// <summary>
/// A tenant's targets. Setting one goes through this single grain so the "at most five per
/// initiative" rule holds under concurrent requests; the KPI's own grain then loads it.
/// </summary>
public sealed class KpiTargetsGrain(KpiStore store, KpiTargetRegistry registry) : Grain, IKpiTargetsGrain
{
    private string Tenant => TenantKey.Parse(this.GetPrimaryKeyString());

    public async Task<KpiTargetResult> SetAsync(KpiTargetInput input)
    {
        var errors = new List<KpiFieldError>();
        TargetDirection? direction = null;
        if (input.Direction is not null)
        {
            if (Directions.TryParse(input.Direction, out var d))
            {
                direction = d;
            }
            else
            {
                errors.Add(new("direction", $"direction '{input.Direction}' is unknown; use 'at_least' or 'at_most'"));
            }
        }

        var draft = new KpiTargetDraft
        {
            Id = input.Id ?? input.Kpi,
            Kpi = input.Kpi,
            Value = input.Value,
            Direction = direction,
            StartDate = input.StartDate,
            Deadline = input.Deadline,
            Owner = input.Owner,
            Initiative = input.Initiative,
            Floor = input.Floor,
        };
        // The KPI's current target is being replaced, so it does not count against the limit.
        var existing = (await store.ReadTargetsAsync(Tenant, CancellationToken.None))
            .Where(t => t.Kpi != CanonicalKpi(input.Kpi))
            .Select(t => TargetDocument.Deserialize(t.Target));
        var validation = TargetPolicy.Validate(draft, existing);
        errors.AddRange(validation.Errors.Select(e => new KpiFieldError(e.Field, e.Message)));
        if (errors.Count > 0)
        {
            return new KpiTargetResult(null, errors);
        }

        var target = validation.Target!;
        var kpi = target.Kpi.ToString();
        await store.SaveTargetAsync(Tenant, kpi, target.Initiative, TargetDocument.Serialize(target), CancellationToken.None);
        registry.Invalidate();
        var status = await GrainFactory.GetGrain<IKpiGrain>(KpiGrainKey.Format(Tenant, kpi)).RefreshAsync();
        return new KpiTargetResult(status, []);
    }

    public async Task<bool> DeleteAsync(string kpi)
    {
        var deleted = await store.DeleteTargetAsync(Tenant, kpi, CancellationToken.None);
        registry.Invalidate();
        await GrainFactory.GetGrain<IKpiGrain>(KpiGrainKey.Format(Tenant, kpi)).RefreshAsync();
        return deleted;
    }

    private static string? CanonicalKpi(string? text) => KpiId.TryParse(text, out var id, out _) ? id.ToString() : text;
}
