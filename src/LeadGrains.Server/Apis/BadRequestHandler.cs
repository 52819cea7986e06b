using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace LeadGrains.Server.Apis;

/// <summary>
/// Endpoints that bind a typed JSON body (targets, KGI, tenant settings, keys) fail before the
/// handler runs when the body is not JSON of the right shape. Minimal APIs would answer a bare
/// 400; with <c>ThrowOnBadRequest</c> on, this turns it into problem details that say what is
/// wrong and which member (<c>field</c>). Nothing has been changed at that point.
/// </summary>
public sealed class BadRequestHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }
        var json = bad.InnerException as JsonException;
        var detail = json is null ? bad.Message : $"The request body is not valid for this endpoint: {Reason(json)}";
        var field = json?.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;
        await Problems.Write(httpContext, bad.StatusCode, "invalid-body", "Invalid request body", detail, field);
        return true;
    }

    /// <summary>The serializer's sentence without the position it appends.</summary>
    private static string Reason(JsonException e)
    {
        var at = e.Message.IndexOf(" Path:", StringComparison.Ordinal);
        var reason = at > 0 ? e.Message[..at] : e.Message;
        return e.Path is { } path ? $"{reason} (at {path})" : reason;
    }
}
