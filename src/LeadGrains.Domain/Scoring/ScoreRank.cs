namespace LeadGrains.Domain.Scoring;

/// <summary>
/// A number that orders leads by their decayed score at any common time, so the store can sort
/// and filter "score now" with an index although each lead's score is kept as of its own last
/// event. With half-life h, score_now = s·2^(-(now-a)/h), so log2(score_now) = log2(s) + a/h - now/h:
/// the term log2(s) + a/h does not depend on now. Zero scores rank below every positive one and
/// negative scores below zero, the more negative (now) the lower.
/// </summary>
public static class ScoreRank
{
    // A positive score as of a time at or after the Unix epoch ranks above -1075 (log2 of the
    // smallest double is -1074), and a negative one at most NegativeBase + 1074. The bases are
    // kept that small on purpose: a double near 1e12 resolves only ~2e-4 in log2 units, which
    // tied or swapped negative scores 0.01% apart; near 8e3 it resolves ~1e-12.
    private const double ZeroRank = -4096;
    private const double NegativeBase = -8192;

    public static double Of(double score, DateTimeOffset asOf, Decay decay)
    {
        if (decay.HalfLife is not { } h)
        {
            return score;
        }
        var x = LogTerm(Math.Abs(score), asOf.ToUnixTimeMilliseconds() / 1000.0, h);
        return score > 0 ? x : score == 0 ? ZeroRank : NegativeBase - x;
    }

    /// <summary>The lowest rank of a lead whose decayed score at <paramref name="now"/> is at least <paramref name="minScore"/>.</summary>
    public static double Floor(double minScore, DateTimeOffset now, Decay decay)
    {
        if (decay.HalfLife is not { } h)
        {
            return minScore;
        }
        var nowTerm = now.ToUnixTimeMilliseconds() / 1000.0 / h.TotalSeconds;
        return minScore > 0 ? Math.Log2(minScore) + nowTerm
            : minScore == 0 ? ZeroRank
            : NegativeBase - (Math.Log2(-minScore) + nowTerm);
    }

    private static double LogTerm(double absScore, double asOfSeconds, TimeSpan halfLife) =>
        Math.Log2(absScore) + asOfSeconds / halfLife.TotalSeconds;
}
