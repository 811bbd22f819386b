#!/usr/bin/env bash
# Builds the independent Java harness with the JDK and BouncyCastle's bcprov jar as installed by
# the system (javac + jar; no Maven, no Gradle, no downloads). SM2/SM3 come from bcprov:
# $LABOURLINK_BCPROV_JAR, by default Debian's /usr/share/java/bcprov.jar (libbcprov-java).
# Output: $LABOURLINK_JAVA_HARNESS_DIR/labourlink-harness.jar, by default
# ${XDG_CACHE_HOME:-$HOME/.cache}/labourlink/java-harness/target (never inside the repository);
# its manifest's Class-Path names the bcprov jar, so `java -jar` finds it.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
OUT="${LABOURLINK_JAVA_HARNESS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/labourlink/java-harness/target}"
BCPROV="${LABOURLINK_BCPROV_JAR:-/usr/share/java/bcprov.jar}"
if [ ! -f "$BCPROV" ]; then
  echo "build.sh: BouncyCastle not found at $BCPROV (Debian/Ubuntu: apt-get install libbcprov-java;" \
    "elsewhere set LABOURLINK_BCPROV_JAR to a bcprov jar)" >&2
  exit 1
fi
BCPROV="$(cd "$(dirname "$BCPROV")" && pwd)/$(basename "$BCPROV")"
case "$BCPROV" in
  *[!A-Za-z0-9/._+-]*) echo "build.sh: the bcprov path must not need URL escaping: $BCPROV" >&2; exit 1 ;;
esac
mkdir -p "$OUT"
CLASSES=$(mktemp -d "${TMPDIR:-/tmp}/labourlink-java-harness.XXXXXX")
trap 'rm -rf "$CLASSES" "$CLASSES.manifest"' EXIT
# -path: bcprov's own manifest names optional jars (javax.mail, …) that need not be installed.
javac --release 17 -encoding UTF-8 -Xlint:all,-serial,-path -Werror -cp "$BCPROV" -d "$CLASSES" \
  $(find "$HERE/src" -name '*.java' | sort)
printf 'Class-Path: %s\n' "$BCPROV" >"$CLASSES.manifest"
jar --create --file "$OUT/labourlink-harness.jar.tmp" --main-class org.labourlink.harness.Harness \
  --manifest "$CLASSES.manifest" -C "$CLASSES" .
mv "$OUT/labourlink-harness.jar.tmp" "$OUT/labourlink-harness.jar"
echo "built $OUT/labourlink-harness.jar ($(java -version 2>&1 | head -1); $(basename "$(readlink -f "$BCPROV")"))"
