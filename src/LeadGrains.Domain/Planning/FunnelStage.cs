using LeadGrains.Domain.Kpis;

namespace LeadGrains.Domain.Planning;

/// <summary>The stages the KGI is worked back through, top of the funnel first.</summary>
public enum FunnelStage : byte
{
    Leads,
    Qualified,
    Meetings,
    Won,
}

public static class FunnelStages
{
    private static readonly string[] Names = ["leads", "qualified leads", "meetings", "won deals"];

    public static IReadOnlyList<FunnelStage> All { get; } = [FunnelStage.Leads, FunnelStage.Qualified, FunnelStage.Meetings, FunnelStage.Won];

    /// <summary>How the diagnosis names the stage.</summary>
    public static string Name(this FunnelStage stage) => Names[(int)stage];

    /// <summary>The funnel measure that counts the stage's actuals.</summary>
    public static Measure Measure(this FunnelStage stage) => stage switch
    {
        FunnelStage.Leads => MeasureCatalog.LeadsAcquired,
        FunnelStage.Qualified => MeasureCatalog.LeadsQualified,
        FunnelStage.Meetings => MeasureCatalog.Meetings,
        _ => MeasureCatalog.WonDeals,
    };
}

/// <summary>A number per funnel stage.</summary>
public sealed record StageCounts(int Leads, int Qualified, int Meetings, int Won)
{
    public static readonly StageCounts Zero = new(0, 0, 0, 0);

    public int this[FunnelStage stage] => stage switch
    {
        FunnelStage.Leads => Leads,
        FunnelStage.Qualified => Qualified,
        FunnelStage.Meetings => Meetings,
        _ => Won,
    };

    /// <summary>Actuals from the funnel counters (lead acquisitions and stage transitions).</summary>
    public static StageCounts FromCounters(CounterValues counters)
    {
        int Of(FunnelStage s) => (int)s.Measure().Evaluate(counters).Value!.Value;
        return new StageCounts(Of(FunnelStage.Leads), Of(FunnelStage.Qualified), Of(FunnelStage.Meetings), Of(FunnelStage.Won));
    }
}
