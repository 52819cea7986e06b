namespace LeadGrains.Domain.Scoring;

/// <summary>A score a lead must reach to be qualified (e.g. "mql" at 50).</summary>
public sealed record ScoreThreshold(string Name, double Score);
