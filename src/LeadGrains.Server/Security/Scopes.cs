namespace LeadGrains.Server.Security;

/// <summary>What an API key may do. Each is also the name of the authorization policy that requires it.</summary>
public static class Scopes
{
    public const string Ingest = "ingest";
    public const string Read = "read";
    public const string Subscribe = "subscribe";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Ingest, Read, Subscribe, Admin];

    public const string ScopeClaim = "scope";
    public const string TenantClaim = "tenant";
    public const string KeyIdClaim = "key_id";
}
