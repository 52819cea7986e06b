using System.Data;
using System.Data.Common;
using LeadGrains.Domain.Kpis;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace LeadGrains.Storage.Kpis;

/// <summary>One stored counter value, summed over shards.</summary>
public sealed record CounterPoint(string Counter, string Scope, DateOnly Bucket, double Value)
{
    /// <summary>The points' values added up per counter (over whatever buckets and scopes they hold).</summary>
    public static CounterValues Sum(IEnumerable<CounterPoint> points)
    {
        var totals = new Dictionary<Counter, double>();
        foreach (var p in points)
        {
            var counter = Counters.Get(p.Counter);
            totals[counter] = totals.GetValueOrDefault(counter) + p.Value;
        }
        return new CounterValues(totals);
    }
}

/// <summary>
/// Counter totals over a range of day buckets, read in one snapshot together with each shard's
/// commit sequence number: exactly the commits with seq at or below <see cref="Seqs"/> are in.
/// </summary>
public sealed record CounterSnapshot(IReadOnlyDictionary<string, double> Totals, IReadOnlyDictionary<int, long> Seqs);

public sealed record StoredTarget(string Tenant, string Kpi, string Initiative, string Target, string? Status, long StatusVersion);

public sealed record StoredKpiEvent(
    long Id, string Kpi, string TargetId, string Kind, DateOnly AsOf, double? Value, double Target, double? Projected,
    double? Floor, string Cause, DateTimeOffset RecordedAt);

/// <summary>
/// KPI reads, targets, threshold events and KGI plans, in the journal's database. The SQL is
/// plain enough for both engines; the counters it reads are written by the journal transaction
/// (see <see cref="CounterPlan"/>).
/// </summary>
public sealed class KpiStore(StorageKind kind, Func<DbConnection> connect)
{
    public static KpiStore ForPostgres(NpgsqlDataSource dataSource) => new(StorageKind.Postgres, dataSource.CreateConnection);

    public static KpiStore ForSqlite(string connectionString) => new(StorageKind.Sqlite, () => new SqliteConnection(connectionString));

