using LeadGrains.Domain.Kpis;
using static LeadGrains.Domain.Tests.Targets;

namespace LeadGrains.Domain.Tests;

public class TargetPolicyTests
{
    private static List<KpiTarget> Existing(int count, string initiative = "email-newsletter") =>
        Enumerable.Range(1, count).Select(i => Target(Draft(id: $"e-{i}", initiative: initiative))).ToList();

    [Fact]
    public void A_complete_draft_becomes_a_target()
    {
        var result = TargetPolicy.Validate(Draft(), []);

        Assert.True(result.IsValid);
        Assert.Equal(KpiId.Parse("funnel.meetings"), result.Target!.Kpi);
        Assert.Equal(TargetDirection.AtLeast, result.Target.Direction);
        Assert.Empty(result.Errors);
    }

    [Fact]
    public void A_fifth_target_for_an_initiative_is_accepted()
    {
        var result = TargetPolicy.Validate(Draft(id: "new"), Existing(4));

        Assert.True(result.IsValid);
    }

    [Fact]
    public void A_sixth_target_for_an_initiative_is_refused_naming_the_initiative()
    {
        var result = TargetPolicy.Validate(Draft(id: "new"), Existing(5));

        var error = Assert.Single(result.Errors);
        Assert.Equal("initiative", error.Field);
        Assert.Contains("at most 5", error.Message);
        Assert.Null(result.Target);
    }

    [Fact]
    public void Replacing_one_of_five_targets_is_not_a_sixth()
    {
        var result = TargetPolicy.Validate(Draft(id: "e-3"), Existing(5));

        Assert.True(result.IsValid);
    }

    [Fact]
    public void Targets_of_other_initiatives_do_not_count_toward_the_limit()
    {
        var result = TargetPolicy.Validate(Draft(id: "new"), Existing(5, initiative: "webinars"));

        Assert.True(result.IsValid);
    }

    [Fact]
    public void A_target_without_a_deadline_is_refused_naming_the_deadline()
    {
        var result = TargetPolicy.Validate(Draft() with { Deadline = null }, []);

        Assert.Equal("deadline", Assert.Single(result.Errors).Field);
    }

    [Fact]
    public void A_deadline_on_the_start_date_is_refused()
    {
        var draft = Draft() with { Deadline = new DateOnly(2025, 1, 1) };

        var result = TargetPolicy.Validate(draft, []);

        Assert.Equal(new FieldError("deadline", "deadline must be after startDate"), Assert.Single(result.Errors));
    }

    [Fact]
    public void A_target_on_a_measure_that_does_not_exist_is_refused_naming_the_kpi()
    {
        var result = TargetPolicy.Validate(Draft(kpi: "email.happiness"), []);

        var error = Assert.Single(result.Errors);
        Assert.Equal("kpi", error.Field);
        Assert.Contains("'email.happiness' does not exist", error.Message);
    }

    [Fact]
    public void A_target_without_a_kpi_is_refused()
    {
        var result = TargetPolicy.Validate(Draft() with { Kpi = null }, []);

        Assert.Equal("kpi", Assert.Single(result.Errors).Field);
    }

    [Fact]
    public void A_rate_target_given_as_a_percent_is_refused()
    {
        var result = TargetPolicy.Validate(Draft(kpi: "email.open_rate") with { Value = 25 }, []);

        var error = Assert.Single(result.Errors);
        Assert.Equal("value", error.Field);
        Assert.Contains("0.25 = 25%", error.Message);
    }

    [Fact]
    public void A_rate_target_given_as_a_fraction_is_accepted()
    {
        var result = TargetPolicy.Validate(Draft(kpi: "email.open_rate@campaign:nov-news") with { Value = 0.25 }, []);

        Assert.True(result.IsValid);
    }

    [Fact]
    public void A_negative_count_target_is_refused()
    {
        var result = TargetPolicy.Validate(Draft() with { Value = -1 }, []);

        Assert.Equal("value", Assert.Single(result.Errors).Field);
    }

    [Fact]
    public void A_target_without_an_owner_is_refused()
    {
        var result = TargetPolicy.Validate(Draft() with { Owner = " " }, []);

        Assert.Equal("owner", Assert.Single(result.Errors).Field);
    }

    [Fact]
    public void Every_problem_of_a_draft_is_reported_at_once()
    {
        var result = TargetPolicy.Validate(new KpiTargetDraft(), []);

        Assert.Equal(["id", "owner", "initiative", "kpi", "startDate", "deadline", "value"], result.Errors.Select(e => e.Field));
    }

    [Fact]
    public void A_lower_is_better_measure_defaults_to_at_most()
    {
        var result = TargetPolicy.Validate(Draft(kpi: "email.unsubscribe_rate") with { Value = 0.01 }, []);

        Assert.Equal(TargetDirection.AtMost, result.Target!.Direction);
    }

    [Fact]
    public void A_floor_on_a_count_is_refused()
    {
        var result = TargetPolicy.Validate(Draft() with { Floor = 3 }, []);

        Assert.Equal("floor", Assert.Single(result.Errors).Field);
    }

    [Fact]
    public void A_floor_above_an_at_least_rate_target_is_refused()
    {
        var result = TargetPolicy.Validate(Draft(kpi: "email.open_rate") with { Value = 0.2, Floor = 0.3 }, []);

        Assert.Equal("floor", Assert.Single(result.Errors).Field);
    }
}
