namespace LeadGrains.Domain.Kpis;

/// <summary>
/// The SMART rules a target must keep: measurable (its measure exists), time-bound (a deadline
/// after its start), owned, sensible for its unit, and, as the seeds advise against
/// over-splitting, at most <see cref="MaxTargetsPerInitiative"/> per initiative.
/// </summary>
public static class TargetPolicy
{
    /// <summary>The seeds: "3 to 5 KPIs per initiative, at most 5".</summary>
    public const int MaxTargetsPerInitiative = 5;

    public const int MaxTextLength = 200;

    /// <summary>Deadlines further out than this are not time-bound in any useful sense.</summary>
    public const int MaxDays = 366 * 5;

    /// <param name="draft">The target to check.</param>
    /// <param name="existing">The tenant's current targets; one with the draft's id is being replaced and does not count.</param>
    public static TargetValidation Validate(KpiTargetDraft draft, IEnumerable<KpiTarget> existing)
    {
        var errors = new List<FieldError>();

        RequireText(draft.Id, "id", errors);
        RequireText(draft.Owner, "owner", errors);
        RequireText(draft.Initiative, "initiative", errors);

        KpiId? kpi = null;
        if (draft.Kpi is null)
        {
            errors.Add(new("kpi", "kpi is required, e.g. 'email.open_rate' or 'web.article_views@source:sns'"));
        }
        else if (!KpiId.TryParse(draft.Kpi, out var parsed, out var error))
        {
            errors.Add(new("kpi", error!));
        }
        else
        {
            kpi = parsed;
        }

        if (draft.StartDate is null)
        {
            errors.Add(new("startDate", "startDate is required"));
        }
        if (draft.Deadline is null)
        {
            errors.Add(new("deadline", "deadline is required: a KPI target must be time-bound"));
        }
        else if (draft.StartDate is { } start)
        {
            if (draft.Deadline <= start)
            {
                errors.Add(new("deadline", "deadline must be after startDate"));
            }
            else if (draft.Deadline.Value.DayNumber - start.DayNumber > MaxDays)
            {
                errors.Add(new("deadline", $"deadline must be within {MaxDays} days of startDate"));
            }
        }

        if (draft.Value is not { } value)
        {
            errors.Add(new("value", "value is required"));
        }
        else if (kpi is not null && UnitProblem(kpi.Measure.Unit, value) is { } problem)
        {
            errors.Add(new("value", problem));
        }

        var direction = draft.Direction ?? (kpi?.Measure.HigherIsBetter == false ? TargetDirection.AtMost : TargetDirection.AtLeast);
        if (draft.Floor is { } floor && kpi is not null)
        {
            if (kpi.Measure.Unit != MeasureUnit.Ratio)
            {
                errors.Add(new("floor", "floor applies to rates only"));
            }
            else if (UnitProblem(MeasureUnit.Ratio, floor) is { } problem)
            {
                errors.Add(new("floor", problem));
            }
            else if (direction == TargetDirection.AtLeast && draft.Value is { } v && floor > v)
            {
                errors.Add(new("floor", "floor must not be above the target value"));
            }
        }

        if (!string.IsNullOrWhiteSpace(draft.Initiative))
        {
            var others = existing.Count(t => t.Initiative == draft.Initiative && t.Id != draft.Id);
            if (others >= MaxTargetsPerInitiative)
            {
                errors.Add(new("initiative",
                    $"initiative '{draft.Initiative}' already has {others} KPI targets; at most {MaxTargetsPerInitiative} per initiative (the seeds advise 3 to 5)"));
            }
        }

        if (errors.Count > 0)
        {
            return new TargetValidation(null, errors);
        }
        return new TargetValidation(
            new KpiTarget
            {
                Id = draft.Id!,
                Kpi = kpi!,
                Value = draft.Value!.Value,
                Direction = direction,
                StartDate = draft.StartDate!.Value,
                Deadline = draft.Deadline!.Value,
                Owner = draft.Owner!,
                Initiative = draft.Initiative!,
                Floor = draft.Floor,
            },
            []);
    }

    private static void RequireText(string? text, string field, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(new(field, $"{field} is required"));
        }
        else if (text.Length > MaxTextLength)
        {
            errors.Add(new(field, $"{field} must be at most {MaxTextLength} characters"));
        }
    }

    // Rates are fractions (0.25 = 25%), never percent: one convention across API, storage and docs.
    private static string? UnitProblem(MeasureUnit unit, double value) => unit switch
    {
        _ when !double.IsFinite(value) => "value must be a finite number",
        MeasureUnit.Ratio when value is < 0 or > 1 => "a rate target is a fraction from 0 to 1 (0.25 = 25%)",
        _ when value < 0 => "value must not be negative",
        _ => null,
    };
}
