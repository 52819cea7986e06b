using System.Text.Json;
using LeadGrains.Domain.Events;
using LeadGrains.Domain.Kpis;

namespace LeadGrains.Server.Ingest;

/// <summary>The reports of a POST /v1/metrics body, or the error that names the report and field at fault.</summary>
public sealed record MetricReportParseResult(IReadOnlyList<ChannelMetricReport> Reports, IngestError? Error);

/// <summary>
/// Reads channel reports: one object or an array of up to <see cref="EventLimits.MaxBatchSize"/>
/// of <c>{"id","metric","value","occurredAt","campaign"?}</c>. The batch rules are the events'
/// rules: the first bad report fails the whole request and nothing is stored.
/// </summary>
public static class MetricReportParser
{
    public const string InvalidReportType = "https://leadgrains.dev/problems/invalid-report";

    public static MetricReportParseResult Parse(ReadOnlyMemory<byte> body)
    {
        body = JsonBody.WithoutBom(body);
        if (JsonBody.TryParse(body, null, out var document) is { } malformed)
        {
            return Failure(malformed);
        }
        using (document)
        {
            var root = document!.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                return Read([root]);
            }
            if (root.ValueKind != JsonValueKind.Array)
            {
                return Failure(IngestError.InvalidBody($"The request body must be a report object or an array of them, but was {EventRules.Describe(root.ValueKind)}."));
            }
            var count = root.GetArrayLength();
            if (count == 0)
            {
                return Failure(IngestError.InvalidBody("The batch contains no reports; send at least one."));
            }
            if (count > EventLimits.MaxBatchSize)
            {
                return Failure(IngestError.BatchTooLarge(count, EventLimits.MaxBatchSize) with
                {
                    Detail = $"The batch has {count} reports; at most {EventLimits.MaxBatchSize} are accepted per request.",
                });
            }
            return Read(root.EnumerateArray().ToList());
        }
    }

    private static MetricReportParseResult Read(IReadOnlyList<JsonElement> elements)
    {
        var reports = new ChannelMetricReport[elements.Count];
        for (var i = 0; i < elements.Count; i++)
        {
            var error = ReadOne(elements[i], i, out var report);
            if (error is not null)
            {
                return Failure(error);
            }
            reports[i] = report!;
        }
        return new MetricReportParseResult(reports, null);
    }

    private static IngestError? ReadOne(JsonElement e, int index, out ChannelMetricReport? report)
    {
        report = null;
        if (e.ValueKind != JsonValueKind.Object)
        {
            return Invalid(index, null, $"must be a JSON object, but was {EventRules.Describe(e.ValueKind)}.");
        }
        if (Text(e, "id", index, required: true, out var id) is { } idError)
        {
            return idError;
        }
        if (Text(e, "metric", index, required: true, out var metricName) is { } metricError)
        {
            return metricError;
        }
        if (!ChannelMetrics.TryParse(metricName!, out var metric))
        {
            return Invalid(index, "metric", $"'{metricName}' is not a channel metric; use one of {string.Join(", ", ChannelMetrics.All.Select(m => m.Name()))}.");
        }
        if (!e.TryGetProperty("value", out var valueElement) || valueElement.ValueKind != JsonValueKind.Number || !valueElement.TryGetDouble(out var value))
        {
            return Invalid(index, "value", "is required and must be a number.");
        }
        if (Text(e, "occurredAt", index, required: true, out var occurredText) is { } occurredError)
        {
            return occurredError;
        }
        if (!Rfc3339.TryParse(occurredText, out var occurredAt))
        {
            return Invalid(index, "occurredAt", "must be an RFC 3339 timestamp with a time zone offset, e.g. 2026-11-20T10:00:00Z.");
        }
        if (Text(e, "campaign", index, required: false, out var campaign) is { } campaignError)
        {
            return campaignError;
        }
        var candidate = new ChannelMetricReport { Id = id!, Metric = metric, Value = value, OccurredAt = occurredAt, Campaign = campaign };
        if (candidate.Validate() is [var first, ..])
        {
            // The domain's message already starts with the field's name.
            return new IngestError(400, InvalidReportType, "Invalid report", $"Report {index}: {first.Message}.", index, first.Field);
        }
        report = candidate;
        return null;
    }

    private static IngestError? Text(JsonElement e, string field, int index, bool required, out string? value)
    {
        value = null;
        if (!e.TryGetProperty(field, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return required ? Invalid(index, field, "is required.") : null;
        }
        if (element.ValueKind != JsonValueKind.String)
        {
            return Invalid(index, field, $"must be a string, but was {EventRules.Describe(element.ValueKind)}.");
        }
        value = element.GetString();
        return null;
    }

    private static IngestError Invalid(int index, string? field, string message) => new(
        400, InvalidReportType, "Invalid report",
        field is null ? $"Report {index} {message}" : $"Report {index}: '{field}' {message}", index, field);

    private static MetricReportParseResult Failure(IngestError error) => new([], error);
}
