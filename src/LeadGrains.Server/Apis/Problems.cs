using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace LeadGrains.Server.Apis;

/// <summary>
/// RFC 9457 problem details with a stable <c>type</c> URI per kind of error, the offending field
/// named in <c>field</c> (and the event's position in <c>index</c> for batches).
/// </summary>
public static class Problems
{
    public const string TypeBase = "https://leadgrains.dev/problems/";

    public static ProblemHttpResult Create(int status, string kind, string title, string detail, string? field = null, int? index = null)
    {
        var extensions = new Dictionary<string, object?>();
        if (field is not null)
        {
            extensions["field"] = field;
        }
        if (index is not null)
        {
            extensions["index"] = index;
        }
        return TypedResults.Problem(detail, statusCode: status, title: title, type: TypeUri(kind), extensions: extensions);
    }

    public static string TypeUri(string kind) => kind.StartsWith("https://", StringComparison.Ordinal) ? kind : TypeBase + kind;

    public static ProblemHttpResult NotFound(string what) =>
        Create(StatusCodes.Status404NotFound, "not-found", "Not found", $"{what} was not found.");

    public static ProblemHttpResult Invalid(string field, string detail) =>
        Create(StatusCodes.Status400BadRequest, "invalid-parameter", "Invalid parameter", detail, field);

    /// <summary>Writes a problem outside an endpoint (authentication challenges).</summary>
    public static Task Write(HttpContext context, int status, string kind, string title, string detail, string? field = null)
    {
        context.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Type = TypeUri(kind), Title = title, Detail = detail };
        if (field is not null)
        {
            problem.Extensions["field"] = field;
        }
        return context.Response.WriteAsJsonAsync(
            problem,
            options: null,
            contentType: "application/problem+json");
    }
}
