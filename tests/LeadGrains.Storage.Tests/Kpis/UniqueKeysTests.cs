using System.IO.Hashing;
using System.Text;
using LeadGrains.Domain.Kpis;
using LeadGrains.Storage.Kpis;

namespace LeadGrains.Storage.Tests.Kpis;

/// <summary>
/// Stored first-occurrence keys must never change for the same occurrence: a different hash for
/// an identity already counted in an open bucket would count it a second time.
/// </summary>
public sealed class UniqueKeysTests
{
    // The definition the keys were first stored under: the hash of this text's UTF-8.
    private static Guid Reference(CounterKey key, string identity)
    {
        var text = string.Concat(key.Counter.Name, "\u001f", key.Scope.ToString(), "\u001f",
            key.Bucket.Period.Name(), key.Bucket.Start.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture),
            "\u001f", identity);
        return new Guid(XxHash128.Hash(Encoding.UTF8.GetBytes(text)));
    }

    public static TheoryData<string, string, string> Occurrences => new()
    {
        { "all", "", "lead-1" },
        { "campaign", "nov-news", "lead-ü-東京" },
        { "source", "sns", "session-" + new string('x', 300) },
        { "campaign", new string('c', 200), new string('あ', 700) },
    };

    [Theory]
    [MemberData(nameof(Occurrences))]
    public void Key_is_the_hash_of_the_documented_text_for_every_period(string scopeKind, string scopeValue, string identity)
    {
        var scope = scopeKind switch
        {
            "campaign" => KpiScope.Campaign(scopeValue),
            "source" => KpiScope.Source(scopeValue),
            _ => KpiScope.All,
        };
        var date = new DateOnly(2026, 11, 23);
        foreach (var period in Periods.All)
        {
            var key = new CounterKey(Counters.WebSessions, scope, period.Containing(date));
            Assert.Equal(Reference(key, identity), UniqueKeys.For(key, identity));
        }
    }

    [Fact]
    public void Different_identities_scopes_and_buckets_give_different_keys()
    {
        var day = Periods.All[0].Containing(new DateOnly(2026, 11, 23));
        var next = Periods.All[0].Containing(new DateOnly(2026, 11, 24));
        var keys = new[]
        {
            UniqueKeys.For(new CounterKey(Counters.EmailUniqueOpeners, KpiScope.All, day), "a"),
            UniqueKeys.For(new CounterKey(Counters.EmailUniqueOpeners, KpiScope.All, day), "b"),
            UniqueKeys.For(new CounterKey(Counters.EmailUniqueOpeners, KpiScope.All, next), "a"),
            UniqueKeys.For(new CounterKey(Counters.EmailUniqueClickers, KpiScope.All, day), "a"),
            UniqueKeys.For(new CounterKey(Counters.EmailUniqueOpeners, KpiScope.Source("sns"), day), "a"),
        };
        Assert.Equal(keys.Length, keys.Distinct().Count());
    }
}
