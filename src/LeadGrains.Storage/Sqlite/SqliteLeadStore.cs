using LeadGrains.Domain.Kpis;
using LeadGrains.Domain.Leads;
using LeadGrains.Domain.Scoring;
using LeadGrains.Storage.Kpis;
using LeadGrains.Storage.Journal;
using Microsoft.Data.Sqlite;

namespace LeadGrains.Storage.Sqlite;

/// <summary>
/// The journal in an embedded SQLite file. SQLite has one writer at a time, so commits are
/// serialised on one open connection; readers use their own pooled connections, which WAL
/// lets run beside the writer. <c>synchronous=FULL</c> makes a commit durable before we answer.
/// </summary>
public sealed class SqliteLeadStore : ILeadStore, IDisposable
{
    private readonly string _connectionString;
    private readonly SqliteConnection _writer;
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    public SqliteLeadStore(string connectionString)
    {
        _connectionString = connectionString;
        _writer = Open(connectionString);
    }

    public StorageKind Kind => StorageKind.Sqlite;

    public static string ConnectionStringFor(string file) =>
        new SqliteConnectionStringBuilder { DataSource = file, Pooling = true, DefaultTimeout = 30 }.ToString();

    private static SqliteConnection Open(string connectionString)
    {
        var conn = new SqliteConnection(connectionString);
        conn.Open();
        using var cmd = conn.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000;";
        cmd.ExecuteNonQuery();
        return conn;
    }

