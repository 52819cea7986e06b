using LeadGrains.Testing;

namespace LeadGrains.Bench.Tests;

/// <summary>
/// A fact that needs the load generator's Release build (src/LeadGrains.LoadGen): skipped, with
/// the reason, in a tree that does not have it yet. Once it is in the solution, test.sh builds it
/// and the test runs.
/// </summary>
public sealed class RequiresLoadGenFactAttribute : FactAttribute
{
    public static string LoadGenDll =>
        Path.Combine(RepositoryRoot.Path, "src", "LeadGrains.LoadGen", "bin", "Release", "net10.0", "LeadGrains.LoadGen.dll");

    public RequiresLoadGenFactAttribute()
    {
        if (!Directory.Exists(Path.Combine(RepositoryRoot.Path, "src", "LeadGrains.LoadGen")))
        {
            Skip = "The load generator (src/LeadGrains.LoadGen) is not in this tree yet; bench/run.sh --smoke needs it.";
        }
    }
}
