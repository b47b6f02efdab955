#!/usr/bin/env bash
# Checks the TechEmpower Framework Benchmarks rules against a running server with curl, and against the
# database it reads with psql:
#   scripts/techempower-check.sh [base-url]      (default http://127.0.0.1:8080)
# The database is the app's: $FASTERAPI_PG_URL, else TechEmpower's hello_world on tfb-database. There the
# check expects TechEmpower's standard tables world and fortune, compares what /db, /updates and /fortunes
# answer with what is stored and, when pg_stat_statements is loaded (as in TechEmpower's database), counts
# the queries and rows as the toolset does. Without psql, or without a database it can reach, those checks
# FAIL: run it as the app runs. Start the app first, e.g. (examples/techempower/README.md):
#   FASTERAPI_PG_URL=postgresql://postgres@127.0.0.1:5432/hello_world java ... TechEmpowerApp 8080
set -uo pipefail
BASE="${1:-http://127.0.0.1:8080}"
DB="${FASTERAPI_PG_URL:-postgresql://benchmarkdbuser:benchmarkdbpass@tfb-database:5432/hello_world}"
fails=0; passes=0
ok()   { passes=$((passes + 1)); echo "ok   $*"; }
fail() { fails=$((fails + 1)); echo "FAIL $*"; }
check() { # description, command...
  local what="$1"; shift
  if "$@"; then ok "$what"; else fail "$what"; fi
}
get() { curl -s -D /tmp/te-headers -o /tmp/te-body "$BASE$1"; }
header() { grep -i "^$1:" /tmp/te-headers | head -1 | cut -d' ' -f2- | tr -d '\r'; }
count_objects() { grep -o '"randomNumber"' /tmp/te-body | wc -l | tr -d ' '; }
# The body's worlds as SQL rows: (id,randomNumber),(id,randomNumber),...
worlds_as_values() { grep -oE '"id":[0-9]+,"randomNumber":[0-9]+' /tmp/te-body | sed -E 's/"id":([0-9]+),"randomNumber":([0-9]+)/(\1,\2)/' | paste -sd, -; }
# One value from the database; psql's errors (never the DSN) go to stderr.
sql() { PGCONNECT_TIMEOUT=5 psql "$DB" -X -q -A -t -v ON_ERROR_STOP=1 -c "$1"; }

for path in /json /plaintext /db /queries?queries=2 /fortunes /updates?queries=2; do
  get "$path"
  check "$path answers 200" grep -q "^HTTP/1.1 200" /tmp/te-headers
  check "$path has a Server header" test -n "$(header server)"
  check "$path has a Date header" test -n "$(header date)"
  check "$path has Content-Length or chunked" test -n "$(header content-length)$(header transfer-encoding)"
done

get /json
check "json body" test "$(cat /tmp/te-body)" = '{"message":"Hello, World!"}'
check "json content type" test "$(header content-type)" = "application/json"
get /plaintext
check "plaintext body" test "$(cat /tmp/te-body)" = "Hello, World!"
check "plaintext content type" grep -qi "^content-type: text/plain" /tmp/te-headers
get /db
check "db is one world object" grep -qE '^\{"id":[0-9]+,"randomNumber":[0-9]+\}$' /tmp/te-body
for q in "queries=20:20" "queries=0:1" "queries=foo:1" ":1" "queries=501:500" "queries=-5:1"; do
  arg="${q%%:*}"; want="${q##*:}"
  get "/queries?$arg"; check "queries?$arg gives $want worlds" test "$(count_objects)" = "$want"
  get "/updates?$arg"; check "updates?$arg gives $want worlds" test "$(count_objects)" = "$want"
done
get /fortunes
check "fortunes content type" grep -qi "^content-type: text/html; charset=utf-8" /tmp/te-headers
check "fortunes has the added fortune" grep -q "<tr><td>0</td><td>Additional fortune added at request time.</td></tr>" /tmp/te-body
check "fortunes escapes the script" grep -q "&lt;script&gt;alert(&quot;This should not be displayed" /tmp/te-body
check "fortunes has no raw script" bash -c '! grep -q "<script>" /tmp/te-body'
check "fortunes keeps UTF-8" grep -q "フレームワークのベンチマーク" /tmp/te-body
check "fortunes has 13 rows" test "$(grep -o '<tr><td>' /tmp/te-body | wc -l | tr -d ' ')" = "13"
check "fortunes sorted by message" bash -c 'grep -o "<td>[^<]*</td></tr>" /tmp/te-body | sed "s#<td>##; s#</td></tr>##" | LC_ALL=C sort -c'

