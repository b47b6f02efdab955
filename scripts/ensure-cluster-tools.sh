#!/usr/bin/env bash
# Makes sure the tools of the load-balanced deployment (docs/deployment.md, scripts/cluster.sh) are
# installed: HAProxy in front of the app instances, PgBouncer in front of the PostgreSQL primary, and
# wrk to load them. Installs the missing ones through scripts/apt-install.sh (as root or with
# password-less sudo: Debian's haproxy, pgbouncer and wrk packages). Installing the Debian packages
# also enables their system services on their default ports; this script stops and disables those
# (scripts/cluster.sh runs its own instances on loopback ports of its own). Exits 0 either way: the
# test that needs HAProxy (BalancedGracefulStopTest) is skipped with a message naming this script.
#   scripts/ensure-cluster-tools.sh [haproxy|pgbouncer|wrk]...   (default: all three)
set -uo pipefail
want=("$@")
[ ${#want[@]} -eq 0 ] && want=(haproxy pgbouncer wrk)
path_of() { # the binary of a package: pgbouncer lives in /usr/sbin, which a non-root PATH may lack
  for d in /usr/sbin /usr/bin /sbin /bin; do
    [ -x "$d/$1" ] && { echo "$d/$1"; return 0; }
  done
  return 1
}
missing=()
for pkg in "${want[@]}"; do
  path_of "$pkg" >/dev/null || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
"$(dirname "$0")/apt-install.sh" ensure-cluster-tools \
  "BalancedGracefulStopTest is skipped and scripts/cluster.sh cannot run" "${missing[@]}"
# The packages' own services (haproxy on :80 with no frontend, pgbouncer on :6432) are not ours to run.
for svc in haproxy pgbouncer; do
  if [ -x "/etc/init.d/$svc" ] && [ "$(id -u)" -eq 0 ]; then
    "/etc/init.d/$svc" stop >/dev/null 2>&1 || true
  fi
  if command -v systemctl >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
    systemctl disable --now "$svc" >/dev/null 2>&1 || true
  fi
done
exit 0
