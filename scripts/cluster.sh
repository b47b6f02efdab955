#!/usr/bin/env bash
# The example shop deployed on this machine's loopback, as in production but small (docs/deployment.md):
#
#   wrk / curl -> HAProxy :LB_PORT -> app1 :APP1_PORT, app2 :APP2_PORT   (health check: GET /ready)
#   apps -> PostgreSQL primary :PG1_PORT  (DB=direct: multi-host DSN primary,standby, read-write)
#        or PgBouncer :PGB_PORT -> primary  (DB=pgbouncer)
#   primary -> streaming standby :PG2_PORT  (pg_basebackup -R)
#
#   scripts/cluster.sh up            build the app, start everything, print the URLs
#   scripts/cluster.sh status        what runs, HAProxy's view of the apps, which server is primary
#   scripts/cluster.sh down          stop everything this script started (by pid) and delete $CLUSTER_DIR
#   scripts/cluster.sh load SECS     wrk through HAProxy; failed requests with their times in $CLUSTER_DIR/load
#   scripts/cluster.sh app-stop      scenario (a): under load, SIGTERM app2; no request may fail
#   scripts/cluster.sh db-failover   scenario (b): a fresh cluster, under load stop the primary and promote
#                                    the standby; prints the failover window and the failed requests
#   scripts/cluster.sh bench         scenario (c): throughput through HAProxy, two instances against one
#
# Settings (environment): CLUSTER_DIR (/tmp/fasterapi-cluster), LB_PORT (18000), LB_ONE_PORT (18001),
# STATS_PORT (18009), APP1_PORT (18011), APP2_PORT (18012), PG1_PORT (15441), PG2_PORT (15442),
# PGB_PORT (16441), DB (direct|pgbouncer: how the apps reach PostgreSQL; direct), FAILOVER_WAIT (the direct
# DSN's failover_wait in seconds, 0 to fail at once; 10), DRAIN_DELAY_MS (3000),
# ACCESS_LOG (false), LOAD_MIX (hello|read|write), CONNECTIONS (32), THREADS (2),
# PROMOTE_AFTER (seconds between stopping the primary and promoting the standby; 0),
# STOP_MODE (the primary's pg_ctl stop mode: fast, or immediate for a crash; fast), SECONDS_OF_LOAD,
# and for bench ROUNDS (3), MIXES ("hello read"), WARMUP (15 s).
# As root the PostgreSQL servers and PgBouncer run as user postgres (neither runs as root).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DIR=${CLUSTER_DIR:-/tmp/fasterapi-cluster}
LB_PORT=${LB_PORT:-18000}; LB_ONE_PORT=${LB_ONE_PORT:-18001}; STATS_PORT=${STATS_PORT:-18009}
APP1_PORT=${APP1_PORT:-18011}; APP2_PORT=${APP2_PORT:-18012}
PG1_PORT=${PG1_PORT:-15441}; PG2_PORT=${PG2_PORT:-15442}; PGB_PORT=${PGB_PORT:-16441}
STOP_MODE=${STOP_MODE:-fast}; DB=${DB:-direct}; FAILOVER_WAIT=${FAILOVER_WAIT:-10}; DRAIN_DELAY_MS=${DRAIN_DELAY_MS:-3000}; ACCESS_LOG=${ACCESS_LOG:-false}
CONNECTIONS=${CONNECTIONS:-32}; THREADS=${THREADS:-2}
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
log() { echo "cluster: $*" >&2; }
die() { log "$*"; exit 1; }
now_ms() { date +%s%3N; }

if [ "$(id -u)" -eq 0 ]; then AS_PG=(runuser -u postgres --); else AS_PG=(); fi
pg() { "${AS_PG[@]}" "$@"; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_for() { # $1 what, $2 seconds, $3... command
  local what=$1 secs=$2; shift 2
  local end=$(( $(date +%s) + secs ))
  until "$@" >/dev/null 2>&1; do
    [ "$(date +%s)" -lt "$end" ] || die "$what did not come up within ${secs}s (logs in $DIR)"
    sleep 0.2
  done
}
alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

pg_dsn_direct() {
  echo "postgresql://postgres@127.0.0.1:$PG1_PORT,127.0.0.1:$PG2_PORT/postgres?target_session_attrs=read-write&connect_timeout=2"
}
app_dsn() {
  case "$DB" in
    direct) echo "$(pg_dsn_direct)&failover_wait=$FAILOVER_WAIT" ;;
    pgbouncer) echo "postgresql://postgres@127.0.0.1:$PGB_PORT/postgres?connect_timeout=2&pooler=transaction" ;;
    *) die "DB must be direct or pgbouncer, not $DB" ;;
  esac
}

