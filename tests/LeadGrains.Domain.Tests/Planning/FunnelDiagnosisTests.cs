using LeadGrains.Domain.Planning;

namespace LeadGrains.Domain.Tests;

public class FunnelDiagnosisTests
{
    [Fact]
    public void Opens_and_clicks_on_plan_with_conversion_behind_point_to_the_path_from_click_to_conversion()
    {
        var steps = new[] { new FunnelStep("opens", 1.0), new FunnelStep("clicks", 1.02), new FunnelStep("conversion", 0.6) };

        var diagnosis = FunnelDiagnosis.Diagnose(steps);

        Assert.Equal(2, diagnosis.BottleneckIndex);
        Assert.Equal("Opens and clicks on plan, conversion behind (60% of plan): look at the path from clicks to conversion.", diagnosis.Sentence);
    }

    [Fact]
    public void A_step_within_ten_percent_of_plan_is_on_plan()
    {
        var diagnosis = FunnelDiagnosis.Diagnose([new FunnelStep("opens", 0.95), new FunnelStep("clicks", 0.91)]);

        Assert.Null(diagnosis.BottleneckIndex);
        Assert.Equal("Everything is on plan.", diagnosis.Sentence);
    }

    [Fact]
    public void A_step_behind_only_because_the_one_before_is_behind_is_not_the_bottleneck()
    {
        var diagnosis = FunnelDiagnosis.Diagnose([new FunnelStep("opens", 0.5), new FunnelStep("clicks", 0.48)]);

        Assert.Equal(0, diagnosis.BottleneckIndex);
    }

    [Fact]
    public void Equally_weak_steps_name_the_earlier_one()
    {
        var diagnosis = FunnelDiagnosis.Diagnose([new FunnelStep("a", 1), new FunnelStep("b", 0.5), new FunnelStep("c", 0.25)]);

        Assert.Equal(1, diagnosis.BottleneckIndex);
    }

    [Fact]
    public void Step_ratios_divide_each_ratio_by_the_previous_one()
    {
        var ratios = FunnelDiagnosis.StepRatios([new FunnelStep("a", 0.8), new FunnelStep("b", 0.4), new FunnelStep("c", null)]);

        Assert.Equal([0.8, 0.5, null], ratios);
    }
}
