using System.Runtime.InteropServices;
using LeadGrains.Domain.Events;

namespace LeadGrains.Domain.Kpis;

/// <summary>
/// One identity a lead showed on one tenant-local day: a hash of (unique counter, scope,
/// identity) and the day. Twelve bytes, because a silo holds a million leads.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
public readonly record struct UniqueMark(ulong Identity, int Day)
{
    /// <summary>The order marks are kept in: by identity, then day.</summary>
    public static int Compare(UniqueMark a, UniqueMark b)
    {
        var c = a.Identity.CompareTo(b.Identity);
        return c != 0 ? c : a.Day.CompareTo(b.Day);
    }
}

/// <summary>
/// Which unique-count identities a lead has shown, and on which days: what decides whether an
/// event is the first occurrence of its identity in a (counter, scope, bucket).
/// <para>
/// Every unique identity belongs to one lead (the lead itself for email openers, clickers and
/// repliers; the lead's own session for web sessions), and a lead's grain is the single writer of
/// its events, so the lead can answer "first?" itself, exactly, with no shared claim table. The
/// marks are part of the lead's snapshot, written in the same transaction as the events.
/// </para>
/// <para>
/// The marks are complete from <see cref="CompleteFrom"/> on. A lead holds every mark until it
/// has more than <see cref="PruneAbove"/>; then the oldest days are dropped until at most
/// <see cref="PruneTo"/> are left, but never a mark of the last <see cref="KeepDays"/> days.
/// An event whose buckets reach back before <see cref="CompleteFrom"/> is not
/// <see cref="Covers(LeadEvent, TimeZoneInfo)">covered</see>: the caller rebuilds the marks from
/// the lead's stored events (<see cref="Rebuild"/>) before planning it.
/// </para>
/// <para>
/// Pruning by count, not by age alone, is what keeps late events cheap: a rebuild reads the
/// lead's whole history, and when marks were dropped at 31 days a producer backfilling months
/// of history paid that read on nearly every append (the rebuilt marks were pruned again by the
/// next one). Most leads never reach the bound, so they never rebuild; the bound keeps a silo's
/// million leads small, and the gap between the two numbers keeps a lead that does reach it
/// from pruning on every append.
/// </para>
/// <para>
/// A lead past the bound that had to rebuild for late events <see cref="HoldFrom">holds</see>
/// its marks from the earliest bucket those events reached, up to <see cref="HoldAtMost"/>
/// marks: a backfill sends many late events, and without the hold each of them would re-read
/// the whole history again. The hold lives in memory only (a snapshot does not keep it), so a
/// reactivated lead rebuilds once more at most.
/// </para>
/// </summary>
public sealed class UniqueMarks
{
    /// <summary>Marks of this many days behind the latest marked day are never pruned.</summary>
    public const int KeepDays = 31;

    /// <summary>A lead holding more marks than this is pruned (12 bytes a mark).</summary>
    public const int PruneAbove = 128;

    /// <summary>How many marks pruning leaves, unless the last <see cref="KeepDays"/> days hold more.</summary>
    public const int PruneTo = 64;

    /// <summary>Past this many marks (48 KB) a lead lets go of its <see cref="HoldFrom"/> and prunes as usual.</summary>
    public const int HoldAtMost = 4096;

    private readonly UniqueMark[] _marks;

    private UniqueMarks(DateOnly completeFrom, UniqueMark[] marks, DateOnly? holdFrom = null)
    {
        CompleteFrom = completeFrom;
        _marks = marks;
        HoldFrom = holdFrom;
    }

    /// <summary>A lead with no events: nothing shown, and that is known for every day.</summary>
    public static UniqueMarks Empty { get; } = new(DateOnly.MinValue, []);

    /// <summary>Nothing known (a snapshot from before marks existed): any unique event needs a rebuild.</summary>
    public static UniqueMarks Unknown { get; } = new(DateOnly.MaxValue, []);

    /// <summary>The first tenant-local day from which every mark of the lead's stored events is held.</summary>
    public DateOnly CompleteFrom { get; }

    /// <summary>
    /// Set by a <see cref="Rebuild"/> for late events: pruning keeps every mark from this day on
    /// (while the lead holds at most <see cref="HoldAtMost"/>). Not stored in snapshots.
    /// </summary>
    public DateOnly? HoldFrom { get; }

    /// <summary>Sorted by identity, then day; no repeats.</summary>
    public ReadOnlySpan<UniqueMark> Marks => _marks;