    /// <summary>Values of <paramref name="counters"/> per bucket for the scopes, over buckets starting from..to.</summary>
    /// <remarks>
    /// Counters <see cref="Counter.KeptInDays">kept in days</see> have week and month values
    /// only as sums of their days: those are read as day rows and added up here, in the same
    /// statement as the others, so a rate's two parts come from one snapshot.
    /// </remarks>
    public async Task<IReadOnlyList<CounterPoint>> ReadSeriesAsync(
        string tenant, IReadOnlyCollection<string> scopes, IReadOnlyCollection<Counter> counters, Period period,
        DateOnly from, DateOnly to, CancellationToken ct)
    {
        var points = new List<CounterPoint>();
        if (scopes.Count == 0 || counters.Count == 0 || from > to)
        {
            return points;
        }
        // Day rows of counters kept in days, for the whole buckets starting from..to.
        var inDays = period == Period.Day ? [] : counters.Where(c => c.KeptInDays).ToList();
        var own = counters.Except(inDays).ToList();
        var first = period.Containing(from) is var b && b.Start < from ? b.Next : b;
        var last = period.Containing(to);

        await using var conn = await OpenAsync(ct);
        await using var cmd = conn.CreateCommand();
        var parts = new List<string>();
        if (own.Count > 0)
        {
            parts.Add($"(period = @period AND counter IN ({InList(cmd, "c", own.Select(c => c.Name))}) AND bucket BETWEEN @from AND @to)");
        }
        if (inDays.Count > 0 && first.Start <= last.Start)
        {
            parts.Add($"(period = @day AND counter IN ({InList(cmd, "d", inDays.Select(c => c.Name))}) AND bucket BETWEEN @day_from AND @day_to)");
        }
        if (parts.Count == 0)
        {
            return points;
        }
        cmd.CommandText = $"""
            SELECT counter, period, bucket, scope, SUM(value) FROM lg_kpi_counters
            WHERE tenant = @tenant AND scope IN ({InList(cmd, "s", scopes)}) AND ({string.Join(" OR ", parts)})
            GROUP BY counter, period, bucket, scope
            """;
        Add(cmd, "tenant", tenant);
        Add(cmd, "period", CounterColumns.Period(period));
        Add(cmd, "day", CounterColumns.Period(Period.Day));
        Add(cmd, "from", from);
        Add(cmd, "to", to);
        Add(cmd, "day_from", first.Start);
        Add(cmd, "day_to", last.End.AddDays(-1));
        var days = new List<CounterPoint>();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                var point = new CounterPoint(r.GetString(0), r.GetString(3), r.GetFieldValue<DateOnly>(2), r.GetDouble(4));
                var rowPeriod = Convert.ToInt16(r.GetValue(1), System.Globalization.CultureInfo.InvariantCulture);
                (rowPeriod == CounterColumns.Period(period) ? points : days).Add(point);
            }
        }
        points.AddRange(days
            .GroupBy(p => (p.Counter, p.Scope, Start: period.Containing(p.Bucket).Start))
            .Select(g => new CounterPoint(g.Key.Counter, g.Key.Scope, g.Key.Start, g.Sum(p => p.Value))));
        return points;
    }

    /// <summary>The distinct scope values of one kind that have counters in the range (for comparisons).</summary>
    public async Task<IReadOnlyList<string>> ReadScopesAsync(string tenant, ScopeKind scopeKind, Period period, DateOnly from, DateOnly to, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfEqual(scopeKind, ScopeKind.All);
        var prefix = KpiScope.PrefixOf(scopeKind);
        await using var conn = await OpenAsync(ct);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = """
            SELECT DISTINCT scope FROM lg_kpi_counters
            WHERE tenant = @tenant AND period = @period
              AND bucket BETWEEN @from AND @to AND scope >= @lo AND scope < @hi
            ORDER BY scope
            """;
        Add(cmd, "tenant", tenant);
        Add(cmd, "period", CounterColumns.Period(period));
        Add(cmd, "from", from);
        Add(cmd, "to", to);
        Add(cmd, "lo", prefix);
        Add(cmd, "hi", prefix[..^1] + ";"); // ';' sorts right after ':'
        var scopes = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            scopes.Add(r.GetString(0));
        }
        return scopes;
    }

    /// <summary>Totals of day buckets from..to for one scope, with every shard's sequence number, in one snapshot.</summary>
    public async Task<CounterSnapshot> ReadDayTotalsAsync(
        string tenant, KpiScope scope, IReadOnlyCollection<Counter> counters, DateOnly from, DateOnly to, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        await using var tx = kind == StorageKind.Sqlite
            ? ((SqliteConnection)conn).BeginTransaction(deferred: true)
            : await conn.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);

        var seqs = new Dictionary<int, long>();
        await using (var cmd = conn.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = "SELECT shard, seq FROM lg_kpi_shards";
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                seqs[Convert.ToInt32(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)] = r.GetInt64(1);
            }
        }

        var totals = new Dictionary<string, double>(StringComparer.Ordinal);
        await using (var cmd = conn.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = $"""
                SELECT counter, SUM(value) FROM lg_kpi_counters
                WHERE tenant = @tenant AND counter IN ({InList(cmd, "c", counters.Select(c => c.Name))})
                  AND scope = @scope AND period = @period AND bucket BETWEEN @from AND @to
                GROUP BY counter
                """;
            Add(cmd, "tenant", tenant);
            Add(cmd, "scope", CounterColumns.Scope(scope));
            Add(cmd, "period", CounterColumns.Period(Period.Day));
            Add(cmd, "from", from);
            Add(cmd, "to", to);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                totals[r.GetString(0)] = r.GetDouble(1);
            }
        }
        await tx.CommitAsync(ct);
        return new CounterSnapshot(totals, seqs);
    }

    /// <summary>Targets of one tenant, or of every tenant when <paramref name="tenant"/> is null.</summary>
    public async Task<IReadOnlyList<StoredTarget>> ReadTargetsAsync(string? tenant, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT tenant, kpi, initiative, target, status, status_version FROM lg_kpi_targets"
            + (tenant is null ? "" : " WHERE tenant = @tenant") + " ORDER BY tenant, kpi";
        if (tenant is not null)
        {
            Add(cmd, "tenant", tenant);
        }
        var targets = new List<StoredTarget>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            targets.Add(ReadTarget(r));
        }
        return targets;
    }

    public async Task<StoredTarget?> ReadTargetAsync(string tenant, string kpi, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT tenant, kpi, initiative, target, status, status_version FROM lg_kpi_targets WHERE tenant = @tenant AND kpi = @kpi";
        Add(cmd, "tenant", tenant);
        Add(cmd, "kpi", kpi);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? ReadTarget(r) : null;
    }

    /// <summary>Creates or replaces a KPI's target; a replaced target starts with no published status.</summary>
    public async Task SaveTargetAsync(string tenant, string kpi, string initiative, string target, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = """
            INSERT INTO lg_kpi_targets (tenant, kpi, initiative, target, status, status_version, updated_at)
            VALUES (@tenant, @kpi, @initiative, @target, NULL, 0, @now)
            ON CONFLICT (tenant, kpi) DO UPDATE SET initiative = excluded.initiative, target = excluded.target,
                status = NULL, status_version = lg_kpi_targets.status_version + 1, updated_at = excluded.updated_at
            """;
        Add(cmd, "tenant", tenant);
        Add(cmd, "kpi", kpi);
        Add(cmd, "initiative", initiative);
        Add(cmd, "target", target);
        Add(cmd, "now", DateTime.UtcNow);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task<bool> DeleteTargetAsync(string tenant, string kpi, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "DELETE FROM lg_kpi_targets WHERE tenant = @tenant AND kpi = @kpi";
        Add(cmd, "tenant", tenant);
        Add(cmd, "kpi", kpi);
        return await cmd.ExecuteNonQueryAsync(ct) > 0;
    }

    /// <summary>
    /// Records threshold events and the status they were detected from, in one transaction, only
    /// if the stored status is still the one the caller evaluated against. False means another
    /// activation published first (or the target changed): nothing was written.
    /// </summary>
    public async Task<bool> PublishAsync(
        string tenant, string kpi, long expectedStatusVersion, string status, IReadOnlyList<KpiThresholdEvent> events, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var cmd = conn.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = """
                UPDATE lg_kpi_targets SET status = @status, status_version = status_version + 1
                WHERE tenant = @tenant AND kpi = @kpi AND status_version = @expected
                """;
            Add(cmd, "status", status);
            Add(cmd, "tenant", tenant);
            Add(cmd, "kpi", kpi);
            Add(cmd, "expected", expectedStatusVersion);
            if (await cmd.ExecuteNonQueryAsync(ct) != 1)
            {
                await tx.RollbackAsync(ct);
                return false;
            }
        }
        var now = DateTime.UtcNow;
        foreach (var e in events)
        {
            await using var cmd = conn.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = """
                INSERT INTO lg_kpi_events (tenant, kpi, target_id, kind, as_of, value, target, projected, floor, cause, recorded_at)
                VALUES (@tenant, @kpi, @target_id, @kind, @as_of, @value, @target, @projected, @floor, @cause, @now)
                """;
            Add(cmd, "tenant", tenant);
            Add(cmd, "kpi", kpi);
            Add(cmd, "target_id", e.TargetId);
            Add(cmd, "kind", e.Kind.Name());
            Add(cmd, "as_of", e.AsOf);
            Add(cmd, "value", e.Value);
            Add(cmd, "target", e.Target);
            Add(cmd, "projected", e.Projected);
            Add(cmd, "floor", e.Floor);
            Add(cmd, "cause", e.Cause);
            Add(cmd, "now", now);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return true;
    }

    public async Task<IReadOnlyList<StoredKpiEvent>> ReadEventsAsync(string tenant, string kpi, long afterId, int limit, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = """
            SELECT id, kpi, target_id, kind, as_of, value, target, projected, floor, cause, recorded_at
            FROM lg_kpi_events WHERE tenant = @tenant AND kpi = @kpi AND id > @after ORDER BY id LIMIT @limit
            """;
        Add(cmd, "tenant", tenant);
        Add(cmd, "kpi", kpi);
        Add(cmd, "after", afterId);
        Add(cmd, "limit", limit);
        var events = new List<StoredKpiEvent>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            events.Add(new StoredKpiEvent(
                r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetFieldValue<DateOnly>(4),
                NullableDouble(r, 5), r.GetDouble(6), NullableDouble(r, 7), NullableDouble(r, 8), r.GetString(9),
                new DateTimeOffset(DateTime.SpecifyKind(r.GetDateTime(10), DateTimeKind.Utc))));
        }
        return events;
    }

    public async Task SavePlanAsync(string tenant, string plan, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = """
            INSERT INTO lg_kgi_plans (tenant, plan, updated_at) VALUES (@tenant, @plan, @now)
            ON CONFLICT (tenant) DO UPDATE SET plan = excluded.plan, updated_at = excluded.updated_at
            """;
        Add(cmd, "tenant", tenant);
        Add(cmd, "plan", plan);
        Add(cmd, "now", DateTime.UtcNow);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task<string?> ReadPlanAsync(string tenant, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT plan FROM lg_kgi_plans WHERE tenant = @tenant";
        Add(cmd, "tenant", tenant);
        return await cmd.ExecuteScalarAsync(ct) as string;
    }

    private static StoredTarget ReadTarget(DbDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4), r.GetInt64(5));

    private static double? NullableDouble(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDouble(i);

    private static string InList(DbCommand cmd, string prefix, IEnumerable<string> values)
    {
        var names = new List<string>();
        foreach (var v in values)
        {
            var name = $"{prefix}{names.Count}";
            Add(cmd, name, v);
            names.Add("@" + name);
        }
        return string.Join(", ", names);
    }

    private async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        var conn = connect();
        await conn.OpenAsync(ct);
        return conn;
    }

    private static void Add(DbCommand cmd, string name, object? value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        cmd.Parameters.Add(p);
    }
}
