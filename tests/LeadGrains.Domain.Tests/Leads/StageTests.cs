using LeadGrains.Domain.Leads;
using static LeadGrains.Domain.Events.EventCatalog;
using static LeadGrains.Domain.Tests.Events;

namespace LeadGrains.Domain.Tests;

public class StageTests
{
    [Fact]
    public void The_first_positively_scored_event_moves_a_new_lead_to_nurturing()
    {
        var lead = new LeadState();

        var applied = lead.ApplyNext(Event(DocumentRequested, T0, id: "doc-1"));

        Assert.Equal(LeadStage.Nurturing, lead.Stage);
        Assert.Equal(new StageTransition(LeadStage.New, LeadStage.Nurturing, "doc-1", T0, 5, null), applied.Transition);
    }

    [Fact]
    public void An_event_worth_0_points_keeps_a_lead_new()
    {
        var lead = new LeadState();

        var applied = lead.ApplyNext(Event(EmailDelivered, T0));

        Assert.Equal(LeadStage.New, lead.Stage);
        Assert.Null(applied.Transition);
    }

    [Fact]
    public void A_negatively_scored_event_keeps_a_lead_new()
    {
        var lead = new LeadState();

        var applied = lead.ApplyNext(Event(EmailBounced, T0));

        Assert.Equal(LeadStage.New, lead.Stage);
        Assert.Null(applied.Transition);
    }

    [Fact]
    public void Crossing_the_threshold_qualifies_the_lead_with_exactly_one_transition()
    {
        // All at one time, so decay does not shave the sums.
        var lead = Lead(Event(InquirySubmitted, T0)); // 30: nurturing
        var events = new[]
        {
            Event(ExhibitionVisited, T0, id: "expo-1"), // 40
            Event(WebinarAttended, T0, id: "webinar-1"), // 50
            Event(WebinarAttended, T0, id: "webinar-2"), // 60
        };

        var transitions = events.Select(e => lead.ApplyNext(e).Transition).OfType<StageTransition>().ToList();

        var t = Assert.Single(transitions);
        Assert.Equal(LeadStage.Qualified, lead.Stage);
        Assert.Equal(LeadStage.Nurturing, t.From);
        Assert.Equal(LeadStage.Qualified, t.To);
        Assert.Equal("webinar-1", t.CauseEventId);
        Assert.Equal(T0, t.OccurredAt);
        Assert.Equal(50, t.Score);
        Assert.Equal(50, t.Threshold);
        Assert.Equal(T0, lead.QualifiedAt);
    }

    [Fact]
    public void A_qualified_lead_records_no_further_transitions()
    {
        var lead = Lead(Event(InquirySubmitted, T0), Event(InquirySubmitted, T0.AddMinutes(1)));

        var later = Enumerable.Range(2, 10)
            .Select(i => lead.ApplyNext(Event(ExhibitionVisited, T0.AddMinutes(i))).Transition)
            .ToList();

        Assert.All(later, Assert.Null);
        Assert.Equal(LeadStage.Qualified, lead.Stage);
        Assert.Equal(T0.AddMinutes(1), lead.QualifiedAt);
    }

    [Fact]
    public void A_qualified_lead_whose_score_drops_stays_qualified()
    {
        var lead = Lead(Event(InquirySubmitted, T0, id: "inq-1"), Event(InquirySubmitted, T0, id: "inq-2")); // 60

        var applied = lead.ApplyNext(Event(EmailUnsubscribed, T0)); // 40

        Assert.Equal(40, lead.Score);
        Assert.Equal(LeadStage.Qualified, lead.Stage);
        Assert.Null(applied.Transition);
    }

    [Fact]
    public void A_lead_can_be_qualified_straight_from_new()
    {
        var model = SingleRuleModel(InquirySubmitted, 60);
        var lead = new LeadState();

        var applied = lead.ApplyNext(Event(InquirySubmitted, T0, id: "inq-1"), model);

        Assert.Equal(new StageTransition(LeadStage.New, LeadStage.Qualified, "inq-1", T0, 60, 50), applied.Transition);
    }

    [Fact]
    public void Two_inquiries_take_a_new_lead_to_qualified_with_one_qualification_via_nurturing()
    {
        // Each event is applied on its own: the first inquiry (30) is a positively scored event
        // and moves the lead to nurturing, the second (60) qualifies it.
        var lead = new LeadState();

        var transitions = new[] { Event(InquirySubmitted, T0, id: "inq-1"), Event(InquirySubmitted, T0, id: "inq-2") }
            .Select(e => lead.ApplyNext(e).Transition)
            .OfType<StageTransition>()
            .ToList();

        Assert.Equal(
            [(LeadStage.New, LeadStage.Nurturing, "inq-1"), (LeadStage.Nurturing, LeadStage.Qualified, "inq-2")],
            transitions.Select(t => (t.From, t.To, t.CauseEventId)));
        Assert.Equal(60, lead.Score);
    }
}
