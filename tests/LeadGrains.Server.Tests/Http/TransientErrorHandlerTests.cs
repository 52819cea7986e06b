using System.Text.Json;
using LeadGrains.Server.Apis;
using LeadGrains.Storage.Journal;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Runtime;

namespace LeadGrains.Server.Tests.Http;

public sealed class TransientErrorHandlerTests
{
    public static TheoryData<Exception> Transient => new()
    {
        new JournalUnavailableException(new IOException("disk")),
        new LeadVersionConflictException([("t", "l")]),
        new TimeoutException(),
        new SiloUnavailableException(),
        new AggregateException(new TimeoutException(), new SiloUnavailableException()),
        new InvalidOperationException("wrapped", new JournalUnavailableException(new IOException("x"))),
    };

    [Theory]
    [MemberData(nameof(Transient))]
    public async Task Failures_a_retry_can_cure_answer_503_with_retry_after(Exception failure)
    {
        var (status, retryAfter, type) = await HandleAsync(failure);

        Assert.Equal(503, status);
        Assert.Equal("1", retryAfter);
        Assert.EndsWith("temporarily-unavailable", type);
    }

    [Fact]
    public async Task Other_failures_answer_500_problem_details_without_internals()
    {
        var (status, _, type) = await HandleAsync(new NullReferenceException("secret detail"));

        Assert.Equal(500, status);
        Assert.EndsWith("internal-error", type);
    }

    private static async Task<(int Status, string? RetryAfter, string Type)> HandleAsync(Exception failure)
    {
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();
        var handled = await new TransientErrorHandler(NullLogger<TransientErrorHandler>.Instance)
            .TryHandleAsync(context, failure, CancellationToken.None);
        Assert.True(handled);
        context.Response.Body.Position = 0;
        using var json = await JsonDocument.ParseAsync(context.Response.Body);
        Assert.DoesNotContain("secret", json.RootElement.GetRawText(), StringComparison.Ordinal);
        return (context.Response.StatusCode, context.Response.Headers.RetryAfter.ToString() is { Length: > 0 } r ? r : null,
            json.RootElement.GetProperty("type").GetString()!);
    }
}
