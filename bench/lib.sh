# Shell functions shared by bench/run.sh and bench/pairs.sh (sourced, not run).

free_port() { # a port nothing listens on (loopback only)
  # Below the kernel's ephemeral range: a port there can be the local end of an outgoing
  # connection (to PostgreSQL, say), which the probe cannot see but which makes a bind fail.
  local p low; read -r low _ </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || low=32768
  [ "$low" -gt 21000 ] || low=32768
  for _ in $(seq 50); do
    p=$((20000 + RANDOM % (low - 20000)))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
  done
  echo "no free port found" >&2; return 1
}

process_ticks() { # PID [PGDATA]: that process's ticks, then PostgreSQL's (utime + stime)
  # PostgreSQL's are those of the cluster in PGDATA (its postmaster and the postmaster's
  # children), or without PGDATA (or when its postmaster.pid cannot be read) of every process
  # named postgres on the machine.
  # Bash builtins only: pairs.sh samples this several times a second during the window it
  # measures, and an awk per process would take CPU from what it measures.
  # PostgreSQL's count adds each process's reaped children (cutime + cstime): a backend or an
  # autovacuum worker that exits inside the window takes its ticks out of the live processes'
  # sum, and its postmaster's children's count is where they go. Without it a short window could
  # read less than nothing.
  local s p=0 f line fields pm="" pid
  if [ -n "${2:-}" ]; then { read -r pm <"$2/postmaster.pid"; } 2>/dev/null || true; fi
  read -r line <"/proc/$1/stat"; read -ra fields <<<"${line##*) }"; s=$((fields[11] + fields[12]))
  for f in /proc/[0-9]*/stat; do
    { read -r line <"$f"; } 2>/dev/null || continue
    [[ $line == *"(postgres)"* ]] || continue
    read -ra fields <<<"${line##*) }"
    if [ -n "$pm" ]; then
      pid=${f#/proc/}; pid=${pid%/stat}
      [ "$pid" = "$pm" ] || [ "${fields[1]}" = "$pm" ] || continue
    fi
    p=$((p + fields[11] + fields[12] + fields[13] + fields[14]))
  done
  echo "$s $p"
}

machine_ticks() { # epoch seconds, then the machine's busy, idle, iowait and steal ticks (/proc/stat, all CPUs)
  # Busy counts steal: time the hypervisor gave another guest while this one had work. Bash
  # builtins only, like process_ticks: the samplers call it several times a second.
  local cpu user nice system idle iowait irq softirq steal _
  read -r cpu user nice system idle iowait irq softirq steal _ </proc/stat
  echo "$EPOCHREALTIME $((user + nice + system + irq + softirq + steal)) $idle $iowait $steal"
}

window_shares() { # TICKS_FILE END DURATION: busy, idle and steal percent of the machine over the
  # last DURATION seconds before END, from machine_ticks lines sampled through it
  awk -v end="$2" -v duration="$3" '
    BEGIN { from = end - duration }
    NR == 1 || $1 <= from { b0 = $2; i0 = $3; w0 = $4; s0 = $5 }
    { b1 = $2; i1 = $3; w1 = $4; s1 = $5 }
    END { t = (b1 - b0) + (i1 - i0) + (w1 - w0); if (t <= 0) t = 1
          printf "%.1f %.1f %.1f\n", 100 * (b1 - b0) / t, 100 * (i1 - i0 + w1 - w0) / t, 100 * (s1 - s0) / t }' "$1"
}
