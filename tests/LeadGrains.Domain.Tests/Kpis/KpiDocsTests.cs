using LeadGrains.Domain.Kpis;

namespace LeadGrains.Domain.Tests;

/// <summary>docs/kpis.md is where users look up a KPI; it must not fall behind the catalog.</summary>
public class KpiDocsTests
{
    private static readonly Lazy<string> Doc = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "docs", "kpis.md");
            if (File.Exists(path))
            {
                return File.ReadAllText(path);
            }
        }
        throw new FileNotFoundException("docs/kpis.md not found above the test directory");
    });

    [Fact]
    public void Every_measure_is_documented_with_its_formula()
    {
        Assert.All(MeasureCatalog.All, m => Assert.Contains($"| `{m.Id}` | {m.Kind} | {m.Unit} | `{m.Formula}` |", Doc.Value));
    }

    [Fact]
    public void Every_counter_is_documented()
    {
        Assert.All(Counters.All, c => Assert.Contains($"| `{c.Name}` | {c.Kind} |", Doc.Value));
    }
}
