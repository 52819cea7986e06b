namespace LeadGrains.LoadGen;

public static class ExitCodes
{
    /// <summary>The run finished (errors and rejections are in the summary, not the exit code).</summary>
    public const int Completed = 0;

    /// <summary>Bad options (System.CommandLine also uses 1 for parse errors).</summary>
    public const int Usage = 1;

    /// <summary>The run could not start or was stopped: server unreachable, key refused, Ctrl+C.</summary>
    public const int Aborted = 2;
}
