using LeadGrains.Grains.Tenants;
using LeadGrains.Server.Hosting;
using LeadGrains.Server.Ingest;
using LeadGrains.Server.Security;
using LeadGrains.Storage.Kpis;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace LeadGrains.Server.Apis;

/// <summary><c>POST /v1/metrics</c>: channel figures that belong to no lead (SNS impressions, email list sizes).</summary>
public static class MetricsApi
{
    public static IEndpointRouteBuilder MapMetricsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/metrics", IngestAsync)
            .RequireAuthorization(Scopes.Ingest)
            .WithName("IngestChannelMetrics")
            .WithTags("KPIs")
            .WithSummary("Ingest aggregate channel reports, idempotent by id")
            .Accepts<object>("application/json")
            .DisableAntiforgery();
        return app;
    }

    public static async Task<Results<Accepted<EventsApi.IngestResponse>, ProblemHttpResult>> IngestAsync(
        HttpContext context, ChannelReportWriter writer, TenantZones zones, IOptions<LeadGrainsOptions> options)
    {
        if (context.Request.ContentType is { } type && !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return Problems.Create(StatusCodes.Status415UnsupportedMediaType, IngestProblemTypes.UnsupportedMediaType, "Unsupported media type",
                $"Content type '{type}' is not accepted here; send application/json.");
        }
        MetricReportParseResult parsed;
        using (var body = await RequestBody.ReadAsync(context.Request, options.Value.MaxRequestBodyBytes, context.RequestAborted))
        {
            if (body is null)
            {
                return Problems.Create(StatusCodes.Status413PayloadTooLarge, "body-too-large", "Request body too large",
                    $"The request body is larger than {options.Value.MaxRequestBodyBytes} bytes; send smaller batches.");
            }
            parsed = MetricReportParser.Parse(body.Memory);
        }
        if (parsed.Error is { } error)
        {
            return Problems.Create(error.Status, error.Type, error.Title, error.Detail, error.Field, error.Index);
        }
        var tenant = context.Tenant();
        var result = await writer.CommitAsync(tenant, parsed.Reports, await zones.ForAsync(tenant), context.RequestAborted);
        return TypedResults.Accepted((string?)null, new EventsApi.IngestResponse(result.Accepted, result.Duplicates));
    }
}
