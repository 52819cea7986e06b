using LeadGrains.Domain.Scoring;

namespace LeadGrains.Grains.Leads;

/// <summary>The scoring model in force for a tenant.</summary>
public interface IScoringModels
{
    ScoringModel For(string tenant);
}

/// <summary>Every tenant scores with the shipped default until per-tenant models arrive.</summary>
public sealed class DefaultScoringModels : IScoringModels
{
    public ScoringModel For(string tenant) => DefaultScoringModel.Instance;
}