    /// <summary>Restores stored marks; they must be sorted and distinct, as <see cref="Marks"/> gives them.</summary>
    public static UniqueMarks Restore(DateOnly completeFrom, UniqueMark[] marks)
    {
        for (var i = 1; i < marks.Length; i++)
        {
            if (UniqueMark.Compare(marks[i - 1], marks[i]) >= 0)
            {
                throw new InvalidDataException("Unique marks are not sorted and distinct.");
            }
        }
        return marks.Length == 0 && completeFrom == DateOnly.MinValue ? Empty
            : marks.Length == 0 && completeFrom == DateOnly.MaxValue ? Unknown
            : new UniqueMarks(completeFrom, marks);
    }

    /// <summary>True when the marks can decide every first occurrence of <paramref name="e"/>.</summary>
    public bool Covers(LeadEvent e, TimeZoneInfo zone) =>
        !CounterContributions.CountsUniquely(e) || EarliestBucketStart(Periods.LocalDate(e.OccurredAt, zone)) >= CompleteFrom;

    /// <summary>The complete marks of a lead's stored events, in the order they were stored.</summary>
    /// <param name="late">
    /// The events that were not covered, if any: the marks then <see cref="HoldFrom">hold</see>
    /// from the earliest bucket start they reach, so more events that late need no rebuild.
    /// </param>
    public static UniqueMarks Rebuild(IEnumerable<LeadEvent> stored, TimeZoneInfo zone, IEnumerable<LeadEvent>? late = null)
    {
        var planner = Empty.Plan();
        foreach (var e in stored)
        {
            planner.Observe(e, zone, firsts: null);
        }
        DateOnly? hold = null;
        foreach (var e in late ?? [])
        {
            if (CounterContributions.CountsUniquely(e))
            {
                var start = EarliestBucketStart(Periods.LocalDate(e.OccurredAt, zone));
                hold = hold is { } h && h <= start ? h : start;
            }
        }
        var rebuilt = planner.Build(prune: false);
        return hold is null ? rebuilt : new UniqueMarks(rebuilt.CompleteFrom, rebuilt._marks, hold);
    }

    /// <summary>Starts planning the marks of new events on top of these.</summary>
    public Planner Plan() => new(this);

    /// <summary>
    /// What <c>Plan().Build()</c> gives when no event is observed (the marks after an append with
    /// nothing to count uniquely), without a planner when that is these marks unchanged: at most
    /// <see cref="PruneAbove"/> marks prune nothing, and a hold is kept up to <see cref="HoldAtMost"/>.
    /// </summary>
    public UniqueMarks Settled() =>
        _marks.Length <= PruneAbove && (HoldFrom is null || _marks.Length <= HoldAtMost) ? this : Plan().Build();

    /// <summary>The earliest day a bucket of any period containing <paramref name="day"/> starts on.</summary>
    private static DateOnly EarliestBucketStart(DateOnly day)
    {
        var earliest = day;
        foreach (var period in Periods.Each)
        {
            var start = period.Containing(day).Start;
            if (start < earliest)
            {
                earliest = start;
            }
        }
        return earliest;
    }

    /// <summary>Decides first occurrences event by event, in append order, and records their marks.</summary>
    public sealed class Planner
    {
        private readonly UniqueMarks _from;
        private readonly DateOnly _completeFrom;
        private readonly DateOnly? _holdFrom;
        // Copy on write: most appends add no mark (an event that counts nothing uniquely, or an
        // identity already marked that day), and then the lead's marks are not copied at all. The
        // few an append adds wait beside them (_added, sorted) and are merged into the new array
        // once, in Build: copying the lead's marks into a list to insert them, then out of it into
        // the array, was two copies of up to 128 marks per event (~3 KB of the ~7.5 KB a one-event
        // plan allocated, session 25). Past a few added marks (a rebuild from the lead's history)
        // all of them go into one sorted copy (_copy) instead, and later ones are inserted there.
        private const int FewAdded = 8;
        private static readonly IComparer<UniqueMark> MarkOrder = Comparer<UniqueMark>.Create(UniqueMark.Compare);
        private List<UniqueMark>? _added;
        private List<UniqueMark>? _copy;

        internal Planner(UniqueMarks from)
        {
            _from = from;
            _completeFrom = from.CompleteFrom;
            _holdFrom = from.HoldFrom;
        }

        // The sorted marks searched by position: the lead's own, or the copy once there is one.
        // Marks in _added are not among them.
        private int Count => _copy?.Count ?? _from._marks.Length;

        private UniqueMark this[int i] => _copy is null ? _from._marks[i] : _copy[i];

        private int Total => Count + (_added?.Count ?? 0);

