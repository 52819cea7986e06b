namespace LeadGrains.Domain.Leads;

/// <summary>Where a lead is in the funnel. Values are stored; only append.</summary>
public enum LeadStage : byte
{
    New = 0,
    Nurturing = 1,
    Qualified = 2,
    HandedToSales = 3,
    Meeting = 4,
    Won = 5,
    Lost = 6,
    Recycled = 7,
    Disqualified = 8,
}

public static class LeadStages
{
    private static readonly string[] Names =
        ["new", "nurturing", "qualified", "handed_to_sales", "meeting", "won", "lost", "recycled", "disqualified"];

    public static string Name(this LeadStage stage) => Names[(int)stage];

    public static bool TryParse(string name, out LeadStage stage)
    {
        var i = Array.IndexOf(Names, name);
        stage = i < 0 ? default : (LeadStage)i;
        return i >= 0;
    }

    /// <summary>Stages in which reaching the threshold qualifies the lead (marketing still owns it).</summary>
    public static bool IsMarketingOwned(this LeadStage stage) =>
        stage is LeadStage.New or LeadStage.Nurturing or LeadStage.Recycled;
}
