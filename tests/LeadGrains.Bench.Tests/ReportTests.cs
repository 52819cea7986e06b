using System.Text.Json.Nodes;
using LeadGrains.Bench.Report;
using LeadGrains.Testing;

namespace LeadGrains.Bench.Tests;

/// <summary>The report renders a run document (a sample input, not a measurement) into the target table and the prose.</summary>
public sealed class ReportTests
{
    private static JsonNode Sample() => JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "SampleRun.json")))!;

    private static string Template() => File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "benchmarks.template.md"));

    [Fact]
    public void The_report_has_a_row_for_every_target_of_the_product()
    {
        var markdown = MarkdownReport.Render(Sample(), "{{targets}}");

        foreach (var figure in new[]
        {
            "durable ingest, HTTP batches, acknowledged = committed", "ack latency at half that load",
            "event → qualified-lead SSE delivery", "one KPI touched by every event", "active lead grains",
            "what-if rescoring over history", "silo killed in a 3-silo cluster",
        })
        {
            Assert.Contains($"| {figure} |", markdown);
        }
    }

    [Fact]
    public void Figures_of_features_not_built_yet_say_so()
    {
        var rows = new Figures(Sample()).Rows;

        Assert.Equal(3, rows.Count(r => r.Measured == Figures.NotBuilt));
        Assert.Equal(Figures.NotBuilt, rows.Single(r => r.Figure.StartsWith("event → qualified-lead SSE", StringComparison.Ordinal)).Measured);
    }

    [Fact]
    public void A_missed_target_says_by_how_much()
    {
        var rows = new Figures(Sample()).Rows;

        var ingest = rows[0];
        Assert.Contains("20,000 events/s", ingest.Measured);
        Assert.Contains("naive per-event SQL: 2,000 events/s", ingest.Baselines);
        Assert.Contains("COPY ceiling: 100,000 rows/s", ingest.Baselines);
        Assert.StartsWith("**no**", ingest.Met);
        Assert.Contains("40% of 50,000 (needs 2.5×)", ingest.Met);
        Assert.Contains("**no**: p99 is 4.0× the target", rows[1].Met);
        Assert.Contains("**no**", rows[4].Met);
    }

    [Fact]
    public void Latency_is_judged_on_the_ingest_batch_size_and_small_batches_are_shown_beside_it()
    {
        var latency = new Figures(Sample()).Rows[1];

        Assert.Contains("(1,000-event batches, 10,000 events/s offered", latency.Measured);
        Assert.Contains("the same rate in 100-event batches: p50 12 ms / p99 30 ms / max 45 ms (9,980 events/s acknowledged)", latency.Measured);
        Assert.Equal("**no**: p99 is 4.0× the target (with 100-event batches 1.5×)", latency.Met);
    }

    private static MedianRun.Run Run(string name, double eventsPerSecond) =>
        new(name, new JsonObject { ["eventsPerSecond"] = eventsPerSecond });

    [Fact]
    public void The_ingest_figure_is_the_run_with_the_median_rate_and_the_summary_keeps_every_run_in_order()
    {
        var (median, summary) = MedianRun.Choose([Run("ingest-run-1", 41_000), Run("ingest-run-2", 48_500), Run("ingest-run-3", 39_200)], "eventsPerSecond");

        Assert.Equal("ingest-run-1", median.Name);
        Assert.Equal("ingest-run-1", summary["median"]!.GetValue<string>());
        Assert.Equal([41_000d, 48_500d, 39_200d], summary["runs"]!.AsArray().Select(r => r!["value"]!.GetValue<double>()));
    }

    [Fact]
    public void Of_an_even_number_of_runs_the_lower_middle_one_counts()
    {
        var (median, _) = MedianRun.Choose([Run("ingest-run-1", 45_000), Run("ingest-run-2", 40_000)], "eventsPerSecond");

        Assert.Equal("ingest-run-2", median.Name);
    }

    [Fact]
    public void The_ingest_figure_names_every_measured_run_beside_the_median()
    {
        var doc = Sample();
        var (_, summary) = MedianRun.Choose([Run("ingest-run-1", 20_000), Run("ingest-run-2", 26_100), Run("ingest-run-3", 18_250)], "eventsPerSecond");
        doc["steps"]!["ingest-runs"] = new JsonObject { ["result"] = summary };

        var ingest = new Figures(doc).Rows[0];

        Assert.Contains("20,000 events/s", ingest.Measured);
        Assert.Contains("the median of 3 runs: 20,000, 26,100 and 18,250 events/s", ingest.Measured);
        Assert.DoesNotContain("median", new Figures(Sample()).Rows[0].Measured);
    }

    [Fact]
    public void Each_runs_cpu_per_event_is_named_in_the_order_the_runs_ran()
    {
        var doc = Sample();
        Assert.Equal(Figures.NotMeasured, new Figures(doc).Values["ingest.runsCpu"]);
        doc["steps"]!["ingest-cpu-1"] = Cpu(13.14, 15.0);
        doc["steps"]!["ingest-cpu-2"] = Cpu(11.8, 13.24);
        doc["steps"]!["ingest-cpu-3"] = Cpu(17, 20.04);

        Assert.Equal("13.1 + 15.0, 11.8 + 13.2 and 17.0 + 20.0 µs of CPU per event (server + PostgreSQL)",
            new Figures(doc).Values["ingest.runsCpu"]);

        static JsonObject Cpu(double server, double postgres) => new()
        {
            ["result"] = new JsonObject { ["events"] = 300_000, ["serverUsPerEvent"] = server, ["postgresUsPerEvent"] = postgres },
        };
    }

    [Fact]
    public void The_machines_busy_idle_and_steal_shares_follow_the_cpu_when_every_run_recorded_them()
    {
        var doc = Sample();
        doc["steps"]!["ingest-cpu-1"] = Cpu(13.14, 15.0, busy: 84.4, idle: 15.6, steal: 0.2);
        doc["steps"]!["ingest-cpu-2"] = Cpu(11.8, 13.24, busy: 71, idle: 29, steal: 12.6);

        Assert.Equal("13.1 + 15.0 and 11.8 + 13.2 µs of CPU per event (server + PostgreSQL); the machine over each run's "
            + "sending window (`/proc/stat`) 84% / 16% / 0% and 71% / 29% / 13% busy / idle / steal",
            new Figures(doc).Values["ingest.runsCpu"]);

        // A run from before the shares were recorded: the CPU alone, never a list shorter than the runs.
        doc["steps"]!["ingest-cpu-2"]!["result"]!.AsObject().Remove("machineStealPercent");
        Assert.Equal("13.1 + 15.0 and 11.8 + 13.2 µs of CPU per event (server + PostgreSQL)", new Figures(doc).Values["ingest.runsCpu"]);

        static JsonObject Cpu(double server, double postgres, double busy, double idle, double steal) => new()
        {
            ["result"] = new JsonObject
            {
                ["events"] = 300_000, ["serverUsPerEvent"] = server, ["postgresUsPerEvent"] = postgres,
                ["machineBusyPercent"] = busy, ["machineIdlePercent"] = idle, ["machineStealPercent"] = steal,
            },
        };
    }

    [Fact]
    public void Small_batches_meeting_the_latency_target_do_not_turn_the_figure_green()
    {
        var doc = Sample();
        doc["steps"]!["latency-small"]!["result"]!["latencyMs"]!["p99"] = 18;

        var latency = new Figures(doc).Rows[1];

        Assert.Equal("**no**: p99 is 4.0× the target (with 100-event batches it is met)", latency.Met);
    }

    [Fact]
    public void A_met_target_says_yes()
    {
        var doc = Sample();
        doc["steps"]!["hotkpi-1"]!["result"]!["eventsPerSecond"] = 19_500;

        var hotKpi = new Figures(doc).Rows.Single(r => r.Figure == "one KPI touched by every event");

        Assert.Equal("yes", hotKpi.Met);
        Assert.Contains("ratio 0.98", hotKpi.Measured); // 19,500 / 20,000, to two places
    }

    [Fact]
    public void A_step_that_did_not_run_reads_as_not_measured()
    {
        var doc = Sample();
        doc["steps"]!.AsObject().Remove("latency");

        var markdown = MarkdownReport.Render(doc, "{{targets}}\np99: {{latency.p99}}");

        Assert.Contains("| ack latency at half that load | not measured in this run |", markdown);
        Assert.Contains("p99: not measured in this run", markdown);
    }

    [Fact]
    public void The_micro_table_shows_mean_and_allocations_of_each_benchmark()
    {
        var markdown = MarkdownReport.Render(Sample(), "{{micro}}");

        Assert.Contains("| IngestParsingBenchmarks: IngestParser.Parse (1,000-event JSON batch) | — | 1.50 ms | 10.00 µs | 467.1 KiB | 50 |", markdown);
        Assert.Contains("EventsPerAppend=20", markdown);
    }

    [Fact]
    public void A_placeholder_that_names_no_figure_stops_the_render()
    {
        Assert.Throws<InvalidOperationException>(() => MarkdownReport.Render(Sample(), "{{ingestt.eventsPerSecond}}"));
    }

    [Fact]
    public void The_repository_template_renders_with_every_block_filled()
    {
        var markdown = MarkdownReport.Render(Sample(), Template());

        Assert.DoesNotContain("{{", markdown);
        Assert.Contains("| durable ingest, HTTP batches, acknowledged = committed |", markdown);
        Assert.Contains("IngestParser.Parse", markdown);
        Assert.Contains("`fsync=on`", markdown);
        Assert.Contains("0123456789abcdef0123456789abcdef01234567", markdown);
        Assert.Contains("20,000 events/s", markdown);
    }

    [Fact]
    public void The_readme_headline_is_rewritten_between_its_markers_only()
    {
        var readme = $"# Title\n\nintro\n{ReadmeHeadline.Begin}\nold headline\n{ReadmeHeadline.End}\n\nrest\n";

        var updated = ReadmeHeadline.Replace(readme, MarkdownReport.Headline(Sample()));

        Assert.StartsWith("# Title\n\nintro\n", updated);
        Assert.EndsWith($"{ReadmeHeadline.End}\n\nrest\n", updated);
        Assert.DoesNotContain("old headline", updated);
        Assert.Contains("**20,000 events/s**", updated);
        Assert.Contains("[docs/benchmarks.md](docs/benchmarks.md)", updated);
    }

    [Fact]
    public void Perf_samples_are_sorted_into_the_parts_of_the_ingest_path()
    {
        var samples = ProfileSummary.Parse(
        [
            "# comment",
            "    12.50%  libcoreclr.so          [.] WKS::gc_heap::mark_object_simple",
            "     4.00%  [kernel.kallsyms]      [k] _raw_spin_unlock_irqrestore",
            "     3.00%  perf-1234.map          [.] instance bool [System.Text.Json] System.Text.Json.Utf8JsonReader::Read()[OptimizedTier1]",
            "     2.00%  perf-1234.map          [.] instance void [Orleans.Core] Orleans.Runtime.Messaging.Connection::Send()[Optimized]",
            "     1.00%  perf-1234.map          [.] instance void [Npgsql] Npgsql.NpgsqlConnector::Flush()[Optimized]",
            "     0.50%  libclrjit.so           [.] Compiler::compCompile",
        ]);

        Assert.Equal(
            ["gcAndAllocation", "kernel", "jsonParsing", "orleansGrainCalls", "journalDatabaseClient", "jit"],
            samples.Select(ProfileSummary.Categorize));
        Assert.Equal(12.5, samples[0].Percent);
    }
}
