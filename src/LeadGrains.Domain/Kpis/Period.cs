namespace LeadGrains.Domain.Kpis;

/// <summary>The bucket sizes KPIs are counted in, by occurred-at time in the tenant's time zone.</summary>
public enum Period : byte
{
    Day,
    /// <summary>ISO week: Monday to Sunday.</summary>
    Week,
    Month,
}

/// <summary>
/// One bucket: its period and the tenant-local date it starts on. The local date, not an
/// instant, is the key: a Berlin day is 23 or 25 hours long around DST changes, and keying by
/// date keeps "the week of 2025-03-24" one bucket whatever the offsets did inside it.
/// </summary>
public readonly record struct Bucket(Period Period, DateOnly Start)
{
    /// <summary>The local date the next bucket starts on (exclusive end of this one).</summary>
    public DateOnly End => Period switch
    {
        Period.Day => Start.AddDays(1),
        Period.Week => Start.AddDays(7),
        _ => Start.AddMonths(1),
    };

    public Bucket Next => new(Period, End);

    public bool Contains(DateOnly date) => date >= Start && date < End;

    /// <summary>The first instant of the bucket in <paramref name="zone"/>.</summary>
    public DateTimeOffset StartsAt(TimeZoneInfo zone) => Periods.StartOfLocalDate(Start, zone);

    /// <summary>The first instant after the bucket (its exclusive end) in <paramref name="zone"/>.</summary>
    public DateTimeOffset EndsAt(TimeZoneInfo zone) => Periods.StartOfLocalDate(End, zone);

    public override string ToString() => $"{Period.Name()}:{Start:yyyy-MM-dd}";
}

public static class Periods
{
    private static readonly string[] Names = ["day", "week", "month"];

    private static readonly Period[] Ordered = [Period.Day, Period.Week, Period.Month];

    public static IReadOnlyList<Period> All { get; } = Ordered;

    /// <summary><see cref="All"/> for loops on the ingest path: a span's foreach allocates no enumerator.</summary>
    public static ReadOnlySpan<Period> Each => Ordered;

    public static string Name(this Period period) => Names[(int)period];

    public static bool TryParse(string name, out Period period)
    {
        var i = Array.IndexOf(Names, name);
        period = i < 0 ? default : (Period)i;
        return i >= 0;
    }

    /// <summary>The bucket an instant falls in, judged by the tenant-local date at that instant.</summary>
    public static Bucket BucketOf(this Period period, DateTimeOffset at, TimeZoneInfo zone) =>
        period.Containing(LocalDate(at, zone));

    public static Bucket Containing(this Period period, DateOnly date) => period switch
    {
        Period.Day => new Bucket(period, date),
        // ISO weeks start on Monday; DayOfWeek counts from Sunday = 0.
        Period.Week => new Bucket(period, date.AddDays(-(((int)date.DayOfWeek + 6) % 7))),
        _ => new Bucket(period, new DateOnly(date.Year, date.Month, 1)),
    };

    public static DateOnly LocalDate(DateTimeOffset at, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

    /// <summary>The buckets that cover the local dates <paramref name="from"/> to <paramref name="to"/> (both inclusive).</summary>
    public static IEnumerable<Bucket> Covering(this Period period, DateOnly from, DateOnly to)
    {
        for (var b = period.Containing(from); b.Start <= to; b = b.Next)
        {
            yield return b;
        }
    }

    /// <summary>
    /// The first instant of a local date. Local midnight usually exists once; where clocks jump
    /// over midnight (Santiago in September) the day starts at the jump, and where midnight
    /// happens twice the day starts at the first of them.
    /// </summary>
    public static DateTimeOffset StartOfLocalDate(DateOnly date, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        TimeSpan offset;
        if (zone.IsInvalidTime(local))
        {
            // A day earlier is before the gap: its offset is the one clocks jumped from, so this
            // lands on the instant of the jump.
            offset = zone.GetUtcOffset(local.AddDays(-1));
        }
        else if (zone.IsAmbiguousTime(local))
        {
            offset = zone.GetAmbiguousTimeOffsets(local).Max();
        }
        else
        {
            offset = zone.GetUtcOffset(local);
        }
        return new DateTimeOffset(DateTime.SpecifyKind(local - offset, DateTimeKind.Utc), TimeSpan.Zero);
    }
}
