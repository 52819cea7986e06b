namespace LeadGrains.Simulation;

/// <summary>
/// The span of occurred-at times a run covers. A load run replays history that ends at "now";
/// the span is sized so that one season of the funnel holds about the planned events, within
/// a week and a quarter. Longer runs go round more seasons (see <see cref="SimulationOptions.End"/>).
/// </summary>
public static class HistoryWindow
{
    /// <summary>
    /// Events a lead produces per day of history, measured from the default model over a
    /// 10-day season (it falls for longer spans as interest fades); tests keep it honest.
    /// </summary>
    public const double EventsPerLeadDay = 0.8;

    public static readonly TimeSpan Shortest = TimeSpan.FromDays(7);
    public static readonly TimeSpan Longest = TimeSpan.FromDays(90);

    /// <summary>Leads arrive over this share of the window, so the last ones still have time to act.</summary>
    public const double ArrivalShare = 0.8;

    public static TimeSpan For(double plannedEvents, int leads)
    {
        var days = plannedEvents / Math.Max(1, leads) / EventsPerLeadDay;
        var span = TimeSpan.FromDays(double.IsFinite(days) ? days : Longest.TotalDays);
        return span < Shortest ? Shortest : span > Longest ? Longest : span;
    }

    /// <summary>Options for one tenant's stream of a run whose history ends at <paramref name="until"/>.</summary>
    public static SimulationOptions Options(SimulationOptions template, double plannedEvents, DateTimeOffset until)
    {
        var span = For(plannedEvents, template.Leads);
        return template with
        {
            Start = until - span,
            End = until,
            ArrivalWindow = span * ArrivalShare,
        };
    }
}
