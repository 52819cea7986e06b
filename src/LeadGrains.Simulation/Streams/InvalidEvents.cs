using LeadGrains.Domain.Events;
using LeadGrains.Simulation.Wire;

namespace LeadGrains.Simulation.Streams;

/// <summary>The mistakes real producers make, one per invalid event; each breaks a rule in docs/api.md.</summary>
public enum InvalidKind : byte
{
    UnknownType,
    MissingLeadId,
    UnparsableTimestamp,
    TimestampWithoutOffset,
    FarFuture,
    SnsWithoutKind,
    BadSource,
    NegativeDwell,
}

internal static class InvalidEvents
{
    public static readonly InvalidKind[] All = Enum.GetValues<InvalidKind>();

    public static EventRecord Create(InvalidKind kind, string id, string leadId, DateTimeOffset now)
    {
        var at = WireSerializer.Timestamp(now);
        var record = new EventRecord { Id = id, LeadId = leadId, Type = EventCatalog.WebPageViewed.Name, OccurredAt = at };
        return kind switch
        {
            InvalidKind.UnknownType => record with { Type = "email.forwarded" },
            InvalidKind.MissingLeadId => record with { LeadId = null },
            InvalidKind.UnparsableTimestamp => record with { OccurredAt = "yesterday at noon" },
            InvalidKind.TimestampWithoutOffset => record with { OccurredAt = at[..^5] },
            // Far beyond the 24 hours of clock skew the server forgives, and fixed so runs repeat exactly.
            InvalidKind.FarFuture => record with { OccurredAt = "2999-01-01T00:00:00.000Z" },
            InvalidKind.SnsWithoutKind => record with { Type = EventCatalog.SnsEngaged.Name, Properties = new EventPropertiesRecord { Network = "x" } },
            InvalidKind.BadSource => record with { Source = "Search Engine!" },
            InvalidKind.NegativeDwell => record with { Properties = new EventPropertiesRecord { Path = "/", DwellSeconds = -5 } },
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }
}
