#!/usr/bin/env bash
# Makes sure `xz` is on the PATH: the driver's PostgreSQL 18 tests (Pg18Test) unpack their server,
# a .txz from the io.zonky.test.postgres binaries jar, with `tar -xJ`. Installs Debian's xz-utils
# when it is missing (scripts/apt-install.sh). Exits 0 either way: without xz those tests fail with
# a message naming it.
set -uo pipefail
if command -v xz >/dev/null 2>&1; then
  exit 0
fi
exec "$(dirname "$0")/apt-install.sh" ensure-xz "Pg18Test will fail" xz-utils
