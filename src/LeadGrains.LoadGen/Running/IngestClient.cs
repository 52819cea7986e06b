using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using LeadGrains.Simulation.Batches;

namespace LeadGrains.LoadGen.Running;

/// <summary>
/// Posts batches. 503 and 429 are retried with the same body (and so the same ids: the server
/// counts what already committed as duplicates) after Retry-After or an exponential backoff.
/// </summary>
public sealed class IngestClient : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    private readonly HttpClient _http;
    private readonly IReadOnlyList<AuthenticationHeaderValue> _keys;
    private readonly int _maxRetries;

    public IngestClient(Uri baseAddress, IReadOnlyList<string> tenantKeys, int connections, TimeSpan timeout, int maxRetries)
    {
        _http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        })
        {
            BaseAddress = baseAddress,
            Timeout = timeout,
        };
        _keys = [.. tenantKeys.Select(k => new AuthenticationHeaderValue("Bearer", k))];
        _maxRetries = maxRetries;
    }

    public async Task<SendOutcome> SendAsync(EventBatch batch, CancellationToken ct)
    {
        var path = batch.Kind == BatchKind.MetricReports ? "/v1/metrics" : "/v1/events";
        for (var attempt = 0; ; attempt++)
        {
            HttpResponseMessage response;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, path)
                {
                    Content = new ByteArrayContent(batch.Buffer, 0, batch.Length) { Headers = { ContentType = Json } },
                };
                request.Headers.Authorization = _keys[batch.Tenant];
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
            }
            catch (HttpRequestException e)
            {
                return SendOutcome.Failure(0, attempt, "transport: " + e.Message);
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                return SendOutcome.Failure(0, attempt, $"timeout after {_http.Timeout.TotalSeconds:0} s");
            }

            using (response)
            {
                var status = (int)response.StatusCode;
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    var (accepted, duplicates) = await ReadAnswerAsync(response, ct);
                    return new SendOutcome(OutcomeKind.Acknowledged, status, accepted, duplicates, attempt, null);
                }
                if (response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests)
                {
                    if (attempt >= _maxRetries)
                        return SendOutcome.Failure(status, attempt, $"{status} after {attempt} retries: {await ProblemAsync(response, ct)}");
                    await Task.Delay(Backoff(response, attempt), ct);
                    continue;
                }
                var problem = await ProblemAsync(response, ct);
                return response.StatusCode switch
                {
                    HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new SendOutcome(OutcomeKind.Unauthorized, status, 0, 0, attempt, problem),
                    HttpStatusCode.NotFound when batch.Kind == BatchKind.MetricReports => new SendOutcome(OutcomeKind.NotSupported, status, 0, 0, attempt, problem),
                    _ when status is >= 400 and < 500 => new SendOutcome(OutcomeKind.Rejected, status, 0, 0, attempt, problem),
                    _ => SendOutcome.Failure(status, attempt, problem),
                };
            }
        }
    }

    private static TimeSpan Backoff(HttpResponseMessage response, int attempt)
    {
        var exponential = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, FirstBackoff.Ticks << Math.Min(attempt, 10)));
        var retryAfter = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow,
            _ => (TimeSpan?)null,
        };
        if (retryAfter is not { } wait || wait <= TimeSpan.Zero)
            return exponential;
        // Honour the server, within reason: a load run should not stall for a minute on one batch.
        return wait > MaxBackoff ? MaxBackoff : wait;
    }

    private static async Task<(int Accepted, int Duplicates)> ReadAnswerAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        using var json = await JsonDocument.ParseAsync(body, cancellationToken: ct);
        var root = json.RootElement;
        return (root.GetProperty("accepted").GetInt32(), root.GetProperty("duplicates").GetInt32());
    }

    /// <summary>The problem's title and detail, short: enough to say what went wrong in the summary.</summary>
    private static async Task<string> ProblemAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        try
        {
            using var json = JsonDocument.Parse(text);
            var root = json.RootElement;
            var title = root.TryGetProperty("title", out var t) ? t.GetString() : null;
            var detail = root.TryGetProperty("detail", out var d) ? d.GetString() : null;
            text = string.Join(": ", new[] { title, detail }.Where(s => !string.IsNullOrEmpty(s)));
        }
        catch (JsonException)
        {
        }
        text = $"{(int)response.StatusCode} {text}".Trim();
        return text.Length > 300 ? text[..300] + "…" : text;
    }

    public void Dispose() => _http.Dispose();
}
