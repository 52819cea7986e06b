using System.Text.Json;
using LeadGrains.Bench.Baselines;
using Npgsql;

// usage:
//   LeadGrains.Bench.Baselines run --connection-string CS [--events 200000] [--leads 20000] [--connections 8]
//                                  [--seed 1] [--schema bench_baseline] [--only naive|copy] [--keep] [--json FILE]
//   LeadGrains.Bench.Baselines postgres-settings --connection-string CS [--json FILE]
var command = args.FirstOrDefault();
var options = CommandLine.Parse(args.Skip(1));
var cs = options.GetValueOrDefault("connection-string")
    ?? Environment.GetEnvironmentVariable("LEADGRAINS_BENCH_PG")
    ?? throw new ArgumentException("--connection-string is required");
var json = new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true };

object result;
switch (command)
{
    case "run":
        var only = options.GetValueOrDefault("only");
        result = await BaselineRunner.RunAsync(new BaselineOptions
        {
            ConnectionString = cs,
            Events = CommandLine.Int(options, "events", 200_000),
            Leads = CommandLine.Int(options, "leads", 20_000),
            Connections = CommandLine.Int(options, "connections", 8),
            Seed = CommandLine.Int(options, "seed", 1),
            Schema = options.GetValueOrDefault("schema") ?? BaselineSchema.DefaultName,
            Naive = only is null or "naive",
            Copy = only is null or "copy",
            Keep = options.ContainsKey("keep"),
        }, Console.WriteLine);
        break;
    case "postgres-settings":
        await using (var db = NpgsqlDataSource.Create(cs))
        {
            var info = await PostgresSettings.ReadAsync(db, CancellationToken.None);
            Console.WriteLine(info.Version);
            foreach (var (k, v) in info.Settings)
                Console.WriteLine($"  {k} = {v}");
            result = info;
        }
        break;
    default:
        Console.Error.WriteLine("usage: LeadGrains.Bench.Baselines run|postgres-settings --connection-string CS [options]; see Program.cs");
        return 2;
}

if (options.GetValueOrDefault("json") is { } file)
{
    await File.WriteAllTextAsync(file, JsonSerializer.Serialize(result, result.GetType(), json));
}
return 0;

/// <summary><c>--name value</c> pairs and bare <c>--flag</c>s.</summary>
internal static class CommandLine
{
    public static Dictionary<string, string> Parse(IEnumerable<string> args)
    {
        var list = args.ToList();
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            if (!list[i].StartsWith("--", StringComparison.Ordinal))
                throw new ArgumentException($"unexpected argument '{list[i]}'");
            var name = list[i][2..];
            var hasValue = i + 1 < list.Count && !list[i + 1].StartsWith("--", StringComparison.Ordinal);
            result[name] = hasValue ? list[++i] : "";
        }
        return result;
    }

    public static int Int(Dictionary<string, string> options, string name, int fallback) =>
        options.TryGetValue(name, out var v) ? int.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : fallback;
}
