using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using LeadGrains.Domain.Events;

namespace LeadGrains.Server.Ingest;

/// <summary>
/// The field rules shared by plain JSON events and CloudEvents. Each check returns null when the
/// value is fine, or the <see cref="IngestError"/> naming <c>index</c> and <c>field</c>.
/// </summary>
internal static class EventRules
{
    private static readonly string SnsKindList = BuildSnsKindList();

    // ---- reading JSON values -------------------------------------------------------------------

    /// <summary>A required string member; <paramref name="element"/> is default when the member was absent.</summary>
    public static IngestError? RequiredString(JsonElement element, bool duplicated, string field, int index, out string value)
    {
        value = string.Empty;
        if (duplicated)
            return Duplicated(field, index);
        return element.ValueKind switch
        {
            JsonValueKind.Undefined => IngestError.InvalidEvent(index, field, "is required."),
            JsonValueKind.Null => IngestError.InvalidEvent(index, field, "is required but was null."),
            JsonValueKind.String => TryGetString(element, field, index, out value),
            _ => WrongType(element, "a string", field, index),
        };
    }

    /// <summary>An optional string member: absent and null both give null.</summary>
    public static IngestError? OptionalString(JsonElement element, bool duplicated, string field, int index, out string? value)
    {
        value = null;
        if (duplicated)
            return Duplicated(field, index);
        switch (element.ValueKind)
        {
            case JsonValueKind.Undefined or JsonValueKind.Null:
                return null;
            case JsonValueKind.String:
                var error = TryGetString(element, field, index, out var text);
                value = text;
                return error;
            default:
                return WrongType(element, "a string", field, index);
        }
    }

    /// <summary>
    /// An object member whose name has a <c>\uD800</c>-style escape without its other half: the reader cannot
    /// compare it with our names, so the event is refused rather than the member silently skipped.
    /// </summary>
    public static IngestError InvalidMemberName(int index, string? field) => field is null
        ? IngestError.InvalidEventWhole(index, "has a member name with an invalid \\u escape (an unpaired surrogate).")
        : IngestError.InvalidEvent(index, field, "has a member name with an invalid \\u escape (an unpaired surrogate).");

    public static IngestError Duplicated(string field, int index) =>
        IngestError.InvalidEvent(index, field, "appears more than once.");

