#!/usr/bin/env bash
# Python binding against native, and Python threads (docs/PERFORMANCE.md, "Python").
#
#   flock /tmp/labourlink-cargo.lock bash bench/python.sh
#
# 1. Builds bench_inputs and compare_native (release), writes PY_COUNT distinct messages per
#    size (bench_inputs compare), builds a release wheel of the binding (maturin build
#    --release) and installs it into $LABOURLINK_BENCH_VENV (default
#    $HOME/.cache/labourlink/bench-venv; maturin must be installed there).
# 2. Python against native, interleaved: PY_ROUNDS rounds, each running, for every size, the
#    native runner then the Python runner of bench/compare (same messages, stages 1–6, one
#    thread, PY_SECONDS each); the ratio native ÷ Python of each round, and its median.
# 3. Threads: per size, PY_ROUNDS rounds of compare_native --many 1, --many 2 (the native
#    batch, default pipeline) and bench/python_threads.py (verify_many and verify from one and
#    two Python threads, default pipeline).
#
# Run it under the shared cargo lock (it builds, then measures; it takes no lock itself).
# Results: NDJSON in $WORK/results.ndjson, Markdown tables on stdout.
set -u
cd "$(dirname "$0")/.."
ROOT=$PWD
TARGET="${CARGO_TARGET_DIR:-$HOME/.cache/labourlink/target}"
VENV="${LABOURLINK_BENCH_VENV:-$HOME/.cache/labourlink/bench-venv}"
WORK="${PY_WORK:-$TARGET/bench-python}"
# 1 024 messages per size: at 1 KB a pass over 256 split between two Python threads lasts
# about 8 ms, close to Python's 5 ms GIL switch interval, which then shows in the medians
# (docs/PERFORMANCE.md, "Python threads").
COUNT="${PY_COUNT:-1024}"
ROUNDS="${PY_ROUNDS:-3}"
SECONDS_EACH="${PY_SECONDS:-2}"
SIZES="${PY_SIZES:-1kb 3kb 30kb}"
EX="$TARGET/release/examples"
log() { echo "[python.sh] $*" >&2; }

log "building bench_inputs + compare_native (release)"
cargo build -q --release -p labourlink-bench --example bench_inputs --example compare_native || exit 1
rm -rf "$WORK" && mkdir -p "$WORK"
"$EX/bench_inputs" compare "$WORK/in" "$COUNT" >&2 || exit 1
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV" || exit 1
[ -x "$VENV/bin/maturin" ] || "$VENV/bin/pip" install -q 'maturin>=1.9,<2' || exit 1
log "building the Python binding (maturin build --release)"
(cd bindings-python && "$VENV/bin/maturin" build -q --release -o "$WORK/wheels" >&2) || exit 1
"$VENV/bin/pip" install -q --force-reinstall --no-deps "$WORK"/wheels/labourlink-*.whl || exit 1
PY="$VENV/bin/python"
OUT="$WORK/results.ndjson"
: >"$OUT"

log "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq 1 "$ROUNDS"); do
  for s in $SIZES; do
    "$EX/compare_native" "$WORK/in" "$s" "$SECONDS_EACH" | sed "s/^{/{\"round\": $r, \"part\": \"single\", /" >>"$OUT"
    "$PY" bench/compare/py_labourlink.py "$WORK/in" "$s" "$SECONDS_EACH" | sed "s/^{/{\"round\": $r, \"part\": \"single\", /" >>"$OUT"
  done
done
for s in $SIZES; do
  for r in $(seq 1 "$ROUNDS"); do
    for t in 1 2; do
      "$EX/compare_native" "$WORK/in" "$s" "$SECONDS_EACH" --many "$t" | sed "s/^{/{\"round\": $r, \"part\": \"threads\", /" >>"$OUT"
    done
    "$PY" bench/python_threads.py "$WORK/in" "$s" "$((SECONDS_EACH * 3))" | sed "s/^{/{\"round\": $r, \"part\": \"threads\", /" >>"$OUT"
  done
done
log "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$OUT" "$ROUNDS" <<'EOF'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
sizes = list(dict.fromkeys(r["size"] for r in rows))
print("| size | native msg/s (best) | Python msg/s (best) | native ÷ Python, per round | median |")
print("|---|---:|---:|---|---:|")
for s in sizes:
    single = [r for r in rows if r["part"] == "single" and r["size"] == s]
    nat = {r["round"]: r["best_rate"] for r in single if "native" in r["impl"]}
    py = {r["round"]: r["best_rate"] for r in single if "Python" in r["impl"]}
    ratios = [nat[k] / py[k] for k in sorted(nat) if k in py]
    if ratios:
        print(f"| {s} | {max(nat.values()):,.0f} | {max(py.values()):,.0f} | "
              + ", ".join(f"{x:.2f}×" for x in ratios) + f" | **{statistics.median(ratios):.2f}×** |")
print()
print("| size | run | msg/s (best of rounds) | median | 2 threads ÷ 1 (best) | (median) |")
print("|---|---|---:|---:|---:|---:|")
for s in sizes:
    th = [r for r in rows if r["part"] == "threads" and r["size"] == s]
    best, med = {}, {}
    for r in th:
        best.setdefault(r["impl"], []).append(r["best_rate"])
        med.setdefault(r["impl"], []).append(r["median_rate"])
    for name in best:
        b, m = max(best[name]), statistics.median(med[name])
        pair = None
        for one, two in ((" 1 thread(s)", " 2 thread(s)"), ("-1", "-2")):
            if name.endswith(two):
                pair = name[: -len(two)] + one
        if pair in best:
            sb = b / max(best[pair])
            sm = m / statistics.median(med[pair])
            print(f"| {s} | {name} | {b:,.0f} | {m:,.0f} | **{sb:.2f}×** | {sm:.2f}× |")
        else:
            print(f"| {s} | {name} | {b:,.0f} | {m:,.0f} | | |")
EOF
