namespace LeadGrains.Bench.Tests;

/// <summary>
/// <c>process_ticks</c> (bench/lib.sh), which pairs.sh and run.sh read CPU per event from, over
/// a fake cluster: a process named postgres given as the postmaster (its pid in a data folder's
/// <c>postmaster.pid</c>), so other PostgreSQL clusters on the machine do not count.
/// </summary>
public sealed class ProcessTicksTests
{
    [Fact]
    public async Task A_postgres_child_that_exits_keeps_its_ticks_in_the_count()
    {
        // A parent named postgres whose child burns 1.5 s of its own CPU (not of wall time: on a
        // busy machine 3 s of wall time once gave it 0.9 s) and exits; the parent reaps it and
        // waits on a fifo, as a postmaster outlives its backends. Sampled while the child burns,
        // and after it is gone.
        const string script = """
            set -euo pipefail
            . bench/lib.sh
            d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
            cp "$(command -v bash)" "$d/postgres"; mkfifo "$d/done"; mkdir "$d/data"
            "$d/postgres" -c '( end=$((SECONDS + 30)); while [ $SECONDS -lt $end ]; do
                for _ in {1..2000}; do :; done
                read -r -a stat < /proc/$BASHPID/stat; [ $((stat[13] + stat[14])) -lt 150 ] || break
              done ); read -r _ < "$1"' _ "$d/done" &
            parent=$!
            echo "$parent" > "$d/data/postmaster.pid"
            before=$(process_ticks $$ "$d/data" | cut -d' ' -f2)
            sleep 1.5
            during=$(process_ticks $$ "$d/data" | cut -d' ' -f2)
            while pgrep -P "$parent" >/dev/null; do sleep 0.1; done
            after=$(process_ticks $$ "$d/data" | cut -d' ' -f2)
            echo done > "$d/done"; wait "$parent"
            echo "$before $during $after"
            """;

        var (exitCode, log) = await BashScript.RunAsync(TimeSpan.FromMinutes(1), "-c", script);

        Assert.True(exitCode == 0, log);
        var ticks = log.Trim().Split('\n')[^1].Split(' ').Select(long.Parse).ToArray();
        var (before, during, after) = (ticks[0], ticks[1], ticks[2]);
        Assert.True(during > before, $"the child's ticks count while it runs: {before} -> {during}");
        Assert.True(after >= during, $"the child's ticks stay counted once it has exited: {during} -> {after}");
        // A second of its burn at least (100 ticks a second on Linux), however busy the machine.
        Assert.True(after - before >= 100, $"the child's whole burn is counted: {before} -> {after}");
    }
}
