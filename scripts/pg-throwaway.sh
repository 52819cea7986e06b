#!/usr/bin/env bash
# Starts or stops a throwaway PostgreSQL cluster for tests and benchmarks.
#   scripts/pg-throwaway.sh start DIR PORT [bench]   -> prints a connection string
#   scripts/pg-throwaway.sh stop DIR
# Uses the machine's PostgreSQL binaries, installs Debian's postgresql package when there are
# none, and runs the server as the postgres user when called as root (PostgreSQL refuses root).
# "bench" keeps PostgreSQL's durable defaults (fsync on) with the WAL sizing a production
# deployment sets (docs/operations.md); tests turn fsync off because they kill
# our server process, never PostgreSQL, and a test run should not wait on the disk.
set -euo pipefail

find_bindir() {
  if command -v pg_ctl >/dev/null 2>&1; then dirname "$(command -v pg_ctl)"; return; fi
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$d" ] && [ -x "$d/pg_ctl" ] && { echo "$d"; return; }
  return 1
}

ensure_postgres() {
  if find_bindir >/dev/null; then return; fi
  echo "PostgreSQL binaries not found; installing Debian's postgresql package" >&2
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >&2
  find_bindir >/dev/null || { echo "PostgreSQL install failed" >&2; exit 1; }
}

as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

cmd=${1:?start|stop}; dir=${2:?directory}
case "$cmd" in
  start)
    port=${3:?port}; mode=${4:-test}
    ensure_postgres
    bin=$(find_bindir)
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then
      id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
      chown postgres "$dir"; chmod 700 "$dir"
    fi
    as_pg "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --no-sync >"$dir/initdb.log" 2>&1
    opts="-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_buffers=512MB"
    if [ "$mode" = bench ]; then
      # What docs/operations.md (Storage) recommends for sustained ingest: checkpoints (and the
      # full-page images after each) once per several GB of WAL, not once per ~0.5 GB.
      opts="$opts -c max_wal_size=8GB -c checkpoint_timeout=15min"
    else
      opts="$opts -c fsync=off -c full_page_writes=off"
    fi
    as_pg "$bin/pg_ctl" -D "$dir/data" -o "$opts" -l "$dir/server.log" -w -t 60 start >/dev/null
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
    ;;
  stop)
    bin=$(find_bindir)
    [ -d "$dir/data" ] && as_pg "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start DIR PORT [bench] | stop DIR" >&2; exit 2 ;;
esac
