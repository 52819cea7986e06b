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
    };

    private static readonly Dictionary<string, string> Environment = new(StringComparer.Ordinal)
    {
        ["LEADGRAINS_STORAGE"] = "LeadGrains:Storage",
        ["LEADGRAINS_DATA_DIR"] = "LeadGrains:DataDir",
        ["LEADGRAINS_SILO_PORT"] = "LeadGrains:SiloPort",
        ["LEADGRAINS_GATEWAY_PORT"] = "LeadGrains:GatewayPort",
        ["LEADGRAINS_CLUSTER_ID"] = "LeadGrains:ClusterId",
        ["LEADGRAINS_ADVERTISED_ADDRESS"] = "LeadGrains:AdvertisedAddress",
        ["LEADGRAINS_BOOTSTRAP_API_KEY"] = "LeadGrains:BootstrapApiKey",
    };

    public static void AddLeadGrainsSources(this ConfigurationManager configuration, string[] args)
    {
        var fromEnvironment = Environment
            .Select(kv => (kv.Value, Value: System.Environment.GetEnvironmentVariable(kv.Key)))
            .Where(x => !string.IsNullOrEmpty(x.Value))
            .ToDictionary(x => x.Item1, x => x.Value);
        configuration.AddInMemoryCollection(fromEnvironment);
        configuration.AddCommandLine(args, Switches);
    }
}
