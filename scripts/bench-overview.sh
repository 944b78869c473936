#!/usr/bin/env bash
# bench-overview.sh: the measure overview at size (part of make bench).
#
# Builds a database with 500 measures (imported through `samla import`)
# and 20 published editions (through the API, with small changes between
# them), then runs wrk at 64 connections against /measures of the demo
# database (the foundation's figure) and, on the big one, /measures and
# the comparison of the first and last edition — public pages, so served
# from samla's cache once rendered — plus the same comparison through the
# API as a signed-in caller (never cached), and the time one uncached
# comparison of two 500-measure editions takes, measured by the server's
# own access log (median of 20).  Last, the unfinished measures of the
# 500 are carried over into 2025– through the API, the preview (a dry
# run) and then for real, each timed by the access log.  The big
# database's measures are in 2021–2025, which is not the period in force:
# its list and editions are asked for by strategy.  Prints a table and
# appends it to bench/out/latest.md.  Loopback only; bounded in time.
#
#   BENCH_DURATION=N   seconds per wrk run (default 10)
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
BIN=./build/samla
DURATION=${BENCH_DURATION:-10}
OUT_MD=bench/out/latest.md
tmp=$(mktemp -d)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$tmp"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null ||
              echo $((20000 + RANDOM % 20000)); }

start() { # start DIR PORT LOG
    # wrk opens up to 64 connections and curl follows at once: room above the per-client limit.
    "$BIN" serve --data "$1" --listen "127.0.0.1:$2" --threads 2 --per-client 256 ${4:-} 2>"$3" &
    pids+=($!)
    for _ in $(seq 1 200); do
        curl -fs "http://127.0.0.1:$2/healthz" >/dev/null 2>&1 && return 0
        sleep 0.02
    done
    echo "bench-overview: samla did not start" >&2
    exit 1
}

rps() { # rps URL [header]
    if [ -n "${2:-}" ]; then
        wrk -t2 -c64 -d"${DURATION}s" -H "$2" "$1" | awk '/Requests\/sec/ {printf "%d", $2}'
    else
        wrk -t2 -c64 -d"${DURATION}s" "$1" | awk '/Requests\/sec/ {printf "%d", $2}'
    fi
}

# The foundation's figure: the demo database.
"$BIN" init --data "$tmp/demo" --demo >/dev/null
p1=$(free_port)
start "$tmp/demo" "$p1" /dev/null --quiet
curl -fs "http://127.0.0.1:$p1/measures" >/dev/null
base=$(rps "http://127.0.0.1:$p1/measures")

# The big database: 500 measures by import.
"$BIN" init --data "$tmp/big" --demo >/dev/null
"$BIN" export measures --data "$tmp/big" --format csv -o "$tmp/base.csv"
{
    head -n 1 "$tmp/base.csv"
    for i in $(seq 1 478); do
        area=$(( (i % 3) + 1 ))
        status=$(echo "not_started planned in_progress delayed completed" | cut -d' ' -f$(( (i % 5) + 1 )))
        printf '2021-2025;%d.%d;Tiltak nummer %d for arbeidet på tvers;%d;;Beskrivelse av tiltak %d.;DFD;KD, BFD;;%s;medium;2026-01-01;2027-06-30;%d;1;plain;;;;;[ ] 2026-12-31 Første milepæl;public;;\n' \
            "$area" $((100 + i)) "$i" "$area" "$i" "$status" $(( (i * 7) % 100 ))
    done
} > "$tmp/big.csv"
"$BIN" import measures "$tmp/big.csv" --data "$tmp/big" --apply >/dev/null
n=$(sqlite3 "$tmp/big/samla.db" "select count(*) from measure where strategy_id = 2")
token=$("$BIN" token create --data "$tmp/big" --user sekretariat --name bench 2>/dev/null)
p2=$(free_port)
start "$tmp/big" "$p2" "$tmp/big.log"
api="http://127.0.0.1:$p2/api/v1"
ids=$(curl -fs -H "Authorization: Bearer $token" "$api/measures?strategy=2021-2025" |
      python3 -c 'import json,sys; print(" ".join(str(m["id"]) for m in json.load(sys.stdin)["items"][:60]))')
