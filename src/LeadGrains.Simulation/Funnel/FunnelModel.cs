namespace LeadGrains.Simulation.Funnel;

/// <summary>
/// The behaviour behind the synthetic funnel: ratios and rhythms of a B2B marketing program.
/// Rates are fractions; intervals are in event time before <see cref="SimulationOptions.TimeScale"/>.
/// docs/loadgen.md lists every value and where it comes from.
/// </summary>
public sealed record FunnelModel
{
    /// <summary>Inflow sources of new leads and their weights (search brings the most).</summary>
    public IReadOnlyList<(string Source, double Weight)> Sources { get; init; } =
    [
        ("search", 30), ("ads", 15), ("sns", 15), ("newsletter", 10), ("seminar", 10),
        ("exhibition", 8), ("referral", 7), ("direct", 5),
    ];

    /// <summary>
    /// Spread of lead interest (log-normal, mean 1). σ = 1 makes the median lead a third as active
    /// as the mean and one in twelve three times as active: a few hot leads, many cold ones.
    /// </summary>
    public double InterestSigma { get; init; } = 1.0;

    /// <summary>Interest fades with a lead's age (e-folding time): most leads go quiet within a quarter.</summary>
    public TimeSpan InterestLifetime { get; init; } = TimeSpan.FromDays(60);

    /// <summary>Contacts this old get no more email (a common sunset policy for inactive contacts).</summary>
    public TimeSpan EmailSunset { get; init; } = TimeSpan.FromDays(120);

    // ---- email ------------------------------------------------------------------------------

    /// <summary>Each email campaign sends to the whole list this often.</summary>
    public TimeSpan EmailInterval { get; init; } = TimeSpan.FromDays(28);

    /// <summary>Of sends: the address bounces (2% hard: no more mail).</summary>
    public double BounceRate { get; init; } = 0.02;

    public double HardBounceShare { get; init; } = 0.5;

    /// <summary>Of delivered (B2B newsletters see 20-30%).</summary>
    public double OpenRate { get; init; } = 0.25;

    /// <summary>Of opened (click-to-open 10-20%).</summary>
    public double ClickRate { get; init; } = 0.15;

    /// <summary>Of opened.</summary>
    public double ReplyRate { get; init; } = 0.03;

    /// <summary>Of opened; about 0.3% of delivered.</summary>
    public double UnsubscribeRate { get; init; } = 0.012;

    /// <summary>Of clicks: the click lands in a web session.</summary>
    public double ClickSessionRate { get; init; } = 0.8;

    // ---- webinars ---------------------------------------------------------------------------

    public TimeSpan WebinarInterval { get; init; } = TimeSpan.FromDays(42);

    /// <summary>Announced this long before the session; registrations come in over that time.</summary>
    public TimeSpan WebinarLeadTime { get; init; } = TimeSpan.FromDays(14);

    /// <summary>Of invited (subscribed) leads, for a lead of average interest.</summary>
    public double WebinarRegistrationRate { get; init; } = 0.03;

    /// <summary>Of registered (B2B webinars: 40-60%).</summary>
    public double WebinarAttendanceRate { get; init; } = 0.55;

    /// <summary>Of attended.</summary>
    public double SurveyRate { get; init; } = 0.6;

    // ---- web --------------------------------------------------------------------------------

    /// <summary>Mean gap between web sessions of a lead of average interest.</summary>
    public TimeSpan SessionInterval { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Chance of another page after each page (0.55: ~45% one-page sessions, ~2.2 pages per session).</summary>
    public double NextPageRate { get; init; } = 0.55;

    /// <summary>Median time on a page; log-normal with σ 0.9, so about a third of pages are read over a minute.</summary>
    public TimeSpan MedianDwell { get; init; } = TimeSpan.FromSeconds(35);

    /// <summary>Of page views, for a lead of average interest.</summary>
    public double CtaRate { get; init; } = 0.05;

    /// <summary>Of CTA clicks by kind: a download, a document request or an inquiry follows.</summary>
    public double CtaConversionRate { get; init; } = 0.5;

    // ---- sns, exhibitions -------------------------------------------------------------------

    /// <summary>Leads from other sources who also follow the company's accounts.</summary>
    public double SnsFollowerShare { get; init; } = 0.3;

    public TimeSpan SnsInterval { get; init; } = TimeSpan.FromDays(6);

    public TimeSpan ExhibitionInterval { get; init; } = TimeSpan.FromDays(91);

    /// <summary>Of known leads, for a lead of average interest, over the exhibition's three days.</summary>
    public double ExhibitionVisitRate { get; init; } = 0.03;

    public static FunnelModel Default { get; } = new();

    /// <summary>
    /// The demo's model: the same funnel with hotter leads, so that a minute of compressed time
    /// shows leads qualifying.
    /// </summary>
    public static FunnelModel Demo { get; } = new()
    {
        InterestSigma = 1.2,
        SessionInterval = TimeSpan.FromDays(2),
        CtaRate = 0.12,
        WebinarRegistrationRate = 0.1,
        ExhibitionVisitRate = 0.1,
    };
}
