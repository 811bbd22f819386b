#!/usr/bin/env bash
# labourlink against peer stacks: the same verify work (same messages, same public keys / trust
# list) by
#   (a) Python joserfc + rfc8785 + jsonschema          (py_stack.py)
#   (b) Node jose + canonicalize + ajv 2020 + formats  (node_stack.mjs)
#   (c) labourlink's Python binding, release wheel     (py_labourlink.py)
#   (d) labourlink's Node/WASM package, wasm-release   (node_labourlink.mjs)
#   (e) labourlink native, one thread                  (bench/rust/examples/compare_native.rs)
# each single-threaded, for the three message sizes of bench/rust/benches/common (1, 3, 30 KB).
# Writes the Markdown table to stdout and to bench/compare/results.md.
#
#   bash bench/compare/run.sh
#
# Environment (all optional):
#   BENCH_SECONDS   seconds of timed passes per implementation, size and round (default 3)
#   BENCH_ROUNDS    rounds over all implementations; the best round counts (default 2)
#   BENCH_COUNT     distinct messages per size (default 64)
#   BENCH_REUSE_BINDINGS=1  do not rebuild the Python wheel / WASM package (use the last ones)
#   CARGO_TARGET_DIR (default $HOME/.cache/labourlink/target), LABOURLINK_BENCH_VENV (default
#   $HOME/.cache/labourlink/bench-venv), LABOURLINK_TOOLS (default $HOME/.cache/labourlink/tools)
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
cd "$ROOT"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/labourlink/target}"
VENV="${LABOURLINK_BENCH_VENV:-$HOME/.cache/labourlink/bench-venv}"
TOOLS="${LABOURLINK_TOOLS:-$HOME/.cache/labourlink/tools}"
WASM_DIR="$HOME/.cache/labourlink/bench-wasm"
SECS="${BENCH_SECONDS:-3}" ROUNDS="${BENCH_ROUNDS:-2}" COUNT="${BENCH_COUNT:-64}"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/labourlink-compare.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
NOTES=()
log() { printf '== %s\n' "$*" >&2; }

# --- inputs and the native runner -----------------------------------------------------------
log "building bench/rust/examples bench_inputs + compare_native (release)"
cargo build -q --release -p labourlink-bench --example bench_inputs --example compare_native || exit 1
EX="$CARGO_TARGET_DIR/release/examples"
"$EX/bench_inputs" compare "$WORK/in" "$COUNT" >&2 || exit 1

# --- Python: peer stack and the binding ------------------------------------------------------
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV" || exit 1
if ! cmp -s "$HERE/requirements.txt" "$VENV/.bench-requirements"; then
  "$VENV/bin/pip" install -q -r "$HERE/requirements.txt" && cp "$HERE/requirements.txt" "$VENV/.bench-requirements"
