using Microsoft.AspNetCore.Authentication;

namespace LeadGrains.Server.Security;

public static class SecurityRegistration
{
    public static IServiceCollection AddApiKeySecurity(this IServiceCollection services)
    {
        services.AddSingleton<ApiKeyCache>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Scopes.Ingest, p => p.RequireClaim(Scopes.ScopeClaim, Scopes.Ingest, Scopes.Admin))
            .AddPolicy(Scopes.Read, p => p.RequireClaim(Scopes.ScopeClaim, Scopes.Read, Scopes.Admin))
            .AddPolicy(Scopes.Subscribe, p => p.RequireClaim(Scopes.ScopeClaim, Scopes.Subscribe, Scopes.Admin))
            .AddPolicy(Scopes.Admin, p => p.RequireClaim(Scopes.ScopeClaim, Scopes.Admin));
        services.AddHostedService<KeyBootstrapper>();
        return services;
    }

    public static string Tenant(this HttpContext context) =>
        context.User.FindFirst(Scopes.TenantClaim)?.Value
        ?? throw new InvalidOperationException("No tenant on an authenticated request.");
}
