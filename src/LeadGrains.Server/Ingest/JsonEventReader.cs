using System.Text.Json;
using LeadGrains.Domain.Events;

namespace LeadGrains.Server.Ingest;

/// <summary>
/// Reads the plain JSON format: one event object, or an array of 1..<see cref="EventLimits.MaxBatchSize"/> of them.
/// Members: <c>id</c>, <c>leadId</c>, <c>type</c>, <c>occurredAt</c> (required); <c>source</c>, <c>campaign</c>,
/// <c>properties</c> (optional). Other members are ignored; names are case-sensitive.
/// </summary>
public static class JsonEventReader
{
    private const string Id = "id";
    private const string LeadId = "leadId";
    private const string Type = "type";
    private const string OccurredAt = "occurredAt";
    private const string Source = "source";
    private const string Campaign = "campaign";
    private const string Properties = "properties";

    /// <summary>Reads a whole request body (UTF-8 JSON, byte order mark allowed).</summary>
    public static IngestParseResult Read(ReadOnlyMemory<byte> body, DateTimeOffset now)
    {
        body = JsonBody.WithoutBom(body);
        var error = JsonBody.TryParse(body, null, out var document);
        if (error is not null)
            return IngestParseResult.Failure(error);
        using (document)
        {
            var root = document!.RootElement;
            switch (root.ValueKind)
            {
                case JsonValueKind.Object:
                    error = ReadEvent(root, 0, now, out var single);
                    return error is null ? IngestParseResult.Success([single!]) : IngestParseResult.Failure(error);
                case JsonValueKind.Array:
                    return ReadBatch(root, now);
                default:
                    return IngestParseResult.Failure(IngestError.InvalidBody(
                        $"The request body must be an event object or an array of event objects, but was {EventRules.Describe(root.ValueKind)}."));
            }
        }
    }

    private static IngestParseResult ReadBatch(JsonElement array, DateTimeOffset now) =>
        ReadArray(array, now, ReadEvent);

    /// <summary>Reads one event from an object element, or returns the error that names what is wrong.</summary>
    internal delegate IngestError? ElementReader(JsonElement element, int index, DateTimeOffset now, out LeadEvent? leadEvent);

    /// <summary>
    /// The batch rules both formats share: 1 to <see cref="EventLimits.MaxBatchSize"/> elements, each an
    /// object read by <paramref name="read"/>; the first bad element fails the whole batch.
    /// </summary>
    internal static IngestParseResult ReadArray(JsonElement array, DateTimeOffset now, ElementReader read)
    {
        var count = array.GetArrayLength();
        if (count == 0)
            return IngestParseResult.Failure(IngestError.EmptyBatch());
        if (count > EventLimits.MaxBatchSize)
            return IngestParseResult.Failure(IngestError.BatchTooLarge(count, EventLimits.MaxBatchSize));

        var events = new LeadEvent[count];
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            var error = element.ValueKind == JsonValueKind.Object
                ? read(element, index, now, out var leadEvent)
                : NotAnObject(element, index, out leadEvent);
            if (error is not null)
                return IngestParseResult.Failure(error);
            events[index++] = leadEvent!;
        }
        return IngestParseResult.Success(events);
    }

    internal static IngestError NotAnObject(JsonElement element, int index, out LeadEvent? leadEvent)
    {
        leadEvent = null;
        return IngestError.InvalidEventWhole(index, $"must be a JSON object, but was {EventRules.Describe(element.ValueKind)}.");
    }

    /// <summary>Validates one event object; checks run in a fixed field order so the error reported is deterministic.</summary>
    internal static IngestError? ReadEvent(JsonElement element, int index, DateTimeOffset now, out LeadEvent? leadEvent)
    {
        leadEvent = null;
        JsonElement id = default, leadId = default, type = default, occurredAt = default;
        JsonElement source = default, campaign = default, properties = default;
        var duplicates = 0;
        try
        {
            foreach (var member in element.EnumerateObject())
            {
                if (member.NameEquals("id"u8))
                    Fields.Set(ref id, member.Value, 1 << 0, ref duplicates);
                else if (member.NameEquals("leadId"u8))
                    Fields.Set(ref leadId, member.Value, 1 << 1, ref duplicates);
                else if (member.NameEquals("type"u8))
                    Fields.Set(ref type, member.Value, 1 << 2, ref duplicates);
                else if (member.NameEquals("occurredAt"u8))
                    Fields.Set(ref occurredAt, member.Value, 1 << 3, ref duplicates);
                else if (member.NameEquals("source"u8))
                    Fields.Set(ref source, member.Value, 1 << 4, ref duplicates);
                else if (member.NameEquals("campaign"u8))
                    Fields.Set(ref campaign, member.Value, 1 << 5, ref duplicates);
                else if (member.NameEquals("properties"u8))
                    Fields.Set(ref properties, member.Value, 1 << 6, ref duplicates);
            }
        }
        catch (InvalidOperationException)
        {
            return EventRules.InvalidMemberName(index, null);
        }

        var error = EventRules.RequiredString(id, (duplicates & (1 << 0)) != 0, Id, index, out var idValue)
            ?? EventRules.Text(idValue, EventLimits.MaxIdLength, Id, index);
        if (error is not null)
            return error;

        error = EventRules.RequiredString(leadId, (duplicates & (1 << 1)) != 0, LeadId, index, out var leadIdValue)
            ?? EventRules.Text(leadIdValue, EventLimits.MaxLeadIdLength, LeadId, index);
        if (error is not null)
            return error;

        error = EventRules.RequiredString(type, (duplicates & (1 << 2)) != 0, Type, index, out var typeName);
        EventType? eventType = null;
        error ??= EventRules.EventType(typeName, Type, index, out eventType);
        if (error is not null)
            return error;

        error = EventRules.RequiredString(occurredAt, (duplicates & (1 << 3)) != 0, OccurredAt, index, out var occurredAtText);
        var occurredAtValue = default(DateTimeOffset);
        error ??= EventRules.OccurredAt(occurredAtText, now, OccurredAt, index, out occurredAtValue);
        if (error is not null)
            return error;

        error = EventRules.OptionalString(source, (duplicates & (1 << 4)) != 0, Source, index, out var sourceText);
        string? sourceValue = null;
        if (error is null && sourceText is not null)
            error = EventRules.Source(sourceText, Source, index, out sourceValue);
        if (error is not null)
            return error;

        error = EventRules.OptionalString(campaign, (duplicates & (1 << 5)) != 0, Campaign, index, out var campaignValue);
        if (error is null && campaignValue is not null)
            error = EventRules.Text(campaignValue, EventLimits.MaxCampaignLength, Campaign, index);
        if (error is not null)
            return error;

        error = EventRules.Properties(properties, (duplicates & (1 << 6)) != 0, eventType!, Properties, index, out var propertiesValue);
        if (error is not null)
            return error;

        leadEvent = new LeadEvent
        {
            Id = idValue,
            LeadId = leadIdValue,
            Type = eventType!,
            OccurredAt = occurredAtValue,
            Source = sourceValue,
            Campaign = campaignValue,
            Properties = propertiesValue,
        };
        return null;
    }
}