fi
if [ "${BENCH_REUSE_BINDINGS:-0}" != 1 ]; then
  log "building the Python binding (maturin build --release)"
  "$VENV/bin/pip" uninstall -q -y labourlink >/dev/null 2>&1
  if (cd bindings-python && "$VENV/bin/maturin" build -q --release -o "$WORK/wheels" \
      --interpreter "$VENV/bin/python") >&2; then
    "$VENV/bin/pip" install -q --no-deps --force-reinstall "$WORK"/wheels/*.whl || NOTES+=("Python binding: wheel did not install")
  else
    NOTES+=("Python binding: the release build failed (bindings-python is being changed?)")
  fi
fi

# --- Node: peer stack and the WASM package ---------------------------------------------------
if [ ! -f "$HERE/node_modules/.package-lock.json" ] || [ "$HERE/package-lock.json" -nt "$HERE/node_modules/.package-lock.json" ]; then
  (cd "$HERE" && npm ci --no-audit --no-fund --silent) >&2 || exit 1
fi
if [ "${BENCH_REUSE_BINDINGS:-0}" != 1 ]; then
  # A release build as bindings-wasm/build.sh makes it (profile wasm-release, wasm-opt -Os), but
  # into $WASM_DIR: the repository's bindings-wasm/pkg (a debug build for the tests) stays.
  log "building the WASM package (profile wasm-release)"
  rm -rf "$WASM_DIR" && mkdir -p "$WASM_DIR"
  if cargo build -q --profile wasm-release -p labourlink-wasm --target wasm32-unknown-unknown >&2 \
    && wasm-bindgen --target web --out-dir "$WASM_DIR/pkg" \
      "$CARGO_TARGET_DIR/wasm32-unknown-unknown/wasm-release/labourlink_wasm.wasm" >&2; then
    cp -r bindings-wasm/lib bindings-wasm/package.json "$WASM_DIR/"
    OPT="$TOOLS/npm/node_modules/.bin/wasm-opt"
    W="$WASM_DIR/pkg/labourlink_wasm_bg.wasm"
    if [ -x "$OPT" ]; then
      "$OPT" -Os "$W" -o "$W.opt" && mv "$W.opt" "$W"
    else
      NOTES+=("WASM package: no wasm-opt at $OPT (bash bindings-wasm/build.sh installs it); measured without it")
    fi
  else
    NOTES+=("WASM package: the release build failed (bindings-wasm is being changed?)")
  fi
fi
export LABOURLINK_WASM_PKG="$WASM_DIR"

# --- measurements ----------------------------------------------------------------------------
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
RES="$WORK/results.ndjson"
run() { # run RUNNER... DIR SIZE SECONDS
  "$@" >>"$RES" 2>"$WORK/err" || { log "FAILED: $*"; cat "$WORK/err" >&2; }
  tail -n 1 "$RES" >&2
}
for round in $(seq "$ROUNDS"); do
  for size in 1kb 3kb 30kb; do
    log "round $round, $size"
    run "$EX/compare_native" "$WORK/in" "$size" "$SECS"
    run "$EX/compare_native" "$WORK/in" "$size" "$SECS" --no-schema
    run "$VENV/bin/python" "$HERE/py_stack.py" "$WORK/in" "$size" "$SECS"
    run "$VENV/bin/python" "$HERE/py_stack.py" "$WORK/in" "$size" "$SECS" --no-schema
    run node "$HERE/node_stack.mjs" "$WORK/in" "$size" "$SECS"
    run node "$HERE/node_stack.mjs" "$WORK/in" "$size" "$SECS" --no-schema
    run "$VENV/bin/python" "$HERE/py_labourlink.py" "$WORK/in" "$size" "$SECS"
    run node "$HERE/node_labourlink.mjs" "$WORK/in" "$size" "$SECS"
  done
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# --- report ----------------------------------------------------------------------------------
{
  echo "# bench/compare results"
  echo
  echo "Generated by \`bash bench/compare/run.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC') (commit $(git rev-parse --short HEAD 2>/dev/null)$(git diff --quiet 2>/dev/null || echo ', with uncommitted changes'))."
  echo "Machine: $(nproc) CPU(s), $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1); load average (1, 5, 15 min) $LOAD_BEFORE before, $LOAD_AFTER after."
  echo "Each implementation verifies $COUNT distinct messages per size on one thread, passes for ${SECS}s per round, $ROUNDS rounds; the rate is the fastest pass."
  echo "All verify the JWS signature with the key found by kid, re-check the payload's RFC 8785 form and validate the body against its schema; labourlink also checks the envelope and key records."
  echo "Versions: $("$VENV/bin/python" -c 'import importlib.metadata as m; print(", ".join(f"{p} {m.version(p)}" for p in ["joserfc", "rfc8785", "jsonschema"]))') (Python $("$VENV/bin/python" -c 'import platform; print(platform.python_version())')); $(cd "$HERE" && node -e 'const p=["jose","canonicalize","ajv","ajv-formats"]; console.log(p.map(n=>n+" "+require("./node_modules/"+n+"/package.json").version).join(", "))') (Node $(node --version))."
  echo
} >"$WORK/header.md"
python3 "$HERE/report.py" "$RES" "$WORK/in/meta.json" "$WORK/header.md" >"$WORK/results.md" || exit 1
for n in "${NOTES[@]}"; do echo "- $n" >>"$WORK/results.md"; done
cp "$WORK/results.md" "$HERE/results.md"
cp "$RES" "$HERE/results.ndjson"
cat "$HERE/results.md"