build() {
  . scripts/java-env.sh
  log "building examples/basic-app (package, in the reactor; nothing is installed into ~/.m2)"
  # One invocation: the reactor's modules then resolve to their fresh jars under target/, not to ~/.m2.
  local goals=(package dependency:build-classpath -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true
    -Dmdep.outputFile="$DIR/cp.txt" -pl examples/basic-app -am)
  ./mvnw -o -B -q -ntp "${goals[@]}" >"$DIR/build.log" 2>&1 \
    || ./mvnw -B -q -ntp "${goals[@]}" >"$DIR/build.log" 2>&1 || die "build failed: $DIR/build.log"
  # With -am every module writes the file; the last one built is basic-app's. Reactor modules are their jars.
  echo "$ROOT/examples/basic-app/target/classes:$(cat "$DIR/cp.txt")" >"$DIR/classpath"
}

start_primary() {
  local data=$DIR/pg1
  pg "$PGBIN/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1
  cat >>"$data/postgresql.conf" <<EOF
port = $PG1_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$DIR/run'
max_connections = 200
wal_level = replica
max_wal_senders = 5
hot_standby = on
fsync = off
EOF
  pg "$PGBIN/pg_ctl" -D "$data" -l "$DIR/pg1.log" -w -t 60 start >/dev/null
}

start_standby() {
  local data=$DIR/pg2
  pg "$PGBIN/pg_basebackup" -h 127.0.0.1 -p "$PG1_PORT" -U postgres -D "$data" -R -X stream -c fast
  pg "$PGBIN/pg_ctl" -D "$data" -l "$DIR/pg2.log" -w -t 60 -o "-p $PG2_PORT" start >/dev/null
}

start_pgbouncer() { # $1: the port of the server it points at
  cat >"$DIR/pgbouncer.ini" <<EOF
[databases]
postgres = host=127.0.0.1 port=$1 dbname=postgres
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $PGB_PORT
unix_socket_dir = $DIR/run
auth_type = trust
admin_users = postgres
auth_file = $DIR/userlist.txt
; transaction: a server connection serves a client for one transaction at a time, so the apps'
; pooled connections share fewer server ones; the apps' DSN says pooler=transaction (docs/pgbouncer.md).
pool_mode = transaction
max_client_conn = 500
default_pool_size = 100
server_connect_timeout = 2
server_login_retry = 1
logfile = $DIR/pgbouncer.log
pidfile = $DIR/pgbouncer.pid
EOF
  echo '"postgres" ""' >"$DIR/userlist.txt"
  pg /usr/sbin/pgbouncer -d "$DIR/pgbouncer.ini"
  wait_for pgbouncer 20 port_open "$PGB_PORT"
}

start_app() { # $1 name, $2 port
  . scripts/java-env.sh
  local flags="--enable-native-access=ALL-UNNAMED --add-opens java.base/java.lang=ALL-UNNAMED"
  if java --sun-misc-unsafe-memory-access=allow -version >/dev/null 2>&1; then
    flags="--sun-misc-unsafe-memory-access=allow $flags"
  fi
  # shellcheck disable=SC2086
  PORT=$2 FASTERAPI_PG_URL=$(app_dsn) DRAIN_DELAY_MS=$DRAIN_DELAY_MS ACCESS_LOG=$ACCESS_LOG \
    nohup java $flags -Xmx512m -XX:G1PeriodicGCInterval=10000 -cp "$(cat "$DIR/classpath")" \
    io.fasterapi.examples.basic.BasicApp >"$DIR/$1.log" 2>&1 &
  echo $! >"$DIR/$1.pid"
  wait_for "$1" 60 app_ready "$1" "$2"
}

start_haproxy() {
  sed -e "s|@DIR@|$DIR|g" -e "s|@LB_PORT@|$LB_PORT|g" -e "s|@LB_ONE_PORT@|$LB_ONE_PORT|g" \
    -e "s|@STATS_PORT@|$STATS_PORT|g" -e "s|@APP1_PORT@|$APP1_PORT|g" -e "s|@APP2_PORT@|$APP2_PORT|g" \
    scripts/cluster/haproxy.cfg >"$DIR/haproxy.cfg"
  /usr/sbin/haproxy -c -q -f "$DIR/haproxy.cfg" || die "haproxy refused $DIR/haproxy.cfg"
  /usr/sbin/haproxy -D -f "$DIR/haproxy.cfg" -p "$DIR/haproxy.pid"
  wait_for "both apps up in HAProxy" 20 both_up
}

