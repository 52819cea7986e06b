using System.ComponentModel.DataAnnotations;

namespace LeadGrains.Storage.Journal;

/// <summary>Settings of the per-silo journal writer (section <c>LeadGrains:Journal</c>).</summary>
public sealed class JournalOptions
{
    /// <summary>
    /// Transactions in flight at once. PostgreSQL overlaps them; SQLite always uses one. The
    /// default is one per core: on the 2-core machine, 2 writers gave the most events/s and
    /// the least CPU per event of 1 to 4 (more writers make smaller commits that contend).
    /// </summary>
    [Range(1, 64)]
    public int Writers { get; set; } = Math.Clamp(Environment.ProcessorCount, 2, 16);

    /// <summary>
    /// A group commit stops taking requests once it holds this many events (a single larger
    /// request still goes in whole). 1,500 was tried in session 13 to share a backlog between
    /// the writers: the machine got busier, but each event cost ~10% more CPU in both processes
    /// (smaller commits), and over 18 alternating pairs neither bound was faster
    /// (docs/performance-log.md, session 13).
    /// </summary>
    [Range(1, 100_000)]
    public int MaxEventsPerCommit { get; set; } = 5_000;

    /// <summary>Requests waiting beyond this many make appends wait (back-pressure, not unbounded memory).</summary>
    [Range(1, 1_000_000)]
    public int QueueCapacity { get; set; } = 20_000;

    /// <summary>
    /// A lead grain stores a snapshot of its state once this many events have been appended
    /// since its last one; the lead's row (the dashboard's summary) is written on every commit
    /// regardless. Activation replays at most this many events less one after the snapshot. 1
    /// snapshots on every commit. 32 rather than 16 (session 14): snapshot upserts were ~6% of
    /// PostgreSQL's statement time at 16, and replaying up to 31 stored events costs an
    /// activation a few tens of microseconds more (docs/decisions.md).
    /// </summary>
    [Range(1, 10_000)]
    public int SnapshotEvery { get; set; } = 32;

    /// <summary>
    /// PostgreSQL: how often a silo writes the lead-list rows its commits changed (the list is
    /// written behind the journal; a list read flushes every silo first, so it never shows less
    /// than was acknowledged). Longer coalesces more of a lead's commits into one row write; it
    /// also leaves more rows for a list read's flush and for the repair after a crash. 5 s rather
    /// than 2 s: B led 3 of 4 pairs, medians 48,660 → 51,207 events/s; 0.5 s against 2 s led 0
    /// of 4 (session 21, docs/performance-log.md).
    /// </summary>
    [Range(50, 60_000)]
    public int ListFlushMilliseconds { get; set; } = 5_000;

    /// <summary>
    /// PostgreSQL: the longest cool-off after a duplicate fails a commit's COPY, in commits that
    /// take the INSERT path straight away (see <see cref="Postgres.PostgresLeadStore"/>); 0 tries
    /// COPY every time.
    /// </summary>
    [Range(0, 100_000)]
    public int InsertCommitsAfterDuplicate { get; set; } = Postgres.PostgresLeadStore.DefaultInsertCommitsAfterDuplicate;

    /// <summary>
    /// PostgreSQL: how many recently committed event keys a silo remembers (about 20 bytes each),
    /// so a producer's retry of them goes in beside the COPY instead of failing it. Between half
    /// and all of this many are held at any time.
    /// </summary>
    [Range(2, 100_000_000)]
    public int RecentEventsRemembered { get; set; } = Postgres.PostgresLeadStore.DefaultRecentEventsRemembered;
}
