using LeadGrains.Domain.Events;
using LeadGrains.Server.Hosting;
using LeadGrains.Server.Ingest;
using LeadGrains.Server.Leads;
using LeadGrains.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace LeadGrains.Server.Apis;

/// <summary><c>POST /v1/events</c>: JSON events and CloudEvents in, 202 after commit.</summary>
public static class EventsApi
{
    public sealed record IngestResponse(int Accepted, int Duplicates);

    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/events", IngestAsync)
            .RequireAuthorization(Scopes.Ingest)
            .WithName("IngestEvents")
            .WithSummary("Ingest lead events (JSON, or CloudEvents structured, batched or binary)")
            .Accepts<object>("application/json", "application/cloudevents+json", "application/cloudevents-batch+json")
            .DisableAntiforgery();
        return app;
    }

    public static async Task<Results<Accepted<IngestResponse>, ProblemHttpResult>> IngestAsync(
        HttpContext context, LeadIngestor ingestor, IOptions<LeadGrainsOptions> options, TimeProvider clock)
    {
        IngestParseResult parsed;
        using (var body = await RequestBody.ReadAsync(context.Request, options.Value.MaxRequestBodyBytes, context.RequestAborted))
        {
            if (body is null)
            {
                return Problems.Create(StatusCodes.Status413PayloadTooLarge, "body-too-large", "Request body too large",
                    $"The request body is larger than {options.Value.MaxRequestBodyBytes} bytes; send smaller batches.");
            }

            // The parser reads only CloudEvents' ce-* headers (binary mode); copy just those.
            var headers = context.Request.Headers
                .Where(h => h.Key.StartsWith("ce-", StringComparison.OrdinalIgnoreCase))
                .ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            parsed = IngestParser.Parse(context.Request.ContentType, headers, body.Memory, clock.GetUtcNow());
        }
        if (parsed.Error is { } error)
        {
            return Problems.Create(error.Status, error.Type, error.Title, error.Detail, error.Field, error.Index);
        }

        // A failure here surfaces through TransientErrorHandler as 503: nothing acknowledged,
        // and what did commit is dropped as duplicates on the producer's retry.
        var result = await ingestor.IngestAsync(context.Tenant(), parsed.Events);
        return TypedResults.Accepted((string?)null, new IngestResponse(result.Accepted, result.Duplicates));
    }
}
