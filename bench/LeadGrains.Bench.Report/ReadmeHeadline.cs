namespace LeadGrains.Bench.Report;

/// <summary>Rewrites the text between the README's headline markers; everything else is left as it is.</summary>
public static class ReadmeHeadline
{
    public const string Begin = "<!-- benchmarks:headline -->";
    public const string End = "<!-- /benchmarks:headline -->";

    public static string Replace(string readme, string headline)
    {
        var begin = readme.IndexOf(Begin, StringComparison.Ordinal);
        var end = readme.IndexOf(End, StringComparison.Ordinal);
        if (begin < 0 || end < begin)
            throw new InvalidOperationException($"README has no {Begin} ... {End} markers.");
        return readme[..(begin + Begin.Length)] + "\n" + headline + "\n" + readme[end..];
    }
}
