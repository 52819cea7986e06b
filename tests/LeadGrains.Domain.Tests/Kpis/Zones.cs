namespace LeadGrains.Domain.Tests;

/// <summary>The tenant time zones the KPI tests use, by IANA id.</summary>
internal static class Zones
{
    public static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    /// <summary>CET/CEST: 2025-03-30 02:00 -> 03:00 and 2025-10-26 03:00 -> 02:00.</summary>
    public static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    /// <summary>Clocks jump over midnight: 2024-09-08 00:00 -> 01:00.</summary>
    public static readonly TimeZoneInfo Santiago = TimeZoneInfo.FindSystemTimeZoneById("America/Santiago");

    public static readonly TimeZoneInfo Utc = TimeZoneInfo.Utc;

    public static DateTimeOffset At(int y, int mo, int d, int h = 0, int mi = 0) => new(y, mo, d, h, mi, 0, TimeSpan.Zero);

    public static DateOnly D(int y, int m, int d) => new(y, m, d);
}
