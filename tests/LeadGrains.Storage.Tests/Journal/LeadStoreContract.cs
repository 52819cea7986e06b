using LeadGrains.Domain.Events;
using LeadGrains.Domain.Leads;
using LeadGrains.Domain.Scoring;
using LeadGrains.Storage.Journal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static LeadGrains.Domain.Events.EventCatalog;
using static LeadGrains.Storage.Tests.Journal.Appends;

namespace LeadGrains.Storage.Tests.Journal;

/// <summary>
/// What every <see cref="ILeadStore"/> promises. Runs against real SQLite and real PostgreSQL;
/// each test uses its own tenant so tests share one database per engine.
/// </summary>
public abstract class LeadStoreContract
{
    protected abstract ILeadStore Store { get; }

    private int? _shard;

    /// <summary>Commits on a shard of this test class's own, as a journal writer would.</summary>
    private async Task<IReadOnlyList<AppendOutcome>> CommitAsync(IReadOnlyList<AppendRequest> requests, CancellationToken ct)
    {
        _shard ??= await Store.RegisterShardAsync("contract-" + Guid.NewGuid().ToString("N"), ct);
        return (await Store.CommitAsync(requests, _shard.Value, ct)).Outcomes;
    }

    /// <summary>The lead rows once this store has flushed its list, as a list read sees them.</summary>
    private async Task<IReadOnlyDictionary<(string Tenant, string LeadId), StoredLead>> ListedRowsAsync(
        IReadOnlyCollection<(string Tenant, string LeadId)> keys, CancellationToken ct)
    {
        await Store.FlushListAsync(ct);
        return await Store.ReadLeadsAsync(keys, ct);
    }

    private async Task<IReadOnlyList<LeadListItem>> ListedLeadsAsync(LeadListQuery query, CancellationToken ct)
    {
        await Store.FlushListAsync(ct);
        return await Store.ListLeadsAsync(query, ct);
    }

    private static string NewTenant() => "t" + Guid.NewGuid().ToString("N")[..12];

    private async Task<LeadState> CommitOneAsync(AppendRequest request)
    {
        var outcome = (await CommitAsync([request], CancellationToken.None)).Single();
        return outcome.Applied?.State ?? throw new InvalidOperationException("nothing applied");
    }

    [Fact]
    public async Task Commit_stores_events_lead_row_and_transitions()
    {
        var tenant = NewTenant();
        var request = Request(tenant, new LeadState(),
            Event("e1", "lead-1", ExhibitionVisited, source: "seminar", campaign: "expo-2026"),
            Event("e2", "lead-1", DocumentRequested));

        var outcome = (await CommitAsync([request], CancellationToken.None)).Single();

        Assert.Equal(2, outcome.Accepted);
        Assert.Equal(0, outcome.Duplicates);
        var row = (await ListedRowsAsync([(tenant, "lead-1")], CancellationToken.None))[(tenant, "lead-1")];
        Assert.Equal(2, row.Version);
        Assert.Equal(15, row.Score);
        Assert.Equal(LeadStage.Nurturing, row.Stage);
        Assert.Equal("seminar", row.FirstSource);
        Assert.Equal("expo-2026", row.FirstCampaign);
        var loaded = (await Store.LoadLeadsAsync([(tenant, "lead-1")], CancellationToken.None))[(tenant, "lead-1")];
        Assert.Equal(2, loaded.SnapshotVersion);
        Assert.Equal(15, LeadStateCodec.Decode(loaded.Snapshot)!.Score);
        Assert.Empty(loaded.Later);
        var events = await Store.ReadEventsAsync(tenant, "lead-1", 0, CancellationToken.None);
        Assert.Equal(["e1", "e2"], events.Select(e => e.EventId));
        var transitions = await Store.ReadTransitionsAsync(tenant, "lead-1", CancellationToken.None);
        Assert.Equal(LeadStage.Nurturing, Assert.Single(transitions).To);
    }

