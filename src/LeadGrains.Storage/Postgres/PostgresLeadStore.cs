using System.Diagnostics.Metrics;
using LeadGrains.Domain.Kpis;
using LeadGrains.Domain.Leads;
using LeadGrains.Domain.Scoring;
using LeadGrains.Storage.Kpis;
using LeadGrains.Storage.Journal;
using Npgsql;
using NpgsqlTypes;

namespace LeadGrains.Storage.Postgres;

/// <summary>
/// The journal on PostgreSQL. A group commit is three round trips whatever its size: the
/// events, one batch that writes the pending-list row (the lead rows are written behind, by
/// <see cref="FlushListAsync"/>), the snapshots that are due, transitions and KPI counter
/// deltas, and the commit. Events go in by binary COPY, which cannot skip duplicates: a
/// duplicate aborts the transaction. So the ids of events whose keys this store committed
/// recently (<see cref="RecentEventKeys"/>, a producer's retry) are looked up first, one more
/// round trip, and only the rest are copied, numbered without gaps per lead. A duplicate the
/// recent keys missed fails the COPY, and the commit is redone with every id looked up.
/// </summary>
/// <param name="insertCommitsAfterDuplicate">
/// The longest cool-off: after a duplicate the recent keys missed, the next commits look up
/// every id before their COPY, one commit after a lone miss and twice as many after each miss
/// that follows a cool-off, up to this many. A producer replaying old events (say, after a
/// restart, when no recent key remembers its ids) fails COPY after COPY, and each failure costs
/// the commit's events twice, so its cool-off grows; a lone miss costs one commit.
/// </param>
/// <param name="recentEventsRemembered">How many recently committed event keys the store remembers (see <see cref="RecentEventKeys"/>).</param>
/// <param name="listOwner">
/// Names this store's pending-list rows (<see cref="ILeadStore.ListOwner"/>): the silo's address
/// with its generation, so a silo that died is told apart from its successor on the same port.
/// </param>
public sealed class PostgresLeadStore(
    NpgsqlDataSource dataSource,
    int insertCommitsAfterDuplicate = PostgresLeadStore.DefaultInsertCommitsAfterDuplicate,
    int recentEventsRemembered = PostgresLeadStore.DefaultRecentEventsRemembered,
    string? listOwner = null) : ILeadStore
{
    public const int DefaultInsertCommitsAfterDuplicate = 64;

    public const int DefaultRecentEventsRemembered = 524_288;

    // Beside the journal writer's meters: how often a duplicate the recent keys missed cost a COPY.
    private static readonly Counter<long> CopyFallbacks = new Meter(JournalWriter.MeterName)
        .CreateCounter<long>("leadgrains.journal.copy_fallbacks", description: "Group commits redone with every event id looked up after a duplicate failed their COPY");

    private readonly CopyCoolOff _coolOff = new(insertCommitsAfterDuplicate);

    private readonly RecentEventKeys _recent = new(recentEventsRemembered);

    private readonly LeadListBuffer _list = new();

    private readonly SemaphoreSlim _flushing = new(1, 1);

    private long _pendingSeq;

    public string ListOwner { get; } = listOwner ?? "store:" + Guid.NewGuid().ToString("N");

    public bool ListWrittenBehind => true;

    public StorageKind Kind => StorageKind.Postgres;

    public async Task<int> RegisterShardAsync(string name, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(Sql.RegisterShard);
        cmd.Parameters.Add(new NpgsqlParameter<string>("name", name));
        return (int)(await cmd.ExecuteScalarAsync(ct))!;
    }

    public async Task<CommitResult> CommitAsync(IReadOnlyList<AppendRequest> requests, int shard, CancellationToken ct)
    {
        var plan = new CommitPlan(requests);
        var keys = new ulong[plan.Events.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            var (request, e) = plan.Events[i];
            keys[i] = RecentEventKeys.Of(plan.TenantOf(request), e.Event.Id);
        }
        var result = await CommitAsync(plan, _recent.Seen(keys), shard, ct);
        _recent.Remember(keys);   // inserted or found stored: either way, stored now
        return result;
    }

    private async Task<CommitResult> CommitAsync(CommitPlan plan, bool[] seen, int shard, CancellationToken ct)
    {
        var checkAll = _coolOff.TakeInsertCommit();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var result = await CommitOnceAsync(plan, checkAll ? null : seen, shard, ct);
                if (!checkAll)
                {
                    _coolOff.CopySucceeded();
                }
                return result;
            }
            catch (PostgresException e) when (e is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: EventsKey } && attempt < MaxAttempts)
            {
                // An id stored before that the recent keys missed, or one another commit stored
                // between this one's check and its COPY: check every id, and COPY the rest.
                if (!checkAll)
                {
                    _coolOff.CopyFailed();
                    CopyFallbacks.Add(1);
                }
                checkAll = true;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < MaxAttempts)
            {
                // Commits COPY their events in one (tenant, id) order, so they should not deadlock
                // on the event key; a deadlock elsewhere is redone like a race on it.
                checkAll = true;
            }
            catch (PostgresException e) when (e is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: LeadSeqKey })
            {
                throw new LeadVersionConflictException(await LeadsWrittenPastAsync(plan, ct));
            }
        }
    }

    // A race on an event id between a check and a COPY needs another commit to store that id in
    // between; three attempts in a row losing such races would be a bug to surface, not retry.
    private const int MaxAttempts = 3;

    /// <summary>The commits still to check every event id before their COPY (for tests).</summary>
    public int InsertCommitsLeft => _coolOff.Left;

    /// <param name="check">
    /// For each of the plan's events, whether to look its id up before the COPY (those committed
    /// recently); null looks up every id.
    /// </param>
    private async Task<CommitResult> CommitOnceAsync(CommitPlan plan, bool[]? check, int shard, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);

        var stored = check is null || Array.IndexOf(check, true) >= 0
            ? await StoredEventsAsync(conn, tx, plan, check, ct)
            : null;
        var resolved = plan.Resolve(p => stored is not null && stored[p]);
        if (resolved.Writes.Count > 0)
        {
            await CopyEventsAsync(conn, plan, resolved.Writes, ct);
        }

        var outcomes = resolved.Outcomes;
        var transitions = plan.Transitions(outcomes);
        var deltas = CounterPlan.Deltas(plan.Requests, outcomes, resolved.Inserted);
        var counterRows = CounterPlan.Rows(deltas);

        KpiCommit? kpis = null;
        long? pending = null;
        if (resolved.Rows.Count > 0)
        {
            pending = Interlocked.Increment(ref _pendingSeq);
            var seq = await WriteCommitRecordsAsync(conn, tx, resolved.Rows, pending.Value, transitions, counterRows, shard, ct);
            kpis = seq is { } s ? new KpiCommit(shard, s, deltas) : null;
        }
        await tx.CommitAsync(ct);
        if (pending is { } p)
        {
            // Before the grains hear of the commit: a list read that starts after the 202 flushes these.
            _list.Add(p, resolved.Rows);
        }
        return new CommitResult(outcomes, kpis);
    }

    public async Task<ReportCommitResult> CommitReportsAsync(
        string tenant, IReadOnlyList<ChannelMetricReport> reports, TimeZoneInfo zone, int shard, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var now = DateTime.UtcNow;
        var ordered = reports.OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        var inserted = new HashSet<string>(StringComparer.Ordinal);
        await using (var cmd = new NpgsqlCommand(Sql.InsertReports, conn, tx))
        {
            cmd.Parameters.Add(new NpgsqlParameter<string>("tenant", tenant));
            cmd.Parameters.Add(new NpgsqlParameter<string[]>("report_id", ordered.Select(r => r.Id).ToArray()));
            cmd.Parameters.Add(new NpgsqlParameter<string[]>("metric", ordered.Select(r => r.Metric.Name()).ToArray()));
            cmd.Parameters.Add(new NpgsqlParameter<double[]>("value", ordered.Select(r => r.Value).ToArray()));
            cmd.Parameters.Add(new NpgsqlParameter<DateTime[]>("occurred_at", ordered.Select(r => r.OccurredAt.UtcDateTime).ToArray())
            {
                NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz,
            });
            cmd.Parameters.Add(new NpgsqlParameter<string?[]>("campaign", ordered.Select(r => r.Campaign).ToArray()));
            cmd.Parameters.Add(new NpgsqlParameter<DateTime>("now", now) { NpgsqlDbType = NpgsqlDbType.TimestampTz });
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                inserted.Add(reader.GetString(0));
            }
        }

        var accepted = ordered.Where(r => inserted.Contains(r.Id)).ToList();
        var deltas = ReportCounters.Deltas(tenant, accepted, zone);
        KpiCommit? kpis = null;
        if (deltas.Count > 0)
        {
            await using var batch = new NpgsqlBatch(conn, tx);
            batch.BatchCommands.Add(CounterCommand(CounterPlan.Rows(deltas), shard));
            batch.BatchCommands.Add(ShardCommand(shard));
            var seq = (long)(await batch.ExecuteScalarAsync(ct) ?? throw new InvalidOperationException($"KPI shard {shard} is not registered."));
            kpis = new KpiCommit(shard, seq, deltas);
        }
        await tx.CommitAsync(ct);
        return new ReportCommitResult(accepted.Count, reports.Count - accepted.Count, kpis);
    }

    private const string EventsKey = "lg_events_pkey";

    // A lead's events are numbered without gaps (CommitPlan.Resolve), so a second writer of a lead
    // reuses a number the first one took: this key is the single-writer check.
    private const string LeadSeqKey = "lg_events_lead_seq";

    /// <summary>The events to write, or a unique violation on <see cref="EventsKey"/> if any was stored already.</summary>
    private static async Task CopyEventsAsync(
        NpgsqlConnection conn, CommitPlan plan, IReadOnlyList<(int Request, JournalEvent Event)> writes, CancellationToken ct)
    {
        using var rows = new BinaryCopyRows();
        await using (var copy = await conn.BeginRawBinaryCopyAsync(Sql.CopyEvents, ct))
        {
            try
            {
                await WriteRowsAsync(copy);
            }
            catch
            {
                // Without it, disposing would end the COPY with half a stream, and PostgreSQL's
                // complaint about that would hide what went wrong here.
                await copy.CancelAsync();
                throw;
            }
        }   // disposing the stream ends the COPY; a duplicate key surfaces here

        async Task WriteRowsAsync(NpgsqlRawCopyStream copy)
        {
            // A request is one lead's: its key is hashed once, at its first event.
            var leadKeys = new long?[plan.Requests.Count];
            for (var i = 0; i < writes.Count; i++)
            {
                var (request, je) = writes[i];
                var e = je.Event;
                var tenant = plan.TenantOf(request);
                rows.StartRow(11);
                rows.Text(tenant);
                rows.Text(e.Id);
                rows.Text(e.LeadId);
                rows.Bigint(je.Seq);
                rows.Text(e.Type.Name);
                rows.TimestampTz(e.OccurredAt.UtcDateTime);
                rows.TimestampTz(je.ReceivedAt.UtcDateTime);
                rows.Text(e.Source);
                rows.Text(e.Campaign);
                rows.Text(e.Properties.Json);
                rows.Bigint(leadKeys[request] ??= EventLeadKey.Of(tenant, e.LeadId));
                if (rows.Written.Length >= CopyChunkBytes)
                {
                    await copy.WriteAsync(rows.Written, ct);
                    rows.Clear();
                }
            }
            rows.End();
            await copy.WriteAsync(rows.Written, ct);
        }
    }

    // Large enough that a commit's events go in a few writes, small enough to stay out of the large-object heap.
    private const int CopyChunkBytes = 60 * 1024;

    /// <summary>Which of the plan's events (those <paramref name="check"/> names; null: all) are stored already.</summary>
    private static async Task<bool[]> StoredEventsAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, CommitPlan plan, bool[]? check, CancellationToken ct)
    {
        var positions = new List<int>();
        for (var p = 0; p < plan.Events.Count; p++)
        {
            if (check is null || check[p])
            {
                positions.Add(p);
            }
        }
        await using var cmd = new NpgsqlCommand(Sql.StoredEvents, conn, tx);
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("tenant", positions.Select(p => plan.TenantOf(plan.Events[p].Request)).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("event_id", positions.Select(p => plan.Events[p].Event.Event.Id).ToArray()));
        var stored = new bool[plan.Events.Count];
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            stored[positions[(int)reader.GetInt64(0) - 1]] = true;
        }
        return stored;
    }

    /// <summary>
    /// After a commit failed on <see cref="LeadSeqKey"/>: the leads of the plan whose stored events
    /// go past the version their grain expected. PostgreSQL reports a unique violation only once
    /// the other writer has committed, so its events are visible here.
    /// </summary>
    private async Task<IReadOnlyList<(string Tenant, string LeadId)>> LeadsWrittenPastAsync(CommitPlan plan, CancellationToken ct)
    {
        var requests = plan.Requests;
        await using var cmd = dataSource.CreateCommand(Sql.LeadsWrittenPast);
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("tenant", requests.Select(r => r.Tenant).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("lead_id", requests.Select(r => r.LeadId).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<long[]>("expected", requests.Select(r => r.ExpectedVersion).ToArray()));
        var leads = new List<(string, string)>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            leads.Add((reader.GetString(0), reader.GetString(1)));
        }
        return leads.Count > 0 ? leads
            : throw new InvalidOperationException("A commit failed on the per-lead sequence key, but no lead of it was written past its expected version.");
    }

    /// <summary>
    /// Everything of a commit but its events, in one batch: the pending-list row naming the leads
    /// it changed (their list rows are written behind, by <see cref="FlushListAsync"/>), the
    /// snapshots that are due, the transitions and the counter deltas.
    /// </summary>
    /// <returns>The shard's new commit sequence number when counters were written.</returns>
    private async Task<long?> WriteCommitRecordsAsync(
        NpgsqlConnection conn,
        NpgsqlTransaction tx,
        IReadOnlyList<LeadRow> rows,
        long pending,
        IReadOnlyList<(AppendRequest Request, StageTransition Transition)> transitions,
        IReadOnlyList<(string Tenant, CounterKey Key, double Amount)> counterRows,
        int shard,
        CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(conn, tx);
        var listed = new NpgsqlBatchCommand(Sql.InsertPendingList);
        listed.Parameters.Add(new NpgsqlParameter<string>("owner", ListOwner));
        listed.Parameters.Add(new NpgsqlParameter<long>("seq", pending));
        listed.Parameters.Add(new NpgsqlParameter<string[]>("tenant", rows.Select(r => r.Tenant).ToArray()));
        listed.Parameters.Add(new NpgsqlParameter<string[]>("lead_id", rows.Select(r => r.LeadId).ToArray()));
        batch.BatchCommands.Add(listed);
        var snapshots = rows.Where(static r => r.Snapshot is not null).ToList();
        snapshots.Sort(LeadRow.LockOrder);
        if (snapshots.Count > 0)
        {
            batch.BatchCommands.Add(SnapshotCommand(snapshots));
        }
        if (transitions.Count > 0)
        {
            batch.BatchCommands.Add(TransitionCommand(transitions, DateTime.UtcNow));
        }
        if (counterRows.Count > 0)
        {
            batch.BatchCommands.Add(CounterCommand(counterRows, shard));
            batch.BatchCommands.Add(ShardCommand(shard));
        }

        long? seq = null;
        await using (var reader = await batch.ExecuteReaderAsync(ct))
        {
            do
            {
                while (await reader.ReadAsync(ct))
                {
                    seq = reader.GetInt64(0);   // only the shard's next seq returns a row
                }
            }
            while (await reader.NextResultAsync(ct));
        }
        if (counterRows.Count > 0 && seq is null)
        {
            throw new InvalidOperationException($"KPI shard {shard} is not registered.");
        }
        return seq;
    }

    public async Task FlushListAsync(CancellationToken ct)
    {
        // One flush at a time: a list read that waits here gets the rows held when its turn comes.
        await _flushing.WaitAsync(ct);
        try
        {
            var (rows, pending) = _list.Take();
            if (rows.Count == 0 && pending.Count == 0)
            {
                return;
            }
            try
            {
                await using var conn = await dataSource.OpenConnectionAsync(CancellationToken.None);
                await using var tx = await conn.BeginTransactionAsync(CancellationToken.None);
                await using var batch = new NpgsqlBatch(conn, tx);
                if (rows.Count > 0)
                {
                    batch.BatchCommands.Add(LeadCommand(Sql.UpsertLeads, rows, DateTime.UtcNow));
                }
                batch.BatchCommands.Add(DeletePendingCommand(ListOwner, pending));
                await batch.ExecuteNonQueryAsync(CancellationToken.None);
                await tx.CommitAsync(CancellationToken.None);
            }
            catch
            {
                _list.Return(rows, pending);
                throw;
            }
        }
        finally
        {
            _flushing.Release();
        }
    }

    public async Task<IReadOnlyList<PendingListRow>> ReadPendingListAsync(IReadOnlyCollection<string> alive, CancellationToken ct)
    {
        // The live silos' entries (their arrays of lead keys) stay in the database: every silo
        // reads this on every membership change.
        await using var cmd = dataSource.CreateCommand(Sql.ReadPendingList);
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("alive", [.. alive]));
        var items = new List<PendingListRow>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var tenants = (string[])reader.GetValue(2);
            var leads = (string[])reader.GetValue(3);
            items.Add(new PendingListRow(reader.GetString(0), reader.GetInt64(1), tenants.Zip(leads).ToList()));
        }
        return items;
    }

    public async Task DeletePendingListAsync(string owner, IReadOnlyList<long> seqs, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var batch = new NpgsqlBatch(conn);
        batch.BatchCommands.Add(DeletePendingCommand(owner, seqs));
        await batch.ExecuteNonQueryAsync(ct);
    }

    private static NpgsqlBatchCommand DeletePendingCommand(string owner, IReadOnlyList<long> seqs)
    {
        var delete = new NpgsqlBatchCommand(Sql.DeletePendingList);
        delete.Parameters.Add(new NpgsqlParameter<string>("owner", owner));
        delete.Parameters.Add(new NpgsqlParameter<long[]>("seq", seqs.ToArray()));
        return delete;
    }

    public async Task WriteListRowAsync(string tenant, string leadId, LeadState state, string modelVersion, Decay decay, CancellationToken ct)
    {
        // Before the first await: a grain adopts its next state in place.
        var row = LeadRow.Of(tenant, leadId, state, modelVersion, decay);
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var batch = new NpgsqlBatch(conn);
        batch.BatchCommands.Add(LeadCommand(Sql.UpsertLeads, [row], DateTime.UtcNow));
        await batch.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Holds the rest of the batch's transaction to nested loops: its joins are a batch of keys
    /// against a primary key or the by-lead index, and a table that grew since it was last
    /// analyzed (a bulk import) otherwise gets a hash join over a scan of all its rows, once per
    /// commit. <c>SET LOCAL</c> lasts to the end of the transaction and is ignored outside one.
    /// </summary>
    private static void NestedLoopsOnly(NpgsqlBatch batch)
    {
        batch.BatchCommands.Add(new NpgsqlBatchCommand(Sql.NoHashJoins));
        batch.BatchCommands.Add(new NpgsqlBatchCommand(Sql.NoMergeJoins));
    }

    private static NpgsqlBatchCommand CounterCommand(IReadOnlyList<(string Tenant, CounterKey Key, double Amount)> rows, int shard)
    {
        var cmd = new NpgsqlBatchCommand(Sql.UpsertCounters);
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("tenant", rows.Select(r => r.Tenant).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("counter", rows.Select(r => r.Key.Counter.Name).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("scope", rows.Select(r => CounterColumns.Scope(r.Key.Scope)).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<short[]>("period", rows.Select(r => CounterColumns.Period(r.Key.Bucket.Period)).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<DateOnly[]>("bucket", rows.Select(r => r.Key.Bucket.Start).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<double[]>("value", rows.Select(r => r.Amount).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<int>("shard", shard));
        return cmd;
    }

    private static NpgsqlBatchCommand ShardCommand(int shard)
    {
        var cmd = new NpgsqlBatchCommand(Sql.NextShardSeq);
        cmd.Parameters.Add(new NpgsqlParameter<int>("shard", shard));
        return cmd;
    }

    private static NpgsqlBatchCommand LeadCommand(string sql, IReadOnlyList<LeadRow> rows, DateTime now)
    {
        var cmd = new NpgsqlBatchCommand(sql);
        void Add<T>(string name, Func<LeadRow, T> get, NpgsqlDbType? type = null)
        {
            var p = new NpgsqlParameter<T[]>(name, rows.Select(get).ToArray());
            if (type is { } t)
            {
                p.NpgsqlDbType = NpgsqlDbType.Array | t;
            }
            cmd.Parameters.Add(p);
        }

        Add("tenant", r => r.Tenant);
        Add("lead_id", r => r.LeadId);
        Add("version", r => r.Version);
        Add("stage", r => r.Stage);
        Add("score", r => r.Score);
        Add("score_as_of", r => r.ScoreAsOf.UtcDateTime, NpgsqlDbType.TimestampTz);
        Add("score_rank", r => r.Rank);
        Add("event_count", r => r.EventCount);
        Add("first_seen_at", r => r.FirstSeenAt?.UtcDateTime, NpgsqlDbType.TimestampTz);
        Add("last_activity_at", r => r.LastActivityAt?.UtcDateTime, NpgsqlDbType.TimestampTz);
        Add("first_source", r => r.FirstSource);
        Add("first_campaign", r => r.FirstCampaign);
        Add("last_source", r => r.LastSource);
        Add("last_campaign", r => r.LastCampaign);
        Add("qualified_at", r => r.QualifiedAt?.UtcDateTime, NpgsqlDbType.TimestampTz);
        Add("model_version", r => r.ModelVersion);
        cmd.Parameters.Add(new NpgsqlParameter<DateTime>("now", now) { NpgsqlDbType = NpgsqlDbType.TimestampTz });
        return cmd;
    }

    private static NpgsqlBatchCommand SnapshotCommand(IReadOnlyList<LeadRow> rows)
    {
        var cmd = new NpgsqlBatchCommand(Sql.UpsertSnapshots);
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("tenant", rows.Select(r => r.Tenant).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("lead_id", rows.Select(r => r.LeadId).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<long[]>("version", rows.Select(r => r.Version).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<byte[][]>("state", rows.Select(r => r.Snapshot!).ToArray()));
        return cmd;
    }

    private static NpgsqlBatchCommand TransitionCommand(
        IReadOnlyList<(AppendRequest Request, StageTransition Transition)> items, DateTime now)
    {
        var cmd = new NpgsqlBatchCommand(Sql.InsertTransitions);
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("tenant", items.Select(x => x.Request.Tenant).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("lead_id", items.Select(x => x.Request.LeadId).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("from_stage", items.Select(x => x.Transition.From.Name()).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("to_stage", items.Select(x => x.Transition.To.Name()).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<double[]>("score", items.Select(x => x.Transition.Score).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<double?[]>("threshold", items.Select(x => x.Transition.Threshold).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("cause_event_id", items.Select(x => x.Transition.CauseEventId).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<DateTime[]>("occurred_at", items.Select(x => x.Transition.OccurredAt.UtcDateTime).ToArray())
        {
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz,
        });
        cmd.Parameters.Add(new NpgsqlParameter<DateTime>("now", now) { NpgsqlDbType = NpgsqlDbType.TimestampTz });
        return cmd;
    }

    public async Task<IReadOnlyDictionary<(string Tenant, string LeadId), StoredLead>> ReadLeadsAsync(
        IReadOnlyCollection<(string Tenant, string LeadId)> keys, CancellationToken ct)
    {
        var result = new Dictionary<(string, string), StoredLead>(keys.Count);
        if (keys.Count == 0)
        {
            return result;
        }
        await using var cmd = dataSource.CreateCommand(Sql.ReadLeads);
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("tenant", keys.Select(k => k.Tenant).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("lead_id", keys.Select(k => k.LeadId).ToArray()));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var lead = ReadLead(reader);
            result[(lead.Tenant, lead.LeadId)] = lead;
        }
        return result;
    }

    public async Task<IReadOnlyDictionary<(string Tenant, string LeadId), StoredLeadState>> LoadLeadsAsync(
        IReadOnlyCollection<(string Tenant, string LeadId)> keys, CancellationToken ct)
    {
        var result = new Dictionary<(string, string), StoredLeadState>(keys.Count);
        if (keys.Count == 0)
        {
            return result;
        }
        // One round trip for the reads: the snapshots, then every event after them (all of a lead's
        // events where it has none); in a transaction, so that NestedLoopsOnly holds for both.
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using var batch = new NpgsqlBatch(conn, tx);
        NestedLoopsOnly(batch);
        var load = new NpgsqlBatchCommand(Sql.LoadSnapshots);
        var later = new NpgsqlBatchCommand(Sql.EventsAfterSnapshots);
        foreach (var cmd in (NpgsqlBatchCommand[])[load, later])
        {
            cmd.Parameters.Add(new NpgsqlParameter<string[]>("tenant", keys.Select(k => k.Tenant).ToArray()));
            cmd.Parameters.Add(new NpgsqlParameter<string[]>("lead_id", keys.Select(k => k.LeadId).ToArray()));
            batch.BatchCommands.Add(cmd);
        }

        var snapshots = new Dictionary<(string, string), (long Version, byte[] State)>();
        var events = new Dictionary<(string, string), List<StoredEvent>>();
        await using (var reader = await batch.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                snapshots[(reader.GetString(0), reader.GetString(1))] = (reader.GetInt64(2), (byte[])reader.GetValue(3));
            }
            await reader.NextResultAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var e = ReadEvent(reader, 1);
                var key = (reader.GetString(0), e.LeadId);
                if (!events.TryGetValue(key, out var list))
                {
                    events[key] = list = [];
                }
                list.Add(e);
            }
        }
        await tx.CommitAsync(ct);
        foreach (var (key, (version, state)) in snapshots)
        {
            var after = events.Remove(key, out var list) ? list : [];
            result[key] = new StoredLeadState(after.Count > 0 ? after[^1].Seq : version, version, state, after);
        }
        foreach (var (key, list) in events)
        {
            result[key] = new StoredLeadState(list[^1].Seq, 0, null, list);
        }
        return result;
    }

    private static StoredEvent ReadEvent(NpgsqlDataReader reader, int first) => new(
        reader.GetString(first),
        reader.GetString(first + 1),
        reader.GetInt64(first + 2),
        reader.GetString(first + 3),
        Utc(reader.GetDateTime(first + 4)),
        Utc(reader.GetDateTime(first + 5)),
        NullableString(reader, first + 6),
        NullableString(reader, first + 7),
        NullableString(reader, first + 8));

    public async Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(string tenant, string leadId, long afterSeq, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(Sql.ReadEvents);
        cmd.Parameters.Add(new NpgsqlParameter<string>("tenant", tenant));
        cmd.Parameters.Add(new NpgsqlParameter<string>("lead_id", leadId));
        cmd.Parameters.Add(new NpgsqlParameter<long>("after", afterSeq));
        var events = new List<StoredEvent>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            events.Add(ReadEvent(reader, 0));
        }
        return events;
    }

    public async Task<IReadOnlyList<StoredTransition>> ReadTransitionsAsync(string tenant, string leadId, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(Sql.ReadTransitions);
        cmd.Parameters.Add(new NpgsqlParameter<string>("tenant", tenant));
        cmd.Parameters.Add(new NpgsqlParameter<string>("lead_id", leadId));
        var items = new List<StoredTransition>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            items.Add(new StoredTransition(
                reader.GetInt64(0),
                reader.GetString(1),
                StageOf(reader.GetString(2)),
                StageOf(reader.GetString(3)),
                reader.GetDouble(4),
                reader.IsDBNull(5) ? null : reader.GetDouble(5),
                reader.GetString(6),
                Utc(reader.GetDateTime(7)),
                Utc(reader.GetDateTime(8))));
        }
        return items;
    }

    public async Task<IReadOnlyList<LeadListItem>> ListLeadsAsync(LeadListQuery query, CancellationToken ct)
    {
        var q = query;
        await using var cmd = dataSource.CreateCommand(LeadListSql.List(q.Stage is not null, q.MinRank is not null, q.After is not null));
        cmd.Parameters.Add(new NpgsqlParameter<string>("tenant", q.Tenant));
        if (q.Stage is { } stage)
        {
            cmd.Parameters.Add(new NpgsqlParameter<string>("stage", stage.Name()));
        }
        if (q.MinRank is { } minRank)
        {
            cmd.Parameters.Add(new NpgsqlParameter<double>("min_rank", minRank));
        }
        if (q.After is { } after)
        {
            cmd.Parameters.Add(new NpgsqlParameter<double>("after_rank", after.Rank));
            cmd.Parameters.Add(new NpgsqlParameter<string>("after_lead", after.LeadId));
        }
        cmd.Parameters.Add(new NpgsqlParameter<int>("limit", q.Limit));
        var items = new List<LeadListItem>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            items.Add(new LeadListItem(ReadLead(reader), reader.GetDouble(LeadListSql.RankColumn)));
        }
        return items;
    }

    private static StoredLead ReadLead(NpgsqlDataReader r) => new(
        r.GetString(0),
        r.GetString(1),
        r.GetInt64(2),
        StageOf(r.GetString(3)),
        r.GetDouble(4),
        Utc(r.GetDateTime(5)),
        r.GetInt32(6),
        NullableTime(r, 7),
        NullableTime(r, 8),
        NullableString(r, 9),
        NullableString(r, 10),
        NullableString(r, 11),
        NullableString(r, 12),
        NullableTime(r, 13),
        r.GetString(14));

    private static LeadStage StageOf(string name) =>
        LeadStages.TryParse(name, out var stage) ? stage : throw new InvalidDataException($"Unknown stage '{name}' in store.");

    private static DateTimeOffset Utc(DateTime t) => new(DateTime.SpecifyKind(t, DateTimeKind.Utc));

    private static DateTimeOffset? NullableTime(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : Utc(r.GetDateTime(i));

    private static string? NullableString(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static class Sql
    {
        // The positions (1-based) of the ids stored already: usually none.
        public const string StoredEvents = """
            SELECT k.position FROM unnest(@tenant, @event_id) WITH ORDINALITY AS k(tenant, event_id, position)
            WHERE EXISTS (SELECT FROM lg_events e WHERE e.event_id = k.event_id AND e.tenant = k.tenant)
            """;

        public const string LeadsWrittenPast = """
            SELECT DISTINCT k.tenant, k.lead_id FROM unnest(@tenant, @lead_id, @expected) AS k(tenant, lead_id, expected)
            WHERE EXISTS (
                SELECT FROM lg_events e
                WHERE e.lead_key = hashtextextended(k.lead_id, hashtext(k.tenant)) AND e.seq > k.expected
                    AND e.tenant = k.tenant AND e.lead_id = k.lead_id)
            """;

        public const string CopyEvents = """
            COPY lg_events (tenant, event_id, lead_id, seq, type, occurred_at, received_at, source, campaign, properties, lead_key)
            FROM STDIN (FORMAT BINARY)
            """;

        // The journal's row sets come as parallel arrays, unnested in the select list: a set-returning
        // function in FROM (unnest(a, b, ...) AS u(...)) is materialised into a tuplestore first,
        // and an UPDATE ... FROM it also builds a whole-row copy of each input row. For the
        // lead-row UPDATE that was 20-30% of its time (800-row batches against 20,000 leads,
        // docs/performance-log.md, session 14).
        public const string UpsertCounters = """
            INSERT INTO lg_kpi_counters (tenant, counter, scope, period, bucket, shard, value)
            SELECT unnest(@tenant), unnest(@counter), unnest(@scope), unnest(@period), unnest(@bucket), @shard, unnest(@value)
            ON CONFLICT (tenant, counter, scope, period, bucket, shard)
            DO UPDATE SET value = lg_kpi_counters.value + excluded.value
            """;

        public const string NoHashJoins = "SET LOCAL enable_hashjoin = off";

        public const string NoMergeJoins = "SET LOCAL enable_mergejoin = off";

        public const string NextShardSeq = "UPDATE lg_kpi_shards SET seq = seq + 1 WHERE shard = @shard RETURNING seq";

        public const string RegisterShard = """
            INSERT INTO lg_kpi_shards (name) VALUES (@name)
            ON CONFLICT (name) DO UPDATE SET name = excluded.name
            RETURNING shard
            """;

        public const string InsertReports = """
            INSERT INTO lg_metric_reports (tenant, report_id, metric, value, occurred_at, campaign, received_at)
            SELECT @tenant, u.id, u.metric, u.value, u.occurred_at, u.campaign, @now
            FROM unnest(@report_id, @metric, @value, @occurred_at, @campaign) AS u(id, metric, value, occurred_at, campaign)
            ON CONFLICT (tenant, report_id) DO NOTHING
            RETURNING report_id
            """;

        private const string LeadValues = """
            (SELECT unnest(@tenant) AS tenant, unnest(@lead_id) AS lead_id, unnest(@version) AS version, unnest(@stage) AS stage, unnest(@score) AS score,
                    unnest(@score_as_of) AS score_as_of, unnest(@score_rank) AS score_rank, unnest(@event_count) AS event_count,
                    unnest(@first_seen_at) AS first_seen_at, unnest(@last_activity_at) AS last_activity_at,
                    unnest(@first_source) AS first_source, unnest(@first_campaign) AS first_campaign,
                    unnest(@last_source) AS last_source, unnest(@last_campaign) AS last_campaign,
                    unnest(@qualified_at) AS qualified_at, unnest(@model_version) AS model_version) AS u
            """;

        // Written behind the journal, by a flush or a repair.
        public const string UpsertLeads = $"""
            INSERT INTO lg_leads (tenant, lead_id, version, stage, score, score_as_of, score_rank, event_count,
                first_seen_at, last_activity_at, first_source, first_campaign, last_source, last_campaign,
                qualified_at, model_version, updated_at)
            SELECT u.tenant, u.lead_id, u.version, u.stage, u.score, u.score_as_of, u.score_rank, u.event_count,
                u.first_seen_at, u.last_activity_at, u.first_source, u.first_campaign, u.last_source, u.last_campaign,
                u.qualified_at, u.model_version, @now
            FROM {LeadValues}
            {LeadListSql.NewerRowWins}
            """;

        public const string InsertPendingList = """
            INSERT INTO lg_lead_list_pending (owner, seq, tenants, lead_ids) VALUES (@owner, @seq, @tenant, @lead_id)
            """;

        public const string DeletePendingList = "DELETE FROM lg_lead_list_pending WHERE owner = @owner AND seq = ANY(@seq)";

        public const string ReadPendingList = """
            SELECT owner, seq, tenants, lead_ids FROM lg_lead_list_pending WHERE owner <> ALL(@alive) ORDER BY owner, seq
            """;

        public const string UpsertSnapshots = """
            INSERT INTO lg_lead_snapshots (tenant, lead_id, version, state)
            SELECT unnest(@tenant), unnest(@lead_id), unnest(@version), unnest(@state)
            ON CONFLICT (tenant, lead_id) DO UPDATE SET version = excluded.version, state = excluded.state
            """;

        public const string InsertTransitions = """
            INSERT INTO lg_transitions (tenant, lead_id, from_stage, to_stage, score, threshold, cause_event_id, occurred_at, recorded_at)
            SELECT unnest(@tenant), unnest(@lead_id), unnest(@from_stage), unnest(@to_stage), unnest(@score),
                   unnest(@threshold), unnest(@cause_event_id), unnest(@occurred_at), @now
            """;

        public const string ReadLeads = $"""
            SELECT {LeadListSql.LeadColumns} FROM lg_leads
            WHERE (tenant, lead_id) IN (SELECT * FROM unnest(@tenant, @lead_id))
            """;

        // A lead exists if it has a snapshot or events; its list row may not be written yet.
        public const string LoadSnapshots = """
            SELECT s.tenant, s.lead_id, s.version, s.state
            FROM unnest(@tenant, @lead_id) AS k(tenant, lead_id)
            JOIN lg_lead_snapshots s ON s.tenant = k.tenant AND s.lead_id = k.lead_id
            """;

        public const string EventsAfterSnapshots = """
            SELECT e.tenant, e.event_id, e.lead_id, e.seq, e.type, e.occurred_at, e.received_at, e.source, e.campaign, e.properties
            FROM unnest(@tenant, @lead_id) AS k(tenant, lead_id)
            LEFT JOIN lg_lead_snapshots s ON s.tenant = k.tenant AND s.lead_id = k.lead_id
            JOIN lg_events e ON e.lead_key = hashtextextended(k.lead_id, hashtext(k.tenant))
                AND e.seq > coalesce(s.version, 0) AND e.tenant = k.tenant AND e.lead_id = k.lead_id
            ORDER BY e.tenant, e.lead_id, e.seq
            """;

        public const string ReadEvents = """
            SELECT event_id, lead_id, seq, type, occurred_at, received_at, source, campaign, properties
            FROM lg_events
            WHERE lead_key = hashtextextended(@lead_id, hashtext(@tenant)) AND tenant = @tenant AND lead_id = @lead_id AND seq > @after
            ORDER BY seq
            """;

        public const string ReadTransitions = """
            SELECT id, lead_id, from_stage, to_stage, score, threshold, cause_event_id, occurred_at, recorded_at
            FROM lg_transitions WHERE tenant = @tenant AND lead_id = @lead_id
            ORDER BY id
            """;

    }
}
