using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using F = LeadGrains.Bench.Report.Format;

namespace LeadGrains.Bench.Report;

/// <summary>
/// Renders docs/benchmarks.md: the hand-written template with its blocks (<c>{{targets}}</c>,
/// <c>{{micro}}</c>, <c>{{run}}</c>, <c>{{steps}}</c>) and quoted values (<c>{{ingest.eventsPerSecond}}</c>)
/// filled from the run document. A value the run did not measure reads as such; a name of no
/// known family stops the render, so a typo in the prose cannot pass as a figure.
/// </summary>
public static partial class MarkdownReport
{
    private static readonly string[] Families = ["ingest", "naive", "copy", "baselines", "latency", "hotkpi", "memory", "micro", "profile"];

    public static string Render(JsonNode doc, string template)
    {
        var figures = new Figures(doc);
        var blocks = new Dictionary<string, Func<string>>(StringComparer.Ordinal)
        {
            ["targets"] = () => TargetTable(figures.Rows),
            ["micro"] = () => MicroTable(doc),
            ["run"] = () => RunDetails(doc),
            ["steps"] = () => StepCommands(doc),
            ["notice"] = () => Notice(doc),
            ["hotspots"] = () => Hotspots(doc),
            ["statements"] = () => Statements(doc),
        };
        return Placeholder().Replace(template, m =>
        {
            var name = m.Groups[1].Value;
            if (blocks.TryGetValue(name, out var block))
                return block();
            if (figures.Values.TryGetValue(name, out var value))
                return value;
            if (Families.Contains(name.Split('.')[0]))
                return $"({Figures.NotMeasured})";
            throw new InvalidOperationException($"The template names '{{{{{name}}}}}', which is no figure of the report.");
        });
    }

    /// <summary>The README's one-line headline with the link to the full report.</summary>
    public static string Headline(JsonNode doc)
    {
        var f = new Figures(doc);
        var ingest = f.Rows[0];
        if (ingest.Measured == Figures.NotMeasured)
            return "Benchmarks: see [docs/benchmarks.md](docs/benchmarks.md).";
        return $"Measured durable ingest: **{f.Values["ingest.eventsPerSecond"]}** over HTTP in {f.Values["ingest.batch"]}-event batches "
            + $"(target 50,000; naive per-event SQL {f.Values["naive.eventsPerSecond"]} and COPY {f.Values["copy.rowsPerSecond"]} in the same run) "
            + $"on a shared {doc.Text("machine.cores")}-core machine, commit {Short(doc.Text("run.commit"))}: "
            + "every target figure beside its baseline in [docs/benchmarks.md](docs/benchmarks.md).";
    }

    private static string TargetTable(IReadOnlyList<TargetRow> rows)
    {
        var sb = new StringBuilder("| figure | measured | baseline(s), same run | target | met? |\n|---|---|---|---|---|\n");
        foreach (var r in rows)
            sb.Append(($"| {r.Figure} | {r.Measured} | {r.Baselines} | {r.Target} | {r.Met} |\n"));
        return sb.ToString().TrimEnd();
    }

    private static string MicroTable(JsonNode doc)
    {
        if (doc.At("steps.micro.result.benchmarks") is not JsonArray benchmarks || benchmarks.Count == 0)
            return $"Micro-benchmarks: {Figures.NotMeasured}.";
        var sb = new StringBuilder(
            $"BenchmarkDotNet {doc.Text("steps.micro.result.benchmarkDotNet")}, {doc.Text("steps.micro.result.runtime")}, `[MemoryDiagnoser]`.\n\n"
            + "| benchmark | parameters | mean | std dev | allocated / op | gen0 / 1,000 ops |\n|---|---|---|---|---|---|\n");
        foreach (var b in benchmarks)
        {
            sb.Append(($"| {b.Text("type")}: {b.Text("title")} | {Dash(b.Text("parameters"))} | {Ns(b.Number("meanNs"))} | {Ns(b.Number("stdDevNs"))} "
                + $"| {(b.Number("allocatedBytesPerOp") is { } a ? F.Bytes(a) : "—")} | {(b.Number("gen0Per1000Ops") is { } g ? g.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) : "—")} |\n"));
        }
        return sb.ToString().TrimEnd();

        static string Ns(double? ns) => ns is { } v ? F.Duration(v) : "—";
        static string Dash(string? s) => string.IsNullOrEmpty(s) ? "—" : s;
    }

