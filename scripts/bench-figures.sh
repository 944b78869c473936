#!/usr/bin/env bash
# bench-figures.sh: the key-figure import and the public facts page.
#
# Makes a demo database, serves it on a free loopback port, and through
# the API imports one JSON-stat 2.0 dataset holding every demo value of
# the eight indicators (8 × 18 × 10 = 1,440 cells, 1,205 of them values):
# the preview of the file as it is (all unchanged), the preview with every
# value changed, and applying that.  Then GET /facts right after the change
# (built anew: each run first applies a file that changes every value)
# and again (from the cache), /facts/ansatte and /collaboration.
# Each figure is the median of N runs of curl's time_total (loopback, so
# mostly server time).  Needs curl and python3.
#
#   BENCH_RUNS=N   runs per figure (default 9)
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
BIN=./build/samla
RUNS=${BENCH_RUNS:-9}
tmp=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
"$BIN" init --data "$tmp/d" --demo >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$BIN" serve --data "$tmp/d" --listen "127.0.0.1:$port" --quiet >"$tmp/log" 2>&1 &
pid=$!
tok=$("$BIN" token create --data "$tmp/d" --user sekretariat --name bench | grep -oE 'samla_\S+')
B="http://127.0.0.1:$port"
for _ in $(seq 50); do curl -sf "$B/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
python3 - "$tmp/d/samla.db" "$tmp" <<'PY'
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
codes = [r[0] for r in db.execute("SELECT code FROM indicator ORDER BY sort_key")]
mins = ['ALLE'] + [r[0] for r in db.execute("SELECT code FROM ministry WHERE valid_to IS NULL ORDER BY code")]
years = [str(y) for y in range(2016, 2026)]
have = {(c, m or 'ALLE', p): v for c, m, p, v in db.execute(
    "SELECT i.code, mi.code, x.period, x.value FROM indicator_value x JOIN indicator i ON i.id = x.indicator_id "
    "LEFT JOIN ministry mi ON mi.id = x.ministry_id")}
vals = [have.get((c, m, y)) for c in codes for m in mins for y in years]
doc = {"version": "2.0", "class": "dataset", "id": ["ContentsCode", "departement", "Tid"],
       "size": [len(codes), len(mins), len(years)],
       "role": {"metric": ["ContentsCode"], "geo": ["departement"], "time": ["Tid"]},
       "dimension": {"ContentsCode": {"category": {"index": codes}}, "departement": {"category": {"index": mins}},
                     "Tid": {"category": {"index": years}}}, "value": vals}
json.dump(doc, open(sys.argv[2] + "/same.json", "w"))
doc["value"] = [None if v is None else v + 1 for v in vals]
json.dump(doc, open(sys.argv[2] + "/changed.json", "w"))
print("cells %d, values %d" % (len(vals), sum(v is not None for v in vals)))
PY
median() { sort -n | awk '{a[NR]=$1} END {printf "%.1f ms\n", a[int((NR+1)/2)]*1000}'; }
t() { curl -s -o /dev/null -w '%{time_total}\n' "$@"; }
post() { t -X POST -H "Authorization: Bearer $tok" --data-binary @"$1" "$B/api/v1/indicators/import$2"; }
printf '| what | median of %d |\n|---|---|\n' "$RUNS"
printf '| import preview, 1,205 values, all unchanged | %s |\n' "$(for _ in $(seq "$RUNS"); do post "$tmp/same.json" ""; done | median)"
printf '| import preview, 1,205 values, all changed | %s |\n' "$(for _ in $(seq "$RUNS"); do post "$tmp/changed.json" ""; done | median)"
printf '| import applied, 1,205 changes (one run) | %s |\n' "$(post "$tmp/changed.json" "?apply=1" | median)"
printf '| /facts right after a change (built) | %s |\n' "$(for i in $(seq "$RUNS"); do f=same; [ $((i % 2)) = 1 ] || f=changed; post "$tmp/$f.json" "?apply=1" >/dev/null; t "$B/facts"; done | median)"
printf '| /facts again (cache) | %s |\n' "$(for _ in $(seq "$RUNS"); do t "$B/facts"; done | median)"
printf '| /facts/ansatte, three charts (built) | %s |\n' "$(for i in $(seq "$RUNS"); do t "$B/facts/ansatte?r=$i"; done | median)"
printf '| /collaboration as the public (built) | %s |\n' "$(for i in $(seq "$RUNS"); do t "$B/collaboration?r=$i"; done | median)"
