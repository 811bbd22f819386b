#!/usr/bin/env bash
# The durable store's cost in batch verification: `labourlink verify --batch` on 3 KB messages
# with the default in-memory replay guard, with `--store sqlite:…`, and with `--store
# postgresql://…` from one and from two processes (each verifying half of the messages against
# the same database). Wall time, messages per second, CPU seconds (user + system, all threads
# of the process: the store's commit thread runs beside the verifying one), peak RSS; Markdown
# to stdout. The SQLite run is repeated pinned to one core (taskset) for a per-core figure.
# Group commit: GROUP_SIZE (default 256) and GROUP_WAIT_MS (default 10) are passed to verify.
#
#   bash bench/store.sh            # BATCH_COUNTS (default "10000 100000"), BATCH_THREADS (default 1)
#
# Starts a throwaway PostgreSQL cluster with .ci/postgres.sh (127.0.0.1, stopped at the end).
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
cd "$ROOT"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/labourlink/target}"
COUNTS="${BATCH_COUNTS:-10000 100000}" THREADS="${BATCH_THREADS:-1}"
GROUP_SIZE="${GROUP_SIZE:-256}" GROUP_WAIT_MS="${GROUP_WAIT_MS:-10}"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/labourlink-store-bench.XXXXXX")
# shellcheck source=../.ci/postgres.sh
source .ci/postgres.sh
trap 'pg_stop >/dev/null 2>&1; rm -rf "$WORK"' EXIT
log() { printf '== %s\n' "$*" >&2; }

cargo build -q --release -p labourlink-cli || exit 1
cargo build -q --release -p labourlink-bench --example bench_inputs || exit 1
BIN="$CARGO_TARGET_DIR/release/labourlink"
GEN="$CARGO_TARGET_DIR/release/examples/bench_inputs"
"$GEN" compare "$WORK/in" 1 >/dev/null || exit 1
NOW=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["now"])' "$WORK/in/meta.json")
pg_start >&2 || exit 1
pg_env
# Plain TCP on loopback for the main rows (as before TLS existed); one row over TLS
# (verify-full against the cluster's throwaway CA) when the cluster has it.
PG="$LABOURLINK_TEST_POSTGRES_URL?sslmode=disable"
PGTLS=""
if [ -n "${LABOURLINK_TEST_POSTGRES_CA:-}" ]; then
  PGTLS="$LABOURLINK_TEST_POSTGRES_URL?sslmode=verify-full&sslrootcert=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$LABOURLINK_TEST_POSTGRES_CA")"
fi

