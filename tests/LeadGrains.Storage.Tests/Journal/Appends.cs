using LeadGrains.Domain.Events;
using LeadGrains.Domain.Leads;
using LeadGrains.Domain.Scoring;
using LeadGrains.Storage.Journal;

namespace LeadGrains.Storage.Tests.Journal;

/// <summary>Builds append requests the way a lead grain does: plan with the domain over a state.</summary>
internal static class Appends
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    public static LeadEvent Event(string id, string leadId, EventType type, DateTimeOffset? at = null, string? source = null, string? campaign = null) => new()
    {
        Id = id,
        LeadId = leadId,
        Type = type,
        OccurredAt = at ?? T0,
        Source = source,
        Campaign = campaign,
    };

    public static AppendRequest Request(string tenant, LeadState current, params LeadEvent[] events) =>
        RequestIn(TimeZoneInfo.Utc, tenant, current, events);

    /// <summary>A request of a tenant whose KPI buckets are in <paramref name="zone"/>.</summary>
    public static AppendRequest RequestIn(TimeZoneInfo zone, string tenant, LeadState current, params LeadEvent[] events)
    {
        var model = DefaultScoringModel.Instance;
        var seq = current.Version;
        var journal = events.Select(e => new JournalEvent(e, ++seq, T0)).ToList();
        return new AppendRequest
        {
            Tenant = tenant,
            LeadId = events[0].LeadId,
            ExpectedVersion = current.Version,
            Events = journal,
            Zone = zone,
            Planned = LeadChanges.Plan(current, journal, model, zone)!,
            PlannedFrom = current,
            Model = model,
        };
    }

    /// <summary>The same request without a snapshot, as a grain sends most of its appends.</summary>
    public static AppendRequest WithoutSnapshot(this AppendRequest request) => new()
    {
        Tenant = request.Tenant,
        LeadId = request.LeadId,
        ExpectedVersion = request.ExpectedVersion,
        Events = request.Events,
        Zone = request.Zone,
        Planned = request.Planned,
        PlannedFrom = request.PlannedFrom,
        Model = request.Model,
        WriteSnapshot = false,
    };
}
