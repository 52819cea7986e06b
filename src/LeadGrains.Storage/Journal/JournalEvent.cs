using LeadGrains.Domain.Events;

namespace LeadGrains.Storage.Journal;

/// <summary>An event on its way into the journal, with the per-lead sequence number its grain gave it.</summary>
/// <param name="LikelyStored">
/// The grain saw this id stored recently (a producer's retry): a store that bulk-loads events
/// inserts it apart, checking for the conflict, rather than let it fail the bulk load. A hint
/// only; the store's unique key decides.
/// </param>
public sealed record JournalEvent(LeadEvent Event, long Seq, DateTimeOffset ReceivedAt, bool LikelyStored = false);
