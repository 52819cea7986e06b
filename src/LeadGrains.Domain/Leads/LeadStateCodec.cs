using LeadGrains.Domain.Events;
using LeadGrains.Domain.Kpis;

namespace LeadGrains.Domain.Leads;

/// <summary>
/// The compact binary snapshot of a <see cref="LeadState"/> stored with the lead's row in the
/// same transaction as its events. Versioned by a leading format byte; an unknown format makes
/// the caller rebuild the state from the lead's events instead.
/// Format 2 writes counts, the version and cap buckets as 7-bit encoded integers (format 1
/// wrote them fixed-width, which put a typical 20-event lead over 400 bytes). Format 3 adds the
/// lead's <see cref="UniqueMarks"/>; a format-2 snapshot still decodes, with its marks unknown,
/// so the lead rebuilds them from its events the first time it needs them.
/// </summary>
public static class LeadStateCodec
{
    public const byte Format = 3;

    private const byte FormatWithoutMarks = 2;

    // Encoding runs once per lead per commit: one reused buffer per thread, so the only
    // allocation is the exact-size result.
    [ThreadStatic] private static BinaryWriter? t_writer;

    public static byte[] Encode(LeadState s)
    {
        var w = t_writer ??= new BinaryWriter(new MemoryStream(512));
        var buffer = (MemoryStream)w.BaseStream;
        buffer.SetLength(0);
        w.Write(Format);
        w.Write7BitEncodedInt64(s.Version);
        w.Write((byte)s.Stage);
        w.Write(s.Score);
        w.Write(s.ScoreAsOfTicks);
        w.Write7BitEncodedInt(s.EventCount);
        WriteTime(w, s.FirstSeenAt);
        WriteTime(w, s.LastActivityAt);
        WriteTime(w, s.QualifiedAt);
        WriteTouch(w, s.FirstTouch);
        WriteTouch(w, s.LastTouch);

        WriteArray(w, s.ChannelScoresAsOf, static (w, v) => w.Write(v));
        WriteArray(w, s.ChannelCounts, static (w, v) => w.Write7BitEncodedInt(v));
        WriteArray(w, s.TypeCounts, static (w, v) => w.Write7BitEncodedInt(v));
        w.Write7BitEncodedInt(s.Caps.Length);
        foreach (var cap in s.Caps)
        {
            w.Write7BitEncodedInt(cap.RuleIndex);
            w.Write7BitEncodedInt64(cap.BucketDay);
            w.Write(cap.Used);
        }
        WriteMarks(w, s.Marks);
        w.Flush();
        return buffer.ToArray();
    }

    /// <summary>Decodes a snapshot, or returns null when its format is not this one.</summary>
    /// <param name="intern">Shares equal strings (sources, campaigns) between the leads of a silo.</param>
    public static LeadState? Decode(ReadOnlySpan<byte> bytes, Func<string, string>? intern = null)
    {
        if (bytes.IsEmpty || bytes[0] is not (Format or FormatWithoutMarks))
        {
            return null;
        }

        intern ??= static s => s;
        using var stream = new MemoryStream(bytes.ToArray(), writable: false);
        using var r = new BinaryReader(stream);
        var format = r.ReadByte();
        var s = new LeadState
        {
            Version = r.Read7BitEncodedInt64(),
            Stage = (LeadStage)r.ReadByte(),
            Score = r.ReadDouble(),
            ScoreAsOfTicks = r.ReadInt64(),
            EventCount = r.Read7BitEncodedInt(),
            FirstSeenAt = ReadTime(r),
            LastActivityAt = ReadTime(r),
            QualifiedAt = ReadTime(r),
            FirstTouch = ReadTouch(r, intern),
            LastTouch = ReadTouch(r, intern),
        };

        // Arrays stored shorter than today's catalog (types added since) are padded with zeros.
        var channelScores = ReadArray(r, ChannelNames.Count, static r => r.ReadDouble());
        var channelCounts = ReadArray(r, ChannelNames.Count, static r => r.Read7BitEncodedInt());
        var typeCounts = ReadArray(r, EventCatalog.Count, static r => r.Read7BitEncodedInt());
        var caps = new CapUsage[r.Read7BitEncodedInt()];
        for (var i = 0; i < caps.Length; i++)
        {
            caps[i] = new CapUsage
            {
                RuleIndex = r.Read7BitEncodedInt(),
                BucketDay = checked((int)r.Read7BitEncodedInt64()),
                Used = r.ReadDouble(),
            };
        }
        s.Restore(channelScores, channelCounts, typeCounts, caps);
        s.Marks = format == FormatWithoutMarks ? UniqueMarks.Unknown : ReadMarks(r);
        return s;
    }

    // Marks are mostly recent, so each day is written as its distance from the latest: one byte
    // for the last 127 days.
    private static void WriteMarks(BinaryWriter w, UniqueMarks marks)
    {
        w.Write7BitEncodedInt(marks.CompleteFrom.DayNumber);
        w.Write7BitEncodedInt(marks.Marks.Length);
        if (marks.Marks.IsEmpty)
        {
            return;
        }
        var latest = int.MinValue;
        foreach (var mark in marks.Marks)
        {
            latest = Math.Max(latest, mark.Day);
        }
        w.Write7BitEncodedInt(latest);
        foreach (var mark in marks.Marks)
        {
            w.Write(mark.Identity);
            w.Write7BitEncodedInt(latest - mark.Day);
        }
    }

    private static UniqueMarks ReadMarks(BinaryReader r)
    {
        var completeFrom = DateOnly.FromDayNumber(r.Read7BitEncodedInt());
        var marks = new UniqueMark[r.Read7BitEncodedInt()];
        if (marks.Length == 0)
        {
            return UniqueMarks.Restore(completeFrom, marks);
        }
        var latest = r.Read7BitEncodedInt();
        for (var i = 0; i < marks.Length; i++)
        {
            marks[i] = new UniqueMark(r.ReadUInt64(), latest - r.Read7BitEncodedInt());
        }
        return UniqueMarks.Restore(completeFrom, marks);
    }

    private static void WriteTime(BinaryWriter w, DateTimeOffset? t) => w.Write(t?.UtcTicks ?? 0L);

    private static DateTimeOffset? ReadTime(BinaryReader r)
    {
        var ticks = r.ReadInt64();
        return ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
    }

    private static void WriteTouch(BinaryWriter w, Touch? t)
    {
        w.Write(t is not null);
        if (t is null)
        {
            return;
        }
        w.Write(t.Source ?? string.Empty);
        w.Write(t.Campaign ?? string.Empty);
        w.Write(t.At.UtcTicks);
    }

    private static Touch? ReadTouch(BinaryReader r, Func<string, string> intern)
    {
        if (!r.ReadBoolean())
        {
            return null;
        }
        var source = r.ReadString();
        var campaign = r.ReadString();
        return new Touch(
            source.Length == 0 ? null : intern(source),
            campaign.Length == 0 ? null : intern(campaign),
            new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero));
    }

    private static void WriteArray<T>(BinaryWriter w, ReadOnlySpan<T> values, Action<BinaryWriter, T> write)
    {
        w.Write7BitEncodedInt(values.Length);
        foreach (var v in values)
        {
            write(w, v);
        }
    }

    private static T[] ReadArray<T>(BinaryReader r, int minLength, Func<BinaryReader, T> read)
    {
        var stored = r.Read7BitEncodedInt();
        var values = new T[Math.Max(stored, minLength)];
        for (var i = 0; i < stored; i++)
        {
            values[i] = read(r);
        }
        return values;
    }
}
