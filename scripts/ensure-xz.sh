#!/usr/bin/env bash
# Makes sure `xz` is on the PATH: the driver's PostgreSQL 18 tests (Pg18Test) unpack their server,
# a .txz from the io.zonky.test.postgres binaries jar, with `tar -xJ`. Installs Debian's xz-utils
# when it is missing and we are root or have password-less sudo; otherwise says why it cannot.
# Exits 0 either way: without xz those tests fail with a message naming it.
set -uo pipefail

if command -v xz >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo)
else
  echo "ensure-xz: no xz on PATH and cannot install it (not root, no password-less sudo);" \
       "run 'sudo apt-get install -y xz-utils' or Pg18Test will fail" >&2
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-xz: no xz on PATH and no apt-get here; install xz by hand or Pg18Test will fail" >&2
  exit 0
fi
echo "ensure-xz: installing Debian's xz-utils package" >&2
export DEBIAN_FRONTEND=noninteractive
if ! "${sudo[@]}" apt-get install -y -q xz-utils >/tmp/ensure-xz.log 2>&1; then
  # The package lists may be missing or stale on a fresh machine: refresh them once and retry.
  "${sudo[@]}" apt-get update -q >>/tmp/ensure-xz.log 2>&1
  "${sudo[@]}" apt-get install -y -q xz-utils >>/tmp/ensure-xz.log 2>&1 \
    || echo "ensure-xz: installing xz-utils failed (see /tmp/ensure-xz.log); Pg18Test will fail" >&2
fi
