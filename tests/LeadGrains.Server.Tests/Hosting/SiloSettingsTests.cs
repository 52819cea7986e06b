using LeadGrains.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace LeadGrains.Server.Tests.Hosting;

/// <summary>
/// The silo's directory cache is sized by our setting, not Orleans' default of a million: at a
/// million active leads that default costs ~0.19 GiB of the 4 GiB the product allows
/// (docs/operations.md).
/// </summary>
public sealed class SiloSettingsTests
{
    [Fact]
    public void The_directory_cache_holds_a_hundred_thousand_addresses_by_default()
    {
        Assert.Equal(100_000, DirectoryCacheSize(new LeadGrainsOptions()));
        Assert.True(new LeadGrainsOptions().DirectoryCacheSize < GrainDirectoryOptions.DEFAULT_CACHE_SIZE);
    }

    [Fact]
    public void The_directory_cache_takes_the_configured_size()
    {
        Assert.Equal(750_000, DirectoryCacheSize(new LeadGrainsOptions { DirectoryCacheSize = 750_000 }));
    }

    private static int DirectoryCacheSize(LeadGrainsOptions options)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleans(silo => OrleansRegistration.ConfigureSilo(silo, options));
        using var host = builder.Build();   // built, not started: only the options are read
        return host.Services.GetRequiredService<IOptions<GrainDirectoryOptions>>().Value.CacheSize;
    }
}
