namespace LeadGrains.Domain;

/// <summary>
/// One reason an input was refused, naming the field (camelCase, as the API spells it) so the
/// problem-details answer can point at it.
/// </summary>
public sealed record FieldError(string Field, string Message);
