namespace LeadGrains.Testing;

/// <summary>A directory under /tmp that is removed when disposed: SQLite files, server data dirs.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory(string prefix = "leadgrains-test-") =>
        Path = Directory.CreateTempSubdirectory(prefix).FullName;

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A killed server may still hold a file for a moment; /tmp is cleaned anyway.
        }
    }
}
