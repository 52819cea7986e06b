namespace LeadGrains.Domain.Scoring;

/// <summary>
/// Exponential time decay with a half-life. Because decay is linear in the points, a score can
/// be kept as one value "as of" a time and moved forward or take late events without history:
/// value(t) = Σ points_i · 2^(-(t - t_i) / halfLife).
/// </summary>
public readonly record struct Decay
{
    public static readonly Decay None = new(null);

    public Decay(TimeSpan? halfLife)
    {
        if (halfLife is { } h && h <= TimeSpan.Zero)
        {
            // A zero or negative half-life would make every factor NaN or infinite.
            throw new ArgumentOutOfRangeException(nameof(halfLife), halfLife, "A half-life must be positive (or null for no decay).");
        }
        HalfLife = halfLife;
    }

    public TimeSpan? HalfLife { get; }

    /// <summary>The factor a value at <paramref name="from"/> is worth at <paramref name="to"/> (1 when no decay).</summary>
    public double Factor(long fromTicks, long toTicks)
    {
        if (HalfLife is not { } h || fromTicks == toTicks)
        {
            return 1.0;
        }
        return Math.Pow(2.0, -(toTicks - fromTicks) / (double)h.Ticks);
    }
}
