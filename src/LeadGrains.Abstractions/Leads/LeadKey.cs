namespace LeadGrains.Abstractions.Leads;

/// <summary>
/// The string key of a lead grain: tenant and lead id. Tenant ids are restricted (lower-case
/// letter first, no '/'), so the first '/' separates them unambiguously whatever the lead id
/// holds, and the key can never read as a hex number or a GUID.
/// </summary>
public static class LeadKey
{
    public static string Format(string tenant, string leadId) => $"{tenant}/{leadId}";

    public static (string Tenant, string LeadId) Parse(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            throw new FormatException($"'{key}' is not a lead key.");
        }
        return (key[..slash], key[(slash + 1)..]);
    }
}