verify() { # verify FILE OUT [--store URL]
  local group=()
  # With --store: throwaway stores judged as of the inputs' fixed day (--at), which the archive
  # records as the time received.
  [ $# -gt 2 ] && group=(--group-size "$GROUP_SIZE" --group-wait-ms "$GROUP_WAIT_MS" --dangerous-archive-time)
  "$BIN" verify --trust-list "$WORK/in/trust_list.jws" --anchor "$WORK/in/anchor.jwk" \
    --region 330200 --at "$NOW" --batch "$1" --threads "$THREADS" "${@:3}" "${group[@]}" >"$2"
}
accepted() { grep -c '"status":"accepted"' "$@" | awk -F: '{ s += $NF } END { print s }'; }
timed() { # timed NAME N COMMAND... → one table row
  local name=$1 n=$2 start end rss cpu
  shift 2
  start=$(date +%s.%N)
  # Shell functions run in a child bash (GNU time execs a program); RSS is the child's peak
  # (for two processes, the larger of the two); CPU is the children's user + system time.
  /usr/bin/time -f '%M %U %S' -o "$WORK/rss" bash -c '"$@"' _ "$@" || { log "FAILED: $name"; return 1; }
  end=$(date +%s.%N)
  rss=$(awk '{print $1}' "$WORK/rss" | sort -n | tail -1)
  cpu=$(awk '{print $2 + $3}' "$WORK/rss" | tail -1)
  python3 -c "import sys; n,s,e,r,c=int(sys.argv[1]),float(sys.argv[2]),float(sys.argv[3]),int(sys.argv[4]),float(sys.argv[6]); print(f'| {sys.argv[5]} | {n} | {e-s:.2f} s | {n/(e-s):,.0f} | {c:.2f} s | {r/1024:.1f} MiB |')" \
    "$n" "$start" "$end" "$rss" "$name" "$cpu"
}

export BIN WORK NOW THREADS PG PGTLS GROUP_SIZE GROUP_WAIT_MS
export -f verify
echo "| run | messages | wall | msg/s | CPU (user+sys) | peak RSS |"
echo "|---|---:|---:|---:|---:|---:|"
for n in $COUNTS; do
  "$GEN" batch "$WORK/m.ndjson" 3kb "$n" || exit 1
  head -n $((n / 2)) "$WORK/m.ndjson" >"$WORK/a.ndjson"
  tail -n +$((n / 2 + 1)) "$WORK/m.ndjson" >"$WORK/b.ndjson"
  timed "in memory (default guard)" "$n" verify "$WORK/m.ndjson" "$WORK/o1" || exit 1
  [ "$(accepted "$WORK/o1")" = "$n" ] || { log "in memory: not all accepted"; exit 1; }
  rm -f "$WORK/node.db"
  "$BIN" store init --store "sqlite://$WORK/node.db" >/dev/null || exit 1
  timed "SQLite (--store sqlite:…)" "$n" verify "$WORK/m.ndjson" "$WORK/o2" --store "sqlite://$WORK/node.db" || exit 1
  [ "$(accepted "$WORK/o2")" = "$n" ] || { log "sqlite: not all accepted"; exit 1; }
  if command -v taskset >/dev/null; then
    rm -f "$WORK/node.db"
    "$BIN" store init --store "sqlite://$WORK/node.db" >/dev/null || exit 1
    timed "SQLite, pinned to one core (taskset -c 0)" "$n" taskset -c 0 bash -c 'verify "$@"' _ \
      "$WORK/m.ndjson" "$WORK/o2" --store "sqlite://$WORK/node.db" || exit 1
    [ "$(accepted "$WORK/o2")" = "$n" ] || { log "sqlite pinned: not all accepted"; exit 1; }
  fi
  psql -q "$PG" -c 'DROP SCHEMA public CASCADE; CREATE SCHEMA public;' >/dev/null 2>&1
  "$BIN" store init --store "$PG" >/dev/null || exit 1
  timed "PostgreSQL, 1 process" "$n" verify "$WORK/m.ndjson" "$WORK/o3" --store "$PG" || exit 1
  [ "$(accepted "$WORK/o3")" = "$n" ] || { log "postgres: not all accepted"; exit 1; }
  if [ -n "$PGTLS" ]; then
    psql -q "$PG" -c 'DROP SCHEMA public CASCADE; CREATE SCHEMA public;' >/dev/null 2>&1
    "$BIN" store init --store "$PGTLS" >/dev/null || exit 1
    timed "PostgreSQL, 1 process, TLS (verify-full)" "$n" verify "$WORK/m.ndjson" "$WORK/o3" --store "$PGTLS" || exit 1
    [ "$(accepted "$WORK/o3")" = "$n" ] || { log "postgres TLS: not all accepted"; exit 1; }
  fi
  psql -q "$PG" -c 'DROP SCHEMA public CASCADE; CREATE SCHEMA public;' >/dev/null 2>&1
  "$BIN" store init --store "$PG" >/dev/null || exit 1
  two() {
    verify "$WORK/a.ndjson" "$WORK/o4a" --store "$PG" &
    verify "$WORK/b.ndjson" "$WORK/o4b" --store "$PG"
    wait
  }
  export -f two
  timed "PostgreSQL, 2 processes (half each)" "$n" two || exit 1
  [ "$(accepted "$WORK/o4a" "$WORK/o4b")" = "$n" ] || { log "postgres x2: not all accepted"; exit 1; }
done
echo
echo "load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) CPU(s), threads per process: $THREADS, group commit: $GROUP_SIZE messages / $GROUP_WAIT_MS ms"
