using System.Globalization;
using System.Text.Json;
using LeadGrains.Bench.Memory;
using Microsoft.Diagnostics.NETCore.Client;
using Npgsql;

// usage: LeadGrains.Bench.Memory --url URL (--api-key KEY | --api-key-file FILE) --pid SERVER_PID
//          [--leads 1000000] [--batch 1000] [--concurrency 8] [--prefix mem] [--settle 5]
//          [--connection-string CS (counts the stored leads)] [--json FILE]
//        LeadGrains.Bench.Memory gc-pauses --pid PID --seconds N --json FILE
// Idle memory is read first, so start it against a freshly started, idle server.
if (args.FirstOrDefault() == "gc-pauses")
{
    var g = Options(args[1..]);
    var activity = await GcPauses.WatchAsync(int.Parse(g["pid"], CultureInfo.InvariantCulture),
        TimeSpan.FromSeconds(double.Parse(g["seconds"], CultureInfo.InvariantCulture)));
    Console.WriteLine($"GC: {activity.Collections} collections (gen0 {activity.Gen0}, gen1 {activity.Gen1}, gen2 {activity.Gen2}), "
        + $"paused {activity.PauseMs:F0} ms of {activity.Seconds:F1} s ({activity.PausePercent:F1}%), longest {activity.MaxPauseMs:F0} ms");
    await File.WriteAllTextAsync(g["json"], JsonSerializer.Serialize(activity, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
    return 0;
}

var o = Options(args);
var url = new Uri(o["url"]);
var key = o.TryGetValue("api-key", out var k) ? k : (await File.ReadAllTextAsync(o["api-key-file"])).Trim();
var pid = Int("pid", 0);
var leads = Int("leads", 1_000_000);
var batch = Int("batch", 1_000);
var concurrency = Int("concurrency", 8);
var prefix = o.GetValueOrDefault("prefix") ?? "mem";
var settle = TimeSpan.FromSeconds(Int("settle", 5));
var heapTimeout = TimeSpan.FromSeconds(120);

string? heapError = null;
async Task<HeapStats?> Heap()
{
    try
    {
        return await ManagedHeap.AfterFullGcAsync(pid, heapTimeout);
    }
    catch (Exception e) when (e is TimeoutException or IOException or UnauthorizedAccessException or ServerNotAvailableException or EndOfStreamException)
    {
        heapError = $"{e.GetType().Name}: {e.Message}";
        Console.Error.WriteLine($"managed heap not measured: {heapError}");
        return null;
    }
}

// The idle heap first (its full GC also settles the idle RSS), then the idle RSS.
var heapIdle = await Heap();
var idle = ProcessMemory.Read(pid);
Console.WriteLine($"idle: RSS {idle.RssBytes / 1048576.0:F1} MiB, heap {heapIdle?.TotalBytes / 1048576.0:F1} MiB");

var outcome = await new LeadDriver(url, key, batch, concurrency).DriveAsync(leads, prefix, CancellationToken.None);
Console.WriteLine($"drove {leads} new leads in {outcome.DurationSeconds:F1} s ({leads / outcome.DurationSeconds:F0} leads/s, {outcome.FailedRequests} failed requests)");
await Task.Delay(settle);

// RSS as the leads left it, before our full GC changes anything; then the live heap.
var after = ProcessMemory.Read(pid);
var heapAfter = await Heap();
var afterGc = heapAfter is null ? null : ProcessMemory.Read(pid);

long? stored = null;
if (o.GetValueOrDefault("connection-string") is { } cs)
{
    // A list read first, as a dashboard's would: every silo writes the list rows it still holds.
    using (var http = new HttpClient { BaseAddress = url })
    {
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        (await http.GetAsync("/v1/leads?limit=1")).EnsureSuccessStatusCode();
    }
    await using var db = NpgsqlDataSource.Create(cs);
    await using var cmd = db.CreateCommand("SELECT count(*) FROM lg_leads WHERE tenant = 'default' AND lead_id LIKE $1");
    cmd.Parameters.AddWithValue(prefix + "-%");
    stored = (long)(await cmd.ExecuteScalarAsync())!;
}

var result = new MemoryResult
{
    Pid = pid,
    Leads = leads,
    Batch = batch,
    Concurrency = concurrency,
    EventsSent = outcome.Sent,
    FailedRequests = outcome.FailedRequests,
    DurationSeconds = outcome.DurationSeconds,
    LeadsPerSecond = leads / outcome.DurationSeconds,
    LeadsStored = stored,
    RssIdleBytes = idle.RssBytes,
    RssAfterBytes = after.RssBytes,
    PeakRssBytes = after.PeakRssBytes,
    RssBytesPerLead = (after.RssBytes - idle.RssBytes) / (double)leads,
    HeapIdle = heapIdle,
    HeapAfter = heapAfter,
    RssAfterFullGcBytes = afterGc?.RssBytes,
    HeapBytesPerLead = heapIdle is not null && heapAfter is not null ? (heapAfter.TotalBytes - heapIdle.TotalBytes) / (double)leads : null,
    HeapError = heapError,
};
Console.WriteLine($"after: RSS {after.RssBytes / 1048576.0:F1} MiB (peak {after.PeakRssBytes / 1048576.0:F1} MiB), "
    + $"{result.RssBytesPerLead:F0} B/lead; live heap {heapAfter?.TotalBytes / 1048576.0:F1} MiB, {result.HeapBytesPerLead:F0} B/lead; stored {stored}");
if (o.GetValueOrDefault("json") is { } file)
{
    await File.WriteAllTextAsync(file, JsonSerializer.Serialize(result, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
}
return 0;

int Int(string name, int fallback) => o.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

static Dictionary<string, string> Options(string[] args)
{
    var result = new Dictionary<string, string>(StringComparer.Ordinal);
    for (var i = 0; i + 1 < args.Length; i += 2)
    {
        if (!args[i].StartsWith("--", StringComparison.Ordinal))
            throw new ArgumentException($"unexpected argument '{args[i]}'");
        result[args[i][2..]] = args[i + 1];
    }
    return result;
}
