using System.Text.Json;
using LeadGrains.Domain.Events;

namespace LeadGrains.Server.Ingest;

/// <summary>
/// Reads CloudEvents 1.0 over HTTP (structured, batched and binary mode) into <see cref="LeadEvent"/>s.
/// </summary>
/// <remarks>
/// Mapping: <c>id</c>→Id, <c>subject</c>→LeadId (required), <c>type</c>→Type, <c>time</c>→OccurredAt (required here),
/// extension <c>leadsource</c>→Source, extension <c>campaign</c>→Campaign, <c>data</c> (a JSON object)→Properties.
/// <c>specversion</c> must be "1.0"; <c>source</c> is required but not stored; <c>datacontenttype</c>, when present,
/// must be JSON; <c>data_base64</c> is refused. Other attributes are ignored. Errors name the attribute.
/// </remarks>
public static class CloudEventReader
{
    private const string SpecVersion = "specversion";
    private const string Id = "id";
    private const string CeSource = "source";
    private const string Type = "type";
    private const string Subject = "subject";
    private const string Time = "time";
    private const string LeadSource = "leadsource";
    private const string Campaign = "campaign";
    private const string DataContentType = "datacontenttype";
    private const string Data = "data";
    private const string DataBase64 = "data_base64";

    /// <summary>Structured mode (<c>application/cloudevents+json</c>): the body is one CloudEvent object.</summary>
    public static IngestParseResult ReadStructured(ReadOnlyMemory<byte> body, DateTimeOffset now)
    {
        body = JsonBody.WithoutBom(body);
        var error = JsonBody.TryParse(body, null, out var document);
        if (error is not null)
            return IngestParseResult.Failure(error);
        using (document)
        {
            var root = document!.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                var hint = root.ValueKind == JsonValueKind.Array ? $" (send a batch as {MediaType.CloudEventsBatch})" : "";
                return IngestParseResult.Failure(IngestError.InvalidBody(
                    $"A {MediaType.CloudEvents} body must be one CloudEvent object, but was {EventRules.Describe(root.ValueKind)}{hint}."));
            }
            error = ReadEvent(root, 0, now, out var leadEvent);
            return error is null ? IngestParseResult.Success([leadEvent!]) : IngestParseResult.Failure(error);
        }
    }

    /// <summary>Batched mode (<c>application/cloudevents-batch+json</c>): the body is an array of CloudEvent objects.</summary>
    public static IngestParseResult ReadBatch(ReadOnlyMemory<byte> body, DateTimeOffset now)
    {
        body = JsonBody.WithoutBom(body);
        var error = JsonBody.TryParse(body, null, out var document);
        if (error is not null)
            return IngestParseResult.Failure(error);
        using (document)
        {
            var root = document!.RootElement;
            if (root.ValueKind != JsonValueKind.Array)
            {
                return IngestParseResult.Failure(IngestError.InvalidBody(
                    $"A {MediaType.CloudEventsBatch} body must be an array of CloudEvent objects, but was {EventRules.Describe(root.ValueKind)}."));
            }
            return JsonEventReader.ReadArray(root, now, ReadEvent);
        }
    }

    /// <summary>
    /// Binary mode: attributes come from <c>ce-*</c> headers (percent-decoded as the HTTP binding says), the body is
    /// <c>data</c> and <paramref name="contentType"/> is its <c>datacontenttype</c>. An empty body means no data.
    /// </summary>
    public static IngestParseResult ReadBinary(string? contentType, IReadOnlyDictionary<string, string> headers, ReadOnlyMemory<byte> body, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(headers);
        const int index = 0;

        // The media type is judged first, as for the other formats: a non-JSON body is a 415 whatever the headers say.
        body = JsonBody.WithoutBom(body);
        if (!body.IsEmpty && !string.IsNullOrWhiteSpace(contentType) && !MediaType.IsJson(contentType))
        {
            return IngestParseResult.Failure(IngestError.UnsupportedMediaType(
                $"In CloudEvents binary mode the body is the event's data, which must be JSON ({MediaType.Json} or a +json type), but Content-Type is '{EventRules.Printable(contentType)}'."));
        }

        var specVersion = Header(headers, "ce-specversion");
        var error = specVersion is null
            ? IngestError.InvalidEvent(index, SpecVersion, "is required.")
            : specVersion == "1.0" ? null : WrongSpecVersion(specVersion, index);
        if (error is not null)
            return IngestParseResult.Failure(error);

        var id = Header(headers, "ce-id");
        if (id is null)
            return IngestParseResult.Failure(Missing(Id, index));
        error = EventRules.Text(id, EventLimits.MaxIdLength, Id, index);
        if (error is not null)
            return IngestParseResult.Failure(error);

        var source = Header(headers, "ce-source");
        error = source is null ? Missing(CeSource, index) : ProducerSource(source, index);
        if (error is not null)
            return IngestParseResult.Failure(error);

        var typeName = Header(headers, "ce-type");
        EventType? type = null;
        error = typeName is null ? Missing(Type, index) : EventRules.EventType(typeName, Type, index, out type);
        if (error is not null)
            return IngestParseResult.Failure(error);

        var subject = Header(headers, "ce-subject");
        if (subject is null)
            return IngestParseResult.Failure(Missing(Subject, index));
        error = EventRules.Text(subject, EventLimits.MaxLeadIdLength, Subject, index);
        if (error is not null)
            return IngestParseResult.Failure(error);

        var time = Header(headers, "ce-time");
        var occurredAt = default(DateTimeOffset);
        error = time is null ? Missing(Time, index) : EventRules.OccurredAt(time, now, Time, index, out occurredAt);
        if (error is not null)
            return IngestParseResult.Failure(error);

        var leadSource = Header(headers, "ce-leadsource");
        string? normalisedSource = null;
        error = leadSource is null ? null : EventRules.Source(leadSource, LeadSource, index, out normalisedSource);
        if (error is not null)
            return IngestParseResult.Failure(error);

        var campaign = Header(headers, "ce-campaign");
        error = campaign is null ? null : EventRules.Text(campaign, EventLimits.MaxCampaignLength, Campaign, index);
        if (error is not null)
            return IngestParseResult.Failure(error);

        EventProperties properties;
        if (body.IsEmpty)
        {
            error = EventRules.Properties(default, false, type!, Data, index, out properties);
        }
        else
        {
            error = JsonBody.TryParse(body, Data, out var document);
            if (error is not null)
                return IngestParseResult.Failure(error);
            using (document)
            {
                error = EventRules.Properties(document!.RootElement, false, type!, Data, index, out properties);
            }
        }
        if (error is not null)
            return IngestParseResult.Failure(error);

        return IngestParseResult.Success([new LeadEvent
        {
            Id = id,
            LeadId = subject,
            Type = type!,
            OccurredAt = occurredAt,
            Source = normalisedSource,
            Campaign = campaign,
            Properties = properties,
        }]);
    }

    /// <summary>One structured CloudEvent object; attributes are checked in a fixed order.</summary>
    internal static IngestError? ReadEvent(JsonElement element, int index, DateTimeOffset now, out LeadEvent? leadEvent)
    {
        leadEvent = null;
        JsonElement specVersion = default, id = default, source = default, type = default, subject = default, time = default;
        JsonElement leadSource = default, campaign = default, dataContentType = default, data = default, dataBase64 = default;
        var duplicates = 0;
        try
        {
            foreach (var member in element.EnumerateObject())
            {
                if (member.NameEquals("specversion"u8))
                    Fields.Set(ref specVersion, member.Value, 1 << 0, ref duplicates);
                else if (member.NameEquals("id"u8))
                    Fields.Set(ref id, member.Value, 1 << 1, ref duplicates);
                else if (member.NameEquals("source"u8))
                    Fields.Set(ref source, member.Value, 1 << 2, ref duplicates);
                else if (member.NameEquals("type"u8))
                    Fields.Set(ref type, member.Value, 1 << 3, ref duplicates);
                else if (member.NameEquals("subject"u8))
                    Fields.Set(ref subject, member.Value, 1 << 4, ref duplicates);
                else if (member.NameEquals("time"u8))
                    Fields.Set(ref time, member.Value, 1 << 5, ref duplicates);
                else if (member.NameEquals("leadsource"u8))
                    Fields.Set(ref leadSource, member.Value, 1 << 6, ref duplicates);
                else if (member.NameEquals("campaign"u8))
                    Fields.Set(ref campaign, member.Value, 1 << 7, ref duplicates);
                else if (member.NameEquals("datacontenttype"u8))
                    Fields.Set(ref dataContentType, member.Value, 1 << 8, ref duplicates);
                else if (member.NameEquals("data"u8))
                    Fields.Set(ref data, member.Value, 1 << 9, ref duplicates);
                else if (member.NameEquals("data_base64"u8))
                    Fields.Set(ref dataBase64, member.Value, 1 << 10, ref duplicates);
            }
        }
        catch (InvalidOperationException)
        {
            return EventRules.InvalidMemberName(index, null);
        }

        var error = EventRules.RequiredString(specVersion, (duplicates & (1 << 0)) != 0, SpecVersion, index, out var specVersionValue);
        if (error is null && specVersionValue != "1.0")
            error = WrongSpecVersion(specVersionValue, index);
        if (error is not null)
            return error;

        error = EventRules.RequiredString(id, (duplicates & (1 << 1)) != 0, Id, index, out var idValue)
            ?? EventRules.Text(idValue, EventLimits.MaxIdLength, Id, index);
        if (error is not null)
            return error;

        error = EventRules.RequiredString(source, (duplicates & (1 << 2)) != 0, CeSource, index, out var sourceValue)
            ?? ProducerSource(sourceValue, index);
        if (error is not null)
            return error;

        error = EventRules.RequiredString(type, (duplicates & (1 << 3)) != 0, Type, index, out var typeName);
        EventType? eventType = null;
        error ??= EventRules.EventType(typeName, Type, index, out eventType);
        if (error is not null)
            return error;

        error = EventRules.RequiredString(subject, (duplicates & (1 << 4)) != 0, Subject, index, out var subjectValue)
            ?? EventRules.Text(subjectValue, EventLimits.MaxLeadIdLength, Subject, index);
        if (error is not null)
            return error;

        error = EventRules.RequiredString(time, (duplicates & (1 << 5)) != 0, Time, index, out var timeText);
        var occurredAt = default(DateTimeOffset);
        error ??= EventRules.OccurredAt(timeText, now, Time, index, out occurredAt);
        if (error is not null)
            return error;

        error = EventRules.OptionalString(leadSource, (duplicates & (1 << 6)) != 0, LeadSource, index, out var leadSourceText);
        string? leadSourceValue = null;
        if (error is null && leadSourceText is not null)
            error = EventRules.Source(leadSourceText, LeadSource, index, out leadSourceValue);
        if (error is not null)
            return error;

        error = EventRules.OptionalString(campaign, (duplicates & (1 << 7)) != 0, Campaign, index, out var campaignValue);
        if (error is null && campaignValue is not null)
            error = EventRules.Text(campaignValue, EventLimits.MaxCampaignLength, Campaign, index);
        if (error is not null)
            return error;

        error = EventRules.OptionalString(dataContentType, (duplicates & (1 << 8)) != 0, DataContentType, index, out var dataContentTypeValue);
        if (error is null && dataContentTypeValue is not null && !MediaType.IsJson(dataContentTypeValue))
        {
            error = IngestError.InvalidEvent(index, DataContentType,
                $"must be {MediaType.Json} or a +json media type, but was '{EventRules.Printable(dataContentTypeValue)}'.");
        }
        if (error is not null)
            return error;

        if (dataBase64.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null))
            return IngestError.InvalidEvent(index, DataBase64, "is not supported; send the properties as a JSON object in 'data'.");

        error = EventRules.Properties(data, (duplicates & (1 << 9)) != 0, eventType!, Data, index, out var properties);
        if (error is not null)
            return error;

        leadEvent = new LeadEvent
        {
            Id = idValue,
            LeadId = subjectValue,
            Type = eventType!,
            OccurredAt = occurredAt,
            Source = leadSourceValue,
            Campaign = campaignValue,
            Properties = properties,
        };
        return null;
    }

    private static IngestError Missing(string attribute, int index) =>
        IngestError.InvalidEvent(index, attribute, "is required.");

    private static IngestError WrongSpecVersion(string value, int index) =>
        IngestError.InvalidEvent(index, SpecVersion, $"must be \"1.0\", but was \"{EventRules.Printable(value)}\".");

    /// <summary>The producer's <c>source</c> URI-reference: required and non-empty by the spec; we do not store it.</summary>
    private static IngestError? ProducerSource(string value, int index)
    {
        if (value.Length == 0)
            return IngestError.InvalidEvent(index, CeSource, "must be a non-empty URI-reference.");
        foreach (var c in value)
        {
            if (char.IsControl(c))
                return IngestError.InvalidEvent(index, CeSource, "must not contain control characters.");
        }
        return null;
    }

    /// <summary>A header by name, case-insensitively whatever the dictionary's comparer, percent-decoded (CloudEvents HTTP binding §3.1.3.2).</summary>
    internal static string? Header(IReadOnlyDictionary<string, string> headers, string name)
    {
        if (!IngestParser.TryGetHeader(headers, name, out var value))
            return null;
        return value.Contains('%', StringComparison.Ordinal) ? Uri.UnescapeDataString(value) : value;
    }
}
