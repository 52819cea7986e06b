using LeadGrains.Domain.Leads;
using LeadGrains.Domain.Scoring;

namespace LeadGrains.Storage.Journal;

/// <summary>
/// One lead grain's request to append events. The grain plans its changes assuming every event
/// is new; when the store finds some were already stored (a retry), it asks
/// <see cref="Replan"/> for the changes of just the inserted ones, inside the same transaction.
/// </summary>
public sealed class AppendRequest
{
    public required string Tenant { get; init; }

    public required string LeadId { get; init; }

    /// <summary>The lead version the grain holds (0 for a lead with no row yet); checked on write.</summary>
    public required long ExpectedVersion { get; init; }

    public required IReadOnlyList<JournalEvent> Events { get; init; }

    public required LeadChanges Planned { get; init; }

    /// <summary>
    /// Store a snapshot of the committed state with the row. Grains ask for one every few events
    /// (<see cref="JournalOptions.SnapshotEvery"/>) and replay the events after it on activation;
    /// without it the row's summary is still written.
    /// </summary>
    public bool WriteSnapshot { get; init; } = true;

    /// <summary>The tenant's time zone: KPI counters are bucketed by tenant-local date.</summary>
    public TimeZoneInfo Zone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>The lead's state <see cref="Planned"/> was planned on (the grain's; not changed while the request is pending).</summary>
    public required LeadState PlannedFrom { get; init; }

    /// <summary>The scoring model <see cref="Planned"/> was planned with.</summary>
    public required ScoringModel Model { get; init; }

    /// <summary>
    /// Pure: the changes for a subset of <see cref="Events"/> (in order), or null when it is
    /// empty. Data and a method rather than a delegate the grain builds: one closure and one
    /// delegate fewer per lead per batch, for a path that runs only on a retry.
    /// </summary>
    public LeadChanges? Replan(IReadOnlyList<JournalEvent> subset) => LeadChanges.Plan(PlannedFrom, subset, Model, Zone);

    internal TaskCompletionSource<AppendOutcome> Completion { get; } =
        new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>
/// The committed result: how many events were new, the changes adopted, and the events that
/// were stored before (a retry; usually none): not inserted, not counted.
/// </summary>
public sealed record AppendOutcome(int Accepted, LeadChanges? Applied, IReadOnlyList<JournalEvent> Stored)
{
    public int Duplicates => Stored.Count;
}
