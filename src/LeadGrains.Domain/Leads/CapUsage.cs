namespace LeadGrains.Domain.Leads;

/// <summary>
/// Points one capped rule has given in one period bucket. 16 bytes rather than 24 (the bucket as
/// a day, not ticks): a lead holds one per capped rule and day it scored on, a million leads are
/// held at once, and a plan that changes one usage copies the lead's whole array.
/// </summary>
internal struct CapUsage
{
    public int RuleIndex;

    /// <summary>The bucket's first day in days since 0001-01-01 (UTC): buckets start at midnight; 0 for a lifetime cap.</summary>
    public int BucketDay;

    public double Used;

    public readonly long BucketStartTicks => BucketDay * TimeSpan.TicksPerDay;

    /// <summary>The day a bucket start (a UTC midnight, or 0) falls on.</summary>
    public static int DayOf(long bucketStartTicks) =>
        bucketStartTicks % TimeSpan.TicksPerDay == 0
            ? checked((int)(bucketStartTicks / TimeSpan.TicksPerDay))
            : throw new ArgumentException($"Cap bucket {bucketStartTicks} does not start at midnight UTC.", nameof(bucketStartTicks));
}
