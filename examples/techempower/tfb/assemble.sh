#!/usr/bin/env bash
# Makes the directory to submit to TechEmpower's repository as frameworks/Java/fasterapi:
#   examples/techempower/tfb/assemble.sh DIR     (e.g. ../FrameworkBenchmarks/frameworks/Java/fasterapi)
# DIR gets this directory's benchmark_config.json, config.toml, fasterapi.dockerfile and README.md at
# its top and, beside them, what the Dockerfile copies (its COPY lines) of FasterAPI's source tree as
# committed (git archive HEAD): the framework is not on Maven Central yet, so the entry carries it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(git -C "$here" rev-parse --show-toplevel)"
dir="${1:?usage: $0 DIR}"
mkdir -p "$dir"
mapfile -t sources < <(sed -n -E 's/^COPY +([^- ][^ ]*) .*/\1/p' "$here/fasterapi.dockerfile")
git -C "$root" archive --format=tar HEAD "${sources[@]}" | tar -x -C "$dir"
cp "$here/benchmark_config.json" "$here/config.toml" "$here/fasterapi.dockerfile" "$dir/"
# The README's links lead from examples/techempower/tfb to the sources; in DIR they sit under examples/techempower.
sed 's#](\.\./src/#](examples/techempower/src/#g' "$here/README.md" > "$dir/README.md"
echo "assemble: $dir holds the fasterapi entry; try it with TechEmpower's ./tfb --mode verify --test fasterapi" >&2
