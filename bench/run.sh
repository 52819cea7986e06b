#!/usr/bin/env bash
# Runs the benchmarks on this machine and prints each target figure of PRODUCT.md beside its
# baseline, measured in the same run, against a throwaway PostgreSQL with durable settings.
#
#   bench/run.sh [--smoke] [--only STEPS] [--no-build] [--publish | --no-publish] [--out DIR]
#
#   --smoke       tiny sizes: checks that every step still works (a minute or two after a build,
#                 more while others load the machine)
#   --only STEPS  comma-separated subset of: micro,baselines,ingest,latency,hotkpi,memory,profile
#                 (default: all; latency needs ingest's measured maximum, so it brings ingest along;
#                 profile needs perf and is skipped with a warning without it; it runs last because
#                 it restarts PostgreSQL with pg_stat_statements)
#   --no-build    use the Release build already there (the tests do this)
#   --publish     write docs/benchmarks.json, docs/benchmarks.md and the README headline
#                 (default: only for a full, non-smoke run of the default steps)
#   --out DIR     where the run's JSON goes (default bench/results, git-ignored)
#
# Sizes come from environment variables (defaults in brackets: full run / --smoke):
#   BENCH_LEADS [20000/500]            leads the load generator spreads events over
#   BENCH_BATCH [1000/100]             events per HTTP request
#   BENCH_CONCURRENCY [8/4]            requests in flight (closed loop)
#   BENCH_BASELINE_EVENTS [200000/2000] rows for the naive path and COPY
#   BENCH_BASELINE_CONNECTIONS [8]     connections of the naive path
#   BENCH_WARMUP_EVENTS [300000/1000]  a first closed-loop run that activates the leads and lets the
#                                      server's tiered JIT settle (~20 s; not measured)
#   BENCH_INGEST_EVENTS [300000/5000]  each measured closed-loop run
#   BENCH_INGEST_RUNS [3/2]            measured runs, one after another; the run with the median events/s
#                                      is the ingest figure, and every run's rate is printed beside it
#   BENCH_LATENCY_DURATION [30s/3s]    open loop at half the measured maximum (each of the two runs)
#   BENCH_LATENCY_SMALL_BATCH [100/20] events per request of the second latency run: the same rate
#                                      in smaller requests
#   BENCH_LATENCY_SMALL_CONCURRENCY [64] its cap on requests in flight (open loop: the rate sets the
#                                      pace; the cap only bounds a backlog)
#   BENCH_HOTKPI_EVENTS [200000/3000]  each of the two hot-KPI runs
#   BENCH_MEMORY_LEADS [1000000/2000]  distinct leads for the memory figure
#   BENCH_PROFILE_SECONDS [30/3]       perf sampling while the load generator runs at maximum
#   BENCH_IDLE_SETTLE_SECONDS [5/1]    wait after the memory step's server start before reading idle memory
#   BENCH_SERVER_ENV [empty]           extra VAR=value words for every server process (e.g. runtime GC
#                                      settings to compare); recorded with the run
#   BENCH_MICRO_ITERATIONS [10]        BenchmarkDotNet iterations per benchmark (full run)
# Everything it starts (PostgreSQL, the server, perf) is stopped on exit, also on failure.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

all_steps="micro,baselines,ingest,latency,hotkpi,memory,profile"
smoke=0 build=1 publish=auto only="$all_steps" out_dir="$root/bench/results"
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) smoke=1 ;;
    --only) only=${2:?--only needs a list}; shift ;;
    --no-build) build=0 ;;
    --publish) publish=1 ;;
    --no-publish) publish=0 ;;
    --out) out_dir=${2:?--out needs a directory}; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
  esac
  shift
done
# Recorded with the run; the arguments are consumed by the loop, so say them again from the settings.
# when FLAG TEXT: TEXT if FLAG is 1. Always succeeds, so it is safe in assignments under set -e.
when() { if [ "$1" = 1 ]; then printf '%s' "$2"; fi; }
custom_steps=0; [ "$only" != "$all_steps" ] && custom_steps=1
no_build=0; [ $build = 0 ] && no_build=1
server_env_prefix=""; [ -n "${BENCH_SERVER_ENV:-}" ] && server_env_prefix="BENCH_SERVER_ENV='$BENCH_SERVER_ENV' "
command_line="${server_env_prefix}bench/run.sh$(when $smoke ' --smoke')$(when $custom_steps " --only $only")$(when $no_build ' --no-build')"

