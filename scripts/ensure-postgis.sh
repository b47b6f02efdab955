#!/usr/bin/env bash
# Makes sure PostGIS is installable into the local PostgreSQL servers: the driver's user-codec test
# (UserCodecPostgisTest) reads PostGIS's `geometry` type through a codec of its own. For every
# Debian PostgreSQL major version under /usr/lib/postgresql without PostGIS, installs Debian's
# postgresql-N-postgis-3 package (scripts/apt-install.sh: as root or with password-less sudo). A
# running server sees the new extension without a restart. Exits 0 either way: without PostGIS that
# test is skipped with a message naming this script, not failed.
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
exec "$(dirname "$0")/apt-install.sh" ensure-postgis "UserCodecPostgisTest is skipped" "${missing[@]}"