    public async Task<int> RegisterShardAsync(string name, CancellationToken ct)
    {
        await _writeLock.WaitAsync(ct);
        try
        {
            using var cmd = _writer.CreateCommand();
            cmd.CommandText = Sql.RegisterShard;
            cmd.Parameters.AddWithValue("@name", name);
            return Convert.ToInt32(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async Task<CommitResult> CommitAsync(IReadOnlyList<AppendRequest> requests, int shard, CancellationToken ct)
    {
        await _writeLock.WaitAsync(ct);
        try
        {
            return Commit(requests, shard);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async Task<ReportCommitResult> CommitReportsAsync(
        string tenant, IReadOnlyList<ChannelMetricReport> reports, TimeZoneInfo zone, int shard, CancellationToken ct)
    {
        await _writeLock.WaitAsync(ct);
        try
        {
            using var tx = _writer.BeginTransaction(deferred: false);
            var accepted = new List<ChannelMetricReport>();
            var receivedAt = DateTimeOffset.UtcNow.UtcTicks;
            using (var insert = Command(tx, Sql.InsertReport, "tenant", "report_id", "metric", "value", "occurred_at", "campaign", "received_at"))
            {
                foreach (var r in reports.OrderBy(r => r.Id, StringComparer.Ordinal))
                {
                    Set(insert, tenant, r.Id, r.Metric.Name(), r.Value, r.OccurredAt.UtcTicks, r.Campaign, receivedAt);
                    if (insert.ExecuteNonQuery() == 1)
                    {
                        accepted.Add(r);
                    }
                }
            }
            var deltas = ReportCounters.Deltas(tenant, accepted, zone);
            var seq = WriteCounters(tx, deltas, shard);
            tx.Commit();
            return new ReportCommitResult(accepted.Count, reports.Count - accepted.Count, seq is { } s ? new KpiCommit(shard, s, deltas) : null);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <returns>The shard's new commit sequence number, or null when there was nothing to add.</returns>
    private long? WriteCounters(SqliteTransaction tx, IReadOnlyDictionary<string, CounterTable> deltas, int shard)
    {
        var rows = CounterPlan.Rows(deltas);
        if (rows.Count == 0)
        {
            return null;
        }
        using (var upsert = Command(tx, Sql.UpsertCounter, "tenant", "counter", "scope", "period", "bucket", "shard", "value"))
        {
            foreach (var (tenant, key, amount) in rows)
            {
                Set(upsert, tenant, key.Counter.Name, CounterColumns.Scope(key.Scope), CounterColumns.Period(key.Bucket.Period),
                    key.Bucket.Start, shard, amount);
                upsert.ExecuteNonQuery();
            }
        }
        using var next = Command(tx, Sql.NextShardSeq, "shard");
        Set(next, shard);
        return next.ExecuteScalar() is long seq ? seq : throw new InvalidOperationException($"KPI shard {shard} is not registered.");
    }

    private CommitResult Commit(IReadOnlyList<AppendRequest> requests, int shard)
    {
        var plan = new CommitPlan(requests);
        using var tx = _writer.BeginTransaction(deferred: false);

        var stored = new bool[plan.Events.Count];
        using (var find = Command(tx, Sql.StoredEvent, "tenant", "event_id"))
        {
            for (var p = 0; p < stored.Length; p++)
            {
                var (request, je) = plan.Events[p];
                Set(find, plan.TenantOf(request), je.Event.Id);
                stored[p] = find.ExecuteScalar() is not null;
            }
        }
        var resolved = plan.Resolve(p => stored[p]);
        var (outcomes, rows) = (resolved.Outcomes, resolved.Rows);

        var recordedAt = DateTimeOffset.UtcNow.UtcTicks;
        var conflicts = new List<(string, string)>();
        using (var update = Command(tx, Sql.UpdateLead, Sql.LeadParameters))
        using (var insertLead = Command(tx, Sql.InsertLead, Sql.LeadParameters))
        using (var snapshot = Command(tx, Sql.UpsertSnapshot, "tenant", "lead_id", "version", "state"))
        {
            foreach (var row in rows)
            {
                var cmd = row.ExpectedVersion > 0 ? update : insertLead;
                SetLead(cmd, row, recordedAt);
                if (cmd.ExecuteNonQuery() != 1)
                {
                    conflicts.Add((row.Tenant, row.LeadId));
                }
                else if (row.Snapshot is { } state)
                {
                    Set(snapshot, row.Tenant, row.LeadId, row.Version, state);
                    snapshot.ExecuteNonQuery();
                }
            }
        }
        if (conflicts.Count > 0)
        {
            tx.Rollback();
            throw new LeadVersionConflictException(conflicts);
        }

        using (var insert = Command(tx, Sql.InsertEvent, "tenant", "event_id", "lead_id", "seq", "type", "occurred_at", "received_at", "source", "campaign", "properties"))
        {
            foreach (var (request, je) in resolved.Writes)
            {
                var e = je.Event;
                Set(insert, plan.TenantOf(request), e.Id, e.LeadId, je.Seq, e.Type.Name, e.OccurredAt.UtcTicks,
                    je.ReceivedAt.UtcTicks, e.Source, e.Campaign, e.Properties.Json);
                insert.ExecuteNonQuery();
            }
        }

        using (var transition = Command(tx, Sql.InsertTransition, "tenant", "lead_id", "from_stage", "to_stage", "score", "threshold", "cause_event_id", "occurred_at", "recorded_at"))
        {
            foreach (var (request, t) in plan.Transitions(outcomes))
            {
                Set(transition, request.Tenant, request.LeadId, t.From.Name(), t.To.Name(), t.Score, t.Threshold,
                    t.CauseEventId, t.OccurredAt.UtcTicks, recordedAt);
                transition.ExecuteNonQuery();
            }
        }

        var deltas = CounterPlan.Deltas(requests, outcomes, resolved.Inserted);
        var seq = WriteCounters(tx, deltas, shard);
        tx.Commit();
        return new CommitResult(outcomes, seq is { } s ? new KpiCommit(shard, s, deltas) : null);
    }

    private SqliteCommand Command(SqliteTransaction tx, string sql, params string[] parameters)
    {
        var cmd = _writer.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        foreach (var name in parameters)
        {
            cmd.Parameters.Add(new SqliteParameter("@" + name, null));
        }
        cmd.Prepare();
        return cmd;
    }

    private static void Set(SqliteCommand cmd, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            cmd.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }

    public async Task<IReadOnlyDictionary<(string Tenant, string LeadId), StoredLead>> ReadLeadsAsync(
        IReadOnlyCollection<(string Tenant, string LeadId)> keys, CancellationToken ct)
    {
        var result = new Dictionary<(string, string), StoredLead>(keys.Count);
        await using var conn = new SqliteConnection(_connectionString);
        await conn.OpenAsync(ct);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = Sql.ReadLead;
        var tenant = cmd.Parameters.Add(new SqliteParameter("@tenant", null));
        var leadId = cmd.Parameters.Add(new SqliteParameter("@lead_id", null));
        foreach (var key in keys)
        {
            tenant.Value = key.Tenant;
            leadId.Value = key.LeadId;
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            if (await reader.ReadAsync(ct))
            {
                result[key] = ReadLead(reader);
            }
        }
        return result;
    }

    public async Task<IReadOnlyDictionary<(string Tenant, string LeadId), StoredLeadState>> LoadLeadsAsync(
        IReadOnlyCollection<(string Tenant, string LeadId)> keys, CancellationToken ct)
    {
        var result = new Dictionary<(string, string), StoredLeadState>(keys.Count);
        await using var conn = new SqliteConnection(_connectionString);
        await conn.OpenAsync(ct);
        // One read transaction, so each lead's snapshot and later events are of the same commit.
        await using var tx = conn.BeginTransaction(deferred: true);
        await using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = Sql.LoadLead;
        var tenant = cmd.Parameters.Add(new SqliteParameter("@tenant", null));
        var leadId = cmd.Parameters.Add(new SqliteParameter("@lead_id", null));
        foreach (var key in keys)
        {
            (tenant.Value, leadId.Value) = key;
            long version, snapshotVersion;
            byte[]? snapshot;
            await using (var reader = await cmd.ExecuteReaderAsync(ct))
            {
                if (!await reader.ReadAsync(ct))
                {
                    continue;
                }
                version = reader.GetInt64(0);
                snapshotVersion = reader.IsDBNull(1) ? 0 : reader.GetInt64(1);
                snapshot = reader.IsDBNull(2) ? null : (byte[])reader.GetValue(2);
            }
            var later = version > snapshotVersion ? await ReadEventsAsync(conn, tx, key.Tenant, key.LeadId, snapshotVersion, ct) : [];
            result[key] = new StoredLeadState(version, snapshotVersion, snapshot, later);
        }
        return result;
    }

    public async Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(string tenant, string leadId, long afterSeq, CancellationToken ct)
    {
        await using var conn = new SqliteConnection(_connectionString);
        await conn.OpenAsync(ct);
        return await ReadEventsAsync(conn, null, tenant, leadId, afterSeq, ct);
    }

    private static async Task<List<StoredEvent>> ReadEventsAsync(
        SqliteConnection conn, SqliteTransaction? tx, string tenant, string leadId, long afterSeq, CancellationToken ct)
    {
        var events = new List<StoredEvent>();
        await using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = Sql.ReadEvents;
        cmd.Parameters.AddWithValue("@tenant", tenant);
        cmd.Parameters.AddWithValue("@lead_id", leadId);
        cmd.Parameters.AddWithValue("@after", afterSeq);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            events.Add(new StoredEvent(
                r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetString(3), Time(r.GetInt64(4)), Time(r.GetInt64(5)),
                NullableString(r, 6), NullableString(r, 7), NullableString(r, 8)));
        }
        return events;
    }

    public async Task<IReadOnlyList<StoredTransition>> ReadTransitionsAsync(string tenant, string leadId, CancellationToken ct)
    {
        var items = new List<StoredTransition>();
        await using var conn = new SqliteConnection(_connectionString);
        await conn.OpenAsync(ct);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = Sql.ReadTransitions;
        cmd.Parameters.AddWithValue("@tenant", tenant);
        cmd.Parameters.AddWithValue("@lead_id", leadId);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            items.Add(new StoredTransition(
                r.GetInt64(0), r.GetString(1), StageOf(r.GetString(2)), StageOf(r.GetString(3)), r.GetDouble(4),
                r.IsDBNull(5) ? null : r.GetDouble(5), r.GetString(6), Time(r.GetInt64(7)), Time(r.GetInt64(8))));
        }
        return items;
    }

    public async Task<IReadOnlyList<LeadListItem>> ListLeadsAsync(LeadListQuery query, CancellationToken ct)
    {
        var items = new List<LeadListItem>();
        await using var conn = new SqliteConnection(_connectionString);
        await conn.OpenAsync(ct);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = LeadListSql.List(query.Stage is not null, query.MinRank is not null, query.After is not null);
        cmd.Parameters.AddWithValue("@tenant", query.Tenant);
        cmd.Parameters.AddWithValue("@limit", query.Limit);
        if (query.Stage is { } stage)
        {
            cmd.Parameters.AddWithValue("@stage", stage.Name());
        }
        if (query.MinRank is { } minRank)
        {
            cmd.Parameters.AddWithValue("@min_rank", minRank);
        }
        if (query.After is { } after)
        {
            cmd.Parameters.AddWithValue("@after_rank", after.Rank);
            cmd.Parameters.AddWithValue("@after_lead", after.LeadId);
        }
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            items.Add(new LeadListItem(ReadLead(r), r.GetDouble(LeadListSql.RankColumn)));
        }
        return items;
    }

    private static StoredLead ReadLead(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetInt64(2), StageOf(r.GetString(3)), r.GetDouble(4), Time(r.GetInt64(5)),
        r.GetInt32(6), NullableTime(r, 7), NullableTime(r, 8), NullableString(r, 9), NullableString(r, 10),
        NullableString(r, 11), NullableString(r, 12), NullableTime(r, 13), r.GetString(14));

    private static LeadStage StageOf(string name) =>
        LeadStages.TryParse(name, out var stage) ? stage : throw new InvalidDataException($"Unknown stage '{name}' in store.");

    private static DateTimeOffset Time(long ticks) => new(ticks, TimeSpan.Zero);

    private static DateTimeOffset? NullableTime(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : Time(r.GetInt64(i));

    private static string? NullableString(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    // The embedded store writes each lead's row in its commit: there is nothing behind to flush or repair.
    public string ListOwner => "sqlite";

    public bool ListWrittenBehind => false;

    public Task FlushListAsync(CancellationToken ct) => Task.CompletedTask;

    public Task<IReadOnlyList<PendingListRow>> ReadPendingListAsync(IReadOnlyCollection<string> alive, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<PendingListRow>>([]);

    public Task DeletePendingListAsync(string owner, IReadOnlyList<long> seqs, CancellationToken ct) => Task.CompletedTask;

    public async Task WriteListRowAsync(string tenant, string leadId, LeadState state, string modelVersion, Decay decay, CancellationToken ct)
    {
        var row = LeadRow.Of(tenant, leadId, state, modelVersion, decay);
        await _writeLock.WaitAsync(ct);
        try
        {
            using var tx = _writer.BeginTransaction(deferred: false);
            using var upsert = Command(tx, Sql.UpsertLead, Sql.LeadParameters);
            SetLead(upsert, row, DateTimeOffset.UtcNow.UtcTicks);
            upsert.ExecuteNonQuery();
            tx.Commit();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private static void SetLead(SqliteCommand cmd, LeadRow row, long now) =>
        Set(cmd, row.Tenant, row.LeadId, row.ExpectedVersion, row.Version, row.Stage, row.Score,
            row.ScoreAsOf.UtcTicks, row.Rank, row.EventCount, row.FirstSeenAt?.UtcTicks,
            row.LastActivityAt?.UtcTicks, row.FirstSource, row.FirstCampaign, row.LastSource,
            row.LastCampaign, row.QualifiedAt?.UtcTicks, row.ModelVersion, now);

    public void Dispose()
    {
        _writer.Dispose();
        _writeLock.Dispose();
    }

    private static class Sql
    {
        public static readonly string[] LeadParameters =
        [
            "tenant", "lead_id", "expected", "version", "stage", "score", "score_as_of", "score_rank", "event_count",
            "first_seen_at", "last_activity_at", "first_source", "first_campaign", "last_source", "last_campaign",
            "qualified_at", "model_version", "now",
        ];

        // Only events the commit found new: one writer at a time, so none can have come in since.
        public const string InsertEvent = """
            INSERT INTO lg_events (tenant, event_id, lead_id, seq, type, occurred_at, received_at, source, campaign, properties)
            VALUES (@tenant, @event_id, @lead_id, @seq, @type, @occurred_at, @received_at, @source, @campaign, @properties)
            """;

        public const string StoredEvent = "SELECT 1 FROM lg_events WHERE tenant = @tenant AND event_id = @event_id";

        public const string UpdateLead = """
            UPDATE lg_leads SET
                version = @version, stage = @stage, score = @score, score_as_of = @score_as_of, score_rank = @score_rank,
                event_count = @event_count, first_seen_at = @first_seen_at, last_activity_at = @last_activity_at,
                first_source = @first_source, first_campaign = @first_campaign, last_source = @last_source,
                last_campaign = @last_campaign, qualified_at = @qualified_at, model_version = @model_version,
                updated_at = @now
            WHERE tenant = @tenant AND lead_id = @lead_id AND version = @expected
            """;

        // SQLite reads ON CONFLICT after INSERT ... SELECT only when the SELECT has a WHERE.
        private const string LeadRowSelect = """
            INSERT INTO lg_leads (tenant, lead_id, version, stage, score, score_as_of, score_rank, event_count,
                first_seen_at, last_activity_at, first_source, first_campaign, last_source, last_campaign,
                qualified_at, model_version, updated_at)
            SELECT @tenant, @lead_id, @version, @stage, @score, @score_as_of, @score_rank, @event_count,
                @first_seen_at, @last_activity_at, @first_source, @first_campaign, @last_source, @last_campaign,
                @qualified_at, @model_version, @now
            """;

        public const string InsertLead = LeadRowSelect + """

            WHERE @expected = 0
            ON CONFLICT (tenant, lead_id) DO NOTHING
            """;

        // A repair's row; "expected" is unused, kept so every lead command takes the same parameters.
        public const string UpsertLead = LeadRowSelect + """

            WHERE @expected IS NOT NULL
            """ + "\n" + LeadListSql.NewerRowWins;

        public const string UpsertSnapshot = """
            INSERT INTO lg_lead_snapshots (tenant, lead_id, version, state) VALUES (@tenant, @lead_id, @version, @state)
            ON CONFLICT (tenant, lead_id) DO UPDATE SET version = excluded.version, state = excluded.state
            """;

        public const string InsertTransition = """
            INSERT INTO lg_transitions (tenant, lead_id, from_stage, to_stage, score, threshold, cause_event_id, occurred_at, recorded_at)
            VALUES (@tenant, @lead_id, @from_stage, @to_stage, @score, @threshold, @cause_event_id, @occurred_at, @recorded_at)
            """;

        public const string UpsertCounter = """
            INSERT INTO lg_kpi_counters (tenant, counter, scope, period, bucket, shard, value)
            VALUES (@tenant, @counter, @scope, @period, @bucket, @shard, @value)
            ON CONFLICT (tenant, counter, scope, period, bucket, shard) DO UPDATE SET value = value + excluded.value
            """;

        public const string NextShardSeq = "UPDATE lg_kpi_shards SET seq = seq + 1 WHERE shard = @shard RETURNING seq";

        public const string RegisterShard = """
            INSERT INTO lg_kpi_shards (name) VALUES (@name)
            ON CONFLICT (name) DO UPDATE SET name = excluded.name
            RETURNING shard
            """;

        public const string InsertReport = """
            INSERT INTO lg_metric_reports (tenant, report_id, metric, value, occurred_at, campaign, received_at)
            VALUES (@tenant, @report_id, @metric, @value, @occurred_at, @campaign, @received_at)
            ON CONFLICT (tenant, report_id) DO NOTHING
            """;

        public const string ReadLead = $"SELECT {LeadListSql.LeadColumns} FROM lg_leads WHERE tenant = @tenant AND lead_id = @lead_id";

        public const string LoadLead = """
            SELECT l.version, s.version, s.state FROM lg_leads l
            LEFT JOIN lg_lead_snapshots s ON s.tenant = l.tenant AND s.lead_id = l.lead_id
            WHERE l.tenant = @tenant AND l.lead_id = @lead_id
            """;

        public const string ReadEvents = """
            SELECT event_id, lead_id, seq, type, occurred_at, received_at, source, campaign, properties
            FROM lg_events WHERE tenant = @tenant AND lead_id = @lead_id AND seq > @after ORDER BY seq
            """;

        public const string ReadTransitions = """
            SELECT id, lead_id, from_stage, to_stage, score, threshold, cause_event_id, occurred_at, recorded_at
            FROM lg_transitions WHERE tenant = @tenant AND lead_id = @lead_id ORDER BY id
            """;

    }
}
