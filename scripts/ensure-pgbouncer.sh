#!/usr/bin/env bash
# Makes sure PgBouncer is installed: the driver's PgBouncer tests (PgBouncerTransactionModeTest) start
# their own pgbouncer process in front of the test server, in transaction pooling mode. Installs
# Debian's pgbouncer package (scripts/apt-install.sh: as root or with password-less sudo) and stops the
# service the package may start (the tests run their own, on a free port). Exits 0 either way: without
# pgbouncer those tests are skipped with a message naming this script, not failed.
set -uo pipefail

if command -v pgbouncer >/dev/null 2>&1 || [ -x /usr/sbin/pgbouncer ]; then
  exit 0
fi
"$(dirname "$0")/apt-install.sh" ensure-pgbouncer "PgBouncerTransactionModeTest is skipped" pgbouncer
# The package's own service (port 6432) is not ours to keep running.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet pgbouncer 2>/dev/null; then
  systemctl stop pgbouncer >/dev/null 2>&1 || sudo -n systemctl stop pgbouncer >/dev/null 2>&1 || true
elif [ -x /etc/init.d/pgbouncer ]; then
  /etc/init.d/pgbouncer stop >/dev/null 2>&1 || sudo -n /etc/init.d/pgbouncer stop >/dev/null 2>&1 || true
fi
exit 0
