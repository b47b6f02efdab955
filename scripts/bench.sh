#!/usr/bin/env bash
# Runs the benchmarks (module fasterapi-bench) and writes their tables into docs/benchmarks.md.
#   scripts/bench.sh [futures|driver|pool|http|techempower|startup|events|all] [quick]
# Builds the modules of this checkout first; with BENCH_USE_INSTALLED=1 it builds only fasterapi-bench
# and takes the other modules from ~/.m2 as they are (to measure a driver someone else installed).
# The driver benchmark uses $FASTERAPI_PG_URL, else the server scripts/dev-postgres.sh finds or starts,
# and needs pgbench on the PATH; the pool benchmark (COPY) needs psql.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-env.sh
FASTERAPI_PG_URL=$(scripts/dev-postgres.sh)
export FASTERAPI_PG_URL
what="${1:-all}"; shift || true
if [ "${BENCH_USE_INSTALLED:-0}" = 1 ]; then
  ./mvnw -B -q -ntp package -DskipTests -pl fasterapi-bench
else
  ./mvnw -B -q -ntp install -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true -pl fasterapi-bench -am
fi
CP_FILE="$PWD/fasterapi-bench/target/classpath.txt"
./mvnw -B -q -ntp dependency:build-classpath -pl fasterapi-bench -Dmdep.outputFile="$CP_FILE" >/dev/null
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
# Startup needs the modules' jars (a JDK AOT cache refuses class directories): install packaged them.
startup() {
  FASTERAPI_PG_URL="$(hello_world_dsn "$FASTERAPI_PG_URL")" run io.fasterapi.bench.startup.StartupBenchmarks "$@"
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