    private static string RunDetails(JsonNode doc)
    {
        var sb = new StringBuilder();
        sb.Append(($"- command: `{doc.Text("run.command")}`\n"));
        sb.Append(($"- commit: `{doc.Text("run.commit")}`{(doc.Flag("run.dirty") ? " (with uncommitted changes)" : "")}\n"));
        sb.Append(($"- started: {doc.Text("run.startedAt")}, finished: {doc.Text("run.finishedAt")}\n"));
        var sizes = doc.At("run.sizes") as JsonObject ?? [];
        sb.Append("- sizes: " + string.Join(", ", sizes.Select(kv => $"`{kv.Key}={kv.Value}`")) + "\n");
        var mem = doc.Number("machine.memTotalBytes");
        sb.Append(($"- machine: {doc.Text("machine.cores")} cores ({doc.Text("machine.cpuModel")}), {(mem is { } m ? F.Bytes(m) : "?")} memory, "
            + $"{doc.Text("machine.os")}, {doc.Text("machine.dotnet")}; load average (1, 5, 15 min) at the start: `{doc.Text("machine.loadAverageAtStart") ?? "not recorded"}`, at the end: `{doc.Text("machine.loadAverage")}`\n"));
        sb.Append(($"- PostgreSQL: {doc.Text("postgres.version") ?? Figures.NotMeasured}, on the same machine\n"));
        if (doc.At("postgres.settings") is JsonObject settings)
        {
            sb.Append("- PostgreSQL settings: " + string.Join(", ", settings.Select(kv => $"`{kv.Key}={kv.Value}`")) + "\n");
        }
        return sb.ToString().TrimEnd();
    }

    private static string StepCommands(JsonNode doc)
    {
        var sb = new StringBuilder("| step | command |\n|---|---|\n");
        foreach (var (name, step) in doc.At("steps") as JsonObject ?? [])
        {
            var command = step.Text("command");
            sb.Append(($"| {name} | {(command is null ? "—" : "`" + command.Replace("|", "\\|", StringComparison.Ordinal) + "`")} |\n"));
        }
        return sb.ToString().TrimEnd();
    }

    private static string Hotspots(JsonNode doc)
    {
        if (doc.At("steps.profile.result.top") is not JsonArray top || top.Count == 0)
            return $"Hottest symbols: {Figures.NotMeasured}.";
        var sb = new StringBuilder("| share of server CPU | part | symbol |\n|---|---|---|\n");
        foreach (var t in top.Take(12))
        {
            var symbol = (t.Text("symbol") ?? "").Replace("|", "\\|", StringComparison.Ordinal);
            sb.Append($"| {F.Percent(t.Number("percent") ?? 0)} | {t.Text("category")} | `{(symbol.Length > 110 ? symbol[..110] + "…" : symbol)}` |\n");
        }
        return sb.ToString().TrimEnd();
    }

    private static string Statements(JsonNode doc)
    {
        if (doc.At("steps.profile.result.statements") is not JsonArray statements || statements.Count == 0)
            return $"PostgreSQL statements: {Figures.NotMeasured}.";
        var sb = new StringBuilder("| share of PostgreSQL execution time | calls | rows | statement |\n|---|---|---|---|\n");
        foreach (var st in statements)
        {
            var query = (st.Text("query") ?? "").Replace("|", "\\|", StringComparison.Ordinal);
            sb.Append($"| {(st.Number("percent") is { } p ? F.Percent(p) : "—")} | {F.Count(st.Number("calls") ?? 0)} | {F.Count(st.Number("rows") ?? 0)} | `{query}` |\n");
        }
        return sb.ToString().TrimEnd();
    }

    private static string Notice(JsonNode doc)
    {
        var sb = new StringBuilder(
            "<!-- Generated by bench/run.sh (LeadGrains.Bench.Report render) from docs/benchmarks.json and docs/benchmarks.template.md. "
            + "Edit the template, not this file. -->\n");
        if (doc.Flag("run.smoke"))
            sb.Append("\n> **Smoke run**: tiny sizes to check that the harness works. These figures say nothing about performance.\n");
        return sb.ToString().TrimEnd();
    }

    private static string Short(string? commit) => commit is { Length: > 12 } c ? c[..12] : commit ?? "?";

    [GeneratedRegex(@"\{\{([A-Za-z0-9_.:=\-]+)\}\}")]
    private static partial Regex Placeholder();
}