    [Fact]
    public async Task Commit_without_a_snapshot_writes_the_row_and_loads_the_older_snapshot_with_the_events_after_it()
    {
        var tenant = NewTenant();
        var first = await CommitOneAsync(Request(tenant, new LeadState(), Event("e1", "lead-1", ExhibitionVisited)));
        var second = await CommitOneAsync(Request(tenant, first, Event("e2", "lead-1", DocumentRequested)).WithoutSnapshot());
        await CommitOneAsync(Request(tenant, second, Event("e3", "lead-1", DocumentRequested)).WithoutSnapshot());

        var row = (await ListedRowsAsync([(tenant, "lead-1")], CancellationToken.None))[(tenant, "lead-1")];
        var loaded = (await Store.LoadLeadsAsync([(tenant, "lead-1")], CancellationToken.None))[(tenant, "lead-1")];

        Assert.Equal(20, row.Score);
        Assert.Equal(3, row.Version);
        Assert.Equal(3, loaded.Version);
        Assert.Equal(1, loaded.SnapshotVersion);
        Assert.Equal(10, LeadStateCodec.Decode(loaded.Snapshot)!.Score);
        Assert.Equal(["e2", "e3"], loaded.Later.Select(e => e.EventId));
        Assert.Equal([2L, 3L], loaded.Later.Select(e => e.Seq));
    }

    [Fact]
    public async Task Lead_that_never_had_a_snapshot_loads_all_its_events()
    {
        var tenant = NewTenant();
        await CommitOneAsync(Request(tenant, new LeadState(),
            Event("e1", "lead-1", ExhibitionVisited, source: "seminar"), Event("e2", "lead-1", DocumentRequested)).WithoutSnapshot());

        var loaded = (await Store.LoadLeadsAsync([(tenant, "lead-1")], CancellationToken.None))[(tenant, "lead-1")];

        Assert.Null(loaded.Snapshot);
        Assert.Equal(0, loaded.SnapshotVersion);
        Assert.Equal(["e1", "e2"], loaded.Later.Select(e => e.EventId));
        Assert.Equal("seminar", loaded.Later[0].Source);
    }

    [Fact]
    public async Task Loading_many_leads_gives_each_its_own_later_events_and_skips_unknown_leads()
    {
        var (tenant, other) = (NewTenant(), NewTenant());
        var a = await CommitOneAsync(Request(tenant, new LeadState(), Event("a1", "lead-a", ExhibitionVisited)));
        await CommitOneAsync(Request(tenant, a, Event("a2", "lead-a", DocumentRequested)).WithoutSnapshot());
        await CommitOneAsync(Request(tenant, new LeadState(), Event("b1", "lead-b", DocumentRequested)));
        await CommitOneAsync(Request(tenant, new LeadState(), Event("c1", "lead-c", EmailOpened), Event("c2", "lead-c", EmailClicked)).WithoutSnapshot());
        await CommitOneAsync(Request(other, new LeadState(), Event("x1", "lead-a", WebCtaClicked)).WithoutSnapshot());

        var loaded = await Store.LoadLeadsAsync(
            [(tenant, "lead-a"), (tenant, "lead-b"), (tenant, "lead-c"), (tenant, "nobody"), (other, "lead-a")], CancellationToken.None);

        Assert.Equal(4, loaded.Count);
        Assert.Equal(["a2"], loaded[(tenant, "lead-a")].Later.Select(e => e.EventId));
        Assert.Empty(loaded[(tenant, "lead-b")].Later);
        Assert.Equal(1, loaded[(tenant, "lead-b")].SnapshotVersion);
        Assert.Equal(["c1", "c2"], loaded[(tenant, "lead-c")].Later.Select(e => e.EventId));
        Assert.Equal(["x1"], loaded[(other, "lead-a")].Later.Select(e => e.EventId));
    }

