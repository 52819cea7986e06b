namespace LeadGrains.Testing;

/// <summary>Finds the repository root (the folder with LeadGrains.sln) from the test's bin folder.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "LeadGrains.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("LeadGrains.sln not found above " + AppContext.BaseDirectory);
    }
}
