using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace LeadGrains.Bench.Memory;

/// <summary>
/// Activates leads through the real API: N distinct leads, one event each (a mix of types, so
/// states carry counters, touches and cap buckets), in batches with a fixed number of requests in
/// flight. A failed batch is retried (event ids make that safe) and counted.
/// </summary>
public sealed class LeadDriver(Uri url, string apiKey, int batch, int concurrency)
{
    private static readonly string[] Types =
        ["email.opened", "email.clicked", "web.page_viewed", "web.cta_clicked", "webinar.registered", "document.requested", "exhibition.visited"];

    public sealed record Outcome(long Sent, int FailedRequests, double DurationSeconds);

    public async Task<Outcome> DriveAsync(int leads, string prefix, CancellationToken ct)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency })
        {
            BaseAddress = url,
            Timeout = TimeSpan.FromMinutes(5),
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);

        var batches = (leads + batch - 1) / batch;
        var next = -1;
        var failed = 0;
        var now = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int b;
            while ((b = Interlocked.Increment(ref next)) < batches)
            {
                var body = Body(prefix, b * batch, Math.Min(leads, (b + 1) * batch), now);
                for (var attempt = 1; ; attempt++)
                {
                    using var content = new ByteArrayContent(body);
                    content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                    using var response = await http.PostAsync("/v1/events", content, ct);
                    if (response.IsSuccessStatusCode)
                        break;
                    Interlocked.Increment(ref failed);
                    if (attempt == 3)
                        throw new HttpRequestException($"batch {b} failed 3 times, last {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
                }
            }
        }));
        clock.Stop();
        return new Outcome(leads, failed, clock.Elapsed.TotalSeconds);
    }

    private static byte[] Body(string prefix, int from, int to, DateTimeOffset now)
    {
        var sb = new StringBuilder("[");
        for (var i = from; i < to; i++)
        {
            var type = Types[i % Types.Length];
            var at = now.AddMinutes(-(i % 43_200)); // within the last 30 days
            sb.Append(i == from ? "" : ",")
              .Append(CultureInfo.InvariantCulture, $"{{\"id\":\"{prefix}-e{i}\",\"leadId\":\"{prefix}-{i}\",\"type\":\"{type}\",")
              .Append(CultureInfo.InvariantCulture, $"\"occurredAt\":\"{at:O}\",\"source\":\"search\",\"campaign\":\"c{i % 20}\"");
            if (type == "web.page_viewed")
                sb.Append(CultureInfo.InvariantCulture, $",\"properties\":{{\"path\":\"/p/{i % 50}\",\"sessionId\":\"s{i}\",\"dwellSeconds\":{i % 300}}}");
            sb.Append('}');
        }
        return Encoding.UTF8.GetBytes(sb.Append(']').ToString());
    }
}
