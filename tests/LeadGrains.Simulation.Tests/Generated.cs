using System.Globalization;
using System.Text.Json;
using LeadGrains.Domain.Events;
using LeadGrains.Simulation.Batches;
using LeadGrains.Simulation.Funnel;
using LeadGrains.Simulation.Streams;
using LeadGrains.Simulation.Wire;

namespace LeadGrains.Simulation.Tests;

/// <summary>Runs the generator with fixed options and reads its output back, so every test is deterministic.</summary>
internal static class Generated
{
    public static readonly DateTimeOffset Until = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);

    public static SimulationOptions Options(int leads = 2_000, double plannedEvents = 20_000, long seed = 42,
        double duplicates = 0, double invalid = 0, double late = 0, double metrics = 0) =>
        HistoryWindow.Options(new SimulationOptions
        {
            Seed = seed,
            RunId = "test",
            Leads = leads,
            Start = Until,
            DuplicateShare = duplicates,
            InvalidShare = invalid,
            LateShare = late,
            MetricShare = metrics,
        }, plannedEvents, Until);

    /// <summary>The funnel's events in order, without duplicates, late or invalid ones.</summary>
    public static List<EventRecord> Funnel(SimulationOptions options, int count)
    {
        var funnel = new FunnelSimulator(options);
        var events = new List<EventRecord>(count);
        while (events.Count < count && funnel.Next() is { } e)
            events.Add(e);
        return events;
    }

    public static List<(ItemKind Kind, byte[] Json)> Stream(SimulationOptions options, int count)
    {
        var stream = new EventStream(options);
        var items = new List<(ItemKind, byte[])>(count);
        while (items.Count < count && stream.Next() is { } item)
            items.Add((item.Kind, item.Json));
        return items;
    }

    public static List<EventBatch> Batches(SimulationOptions options, long events, int batchSize)
    {
        var assembler = new BatchAssembler(new EventStream(options), 0, batchSize);
        var batches = new List<EventBatch>();
        var remaining = events;
        while (assembler.Next(remaining) is { } batch)
        {
            if (batch.Kind != BatchKind.MetricReports)
                remaining -= batch.Count;
            batches.Add(batch);
        }
        if (assembler.Flush() is { } reports)
            batches.Add(reports);
        return batches;
    }

    public static EventRecord[] Events(EventBatch batch) =>
        JsonSerializer.Deserialize(batch.Body.Span, WireJsonContext.Default.EventRecordArray)!;

    public static EventRecord Event(byte[] json) =>
        JsonSerializer.Deserialize(json, WireJsonContext.Default.EventRecord)!;

    public static DateTimeOffset At(EventRecord e) =>
        DateTimeOffset.Parse(e.OccurredAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    /// <summary>The domain's view of a generated event, for scoring it with the real model.</summary>
    public static LeadEvent ToLeadEvent(EventRecord e) => new()
    {
        Id = e.Id,
        LeadId = e.LeadId!,
        Type = EventCatalog.Get(e.Type),
        OccurredAt = At(e),
        Source = e.Source,
        Campaign = e.Campaign,
        Properties = new EventProperties
        {
            Path = e.Properties?.Path,
            SessionId = e.Properties?.SessionId,
            DwellSeconds = e.Properties?.DwellSeconds,
            Kind = e.Properties?.Kind,
        },
    };

    public static Dictionary<string, int> CountByType(IEnumerable<EventRecord> events)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var e in events)
            counts[e.Type] = counts.GetValueOrDefault(e.Type) + 1;
        return counts;
    }
}
