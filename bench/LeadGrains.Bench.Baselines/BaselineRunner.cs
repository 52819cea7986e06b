using Npgsql;

namespace LeadGrains.Bench.Baselines;

public sealed record BaselineOptions
{
    public required string ConnectionString { get; init; }
    public int Events { get; init; } = 200_000;
    public int Leads { get; init; } = 20_000;
    public int Connections { get; init; } = 8;
    public int Seed { get; init; } = 1;
    public string Schema { get; init; } = BaselineSchema.DefaultName;
    public bool Naive { get; init; } = true;
    public bool Copy { get; init; } = true;

    /// <summary>Keep the tables afterwards (tests look at them); by default they are dropped.</summary>
    public bool Keep { get; init; }
}

/// <summary>Runs both baselines on the same rows, each from an empty table and after a checkpoint.</summary>
public static class BaselineRunner
{
    public static async Task<BaselineResults> RunAsync(BaselineOptions o, Action<string>? log = null, CancellationToken ct = default)
    {
        var builder = new NpgsqlDataSourceBuilder(o.ConnectionString);
        // Room for every worker plus the count queries, whatever the caller's pool size says.
        builder.ConnectionStringBuilder.MaxPoolSize = Math.Max(builder.ConnectionStringBuilder.MaxPoolSize, o.Connections + 2);
        await using var db = builder.Build();

        var rows = SyntheticRows.Create(o.Events, o.Leads, o.Seed);
        await BaselineSchema.RecreateAsync(db, o.Schema, ct);
        try
        {
            NaiveResult? naive = null;
            if (o.Naive)
            {
                await BaselineSchema.CheckpointAsync(db, ct);
                log?.Invoke($"naive: {rows.Length} events, one transaction each, {o.Connections} connections ...");
                naive = await NaivePath.RunAsync(db, o.Schema, rows, o.Connections, ct);
                log?.Invoke($"naive: {naive.EventsPerSecond:F0} events/s ({naive.DurationSeconds:F2} s, {naive.Errors} errors, {naive.RowsStored} rows, {naive.LeadsStored} leads)");
            }

            CopyResult? copy = null;
            if (o.Copy)
            {
                await BaselineSchema.CheckpointAsync(db, ct);
                log?.Invoke($"copy: {rows.Length} rows, one binary COPY ...");
                copy = await CopyCeiling.RunAsync(db, o.Schema, rows, ct);
                log?.Invoke($"copy: {copy.RowsPerSecond:F0} rows/s ({copy.DurationSeconds:F2} s, {copy.RowsStored} rows)");
            }

            return new BaselineResults { Rows = rows.Length, Leads = o.Leads, Seed = o.Seed, Schema = o.Schema, Naive = naive, Copy = copy };
        }
        finally
        {
            if (!o.Keep)
            {
                await BaselineSchema.DropAsync(db, o.Schema, CancellationToken.None);
            }
        }
    }
}
