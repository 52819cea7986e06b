#!/usr/bin/env bash
# Compares two server builds or settings in alternating runs of the ingest step's load, because
# on a shared machine whose speed drifts by tens of percent within the hour only runs taken side
# by side say anything (docs/benchmarks.md, Noise).
#
#   bench/pairs.sh [--pairs N] [--warmup N] [--events N] [--concurrency N] A B
#
# A and B are each a server build folder (a copy of src/LeadGrains.Server/bin/Release/net10.0,
# so the working tree can change between builds), optionally followed by environment settings
# for that server: "/tmp/old" or "/tmp/new LeadGrains__Journal__Writers=3". Every run gets its own
# throwaway PostgreSQL with durable settings (fsync on), a warm-up that is not measured, then a
# measured closed-loop run with pregenerated bodies. Each run prints events/s, CPU per event of
# the server, of PostgreSQL and of the whole machine, and how busy the machine was; the end prints
# each side's median and how many pairs B led. PAIRS_KEEP=1 keeps its temporary folder (the
# last server's log and tick samples).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

pairs=3 warmup=300000 events=200000 concurrency=8
while [ $# -gt 2 ]; do
  case "$1" in
    --pairs) pairs=$2; shift ;;
    --warmup) warmup=$2; shift ;;
    --events) events=$2; shift ;;
    --concurrency) concurrency=$2; shift ;;
    *) break ;;
  esac
  shift
done
[ $# -eq 2 ] || { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 2; }
loadgen="$root/src/LeadGrains.LoadGen/bin/Release/net10.0/LeadGrains.LoadGen.dll"
[ -f "$loadgen" ] || { echo "pairs.sh: build Release first (dotnet build LeadGrains.sln -c Release)" >&2; exit 1; }

# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
ticks() { # server ticks, postgres ticks, machine busy ticks, machine total ticks
  local _at busy idle iowait _steal
  read -r _at busy idle iowait _steal <<<"$(machine_ticks)"
  echo "$(process_ticks "$server_pid" "$pgdir/data") $busy $((busy + idle + iowait))"
}

tmp=$(mktemp -d /tmp/leadgrains-pairs.XXXXXX)
pgdir="" server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  if [ -n "$pgdir" ]; then "$root/scripts/pg-throwaway.sh" stop "$pgdir" || true; fi
  [ -n "${PAIRS_KEEP:-}" ] || rm -rf "$tmp"
}
trap cleanup EXIT

run() { # SIDE SPEC: one run; appends "SIDE events/s" to $tmp/results
  local side=$1 dir settings pg_port http_port url key
  read -r dir settings <<<"$2"
  [ -f "$dir/LeadGrains.Server.dll" ] || { echo "pairs.sh: no LeadGrains.Server.dll in $dir" >&2; exit 1; }
  pg_port=$(free_port); http_port=$(free_port); url="http://127.0.0.1:$http_port"
  pgdir=$(mktemp -d /tmp/leadgrains-pairs-pg.XXXXXX)
  "$root/scripts/pg-throwaway.sh" start "$pgdir" "$pg_port" bench >/dev/null
  psql "host=127.0.0.1 port=$pg_port user=postgres dbname=postgres" -qAt -c "CREATE DATABASE lg"
  key="lg_pairs$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')_$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"
  printf '%s\n' "$key" >"$tmp/key"; chmod 600 "$tmp/key"
  # shellcheck disable=SC2086 # settings are words on purpose
  env $settings LEADGRAINS_BOOTSTRAP_API_KEY="$key" Logging__LogLevel__Default=Warning dotnet "$dir/LeadGrains.Server.dll" \
    --storage postgres --connection-string "Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=lg;Maximum Pool Size=50" \
    --data-dir "$tmp/data" --urls "$url" --silo-port "$(free_port)" --gateway-port "$(free_port)" >"$tmp/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 240); do curl -sf "$url/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
  curl -sf "$url/health/ready" >/dev/null || { tail -n 20 "$tmp/server.log" >&2; echo "pairs.sh: server not ready" >&2; exit 1; }
  local lg=(dotnet "$loadgen" --url "$url" --api-key-file "$tmp/key" --leads 20000 --batch 1000 --concurrency "$concurrency" --no-progress)
  "${lg[@]}" --seed 10 --events "$warmup" --json "$tmp/warmup.json" >/dev/null
  psql "host=127.0.0.1 port=$pg_port user=postgres dbname=postgres" -qAt -c "CHECKPOINT"
  # CPU is counted over the measured phase only: the load generator first builds its bodies
  # (one core busy, the server idle), so ticks around the whole process would understate how
  # busy the machine was while it sent. Samples every ~0.2 s; the phase is the last
  # durationSeconds before the load generator exits.
  (while :; do echo "$(date +%s.%N) $(ticks)"; sleep 0.2; done) >"$tmp/ticks" 2>/dev/null &
  local sampler=$!
  "${lg[@]}" --seed 11 --events "$events" --pregenerate --json "$tmp/measured.json" >/dev/null
  local ended; ended=$(date +%s.%N)
  kill "$sampler"; wait "$sampler" 2>/dev/null || true
  local s0 p0 b0 t0 s1 p1 b1 t1 eps duration
  eps=$(grep -o '"eventsPerSecond": *[0-9.]*' "$tmp/measured.json" | grep -o '[0-9.]*$')
  duration=$(grep -o '"durationSeconds": *[0-9.]*' "$tmp/measured.json" | grep -o '[0-9.]*$')
  read -r s0 p0 b0 t0 <<<"$(awk -v from="$(awk -v e="$ended" -v d="$duration" 'BEGIN { printf "%.3f", e - d }')" \
    'NR == 1 || $1 <= from { line = $2 " " $3 " " $4 " " $5 } END { print line }' "$tmp/ticks")"
  read -r s1 p1 b1 t1 <<<"$(tail -n 1 "$tmp/ticks" | cut -d' ' -f2-)"
  awk -v side="$side" -v e="$eps" -v n="$events" -v s=$((s1 - s0)) -v p=$((p1 - p0)) -v b=$((b1 - b0)) -v t=$((t1 - t0)) -v hz="$(getconf CLK_TCK)" \
    'BEGIN { printf "%s  %8.0f events/s  server %5.1f us  postgres %5.1f us  machine %5.1f us per event  busy %s\n",
             side, e, s / hz * 1e6 / n, p / hz * 1e6 / n, b / hz * 1e6 / n, (t > 0 ? sprintf("%3.0f%%", 100 * b / t) : "-") }'
  echo "$side $eps" >>"$tmp/results"
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
  "$root/scripts/pg-throwaway.sh" stop "$pgdir"; pgdir=""
}

for i in $(seq "$pairs"); do
  # Alternate which side goes first, so a drift of the machine does not always favour one.
  if [ $((i % 2)) -eq 1 ]; then run A "$1"; run B "$2"; else run B "$2"; run A "$1"; fi
done
awk '{ v[$1] = v[$1] " " $2; n[$1]++; seq[$1, n[$1]] = $2 }
  END {
    for (side in n) { split(substr(v[side], 2), a, " "); m = n[side]
      for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (a[j] < a[i]) { x = a[i]; a[i] = a[j]; a[j] = x }
      med[side] = m % 2 ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2 }
    lead = 0; for (i = 1; i <= n["A"]; i++) if (seq["B", i] > seq["A", i]) lead++
    printf "median events/s: A %.0f, B %.0f; B led %d of %d pairs\n", med["A"], med["B"], lead, n["A"] }' "$tmp/results"
