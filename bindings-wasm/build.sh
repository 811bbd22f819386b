#!/usr/bin/env bash
# Builds the npm package `labourlink` in bindings-wasm/: pkg/ (wasm-bindgen --target web) plus the
# hand-written lib/, index.d.ts and the generated types/.
#
#   bash bindings-wasm/build.sh            # release: profile wasm-release (opt-level s, LTO) + wasm-opt -Os
#   bash bindings-wasm/build.sh --debug    # debug build, no wasm-opt (what the tests use)
#
# Needs: the wasm32-unknown-unknown target, clang (ring compiles C for wasm32), wasm-bindgen-cli at
# exactly the version of the wasm-bindgen crate in Cargo.lock, node/npm. wasm-opt comes from the npm
# package binaryen@132, installed into $LABOURLINK_TOOLS/npm (Debian's binaryen breaks the module).
# Environment: CARGO_TARGET_DIR (default $HOME/.cache/labourlink/target), LABOURLINK_TOOLS (default
# $HOME/.cache/labourlink/tools).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/labourlink/target}"
TOOLS="${LABOURLINK_TOOLS:-$HOME/.cache/labourlink/tools}"
BINARYEN_VERSION=132
OUT=bindings-wasm/pkg

profile=wasm-release
[ "${1:-}" = --debug ] && profile=debug

want=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }')
if [ "$have" != "$want" ]; then
  echo "wasm-bindgen CLI $want is needed (found: ${have:-none}): cargo install wasm-bindgen-cli --version $want" >&2
  exit 1
fi

if [ "$profile" = debug ]; then
  cargo build -p labourlink-wasm --target wasm32-unknown-unknown
else
  cargo build --profile wasm-release -p labourlink-wasm --target wasm32-unknown-unknown
fi
rm -rf "$OUT"
wasm-bindgen --target web --out-dir "$OUT" \
  "$CARGO_TARGET_DIR/wasm32-unknown-unknown/$profile/labourlink_wasm.wasm"
rm -f "$OUT/.gitignore" "$OUT/package.json"
bash bindings-wasm/types.sh "$OUT"

W="$OUT/labourlink_wasm_bg.wasm"
if [ "$profile" != debug ]; then
  OPT="$TOOLS/npm/node_modules/.bin/wasm-opt"
  if [ ! -x "$OPT" ] || [ "$("$OPT" --version 2>/dev/null | awk '{ print $3 }')" != "$BINARYEN_VERSION" ]; then
    mkdir -p "$TOOLS/npm"
    npm install --silent --no-audit --no-fund --prefix "$TOOLS/npm" "binaryen@$BINARYEN_VERSION"
  fi
  echo "wasm after wasm-bindgen: $(stat -c %s "$W") bytes"
  "$OPT" -Os "$W" -o "$W.opt"
  mv "$W.opt" "$W"
fi
echo "wasm: $(stat -c %s "$W") bytes, $(gzip -9 -c "$W" | wc -c) bytes gzipped ($profile)"
