using LeadGrains.Domain.Leads;
using LeadGrains.Domain.Scoring;
using LeadGrains.Storage.Journal;
using static LeadGrains.Domain.Events.EventCatalog;
using static LeadGrains.Storage.Tests.Journal.Appends;

namespace LeadGrains.Storage.Tests.Journal;

public class LeadListBufferTests
{
    private static readonly ScoringModel Model = DefaultScoringModel.Instance;

    private static LeadRow Row(string lead, long version, byte[]? snapshot = null) =>
        LeadRow.Of("t", lead, new LeadState().WithEvents(
            [.. Enumerable.Range(1, (int)version).Select(i => (Event($"{lead}-{i}", lead, DocumentRequested), (long)i))], Model).Next,
            Model.Version, Model.Decay) with { Snapshot = snapshot };

    [Fact]
    public void A_take_holds_the_newest_row_of_each_lead_in_key_order_and_every_pending_entry()
    {
        var buffer = new LeadListBuffer();
        buffer.Add(1, [Row("b", 1), Row("a", 2)]);
        buffer.Add(2, [Row("b", 3)]);
        buffer.Add(3, [Row("a", 1)]);   // older than what is held: a commit cannot send it, a repair could

        var (rows, pending) = buffer.Take();

        Assert.Equal([("a", 2L), ("b", 3L)], rows.Select(r => (r.LeadId, r.Version)));
        Assert.Equal([1L, 2L, 3L], pending);
        var (none, nothing) = buffer.Take();
        Assert.Empty(none);
        Assert.Empty(nothing);
    }

    [Fact]
    public void What_a_failed_flush_gives_back_never_replaces_a_newer_row_taken_since()
    {
        var buffer = new LeadListBuffer();
        buffer.Add(1, [Row("a", 1), Row("b", 1)]);
        var (taken, pending) = buffer.Take();
        buffer.Add(2, [Row("a", 2)]);

        buffer.Return(taken, pending);

        var (rows, all) = buffer.Take();
        Assert.Equal([("a", 2L), ("b", 1L)], rows.Select(r => (r.LeadId, r.Version)));
        Assert.Equal([1L, 2L], all.Order());
    }

    [Fact]
    public void A_held_row_keeps_no_snapshot()
    {
        var buffer = new LeadListBuffer();
        buffer.Add(1, [Row("a", 1, snapshot: [1, 2, 3])]);

        Assert.Null(Assert.Single(buffer.Take().Rows).Snapshot);
    }
}
