using LeadGrains.Domain.Kpis;

namespace LeadGrains.Domain.Planning;

/// <summary>
/// The conversion rates between funnel stages, as fractions in (0, 1]:
/// qualification rate = qualified leads / leads acquired (<c>funnel.qualification_rate</c>),
/// meeting-conversion rate = meetings / qualified leads (<c>funnel.meeting_conversion_rate</c>),
/// win rate = won deals / meetings (<c>funnel.win_rate</c>).
/// </summary>
public sealed record StageRates(double QualificationRate, double MeetingConversionRate, double WinRate);

/// <summary>Rates that may be missing: as a planner was given them, or as a tenant has measured them so far.</summary>
public sealed record StageRateInputs(double? QualificationRate = null, double? MeetingConversionRate = null, double? WinRate = null)
{
    public static readonly StageRateInputs None = new();

    /// <summary>The tenant's measured rates from its funnel counters; a rate with no denominator yet is missing.</summary>
    public static StageRateInputs Measured(CounterValues counters) => new(
        MeasureCatalog.QualificationRate.Evaluate(counters).Value,
        MeasureCatalog.MeetingConversionRate.Evaluate(counters).Value,
        MeasureCatalog.WinRate.Evaluate(counters).Value);
}
