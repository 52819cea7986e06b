namespace LeadGrains.Domain.Leads;

/// <summary>Points one capped rule has given in one period bucket.</summary>
internal struct CapUsage
{
    public int RuleIndex;
    public long BucketStartTicks;
    public double Used;
}
