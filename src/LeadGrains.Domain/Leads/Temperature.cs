namespace LeadGrains.Domain.Leads;

/// <summary>How warm a lead is now: hot at or above the threshold, warm from half of it.</summary>
public enum Temperature : byte
{
    Cold,
    Warm,
    Hot,
}
