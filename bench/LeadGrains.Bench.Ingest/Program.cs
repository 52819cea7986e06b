using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

// usage: LeadGrains.Bench.Ingest <baseUrl> <apiKey> [events=200000] [batch=1000] [inFlight=8] [leads=20000] [seed=1]
var baseUrl = args.ElementAtOrDefault(0) ?? "http://127.0.0.1:5080";
var apiKey = args.ElementAtOrDefault(1) ?? throw new ArgumentException("api key required");
var total = int.Parse(args.ElementAtOrDefault(2) ?? "200000");
var batchSize = int.Parse(args.ElementAtOrDefault(3) ?? "1000");
var inFlight = int.Parse(args.ElementAtOrDefault(4) ?? "8");
var leads = int.Parse(args.ElementAtOrDefault(5) ?? "20000");
var seed = int.Parse(args.ElementAtOrDefault(6) ?? "1");

string[] types = ["email.delivered", "email.opened", "email.clicked", "web.page_viewed", "web.page_viewed", "web.cta_clicked",
    "webinar.registered", "whitepaper.downloaded", "document.requested", "exhibition.visited"];
string[] sources = ["search", "sns", "newsletter", "seminar", "ads"];
var run = Guid.NewGuid().ToString("N")[..8];
var random = new Random(seed);
var start = DateTimeOffset.UtcNow.AddDays(-30);

var bodies = new List<byte[]>();
for (var b = 0; b < total / batchSize; b++)
{
    var sb = new StringBuilder("[");
    for (var i = 0; i < batchSize; i++)
    {
        var n = b * batchSize + i;
        var type = types[random.Next(types.Length)];
        var props = type == "web.page_viewed" ? $",\"properties\":{{\"path\":\"/p/{random.Next(50)}\",\"sessionId\":\"s{random.Next(1000)}\",\"dwellSeconds\":{random.Next(300)}}}" : "";
        sb.Append(i == 0 ? "" : ",")
          .Append($"{{\"id\":\"{run}-{n}\",\"leadId\":\"lead-{random.Next(leads)}\",\"type\":\"{type}\",")
          .Append($"\"occurredAt\":\"{start.AddSeconds(n):O}\",\"source\":\"{sources[random.Next(sources.Length)]}\",\"campaign\":\"c{random.Next(20)}\"{props}}}");
    }
    bodies.Add(Encoding.UTF8.GetBytes(sb.Append(']').ToString()));
}

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = inFlight }) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(2) };
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);

var latencies = new double[bodies.Count];
var next = -1;
var errors = 0;
var clock = Stopwatch.StartNew();
await Task.WhenAll(Enumerable.Range(0, inFlight).Select(async _ =>
{
    int i;
    while ((i = Interlocked.Increment(ref next)) < bodies.Count)
    {
        var t = Stopwatch.GetTimestamp();
        using var content = new ByteArrayContent(bodies[i]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync("/v1/events", content);
        latencies[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
        if ((int)response.StatusCode != 202)
        {
            Interlocked.Increment(ref errors);
            Console.Error.WriteLine($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}));
clock.Stop();

Array.Sort(latencies);
double P(double q) => latencies[Math.Min(latencies.Length - 1, (int)(q * latencies.Length))];
var sent = bodies.Count * batchSize;
Console.WriteLine($"events={sent} batch={batchSize} inFlight={inFlight} leads={leads} errors={errors}");
Console.WriteLine($"elapsed={clock.Elapsed.TotalSeconds:F2}s throughput={sent / clock.Elapsed.TotalSeconds:F0} events/s");
Console.WriteLine($"batch latency ms: p50={P(0.50):F1} p99={P(0.99):F1} max={latencies[^1]:F1}");
