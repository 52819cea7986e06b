using System.Globalization;
using System.Text;
using LeadGrains.Domain.Events;
using LeadGrains.Server.Ingest;

namespace LeadGrains.Bench.Micro;

/// <summary>
/// A deterministic batch of events shaped like what producers send (the mix the load generator
/// uses: email, web with paths, sessions and dwell times, webinar, documents, SNS, exhibitions),
/// as JSON and as the validated <see cref="LeadEvent"/>s the parser makes of it.
/// </summary>
public static class SampleEvents
{
    /// <summary>A fixed "now", so the parser's future-skew check and decay do not depend on the clock.</summary>
    public static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly string[] Types =
    [
        "email.delivered", "email.delivered", "email.opened", "email.clicked", "web.page_viewed", "web.page_viewed",
        "web.page_viewed", "web.cta_clicked", "webinar.registered", "webinar.attended", "whitepaper.downloaded",
        "document.requested", "sns.engaged", "exhibition.visited",
    ];

    private static readonly string[] Sources = ["search", "sns", "newsletter", "seminar", "ads"];
    private static readonly string[] SnsKinds = ["like", "repost", "reply"];

    /// <summary>A JSON array of <paramref name="count"/> events over <paramref name="leads"/> leads, spread over the 30 days before <see cref="Now"/>.</summary>
    public static byte[] JsonBatch(int count, int leads, int seed = 42)
    {
        var random = new Random(seed);
        var start = Now.AddDays(-30);
        var step = TimeSpan.FromDays(30).Ticks / Math.Max(1, count);
        var sb = new StringBuilder("[");
        for (var n = 0; n < count; n++)
        {
            var type = Types[random.Next(Types.Length)];
            if (n > 0)
            {
                sb.Append(',');
            }
            sb.Append(CultureInfo.InvariantCulture, $"{{\"id\":\"evt-{seed}-{n}\",\"leadId\":\"lead-{random.Next(leads)}\",\"type\":\"{type}\",")
              .Append(CultureInfo.InvariantCulture, $"\"occurredAt\":\"{start.AddTicks(step * n):O}\",")
              .Append(CultureInfo.InvariantCulture, $"\"source\":\"{Sources[random.Next(Sources.Length)]}\",\"campaign\":\"c{random.Next(20)}\"");
            switch (type)
            {
                case "web.page_viewed":
                    var path = random.Next(5) == 0 ? "/pricing" : $"/blog/{random.Next(50)}";
                    sb.Append(CultureInfo.InvariantCulture,
                        $",\"properties\":{{\"path\":\"{path}\",\"sessionId\":\"s{random.Next(1000)}\",\"dwellSeconds\":{random.Next(300)}}}");
                    break;
                case "web.cta_clicked":
                    sb.Append(CultureInfo.InvariantCulture, $",\"properties\":{{\"path\":\"/contact\",\"sessionId\":\"s{random.Next(1000)}\"}}");
                    break;
                case "sns.engaged":
                    sb.Append(CultureInfo.InvariantCulture, $",\"properties\":{{\"kind\":\"{SnsKinds[random.Next(SnsKinds.Length)]}\"}}");
                    break;
            }
            sb.Append('}');
        }
        return Encoding.UTF8.GetBytes(sb.Append(']').ToString());
    }

    /// <summary>The batch through the real parser: exactly the events the server would hand to lead grains.</summary>
    public static IReadOnlyList<LeadEvent> Parsed(int count, int leads, int seed = 42)
    {
        var result = IngestParser.Parse("application/json", new Dictionary<string, string>(), JsonBatch(count, leads, seed), Now);
        return result.Error is { } error
            ? throw new InvalidOperationException($"The sample batch is invalid: {error.Detail}")
            : result.Events;
    }

    /// <summary>The events of one lead in occurred-at order, as (event, seq) pairs the way a grain numbers them.</summary>
    public static (LeadEvent Event, long Seq)[] ForOneLead(int count, int seed = 7)
    {
        var events = Parsed(count, leads: 1, seed);
        return [.. events.Select((e, i) => (e, (long)(i + 1)))];
    }
}
