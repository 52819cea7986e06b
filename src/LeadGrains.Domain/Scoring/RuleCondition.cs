using LeadGrains.Domain.Events;

namespace LeadGrains.Domain.Scoring;

/// <summary>A condition a rule puts on an event beyond its type. All of a rule's conditions must hold.</summary>
public abstract record RuleCondition
{
    public abstract bool Matches(LeadEvent e);

    public abstract string Describe();

    /// <summary>The page path starts with a prefix (web events).</summary>
    public sealed record PathStartsWith(string Prefix) : RuleCondition
    {
        public override bool Matches(LeadEvent e) =>
            e.Properties.Path is { } p && p.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);

        public override string Describe() => $"path starts with '{Prefix}'";
    }

    /// <summary>The page was read for at least this long (web.page_viewed).</summary>
    public sealed record MinDwellSeconds(double Seconds) : RuleCondition
    {
        public override bool Matches(LeadEvent e) => e.Properties.DwellSeconds >= Seconds;

        public override string Describe() => $"dwell >= {Seconds}s";
    }

    /// <summary>The SNS engagement is of a kind (like, repost, reply).</summary>
    public sealed record KindIs(string Kind) : RuleCondition
    {
        public override bool Matches(LeadEvent e) => string.Equals(e.Properties.Kind, Kind, StringComparison.Ordinal);

        public override string Describe() => $"kind = {Kind}";
    }

    /// <summary>The event belongs to a campaign.</summary>
    public sealed record CampaignIs(string Campaign) : RuleCondition
    {
        public override bool Matches(LeadEvent e) => string.Equals(e.Campaign, Campaign, StringComparison.Ordinal);

        public override string Describe() => $"campaign = {Campaign}";
    }
}
