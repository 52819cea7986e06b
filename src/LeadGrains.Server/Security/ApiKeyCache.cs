using Microsoft.Extensions.Caching.Memory;

namespace LeadGrains.Server.Security;

/// <summary>
/// The key lookups' own cache, bounded so that random tokens cannot grow it without limit
/// (its own instance: a size limit on the shared IMemoryCache would break other users of it).
/// </summary>
public sealed class ApiKeyCache : IDisposable
{
    public MemoryCache Cache { get; } = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    public void Dispose() => Cache.Dispose();
}
