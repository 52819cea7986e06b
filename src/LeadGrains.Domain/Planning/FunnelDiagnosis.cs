using System.Globalization;

namespace LeadGrains.Domain.Planning;

/// <summary>One step of a chain that should move together: its name and its actual over plan (or KPI attainment).</summary>
public sealed record FunnelStep(string Name, double? Ratio);

/// <summary>The step that loses the most against plan, and what to look at.</summary>
public sealed record Diagnosis(int? BottleneckIndex, string Sentence);

/// <summary>
/// The seeds' review: "high open and click rates but a low conversion rate point to the path
/// from click to conversion". A step behind only because the step before it is behind is not
/// the problem, so each step is judged against the one before it: its step ratio is its own
/// ratio over the previous step's. The bottleneck is the lowest step ratio below
/// 1 − <see cref="OnPlanTolerance"/> (ties go to the earlier step, which the later ones depend on).
/// </summary>
public static class FunnelDiagnosis
{
    /// <summary>Within 10% of plan counts as on plan: weekly noise is not a finding.</summary>
    public const double OnPlanTolerance = 0.1;

    public static bool IsOnPlan(double? ratio) => ratio is null || ratio >= 1 - OnPlanTolerance;

    /// <summary>Each step's ratio over the previous step's; the first step's is its own ratio.</summary>
    public static IReadOnlyList<double?> StepRatios(IReadOnlyList<FunnelStep> steps)
    {
        var result = new double?[steps.Count];
        for (var i = 0; i < steps.Count; i++)
        {
            var ratio = steps[i].Ratio;
            var before = i == 0 ? 1.0 : steps[i - 1].Ratio;
            result[i] = ratio is { } r && before is { } b && b > 0 ? r / b : null;
        }
        return result;
    }

    public static Diagnosis Diagnose(IReadOnlyList<FunnelStep> steps)
    {
        var stepRatios = StepRatios(steps);
        int? worst = null;
        for (var i = 0; i < steps.Count; i++)
        {
            if (stepRatios[i] is { } s && !IsOnPlan(s) && (worst is null || s < stepRatios[worst.Value]))
            {
                worst = i;
            }
        }
        if (steps.All(s => s.Ratio is null))
        {
            return new Diagnosis(null, "Nothing planned yet to compare against.");
        }
        if (worst is not { } w)
        {
            return new Diagnosis(null, steps.All(s => IsOnPlan(s.Ratio))
                ? "Everything is on plan."
                : "Every step converts as planned from the one before it; the shortfall comes from the top: look at " + steps[0].Name + ".");
        }

        var step = steps[w];
        var behind = $"{step.Name} behind ({Percent(step.Ratio!.Value)} of plan)";
        if (w == 0)
        {
            return new Diagnosis(0, $"{Capitalised(behind)}: look at {step.Name} first; every later step depends on it.");
        }
        var earlier = steps.Take(w).ToList();
        var prefix = earlier.All(s => IsOnPlan(s.Ratio))
            ? JoinAnd(earlier.Select(s => s.Name)) + " on plan, "
            : "";
        return new Diagnosis(w, Capitalised($"{prefix}{behind}: look at the path from {steps[w - 1].Name} to {step.Name}."));
    }

    private static string Percent(double ratio) => (ratio * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

    private static string JoinAnd(IEnumerable<string> names)
    {
        var list = names.ToList();
        return list.Count == 1 ? list[0] : string.Join(", ", list.Take(list.Count - 1)) + " and " + list[^1];
    }

    private static string Capitalised(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
