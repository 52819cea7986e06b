using System.Globalization;

namespace LeadGrains.Bench.Baselines;

/// <summary>One event row, in the columns of <c>lg_events</c>, plus the points a naive scorer would add.</summary>
public sealed record EventRow(
    string Tenant, string EventId, string LeadId, long Seq, string Type, DateTimeOffset OccurredAt,
    DateTimeOffset ReceivedAt, string? Source, string? Campaign, string? Properties, double Points);

/// <summary>
/// Deterministic rows with the load generator's shape (type mix, sources, campaigns, page-view
/// properties) over a fixed set of leads. Both baselines write exactly these rows.
/// </summary>
public static class SyntheticRows
{
    // Type and the points the default model gives it before caps and decay (docs/scoring.md).
    private static readonly (string Type, double Points)[] Types =
    [
        ("email.delivered", 0), ("email.opened", 1), ("email.clicked", 3), ("web.page_viewed", 1), ("web.page_viewed", 1),
        ("web.cta_clicked", 3), ("webinar.registered", 5), ("whitepaper.downloaded", 5), ("document.requested", 5),
        ("exhibition.visited", 10),
    ];

    private static readonly string[] Sources = ["search", "sns", "newsletter", "seminar", "ads"];

    public static EventRow[] Create(int count, int leads, int seed, string tenant = "default")
    {
        var random = new Random(seed);
        var received = DateTimeOffset.UtcNow;
        var start = received.AddDays(-30);
        var rows = new EventRow[count];
        for (var n = 0; n < count; n++)
        {
            var (type, points) = Types[random.Next(Types.Length)];
            var properties = type == "web.page_viewed"
                ? string.Create(CultureInfo.InvariantCulture,
                    $"{{\"path\":\"/p/{random.Next(50)}\",\"sessionId\":\"s{random.Next(1000)}\",\"dwellSeconds\":{random.Next(300)}}}")
                : null;
            rows[n] = new EventRow(
                tenant,
                string.Create(CultureInfo.InvariantCulture, $"b{seed}-{n}"),
                string.Create(CultureInfo.InvariantCulture, $"lead-{random.Next(leads)}"),
                n + 1,
                type,
                start.AddSeconds(n),
                received,
                Sources[random.Next(Sources.Length)],
                string.Create(CultureInfo.InvariantCulture, $"c{random.Next(20)}"),
                properties,
                points);
        }
        return rows;
    }
}
