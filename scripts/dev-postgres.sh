#!/usr/bin/env bash
# Prints a PostgreSQL DSN that works, bringing a server up if needed. Idempotent and quick when one is up.
#   1. $FASTERAPI_PG_URL, when set;
#   2. else a server on 127.0.0.1:5432 that accepts a connection as user postgres (or the current user);
#   3. else a private cluster of our own (in $FASTERAPI_PG_HOME if set) (installing Debian's postgresql package if it is missing),
#      run as the postgres user when we are root (PostgreSQL refuses to run as root).
# Progress goes to stderr; only the DSN goes to stdout.
set -euo pipefail

log() { echo "dev-postgres: $*" >&2; }

if [ -n "${FASTERAPI_PG_URL:-}" ]; then
  echo "$FASTERAPI_PG_URL"
  exit 0
fi

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pg_bin_dir() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [ -n "$d" ] && [ -x "$d/initdb" ]; then echo "$d"; return 0; fi
  if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return 0; fi
  return 1
}

# Can we log in? With psql we check for real; without it an open port is the best we can know.
accepts() { # $1 port, $2 user
  local bin
  if bin=$(pg_bin_dir) && [ -x "$bin/psql" ]; then
    PGCONNECT_TIMEOUT=3 "$bin/psql" -X -q -h 127.0.0.1 -p "$1" -U "$2" -d postgres -c 'select 1' >/dev/null 2>&1
  elif command -v psql >/dev/null 2>&1; then
    PGCONNECT_TIMEOUT=3 psql -X -q -h 127.0.0.1 -p "$1" -U "$2" -d postgres -c 'select 1' >/dev/null 2>&1
  else
    port_open "$1"
  fi
}

if port_open 5432; then
  for u in postgres "$(id -un)"; do
    if accepts 5432 "$u"; then
      echo "postgresql://$u@127.0.0.1:5432/postgres"
      exit 0
    fi
  done
  log "a server answers on 5432 but does not let us in without a password; starting our own cluster"
fi

if ! BIN=$(pg_bin_dir); then
  log "PostgreSQL is not installed; installing Debian's postgresql package"
  if [ "$(id -u)" -eq 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >&2
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  else
    log "cannot install PostgreSQL: not root and no password-less sudo. Install the 'postgresql' package,"
    log "or point FASTERAPI_PG_URL at a server (e.g. postgresql://user@host:5432/db), then run this again."
    exit 1
  fi
  BIN=$(pg_bin_dir) || { log "postgresql installed, but initdb was not found"; exit 1; }
  # The package may have started its own cluster on 5432.
  for _ in 1 2 3 4 5; do
    if port_open 5432 && accepts 5432 postgres; then
      echo "postgresql://postgres@127.0.0.1:5432/postgres"; exit 0
    fi
    sleep 1
  done
fi

# Our own cluster: trust auth on loopback only, on 5432 when free, else 54329.
if [ "$(id -u)" -eq 0 ]; then
  BASE="${FASTERAPI_PG_HOME:-/var/lib/fasterapi-postgres}"
  RUN_AS=(runuser -u postgres --)
  id postgres >/dev/null 2>&1 || useradd --system --home-dir "$BASE" --shell /bin/sh postgres
else
  BASE="${FASTERAPI_PG_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/fasterapi-postgres}"
  RUN_AS=()
fi
DATA="$BASE/data"
mkdir -p "$BASE"
[ "$(id -u)" -eq 0 ] && chown postgres "$BASE"

PORT_FILE="$BASE/port"
running() { [ -f "$DATA/postmaster.pid" ] && "${RUN_AS[@]}" "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; }
if running && [ -f "$PORT_FILE" ] && accepts "$(cat "$PORT_FILE")" postgres; then
  PORT=$(cat "$PORT_FILE")
else
  if running; then
    log "our cluster runs but does not answer here; restarting it"
    "${RUN_AS[@]}" "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >&2 || true
  fi
  if [ ! -f "$DATA/PG_VERSION" ]; then
    log "creating a cluster in $DATA"
    "${RUN_AS[@]}" "$BIN/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null 2>&1 ||
      "${RUN_AS[@]}" "$BIN/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 --no-locale >&2
  fi
  if port_open 5432; then PORT=54329; else PORT=5432; fi
  echo "$PORT" > "$PORT_FILE"
  log "starting PostgreSQL on 127.0.0.1:$PORT"
  "${RUN_AS[@]}" "$BIN/pg_ctl" -D "$DATA" -l "$BASE/server.log" -w -t 60 \
    -o "-p $PORT -c listen_addresses=127.0.0.1 -k $BASE -c max_connections=300 -c fsync=off" start >&2
fi
echo "postgresql://postgres@127.0.0.1:$PORT/postgres"