    [Fact]
    public async Task Duplicate_event_id_in_later_commit_is_not_counted_and_changes_nothing()
    {
        var tenant = NewTenant();
        var state = await CommitOneAsync(Request(tenant, new LeadState(), Event("e1", "lead-1", ExhibitionVisited)));

        var outcome = (await CommitAsync([Request(tenant, state, Event("e1", "lead-1", ExhibitionVisited))], CancellationToken.None)).Single();

        Assert.Equal(0, outcome.Accepted);
        Assert.Equal(1, outcome.Duplicates);
        Assert.Null(outcome.Applied);
        var row = (await ListedRowsAsync([(tenant, "lead-1")], CancellationToken.None))[(tenant, "lead-1")];
        Assert.Equal(10, row.Score);
        Assert.Single(await Store.ReadEventsAsync(tenant, "lead-1", 0, CancellationToken.None));
    }

    [Fact]
    public async Task Partly_duplicate_request_is_scored_over_the_new_events_only()
    {
        var tenant = NewTenant();
        var state = await CommitOneAsync(Request(tenant, new LeadState(), Event("e1", "lead-1", ExhibitionVisited)));

        var outcome = (await CommitAsync(
            [Request(tenant, state, Event("e1", "lead-1", ExhibitionVisited), Event("e2", "lead-1", DocumentRequested))],
            CancellationToken.None)).Single();

        Assert.Equal(1, outcome.Accepted);
        Assert.Equal(1, outcome.Duplicates);
        Assert.Equal(15, outcome.Applied!.State.Score);
        var row = (await ListedRowsAsync([(tenant, "lead-1")], CancellationToken.None))[(tenant, "lead-1")];
        Assert.Equal(15, row.Score);
        Assert.Equal(2, row.EventCount);
    }

    [Fact]
    public async Task Events_kept_beside_a_duplicate_are_numbered_on_without_a_gap()
    {
        var tenant = NewTenant();
        var state = await CommitOneAsync(Request(tenant, new LeadState(), Event("e1", "lead-1", ExhibitionVisited)));

        var outcome = (await CommitAsync(
            [Request(tenant, state, Event("e1", "lead-1", ExhibitionVisited), Event("e2", "lead-1", DocumentRequested), Event("e3", "lead-1", EmailOpened))],
            CancellationToken.None)).Single();

        Assert.Equal(3, outcome.Applied!.State.Version);
        Assert.Equal([1L, 2L, 3L], (await Store.ReadEventsAsync(tenant, "lead-1", 0, CancellationToken.None)).Select(e => e.Seq));
        Assert.Equal(3, (await Store.LoadLeadsAsync([(tenant, "lead-1")], CancellationToken.None))[(tenant, "lead-1")].Version);
    }

    [Fact]
    public async Task A_stale_writer_cannot_append_after_a_commit_that_dropped_a_duplicate()
    {
        // The gap a dropped duplicate once left (seq 2 here) was a number a stale writer could
        // still take unseen.
        var tenant = NewTenant();
        var v1 = await CommitOneAsync(Request(tenant, new LeadState(), Event("e1", "lead-1", ExhibitionVisited)));
        await CommitOneAsync(Request(tenant, v1, Event("e1", "lead-1", ExhibitionVisited), Event("e2", "lead-1", DocumentRequested)));

        var conflict = await Assert.ThrowsAsync<LeadVersionConflictException>(() =>
            CommitAsync([Request(tenant, v1, Event("stale", "lead-1", EmailOpened))], CancellationToken.None));

        Assert.Equal([(tenant, "lead-1")], conflict.Leads);
        Assert.Equal(["e1", "e2"], (await Store.ReadEventsAsync(tenant, "lead-1", 0, CancellationToken.None)).Select(e => e.EventId));
    }

    [Fact]
    public async Task Same_event_id_sent_for_two_leads_in_one_commit_is_stored_once()
    {
        var tenant = NewTenant();
        var a = Request(tenant, new LeadState(), Event("same", "lead-a", ExhibitionVisited));
        var b = Request(tenant, new LeadState(), Event("same", "lead-b", ExhibitionVisited));

        var outcomes = await CommitAsync([a, b], CancellationToken.None);

        Assert.Equal(1, outcomes.Sum(o => o.Accepted));
        Assert.Equal(1, outcomes.Sum(o => o.Duplicates));
        var leads = await ListedRowsAsync([(tenant, "lead-a"), (tenant, "lead-b")], CancellationToken.None);
        var (key, lead) = Assert.Single(leads);
        Assert.Equal(1, lead.Version);
        Assert.Equal([1L], (await Store.ReadEventsAsync(tenant, key.LeadId, 0, CancellationToken.None)).Select(e => e.Seq));
    }

