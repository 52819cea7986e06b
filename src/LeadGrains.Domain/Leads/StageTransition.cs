namespace LeadGrains.Domain.Leads;

/// <summary>A change of a lead's stage and the event that caused it; qualifications go to the outbox.</summary>
public sealed record StageTransition(
    LeadStage From,
    LeadStage To,
    string CauseEventId,
    DateTimeOffset OccurredAt,
    double Score,
    double? Threshold);