        /// <summary>
        /// Adds to <paramref name="firsts"/> the unique counter keys for which <paramref name="e"/>
        /// is the first occurrence of its identity, and records its marks.
        /// </summary>
        /// <exception cref="InvalidOperationException">The marks do not cover the event (see <see cref="Covers"/>).</exception>
        public void Observe(LeadEvent e, TimeZoneInfo zone, ICollection<CounterKey>? firsts)
        {
            // The keys of CounterContributions.UniqueCandidates, worked out here without its list:
            // this runs for most ingested events. A randomised test holds the two to the same answer.
            if (CounterContributions.UniqueCounterOf(e, out var identity) is not { } counter)
            {
                return;
            }
            var day = Periods.LocalDate(e.OccurredAt, zone);
            var earliest = EarliestBucketStart(day);
            if (earliest < _completeFrom)
            {
                throw new InvalidOperationException(
                    $"The lead's unique marks start on {_completeFrom:yyyy-MM-dd}; event {e.Id} of {day:yyyy-MM-dd} needs them rebuilt from the store.");
            }

            Span<ulong> identities = stackalloc ulong[3];
            var scopes = 0;
            identities[scopes++] = IdentityHash.Of(counter, ScopeKind.All, null, identity);
            if (e.Campaign is not null)
            {
                identities[scopes++] = IdentityHash.Of(counter, ScopeKind.Campaign, e.Campaign, identity);
            }
            if (e.Source is not null)
            {
                identities[scopes++] = IdentityHash.Of(counter, ScopeKind.Source, e.Source, identity);
            }

            // Decide every key before marking any: the event's own day mark would hide its week.
            if (firsts is not null)
            {
                // One search per identity, not per identity and bucket: from its first mark on or
                // after the earliest bucket start, its marks are in day order, and every bucket
                // starts there or later.
                Span<int> from = stackalloc int[3];
                for (var i = 0; i < scopes; i++)
                {
                    from[i] = LowerBound(new UniqueMark(identities[i], earliest.DayNumber));
                }
                foreach (var period in Periods.Each)
                {
                    var bucket = period.Containing(day);
                    for (var i = 0; i < scopes; i++)
                    {
                        if (!HasMarkIn(identities[i], bucket, from[i]))
                        {
                            var scope = i == 0 ? KpiScope.All
                                : i == 1 && e.Campaign is not null ? KpiScope.Campaign(e.Campaign)
                                : KpiScope.Source(e.Source!);
                            firsts.Add(new CounterKey(counter, scope, bucket));
                        }
                    }
                }
            }
            foreach (var id in identities[..scopes])
            {
                Mark(new UniqueMark(id, day.DayNumber));
            }
        }

        /// <summary>
        /// The marks after the observed events. Pruning (see <see cref="UniqueMarks"/>) drops
        /// the oldest days of a lead holding more than <see cref="PruneAbove"/> marks and moves
        /// <see cref="CompleteFrom"/> past the dropped ones.
        /// </summary>
        public UniqueMarks Build(bool prune = true)
        {
            var count = Total;
            var pruning = prune && count > PruneAbove && HasMarksBeforeKeptDays();
            var hold = _holdFrom is { } h && count <= HoldAtMost ? h : (DateOnly?)null;
            if (_copy is null && _added is null && !pruning && hold == _from.HoldFrom)
            {
                return _from;
            }
            if (_copy is null && !pruning)
            {
                // The usual append: one array of the exact size (arrays of marks are never changed,
                // so marks that did not change are shared, not copied).
                var merged = Restore(_completeFrom, _added is null ? _from._marks : Merged());
                return hold is null ? merged : new UniqueMarks(merged.CompleteFrom, merged._marks, hold);
            }
            var marks = _copy ?? MergedList(0);
            var completeFrom = _completeFrom;
            if (pruning)
            {
                var cut = PruneCut(marks);
                if (hold is { } held)
                {
                    cut = Math.Min(cut, held.DayNumber);
                }
                var droppedUpTo = int.MinValue;
                foreach (var m in marks)
                {
                    if (m.Day < cut)
                    {
                        droppedUpTo = Math.Max(droppedUpTo, m.Day);
                    }
                }
                if (droppedUpTo != int.MinValue)
                {
                    marks.RemoveAll(m => m.Day < cut);
                    var next = DateOnly.FromDayNumber(droppedUpTo + 1);
                    completeFrom = next > completeFrom ? next : completeFrom;
                }
            }
            var built = Restore(completeFrom, [.. marks]);
            return hold is null ? built : new UniqueMarks(built.CompleteFrom, built._marks, hold);
        }

        /// <summary>
        /// Whether any mark is older than the last <see cref="KeepDays"/> days, which pruning never
        /// drops. Without this check a lead whose last month holds more than <see cref="PruneAbove"/>
        /// marks sorted, copied and rebuilt its marks on every append, to drop nothing (9% of the
        /// server's CPU in a benchmark profile, session 21).
        /// </summary>
        private bool HasMarksBeforeKeptDays()
        {
            int earliest = int.MaxValue, latest = int.MinValue;
            for (var i = 0; i < Count; i++)
            {
                var day = this[i].Day;
                earliest = Math.Min(earliest, day);
                latest = Math.Max(latest, day);
            }
            for (var i = 0; i < (_added?.Count ?? 0); i++)
            {
                earliest = Math.Min(earliest, _added![i].Day);
                latest = Math.Max(latest, _added[i].Day);
            }
            return earliest < KeptFrom(latest);
        }