set -- $ids
for e in $(seq 1 19); do
    for k in 1 2 3; do
        id=$(eval echo "\${$(( (e * 3 + k) % $# + 1 ))}")
        curl -fs -X PATCH -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
            -d "{\"progress\": $(( (e * 13 + k * 7) % 100 )), \"priority\": \"high\"}" "$api/measures/$id" >/dev/null
    done
    curl -fs -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
        -d "{\"title\": \"Utgave $e\", \"approval_note\": \"Benchmark\", \"strategy\": \"2021-2025\"}" \
        "$api/editions" >/dev/null
done
editions=$(sqlite3 "$tmp/big/samla.db" "select count(*) from edition where strategy_id = 2")
first=$(sqlite3 "$tmp/big/samla.db" "select min(id) from edition where strategy_id = 2")
last=$(sqlite3 "$tmp/big/samla.db" "select max(id) from edition where strategy_id = 2")
cmp_page="http://127.0.0.1:$p2/editions/compare?from=$first&to=$last"
curl -fs "http://127.0.0.1:$p2/measures?strategy=2021-2025" >/dev/null
curl -fs "$cmp_page" >/dev/null
big=$(rps "http://127.0.0.1:$p2/measures?strategy=2021-2025")
cmpp=$(rps "$cmp_page")
cmpa=$(rps "$api/editions/compare?from=$first&to=$last" "Authorization: Bearer $token")
# One uncached comparison, timed by the server itself (access log duration).
: > "$tmp/big.log.cut"
for _ in $(seq 1 20); do
    curl -fs -H "Authorization: Bearer $token" "$api/editions/compare?from=$first&to=$last" >/dev/null
done
ms=$(grep 'path=/api/v1/editions/compare' "$tmp/big.log" | tail -n 20 | sed 's/.*duration=\([0-9.]*\)ms.*/\1/' |
     sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
# Carrying the unfinished ones over into 2025–, each under the goal with its target area's number.
carry_body() { # carry_body DRY_RUN
    curl -fs -H "Authorization: Bearer $token" "$api/measures?strategy=2021-2025" | python3 -c '
import json, sys
items = [m for m in json.load(sys.stdin)["items"]
         if m["status"] not in ("completed", "stopped", "continued") and not m["parent"] and m["goal_area"]]
print(json.dumps({"to": "2025", "dry_run": sys.argv[1] == "1",
                  "measures": [{"id": m["id"], "goal": m["goal_area"]} for m in items]}))' "$1"
}
carry_ms() { grep 'path=/api/v1/measures/carry-over' "$tmp/big.log" | tail -n 1 | sed 's/.*duration=\([0-9.]*\)ms.*/\1/'; }
carry_body 1 > "$tmp/dry.json"
carried=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["measures"]))' "$tmp/dry.json")
curl -fs -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' --data-binary @"$tmp/dry.json" \
    "$api/measures/carry-over" >/dev/null
dry_ms=$(carry_ms)
carry_body 0 > "$tmp/real.json"
curl -fs -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' --data-binary @"$tmp/real.json" \
    "$api/measures/carry-over" >/dev/null
real_ms=$(carry_ms)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
verdict() { awk -v r="$1" -v t="$2" 'BEGIN { print (r >= t) ? "PASS" : "MISS" }'; }
report=$(cat <<MD

## The measure overview at size ($(date -u '+%Y-%m-%d %H:%M') UTC)

$n measures in 2021–2025, $editions editions (imported and published through samla itself); wrk, 64 connections, ${DURATION} s.

| request | req/s | vs. the demo's /measures |
|---|--:|--:|
| demo /measures (the foundation's figure) | $base | 1.00 |
| /measures, $n measures (public, cached) | $big | $(ratio "$big" "$base") |
| /editions/compare first → last (public, cached) | $cmpp | $(ratio "$cmpp" "$base") |
| /api/v1/editions/compare as a signed-in caller (never cached) | $cmpa | $(ratio "$cmpa" "$base") |

- one uncached comparison of two editions of $n measures, server time: median $ms ms of 20 (target ≤ 20 ms): $(awk -v m="$ms" 'BEGIN { print (m <= 20) ? "PASS" : "MISS" }')
- target: the list and the comparison within 2× of the foundation's list throughput (ratio ≥ 0.5): list $(verdict "$(ratio "$big" "$base")" 0.5), comparison $(verdict "$(ratio "$cmpp" "$base")" 0.5)
- carrying $carried unfinished measures over into 2025– (one transaction: a new measure, the old one's status, grants, a link and the audit rows each), server time: preview $dry_ms ms, carried over $real_ms ms
MD
)
echo "$report"
mkdir -p bench/out
echo "$report" >> "$OUT_MD"
