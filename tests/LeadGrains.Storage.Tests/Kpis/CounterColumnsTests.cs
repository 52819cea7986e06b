using LeadGrains.Domain.Kpis;
using LeadGrains.Storage.Kpis;

namespace LeadGrains.Storage.Tests.Kpis;

public class CounterColumnsTests
{
    private static readonly Bucket Day = Period.Day.Containing(new DateOnly(2026, 12, 6));

    /// <summary>
    /// Writers lock counter rows in this order; it compares scopes without building their text,
    /// and must still be the order of that text (what every build before it used), so writers of
    /// two builds in one cluster take their locks in the same order.
    /// </summary>
    [Fact]
    public void Keys_are_ordered_by_their_scope_text_as_ordinal_strings()
    {
        var scopes = new List<KpiScope> { KpiScope.All };
        foreach (var value in new[] { "a", "b", "ab", "Z", "z", "0", "nov-news", "spring 2025: launch@tokyo", "é", "x y" })
        {
            scopes.Add(KpiScope.Campaign(value));
        }
        foreach (var value in new[] { "sns", "search", "ads", "a", "z-1", "0" })
        {
            scopes.Add(KpiScope.Source(value));
        }

        foreach (var a in scopes)
        {
            foreach (var b in scopes)
            {
                var byKeys = CounterColumns.Compare(new CounterKey(Counters.EmailOpens, a, Day), new CounterKey(Counters.EmailOpens, b, Day));
                var byText = string.CompareOrdinal(CounterColumns.Scope(a), CounterColumns.Scope(b));
                Assert.True(Math.Sign(byKeys) == Math.Sign(byText), $"{a} against {b}: {byKeys} by keys, {byText} by text");
            }
        }
    }
}
