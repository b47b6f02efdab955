#!/usr/bin/env bash
# Runs the example app on http://127.0.0.1:8000 (docs at /docs), with PostgreSQL from scripts/dev-postgres.sh.
# `scripts/run-example.sh secure` runs examples/secure-app (OAuth2 password flow, JWTs, scopes) instead.
# SIGTERM or Ctrl-C stops it gracefully. HOST=0.0.0.0 listens on every interface, PORT changes the port;
# JAVA_MEMORY_OPTS replaces the memory flags below (docs/reliability.md, "Memory after load").
# AOT=1 starts it with the JDK AOT cache `scripts/aot-cache.sh [basic|secure]` made, on that cache's jars,
# without rebuilding (a rebuild would make the cache stale): the first answer comes about twice as soon.
set -euo pipefail
case "${1:-basic}" in
  basic) MODULE=examples/basic-app; MAIN=io.fasterapi.examples.basic.BasicApp ;;
  secure) MODULE=examples/secure-app; MAIN=io.fasterapi.examples.secure.SecureApp ;;
  *) echo "usage: $0 [basic|secure]" >&2; exit 2 ;;
esac
cd "$(dirname "$0")/.."
. scripts/java-env.sh
FASTERAPI_PG_URL=$(scripts/dev-postgres.sh)
export FASTERAPI_PG_URL
FLAGS="--enable-native-access=ALL-UNNAMED --add-opens java.base/java.lang=ALL-UNNAMED"
if java --sun-misc-unsafe-memory-access=allow -version >/dev/null 2>&1; then
  FLAGS="--sun-misc-unsafe-memory-access=allow $FLAGS"
fi
# A bound on the heap (the JVM's default maximum is a quarter of the RAM) and a GC in idle periods that gives
# free heap back to the OS: after a load the app's RSS falls back to ~170 MB instead of staying at ~300 MB.
# On JDK 22+ also a periodic trim of the native heap, which returns what the JIT compilers freed after the
# start (~12 MiB; docs/reliability.md, "Heap settings we recommend").
MEMORY="-Xmx512m -XX:G1PeriodicGCInterval=10000"
if java -XX:TrimNativeHeapInterval=5000 -version >/dev/null 2>&1; then
  MEMORY="$MEMORY -XX:TrimNativeHeapInterval=5000"
fi
MEMORY="${JAVA_MEMORY_OPTS:-$MEMORY}"
if [ "${AOT:-0}" = 1 ]; then
  if [ ! -s "$MODULE/target/app.aot" ] || [ ! -s "$MODULE/target/aot-classpath.txt" ]; then
    echo "run-example: no AOT cache for $MODULE: run scripts/aot-cache.sh ${1:-basic} first" >&2
    exit 2
  fi
  exec java $FLAGS $MEMORY -XX:AOTCache="$MODULE/target/app.aot" -cp "$(cat "$MODULE/target/aot-classpath.txt")" "$MAIN"
fi
echo "run-example: building (first run downloads Maven and the dependencies)" >&2
./mvnw -B -q -ntp install -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true -pl "$MODULE" -am
CP_FILE="$PWD/$MODULE/target/classpath.txt"
./mvnw -B -q -ntp dependency:build-classpath -pl "$MODULE" -Dmdep.outputFile="$CP_FILE" >/dev/null
exec java $FLAGS $MEMORY -cp "$MODULE/target/classes:$(cat "$CP_FILE")" "$MAIN"
