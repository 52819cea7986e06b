using LeadGrains.Domain.Scoring;
using static LeadGrains.Domain.Tests.Events;

namespace LeadGrains.Domain.Tests;

public class ScoreRankTests
{
    private static readonly Decay Decay90 = new(TimeSpan.FromDays(90));

    /// <summary>A later time than every as-of below, at which the leads are compared.</summary>
    private static readonly DateTimeOffset Now = T0.AddDays(30);

    /// <summary>500 leads with scores in [-100, 100] (every tenth exactly 0) as of whole seconds in the last 2 years.</summary>
    private static (double Score, DateTimeOffset AsOf)[] RandomLeads(int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, 500)
            .Select(i => (
                Score: i % 10 == 0 ? 0.0 : Math.Round(random.NextDouble() * 200 - 100, 3),
                AsOf: T0.AddSeconds(-random.Next(0, 2 * 365 * 24 * 3600))))
            .ToArray();
    }

    private static double DecayedAt(double score, DateTimeOffset asOf, DateTimeOffset now, Decay decay) =>
        score * decay.Factor(asOf.UtcTicks, now.UtcTicks);

    [Fact]
    public void Ordering_by_rank_equals_ordering_by_decayed_score_at_a_common_later_time()
    {
        var leads = RandomLeads(seed: 20250310);
        var decayed = leads.Select(l => DecayedAt(l.Score, l.AsOf, Now, Decay90)).ToArray();
        var ranks = leads.Select(l => ScoreRank.Of(l.Score, l.AsOf, Decay90)).ToArray();

        var misordered = new List<string>();
        for (var i = 0; i < leads.Length; i++)
        {
            for (var j = 0; j < leads.Length; j++)
            {
                if (decayed[i] > decayed[j] && !(ranks[i] > ranks[j]))
                {
                    misordered.Add($"{decayed[i]} (rank {ranks[i]}) vs {decayed[j]} (rank {ranks[j]})");
                }
            }
        }

        Assert.True(misordered.Count == 0, $"{misordered.Count} misordered pairs, e.g. {string.Join("; ", misordered.Take(3))}");
    }

    [Fact]
    public void Negative_scores_a_thousandth_of_a_percent_apart_keep_their_order()
    {
        var lessNegative = ScoreRank.Of(-10.000, T0, Decay90);
        var moreNegative = ScoreRank.Of(-10.0001, T0, Decay90);

        Assert.True(lessNegative > moreNegative, $"{lessNegative} vs {moreNegative}");
    }

    [Fact]
    public void Equal_decayed_scores_have_equal_ranks()
    {
        var a = ScoreRank.Of(20, T0, Decay90);
        var b = ScoreRank.Of(10, T0.AddDays(-90), Decay90); // worth 5 at T0
        var c = ScoreRank.Of(40, T0.AddDays(-90), Decay90); // worth 20 at T0

        Assert.True(a > b);
        Assert.Equal(a, c, 9);
    }

    [Fact]
    public void Zero_ranks_below_every_positive_score_and_above_every_negative_score()
    {
        var zero = ScoreRank.Of(0, T0, Decay90);

        Assert.True(ScoreRank.Of(1e-6, T0.AddYears(-20), Decay90) > zero);
        Assert.True(ScoreRank.Of(-1e-6, T0.AddYears(-20), Decay90) < zero);
        Assert.Equal(zero, ScoreRank.Of(0, T0.AddYears(-20), Decay90));
    }

    [Theory]
    [InlineData(25.0)]
    [InlineData(0.5)]
    [InlineData(0.0)]
    [InlineData(-0.5)]
    [InlineData(-25.0)]
    public void Floor_selects_exactly_the_leads_whose_decayed_score_now_is_at_least_the_minimum(double minScore)
    {
        var leads = RandomLeads(seed: 7);
        var floor = ScoreRank.Floor(minScore, Now, Decay90);

        var byRank = leads.Where(l => ScoreRank.Of(l.Score, l.AsOf, Decay90) >= floor).ToList();
        var byScore = leads.Where(l => DecayedAt(l.Score, l.AsOf, Now, Decay90) >= minScore).ToList();

        Assert.NotEmpty(byScore);
        Assert.NotEqual(leads.Length, byScore.Count);
        Assert.Equal(byScore, byRank);
    }

    [Fact]
    public void Without_decay_the_rank_is_the_score_and_the_floor_is_the_minimum()
    {
        Assert.Equal(42.5, ScoreRank.Of(42.5, T0, Decay.None));
        Assert.Equal(0, ScoreRank.Of(0, T0, Decay.None));
        Assert.Equal(-7, ScoreRank.Of(-7, T0.AddYears(-3), Decay.None));
        Assert.Equal(12, ScoreRank.Floor(12, T0, Decay.None));
        Assert.Equal(-3, ScoreRank.Floor(-3, T0, Decay.None));
    }
}
