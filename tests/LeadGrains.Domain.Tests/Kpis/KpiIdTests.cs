using LeadGrains.Domain.Kpis;

namespace LeadGrains.Domain.Tests;

public class KpiIdTests
{
    [Theory]
    [InlineData("email.open_rate")]
    [InlineData("email.open_rate@campaign:nov-news")]
    [InlineData("web.article_views@source:sns")]
    [InlineData("funnel.meetings@campaign:spring 2025: launch@tokyo")]
    [InlineData("funnel.meetings@campaign: padded ")]
    public void A_kpi_id_formats_back_to_the_text_it_was_parsed_from(string text)
    {
        var id = KpiId.Parse(text);

        Assert.Equal(text, id.ToString());
    }

    [Fact]
    public void A_scoped_id_names_its_measure_and_scope()
    {
        var id = KpiId.Parse("email.open_rate@campaign:nov-news");

        Assert.Same(MeasureCatalog.EmailOpenRate, id.Measure);
        Assert.Equal(ScopeKind.Campaign, id.Scope.Kind);
        Assert.Equal("nov-news", id.Scope.Value);
    }

    [Fact]
    public void The_scope_value_is_everything_after_the_first_colon()
    {
        var id = KpiId.Parse("web.visits@campaign:a:b@c");

        Assert.Equal("a:b@c", id.Scope.Value);
    }

    [Fact]
    public void Ids_built_in_code_equal_parsed_ones()
    {
        var built = new KpiId(MeasureCatalog.WebArticleViews, KpiScope.Source("sns"));

        Assert.Equal(KpiId.Parse("web.article_views@source:sns"), built);
        Assert.Equal(KpiId.Parse("web.article_views"), new KpiId(MeasureCatalog.WebArticleViews));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("email.opn_rate", "does not exist")]
    [InlineData("Email.open_rate", "does not exist")]
    [InlineData("email.open_rate@", "must be")]
    [InlineData("email.open_rate@nov-news", "must be")]
    [InlineData("email.open_rate@channel:email", "unknown")]
    [InlineData("email.open_rate@campaign:", "empty")]
    [InlineData("email.open_rate@source: sns", "lower case")]
    [InlineData("email.open_rate@source:SNS", "lower case")]
    [InlineData("email.open_rate@campaign:nov\tnews", "control")]
    public void Bad_kpi_ids_are_refused_with_a_reason(string text, string reason)
    {
        var ok = KpiId.TryParse(text, out _, out var error);

        Assert.False(ok);
        Assert.Contains(reason, error);
    }

    [Fact]
    public void A_source_longer_than_an_event_source_may_be_is_refused()
    {
        var ok = KpiId.TryParse("web.visits@source:" + new string('s', 65), out _, out var error);

        Assert.False(ok);
        Assert.Contains("longer than 64", error);
    }

    [Fact]
    public void Parse_throws_a_format_exception_for_bad_input()
    {
        Assert.Throws<FormatException>(() => KpiId.Parse("nope"));
    }
}
