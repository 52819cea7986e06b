using System.Text.RegularExpressions;
using LeadGrains.Server.Security;
using LeadGrains.Storage.Keys;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeadGrains.Server.Apis;

/// <summary>
/// API keys, for admins. A key is shown once, when created. Admin keys of the operator tenant
/// (<c>default</c>) may create keys for other tenants: that is how a tenant comes to exist.
/// </summary>
public static partial class KeysApi
{
    public sealed record CreateKeyRequest(string? Name, IReadOnlyList<string>? Scopes, string? Tenant);

    public sealed record CreatedKeyDto(string KeyId, string Key, string Tenant, string Name, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt);

    public sealed record KeyDto(string KeyId, string Tenant, string Name, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

    public static IEndpointRouteBuilder MapKeysApi(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/v1/admin/keys").RequireAuthorization(Security.Scopes.Admin).WithTags("Admin");
        keys.MapPost("/", CreateAsync).WithName("CreateApiKey").WithSummary("Create an API key (shown once)");
        keys.MapGet("/", ListAsync).WithName("ListApiKeys").WithSummary("List the tenant's API keys (no secrets)");
        keys.MapDelete("/{keyId}", RevokeAsync).WithName("RevokeApiKey").WithSummary("Revoke an API key");
        return app;
    }

    public static async Task<Results<Created<CreatedKeyDto>, ProblemHttpResult>> CreateAsync(
        CreateKeyRequest body, HttpContext context, ApiKeyStore store, TimeProvider clock)
    {
        var callerTenant = context.Tenant();
        var tenant = body.Tenant ?? callerTenant;
        if (!TenantId().IsMatch(tenant))
        {
            return Problems.Invalid("tenant", "'tenant' must start with a lower-case letter and hold only a-z, 0-9 and '-' (at most 63).");
        }
        if (tenant != callerTenant && callerTenant != KeyBootstrapper.DefaultTenant)
        {
            return Problems.Create(StatusCodes.Status403Forbidden, "forbidden", "Another tenant",
                "Only admin keys of the operator tenant 'default' may create keys for other tenants.", "tenant");
        }
        var scopes = body.Scopes ?? [];
        if (scopes.Count == 0 || scopes.Any(s => !Security.Scopes.All.Contains(s)))
        {
            return Problems.Invalid("scopes", $"'scopes' must list one or more of: {string.Join(", ", Security.Scopes.All)}.");
        }
        var name = string.IsNullOrWhiteSpace(body.Name) ? "unnamed" : body.Name.Trim();
        if (name.Length > 100)
        {
            return Problems.Invalid("name", "'name' must be at most 100 characters.");
        }

        var (token, keyId, secret) = ApiKeyToken.New();
        var record = new ApiKeyRecord(keyId, tenant, name, scopes.Distinct().ToList(), ApiKeyToken.Hash(secret), clock.GetUtcNow(), null);
        await store.CreateAsync(record, context.RequestAborted);
        return TypedResults.Created($"/v1/admin/keys/{keyId}",
            new CreatedKeyDto(keyId, token, tenant, name, record.Scopes, record.CreatedAt));
    }

    public static async Task<Ok<IReadOnlyList<KeyDto>>> ListAsync(HttpContext context, ApiKeyStore store)
    {
        var keys = await store.ListAsync(context.Tenant(), context.RequestAborted);
        return TypedResults.Ok<IReadOnlyList<KeyDto>>(keys.Select(k => new KeyDto(k.KeyId, k.Tenant, k.Name, k.Scopes, k.CreatedAt, k.RevokedAt)).ToList());
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        string keyId, HttpContext context, ApiKeyStore store, TimeProvider clock)
    {
        var revoked = await store.RevokeAsync(context.Tenant(), keyId, clock.GetUtcNow(), context.RequestAborted);
        return revoked ? TypedResults.NoContent() : Problems.NotFound($"Active API key '{keyId}'");
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{0,62}$")]
    private static partial Regex TenantId();
}
