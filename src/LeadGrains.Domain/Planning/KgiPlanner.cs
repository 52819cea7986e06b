namespace LeadGrains.Domain.Planning;

/// <summary>
/// Works a KGI back through the funnel, the seeds' procedure: deals needed -> meetings needed
/// -> qualified leads needed -> leads needed.
/// <list type="bullet">
/// <item>won = the goal (one deal per new customer);</item>
/// <item>meetings = ceil(won / win rate); qualified = ceil(meetings / meeting-conversion rate);
/// leads = ceil(qualified / qualification rate). Each stage rounds up (a part of a meeting is
/// a whole meeting to book) before the next is derived from it.</item>
/// <item>Months are the calendar months from the start's month to the deadline's month.
/// Each stage's total is spread by cumulative ceiling: by the end of month k of n the plan
/// expects ceil(total × k / n). Remainders are spread evenly and lean early, so the plan is
/// never behind a straight line and a shortfall shows up sooner rather than later.</item>
/// </list>
/// Stage lags (a lead this month is a meeting in a later month) are not modelled.
/// </summary>
public static class KgiPlanner
{
    public const int MaxNewCustomers = 1_000_000;

    /// <summary>More leads than this means the rates are implausibly low, not a plan.</summary>
    public const long MaxLeads = 100_000_000;

    public const int MaxMonths = 60;

    /// <param name="goal">The KGI.</param>
    /// <param name="given">Rates the user set; each one missing is taken from <paramref name="measured"/>.</param>
    /// <param name="measured">The tenant's measured rates (<see cref="StageRateInputs.Measured"/>).</param>
    public static KgiPlanResult Plan(KgiGoal goal, StageRateInputs given, StageRateInputs? measured = null)
    {
        measured ??= StageRateInputs.None;
        var errors = new List<FieldError>();
        if (goal.NewCustomers is <= 0 or > MaxNewCustomers)
        {
            errors.Add(new("goal.newCustomers", $"newCustomers must be from 1 to {MaxNewCustomers}"));
        }
        if (goal.Deadline <= goal.Start)
        {
            errors.Add(new("goal.deadline", "deadline must be after start"));
        }
        else if (MonthsBetween(goal.Start, goal.Deadline) > MaxMonths)
        {
            errors.Add(new("goal.deadline", $"a plan spans at most {MaxMonths} months"));
        }
        var qualification = Rate(given.QualificationRate, measured.QualificationRate, "rates.qualificationRate", "qualification rate", errors);
        var meeting = Rate(given.MeetingConversionRate, measured.MeetingConversionRate, "rates.meetingConversionRate", "meeting-conversion rate", errors);
        var win = Rate(given.WinRate, measured.WinRate, "rates.winRate", "win rate", errors);
        if (errors.Count > 0)
        {
            return new KgiPlanResult(null, errors);
        }

        var won = (long)goal.NewCustomers;
        var meetings = Needed(won, win);
        var qualified = Needed(meetings, meeting);
        var leads = Needed(qualified, qualification);
        if (leads > MaxLeads)
        {
            return new KgiPlanResult(null,
                [new("rates", $"these rates need {leads:N0} leads, more than {MaxLeads:N0}; check that rates are fractions (0.1 = 10%)")]);
        }

        var total = new StageCounts((int)leads, (int)qualified, (int)meetings, (int)won);
        var rates = new StageRates(qualification, meeting, win);
        return new KgiPlanResult(new KgiPlan(goal, rates, total, SpreadByMonth(goal, total)), []);
    }

    /// <summary>
    /// ceil(output / rate), forgiving binary floating point: 21 / 0.35 is 60.00000000000001 in
    /// doubles and must still need 60, so the quotient is rounded to 9 decimals first.
    /// </summary>
    public static long Needed(long output, double rate) => (long)Math.Ceiling(Math.Round(output / rate, 9));

    private static double Rate(double? given, double? measured, string field, string name, List<FieldError> errors)
    {
        var rate = given ?? measured;
        if (rate is null)
        {
            errors.Add(new(field, $"no {name} was given and none has been measured yet"));
            return 0;
        }
        if (!double.IsFinite(rate.Value) || rate <= 0 || rate > 1)
        {
            var from = given is null ? "the measured " : "";
            errors.Add(new(field, $"{from}{name} {rate} is not a fraction in (0, 1] (0.2 = 20%)"));
            return 0;
        }
        return rate.Value;
    }

    private static int MonthsBetween(DateOnly start, DateOnly deadline) =>
        (deadline.Year - start.Year) * 12 + deadline.Month - start.Month + 1;

    private static List<MonthPlan> SpreadByMonth(KgiGoal goal, StageCounts total)
    {
        var n = MonthsBetween(goal.Start, goal.Deadline);
        var months = new List<MonthPlan>(n);
        var previous = StageCounts.Zero;
        var month = new DateOnly(goal.Start.Year, goal.Start.Month, 1);
        for (var k = 1; k <= n; k++, month = month.AddMonths(1))
        {
            int Cumulative(int stageTotal) => (int)(((long)stageTotal * k + n - 1) / n);
            var cumulative = new StageCounts(Cumulative(total.Leads), Cumulative(total.Qualified), Cumulative(total.Meetings), Cumulative(total.Won));
            var planned = new StageCounts(
                cumulative.Leads - previous.Leads,
                cumulative.Qualified - previous.Qualified,
                cumulative.Meetings - previous.Meetings,
                cumulative.Won - previous.Won);
            var from = k == 1 ? goal.Start : month;
            var to = k == n ? goal.Deadline : month.AddMonths(1).AddDays(-1);
            months.Add(new MonthPlan(month, from, to, planned, cumulative));
            previous = cumulative;
        }
        return months;
    }
}
