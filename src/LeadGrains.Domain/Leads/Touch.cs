namespace LeadGrains.Domain.Leads;

/// <summary>An attributed touch: the inflow source and campaign of an event, and when it happened.</summary>
public sealed record Touch(string? Source, string? Campaign, DateTimeOffset At);
