namespace LeadGrains.Server.Ingest;

/// <summary>
/// A strict parser for RFC 3339 §5.6 <c>date-time</c>: <c>YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)</c>.
/// Unlike <see cref="DateTimeOffset.TryParse(string?, out DateTimeOffset)"/> it refuses a value without
/// a time zone offset, a date alone, and anything else not in that grammar.
/// </summary>
/// <remarks>
/// <c>T</c> and <c>Z</c> may be lower case (as RFC 3339 allows); a space separator is refused.
/// Fractions beyond 100 ns (7 digits) are truncated. A leap second (<c>:60</c>) is refused because
/// <see cref="DateTimeOffset"/> cannot hold it, as is an offset beyond ±14:00. <c>-00:00</c> reads as UTC.
/// The offset the producer sent is kept in the result.
/// </remarks>
public static class Rfc3339
{
    private const int MinLength = 20; // 2026-11-20T10:00:00Z

    private static readonly long MaxOffsetTicks = TimeSpan.FromHours(14).Ticks;

    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset value)
    {
        value = default;
        if (text.Length < MinLength
            || !TryDigits(text, 0, 4, out var year)
            || text[4] != '-'
            || !TryDigits(text, 5, 2, out var month)
            || text[7] != '-'
            || !TryDigits(text, 8, 2, out var day)
            || (text[10] != 'T' && text[10] != 't')
            || !TryDigits(text, 11, 2, out var hour)
            || text[13] != ':'
            || !TryDigits(text, 14, 2, out var minute)
            || text[16] != ':'
            || !TryDigits(text, 17, 2, out var second))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var position = 19;
        long fractionTicks = 0;
        if (text[position] == '.')
        {
            position++;
            var digits = 0;
            while (position < text.Length && char.IsAsciiDigit(text[position]))
            {
                if (digits < 7)
                    fractionTicks = (fractionTicks * 10) + (text[position] - '0');
                digits++;
                position++;
            }
            if (digits == 0)
                return false;
            for (var i = digits; i < 7; i++)
                fractionTicks *= 10;
        }

        if (position >= text.Length)
            return false; // no offset

        long offsetTicks;
        var sign = text[position];
        if (sign is 'Z' or 'z')
        {
            offsetTicks = 0;
            position++;
        }
        else if (sign is '+' or '-')
        {
            if (text.Length - position != 6
                || !TryDigits(text, position + 1, 2, out var offsetHours)
                || text[position + 3] != ':'
                || !TryDigits(text, position + 4, 2, out var offsetMinutes)
                || offsetHours > 23 || offsetMinutes > 59)
            {
                return false;
            }
            offsetTicks = (offsetHours * TimeSpan.TicksPerHour) + (offsetMinutes * TimeSpan.TicksPerMinute);
            if (sign == '-')
                offsetTicks = -offsetTicks;
            position += 6;
        }
        else
        {
            return false;
        }

        if (position != text.Length || Math.Abs(offsetTicks) > MaxOffsetTicks)
            return false;

        var localTicks = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).Ticks + fractionTicks;
        var utcTicks = localTicks - offsetTicks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
            return false;

        value = new DateTimeOffset(localTicks, new TimeSpan(offsetTicks));
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> text, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var c = text[i];
            if (!char.IsAsciiDigit(c))
                return false;
            value = (value * 10) + (c - '0');
        }
        return true;
    }
}
