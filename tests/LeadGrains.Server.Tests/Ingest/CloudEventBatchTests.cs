using System.Text.Json.Nodes;
using LeadGrains.Domain.Events;
using LeadGrains.Server.Ingest;
using static LeadGrains.Server.Tests.Ingest.IngestTestKit;

namespace LeadGrains.Server.Tests.Ingest;

public sealed class CloudEventBatchTests
{
    private const string Batch = "application/cloudevents-batch+json";

    private static IngestParseResult ParseBatch(JsonNode body) => ParseJson(body, Batch);

    [Fact]
    public void A_cloudevents_batch_maps_each_event_in_order()
    {
        var second = CloudEvent("ce-2", "sns.engaged");
        second["subject"] = "lead-7";
        second["leadsource"] = "SNS";
        second["data"] = new JsonObject { ["kind"] = "reply" };

        var result = ParseBatch(Array(CloudEvent("ce-1"), second));

        Assert.True(result.IsValid, result.Error?.Detail);
        Assert.Equal(2, result.Events.Count);
        Assert.Equal("ce-1", result.Events[0].Id);
        Assert.Equal("lead-42", result.Events[0].LeadId);
        Assert.Same(EventCatalog.SnsEngaged, result.Events[1].Type);
        Assert.Equal("lead-7", result.Events[1].LeadId);
        Assert.Equal("sns", result.Events[1].Source);
        Assert.Equal("reply", result.Events[1].Properties.Kind);
    }

    [Fact]
    public void An_empty_cloudevents_batch_gets_400_empty_batch()
    {
        AssertError(Parse("[]", Batch), 400, IngestProblemTypes.EmptyBatch);
    }

    [Fact]
    public void A_single_object_sent_as_a_batch_is_refused()
    {
        AssertError(ParseBatch(CloudEvent()), 400, IngestProblemTypes.InvalidBody);
    }

    [Fact]
    public void A_cloudevents_batch_over_the_maximum_gets_413()
    {
        var body = BatchParsingTests.BatchOf(EventLimits.MaxBatchSize + 1, i =>
            $$"""{"specversion":"1.0","id":"ce-{{i}}","source":"/x","type":"email.opened","subject":"l","time":"2026-11-20T10:00:00Z"}""");

        AssertError(Parse(body, Batch), 413, IngestProblemTypes.BatchTooLarge);
    }

    [Fact]
    public void A_cloudevents_batch_of_the_maximum_size_is_parsed_completely()
    {
        var body = BatchParsingTests.BatchOf(EventLimits.MaxBatchSize, i =>
            $$$"""{"specversion":"1.0","id":"ce-{{{i}}}","source":"/x","type":"email.opened","subject":"l-{{{i}}}","time":"2026-11-20T10:00:00Z","data":{"n":{{{i}}}}}""");

        var result = Parse(body, Batch);

        Assert.True(result.IsValid, result.Error?.Detail);
        Assert.Equal(EventLimits.MaxBatchSize, result.Events.Count);
        Assert.Equal("""{"n":9999}""", result.Events[^1].Properties.Json);
    }

    [Fact]
    public void An_error_in_the_third_cloudevent_reports_index_2_and_the_attribute()
    {
        var third = CloudEvent("ce-3");
        third.Remove("subject");

        var error = AssertInvalidEvent(ParseBatch(Array(CloudEvent("ce-1"), CloudEvent("ce-2"), third)), 2, "subject");

        Assert.Equal("Event 2: 'subject' is required.", error.Detail);
    }

    [Fact]
    public void A_batch_element_that_is_not_an_object_is_refused_with_its_index()
    {
        AssertInvalidEvent(Parse($"[{CloudEvent().ToJsonString()},42]", Batch), 1, null);
    }
}