for s in ${only//,/ }; do
  case "$s" in micro|baselines|ingest|latency|hotkpi|memory|profile) ;; *) echo "run.sh: unknown step '$s'" >&2; exit 2 ;; esac
done
wants() { [[ ",$only," == *",$1,"* ]]; }
# The latency run is offered half of the measured maximum, so it needs the ingest run.
if wants latency && ! wants ingest; then only="ingest,$only"; fi
if [ "$publish" = auto ]; then
  publish=0; if [ $smoke = 0 ] && [ "$only" = "$all_steps" ]; then publish=1; fi
fi

size() { # name, full default, smoke default
  local v=${!1:-}; if [ -n "$v" ]; then echo "$v"; elif [ $smoke = 1 ]; then echo "$3"; else echo "$2"; fi
}
LEADS=$(size BENCH_LEADS 20000 500)
BATCH=$(size BENCH_BATCH 1000 100)
CONCURRENCY=$(size BENCH_CONCURRENCY 8 4)
BASELINE_EVENTS=$(size BENCH_BASELINE_EVENTS 200000 2000)
BASELINE_CONNECTIONS=$(size BENCH_BASELINE_CONNECTIONS 8 8)
WARMUP_EVENTS=$(size BENCH_WARMUP_EVENTS 300000 1000)
INGEST_EVENTS=$(size BENCH_INGEST_EVENTS 300000 5000)
INGEST_RUNS=$(size BENCH_INGEST_RUNS 3 2)
LATENCY_DURATION=$(size BENCH_LATENCY_DURATION 30s 3s)
LATENCY_SMALL_BATCH=$(size BENCH_LATENCY_SMALL_BATCH 100 20)
LATENCY_SMALL_CONCURRENCY=${BENCH_LATENCY_SMALL_CONCURRENCY:-64}
HOTKPI_EVENTS=$(size BENCH_HOTKPI_EVENTS 200000 3000)
MEMORY_LEADS=$(size BENCH_MEMORY_LEADS 1000000 2000)
PROFILE_SECONDS=$(size BENCH_PROFILE_SECONDS 30 3)

bin() { echo "$root/$1/bin/Release/net10.0/$(basename "$1").dll"; }
SERVER=$(bin src/LeadGrains.Server)
LOADGEN=$(bin src/LeadGrains.LoadGen)
BASELINES=$(bin bench/LeadGrains.Bench.Baselines)
MEMORY=$(bin bench/LeadGrains.Bench.Memory)
MICRO=$(bin bench/LeadGrains.Bench.Micro)
REPORT=$(bin bench/LeadGrains.Bench.Report)

log() { printf '\n== %s\n' "$*"; }
die() { echo "run.sh: $*" >&2; exit 1; }

