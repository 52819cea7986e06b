using LeadGrains.Storage.Journal;
using Microsoft.AspNetCore.Diagnostics;
using Orleans.Runtime;

namespace LeadGrains.Server.Apis;

/// <summary>
/// Turns failures that a retry can cure — the store or a silo briefly unavailable, a lead
/// written by another activation, a call that timed out — into 503 problem details with
/// Retry-After. Nothing of such a request was acknowledged, and a retried ingest is deduplicated,
/// so retrying is always safe. Anything else is a 500 problem without internals.
/// </summary>
public sealed partial class TransientErrorHandler(ILogger<TransientErrorHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (IsTransient(exception))
        {
            LogTransient(logger, exception.GetType().Name, httpContext.Request.Path);
            httpContext.Response.Headers.RetryAfter = "1";
            await Problems.Write(httpContext, StatusCodes.Status503ServiceUnavailable, "temporarily-unavailable", "Temporarily unavailable",
                "The request could not be completed right now and nothing of it was acknowledged; retry it.");
            return true;
        }

        LogUnexpected(logger, exception, httpContext.Request.Path);
        await Problems.Write(httpContext, StatusCodes.Status500InternalServerError, "internal-error", "Internal error",
            "The server failed to handle the request; nothing of it was acknowledged.");
        return true;
    }

    public static bool IsTransient(Exception e) => e switch
    {
        JournalUnavailableException or LeadVersionConflictException or TimeoutException => true,
        SiloUnavailableException or OrleansMessageRejectionException or GatewayTooBusyException => true,
        AggregateException a => a.InnerExceptions.All(IsTransient),
        _ => e.InnerException is { } inner && IsTransient(inner),
    };

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Transient failure ({Kind}) on {Path}; answered 503")]
    private static partial void LogTransient(ILogger logger, string kind, PathString path);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Error, Message = "Unhandled failure on {Path}")]
    private static partial void LogUnexpected(ILogger logger, Exception e, PathString path);
}
