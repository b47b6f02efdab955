# Sourced by scripts/openapi-lint.sh and scripts/openapi-clients.sh: installs the npm packages locked in
# scripts/openapi-lint/package-lock.json (redocly, swagger-parser, typescript) once into
# ${FASTERAPI_OPENAPI_LINT_CACHE:-~/.cache/fasterapi-openapi-lint} and sets $npm_tools to that directory.
# Returns 3, with a message, when node/npm are missing or the install fails.
npm_tools_install() {
    local lock_dir
    lock_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
    if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
        echo "node/npm not found" >&2
        return 3
    fi
    npm_tools="${FASTERAPI_OPENAPI_LINT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/fasterapi-openapi-lint}"
    mkdir -p "$npm_tools"
    (
        # Builds of several checkouts may share the cache: one installs while the others wait.
        command -v flock >/dev/null 2>&1 && flock 9
        if cmp -s "$lock_dir/package-lock.json" "$npm_tools/installed-lock.json" \
                && [ -x "$npm_tools/node_modules/.bin/redocly" ]; then
            exit 0
        fi
        cp "$lock_dir/package.json" "$lock_dir/package-lock.json" "$npm_tools/"
        rm -f "$npm_tools/installed-lock.json"
        if (cd "$npm_tools" && npm ci --no-audit --no-fund --loglevel=error >"$npm_tools/npm-install.log" 2>&1); then
            cp "$lock_dir/package-lock.json" "$npm_tools/installed-lock.json"
        else
            echo "npm ci failed (see $npm_tools/npm-install.log):" >&2
            tail -5 "$npm_tools/npm-install.log" >&2
            exit 3
        fi
    ) 9>"$npm_tools/.lock"
}
