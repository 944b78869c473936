#!/usr/bin/env bash
# bench-ops.sh: operations figures for `make bench` — load, slow clients,
# crashes and a backup under load.  Loopback only; every run is bounded.
#
#  1. Load: 1,000 concurrent connections for BENCH_LOAD_SECONDS (60) with
#     wrk against samla's public `/measures` (the cached page) and against
#     nginx serving the same bytes, one after the other: requests, errors
#     (socket errors and non-2xx), p50/p99, and samla's resident memory
#     sampled every second (idle, peak, after).  All connections come from
#     127.0.0.1, so samla runs with --per-client 1100 here (in service the
#     per-address limit is 64).
#  2. Slow clients: 300 connections from 127.0.0.2–127.0.0.6 (60 each,
#     under the per-address limit) whose headers never end, one byte every
#     500 ms, reopened whenever the server closes them, for
#     BENCH_SLOW_SECONDS (30); meanwhile a normal client asks for
#     `/measures` every 100 ms and times the answer (bench/slowloris.c).
#     The same against nginx (default client_header_timeout 60 s).
#  3. Crashes: tests/http/test_crash.c with CRASH_ROUNDS (30) kills at
#     random moments within CRASH_MAX_MS (2000) of write load.
#  4. Backup under write load: 8 writers PATCH measures through the API
#     (wrk) while `samla backup` copies the directory; the backup's time
#     and size, the restore's check, and the writers' latency with and
#     without the backup running.
# Appends a report to bench/out/latest.md (and prints it).
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."

LOAD_S=${BENCH_LOAD_SECONDS:-60}
SLOW_S=${BENCH_SLOW_SECONDS:-30}
ROUNDS=${CRASH_ROUNDS:-30}
MAX_MS=${CRASH_MAX_MS:-2000}
OUT_MD=bench/out/latest.md
BIN=./build/samla

die() {
    echo "bench-ops: $*" >&2
    exit 1
}
[ -x "$BIN" ] && [ -x build/tests/test_crash ] || die "build first: make build/samla build/tests/test_crash"
command -v wrk >/dev/null || die "wrk not found; run 'scripts/deps.sh --bench'"
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$NGINX" ] || die "nginx not found; run 'scripts/deps.sh --bench'"
ulimit -n 8192 2>/dev/null || ulimit -n 4096

tmp=$(mktemp -d "${TMPDIR:-/tmp}/samla-bench-ops.XXXXXX")
chmod 755 "$tmp"
cp "$BIN" "$tmp/samla"
BIN=$tmp/samla
cc -O2 -Wall -Wextra -o "$tmp/slowloris" bench/slowloris.c -lpthread
pids=()
cleanup() {
    local p
    for p in "${pids[@]}"; do
        kill "$p" 2>/dev/null || true
        wait "$p" 2>/dev/null || true
    done
    rm -rf "$tmp"
}
trap cleanup EXIT

