using LeadGrains.Server.Apis;
using LeadGrains.Server.Leads;
using LeadGrains.Storage.Journal;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace LeadGrains.Server.Hosting;

/// <summary>Cross-cutting setup: problem details, health checks, OpenAPI, OpenTelemetry (OTLP only when configured).</summary>
public static class ServiceDefaults
{
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        // A body that does not bind throws (instead of a bare 400) so BadRequestHandler can answer it.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<BadRequestHandler>();
        builder.Services.AddExceptionHandler<TransientErrorHandler>();
        builder.Services.AddOpenApi();
        builder.Services.AddHealthChecks().AddCheck<ReadinessCheck>("ready", tags: ["ready"]);

        var otel = builder.Services.AddOpenTelemetry()
            .WithMetrics(m => m
                .AddMeter(LeadIngestor.MeterName, JournalWriter.MeterName, "Microsoft.Orleans")
                .AddAspNetCoreInstrumentation())
            .WithTracing(t => t
                .AddSource("Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application")
                .AddAspNetCoreInstrumentation());
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            otel.UseOtlpExporter();
        }
        return builder;
    }

    public static WebApplication MapServiceDefaults(this WebApplication app)
    {
        app.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains("ready") });
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        app.MapOpenApi();
        return app;
    }
}
