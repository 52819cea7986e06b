using LeadGrains.Server.Ingest;
using LeadGrains.Simulation;
using LeadGrains.Simulation.Batches;
using LeadGrains.Simulation.Streams;

namespace LeadGrains.Server.Tests.LoadGen;

/// <summary>The generator against the server's own parser: valid batches pass whole, invalid ones fail whole.</summary>
public sealed class GeneratedEventsParseTests
{
    private static readonly DateTimeOffset Until = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);
    private static readonly IReadOnlyDictionary<string, string> NoHeaders = new Dictionary<string, string>();

    private static SimulationOptions Options(double duplicates = 0, double invalid = 0, double late = 0) =>
        HistoryWindow.Options(new SimulationOptions
        {
            RunId = "parse",
            Leads = 2_000,
            Start = Until,
            DuplicateShare = duplicates,
            InvalidShare = invalid,
            LateShare = late,
        }, 20_000, Until);

    private static IEnumerable<EventBatch> Batches(SimulationOptions options, long events, int size)
    {
        var assembler = new BatchAssembler(new EventStream(options), 0, size);
        var remaining = events;
        while (assembler.Next(remaining) is { } batch)
        {
            if (batch.Kind != BatchKind.MetricReports)
                remaining -= batch.Count;
            yield return batch;
        }
    }

    [Fact]
    public void Every_generated_event_batch_passes_the_servers_validation()
    {
        var checkedEvents = 0;
        foreach (var batch in Batches(Options(duplicates: 0.02, invalid: 0.01, late: 0.02), 20_000, 1_000))
        {
            using (batch)
            {
                if (batch.Kind != BatchKind.Events)
                    continue;
                var parsed = IngestParser.Parse("application/json", NoHeaders, batch.Body, Until);

                Assert.True(parsed.Error is null, parsed.Error?.Detail);
                Assert.Equal(batch.Count, parsed.Events.Count);
                checkedEvents += batch.Count;
            }
        }
        Assert.True(checkedEvents > 19_000, $"{checkedEvents} events checked");
    }

    [Fact]
    public void Every_invalid_event_is_refused_on_its_own()
    {
        var stream = new EventStream(Options(invalid: 1.0));
        var details = new HashSet<string>();

        for (var i = 0; i < 200; i++)
        {
            var item = stream.Next()!.Value;
            var parsed = IngestParser.Parse("application/json", NoHeaders, item.Json, Until);

            Assert.Equal(ItemKind.Invalid, item.Kind);
            Assert.Equal(400, parsed.Error?.Status);
            details.Add(parsed.Error!.Field ?? "(whole)");
        }
        // Each kind of mistake trips a different rule.
        Assert.Superset(new HashSet<string> { "leadId", "type", "occurredAt", "source", "properties.kind", "properties.dwellSeconds" }, details);
    }

    [Fact]
    public void Invalid_batches_hold_only_invalid_events()
    {
        var invalidBatches = 0;
        foreach (var batch in Batches(Options(invalid: 0.05), 5_000, 500))
        {
            using (batch)
            {
                if (batch.Kind != BatchKind.Invalid)
                    continue;
                invalidBatches++;
                var document = System.Text.Json.JsonDocument.Parse(batch.Body);
                foreach (var element in document.RootElement.EnumerateArray())
                {
                    var parsed = IngestParser.Parse("application/json", NoHeaders, System.Text.Encoding.UTF8.GetBytes(element.GetRawText()), Until);
                    Assert.Equal(400, parsed.Error?.Status);
                }
            }
        }
        Assert.True(invalidBatches > 0);
    }
}
