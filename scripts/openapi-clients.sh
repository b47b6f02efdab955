#!/usr/bin/env bash
# Generates a client from an OpenAPI document with OpenAPI Generator, compiles it and runs a driver that
# calls every route of a running server through it:
#   scripts/openapi-clients.sh typescript|java DOC BASE_URL DRIVERS_DIR WORK_DIR LIB_DIR
# typescript: the typescript-fetch client and DRIVERS_DIR/calls.ts, compiled by tsc --strict, run by node.
# java:       the java client (library "native": java.net.http + Jackson 2) and DRIVERS_DIR/Calls.java,
#             compiled by javac, run by java.
# LIB_DIR holds openapi-generator-cli.jar and the Java client's libraries (the examples' build copies
# them to target/openapi-clients/lib). The driver gets BASE_URL as its argument and exits non-zero
# when a call does not answer what it should.
# Exit status: 0 every call answered as expected, 1 otherwise, 3 skipped (node/npm missing; a message
# says so).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [ $# -ne 6 ]; then
    sed -n '2,13p' "$0" >&2
    exit 2
fi
kind=$1 doc=$2 base=$3 drivers=$4 work=$5 lib=$6
# The JDK of $JAVA_HOME when set (the tests pass the one running them), else the one on PATH.
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
javac="${JAVA_HOME:+$JAVA_HOME/bin/}javac"
generate() { # generator output-dir additional-properties
    rm -rf "$2"
    mkdir -p "$(dirname "$2")"
    "$java" -jar "$lib/openapi-generator-cli.jar" generate -g "$1" -i "$doc" -o "$2" \
        --additional-properties="$3" >"$2.log" 2>&1 || { cat "$2.log" >&2; exit 1; }
}
mkdir -p "$work"
case "$kind" in
typescript)
    . "$here/openapi-lint/npm-tools.sh"
    if ! npm_tools_install; then
        echo "openapi-clients: the TypeScript client was not checked" >&2
        exit 3
    fi
    generate typescript-fetch "$work/ts/client" "supportsES6=true"
    cp "$drivers/calls.ts" "$work/ts/calls.ts"
    cat >"$work/ts/tsconfig.json" <<'JSON'
{
  "compilerOptions": {
    "strict": true, "target": "es2020", "module": "commonjs", "lib": ["es2020", "dom"],
    "outDir": "out", "skipLibCheck": false, "noEmitOnError": true
  },
  "files": ["calls.ts"]
}
JSON
    (cd "$work/ts" && "$npm_tools/node_modules/.bin/tsc" -p tsconfig.json)
    node "$work/ts/out/calls.js" "$base"
    ;;
java)
    generate java "$work/java/client" "library=native,invokerPackage=client,apiPackage=client.api,modelPackage=client.model,hideGenerationTimestamp=true,openApiNullable=false,useJakartaEe=true"
    classpath="$lib/jackson-databind.jar:$lib/jackson-core.jar:$lib/jackson-annotations.jar:$lib/jackson-datatype-jsr310.jar:$lib/jakarta.annotation-api.jar"
    rm -rf "$work/java/classes"
    find "$work/java/client/src/main/java" -name '*.java' >"$work/java/sources.txt"
    echo "$drivers/Calls.java" >>"$work/java/sources.txt"
    "$javac" -nowarn -encoding UTF-8 -d "$work/java/classes" -cp "$classpath" "@$work/java/sources.txt"
    "$java" -cp "$work/java/classes:$classpath" Calls "$base"
    ;;
*)
    echo "openapi-clients: unknown kind $kind (typescript or java)" >&2
    exit 2
    ;;
esac
