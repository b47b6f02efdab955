#!/usr/bin/env bash
# Makes sure PostGIS is installable into the local PostgreSQL servers: the driver's user-codec test
# (UserCodecPostgisTest) reads PostGIS's `geometry` type through a codec of its own. For every
# Debian PostgreSQL major version under /usr/lib/postgresql without PostGIS, installs Debian's
# postgresql-N-postgis-3 package when we are root or have password-less sudo; otherwise says why
# it cannot. A running server sees the new extension without a restart. Exits 0 either way:
# without PostGIS that test is skipped with a message naming this script, not failed.
set -uo pipefail

missing=()
for bin in /usr/lib/postgresql/*/bin/postgres; do
  [ -x "$bin" ] || continue
  major=$(basename "$(dirname "$(dirname "$bin")")")
  if [ ! -f "/usr/share/postgresql/$major/extension/postgis.control" ]; then
    missing+=("postgresql-$major-postgis-3")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo)
else
  echo "ensure-postgis: PostGIS is missing and cannot be installed (not root, no password-less sudo);" \
       "run 'sudo apt-get install -y ${missing[*]}' or UserCodecPostgisTest is skipped" >&2
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-postgis: PostGIS is missing and there is no apt-get here; UserCodecPostgisTest is skipped" >&2
  exit 0
fi
echo "ensure-postgis: installing Debian's ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
if ! "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" >/tmp/ensure-postgis.log 2>&1; then
  # The package lists may be missing or stale on a fresh machine: refresh them once and retry.
  "${sudo[@]}" apt-get update -q >>/tmp/ensure-postgis.log 2>&1
  "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" >>/tmp/ensure-postgis.log 2>&1 \
    || echo "ensure-postgis: installing ${missing[*]} failed (see /tmp/ensure-postgis.log);" \
            "UserCodecPostgisTest is skipped" >&2
fi
