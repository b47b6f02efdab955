#!/usr/bin/env bash
# Runs the example app on http://127.0.0.1:8000 (docs at /docs), with PostgreSQL from scripts/dev-postgres.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-env.sh
FASTERAPI_PG_URL=$(scripts/dev-postgres.sh)
export FASTERAPI_PG_URL
./mvnw -B -q -ntp install -DskipTests -pl examples/basic-app -am
exec ./mvnw -B -q -ntp exec:exec -pl examples/basic-app
