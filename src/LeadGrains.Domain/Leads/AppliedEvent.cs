namespace LeadGrains.Domain.Leads;

/// <summary>What applying one event did: the rule that scored it and the points it earned.</summary>
/// <param name="RuleId">The matching rule, or null when no rule scores this event.</param>
/// <param name="RulePoints">The rule's points before any cap.</param>
/// <param name="Points">The points awarded after the rule's cap (at the event's time, before decay).</param>
public readonly record struct AppliedEvent(
    long Seq,
    string EventId,
    string? RuleId,
    double RulePoints,
    double Points,
    StageTransition? Transition);