    [Fact]
    public async Task Stale_expected_version_is_a_conflict_and_commits_nothing()
    {
        var tenant = NewTenant();
        var stale = new LeadState();
        await CommitOneAsync(Request(tenant, stale, Event("e1", "lead-1", ExhibitionVisited)));
        var other = Request(tenant, new LeadState(), Event("other", "lead-2", DocumentRequested));

        var conflict = await Assert.ThrowsAsync<LeadVersionConflictException>(() =>
            CommitAsync([Request(tenant, stale, Event("e2", "lead-1", DocumentRequested)), other], CancellationToken.None));

        Assert.Equal([(tenant, "lead-1")], conflict.Leads);
        Assert.Single(await Store.ReadEventsAsync(tenant, "lead-1", 0, CancellationToken.None));
        Assert.Empty(await Store.ReadEventsAsync(tenant, "lead-2", 0, CancellationToken.None));
    }

    [Fact]
    public async Task Stale_version_of_a_stored_lead_is_a_conflict_and_commits_nothing()
    {
        var tenant = NewTenant();
        var v1 = await CommitOneAsync(Request(tenant, new LeadState(), Event("e1", "lead-1", ExhibitionVisited)));
        await CommitOneAsync(Request(tenant, v1, Event("e2", "lead-1", DocumentRequested)));
        var v1Other = await CommitOneAsync(Request(tenant, new LeadState(), Event("o1", "lead-2", DocumentRequested)));

        var conflict = await Assert.ThrowsAsync<LeadVersionConflictException>(() => CommitAsync(
            [Request(tenant, v1, Event("e3", "lead-1", EmailOpened)), Request(tenant, v1Other, Event("o2", "lead-2", EmailOpened))],
            CancellationToken.None));

        Assert.Equal([(tenant, "lead-1")], conflict.Leads);
        Assert.Equal(["e1", "e2"], (await Store.ReadEventsAsync(tenant, "lead-1", 0, CancellationToken.None)).Select(e => e.EventId));
        Assert.Equal(["o1"], (await Store.ReadEventsAsync(tenant, "lead-2", 0, CancellationToken.None)).Select(e => e.EventId));
        Assert.Equal(2, (await ListedRowsAsync([(tenant, "lead-1")], CancellationToken.None))[(tenant, "lead-1")].Version);
    }

    [Fact]
    public async Task A_flush_lists_every_committed_lead_and_leaves_no_pending_entry_of_its_store()
    {
        var tenant = NewTenant();
        var a = await CommitOneAsync(Request(tenant, new LeadState(), Event("a1", "lead-a", ExhibitionVisited)));
        await CommitOneAsync(Request(tenant, a, Event("a2", "lead-a", DocumentRequested)).WithoutSnapshot());
        await CommitOneAsync(Request(tenant, new LeadState(), Event("b1", "lead-b", DocumentRequested)).WithoutSnapshot());

        await Store.FlushListAsync(CancellationToken.None);

        var rows = await Store.ReadLeadsAsync([(tenant, "lead-a"), (tenant, "lead-b")], CancellationToken.None);
        Assert.Equal((2L, 15.0), (rows[(tenant, "lead-a")].Version, rows[(tenant, "lead-a")].Score));
        Assert.Equal((1L, 5.0), (rows[(tenant, "lead-b")].Version, rows[(tenant, "lead-b")].Score));
        Assert.DoesNotContain(await Store.ReadPendingListAsync([], CancellationToken.None), p => p.Owner == Store.ListOwner);
    }

