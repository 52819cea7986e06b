using System.Security.Cryptography;
using System.Text;

namespace LeadGrains.Server.Security;

/// <summary>
/// API key tokens. Keys we issue read <c>lg_{keyId}_{secret}</c>; any other token (an operator's
/// bootstrap key) gets a key id derived from its hash, so it can be looked up the same way.
/// Only SHA-256 hashes of secrets are stored.
/// </summary>
public static class ApiKeyToken
{
    private const string Prefix = "lg_";

    public static (string KeyId, string Secret) Split(string token)
    {
        if (token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            var rest = token[Prefix.Length..];
            var underscore = rest.IndexOf('_', StringComparison.Ordinal);
            if (underscore > 0 && underscore < rest.Length - 1)
            {
                return (rest[..underscore], rest[(underscore + 1)..]);
            }
        }
        return ("h" + Convert.ToHexStringLower(Hash(token))[..23], token);
    }

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    public static bool Matches(string secret, byte[] storedHash) =>
        CryptographicOperations.FixedTimeEquals(Hash(secret), storedHash);

    /// <summary>A new random token and its key id.</summary>
    public static (string Token, string KeyId, string Secret) New()
    {
        var keyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        return ($"{Prefix}{keyId}_{secret}", keyId, secret);
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '-');
}
