#!/usr/bin/env bash
# Installs Debian packages for a test dependency when we are root or have password-less sudo, and says
# why not otherwise; refreshes the package lists once if the first try fails (a fresh machine may have
# none). Exits 0 either way: the caller's tests say what is missing.
#   scripts/apt-install.sh <caller> <what happens without it> <package>...
set -uo pipefail
caller="$1"; without="$2"; shift 2
log="/tmp/$caller.log"
if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo)
else
  echo "$caller: cannot install $* (not root, no password-less sudo); run 'sudo apt-get install -y $*' or $without" >&2
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "$caller: no apt-get here to install $*; install it by hand or $without" >&2
  exit 0
fi
echo "$caller: installing Debian's $*" >&2
export DEBIAN_FRONTEND=noninteractive
if ! "${sudo[@]}" apt-get install -y -q --no-install-recommends "$@" >"$log" 2>&1; then
  "${sudo[@]}" apt-get update -q >>"$log" 2>&1
  "${sudo[@]}" apt-get install -y -q --no-install-recommends "$@" >>"$log" 2>&1 \
    || echo "$caller: installing $* failed (see $log); $without" >&2
fi
exit 0
