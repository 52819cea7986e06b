namespace LeadGrains.Storage.Keys;

/// <summary>A stored API key: bound to one tenant, with scopes; the secret only as a SHA-256 hash.</summary>
public sealed record ApiKeyRecord(
    string KeyId,
    string Tenant,
    string Name,
    IReadOnlyList<string> Scopes,
    byte[] SecretHash,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt);
