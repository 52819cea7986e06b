using System.Text.Json.Nodes;
using LeadGrains.Domain.Events;
using LeadGrains.Server.Ingest;
using static LeadGrains.Server.Tests.Ingest.IngestTestKit;

namespace LeadGrains.Server.Tests.Ingest;

public sealed class JsonEventParsingTests
{
    [Fact]
    public void A_single_event_object_becomes_one_lead_event_with_every_field_mapped()
    {
        var result = Parse("""
            {
              "id": "evt-1",
              "leadId": "lead-42",
              "type": "webinar.attended",
              "occurredAt": "2026-11-20T19:00:00+09:00",
              "source": "seminar",
              "campaign": "Autumn Webinar 2026",
              "properties": {"minutes": 55}
            }
            """);

        var ev = Single(result);
        Assert.Equal("evt-1", ev.Id);
        Assert.Equal("lead-42", ev.LeadId);
        Assert.Same(EventCatalog.WebinarAttended, ev.Type);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 19, 0, 0, TimeSpan.FromHours(9)), ev.OccurredAt);
        Assert.Equal(TimeSpan.FromHours(9), ev.OccurredAt.Offset);
        Assert.Equal("seminar", ev.Source);
        Assert.Equal("Autumn Webinar 2026", ev.Campaign);
        Assert.Equal("""{"minutes": 55}""", ev.Properties.Json);
    }

    [Fact]
    public void An_array_of_events_becomes_lead_events_in_document_order()
    {
        var result = ParseJson(Array(Event("a"), Event("b", "email.clicked"), Event("c", "inquiry.submitted")));

        Assert.True(result.IsValid, result.Error?.Detail);
        Assert.Equal(["a", "b", "c"], result.Events.Select(e => e.Id));
        Assert.Equal([EventCatalog.EmailOpened, EventCatalog.EmailClicked, EventCatalog.InquirySubmitted], result.Events.Select(e => e.Type));
    }

    [Fact]
    public void An_array_with_one_event_is_accepted()
    {
        var result = ParseJson(Array(Event()));

        Assert.Single(result.Events);
    }

    [Fact]
    public void Optional_fields_that_are_absent_give_null_and_empty_properties()
    {
        var ev = Single(ParseJson(Event()));

        Assert.Null(ev.Source);
        Assert.Null(ev.Campaign);
        Assert.Same(EventProperties.Empty, ev.Properties);
    }

    [Fact]
    public void Optional_fields_that_are_null_count_as_absent()
    {
        var input = Event();
        input["source"] = null;
        input["campaign"] = null;
        input["properties"] = null;

        var ev = Single(ParseJson(input));

        Assert.Null(ev.Source);
        Assert.Null(ev.Campaign);
        Assert.Null(ev.Properties.Json);
    }

    [Theory]
    [InlineData("id")]
    [InlineData("leadId")]
    [InlineData("type")]
    [InlineData("occurredAt")]
    public void A_missing_required_field_is_reported_by_name(string field)
    {
        var input = Event();
        input.Remove(field);

        var error = AssertInvalidEvent(ParseJson(input), 0, field);
        Assert.Equal($"Event 0: '{field}' is required.", error.Detail);
    }

    [Theory]
    [InlineData("id")]
    [InlineData("leadId")]
    [InlineData("type")]
    [InlineData("occurredAt")]
    public void A_required_field_that_is_null_is_reported_by_name(string field)
    {
        var error = AssertInvalidEvent(ParseWithMember(field, "null"), 0, field);
        Assert.Contains("required", error.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("id", "42", "a number")]
    [InlineData("leadId", "true", "a boolean")]
    [InlineData("type", "{}", "an object")]
    [InlineData("occurredAt", "1790000000", "a number")]
    [InlineData("source", "7", "a number")]
    [InlineData("campaign", "[\"x\"]", "an array")]
    public void A_field_of_the_wrong_json_type_is_reported_with_the_type_it_had(string field, string rawValue, string described)
    {
        var error = AssertInvalidEvent(ParseWithMember(field, rawValue), 0, field);
        Assert.Equal($"Event 0: '{field}' must be a string, but was {described}.", error.Detail);
    }

    [Fact]
    public void An_event_type_not_in_the_catalog_is_refused()
    {
        var error = AssertInvalidEvent(ParseJson(Event(type: "email.forwarded")), 0, "type");
        Assert.Contains("'email.forwarded' is not a known event type", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Event_type_names_are_case_sensitive()
    {
        AssertInvalidEvent(ParseJson(Event(type: "Email.Opened")), 0, "type");
    }

    [Fact]
    public void Every_catalog_event_type_is_accepted()
    {
        var events = new JsonArray();
        foreach (var type in EventCatalog.All)
        {
            var ev = Event(type.Name, type.Name);
            if (type == EventCatalog.SnsEngaged)
                ev["properties"] = new JsonObject { ["kind"] = "like" };
            events.Add(ev);
        }

        var result = ParseJson(events);

        Assert.True(result.IsValid, result.Error?.Detail);
        Assert.Equal(EventCatalog.All, result.Events.Select(e => e.Type));
    }

    [Theory]
    [InlineData("id")]
    [InlineData("leadId")]
    [InlineData("campaign")]
    public void An_empty_string_is_refused_for_an_identifier_or_campaign(string field)
    {
        var error = AssertInvalidEvent(ParseWithMember(field, "\"\""), 0, field);
        Assert.Contains("must not be empty", error.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("id", EventLimits.MaxIdLength)]
    [InlineData("leadId", EventLimits.MaxLeadIdLength)]
    [InlineData("campaign", EventLimits.MaxCampaignLength)]
    public void A_string_at_its_maximum_length_is_accepted(string field, int max)
    {
        var input = Event();
        input[field] = new string('x', max);

        Assert.True(ParseJson(input).IsValid);
    }

    [Theory]
    [InlineData("id", EventLimits.MaxIdLength)]
    [InlineData("leadId", EventLimits.MaxLeadIdLength)]
    [InlineData("campaign", EventLimits.MaxCampaignLength)]
    public void A_string_one_character_over_its_maximum_length_is_refused(string field, int max)
    {
        var input = Event();
        input[field] = new string('x', max + 1);

        var error = AssertInvalidEvent(ParseJson(input), 0, field);
        Assert.Contains($"at most {max} characters", error.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("id", "\"evt\\u0000-1\"")]
    [InlineData("leadId", "\"lead\\n42\"")]
    [InlineData("campaign", "\"spring\\tsale\"")]
    [InlineData("id", "\"evt\\u0085\"")]
    public void A_control_character_in_an_identifier_or_campaign_is_refused(string field, string rawValue)
    {
        var error = AssertInvalidEvent(ParseWithMember(field, rawValue), 0, field);
        Assert.Contains("control characters", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_ascii_text_in_identifiers_is_kept_as_sent()
    {
        var input = Event("イベント-1");
        input["leadId"] = "リード-42";
        input["campaign"] = "秋のウェビナー";

        var ev = Single(ParseJson(input));

        Assert.Equal("イベント-1", ev.Id);
        Assert.Equal("リード-42", ev.LeadId);
        Assert.Equal("秋のウェビナー", ev.Campaign);
    }

    [Fact]
    public void An_unpaired_surrogate_escape_in_a_string_is_refused_by_field()
    {
        var result = Parse("""{"id":"a","leadId":"lead-\ud800","type":"email.opened","occurredAt":"2026-11-20T10:00:00Z"}""");

        var error = AssertInvalidEvent(result, 0, "leadId");
        Assert.Contains("surrogate", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_member_name_with_an_unpaired_surrogate_escape_is_refused()
    {
        var result = Parse("""{"\ud800":1,"id":"a","leadId":"l","type":"email.opened","occurredAt":"2026-11-20T10:00:00Z"}""");

        var error = AssertInvalidEvent(result, 0, null);
        Assert.Contains("member name", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Member_names_written_with_escapes_are_recognised()
    {
        var ev = Single(Parse("""{"i\u0064":"a","leadId":"l","type":"email.opened","occurredAt":"2026-11-20T10:00:00Z"}"""));

        Assert.Equal("a", ev.Id);
    }

    [Fact]
    public void Escaped_characters_in_strings_are_unescaped()
    {
        var ev = Single(ParseWithMember("id", "\"evt\\u002d\\\"1\\\"\""));

        Assert.Equal("evt-\"1\"", ev.Id);
    }

    [Theory]
    [InlineData("Newsletter", "newsletter")]
    [InlineData("ADS", "ads")]
    [InlineData("seminar", "seminar")]
    [InlineData("Partner_Site-2", "partner_site-2")]
    public void The_source_is_normalised_to_lower_case(string sent, string stored)
    {
        var input = Event();
        input["source"] = sent;

        Assert.Equal(stored, Single(ParseJson(input)).Source);
    }

    [Theory]
    [InlineData("news letter")]
    [InlineData("news.letter")]
    [InlineData("search/organic")]
    [InlineData("ニュース")]
    [InlineData("caf\u00e9")]
    [InlineData("\u212Aelvin")] // the Kelvin sign lower-cases to ASCII 'k' but is not a letter a-z
    public void A_source_with_characters_outside_a_z_digits_underscore_and_hyphen_is_refused(string sent)
    {
        var input = Event();
        input["source"] = sent;

        var error = AssertInvalidEvent(ParseJson(input), 0, "source");
        Assert.Contains("may only contain", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_source_is_refused()
    {
        AssertInvalidEvent(ParseWithMember("source", "\"\""), 0, "source");
    }

    [Fact]
    public void A_source_longer_than_the_limit_is_refused()
    {
        var input = Event();
        input["source"] = new string('a', EventLimits.MaxSourceLength + 1);

        AssertInvalidEvent(ParseJson(input), 0, "source");
    }

    [Fact]
    public void A_source_at_the_length_limit_is_accepted()
    {
        var input = Event();
        input["source"] = new string('A', EventLimits.MaxSourceLength);

        Assert.Equal(new string('a', EventLimits.MaxSourceLength), Single(ParseJson(input)).Source);
    }

    [Fact]
    public void Unknown_top_level_fields_are_ignored()
    {
        var input = Event();
        input["schemaVersion"] = 2;
        input["tenant"] = new JsonObject { ["id"] = 5 };
        input["Id"] = 12; // a different, unknown name: names are case-sensitive

        var ev = Single(ParseJson(input));

        Assert.Equal("evt-1", ev.Id);
    }

    [Fact]
    public void Field_names_are_case_sensitive()
    {
        var input = Event();
        input.Remove("leadId");
        input["LeadId"] = "lead-42";

        AssertInvalidEvent(ParseJson(input), 0, "leadId");
    }

    [Fact]
    public void A_field_given_twice_in_one_event_is_refused()
    {
        var result = Parse("""{"id":"a","id":"b","leadId":"l","type":"email.opened","occurredAt":"2026-11-20T10:00:00Z"}""");

        var error = AssertInvalidEvent(result, 0, "id");
        Assert.Contains("more than once", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_event_ids_within_one_request_are_not_an_error()
    {
        var result = ParseJson(Array(Event("same"), Event("same")));

        Assert.True(result.IsValid, result.Error?.Detail);
        Assert.Equal(2, result.Events.Count);
    }

    [Fact]
    public void Checks_run_in_field_order_so_the_first_broken_field_is_named()
    {
        var input = Event();
        input["campaign"] = 5;
        input["type"] = "nope";

        AssertInvalidEvent(ParseJson(input), 0, "type");
    }

    [Fact]
    public void The_error_detail_is_a_sentence_naming_the_event_and_field()
    {
        var input = Event();
        input["occurredAt"] = "2026-11-20T10:00:00";

        var error = AssertInvalidEvent(ParseJson(input), 0, "occurredAt");

        Assert.Equal("Event 0: 'occurredAt' must be an RFC 3339 timestamp with a time zone offset.", error.Detail);
        Assert.Equal("Invalid event", error.Title);
        Assert.Equal("https://leadgrains.dev/problems/invalid-event", error.Type);
    }

    [Theory]
    [InlineData("\"hello\"", "a string")]
    [InlineData("42", "a number")]
    [InlineData("null", "null")]
    [InlineData("true", "a boolean")]
    public void A_body_that_is_neither_an_object_nor_an_array_is_refused(string body, string described)
    {
        var error = AssertError(Parse(body), 400, IngestProblemTypes.InvalidBody);

        Assert.Null(error.Index);
        Assert.Null(error.Field);
        Assert.Contains(described, error.Detail, StringComparison.Ordinal);
    }
}
