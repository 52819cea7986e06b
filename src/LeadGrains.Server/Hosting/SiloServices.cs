using LeadGrains.Grains.Kpis;
using LeadGrains.Grains.Leads;
using LeadGrains.Grains.Placement;
using LeadGrains.Grains.Tenants;
using LeadGrains.Storage.Kpis;
using LeadGrains.Server.Leads;
using LeadGrains.Storage.Journal;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LeadGrains.Server.Hosting;

/// <summary>What a silo needs besides Orleans itself: the store, the journal writer, scoring models, the KPI feed.</summary>
public static class SiloServices
{
    public static IServiceCollection AddLeadGrainsSilo(this IServiceCollection services, LeadGrainsOptions options)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<JournalOptions>().BindConfiguration("LeadGrains:Journal").ValidateDataAnnotations().ValidateOnStart();
        services.AddLeadStore(options);
        services.AddSingleton<IScoringModels, DefaultScoringModels>();
        services.AddSingleton<StringPool>();
        services.AddSingleton<LocalLeadActivations>();
        services.AddSingleton<LeadGrainReferences>();
        services.AddSingleton<LeadIngestor>();
        services.AddSingleton<TenantZones>();
        services.AddSingleton<KpiTargetRegistry>();
        services.AddSingleton<KpiFeed>();
        services.AddSingleton<IKpiCommitSink>(sp => sp.GetRequiredService<KpiFeed>());
        services.AddHostedService(sp => sp.GetRequiredService<KpiFeed>());
        services.AddPlacementDirector<SiloPinnedPlacement, SiloPinnedPlacementDirector>();
        services.AddSingleton<ClusterLeadList>();
        services.AddHostedService<LeadListFlusher>();
        services.AddSingleton<LeadListRepair>();
        services.AddHostedService(sp => sp.GetRequiredService<LeadListRepair>());
        return services;
    }
}
