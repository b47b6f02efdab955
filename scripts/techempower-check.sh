#!/usr/bin/env bash
# Checks the TechEmpower Framework Benchmarks rules against a running server with curl:
#   scripts/techempower-check.sh [base-url]      (default http://127.0.0.1:8080)
# Start the app first, e.g.: java ... io.fasterapi.examples.techempower.TechEmpowerApp 8080
set -uo pipefail
BASE="${1:-http://127.0.0.1:8080}"
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
echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
