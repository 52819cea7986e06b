using System.Globalization;
using System.Text.Json.Nodes;

namespace LeadGrains.Bench.Report;

/// <summary>Lenient reads from the combined document: a missing step or field is null, never an exception.</summary>
internal static class Json
{
    public static JsonNode? At(this JsonNode? node, string path)
    {
        foreach (var part in path.Split('.'))
        {
            node = node is JsonObject o && o.TryGetPropertyValue(part, out var child) ? child : null;
        }
        return node;
    }

    // Through the JSON text, so values parsed from a file and values set in code (an int) read alike.
    public static double? Number(this JsonNode? node, string path) =>
        node.At(path) is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number
            ? double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture)
            : null;

    public static string? Text(this JsonNode? node, string path) => node.At(path) switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v => v.ToJsonString(),
        _ => null,
    };

    public static bool Flag(this JsonNode? node, string path) =>
        node.At(path) is JsonValue v && v.TryGetValue<bool>(out var b) && b;
}

/// <summary>How numbers read in the report: invariant culture, thousands separated, units named.</summary>
internal static class Format
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static string Count(double v) => v.ToString("N0", C);

    public static string Rate(double v, string unit = "events/s") => $"{Count(v)} {unit}";

    public static string Seconds(double v) => v.ToString("0.0", C) + " s";

    public static string Micros(double v) => v.ToString("0", C) + " µs";

    public static string Decimal(double v) => v.ToString("0.0", C);

    /// <summary>"a", "a and b", "a, b and c".</summary>
    public static string List(IReadOnlyList<string> items) =>
        items.Count < 2 ? string.Concat(items) : $"{string.Join(", ", items.SkipLast(1))} and {items[^1]}";

    public static string Ms(double v) => v < 10 ? v.ToString("0.0", C) + " ms" : Count(v) + " ms";

    public static string Ratio(double v) => v.ToString("0.00", C);

    public static string Times(double v) => v.ToString("0.0", C) + "×";

    /// <summary>Two decimals: for a ratio judged against a target, so 4.96 never reads as 5.0.</summary>
    public static string TimesPrecise(double v) => v.ToString("0.00", C) + "×";

    public static string Percent(double v) => v.ToString("0", C) + "%";

    public static string Bytes(double v) => v switch
    {
        >= 1L << 30 => (v / (1L << 30)).ToString("0.00", C) + " GiB",
        >= 1L << 20 => (v / (1L << 20)).ToString("0.0", C) + " MiB",
        >= 1L << 10 => (v / (1L << 10)).ToString("0.0", C) + " KiB",
        _ => v.ToString("0", C) + " B",
    };

    public static string Duration(double ns) => ns switch
    {
        >= 1e6 => (ns / 1e6).ToString("0.00", C) + " ms",
        >= 1e3 => (ns / 1e3).ToString("0.00", C) + " µs",
        _ => ns.ToString("0.0", C) + " ns",
    };
}
