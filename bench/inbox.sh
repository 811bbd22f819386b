#!/usr/bin/env bash
# The HTTP inbox under a bounded load on 127.0.0.1 (exchange/examples/inbox_load.rs): N signed
# 3.7 KB information tables posted by C client threads to one node with a SQLite store, each
# answered with a signed receipt after its commit, next to the same messages verified in
# memory in the same run. Markdown to stdout.
#
#   bash bench/inbox.sh [N=2000] [C=8]
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/labourlink/target}"
cargo run -q --release -p labourlink-exchange --example inbox_load -- "${1:-2000}" "${2:-8}"
echo
echo "load average $(cut -d' ' -f1-3 /proc/loadavg)"
