namespace LeadGrains.Storage.Postgres;

/// <summary>
/// How many commits look up every event id before their COPY after a duplicate failed one: one
/// after a lone miss, twice as many after each miss that follows a cool-off, up to
/// <paramref name="longest"/>; a COPY that succeeds starts it at one again. Shared by a silo's
/// journal writers and racy on purpose: a commit more or less on either path is harmless.
/// </summary>
internal sealed class CopyCoolOff(int longest)
{
    private int _left;
    private int _next = 1;

    /// <summary>Commits still to look up every id.</summary>
    public int Left => Math.Max(0, Volatile.Read(ref _left));

    /// <summary>True when this commit should look up every id before its COPY (and counts it).</summary>
    public bool TakeInsertCommit()
    {
        if (Volatile.Read(ref _left) <= 0)
        {
            return false;
        }
        Interlocked.Decrement(ref _left);
        return true;
    }

    public void CopySucceeded()
    {
        if (Volatile.Read(ref _next) != 1)
        {
            Volatile.Write(ref _next, 1);
        }
    }

    public void CopyFailed()
    {
        var coolOff = Math.Min(Volatile.Read(ref _next), longest);
        Volatile.Write(ref _left, coolOff);
        Volatile.Write(ref _next, Math.Max(1, Math.Min(2 * coolOff, longest)));
    }
}
