#!/usr/bin/env bash
# Runs the benchmarks (module fasterapi-bench) and writes their tables into docs/benchmarks.md.
#   scripts/bench.sh [futures|driver|pool|http|techempower|startup|events|all] [quick]
# Builds the modules of this checkout first (packaged in place, never installed); with BENCH_USE_INSTALLED=1
# it builds only fasterapi-bench and takes the other modules from ~/.m2 as they are (to measure a driver
# someone else installed).
# The driver benchmark uses $FASTERAPI_PG_URL, else the server scripts/dev-postgres.sh finds or starts,
# and needs pgbench on the PATH; the pool benchmark (COPY) needs psql.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-env.sh
FASTERAPI_PG_URL=$(scripts/dev-postgres.sh)
export FASTERAPI_PG_URL
what="${1:-all}"; shift || true
CP_FILE="$PWD/fasterapi-bench/target/classpath.txt"
if [ "${BENCH_USE_INSTALLED:-0}" = 1 ]; then
  ./mvnw -B -q -ntp package -DskipTests -pl fasterapi-bench
  ./mvnw -B -q -ntp dependency:build-classpath -pl fasterapi-bench -Dmdep.outputFile="$CP_FILE" >/dev/null
else
  # One reactor build: the class path names this checkout's module jars (target/*.jar), and nothing is
  # installed into ~/.m2, where other builds would pick up this checkout's modules. The bench module is the
  # reactor's last, so its class path is the one left in $CP_FILE.
  ./mvnw -B -q -ntp package dependency:build-classpath -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true \
    -Dmdep.outputFile="$CP_FILE" -pl fasterapi-bench -am >/dev/null
fi
CP="fasterapi-bench/target/classes:$(cat "$CP_FILE")"
FLAGS="--enable-native-access=ALL-UNNAMED --add-opens java.base/java.lang=ALL-UNNAMED"
if java --sun-misc-unsafe-memory-access=allow -version >/dev/null 2>&1; then
  FLAGS="--sun-misc-unsafe-memory-access=allow $FLAGS"
fi
run() { java $FLAGS -Dfasterapi.bench.jvmFlags="$FLAGS" ${BENCH_JAVA_OPTS:-} -cp "$CP" "$@"; }
driver() {
  FASTERAPI_PG_URL="$(scripts/dev-postgres.sh)" run -Xms1g -Xmx1g io.fasterapi.bench.driver.DriverBenchmarks "$@"
}
# The techempower benchmark's servers read TechEmpower's tables from database hello_world on the same
# server, as in TechEmpower's runs (the benchmark creates it when missing): the DSN naming that database.
hello_world_dsn() {
  case "$1" in
    postgres://*|postgresql://*) printf '%s' "$1" | sed -E 's#^(postgres(ql)?://[^/?]*)(/[^?]*)?#\1/hello_world#' ;;
    *) printf '%s dbname=hello_world' "$1" ;;
  esac
}
techempower() {
  FASTERAPI_PG_URL="$(hello_world_dsn "$FASTERAPI_PG_URL")" run io.fasterapi.bench.techempower.TechEmpowerBenchmarks "$@"
}
# Startup needs the modules' jars (a JDK AOT cache refuses class directories): the build packaged them.
startup() {
  # Each app starts on the class path it is deployed with: the example's runtime dependencies, and for each
  # peer its framework's (fasterapi-bench/startup/*/pom.xml) plus the bench jar that holds its main class.
  local cps="$PWD/fasterapi-bench/target/startup-classpaths" bench_jar
  mkdir -p "$cps"
  ./mvnw -B -q -ntp package dependency:build-classpath -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true \
    -DincludeScope=runtime -Dmdep.outputFile="$cps/techempower.deps" -pl examples/techempower -am >/dev/null
  echo "$(ls "$PWD"/examples/techempower/target/techempower-*.jar | grep -v -e '-sources\.jar$' -e '-javadoc\.jar$' | head -1):$(cat "$cps/techempower.deps")" > "$cps/fasterapi.txt"
  ./mvnw -B -q -ntp package dependency:build-classpath -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true \
    -DincludeScope=runtime -Dmdep.outputFile="$cps/basic-app.deps" -pl examples/basic-app -am >/dev/null
  echo "$(ls "$PWD"/examples/basic-app/target/basic-app-*.jar | grep -v -e '-sources\.jar$' -e '-javadoc\.jar$' | head -1):$(cat "$cps/basic-app.deps")" > "$cps/basic.txt"
  ./mvnw -B -q -ntp package dependency:build-classpath -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true \
    -DincludeScope=runtime -Dmdep.outputFile="$cps/secure-app.deps" -pl examples/secure-app -am >/dev/null
  echo "$(ls "$PWD"/examples/secure-app/target/secure-app-*.jar | grep -v -e '-sources\.jar$' -e '-javadoc\.jar$' | head -1):$(cat "$cps/secure-app.deps")" > "$cps/secure.txt"
  bench_jar=$(ls "$PWD"/fasterapi-bench/target/fasterapi-bench-*.jar | grep -v -e '-sources\.jar$' -e '-javadoc\.jar$' | head -1)
  for peer in vertx javalin; do
    ./mvnw -B -q -ntp -f "fasterapi-bench/startup/$peer/pom.xml" dependency:build-classpath -Dmdep.outputFile="$cps/$peer.deps" >/dev/null
    echo "$bench_jar:$(cat "$cps/$peer.deps")" > "$cps/$peer.txt"
  done
  # The shop and secure examples create their tables in the database they are given, not in TechEmpower's.
  FASTERAPI_PG_URL="$(hello_world_dsn "$FASTERAPI_PG_URL")" run -Dfasterapi.bench.startup.classpaths="$cps" \
    -Dfasterapi.bench.startup.shopDsn="$FASTERAPI_PG_URL" io.fasterapi.bench.startup.StartupBenchmarks "$@"
}
pool() {
  FASTERAPI_PG_URL="$(scripts/dev-postgres.sh)" run -Xms1g -Xmx1g io.fasterapi.bench.pool.PoolBenchmarks "$@"
}
case "$what" in
  futures) run io.fasterapi.bench.futures.FuturesBenchmarks "$@" ;;
  driver) driver "$@" ;;
  pool) pool "$@" ;;
  http) run io.fasterapi.bench.http.HttpBenchmarks "$@" ;;
  techempower) techempower "$@" ;;
  startup) startup "$@" ;;
  events) FASTERAPI_PG_URL="$(scripts/dev-postgres.sh)" run -Xms1g -Xmx1g io.fasterapi.bench.events.BrokerFanOutBenchmark "$@" ;;
  all)
    run io.fasterapi.bench.futures.FuturesBenchmarks "$@"
    driver "$@"
    pool "$@"
    run io.fasterapi.bench.http.HttpBenchmarks "$@"
    techempower "$@"
    ;;
  *) echo "unknown benchmark '$what' (futures, driver, pool, http, techempower, startup, events, all)" >&2; exit 2 ;;
esac