    [Fact]
    public async Task A_repair_writes_a_lead_s_row_from_its_state_but_never_over_a_newer_one()
    {
        var tenant = NewTenant();
        var v1 = await CommitOneAsync(Request(tenant, new LeadState(), Event("e1", "lead-1", ExhibitionVisited)));
        var v2 = await CommitOneAsync(Request(tenant, v1, Event("e2", "lead-1", DocumentRequested)));
        await Store.FlushListAsync(CancellationToken.None);
        var model = DefaultScoringModel.Instance;

        await Store.WriteListRowAsync(tenant, "lead-1", v1, model.Version, model.Decay, CancellationToken.None);
        await Store.WriteListRowAsync(tenant, "lead-2", v2, model.Version, model.Decay, CancellationToken.None);

        var rows = await Store.ReadLeadsAsync([(tenant, "lead-1"), (tenant, "lead-2")], CancellationToken.None);
        Assert.Equal((2L, 15.0), (rows[(tenant, "lead-1")].Version, rows[(tenant, "lead-1")].Score));
        Assert.Equal((2L, 15.0), (rows[(tenant, "lead-2")].Version, rows[(tenant, "lead-2")].Score));
    }

    [Fact]
    public async Task Events_after_a_version_come_back_in_arrival_order()
    {
        var tenant = NewTenant();
        var state = await CommitOneAsync(Request(tenant, new LeadState(),
            Event("z", "lead-1", WebPageViewed, T0.AddDays(2)), Event("a", "lead-1", EmailOpened, T0)));
        await CommitOneAsync(Request(tenant, state, Event("m", "lead-1", EmailClicked, T0.AddDays(1))));

        var after1 = await Store.ReadEventsAsync(tenant, "lead-1", 1, CancellationToken.None);

        Assert.Equal(["a", "m"], after1.Select(e => e.EventId));
        Assert.Equal([2L, 3L], after1.Select(e => e.Seq));
        Assert.Equal(T0.AddDays(1), after1[1].OccurredAt);
    }

    [Fact]
    public async Task Events_come_back_exactly_as_committed_text_nulls_and_times()
    {
        // Non-ASCII text, quotes and a character outside the BMP; a time before PostgreSQL's
        // 2000-01-01 epoch and one with microseconds in another offset; an event with no source,
        // campaign or properties.
        var tenant = NewTenant();
        var beforeEpoch = new DateTimeOffset(1999, 12, 31, 23, 59, 59, TimeSpan.Zero).AddTicks(9_999_990);
        var withMicros = new DateTimeOffset(2026, 11, 30, 8, 15, 30, TimeSpan.FromHours(9)).AddTicks(1_234_560);
        const string json = "{\"booth\":\"A-12\",\"note\":\"\u5c55\u793a\u4f1a \\\"\u6771\u4eac\\\" \U0001F600\"}";
        var visit = Event("ev-展示会-1", "リード-1", ExhibitionVisited, beforeEpoch, source: "seminar", campaign: "東京展示会 2026 — 秋")
            with { Properties = EventPropertiesReader.FromStoredJson(json) };
        var open = Event("ev-2", "リード-1", EmailOpened, withMicros);

        await CommitOneAsync(Request(tenant, new LeadState(), visit, open));

        var events = await Store.ReadEventsAsync(tenant, "リード-1", 0, CancellationToken.None);
        Assert.Equal(2, events.Count);
        var (first, second) = (events[0], events[1]);
        Assert.Equal(("ev-展示会-1", "リード-1", 1L, "exhibition.visited"), (first.EventId, first.LeadId, first.Seq, first.Type));
        Assert.Equal(beforeEpoch, first.OccurredAt);
        Assert.Equal(T0, first.ReceivedAt);
        Assert.Equal(("seminar", "東京展示会 2026 — 秋", json), (first.Source, first.Campaign, first.Properties));
        Assert.Equal(("ev-2", 2L, "email.opened"), (second.EventId, second.Seq, second.Type));
        Assert.Equal(withMicros, second.OccurredAt);
        Assert.Null(second.Source);
        Assert.Null(second.Campaign);
        Assert.True(string.IsNullOrEmpty(second.Properties));
    }

