using LeadGrains.Abstractions.Tenants;
using LeadGrains.Grains.Tenants;
using LeadGrains.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeadGrains.Server.Apis;

/// <summary>The caller's tenant settings: read with any read key, changed by admins.</summary>
public static class TenantApi
{
    public sealed record TenantDto(string Tenant, string TimeZone, string? DisplayName);

    public sealed record UpdateTenantRequest(string? TimeZone, string? DisplayName);

    public static IEndpointRouteBuilder MapTenantApi(this IEndpointRouteBuilder app)
    {
        var tenant = app.MapGroup("/v1/tenant").WithTags("Tenant");
        tenant.MapGet("/", GetAsync).RequireAuthorization(Scopes.Read).WithName("GetTenant").WithSummary("The tenant's settings");
        tenant.MapPut("/", UpdateAsync).RequireAuthorization(Scopes.Admin).WithName("UpdateTenant").WithSummary("Change the tenant's time zone or display name");
        return app;
    }

    public static async Task<Ok<TenantDto>> GetAsync(HttpContext context, IGrainFactory grains)
    {
        var tenant = context.Tenant();
        var settings = await grains.GetGrain<ITenantGrain>(TenantKey.Format(tenant)).GetSettingsAsync();
        return TypedResults.Ok(new TenantDto(tenant, settings.TimeZone, settings.DisplayName));
    }

    public static async Task<Results<Ok<TenantDto>, ProblemHttpResult>> UpdateAsync(
        UpdateTenantRequest body, HttpContext context, IGrainFactory grains, TenantZones zones)
    {
        var tenant = context.Tenant();
        var grain = grains.GetGrain<ITenantGrain>(TenantKey.Format(tenant));
        var current = await grain.GetSettingsAsync();
        var timeZone = body.TimeZone ?? current.TimeZone;
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
        {
            return Problems.Invalid("timeZone", $"'timeZone' must be an IANA time zone such as 'Asia/Tokyo' or 'UTC'; '{timeZone}' is not one.");
        }
        if (body.DisplayName is { Length: > 200 })
        {
            return Problems.Invalid("displayName", "'displayName' must be at most 200 characters.");
        }
        var updated = await grain.UpdateSettingsAsync(new TenantSettings(timeZone, body.DisplayName ?? current.DisplayName));
        // Other silos pick the zone up within TenantZones.Ttl.
        zones.Invalidate(tenant);
        return TypedResults.Ok(new TenantDto(tenant, updated.TimeZone, updated.DisplayName));
    }
}