        private static int KeptFrom(int latest) => EarliestBucketStart(DateOnly.FromDayNumber(latest).AddDays(-KeepDays)).DayNumber;

        /// <summary>
        /// The day before which marks are dropped: the earliest day that leaves at most
        /// <see cref="PruneTo"/> marks, or the start of the kept window if that is earlier.
        /// Whole days go, so the marks left are complete from the day after the last one dropped.
        /// </summary>
        private static int PruneCut(List<UniqueMark> marks)
        {
            var days = new int[marks.Count];
            for (var i = 0; i < days.Length; i++)
            {
                days[i] = marks[i].Day;
            }
            Array.Sort(days);
            var latest = days[^1];
            var keepFrom = KeptFrom(latest);

            // The PruneTo newest marks start at days[^PruneTo]; marks of that same day are kept too
            // only if they fit, so the cut is the next day on when the day straddles the boundary.
            var cut = days[^PruneTo];
            if (days.Length - Array.IndexOf(days, cut) > PruneTo)
            {
                cut++;
            }
            return Math.Min(cut, keepFrom);
        }

        /// <param name="from">Where to look from: no mark of the identity in the bucket lies before it.</param>
        private bool HasMarkIn(ulong identity, Bucket bucket, int from)
        {
            int start = bucket.Start.DayNumber, end = bucket.End.DayNumber;
            for (var i = from; i < Count; i++)
            {
                var mark = this[i];
                if (mark.Identity != identity || mark.Day >= end)
                {
                    break;
                }
                if (mark.Day >= start)
                {
                    return true;
                }
            }
            for (var i = 0; i < (_added?.Count ?? 0); i++)
            {
                var mark = _added![i];
                if (mark.Identity == identity && mark.Day >= start && mark.Day < end)
                {
                    return true;
                }
            }
            return false;
        }

        private void Mark(UniqueMark mark)
        {
            var i = LowerBound(mark);
            if (i < Count && this[i] == mark)
            {
                return;
            }
            if (_copy is not null)
            {
                _copy.Insert(i, mark);
                return;
            }
            _added ??= new List<UniqueMark>(4);
            var at = _added.BinarySearch(mark, MarkOrder);
            if (at >= 0)
            {
                return;
            }
            if (_added.Count < FewAdded)
            {
                _added.Insert(~at, mark);
                return;
            }
            _copy = MergedList(FewAdded);
            _added = null;
            _copy.Insert(LowerBound(mark), mark);
        }

        /// <summary>The lead's marks and <see cref="_added"/>, merged in order (before a copy exists).</summary>
        private UniqueMark[] Merged()
        {
            var merged = new UniqueMark[Total];
            MergeInto(merged);
            return merged;
        }

        /// <summary><see cref="Merged()"/> as a list to insert into or prune, with room for <paramref name="spare"/> more.</summary>
        private List<UniqueMark> MergedList(int spare)
        {
            var merged = new List<UniqueMark>(Total + spare);
            CollectionsMarshal.SetCount(merged, Total);
            MergeInto(CollectionsMarshal.AsSpan(merged));
            return merged;
        }

        private void MergeInto(Span<UniqueMark> target)
        {
            var own = _from._marks;
            var addedCount = _added?.Count ?? 0;
            int i = 0, j = 0;
            for (var k = 0; k < target.Length; k++)
            {
                target[k] = j == addedCount || (i < own.Length && UniqueMark.Compare(own[i], _added![j]) < 0) ? own[i++] : _added![j++];
            }
        }

        private int LowerBound(UniqueMark mark)
        {
            int lo = 0, hi = Count;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (UniqueMark.Compare(this[mid], mark) < 0)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }
            return lo;
        }
    }
}

/// <summary>
/// A stable 64-bit hash of (counter, scope, identity) (<see cref="StableHash"/>): stored in
/// snapshots, so it must not change between builds or processes. A lead holds a few hundred
/// marks at most, so the chance that two of one lead's identities collide is far below any other
/// error in the system.
/// </summary>
internal static class IdentityHash
{
    public static ulong Of(Counter counter, ScopeKind scope, string? scopeValue, string identity)
    {
        var h = StableHash.Start;
        h = StableHash.Add(h, counter.Name);
        h = StableHash.Add(h, "\u001f");
        h = StableHash.Add(h, KpiScope.PrefixOf(scope));
        h = StableHash.Add(h, scopeValue ?? "");
        h = StableHash.Add(h, "\u001f");
        h = StableHash.Add(h, identity);
        return StableHash.Finish(h);
    }
}