    public static IngestError WrongType(JsonElement element, string expected, string field, int index) =>
        IngestError.InvalidEvent(index, field, $"must be {expected}, but was {Describe(element.ValueKind)}.");

    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "missing",
    };

    private static IngestError? TryGetString(JsonElement element, string field, int index, out string value)
    {
        try
        {
            value = element.GetString()!;
            return null;
        }
        catch (InvalidOperationException)
        {
            // A \uD800-style escape without its other half: well-formed JSON, but not text.
            value = string.Empty;
            return IngestError.InvalidEvent(index, field, "contains an invalid \\u escape (an unpaired surrogate).");
        }
    }

    // ---- value rules ---------------------------------------------------------------------------

    /// <summary>1..<paramref name="maxLength"/> UTF-16 code units, no control characters (ids, lead ids, campaigns).</summary>
    public static IngestError? Text(string value, int maxLength, string field, int index)
    {
        if (value.Length == 0)
            return IngestError.InvalidEvent(index, field, "must not be empty.");
        if (value.Length > maxLength)
            return IngestError.InvalidEvent(index, field, $"must be at most {maxLength} characters long, but has {value.Length}.");
        foreach (var c in value)
        {
            if (char.IsControl(c))
                return IngestError.InvalidEvent(index, field, "must not contain control characters.");
        }
        return null;
    }

    public static IngestError? EventType(string value, string field, int index, out EventType type)
    {
        if (EventCatalog.TryGet(value, out type))
            return null;
        return IngestError.InvalidEvent(index, field, $"'{Printable(value)}' is not a known event type.");
    }

    /// <summary>An RFC 3339 timestamp with offset, not before <see cref="EventLimits.EarliestOccurredAt"/> nor beyond the allowed skew.</summary>
    public static IngestError? OccurredAt(string value, DateTimeOffset now, string field, int index, out DateTimeOffset occurredAt)
    {
        if (!Rfc3339.TryParse(value, out occurredAt))
            return IngestError.InvalidEvent(index, field, "must be an RFC 3339 timestamp with a time zone offset.");
        if (occurredAt < EventLimits.EarliestOccurredAt)
            return IngestError.InvalidEvent(index, field, $"must not be before {EventLimits.EarliestOccurredAt:yyyy-MM-dd'T'HH:mm:ss'Z'}.");
        if (occurredAt > now + EventLimits.MaxFutureSkew)
        {
            return IngestError.InvalidEvent(index, field,
                $"is more than {EventLimits.MaxFutureSkew.TotalHours:0} hours ahead of the server clock ({now.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}).");
        }
        return null;
    }

    /// <summary>
    /// Lower-cases an inflow source and checks it is 1..<see cref="EventLimits.MaxSourceLength"/> of [a-z0-9_-].
    /// Only ASCII letters are lowered: a non-ASCII letter that lower-cases to ASCII (the Kelvin sign) is refused.
    /// </summary>
    public static IngestError? Source(string value, string field, int index, out string normalised)
    {
        normalised = value;
        if (value.Length == 0)
            return IngestError.InvalidEvent(index, field, "must not be empty.");
        if (value.Length > EventLimits.MaxSourceLength)
        {
            return IngestError.InvalidEvent(index, field,
                $"must be at most {EventLimits.MaxSourceLength} characters long, but has {value.Length}.");
        }
        var hasUpper = false;
        foreach (var c in value)
        {
            if (char.IsAsciiLetterUpper(c))
                hasUpper = true;
            else if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c != '_' && c != '-')
                return IngestError.InvalidEvent(index, field, "may only contain letters a-z, digits 0-9, '_' and '-'.");
        }
        if (hasUpper)
            normalised = value.ToLowerInvariant();
        return null;
    }

    // ---- properties / data -----------------------------------------------------------------------

    /// <summary>
    /// Validates an event's properties object (<c>properties</c>, or a CloudEvent's <c>data</c>), keeps its
    /// raw text and lifts the members scoring rules read for <paramref name="type"/>.
    /// <paramref name="element"/> is default when the member was absent; null counts as absent.
    /// </summary>
    public static IngestError? Properties(JsonElement element, bool duplicated, EventType type, string field, int index, out EventProperties properties)
    {
        properties = EventProperties.Empty;
        if (duplicated)
            return Duplicated(field, index);

        var isWeb = type.Channel == Channel.Web;
        var isPageView = ReferenceEquals(type, EventCatalog.WebPageViewed);
        var isSns = ReferenceEquals(type, EventCatalog.SnsEngaged);

        if (element.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
            return isSns ? KindRequired(LiftedNames.Of(field).Kind, index) : null;
        if (element.ValueKind != JsonValueKind.Object)
            return WrongType(element, "a JSON object", field, index);

        var raw = JsonMarshal.GetRawUtf8Value(element);
        if (raw.Length > EventLimits.MaxPropertiesBytes)
        {
            return IngestError.InvalidEvent(index, field,
                $"must be at most {EventLimits.MaxPropertiesBytes} bytes of UTF-8 JSON, but has {raw.Length}.");
        }

        string? path = null, sessionId = null, kind = null;
        double? dwellSeconds = null;
        if (isWeb || isSns)
        {
            JsonElement pathElement = default, sessionElement = default, dwellElement = default, kindElement = default;
            var duplicates = 0;
            try
            {
                foreach (var member in element.EnumerateObject())
                {
                    if (isWeb && member.NameEquals("path"u8))
                        Fields.Set(ref pathElement, member.Value, 1, ref duplicates);
                    else if (isWeb && member.NameEquals("sessionId"u8))
                        Fields.Set(ref sessionElement, member.Value, 2, ref duplicates);
                    else if (isPageView && member.NameEquals("dwellSeconds"u8))
                        Fields.Set(ref dwellElement, member.Value, 4, ref duplicates);
                    else if (isSns && member.NameEquals("kind"u8))
                        Fields.Set(ref kindElement, member.Value, 8, ref duplicates);
                }
            }
            catch (InvalidOperationException)
            {
                return InvalidMemberName(index, field);
            }

            var names = LiftedNames.Of(field);
            if (isWeb)
            {
                var error = OptionalString(pathElement, (duplicates & 1) != 0, names.Path, index, out path)
                    ?? OptionalString(sessionElement, (duplicates & 2) != 0, names.SessionId, index, out sessionId);
                if (error is not null)
                    return error;
            }
            if (isPageView)
            {
                var error = DwellSeconds(dwellElement, (duplicates & 4) != 0, names.DwellSeconds, index, out dwellSeconds);
                if (error is not null)
                    return error;
            }
            if (isSns)
            {
                var error = Kind(kindElement, (duplicates & 8) != 0, names.Kind, index, out kind);
                if (error is not null)
                    return error;
            }
        }

        properties = new EventProperties
        {
            // The body was checked to be valid UTF-8, so this is the producer's text verbatim.
            Json = Encoding.UTF8.GetString(raw),
            Path = path,
            SessionId = sessionId,
            DwellSeconds = dwellSeconds,
            Kind = kind,
        };
        return null;
    }

    private static IngestError? DwellSeconds(JsonElement element, bool duplicated, string field, int index, out double? value)
    {
        value = null;
        if (duplicated)
            return Duplicated(field, index);
        switch (element.ValueKind)
        {
            case JsonValueKind.Undefined or JsonValueKind.Null:
                return null;
            case JsonValueKind.Number:
                if (!element.TryGetDouble(out var seconds) || !double.IsFinite(seconds) || seconds < 0)
                    return IngestError.InvalidEvent(index, field, "must be a finite, non-negative number of seconds.");
                value = seconds + 0.0; // -0 becomes 0
                return null;
            default:
                return WrongType(element, "a number", field, index);
        }
    }

    private static IngestError? Kind(JsonElement element, bool duplicated, string field, int index, out string? kind)
    {
        kind = null;
        if (duplicated)
            return Duplicated(field, index);
        if (element.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
            return KindRequired(field, index);
        if (element.ValueKind != JsonValueKind.String)
            return WrongType(element, $"one of {SnsKindList}", field, index);
        var error = TryGetString(element, field, index, out var text);
        if (error is not null)
            return error;
        if (!EventLimits.SnsKinds.Contains(text))
            return IngestError.InvalidEvent(index, field, $"must be one of {SnsKindList}, but was '{Printable(text)}'.");
        kind = text;
        return null;
    }

    private static IngestError KindRequired(string kindField, int index) =>
        IngestError.InvalidEvent(index, kindField,
            $"is required for {EventCatalog.SnsEngaged.Name} events (one of {SnsKindList}).");

    private static string Member(string parent, string name) => parent + "." + name;

    /// <summary>Dotted names of the lifted members, built once per parent so the happy path allocates none.</summary>
    private sealed record LiftedNames(string Path, string SessionId, string DwellSeconds, string Kind)
    {
        private static readonly LiftedNames OfProperties = For("properties");
        private static readonly LiftedNames OfData = For("data");

        public static LiftedNames Of(string parent) => parent switch
        {
            "properties" => OfProperties,
            "data" => OfData,
            _ => For(parent),
        };

        private static LiftedNames For(string parent) =>
            new(Member(parent, "path"), Member(parent, "sessionId"), Member(parent, "dwellSeconds"), Member(parent, "kind"));
    }

    private static string BuildSnsKindList()
    {
        var kinds = new List<string>(EventLimits.SnsKinds);
        kinds.Sort(StringComparer.Ordinal);
        return string.Join(", ", kinds.ConvertAll(k => "'" + k + "'"));
    }

    /// <summary>A producer's value quoted back in a message: shortened, control characters replaced.</summary>
    public static string Printable(string value)
    {
        const int max = 64;
        var shown = value.Length > max ? value[..max] + "…" : value;
        return string.Create(shown.Length, shown, static (span, source) =>
        {
            for (var i = 0; i < span.Length; i++)
                span[i] = char.IsControl(source[i]) ? '\uFFFD' : source[i];
        });
    }
}

/// <summary>Collects an object's members into slots, remembering names seen twice.</summary>
internal static class Fields
{
    public static void Set(ref JsonElement slot, JsonElement value, int bit, ref int duplicates)
    {
        if (slot.ValueKind != JsonValueKind.Undefined)
            duplicates |= bit;
        slot = value;
    }
}
