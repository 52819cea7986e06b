namespace LeadGrains.Server.Hosting;

/// <summary>
/// Maps the documented environment variables and command-line switches onto configuration
/// keys, so <c>--storage postgres</c>, <c>LEADGRAINS_STORAGE=postgres</c> and
/// <c>LeadGrains__Storage=postgres</c> mean the same. The command line wins.
/// </summary>
public static class Configuration
{
    private static readonly Dictionary<string, string> Switches = new(StringComparer.Ordinal)
    {
        ["--storage"] = "LeadGrains:Storage",
        ["--data-dir"] = "LeadGrains:DataDir",
        ["--silo-port"] = "LeadGrains:SiloPort",
        ["--gateway-port"] = "LeadGrains:GatewayPort",
        ["--cluster-id"] = "LeadGrains:ClusterId",
        ["--advertised-address"] = "LeadGrains:AdvertisedAddress",
        ["--connection-string"] = "ConnectionStrings:LeadGrains",
        ["--demo"] = "LeadGrains:Demo",
    };

    /// <summary>Switches that may stand alone: <c>--demo</c> means <c>--demo true</c>.</summary>
    private static readonly HashSet<string> Flags = new(StringComparer.Ordinal) { "--demo" };

    private static readonly Dictionary<string, string> Environment = new(StringComparer.Ordinal)
    {
        ["LEADGRAINS_STORAGE"] = "LeadGrains:Storage",
        ["LEADGRAINS_DATA_DIR"] = "LeadGrains:DataDir",
        ["LEADGRAINS_SILO_PORT"] = "LeadGrains:SiloPort",
        ["LEADGRAINS_GATEWAY_PORT"] = "LeadGrains:GatewayPort",
        ["LEADGRAINS_CLUSTER_ID"] = "LeadGrains:ClusterId",
        ["LEADGRAINS_ADVERTISED_ADDRESS"] = "LeadGrains:AdvertisedAddress",
        ["LEADGRAINS_BOOTSTRAP_API_KEY"] = "LeadGrains:BootstrapApiKey",
        ["LEADGRAINS_DEMO"] = "LeadGrains:Demo",
    };

    public static void AddLeadGrainsSources(this ConfigurationManager configuration, string[] args)
    {
        var fromEnvironment = Environment
            .Select(kv => (kv.Value, Value: System.Environment.GetEnvironmentVariable(kv.Key)))
            .Where(x => !string.IsNullOrEmpty(x.Value))
            .ToDictionary(x => x.Item1, x => x.Value);
        configuration.AddInMemoryCollection(fromEnvironment);
        configuration.AddCommandLine(WithFlagValues(args), Switches);
    }

    /// <summary>
    /// The command-line provider reads every switch as a key and a value, so a bare <c>--demo</c>
    /// would swallow the next argument (or vanish at the end); give flags their value explicitly.
    /// </summary>
    private static string[] WithFlagValues(string[] args)
    {
        var result = new List<string>(args.Length);
        for (var i = 0; i < args.Length; i++)
        {
            var next = i + 1 < args.Length ? args[i + 1] : null;
            var valueFollows = bool.TryParse(next, out _);
            result.Add(Flags.Contains(args[i]) && !valueFollows ? args[i] + "=true" : args[i]);
        }
        return [.. result];
    }
}
