using LeadGrains.Server.Hosting;
using LeadGrains.Storage;
using LeadGrains.Storage.Keys;
using Microsoft.Extensions.Options;

namespace LeadGrains.Server.Security;

/// <summary>
/// Makes sure someone can call the API after the first start: the operator's bootstrap key
/// (<c>LEADGRAINS_BOOTSTRAP_API_KEY</c>), or on the embedded default a development key
/// written to a file in the data directory.
/// </summary>
public sealed partial class KeyBootstrapper(
    ApiKeyStore keys, IOptions<LeadGrainsOptions> options, TimeProvider clock, ILogger<KeyBootstrapper> logger) : IHostedService
{
    public const string DefaultTenant = "default";
    public const string DevKeyFile = "dev-api-key.txt";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!string.IsNullOrWhiteSpace(o.BootstrapApiKey))
        {
            await EnsureAsync(o.BootstrapApiKey.Trim(), "bootstrap", cancellationToken);
            return;
        }
        if (o.Storage != StorageKind.Sqlite)
        {
            LogNoBootstrapKey(logger);
            return;
        }

        var file = Path.Combine(Path.GetFullPath(o.DataDir), DevKeyFile);
        var token = File.Exists(file) ? (await File.ReadAllTextAsync(file, cancellationToken)).Trim() : null;
        if (string.IsNullOrEmpty(token))
        {
            token = ApiKeyToken.New().Token;
            await File.WriteAllTextAsync(file, token + Environment.NewLine, cancellationToken);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
        await EnsureAsync(token, "development", cancellationToken);
        LogDevKey(logger, file);
    }

    private async Task EnsureAsync(string token, string name, CancellationToken ct)
    {
        var (keyId, secret) = ApiKeyToken.Split(token);
        var existing = await keys.FindAsync(keyId, ct);
        if (existing is not null)
        {
            return;
        }
        await keys.CreateAsync(
            new ApiKeyRecord(keyId, DefaultTenant, name, Scopes.All, ApiKeyToken.Hash(secret), clock.GetUtcNow(), null), ct);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning,
        Message = "Development API key (admin, tenant 'default') is in {File}. Use it as: Authorization: Bearer $(cat {File})")]
    private static partial void LogDevKey(ILogger logger, string file);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning,
        Message = "No LEADGRAINS_BOOTSTRAP_API_KEY is set: no key is created; use an existing admin key.")]
    private static partial void LogNoBootstrapKey(ILogger logger);
}
