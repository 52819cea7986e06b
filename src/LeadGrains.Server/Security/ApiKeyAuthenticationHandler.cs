using System.Security.Claims;
using System.Text.Encodings.Web;
using LeadGrains.Server.Apis;
using LeadGrains.Storage.Keys;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace LeadGrains.Server.Security;

/// <summary>
/// <c>Authorization: Bearer &lt;key&gt;</c>. A key resolves to its tenant and scopes; lookups are
/// cached for a short time (a revoked key stops working within <see cref="CacheFor"/>).
/// Failures answer with problem details: 401 for a missing or unknown key, 403 for a missing scope.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyStore keys,
    ApiKeyCache cache) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    // Unknown key ids are cached briefly too (a retrying client must not hammer the store), and
    // every entry has size 1 against the cache's limit, so random tokens cannot grow it unbounded.
    private static readonly TimeSpan CacheMissFor = TimeSpan.FromSeconds(5);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= 7)
        {
            return AuthenticateResult.Fail("The Authorization header must be 'Bearer <api key>'.");
        }

        var (keyId, secret) = ApiKeyToken.Split(header[7..].Trim());
        var key = await cache.Cache.GetOrCreateAsync(("api-key", keyId), async entry =>
        {
            var found = await keys.FindAsync(keyId, Context.RequestAborted);
            entry.Size = 1;
            entry.AbsoluteExpirationRelativeToNow = found is null ? CacheMissFor : CacheFor;
            return found;
        });
        if (key is null || key.RevokedAt is not null || !ApiKeyToken.Matches(secret, key.SecretHash))
        {
            return AuthenticateResult.Fail("The API key is not valid.");
        }

        var claims = new List<Claim> { new(Scopes.TenantClaim, key.Tenant), new(Scopes.KeyIdClaim, key.KeyId) };
        claims.AddRange(key.Scopes.Select(s => new Claim(Scopes.ScopeClaim, s)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Problems.Write(Context, StatusCodes.Status401Unauthorized, "unauthorized", "Missing or invalid API key",
            "Send 'Authorization: Bearer <api key>' with a valid key.");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.Write(Context, StatusCodes.Status403Forbidden, "forbidden", "The API key lacks a scope",
            "This API key does not have the scope this endpoint requires.");
}