tmp=$(mktemp -d /tmp/leadgrains-bench.XXXXXX)
steps="$tmp/steps"; mkdir -p "$steps"
server_pid="" perf_pid="" machine_sampler="" pgdir=""
start_server() { # [VAR=value ...]: a fresh server process on the bench database
  local attempt
  for attempt in 1 2 3; do
    local http_port; http_port=$(free_port)
    url="http://127.0.0.1:$http_port"
    # shellcheck disable=SC2086 # BENCH_SERVER_ENV is a list of words on purpose
    env ${BENCH_SERVER_ENV:-} "$@" LEADGRAINS_BOOTSTRAP_API_KEY="$api_key" Logging__LogLevel__Default=Warning \
      dotnet "$SERVER" --storage postgres --connection-string "$server_cs" --data-dir "$tmp/data" \
      --urls "$url" --silo-port "$(free_port)" --gateway-port "$(free_port)" >>"$tmp/server.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 240); do
      kill -0 "$server_pid" 2>/dev/null || break
      curl -sf "$url/health/ready" >/dev/null 2>&1 && { echo "server $server_pid ready at $url"; return; }
      sleep 0.5
    done
    kill -0 "$server_pid" 2>/dev/null && die "the server was not ready within 120 s"
    wait "$server_pid" 2>/dev/null || true; server_pid=""
    # A port taken between the probe and the bind is the one start failure worth a retry.
    grep -qE "Address already in use|ConnectionListener.Bind|address already in use" "$tmp/server.log" || die "the server exited at start"
    log "the server could not bind its ports (attempt $attempt); trying other ports"
    : >"$tmp/server.log"
  done
  die "the server exited at start three times"
}
stop_server() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; server_pid=""; fi
}
cleanup() {
  local status=$?
  if [ -n "$perf_pid" ]; then kill -INT "$perf_pid" 2>/dev/null || true; fi
  if [ -n "$machine_sampler" ]; then kill "$machine_sampler" 2>/dev/null || true; fi
  stop_server
  if [ -n "$pgdir" ]; then "$root/scripts/pg-throwaway.sh" stop "$pgdir" || true; fi
  if [ $status -ne 0 ] && [ -f "$tmp/server.log" ]; then
    echo "run.sh: failed ($status); last server log lines:" >&2; tail -n 20 "$tmp/server.log" >&2 || true
  fi
  if [ -n "${BENCH_KEEP_TMP:-}" ]; then echo "kept $tmp" >&2; else rm -rf "$tmp"; fi
  exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# free_port and process_ticks
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"

# Runs one step's command, records it as NAME.cmd beside the JSON it writes.
record() { local name=$1; shift; printf '%q ' "$@" | sed "s|$root/||g; s| $||" >"$steps/$name.cmd"; echo "\$ $(cat "$steps/$name.cmd")"; "$@"; }

started_at=$(date -u +%Y-%m-%dT%H:%M:%SZ)
load_at_start=$(cut -d' ' -f1-3 /proc/loadavg)
# The code measured is the code built now: record its commit, and whether the tree had changes.
commit=$(git -C "$root" rev-parse HEAD 2>/dev/null || echo unknown)
has_changes=0; [ -n "$(git -C "$root" status --porcelain 2>/dev/null)" ] && has_changes=1
dirty=$(when $has_changes --dirty)
log "LeadGrains benchmarks: steps $only$(when $smoke ' (smoke sizes)'); $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"

if [ $build = 1 ]; then
  log "build (Release)"
  dotnet build "$root/LeadGrains.sln" -c Release -warnaserror -nologo -v q
fi
for dll in "$BASELINES" "$MEMORY" "$MICRO" "$REPORT" "$SERVER"; do [ -f "$dll" ] || die "$dll is missing: build first (without --no-build)"; done
if wants ingest || wants hotkpi || wants profile; then
  [ -f "$LOADGEN" ] || die "the load generator ($LOADGEN) is missing: it lives in src/LeadGrains.LoadGen; run a subset without ingest, latency, hotkpi and profile"
fi

if wants micro; then
  log "micro-benchmarks (BenchmarkDotNet)"
  record micro dotnet "$MICRO" $(when $smoke --smoke) --artifacts "$steps/micro" >"$tmp/micro.log" 2>&1 \
    || { tail -n 40 "$tmp/micro.log"; die "micro-benchmarks failed"; }
  sed -n '/^| Type/,/^$/p' "$tmp/micro.log"
fi

needs_pg=0
for s in baselines ingest latency hotkpi memory profile; do wants $s && needs_pg=1; done
if [ $needs_pg = 1 ]; then
  pg_port=$(free_port)
  # Its own folder: the script hands it to the postgres user, who cannot enter ours (mode 700).
  pgdir=$(mktemp -d /tmp/leadgrains-bench-pg.XXXXXX)
  log "throwaway PostgreSQL (bench mode: fsync on) on port $pg_port"
  admin_cs=$("$root/scripts/pg-throwaway.sh" start "$pgdir" "$pg_port" bench)
  pg() { psql "host=127.0.0.1 port=$pg_port user=postgres dbname=${2:-postgres}" -v ON_ERROR_STOP=1 -qAt -c "$1"; }
  pg "CREATE DATABASE lg"; pg "CREATE DATABASE lg_baselines"
  server_cs="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=lg;Maximum Pool Size=50"
  baselines_cs="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=lg_baselines"
  record postgres dotnet "$BASELINES" postgres-settings --connection-string "$admin_cs" --json "$steps/postgres.json"
fi

if wants baselines; then
  log "baselines: naive per-event transactions and COPY, $BASELINE_EVENTS rows (no LeadGrains server running)"
  record baselines dotnet "$BASELINES" run --connection-string "$baselines_cs" --events "$BASELINE_EVENTS" \
    --leads "$LEADS" --connections "$BASELINE_CONNECTIONS" --json "$steps/baselines.json"
fi

api_key="lg_bench$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')_$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"
printf '%s\n' "$api_key" >"$tmp/api-key"; chmod 600 "$tmp/api-key"

loadgen() { # NAME SEED [options]: one load-generator run writing NAME.json (LOADGEN_BATCH, LOADGEN_CONCURRENCY override)
  local name=$1 seed=$2; shift 2
  record "$name" dotnet "$LOADGEN" --url "$url" --api-key-file "$tmp/api-key" --leads "$LEADS" --batch "${LOADGEN_BATCH:-$BATCH}" \
    --concurrency "${LOADGEN_CONCURRENCY:-$CONCURRENCY}" --seed "$seed" --no-progress --json "$steps/$name.json" "$@"
}
field() { # FILE PATH: one number from a step's JSON
  dotnet "$REPORT" get --json "$1" --path "$2"
}

if [ $needs_pg = 1 ]; then
  # The baselines' WAL would otherwise bring the next checkpoint (and its full-page images) into
  # the measured ingest run; each step starts from a checkpointed database instead.
  pg "CHECKPOINT"
fi
wal_counters() { # WAL bytes, full-page images, checkpoints so far (pg_stat_checkpointer from PostgreSQL 17)
  local checkpoints
  checkpoints=$(pg "SELECT num_timed + num_requested FROM pg_stat_checkpointer" 2>/dev/null \
    || pg "SELECT checkpoints_timed + checkpoints_req FROM pg_stat_bgwriter")
  echo "$(pg "SELECT wal_bytes, wal_fpi FROM pg_stat_wal" | tr '|' ' ') $checkpoints"
}
if wants ingest || wants hotkpi; then
  mkdir -p "$tmp/data"; start_server
fi
if wants ingest; then
  log "ingest: warm-up ($WARMUP_EVENTS events, activates the leads; not measured)"
  loadgen ingest-warmup 10 --events "$WARMUP_EVENTS"
  log "ingest: closed loop at maximum, $INGEST_RUNS runs of $INGEST_EVENTS events in $BATCH-event batches, $CONCURRENCY in flight; the median run counts"
  read -r wal0 fpi0 ckpt0 <<<"$(wal_counters)"
  for i in $(seq "$INGEST_RUNS"); do
    # The same work in every run: CPU per event beside each run's rate shows whether the machine
    # or the code moved it. Ticks around the whole load-generator process (while it builds its
    # bodies first, the server and PostgreSQL are idle).
    # The machine's shares (busy, idle, steal) are taken over the run's sending window only, from
    # samples every ~0.2 s: idle time says whether the run kept the machine busy, steal time
    # whether the hypervisor gave the CPUs to someone else.
    (while :; do machine_ticks; sleep 0.2; done) >"$tmp/machine-ticks" 2>/dev/null &
    machine_sampler=$!
    read -r cs0 cp0 <<<"$(process_ticks "$server_pid" "$pgdir/data")"
    loadgen "ingest-run-$i" $((i == 1 ? 11 : 16 + i)) --events "$INGEST_EVENTS" --pregenerate
    read -r cs1 cp1 <<<"$(process_ticks "$server_pid" "$pgdir/data")"
    ended=$EPOCHREALTIME
    kill "$machine_sampler"; wait "$machine_sampler" 2>/dev/null || true; machine_sampler=""
    read -r busy idle steal <<<"$(window_shares "$tmp/machine-ticks" "$ended" "$(field "$steps/ingest-run-$i.json" durationSeconds)")"
    printf 'server and PostgreSQL CPU (/proc ticks) around ingest-run-%s; the machine (/proc/stat) over its sending window\n' "$i" >"$steps/ingest-cpu-$i.cmd"
    awk -v s=$((cs1 - cs0)) -v p=$((cp1 - cp0)) -v n="$INGEST_EVENTS" -v hz="$(getconf CLK_TCK)" -v b="$busy" -v id="$idle" -v st="$steal" 'BEGIN {
      printf "{\"events\": %d, \"serverUsPerEvent\": %.2f, \"postgresUsPerEvent\": %.2f, \"machineBusyPercent\": %s, \"machineIdlePercent\": %s, \"machineStealPercent\": %s}\n",
        n, s / hz * 1e6 / n, p / hz * 1e6 / n, b, id, st }' \
      >"$steps/ingest-cpu-$i.json"
  done
  read -r wal1 fpi1 ckpt1 <<<"$(wal_counters)"
  dotnet "$REPORT" median --steps "$steps" --prefix ingest-run- --path eventsPerSecond --out ingest
  printf 'pg_stat_wal and checkpoint counters before and after the measured ingest runs\n' >"$steps/ingest-wal.cmd"
  awk -v w=$((wal1 - wal0)) -v f=$((fpi1 - fpi0)) -v c=$((ckpt1 - ckpt0)) -v n=$((INGEST_EVENTS * INGEST_RUNS)) 'BEGIN {
    printf "{\"events\": %d, \"checkpoints\": %d, \"walBytesPerEvent\": %.1f, \"fullPageImagesPer1000Events\": %.2f}\n", n, c, w / n, 1000 * f / n }' \
    >"$steps/ingest-wal.json"
  echo "PostgreSQL over the measured run: $(cat "$steps/ingest-wal.json")"
