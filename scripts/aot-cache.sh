#!/usr/bin/env bash
# Makes a JDK ahead-of-time cache (JEP 483/514/515, JDK 25) for an example app from one training run, so
# that later starts load and link its classes from the cache and start with its method profiles:
#   scripts/aot-cache.sh [basic|secure|techempower]
# It builds the app's jars (packaged in place: a cache refuses a class path with directories, and nothing
# is installed into ~/.m2), writes the class path of jars to <module>/target/aot-classpath.txt, starts the
# app once with -XX:AOTCacheOutput on a free port, asks its routes (the database ones too) a few dozen
# times each, stops it with SIGTERM (the JVM writes the cache as it exits) and prints the command that
# runs the app with the cache. `AOT=1 scripts/run-example.sh` uses the cache of basic or secure.
# The cache belongs to that JDK and that class path: rebuild it after a change to either (a stale cache
# is refused with a warning and the app starts without it). PostgreSQL comes from scripts/dev-postgres.sh;
# techempower's database hello_world is created on that server when missing.
set -euo pipefail
case "${1:-basic}" in
  basic) MODULE=examples/basic-app; MAIN=io.fasterapi.examples.basic.BasicApp; READY=/hello
    PATHS="/hello /db/version /items/1 /user/1 /summary?user_id=1 /items.csv /fast /openapi.json /docs /items/0 /items/x" ;;
  secure) MODULE=examples/secure-app; MAIN=io.fasterapi.examples.secure.SecureApp; READY=/status
    PATHS="/status /users/me /openapi.json /docs" ;;
  techempower) MODULE=examples/techempower; MAIN=io.fasterapi.examples.techempower.TechEmpowerApp; READY=/json
    PATHS="/json /plaintext /db /queries?queries=5 /fortunes /updates?queries=5 /db-blocking /queries-blocking?queries=5 /fortunes-blocking /openapi.json" ;;
  *) echo "usage: $0 [basic|secure|techempower]" >&2; exit 2 ;;
esac
cd "$(dirname "$0")/.."
. scripts/java-env.sh
FASTERAPI_PG_URL=$(scripts/dev-postgres.sh)
export FASTERAPI_PG_URL
echo "aot-cache: building $MODULE" >&2
CP_FILE="$PWD/$MODULE/target/aot-classpath.txt"
# One reactor build: the modules resolve to their jars under target/, the module's own class path is the
# last one written (the reactor builds it last).
./mvnw -B -q -ntp package dependency:build-classpath -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true \
  -DincludeScope=runtime -Dmdep.outputFile="$CP_FILE.deps" -pl "$MODULE" -am >/dev/null
JAR=$(ls "$PWD/$MODULE"/target/*.jar | grep -v -e '-sources\.jar$' -e '-javadoc\.jar$' | head -1)
echo "$JAR:$(cat "$CP_FILE.deps")" > "$CP_FILE"
CP=$(cat "$CP_FILE")
FLAGS="--enable-native-access=ALL-UNNAMED --add-opens java.base/java.lang=ALL-UNNAMED"
if java --sun-misc-unsafe-memory-access=allow -version >/dev/null 2>&1; then
  FLAGS="--sun-misc-unsafe-memory-access=allow $FLAGS"
fi
if [ "$MODULE" = examples/techempower ]; then
  java $FLAGS -cp "$CP" io.fasterapi.examples.techempower.HelloWorldDatabase "$FASTERAPI_PG_URL"
  case "$FASTERAPI_PG_URL" in
    postgres://*|postgresql://*) FASTERAPI_PG_URL=$(printf '%s' "$FASTERAPI_PG_URL" | sed -E 's#^(postgres(ql)?://[^/?]*)(/[^?]*)?#\1/hello_world#') ;;
    *) FASTERAPI_PG_URL="$FASTERAPI_PG_URL dbname=hello_world" ;;
  esac
fi
CACHE="$PWD/$MODULE/target/app.aot"
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
MEMORY="-Xmx512m -XX:G1PeriodicGCInterval=10000" # as scripts/run-example.sh
if java -XX:TrimNativeHeapInterval=5000 -version >/dev/null 2>&1; then
  MEMORY="$MEMORY -XX:TrimNativeHeapInterval=5000"
fi
MEMORY="${JAVA_MEMORY_OPTS:-$MEMORY}"
LOG="$PWD/$MODULE/target/aot-training.log"
echo "aot-cache: training run on port $PORT (log: $LOG)" >&2
PORT=$PORT java $FLAGS $MEMORY -XX:AOTCacheOutput="$CACHE" -cp "$CP" "$MAIN" "$PORT" >"$LOG" 2>&1 &
PID=$!
trap 'kill -TERM $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
  curl -sf -o /dev/null "http://127.0.0.1:$PORT$READY" && break
  kill -0 $PID 2>/dev/null || { echo "aot-cache: the app stopped; see $LOG" >&2; exit 1; }
  sleep 0.1
done
for path in $PATHS; do
  for _ in $(seq 1 50); do curl -s -o /dev/null "http://127.0.0.1:$PORT$path"; done
done
if [ "$MODULE" = examples/basic-app ]; then # the validation path: a 422, nothing written
  for _ in $(seq 1 50); do
    curl -s -o /dev/null -H 'content-type: application/json' -d '{"name": "", "price": -1}' "http://127.0.0.1:$PORT/items"
  done
fi
kill -TERM $PID
wait $PID || true
trap - EXIT
[ -s "$CACHE" ] || { echo "aot-cache: no cache written; see $LOG" >&2; exit 1; }
echo "aot-cache: wrote $CACHE ($(du -h "$CACHE" | cut -f1)); run the app with it:" >&2
echo "java $FLAGS $MEMORY -XX:AOTCache=$CACHE -cp \"\$(cat $CP_FILE)\" $MAIN"
