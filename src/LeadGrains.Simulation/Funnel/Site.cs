namespace LeadGrains.Simulation.Funnel;

/// <summary>The pages, calls to action and assets of the synthetic company's site, as interned strings.</summary>
internal static class Site
{
    public const string Home = "/";
    public const string Pricing = "/pricing";
    public const string Contact = "/contact";
    public const string Newsletter = "/newsletter";

    public static readonly string[] Blog =
    [
        "/blog/what-is-lead-scoring", "/blog/mql-vs-sql", "/blog/kpi-tree-for-marketing", "/blog/webinar-checklist",
        "/blog/email-open-rate-benchmarks", "/blog/nurturing-with-content", "/blog/sns-engagement-metrics",
        "/blog/kgi-to-kpi", "/blog/handing-leads-to-sales", "/blog/exhibition-follow-up", "/blog/cta-design",
        "/blog/scoring-decay",
    ];

    public static readonly string[] Products = ["/products/scoring", "/products/kpi-dashboard", "/products/integrations", "/products/api"];

    public static readonly string[] CaseStudies = ["/case-studies/acme", "/case-studies/globex", "/case-studies/initech", "/case-studies/umbrella"];

    public static readonly string[] Whitepapers = ["/whitepapers/kpi-design-guide", "/whitepapers/lead-nurturing-playbook", "/whitepapers/ma-roi"];

    public static readonly string[] Networks = ["x", "linkedin", "facebook"];

    public static readonly string[] InquiryTopics = ["pricing", "demo", "integration", "partnership"];

    /// <summary>What a lead looks at next, weighted; pricing's weight grows with interest (see <see cref="NextPage"/>).</summary>
    private static readonly double[] NextPageWeights = [0.35, 0.25, 0.12, 0.08, 0.06, 0.03, 0.11];

    public static string NextPage(SimRandom random, double activity)
    {
        Span<double> cumulative = stackalloc double[NextPageWeights.Length];
        var total = 0.0;
        for (var i = 0; i < NextPageWeights.Length; i++)
        {
            var w = NextPageWeights[i];
            if (i == 4)
                w += 0.04 * Math.Min(activity, 4); // pricing: hot leads look at prices
            if (i == 5)
                w += 0.01 * Math.Min(activity, 4); // contact
            total += w;
            cumulative[i] = total;
        }
        return random.Pick(cumulative) switch
        {
            0 => Blog[random.Next(Blog.Length)],
            1 => Products[random.Next(Products.Length)],
            2 => CaseStudies[random.Next(CaseStudies.Length)],
            3 => Whitepapers[random.Next(Whitepapers.Length)],
            4 => Pricing,
            5 => Contact,
            _ => Home,
        };
    }
}