    [Fact]
    public async Task Tenants_do_not_see_each_others_events_leads_or_duplicates()
    {
        var (t1, t2) = (NewTenant(), NewTenant());
        await CommitOneAsync(Request(t1, new LeadState(), Event("e1", "lead-1", ExhibitionVisited)));

        var outcome = (await CommitAsync([Request(t2, new LeadState(), Event("e1", "lead-1", DocumentRequested))], CancellationToken.None)).Single();

        Assert.Equal(1, outcome.Accepted);
        var t1Lead = (await ListedRowsAsync([(t1, "lead-1")], CancellationToken.None))[(t1, "lead-1")];
        var t2Lead = (await ListedRowsAsync([(t2, "lead-1")], CancellationToken.None))[(t2, "lead-1")];
        Assert.Equal(10, t1Lead.Score);
        Assert.Equal(5, t2Lead.Score);
        Assert.Equal("exhibition.visited", Assert.Single(await Store.ReadEventsAsync(t1, "lead-1", 0, CancellationToken.None)).Type);
        Assert.Single(await ListedLeadsAsync(new LeadListQuery(t2, null, null, 10, null), CancellationToken.None));
    }

    [Fact]
    public async Task Lead_list_orders_by_decayed_score_filters_and_pages()
    {
        var tenant = NewTenant();
        // lead-old scored 20 a year ago: decayed below lead-new's 10 today.
        await CommitOneAsync(Request(tenant, new LeadState(),
            Event("o1", "lead-old", ExhibitionVisited, T0.AddDays(-365)), Event("o2", "lead-old", ExhibitionVisited, T0.AddDays(-365))));
        await CommitOneAsync(Request(tenant, new LeadState(), Event("n1", "lead-new", ExhibitionVisited, T0)));
        await CommitOneAsync(Request(tenant, new LeadState(), Event("q1", "lead-hot", InquirySubmitted, T0), Event("q2", "lead-hot", InquirySubmitted, T0)));
        var decay = DefaultScoringModel.Instance.Decay;

        var all = await ListedLeadsAsync(new LeadListQuery(tenant, null, null, 10, null), CancellationToken.None);
        var qualified = await ListedLeadsAsync(new LeadListQuery(tenant, LeadStage.Qualified, null, 10, null), CancellationToken.None);
        var atLeast5 = await ListedLeadsAsync(new LeadListQuery(tenant, null, ScoreRank.Floor(5, T0, decay), 10, null), CancellationToken.None);
        var page1 = await ListedLeadsAsync(new LeadListQuery(tenant, null, null, 2, null), CancellationToken.None);
        var page2 = await ListedLeadsAsync(new LeadListQuery(tenant, null, null, 2, (page1[^1].Rank, page1[^1].Lead.LeadId)), CancellationToken.None);

        Assert.Equal(["lead-hot", "lead-new", "lead-old"], all.Select(l => l.Lead.LeadId));
        Assert.Equal("lead-hot", Assert.Single(qualified).Lead.LeadId);
        Assert.Equal(["lead-hot", "lead-new"], atLeast5.Select(l => l.Lead.LeadId));
        Assert.Equal(["lead-old"], page2.Select(l => l.Lead.LeadId));
    }

    [Fact]
    public async Task Journal_writer_commits_many_concurrent_appends_and_answers_each()
    {
        var tenant = NewTenant();
        await using var writer = new JournalWriter(Store, Options.Create(new JournalOptions()), NullLogger<JournalWriter>.Instance);

        var appends = Enumerable.Range(0, 300).Select(i =>
            writer.AppendAsync(Request(tenant, new LeadState(), Event($"e{i}", $"lead-{i}", DocumentRequested))));
        var outcomes = await Task.WhenAll(appends);

        Assert.All(outcomes, o => Assert.Equal(5, o.Applied!.State.Score));
        var leads = await ListedLeadsAsync(new LeadListQuery(tenant, null, null, 500, null), CancellationToken.None);
        Assert.Equal(300, leads.Count);
    }