fi
if wants latency; then
  rate=$(field "$steps/ingest.json" eventsPerSecond | awk '{printf "%d", $1 / 2}')
  [ "$rate" -gt 0 ] || die "ingest measured no throughput"
  log "latency: open loop at half the maximum, $rate events/s for $LATENCY_DURATION"
  loadgen latency 12 --rate "$rate" --duration "$LATENCY_DURATION"
  log "latency: the same rate in $LATENCY_SMALL_BATCH-event batches for $LATENCY_DURATION"
  LOADGEN_BATCH=$LATENCY_SMALL_BATCH LOADGEN_CONCURRENCY=$LATENCY_SMALL_CONCURRENCY loadgen latency-small 15 --rate "$rate" --duration "$LATENCY_DURATION"
fi
if wants hotkpi; then
  log "hot KPI: the same load on 1 campaign, then on 1,000 campaigns ($HOTKPI_EVENTS events each)"
  loadgen hotkpi-1 13 --events "$HOTKPI_EVENTS" --campaigns 1 --pregenerate
  loadgen hotkpi-1000 14 --events "$HOTKPI_EVENTS" --campaigns 1000 --pregenerate
  echo "ratio (1 campaign / 1,000 campaigns): $(dotnet "$REPORT" ratio --json "$steps/hotkpi-1.json" --other "$steps/hotkpi-1000.json" --path eventsPerSecond)"
