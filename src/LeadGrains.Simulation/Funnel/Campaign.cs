namespace LeadGrains.Simulation.Funnel;

public enum CampaignKind : byte
{
    Email,
    Webinar,
    Whitepaper,
    Ads,
    Sns,
    Exhibition,
}

/// <summary>A marketing initiative: a recurring email, a webinar series, a whitepaper, an ad set, ...</summary>
public sealed record Campaign(int Index, CampaignKind Kind, string Name)
{
    /// <summary>The mix a list of campaigns cycles through: email most, exhibitions least.</summary>
    private static readonly CampaignKind[] Mix =
    [
        CampaignKind.Email, CampaignKind.Webinar, CampaignKind.Whitepaper, CampaignKind.Email, CampaignKind.Ads,
        CampaignKind.Sns, CampaignKind.Email, CampaignKind.Exhibition, CampaignKind.Webinar, CampaignKind.Whitepaper,
    ];

    private static readonly string[] Prefixes = ["newsletter", "webinar", "whitepaper", "ads", "sns", "expo"];

    public static IReadOnlyList<Campaign> Plan(int count)
    {
        var campaigns = new Campaign[count];
        var perKind = new int[Prefixes.Length];
        for (var i = 0; i < count; i++)
        {
            var kind = Mix[i % Mix.Length];
            var n = ++perKind[(int)kind];
            campaigns[i] = new Campaign(i, kind, $"{Prefixes[(int)kind]}-{n:00}");
        }
        return campaigns;
    }
}