app_ready() { # $1 name, $2 port; a process that exited is a failure at once
  alive "$DIR/$1.pid" || die "$1 exited: $(tail -5 "$DIR/$1.log")"
  curl -fsS "http://127.0.0.1:$2/ready"
}
haproxy_cmd() { echo "$1" | socat stdio "unix-connect:$DIR/haproxy.sock"; }
both_up() { [ "$(haproxy_cmd 'show stat' | grep -c '^apps,app[12],.*,UP,')" -eq 2 ]; }

up() {
  [ -f "$DIR/haproxy.pid" ] && alive "$DIR/haproxy.pid" && { log "already up"; urls; return 0; }
  [ -x "$PGBIN/initdb" ] || die "no PostgreSQL 15 under $PGBIN (Debian's postgresql-15)"
  scripts/ensure-cluster-tools.sh
  for t in /usr/sbin/haproxy /usr/sbin/pgbouncer /usr/bin/wrk; do [ -x "$t" ] || die "$t is missing"; done
  for p in "$LB_PORT" "$LB_ONE_PORT" "$STATS_PORT" "$APP1_PORT" "$APP2_PORT" "$PG1_PORT" "$PG2_PORT" "$PGB_PORT"; do
    port_open "$p" && die "port $p is taken (set the *_PORT variables, or scripts/cluster.sh down)"
  done
  rm -rf "$DIR"; mkdir -p "$DIR/run"
  [ "$(id -u)" -eq 0 ] && chown -R postgres: "$DIR"
  build
  log "PostgreSQL primary on $PG1_PORT, standby on $PG2_PORT"
  start_primary
  start_standby
  start_pgbouncer "$PG1_PORT"
  log "apps on $APP1_PORT and $APP2_PORT (DB=$DB: $(app_dsn))"
  start_app app1 "$APP1_PORT"   # one after the other: the first creates the schema
  start_app app2 "$APP2_PORT"
  start_haproxy
  urls
}

urls() {
  cat <<EOF
shop through HAProxy   http://127.0.0.1:$LB_PORT/items/1   (docs: /docs)
app1 alone via HAProxy http://127.0.0.1:$LB_ONE_PORT/
HAProxy stats          http://127.0.0.1:$STATS_PORT/
app1, app2             http://127.0.0.1:$APP1_PORT/ready   http://127.0.0.1:$APP2_PORT/ready
PostgreSQL             $(pg_dsn_direct)
PgBouncer -> primary   postgresql://postgres@127.0.0.1:$PGB_PORT/postgres
apps use               $(app_dsn)
EOF
}

is_primary() { # $1 port: "primary", "standby" or "down"
  local r
  r=$("$PGBIN/psql" -X -qAt -h 127.0.0.1 -p "$1" -U postgres -d postgres -c 'select pg_is_in_recovery()' 2>/dev/null) \
    || { echo down; return; }
  [ "$r" = f ] && echo primary || echo standby
}

status() {
  for c in app1 app2 haproxy pgbouncer; do
    if alive "$DIR/$c.pid"; then echo "$c: running (pid $(cat "$DIR/$c.pid"))"; else echo "$c: not running"; fi
  done
  echo "postgres :$PG1_PORT: $(is_primary "$PG1_PORT")"
  echo "postgres :$PG2_PORT: $(is_primary "$PG2_PORT")"
  if alive "$DIR/haproxy.pid"; then
    haproxy_cmd 'show stat' | awk -F, '$1=="apps" && $2 ~ /^app/ {print "haproxy sees " $2 ": " $18}'
  fi
}

stop_pid() { # $1 pidfile, $2 signal
  if alive "$1"; then
    local pid; pid=$(cat "$1")
    kill "-${2:-TERM}" "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$1"
}

down() {
  [ -d "$DIR" ] || { log "nothing to stop"; return 0; }
  stop_pid "$DIR/haproxy.pid" TERM
  stop_pid "$DIR/app1.pid" KILL
  stop_pid "$DIR/app2.pid" KILL
  stop_pid "$DIR/pgbouncer.pid" TERM
  for d in pg1 pg2; do
    [ -f "$DIR/$d/postmaster.pid" ] && pg "$PGBIN/pg_ctl" -D "$DIR/$d" -m immediate -w stop >/dev/null 2>&1 || true
  done
  rm -rf "$DIR"
  log "stopped"
}