fi
stop_server

if wants memory; then
  log "memory: $MEMORY_LEADS distinct leads, one event each, into a freshly started server"
  mkdir -p "$tmp/data"; start_server
  sleep "$(size BENCH_IDLE_SETTLE_SECONDS 5 1)"  # let start-up work settle before the idle reading
  record memory dotnet "$MEMORY" --url "$url" --api-key-file "$tmp/api-key" --pid "$server_pid" --leads "$MEMORY_LEADS" \
    --batch "$BATCH" --concurrency "$CONCURRENCY" --connection-string "$server_cs" --json "$steps/memory.json"
  stop_server
fi

if wants profile && ! command -v perf >/dev/null; then
  echo "run.sh: profile skipped: perf is not installed (apt-get install -y linux-perf)" >&2
elif wants profile; then
  log "profile: perf on the server for $PROFILE_SECONDS s at maximum load"
  # WAL sync counts and times need track_wal_io_timing, statement times pg_stat_statements: both are
  # turned on for this step only (a PostgreSQL restart), and the step's JSON says so.
  pg "ALTER SYSTEM SET track_wal_io_timing = on"; pg "ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'"
  pgctl=$(command -v pg_ctl || ls /usr/lib/postgresql/*/bin/pg_ctl | sort -V | tail -n 1)
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$pgctl" -D "$pgdir/data" -w -m fast restart >/dev/null
  else "$pgctl" -D "$pgdir/data" -w -m fast restart >/dev/null; fi
  pg "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" lg
  # A perf map names JIT-compiled code; with W^X on, that code runs from a second mapping perf cannot
  # name, so the profiled server runs with W^X off.
  mkdir -p "$tmp/data"; start_server DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0
  loadgen profile-warmup 20 --events "$WARMUP_EVENTS"
  cpu() { process_ticks "$server_pid" "$pgdir/data"; } # server ticks, postgres ticks
  machine() { # busy, iowait and total ticks of all CPUs (/proc/stat)
    local _at busy idle iowait _steal
    read -r _at busy idle iowait _steal <<<"$(machine_ticks)"
    echo "$busy $iowait $((busy + idle + iowait))"
  }
  wal() { pg "SELECT wal_sync, wal_sync_time, (SELECT xact_commit FROM pg_stat_database WHERE datname = 'lg') FROM pg_stat_wal" | tr '|' ' '; }
  pg "SELECT pg_stat_statements_reset()" lg >/dev/null
  read -r s0 p0 <<<"$(cpu)"; read -r w0 wt0 c0 <<<"$(wal)"; read -r mb0 mi0 mt0 <<<"$(machine)"
  perf record -F 499 -g -p "$server_pid" -o "$tmp/perf.data" -- sleep "$PROFILE_SECONDS" >"$tmp/perf.log" 2>&1 &
  perf_pid=$!
  dotnet "$MEMORY" gc-pauses --pid "$server_pid" --seconds "$PROFILE_SECONDS" --json "$tmp/gc.json" >"$tmp/gc.log" 2>&1 &
  gc_pid=$!
  loadgen profile-load 21 --duration "${PROFILE_SECONDS}s"
  wait "$perf_pid" || true; perf_pid=""
  wait "$gc_pid" || echo "GC watch failed: $(cat "$tmp/gc.log")"
  read -r s1 p1 <<<"$(cpu)"; read -r w1 wt1 c1 <<<"$(wal)"; read -r mb1 mi1 mt1 <<<"$(machine)"
  cat "$tmp/gc.log"
  pg "SELECT coalesce(json_agg(t), '[]') FROM (
        SELECT left(regexp_replace(query, '\s+', ' ', 'g'), 160) AS query, calls, rows,
               round(total_exec_time::numeric, 1) AS total_ms,
               round((100 * total_exec_time / nullif(sum(total_exec_time) OVER (), 0))::numeric, 1) AS percent
        FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = 'lg')
        ORDER BY total_exec_time DESC LIMIT 10) t" lg >"$tmp/statements.json"
  perf report -i "$tmp/perf.data" --stdio --no-children --sort dso,sym -g none --percent-limit 0.01 >"$tmp/perf.txt" 2>/dev/null
  record profile dotnet "$REPORT" profile --perf-report "$tmp/perf.txt" --load "$steps/profile-load.json" --gc "$tmp/gc.json" --statements "$tmp/statements.json" \
    --ticks-per-second "$(getconf CLK_TCK)" --server-ticks $((s1 - s0)) --postgres-ticks $((p1 - p0)) \
    --machine-busy-ticks $((mb1 - mb0)) --machine-iowait-ticks $((mi1 - mi0)) --machine-total-ticks $((mt1 - mt0)) \
    --wal-syncs $((w1 - w0)) --wal-sync-ms "$(awk -v a="$wt0" -v b="$wt1" 'BEGIN {print b - a}')" --commits $((c1 - c0)) \
    --out "$steps/profile.json"
  stop_server
fi

log "report"
mkdir -p "$out_dir"
stamp=$(date -u +%Y%m%dT%H%M%SZ)$(when $smoke -smoke)
result="$out_dir/$stamp.json"
sizes=(--size "leads=$LEADS" --size "batch=$BATCH" --size "concurrency=$CONCURRENCY" --size "baselineEvents=$BASELINE_EVENTS"
       --size "baselineConnections=$BASELINE_CONNECTIONS" --size "warmupEvents=$WARMUP_EVENTS" --size "ingestEvents=$INGEST_EVENTS" --size "ingestRuns=$INGEST_RUNS"
       --size "latencyDuration=$LATENCY_DURATION" --size "latencySmallBatch=$LATENCY_SMALL_BATCH" --size "latencySmallConcurrency=$LATENCY_SMALL_CONCURRENCY" --size "hotkpiEvents=$HOTKPI_EVENTS" --size "memoryLeads=$MEMORY_LEADS")
if wants profile; then sizes+=(--size "profileSeconds=$PROFILE_SECONDS"); fi
dotnet "$REPORT" combine --steps "$steps" --out "$result" --command "$command_line" --commit "$commit" $dirty \
  $(when $smoke --smoke) --started "$started_at" --load-at-start "$load_at_start" --only "$only" "${sizes[@]}" \
  $(when $publish "--copy-to $root/docs/benchmarks.json")
if [ $publish = 1 ]; then
  dotnet "$REPORT" render --json "$root/docs/benchmarks.json" --template "$root/docs/benchmarks.template.md" \
    --out "$root/docs/benchmarks.md" --readme "$root/README.md"
  report_md="$root/docs/benchmarks.md"
else
  dotnet "$REPORT" render --json "$result" --template "$root/docs/benchmarks.template.md" --out "${result%.json}.md"
  report_md="${result%.json}.md"
fi
log "targets (from $report_md)"
sed -n '/^| figure/,/^$/p' "$report_md"
