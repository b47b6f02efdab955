#!/usr/bin/env bash
# Runs the benchmarks (module fasterapi-bench) and writes their tables into docs/benchmarks.md.
#   scripts/bench.sh [futures|http|techempower|all] [quick]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-env.sh
FASTERAPI_PG_URL=$(scripts/dev-postgres.sh)
export FASTERAPI_PG_URL
what="${1:-all}"; shift || true
./mvnw -B -q -ntp install -DskipTests -pl fasterapi-bench -am
CP_FILE="$PWD/fasterapi-bench/target/classpath.txt"
./mvnw -B -q -ntp dependency:build-classpath -pl fasterapi-bench -Dmdep.outputFile="$CP_FILE" >/dev/null
CP="fasterapi-bench/target/classes:$(cat "$CP_FILE")"
FLAGS="--enable-native-access=ALL-UNNAMED"
if java --sun-misc-unsafe-memory-access=allow -version >/dev/null 2>&1; then
  FLAGS="--sun-misc-unsafe-memory-access=allow $FLAGS"
fi
run() { java $FLAGS -Dfasterapi.bench.jvmFlags="$FLAGS" -cp "$CP" "$@"; }
case "$what" in
  futures) run io.fasterapi.bench.futures.FuturesBenchmarks "$@" ;;
  http) run io.fasterapi.bench.http.HttpBenchmarks "$@" ;;
  techempower) run io.fasterapi.bench.techempower.TechEmpowerBenchmarks "$@" ;;
  all)
    run io.fasterapi.bench.futures.FuturesBenchmarks "$@"
    run io.fasterapi.bench.http.HttpBenchmarks "$@"
    run io.fasterapi.bench.techempower.TechEmpowerBenchmarks "$@"
    ;;
  *) echo "unknown benchmark '$what' (futures, http, techempower, all)" >&2; exit 2 ;;
esac