# wrk through HAProxy for $1 seconds at $CONNECTIONS connections; $2: the URL (default the balancer).
load() {
  local secs=${1:-10} url=${2:-http://127.0.0.1:$LB_PORT}
  rm -rf "$DIR/load"; mkdir -p "$DIR/load"
  LOAD_OUT=$DIR/load LOAD_MIX=${LOAD_MIX:-hello} wrk -t "$THREADS" -c "$CONNECTIONS" -d "${secs}s" --latency \
    -s scripts/cluster/load.lua "$url" >"$DIR/load/wrk.txt" 2>&1
  cat "$DIR/load"/failures-*.log 2>/dev/null | sort -n >"$DIR/load/failures.log" || true
}

# Failed requests of the last load: statuses of 400 or more, plus wrk's socket errors (a connection
# closed or timed out without an answer: those have no time, wrk only counts them).
failures() {
  local statuses sockets
  statuses=$(awk '$2 != "ok"' "$DIR/load/failures.log" 2>/dev/null | wc -l)
  sockets=$(awk '/^load:/ {print $13 + $15 + $17 + $19}' "$DIR/load/wrk.txt")
  echo "$((statuses + ${sockets:-0}))"
}

scenario_app_stop() {
  up >/dev/null
  local secs=${SECONDS_OF_LOAD:-16}
  log "scenario (a): $secs s of load (LOAD_MIX=${LOAD_MIX:-hello}); SIGTERM to app2 after 4 s (drain delay ${DRAIN_DELAY_MS} ms)"
  load "$secs" &
  local loader=$!
  sleep 4
  local t0; t0=$(now_ms)
  kill -TERM "$(cat "$DIR/app2.pid")"
  local pid; pid=$(cat "$DIR/app2.pid")
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  local t1; t1=$(now_ms)
  wait "$loader"
  rm -f "$DIR/app2.pid"
  grep -E 'Requests/sec|load:' "$DIR/load/wrk.txt"
  echo "app2: SIGTERM at $t0, exited $((t1 - t0)) ms later; failed requests: $(failures)"
  [ -s "$DIR/load/failures.log" ] && head -20 "$DIR/load/failures.log"
  log "restarting app2"
  start_app app2 "$APP2_PORT"
  wait_for "app2 back in HAProxy" 20 both_up
}

scenario_db_failover() {
  down >/dev/null 2>&1 || true
  up >/dev/null
  local secs=${SECONDS_OF_LOAD:-30}
  LOAD_MIX=${LOAD_MIX:-write}
  export LOAD_MIX
  log "scenario (b): $secs s of load (LOAD_MIX=$LOAD_MIX, DB=$DB); stop the primary ($STOP_MODE) after 5 s, promote the standby ${PROMOTE_AFTER:-0} s later"
  load "$secs" &
  local loader=$!
  sleep 5
  local t0; t0=$(now_ms)
  pg "$PGBIN/pg_ctl" -D "$DIR/pg1" -m "${STOP_MODE:-fast}" -w stop >/dev/null
  local t1; t1=$(now_ms)
  sleep "${PROMOTE_AFTER:-0}"
  local t2; t2=$(now_ms)
  pg "$PGBIN/pg_ctl" -D "$DIR/pg2" -w promote >/dev/null
  local t3; t3=$(now_ms)
  if [ "$DB" = pgbouncer ]; then # PgBouncer points at one host: point it at the new primary
    sed -i "s/port=$PG1_PORT /port=$PG2_PORT /" "$DIR/pgbouncer.ini"
    pg "$PGBIN/psql" -X -q -h 127.0.0.1 -p "$PGB_PORT" -U postgres -d pgbouncer -c RELOAD >/dev/null
  fi
  wait "$loader"
  grep -E 'Requests/sec|load:' "$DIR/load/wrk.txt"
  local first last recovered n f=$DIR/load/failures.log
  n=$(failures)
  first=$(awk '$2 != "ok" {print $1; exit}' "$f")
  last=$(awk '$2 != "ok" {t = $1} END {print t}' "$f")
  recovered=$(awk -v l="${last:-0}" '$2=="ok" && $1>=l {print $1; exit}' "$f")
  echo "primary stop began at $t0, done $((t1 - t0)) ms later; promote began $((t2 - t0)) ms, done $((t3 - t0)) ms after the stop began"
  if [ "$n" -gt 0 ]; then
    echo "failed requests: $n, first $((first - t0)) ms, last $((last - t0)) ms after the stop began"
    echo "first success after the last failure: ${recovered:+$((recovered - t0)) ms after the stop began}"
    echo "failure statuses: $(awk '$2 != "ok" {c[$2]++} END {for (k in c) printf "%s x%d ", k, c[k]}' "$f")"
    echo "failed requests per second since the stop began: $(awk -v t="$t0" '$2 != "ok" {c[int(($1 - t) / 1000)]++}
      END {for (k in c) printf "%ss:%d ", k, c[k]}' "$f")"
  else
    echo "failed requests: 0"
  fi
  status
}

# CPU time (ms) of the processes given by pid, their reaped children included (PostgreSQL's backends).
cpu_ms() {
  local ticks=0 pid f
  for pid in "$@"; do
    f=$(cat "/proc/$pid/stat" 2>/dev/null) || continue
    f=${f##*) }   # the fields after the command name, which may hold spaces
    ticks=$(( ticks + $(echo "$f" | awk '{print $12 + $13 + $14 + $15}') ))
  done
  echo $(( ticks * 1000 / $(getconf CLK_TCK) ))
}
# The pids whose CPU a bench run counts, by component.
app_pids() { cat "$DIR/app1.pid" "$DIR/app2.pid"; }
# Both servers' (the standby replays what the primary writes; after db-failover pg1 is down and pg2 the primary).
pg_pids() {
  local d pm
  for d in pg1 pg2; do
    [ -f "$DIR/$d/postmaster.pid" ] || continue
    pm=$(head -1 "$DIR/$d/postmaster.pid")
    echo "$pm" $(pgrep -P "$pm")
  done
}
# CPU of this shell's reaped children (wrk): `times` must run in this shell, not in a $(...) subshell.
children_cpu_ms() {
  times >"$DIR/times"
  awk 'NR==2 {split($1,u,"m"); split($2,s,"m"); printf "%d", (u[1]*60+u[2]+s[1]*60+s[2])*1000}' "$DIR/times"
}

bench() {
  up >/dev/null
  local secs=${SECONDS_OF_LOAD:-10} rounds=${ROUNDS:-3}
  # Both JVMs warmed up first (JIT): a freshly restarted app2 would count against "two".
  LOAD_MIX=read load "${WARMUP:-15}" >/dev/null
  for mix in ${MIXES:-hello read}; do
    for r in $(seq 1 "$rounds"); do
      for target in two one; do
        local url=http://127.0.0.1:$LB_PORT
        [ "$target" = one ] && url=http://127.0.0.1:$LB_ONE_PORT
        local a0 h0 p0 w0 a1 h1 p1 w1 n
        a0=$(cpu_ms $(app_pids)); h0=$(cpu_ms "$(cat "$DIR/haproxy.pid")"); p0=$(cpu_ms $(pg_pids)); children_cpu_ms >"$DIR/w0"; w0=$(cat "$DIR/w0")
        LOAD_MIX=$mix load "$secs" "$url"
        a1=$(cpu_ms $(app_pids)); h1=$(cpu_ms "$(cat "$DIR/haproxy.pid")"); p1=$(cpu_ms $(pg_pids)); children_cpu_ms >"$DIR/w1"; w1=$(cat "$DIR/w1")
        n=$(awk '/^load:/ {print $2}' "$DIR/load/wrk.txt")
        echo "$mix round $r $target: $(grep 'Requests/sec' "$DIR/load/wrk.txt" | awk '{print $2}') req/s, p99 $(grep ' 99%' "$DIR/load/wrk.txt" | awk '{print $2}'), failed $(failures);" \
          "CPU us/request: apps $(( (a1 - a0) * 1000 / n )), haproxy $(( (h1 - h0) * 1000 / n )), postgres $(( (p1 - p0) * 1000 / n )), wrk $(( (w1 - w0) * 1000 / n ))"
      done
    done
  done
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  urls) urls ;;
  load) load "${2:-10}"; cat "$DIR/load/wrk.txt"; echo "failed requests: $(failures) (times in $DIR/load/failures.log)" ;;
  app-stop) scenario_app_stop ;;
  db-failover) scenario_db_failover ;;
  bench) bench ;;
  *) sed -n '2,27p' "$0" >&2; exit 2 ;;
esac
