#!/usr/bin/env bash
# Runs the whole test suite: finds a JDK 21+, gets a PostgreSQL DSN (starting a server if needed), runs Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-env.sh
FASTERAPI_PG_URL=$(scripts/dev-postgres.sh)
export FASTERAPI_PG_URL
scripts/ensure-chromium.sh   # for the Swagger UI test in a real browser; skipped with a message if it cannot be had
scripts/ensure-xz.sh         # for unpacking PostgreSQL 18 (Pg18Test)
scripts/ensure-postgis.sh    # for PostGIS's geometry in UserCodecPostgisTest; skipped with a message if it cannot be had
scripts/ensure-pgbouncer.sh  # for PgBouncerTransactionModeTest (its own pgbouncer per run); skipped with a message if it cannot be had
echo "test: JDK $JAVA_HOME, PostgreSQL ${FASTERAPI_PG_URL%%\?*}" >&2
# install, not just verify: the template test (fasterapi-archetype) builds a new project against the
# framework this run installed into the local Maven repository.
exec ./mvnw -B -ntp install "$@"
