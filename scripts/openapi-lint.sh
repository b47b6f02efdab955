#!/usr/bin/env bash
# Validates OpenAPI documents (files named as arguments) with two independent validators, as clients'
# tool chains would read them: `@redocly/cli lint --extends=spec` (the OpenAPI specification's rules)
# and `@apidevtools/swagger-parser` (schema validation, every $ref resolved). The npm packages are
# installed once (scripts/openapi-lint/npm-tools.sh).
# Exit status: 0 valid, 1 not valid, 3 skipped because node/npm are missing (a message says so).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [ $# -eq 0 ]; then
    echo "usage: $0 openapi.json..." >&2
    exit 2
fi
. "$here/openapi-lint/npm-tools.sh"
if ! npm_tools_install; then
    echo "openapi-lint: the OpenAPI documents were not validated" >&2
    exit 3
fi
status=0
for doc in "$@"; do
    # REDOCLY_TELEMETRY=off: nothing leaves the machine; --format=stylish prints one line per problem.
    if ! REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true \
            "$npm_tools/node_modules/.bin/redocly" lint --extends=spec --format=stylish "$doc" 2>&1; then
        status=1
    fi
done
NODE_PATH="$npm_tools/node_modules" node "$here/openapi-lint/validate.js" "$@" || status=1
exit $status
