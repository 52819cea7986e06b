using LeadGrains.Abstractions.Tenants;

namespace LeadGrains.Grains.Tenants;

/// <summary>Holds a tenant's settings in Orleans grain storage (ADO.NET, provider "store").</summary>
public sealed class TenantGrain(
    [PersistentState("leadgrains-tenant-settings", TenantGrain.StorageName)] IPersistentState<TenantSettingsState> state)
    : Grain, ITenantGrain
{
    public const string StorageName = "store";

    public Task<TenantSettings> GetSettingsAsync() =>
        Task.FromResult(state.RecordExists ? new TenantSettings(state.State.TimeZone, state.State.DisplayName) : TenantSettings.Default);

    public async Task<TenantSettings> UpdateSettingsAsync(TenantSettings settings)
    {
        state.State.TimeZone = settings.TimeZone;
        state.State.DisplayName = settings.DisplayName;
        await state.WriteStateAsync();
        return settings;
    }
}

[GenerateSerializer, Alias("lg.TenantSettingsState.v1")]
public sealed class TenantSettingsState
{
    [Id(0)] public string TimeZone { get; set; } = "UTC";
    [Id(1)] public string? DisplayName { get; set; }
}
