namespace LeadGrains.Domain.Scoring;

/// <summary>The window a rule's cap counts points over, by occurred-at time (UTC).</summary>
public enum CapPeriod : byte
{
    Day,
    Week,
    Month,
    Lifetime,
}

public static class CapPeriods
{
    /// <summary>The start of the bucket that <paramref name="at"/> falls in, in UTC ticks.</summary>
    public static long BucketStart(this CapPeriod period, DateTimeOffset at)
    {
        var d = at.UtcDateTime.Date;
        return period switch
        {
            CapPeriod.Day => d.Ticks,
            // ISO weeks start on Monday.
            CapPeriod.Week => d.AddDays(-(((int)d.DayOfWeek + 6) % 7)).Ticks,
            CapPeriod.Month => new DateTime(d.Year, d.Month, 1, 0, 0, 0, DateTimeKind.Utc).Ticks,
            _ => 0,
        };
    }
}
