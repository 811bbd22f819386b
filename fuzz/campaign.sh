#!/usr/bin/env bash
# A fuzzing campaign with a CPU-time budget, for a shared machine: each target runs as one
# libFuzzer process at `nice 19` (it takes only CPU nobody else wants) from its committed corpus
# and stops when the process has used BUDGET seconds of CPU (not wall time: on a busy machine a
# niced process may wait), or after WALL seconds, whichever comes first. Then the new inputs
# and the committed corpus are minimised together (libFuzzer -merge=1) back into
# fuzz/corpus/<target>/, and one table row for docs/FUZZING.md is printed.
#
#   bash fuzz/campaign.sh [--budget 1800] [--wall 7200] TARGET...
#
# Needs the targets built first (see docs/FUZZING.md):
#   cd fuzz && cargo +nightly fuzz build -O -a --target-dir "$FUZZ_TARGET_DIR"
# A crash leaves its input in fuzz/artifacts/<target>/ and the log in $WORK/<target>.log; the
# row then says "finding" and the corpus is left as it was.
set -euo pipefail
cd "$(dirname "$0")"
budget=1800 wall=7200
while [[ $# -gt 0 ]]; do
  case "$1" in
    --budget) budget="$2"; shift 2 ;;
    --wall) wall="$2"; shift 2 ;;
    *) break ;;
  esac
done
[[ $# -gt 0 ]] || { echo "usage: bash fuzz/campaign.sh [--budget S] [--wall S] TARGET..." >&2; exit 2; }
FUZZ_TARGET_DIR="${FUZZ_TARGET_DIR:-$HOME/.cache/labourlink/target-fuzz}"
bin_dir="$FUZZ_TARGET_DIR/x86_64-unknown-linux-gnu/release"
WORK="${WORK:-/tmp/labourlink-fuzz-campaign}"
ticks=$(getconf CLK_TCK)
# With autogroup scheduling (Linux's default for desktop and many server kernels) `nice` only
# ranks processes within one session; the session's own group needs the nice value too.
echo 19 2>/dev/null >/proc/self/autogroup || true

cpu_seconds() { # utime + stime of a live process, in whole seconds
  awk -v t="$ticks" '{ sub(/^.*\) /, ""); print int(($12 + $13) / t) }' "/proc/$1/stat" 2>/dev/null || echo 0
}

for target in "$@"; do
  bin="$bin_dir/$target"
  [[ -x "$bin" ]] || { echo "$target: not built ($bin)" >&2; exit 2; }
  new="$WORK/$target/new" log="$WORK/$target.log"
  rm -rf "$WORK/$target" && mkdir -p "$new" "artifacts/$target"
  start=$(date +%s)
  LSAN_OPTIONS="suppressions=$PWD/lsan-suppressions.txt${LSAN_OPTIONS:+:$LSAN_OPTIONS}" \
  nice -n 19 "$bin" -print_final_stats=1 -max_total_time="$wall" \
    -artifact_prefix="artifacts/$target/" "$new" "corpus/$target" >"$log" 2>&1 &
  pid=$!
  cpu=0
  while kill -0 "$pid" 2>/dev/null; do
    sleep 5
    now=$(cpu_seconds "$pid")
    [[ "$now" -gt 0 ]] && cpu=$now
    if [[ "$cpu" -ge "$budget" ]]; then kill -INT "$pid" 2>/dev/null || true; fi
  done
  status=0; wait "$pid" || status=$?
  elapsed=$(( $(date +%s) - start ))
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  last=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
  # interrupted (SIGINT → libFuzzer exits 72 by default) or time limit (0) is a clean end
  if [[ "$status" -ne 0 && "$status" -ne 72 && "$status" -ne 130 ]] || grep -q 'ERROR: libFuzzer\|ERROR: AddressSanitizer\|panicked at' "$log"; then
    echo "| \`$target\` | $((cpu / 60)) min $((cpu % 60)) s CPU in $((elapsed / 60)) min wall | ${runs:-?} | | ${cov:-?} | ${ft:-?} | (unchanged) | **finding**: see $log |"
    continue
  fi
  merged="$WORK/$target/merged" && mkdir -p "$merged"
  nice -n 19 "$bin" -merge=1 "$merged" "corpus/$target" "$new" >"$WORK/$target.merge.log" 2>&1
  rm -rf "corpus/$target" && mv "$merged" "corpus/$target"
  files=$(find "corpus/$target" -type f | wc -l)
  kib=$(du -sk --apparent-size "corpus/$target" | cut -f1)
  rate=$(( ${runs:-0} / (cpu > 0 ? cpu : 1) ))   # runs per CPU second
  echo "| \`$target\` | $((cpu / 60)) min $((cpu % 60)) s CPU in $((elapsed / 60)) min wall | ${runs:-?} | $rate | ${cov:-?} | ${ft:-?} | $files, $kib | none |"
done
