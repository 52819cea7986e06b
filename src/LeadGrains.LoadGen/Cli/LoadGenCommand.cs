using System.CommandLine;
using System.CommandLine.Parsing;
using LeadGrains.LoadGen.Running;

namespace LeadGrains.LoadGen.Cli;

/// <summary>
/// The command line. Other scripts depend on these option names: options may be added, never renamed.
/// </summary>
public static class LoadGenCommand
{
    public static RootCommand Create()
    {
        var url = new Option<Uri>("--url")
        {
            Description = "The server's base address.",
            DefaultValueFactory = _ => new Uri("http://127.0.0.1:5080"),
            CustomParser = r => Uri.TryCreate(r.Tokens.Single().Value, UriKind.Absolute, out var u) ? u : Fail<Uri>(r, "--url must be an absolute URL."),
        };
        var apiKey = new Option<string?>("--api-key") { Description = "API key (scope ingest; admin of tenant 'default' for --tenants > 1)." };
        var apiKeyFile = new Option<FileInfo?>("--api-key-file") { Description = "Read the API key from this file (e.g. data/dev-api-key.txt)." };
        var tenants = Positive("--tenants", 1, "Tenants to spread the load over; more than 1 creates a key per tenant (loadgen-1, ...).");
        var leads = Positive("--leads", 20_000, "Distinct leads, split evenly over the tenants.");
        var events = new Option<long?>("--events") { Description = "Events to send, every kind counted (default 200000 unless --duration)." };
        var duration = new Option<TimeSpan?>("--duration")
        {
            Description = "Run for this long instead of a number of events (30s, 2m, ...).",
            CustomParser = r => DurationParser.TryParse(r.Tokens.Single().Value, out var d) && d > TimeSpan.Zero ? d : Fail<TimeSpan?>(r, "--duration must be like 30s, 2m or 1h."),
        };
        var rate = new Option<double?>("--rate") { Description = "Open loop: target events/s, scheduled whatever the answers. Omitted: closed loop at the maximum." };
        var batch = Positive("--batch", 1000, "Events per request (at most 10000).");
        var concurrency = Positive("--concurrency", 8, "Requests in flight at most.");
        var seed = new Option<long>("--seed") { Description = "Seed of the synthetic funnel: the same seed sends the same events.", DefaultValueFactory = _ => 42 };
        var campaigns = new Option<int>("--campaigns") { Description = "Campaigns per tenant (email, webinar, whitepaper, ads, sns, exhibition).", DefaultValueFactory = _ => 20 };
        var duplicates = Share("--duplicates", 0.01, "Share of events re-sent with an id already sent.");
        var invalid = Share("--invalid", 0.0, "Share of events that break an API rule, sent in batches of their own.");
        var late = Share("--late", 0.02, "Share of events held back and sent later, out of order.");
        var metrics = Share("--metrics", 0.001, "Channel metric reports per event, sent to POST /v1/metrics.");
        var json = new Option<FileInfo?>("--json") { Description = "Also write the summary as JSON to this file." };
        var noProgress = new Option<bool>("--no-progress") { Description = "No progress bar or live line; only the summary." };
        var warmup = new Option<TimeSpan>("--warmup")
        {
            Description = "Leave the first part of the run (e.g. 5s) out of latency and events/s; its events still count in the totals.",
            DefaultValueFactory = _ => TimeSpan.Zero,
            CustomParser = r => DurationParser.TryParse(r.Tokens.Single().Value, out var d) ? d : Fail<TimeSpan>(r, "--warmup must be like 5s or 0."),
        };
        var runId = new Option<string?>("--run-id") { Description = "Prefix of event ids (default: random per run). Reuse it to re-send a run's exact events." };
        var until = new Option<DateTimeOffset?>("--until") { Description = "End of the simulated history (default: now). Fix it with --run-id for byte-identical runs." };
        var timeout = new Option<TimeSpan>("--timeout")
        {
            Description = "Per-request timeout.",
            DefaultValueFactory = _ => TimeSpan.FromSeconds(60),
            CustomParser = r => DurationParser.TryParse(r.Tokens.Single().Value, out var d) && d > TimeSpan.Zero ? d : Fail<TimeSpan>(r, "--timeout must be like 60s."),
        };
        var maxRetries = new Option<int>("--max-retries") { Description = "Retries of a batch answered 503 or 429 before it counts as an error.", DefaultValueFactory = _ => 10 };
        var tenantPrefix = new Option<string>("--tenant-prefix") { Description = "Tenant names for --tenants > 1.", DefaultValueFactory = _ => "loadgen-" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Generate the batches without sending them, and report how fast that is." };
        var pregenerate = new Option<bool>("--pregenerate")
        {
            Description = "Generate every batch before the clock starts (needs --events), so generating does not take CPU from a server on the same machine.",
        };

        var root = new RootCommand("Posts a synthetic, repeatable B2B funnel to a LeadGrains server and reports throughput and ack latency.")
        {
            url, apiKey, apiKeyFile, tenants, leads, events, duration, rate, batch, concurrency, seed, campaigns,
            duplicates, invalid, late, metrics, json, noProgress, warmup, runId, until, timeout, maxRetries, tenantPrefix, dryRun, pregenerate,
        };
        root.Validators.Add(r =>
        {
            if (r.GetValue(events) is not null && r.GetValue(duration) is not null)
                r.AddError("Give --events or --duration, not both.");
            if (r.GetValue(events) is < 1)
                r.AddError("--events must be at least 1.");
            if (r.GetValue(rate) is { } x && (!double.IsFinite(x) || x <= 0))
                r.AddError("--rate must be a positive number of events per second.");
            if (r.GetValue(batch) > 10_000)
                r.AddError("--batch must be at most 10000 (the server's batch limit).");
            if (r.GetValue(duplicates) + r.GetValue(invalid) > 1)
                r.AddError("--duplicates plus --invalid must not exceed 1.");
            if (r.GetValue(campaigns) < 0)
                r.AddError("--campaigns must not be negative.");
            if (r.GetValue(maxRetries) < 0)
                r.AddError("--max-retries must not be negative.");
            if (!r.GetValue(dryRun) && r.GetValue(apiKey) is null && r.GetValue(apiKeyFile) is null)
                r.AddError("Give --api-key or --api-key-file.");
            if (r.GetValue(pregenerate) && r.GetValue(duration) is not null)
                r.AddError("--pregenerate needs a fixed volume: give --events, not --duration.");
            if (r.GetValue(tenants) > r.GetValue(leads))
                r.AddError("--leads must be at least --tenants.");
        });

        root.SetAction(async (parse, cancellationToken) =>
        {
            var key = parse.GetValue(apiKey);
            if (key is null && parse.GetValue(apiKeyFile) is { } file)
            {
                if (!file.Exists)
                {
                    await Console.Error.WriteLineAsync($"API key file not found: {file.FullName}");
                    return ExitCodes.Usage;
                }
                key = (await File.ReadAllTextAsync(file.FullName, cancellationToken)).Trim();
            }
            var settings = new LoadGenSettings
            {
                Url = parse.GetValue(url)!,
                ApiKey = key,
                Tenants = parse.GetValue(tenants),
                TenantPrefix = parse.GetValue(tenantPrefix)!,
                Leads = parse.GetValue(leads),
                Events = parse.GetValue(duration) is null ? parse.GetValue(events) ?? 200_000 : null,
                Duration = parse.GetValue(duration),
                Rate = parse.GetValue(rate),
                Batch = parse.GetValue(batch),
                Concurrency = parse.GetValue(concurrency),
                Seed = parse.GetValue(seed),
                Campaigns = parse.GetValue(campaigns),
                Duplicates = parse.GetValue(duplicates),
                Invalid = parse.GetValue(invalid),
                Late = parse.GetValue(late),
                Metrics = parse.GetValue(metrics),
                JsonPath = parse.GetValue(json)?.FullName,
                Progress = !parse.GetValue(noProgress),
                Warmup = parse.GetValue(warmup),
                RunId = parse.GetValue(runId) ?? Guid.NewGuid().ToString("N")[..8],
                Until = parse.GetValue(until) ?? TruncateToSecond(DateTimeOffset.UtcNow),
                RequestTimeout = parse.GetValue(timeout),
                MaxRetries = parse.GetValue(maxRetries),
                DryRun = parse.GetValue(dryRun),
                Pregenerate = parse.GetValue(pregenerate),
            };
            return await LoadGenApp.RunAsync(settings, cancellationToken);
        });
        return root;
    }

    private static Option<int> Positive(string name, int defaultValue, string description)
    {
        var option = new Option<int>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
                r.AddError($"{name} must be at least 1.");
        });
        return option;
    }

    private static Option<double> Share(string name, double defaultValue, string description)
    {
        var option = new Option<double>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(r =>
        {
            var v = r.GetValueOrDefault<double>();
            if (!(v is >= 0 and <= 1))
                r.AddError($"{name} must be between 0 and 1.");
        });
        return option;
    }

    private static T Fail<T>(ArgumentResult result, string message)
    {
        result.AddError(message);
        return default!;
    }

    private static DateTimeOffset TruncateToSecond(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
}
