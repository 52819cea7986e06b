using LeadGrains.Domain.Events;

namespace LeadGrains.Storage.Journal;

/// <summary>An event on its way into the journal, with the per-lead sequence number its grain gave it.</summary>
public sealed record JournalEvent(LeadEvent Event, long Seq, DateTimeOffset ReceivedAt);
