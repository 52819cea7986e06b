using LeadGrains.Server.Hosting;

namespace LeadGrains.Server.Demo;

public static class DemoRegistration
{
    /// <summary>Adds the demo producer when <c>LeadGrains:Demo</c> is on (<c>--demo</c>, <c>LEADGRAINS_DEMO=true</c>).</summary>
    public static IServiceCollection AddLeadGrainsDemo(this IServiceCollection services, LeadGrainsOptions options)
    {
        if (options.Demo)
            services.AddHostedService<DemoProducer>();
        return services;
    }
}
