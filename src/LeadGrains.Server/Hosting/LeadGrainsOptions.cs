using System.ComponentModel.DataAnnotations;
using LeadGrains.Storage;

namespace LeadGrains.Server.Hosting;

/// <summary>Process settings (section <c>LeadGrains</c>); each is documented in docs/operations.md.</summary>
public sealed class LeadGrainsOptions
{
    public const string Section = "LeadGrains";

    public StorageKind Storage { get; set; } = StorageKind.Sqlite;

    /// <summary>Where the embedded store keeps its files (SQLite only).</summary>
    [Required]
    public string DataDir { get; set; } = "./data";

    /// <summary>PostgreSQL connection string; from <c>ConnectionStrings:LeadGrains</c>.</summary>
    public string? ConnectionString { get; set; }

    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// The address other silos reach this one at (PostgreSQL clusters): unset for loopback (all
    /// silos on one machine), <c>auto</c> for this host's first non-loopback IPv4 address, or an
    /// IP address or host name.
    /// </summary>
    public string? AdvertisedAddress { get; set; }

    [Required]
    public string ClusterId { get; set; } = "leadgrains";

    [Required]
    public string ServiceId { get; set; } = "leadgrains";

    /// <summary>
    /// Grain addresses a silo keeps in Orleans' directory cache. Orleans' own default caches a
    /// million, and every activation registers into it: ~200 bytes a lead, ~0.19 GiB for a million
    /// active leads, which on a single silo only repeats the silo's own directory partition. In a
    /// cluster a lead missing from it costs one directory lookup before a call to another silo;
    /// raise it there when memory allows (docs/operations.md).
    /// </summary>
    [Range(1_000, 100_000_000)]
    public int DirectoryCacheSize { get; set; } = 100_000;

    /// <summary>An admin key for tenant <c>default</c> that the server makes sure exists at start.</summary>
    public string? BootstrapApiKey { get; set; }

    /// <summary>Largest accepted request body; a larger one gets 413.</summary>
    [Range(1024, 512 * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>Streams a synthetic funnel into tenant <c>default</c> (<c>--demo</c>); see docs/loadgen.md.</summary>
    public bool Demo { get; set; }

    public string SqliteFile => Path.Combine(Path.GetFullPath(DataDir), "leadgrains.db");
}
