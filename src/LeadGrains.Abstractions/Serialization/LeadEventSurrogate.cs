using LeadGrains.Domain.Events;

namespace LeadGrains.Abstractions.Serialization;

/// <summary>
/// The wire form of a <see cref="LeadEvent"/>. The domain stays free of Orleans attributes;
/// this surrogate and its converter teach Orleans to carry events between silos.
/// </summary>
[GenerateSerializer, Alias("lg.LeadEvent.v1")]
public struct LeadEventSurrogate
{
    [Id(0)] public string Id { get; set; }
    [Id(1)] public string LeadId { get; set; }
    [Id(2)] public string Type { get; set; }
    [Id(3)] public DateTimeOffset OccurredAt { get; set; }
    [Id(4)] public string? Source { get; set; }
    [Id(5)] public string? Campaign { get; set; }
    [Id(6)] public string? PropertiesJson { get; set; }
    [Id(7)] public string? Path { get; set; }
    [Id(8)] public string? SessionId { get; set; }
    [Id(9)] public double? DwellSeconds { get; set; }
    [Id(10)] public string? Kind { get; set; }
}

[RegisterConverter]
public sealed class LeadEventSurrogateConverter : IConverter<LeadEvent, LeadEventSurrogate>
{
    public LeadEvent ConvertFromSurrogate(in LeadEventSurrogate s) => new()
    {
        Id = s.Id,
        LeadId = s.LeadId,
        Type = EventCatalog.Get(s.Type),
        OccurredAt = s.OccurredAt,
        Source = s.Source,
        Campaign = s.Campaign,
        Properties = s.PropertiesJson is null && s.Path is null && s.SessionId is null && s.DwellSeconds is null && s.Kind is null
            ? EventProperties.Empty
            : new EventProperties
            {
                Json = s.PropertiesJson,
                Path = s.Path,
                SessionId = s.SessionId,
                DwellSeconds = s.DwellSeconds,
                Kind = s.Kind,
            },
    };

    public LeadEventSurrogate ConvertToSurrogate(in LeadEvent e) => new()
    {
        Id = e.Id,
        LeadId = e.LeadId,
        Type = e.Type.Name,
        OccurredAt = e.OccurredAt,
        Source = e.Source,
        Campaign = e.Campaign,
        PropertiesJson = e.Properties.Json,
        Path = e.Properties.Path,
        SessionId = e.Properties.SessionId,
        DwellSeconds = e.Properties.DwellSeconds,
        Kind = e.Properties.Kind,
    };
}