    [Fact]
    public async Task Journal_writer_bounds_a_commit_by_events_but_never_splits_a_request()
    {
        var tenant = NewTenant();
        var store = new CommitSizes(Store);
        await using var writer = new JournalWriter(store, Options.Create(new JournalOptions { MaxEventsPerCommit = 40 }), NullLogger<JournalWriter>.Instance);

        var big = Request(tenant, new LeadState(),
            Enumerable.Range(0, 100).Select(i => Event($"big-{i}", "lead-big", DocumentRequested)).ToArray());
        var appends = Enumerable.Range(0, 200)
            .Select(i => writer.AppendAsync(Request(tenant, new LeadState(), Event($"e{i}", $"lead-{i}", DocumentRequested))))
            .Prepend(writer.AppendAsync(big))
            .ToList();
        var outcomes = await Task.WhenAll(appends);

        Assert.Equal(100, outcomes[0].Accepted);
        Assert.All(outcomes.Skip(1), o => Assert.Equal(1, o.Accepted));
        var commits = store.Events.ToList();
        Assert.Equal(300, commits.Sum());
        // The 100-event request is one commit's first (and only) request; every other commit
        // stopped taking requests once it reached the bound.
        Assert.Single(commits, c => c == 100);
        Assert.All(commits.Where(c => c != 100), c => Assert.InRange(c, 1, 40));
        Assert.Equal(100, (await Store.ReadEventsAsync(tenant, "lead-big", 0, CancellationToken.None)).Count);
    }

    /// <summary>The real store, counting the events of each commit the writer hands it.</summary>
    private sealed class CommitSizes(ILeadStore inner) : ILeadStore
    {
        public System.Collections.Concurrent.ConcurrentQueue<int> Events { get; } = new();

        public StorageKind Kind => inner.Kind;

        public Task<int> RegisterShardAsync(string name, CancellationToken ct) => inner.RegisterShardAsync(name, ct);

        public Task<CommitResult> CommitAsync(IReadOnlyList<AppendRequest> requests, int shard, CancellationToken ct)
        {
            Events.Enqueue(requests.Sum(r => r.Events.Count));
            return inner.CommitAsync(requests, shard, ct);
        }

        public Task<ReportCommitResult> CommitReportsAsync(
            string tenant, IReadOnlyList<LeadGrains.Domain.Kpis.ChannelMetricReport> reports, TimeZoneInfo zone, int shard, CancellationToken ct) =>
            inner.CommitReportsAsync(tenant, reports, zone, shard, ct);

        public Task<IReadOnlyDictionary<(string Tenant, string LeadId), StoredLead>> ReadLeadsAsync(
            IReadOnlyCollection<(string Tenant, string LeadId)> keys, CancellationToken ct) => inner.ReadLeadsAsync(keys, ct);

        public Task<IReadOnlyDictionary<(string Tenant, string LeadId), StoredLeadState>> LoadLeadsAsync(
            IReadOnlyCollection<(string Tenant, string LeadId)> keys, CancellationToken ct) => inner.LoadLeadsAsync(keys, ct);

        public Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(string tenant, string leadId, long afterSeq, CancellationToken ct) =>
            inner.ReadEventsAsync(tenant, leadId, afterSeq, ct);

        public Task<IReadOnlyList<StoredTransition>> ReadTransitionsAsync(string tenant, string leadId, CancellationToken ct) =>
            inner.ReadTransitionsAsync(tenant, leadId, ct);

        public Task<IReadOnlyList<LeadListItem>> ListLeadsAsync(LeadListQuery query, CancellationToken ct) => inner.ListLeadsAsync(query, ct);

        public string ListOwner => inner.ListOwner;

        public bool ListWrittenBehind => inner.ListWrittenBehind;

        public Task FlushListAsync(CancellationToken ct) => inner.FlushListAsync(ct);

        public Task<IReadOnlyList<PendingListRow>> ReadPendingListAsync(IReadOnlyCollection<string> alive, CancellationToken ct) =>
            inner.ReadPendingListAsync(alive, ct);

        public Task DeletePendingListAsync(string owner, IReadOnlyList<long> seqs, CancellationToken ct) => inner.DeletePendingListAsync(owner, seqs, ct);

        public Task WriteListRowAsync(string tenant, string leadId, LeadState state, string modelVersion, Decay decay, CancellationToken ct) =>
            inner.WriteListRowAsync(tenant, leadId, state, modelVersion, decay, ct);
    }
}
