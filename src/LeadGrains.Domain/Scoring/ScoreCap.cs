namespace LeadGrains.Domain.Scoring;

/// <summary>At most <see cref="MaxPoints"/> points from one rule per <see cref="Period"/>.</summary>
public sealed record ScoreCap(double MaxPoints, CapPeriod Period)
{
    public string Describe() => $"at most {MaxPoints} per {Period.ToString().ToLowerInvariant()}";
}
