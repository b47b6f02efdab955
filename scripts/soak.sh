#!/usr/bin/env bash
# Runs the soak test (examples/basic-app SoakTest, not part of `verify`): the example app under 256
# concurrent HTTP clients for 60 s, then checks errors, p99, pool and heap. Finds a JDK 21+ and a
# PostgreSQL DSN as scripts/test.sh does. Extra arguments go to Maven, e.g. -Dsoak.seconds=10,
# -Dsoak.clients=64, -Dsoak.warmup=5, -Dsoak.seed=<seed>. Netty's leak detection samples (level
# simple) instead of the test suite's PARANOID, which tracks every buffer and would dominate the latencies.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-env.sh
FASTERAPI_PG_URL=$(scripts/dev-postgres.sh)
export FASTERAPI_PG_URL
echo "soak: JDK $JAVA_HOME, PostgreSQL ${FASTERAPI_PG_URL%%\?*}" >&2
exec ./mvnw -B -ntp verify -pl examples/basic-app -am -Dtest=SoakTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dsoak.excludedGroups=none -Dgroups=soak -Dsoak.redirectTestOutputToFile=false \
  -Dsoak.jvm.flags=-Dio.netty.leakDetection.level=simple "$@"
