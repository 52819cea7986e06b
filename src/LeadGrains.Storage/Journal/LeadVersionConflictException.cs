namespace LeadGrains.Storage.Journal;

/// <summary>
/// A lead's stored version was not the one its grain expected: another activation wrote it
/// (a split brain during a silo failure) or an earlier commit's answer was lost. The grain
/// reloads from the store; the producer retries and the duplicate check keeps it exactly-once.
/// </summary>
public sealed class LeadVersionConflictException(IReadOnlyList<(string Tenant, string LeadId)> leads)
    : Exception($"{leads.Count} lead(s) changed underneath their grain, e.g. {leads[0].Tenant}/{leads[0].LeadId}.")
{
    public IReadOnlyList<(string Tenant, string LeadId)> Leads { get; } = leads;
}
