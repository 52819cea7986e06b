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

    /// <summary>Pure: the changes for a subset of <see cref="Events"/> (in order), or null when it is empty.</summary>
    public required Func<IReadOnlyList<JournalEvent>, LeadChanges?> Replan { get; init; }

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
