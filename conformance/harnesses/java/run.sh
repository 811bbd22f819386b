#!/usr/bin/env bash
# Starts the independent Java harness (the runner's --harness command): builds it first when the
# jar is missing or older than a source file. Arguments are passed on (--skip-canonical-check).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
OUT="${LABOURLINK_JAVA_HARNESS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/labourlink/java-harness/target}"
JAR="$OUT/labourlink-harness.jar"
if [ ! -f "$JAR" ] || [ -n "$(find "$HERE/src" -name '*.java' -newer "$JAR" -print -quit)" ]; then
  bash "$HERE/build.sh" >&2
fi
exec java -Xss16m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$JAR" "$@"
