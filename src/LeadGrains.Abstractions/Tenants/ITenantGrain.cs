namespace LeadGrains.Abstractions.Tenants;

/// <summary>A tenant's settings (time zone for KPI periods, display name). Keyed by <see cref="TenantKey"/>.</summary>
public interface ITenantGrain : IGrainWithStringKey
{
    Task<TenantSettings> GetSettingsAsync();

    Task<TenantSettings> UpdateSettingsAsync(TenantSettings settings);
}

[GenerateSerializer, Immutable, Alias("lg.TenantSettings.v1")]
public sealed record TenantSettings([property: Id(0)] string TimeZone, [property: Id(1)] string? DisplayName)
{
    public static readonly TenantSettings Default = new("UTC", null);
}

/// <summary>
/// Tenant grain keys carry a prefix with a '/': the ADO.NET storage provider reads an all-hex
/// string key ("cafe") as a number, so a bare tenant id could share a row with another spelling.
/// </summary>
public static class TenantKey
{
    public static string Format(string tenant) => "tenant/" + tenant;

    public static string Parse(string key) =>
        key.StartsWith("tenant/", StringComparison.Ordinal) ? key["tenant/".Length..] : throw new FormatException($"'{key}' is not a tenant key.");
}
