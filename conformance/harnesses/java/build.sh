#!/usr/bin/env bash
# Builds the independent Java harness with the JDK alone (javac + jar; no Maven, no Gradle, no
# downloads). Output: $LABOURLINK_JAVA_HARNESS_DIR/labourlink-harness.jar, by default
# ${XDG_CACHE_HOME:-$HOME/.cache}/labourlink/java-harness/target (never inside the repository).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
OUT="${LABOURLINK_JAVA_HARNESS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/labourlink/java-harness/target}"
mkdir -p "$OUT"
CLASSES=$(mktemp -d "${TMPDIR:-/tmp}/labourlink-java-harness.XXXXXX")
trap 'rm -rf "$CLASSES"' EXIT
javac --release 17 -encoding UTF-8 -Xlint:all,-serial -Werror -d "$CLASSES" $(find "$HERE/src" -name '*.java' | sort)
jar --create --file "$OUT/labourlink-harness.jar.tmp" --main-class org.labourlink.harness.Harness -C "$CLASSES" .
mv "$OUT/labourlink-harness.jar.tmp" "$OUT/labourlink-harness.jar"
echo "built $OUT/labourlink-harness.jar ($(java -version 2>&1 | head -1))"
