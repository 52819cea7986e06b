using LeadGrains.Domain.Kpis;

namespace LeadGrains.Domain.Tests;

/// <summary>
/// Scopes are made for every counted event and kept in a small lossy cache; whichever instance
/// a caller gets, scopes compare and hash by kind and value.
/// </summary>
public class KpiScopeTests
{
    [Fact]
    public void Scopes_of_the_same_kind_and_value_are_equal_and_hash_alike_however_they_were_made()
    {
        var made = KpiScope.Campaign("nov-news");
        Assert.True(KpiScope.TryParse("campaign:nov-news", out var parsed, out _));
        // Far more values than the cache holds, so the value's slot has been taken by others since.
        for (var i = 0; i < 5000; i++)
        {
            _ = KpiScope.Campaign("other-" + i);
        }
        var again = KpiScope.Campaign(new string("nov-news".ToCharArray()));

        Assert.Equal(made, parsed);
        Assert.Equal(made, again);
        Assert.Equal(made.GetHashCode(), again.GetHashCode());
        Assert.Equal(made.GetHashCode(), parsed.GetHashCode());
    }

    [Fact]
    public void The_same_value_as_a_campaign_and_as_a_source_are_different_scopes()
    {
        var campaign = KpiScope.Campaign("sns");
        var source = KpiScope.Source("sns");

        Assert.NotEqual(campaign, source);
        Assert.Equal("campaign:sns", campaign.ToString());
        Assert.Equal("source:sns", source.ToString());
        Assert.NotEqual(KpiScope.All, campaign);
    }

    [Fact]
    public void Every_value_comes_back_as_itself_when_many_share_the_cache()
    {
        var values = Enumerable.Range(0, 3000).Select(i => $"c{i}").ToList();
        var first = values.Select(KpiScope.Campaign).ToList();
        var second = values.Select(KpiScope.Campaign).ToList();

        for (var i = 0; i < values.Count; i++)
        {
            Assert.Equal(values[i], first[i].Value);
            Assert.Equal(values[i], second[i].Value);
            Assert.Equal(ScopeKind.Campaign, second[i].Kind);
            Assert.Equal(first[i], second[i]);
        }
    }

    [Fact]
    public void An_invalid_value_is_refused_after_a_valid_one_was_made()
    {
        _ = KpiScope.Source("sns");

        Assert.Throws<ArgumentException>(() => KpiScope.Source("SNS"));
        Assert.Throws<ArgumentException>(() => KpiScope.Campaign(""));
        Assert.False(KpiScope.TryParse("source:Bad Source", out _, out var error));
        Assert.NotNull(error);
    }
}
