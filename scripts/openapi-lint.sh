#!/usr/bin/env bash
# Validates OpenAPI documents (files named as arguments) with two independent validators, as clients'
# tool chains would read them: `@redocly/cli lint --extends=spec` (the OpenAPI specification's rules)
# and `@apidevtools/swagger-parser` (schema validation, every $ref resolved).
# The npm packages (versions locked in scripts/openapi-lint/package-lock.json) are installed once into
# ${FASTERAPI_OPENAPI_LINT_CACHE:-~/.cache/fasterapi-openapi-lint}.
# Exit status: 0 valid, 1 not valid, 3 skipped because node/npm are missing (a message says so).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [ $# -eq 0 ]; then
    echo "usage: $0 openapi.json..." >&2
    exit 2
fi
if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
    echo "openapi-lint: node/npm not found; the OpenAPI documents were not validated" >&2
    exit 3
fi
cache="${FASTERAPI_OPENAPI_LINT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/fasterapi-openapi-lint}"
mkdir -p "$cache"
# Builds of several checkouts may share the cache: one installs while the others wait.
exec 9>"$cache/.lock"
command -v flock >/dev/null 2>&1 && flock 9
if ! cmp -s "$here/openapi-lint/package-lock.json" "$cache/installed-lock.json" \
        || [ ! -x "$cache/node_modules/.bin/redocly" ]; then
    cp "$here/openapi-lint/package.json" "$here/openapi-lint/package-lock.json" "$cache/"
    rm -f "$cache/installed-lock.json"
    if (cd "$cache" && npm ci --no-audit --no-fund --loglevel=error >"$cache/npm-install.log" 2>&1); then
        cp "$here/openapi-lint/package-lock.json" "$cache/installed-lock.json"
    else
        echo "openapi-lint: npm install failed (see $cache/npm-install.log); the documents were not validated" >&2
        tail -5 "$cache/npm-install.log" >&2
        exit 3
    fi
fi
command -v flock >/dev/null 2>&1 && flock -u 9
status=0
for doc in "$@"; do
    # REDOCLY_TELEMETRY=off: nothing leaves the machine; --format=stylish prints one line per problem.
    if ! REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true \
            "$cache/node_modules/.bin/redocly" lint --extends=spec --format=stylish "$doc" 2>&1; then
        status=1
    fi
done
NODE_PATH="$cache/node_modules" node "$here/openapi-lint/validate.js" "$@" || status=1
exit $status