# The database: TechEmpower's tables, and the answers as they are stored.
if ! command -v psql >/dev/null 2>&1; then
  fail "database checks: psql is not on the PATH"
elif ! sql "SELECT 1" >/dev/null; then
  fail "database checks: cannot connect to the app's database (FASTERAPI_PG_URL, else TechEmpower's tfb-database)"
else
  check "table world has the 10,000 worlds" test "$(sql "SELECT count(*) FILTER (WHERE id BETWEEN 1 AND 10000) FROM world")" = 10000
  check "table fortune has the 12 standard fortunes" test "$(sql "SELECT count(*) FROM fortune WHERE id BETWEEN 1 AND 12")" = 12
  get /db
  check "db answers the stored world" test "$(sql "SELECT count(*) FROM world w JOIN (VALUES $(worlds_as_values)) AS a(id, r) ON w.id = a.id AND w.randomnumber = a.r")" = 1
  get "/updates?queries=20"
  check "updates stored every new number" test "$(sql "SELECT count(*) FROM (VALUES $(worlds_as_values)) AS a(id, r) LEFT JOIN world w ON w.id = a.id AND w.randomnumber = a.r WHERE w.id IS NULL")" = 0
  get /fortunes
  check "fortunes shows every stored fortune and the added one" test "$(grep -o '<tr><td>' /tmp/te-body | wc -l | tr -d ' ')" = "$(( $(sql "SELECT count(*) FROM fortune") + 1 ))"

  # As the toolset counts (toolset/databases/postgres): the statements naming the table, their calls and rows.
  if sql "SELECT 1 FROM pg_stat_statements LIMIT 1" >/dev/null 2>&1; then
    stats() { # table, "calls" or "select rows" or "update rows"
      local where="query ~* '[[:<:]]$1[[:>:]]'"
      case "$2" in
        calls) sql "SELECT coalesce(sum(calls), 0) FROM pg_stat_statements WHERE $where" ;;
        "select rows") sql "SELECT coalesce(sum(rows), 0) FROM pg_stat_statements WHERE $where AND query ~* 'select'" ;;
        "update rows") sql "SELECT coalesce(sum(rows), 0) FROM pg_stat_statements WHERE $where AND query ~* 'update'" ;;
      esac
    }
    requests=10
    counted() { # description, table, kind, path, expected, slack (percent the toolset allows above)
      local before after
      before=$(stats "$2" "$3")
      for _ in $(seq "$requests"); do get "$4"; done
      after=$(stats "$2" "$3")
      local n=$((after - before))
      check "$1: $n, expected $5" test "$n" -ge "$(( $5 * (100 - $6) / 100 ))" -a "$n" -le "$(( $5 * 105 / 100 ))"
    }
    counted "db: queries on world for $requests requests" world calls /db "$requests" 0
    counted "db: rows read from world" world "select rows" /db "$requests" 1
    counted "queries=20: queries on world for $requests requests" world calls "/queries?queries=20" $((requests * 20)) 0
    counted "queries=20: rows read from world" world "select rows" "/queries?queries=20" $((requests * 20)) 1
    # The app reads each world with its own query and writes them all with one UPDATE per request.
    counted "updates=20: queries on world for $requests requests" world calls "/updates?queries=20" $((requests * 21)) 0
    counted "updates=20: rows read from world" world "select rows" "/updates?queries=20" $((requests * 20)) 1
    counted "updates=20: rows updated in world (ids drawn twice are updated once)" world "update rows" "/updates?queries=20" $((requests * 20)) 5
    counted "fortunes: queries on fortune for $requests requests" fortune calls /fortunes "$requests" 0
    counted "fortunes: rows read from fortune" fortune "select rows" /fortunes $((requests * 12)) 1
  else
    echo "skip counting queries as the toolset does: pg_stat_statements is not loaded in this database"
  fi
fi
echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