free_port() {
    local p i
    for ((i = 0; i < 200; i++)); do
        p=$((20000 + RANDOM % 40000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
            echo "$p"
            return 0
        fi
    done
    return 1
}
rss_mb() { awk '$1 == "VmRSS:" { printf "%.1f", $2 / 1024 }' "/proc/$1/status" 2>/dev/null; }
# sample PID FILE: VmRSS in MB every second until PID ends (background).
sample() { while kill -0 "$1" 2>/dev/null; do rss_mb "$1" >>"$2"; echo >>"$2"; sleep 1; done; }
# wrk_fig FILE: "req/s p50 p99 errors" from wrk --latency output.
wrk_fig() {
    awk '
        /Requests\/sec:/ { rps = $2 }
        /^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 }
        /Socket errors:/ { gsub(",", ""); err += $4 + $6 + $8 + $10 }
        /Non-2xx or 3xx responses:/ { err += $5 }
        /requests in/ { reqs = $1 }
        END { printf "%s %s %s %s %d\n", reqs, rps, p50, p99, err }' "$1"
}

"$BIN" init --data "$tmp/d" --demo >/dev/null
port=$(free_port)
SAMLA_PER_CLIENT=1100 "$BIN" serve --data "$tmp/d" --listen "127.0.0.1:$port" --quiet 2>"$tmp/samla.log" &
spid=$!
pids+=("$spid")
for i in $(seq 100); do curl -sf -o /dev/null "http://127.0.0.1:$port/healthz" && break; sleep 0.05; done
url="http://127.0.0.1:$port/measures"

# nginx with the same bytes.
mkdir -p "$tmp/www" "$tmp/nginx"
curl -sf "$url" -o "$tmp/www/measures"
curl -sf "http://127.0.0.1:$port/" -o "$tmp/www/index.html"
chmod -R a+rX "$tmp/www" "$tmp/nginx"
nport=$(free_port)
user_line=""
[ "$(id -u)" = 0 ] && user_line="user $(id -un);"
sed -e "s|@USER@|$user_line|" -e "s|@WORKERS@|2|" -e "s|@TMP@|$tmp/nginx|g" -e "s|@ROOT@|$tmp/www|" \
    -e "s|@PORT@|$nport|" -e "s|worker_connections 1024;|worker_connections 4096;|" bench/nginx.conf.in \
    >"$tmp/nginx/nginx.conf"
"$NGINX" -p "$tmp/nginx" -c "$tmp/nginx/nginx.conf" -e "$tmp/nginx/error.log" >/dev/null 2>&1 &
npid=$!
pids+=("$npid")
for i in $(seq 100); do curl -sf -o /dev/null "http://127.0.0.1:$nport/measures" && break; sleep 0.05; done
nurl="http://127.0.0.1:$nport/measures"
cmp -s "$tmp/www/measures" <(curl -sf "$nurl") || die "nginx does not serve samla's bytes"

echo "bench-ops: load, ${LOAD_S} s at 1,000 connections (samla, then nginx)" >&2
idle=$(rss_mb "$spid")
sample "$spid" "$tmp/rss.txt" &
sampler=$!
wrk -t2 -c1000 -d"${LOAD_S}s" --timeout 10s --latency "$url" >"$tmp/wrk-samla.txt" 2>&1 || true
sleep 2
after=$(rss_mb "$spid")
kill "$sampler" 2>/dev/null || true
peak=$(sort -n "$tmp/rss.txt" | tail -1)
wrk -t2 -c1000 -d"${LOAD_S}s" --timeout 10s --latency "$nurl" >"$tmp/wrk-nginx.txt" 2>&1 || true
read -r s_reqs s_rps s_p50 s_p99 s_err < <(wrk_fig "$tmp/wrk-samla.txt")
read -r n_reqs n_rps n_p50 n_p99 n_err < <(wrk_fig "$tmp/wrk-nginx.txt")

echo "bench-ops: slow clients, ${SLOW_S} s (samla, then nginx)" >&2
slow_before=$(rss_mb "$spid")
slow_s=$("$tmp/slowloris" "$port" 300 "$SLOW_S" /measures 127.0.0.2 127.0.0.3 127.0.0.4 127.0.0.5 127.0.0.6)
slow_peak_rss=$(rss_mb "$spid")
slow_n=$("$tmp/slowloris" "$nport" 300 "$SLOW_S" /measures 127.0.0.2 127.0.0.3 127.0.0.4 127.0.0.5 127.0.0.6)
kv() { tr ' ' '\n' <<<"$1" | awk -F= -v k="$2" '$1 == k { print $2 }'; }

echo "bench-ops: backup under a write load" >&2
tok=$("$BIN" token create --data "$tmp/d" --user sekretariat --name bench 2>/dev/null | grep -o 'samla_[A-Za-z0-9_-]*')
mid=$(sqlite3 "$tmp/d/samla.db" "SELECT id FROM measure WHERE strategy_id = 2 AND number = '2.2'")
# Some attachments, so the backup has files to take (1 MB each).
for i in $(seq 20); do
    head -c 1000000 /dev/urandom | base64 >"$tmp/att-$i.txt"
    curl -sf -o /dev/null -H "Authorization: Bearer $tok" -F "file=@$tmp/att-$i.txt;type=text/plain" \
        "http://127.0.0.1:$port/api/v1/records/$mid/attachments" || die "upload failed"
done
cat >"$tmp/patch.lua" <<LUA
wrk.method = "PATCH"
wrk.headers["Authorization"] = "Bearer $tok"
wrk.headers["Content-Type"] = "application/json"
n = 0
request = function()
  n = n + 1
  return wrk.format(nil, nil, nil, '{"responsible":"Seksjon ' .. n .. '"}')
end
LUA
wrk -t1 -c8 -d10s --latency -s "$tmp/patch.lua" "http://127.0.0.1:$port/api/v1/measures/$mid" >"$tmp/wrk-w0.txt" 2>&1
wrk -t1 -c8 -d10s --latency -s "$tmp/patch.lua" "http://127.0.0.1:$port/api/v1/measures/$mid" >"$tmp/wrk-w1.txt" 2>&1 &
wpid=$!
sleep 3
t0=$(date +%s%N)
"$BIN" backup --data "$tmp/d" -o "$tmp/b.samla" >"$tmp/backup.txt"
t1=$(date +%s%N)
wait "$wpid"
backup_ms=$(( (t1 - t0) / 1000000 ))
backup_size=$(du -k "$tmp/b.samla" | cut -f1)
t0=$(date +%s%N)
"$BIN" restore "$tmp/b.samla" --data "$tmp/r" >/dev/null
t1=$(date +%s%N)
restore_ms=$(( (t1 - t0) / 1000000 ))
"$BIN" check --data "$tmp/r" >/dev/null && restored=ok || restored=FAILED
read -r w0_reqs w0_rps w0_p50 w0_p99 w0_err < <(wrk_fig "$tmp/wrk-w0.txt")
read -r w1_reqs w1_rps w1_p50 w1_p99 w1_err < <(wrk_fig "$tmp/wrk-w1.txt")
w1_max=$(awk '/Latency/ && !/Distribution/ { print $4; exit }' "$tmp/wrk-w1.txt")
kill "$spid"
wait "$spid" 2>/dev/null || true

echo "bench-ops: ${ROUNDS} kills (test_crash)" >&2
crash=$(CRASH_ROUNDS=$ROUNDS CRASH_MAX_MS=$MAX_MS SAMLA_BIN=$BIN build/tests/test_crash 2>&1)
crash_line=$(grep -E 'kills in' <<<"$crash" || echo "FAILED: $(tail -5 <<<"$crash")")
grep -q '\[  PASSED  \] 1 test' <<<"$crash" && crash_ok=passed || crash_ok=FAILED

report=$(cat <<MD

## Operations ($(date -u +'%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'), load average $(cut -d' ' -f1-3 /proc/loadavg))

| 1,000 connections, ${LOAD_S} s, \`/measures\` | requests | req/s | p50 | p99 | errors |
|---|--:|--:|--:|--:|--:|
| samla | $s_reqs | $s_rps | $s_p50 | $s_p99 | $s_err |
| nginx, same bytes | $n_reqs | $n_rps | $n_p50 | $n_p99 | $n_err |

samla's resident memory: $idle MB idle, $peak MB peak under the load, $after MB two seconds after.

| 300 slow clients, ${SLOW_S} s | normal requests | failed | p50 ms | p99 ms | max ms | slow connections closed and reopened |
|---|--:|--:|--:|--:|--:|--:|
| samla (header deadline 10 s) | $(kv "$slow_s" normal) | $(kv "$slow_s" failed) | $(kv "$slow_s" p50_ms) | $(kv "$slow_s" p99_ms) | $(kv "$slow_s" max_ms) | $(kv "$slow_s" reopened) |
| nginx (client_header_timeout 60 s) | $(kv "$slow_n" normal) | $(kv "$slow_n" failed) | $(kv "$slow_n" p50_ms) | $(kv "$slow_n" p99_ms) | $(kv "$slow_n" max_ms) | $(kv "$slow_n" reopened) |

samla's resident memory $slow_before MB before the slow clients, $slow_peak_rss MB at their end.

Backup under a write load (8 connections PATCHing a measure, 20 attachments of 1.35 MB): \`samla backup\` took ${backup_ms} ms for a ${backup_size} KB archive; \`samla restore\` ${restore_ms} ms, its \`samla check\`: ${restored}.
Writes without a backup running: $w0_rps req/s, p50 $w0_p50, p99 $w0_p99, $w0_err errors; with the backup during the run: $w1_rps req/s, p50 $w1_p50, p99 $w1_p99, max $w1_max, $w1_err errors.

Crashes: $crash_line — $crash_ok.
MD
)
echo "$report"
mkdir -p bench/out
echo "$report" >>"$OUT_MD"
[ "$crash_ok" = passed ] && [ "$restored" = ok ]
