using System.Globalization;
using System.Text.Json;
using LeadGrains.Server.Hosting;
using LeadGrains.Server.Ingest;
using LeadGrains.Server.Leads;
using LeadGrains.Server.Security;
using LeadGrains.Simulation;
using LeadGrains.Simulation.Funnel;
using LeadGrains.Simulation.Wire;
using LeadGrains.Storage;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace LeadGrains.Server.Demo;

/// <summary>
/// <c>--demo</c>: plays the synthetic funnel (<see cref="DemoScenario"/>) into tenant
/// <c>default</c> in real time, through the same parse-validate-ingest path as
/// <c>POST /v1/events</c>, so leads appear, score and qualify while a new user watches.
/// </summary>
/// <remarks>
/// Tenant <c>default</c> because that is the tenant of the key a new user already has (the
/// development key); docs/decisions.md has the reasoning. Event ids carry the start time, so a
/// restart adds new activity instead of replaying ids the store already holds.
/// </remarks>
public sealed partial class DemoProducer(
    LeadIngestor ingestor,
    TimeProvider clock,
    IHostApplicationLifetime lifetime,
    IServer server,
    IOptions<LeadGrainsOptions> options,
    ILogger<DemoProducer> logger) : BackgroundService
{
    public const string Tenant = KeyBootstrapper.DefaultTenant;

    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);

    /// <summary>The most one tick sends: the head start's burst spreads over a few ticks.</summary>
    private const int MaxEventsPerTick = 2_000;
    private static readonly TimeSpan ReportEvery = TimeSpan.FromMinutes(1);
    private static readonly IReadOnlyDictionary<string, string> NoHeaders = new Dictionary<string, string>();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Grains take calls once the host (and so the silo) has started.
        if (!await StartedAsync(stoppingToken))
            return;

        var start = clock.GetUtcNow();
        var funnel = new FunnelSimulator(DemoScenario.Options(start, "demo-" + start.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)));
        LogStarted(logger, Tenant, DemoScenario.LeadIdPrefix, ListUrl(), KeyHint());

        var due = new List<EventRecord>();
        EventRecord? ahead = null;
        long sent = 0;
        var nextReport = start + ReportEvery;
        using var timer = new PeriodicTimer(Tick, clock);
        try
        {
            do
            {
                var now = clock.GetUtcNow();
                // Everything that has "happened" by now; the first event after now waits for its moment.
                if (ahead is not null && funnel.Clock <= now)
                {
                    due.Add(ahead);
                    ahead = null;
                }
                while (ahead is null && due.Count < MaxEventsPerTick && funnel.Next() is { } record)
                {
                    if (funnel.Clock > now)
                        ahead = record;
                    else
                        due.Add(record);
                }
                if (due.Count > 0 && await IngestAsync(due, now))
                {
                    sent += due.Count;
                    due.Clear();
                }
                if (now >= nextReport)
                {
                    LogProgress(logger, sent, funnel.ArrivedLeads);
                    nextReport = now + ReportEvery;
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>True when the events are committed; false keeps them for the next tick (a transient failure).</summary>
    private async Task<bool> IngestAsync(List<EventRecord> events, DateTimeOffset now)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(events.ToArray(), WireJsonContext.Default.EventRecordArray);
        var parsed = IngestParser.Parse("application/json", NoHeaders, body, now);
        if (parsed.Error is { } error)
        {
            // A generator bug, not a producer's: drop the batch rather than retry it forever.
            LogRefused(logger, error.Detail);
            return true;
        }
        try
        {
            await ingestor.IngestAsync(Tenant, parsed.Events);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogRetry(logger, e.Message);
            return false;
        }
    }

    private async Task<bool> StartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        try
        {
            await started.Task;
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private string ListUrl()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5080";
        return address.TrimEnd('/') + "/v1/leads?stage=qualified";
    }

    private string KeyHint()
    {
        var o = options.Value;
        if (!string.IsNullOrWhiteSpace(o.BootstrapApiKey))
            return "$LEADGRAINS_BOOTSTRAP_API_KEY";
        return o.Storage == StorageKind.Sqlite
            ? "$(cat " + Path.Combine(Path.GetFullPath(o.DataDir), KeyBootstrapper.DevKeyFile) + ")"
            : "<an admin key of tenant default>";
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning,
        Message = "Demo mode: a synthetic funnel streams into tenant '{Tenant}' (leads {LeadPrefix}*, tens of events/s). "
            + "Watch leads qualify: curl -H \"Authorization: Bearer {Key}\" '{Url}'")]
    private static partial void LogStarted(ILogger logger, string tenant, string leadPrefix, string url, string key);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Demo: {Events} events sent so far, {Leads} leads arrived")]
    private static partial void LogProgress(ILogger logger, long events, int leads);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Demo: ingest failed ({Reason}); retrying the same events")]
    private static partial void LogRetry(ILogger logger, string reason);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Error, Message = "Demo: the server refused generated events: {Detail}")]
    private static partial void LogRefused(ILogger logger, string detail);
}
