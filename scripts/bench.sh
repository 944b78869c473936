#!/usr/bin/env bash
# bench.sh: samla side by side with nginx serving the same bytes (make bench).
#
# Creates a demo database in a temporary directory, starts samla and nginx on
# free loopback ports, and runs wrk against both, alternating, for two public
# pages (/ and /measures, answered from samla's cache) and for two signed-in
# pages (/measures and /measures/12, the demo's measure 2.4, rendered on
# every request) as two demo users with API tokens (Authorization: Bearer):
# the secretariat (sekretariat, reads every measure) and a plain employee
# (ansatt.hod) — each at 1, 16 and 64 connections.  nginx serves the exact
# bytes samla rendered for each, so the ratio samla/nginx measured in the
# same run is the number that counts; absolute req/s on a shared machine are
# not comparable between runs.  For every samla run it also reads samla's
# own mean time per request (server time, from the request's first byte to
# the response handed over) from the /metrics histogram before and after
# the run.  Also measures time-to-ready (median of 5 starts) and samla's
# idle and peak RSS.  Prints a report and writes it as markdown to
# bench/out/latest.md.  The targets are informational: exits 0 unless
# something broke.
#
#   BENCH_DURATION=N   seconds per wrk run (default 5; 36 runs in total)
set -euo pipefail

cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."

BIN=./build/samla
DURATION=${BENCH_DURATION:-5}
CONNS=(1 16 64)
PAGES=(/ /measures)
SIGNED_USERS=(sekretariat ansatt.hod)     # demo users: the secretariat, a plain employee
SIGNED_PAGES=(/measures /measures/12)     # the list and a record page (measure 2.4)
SERVER_TARGET_MS=0.1                      # issue 7: signed-in server time per request
READY_STARTS=5
WARMUP_S=2
OUT_MD=bench/out/latest.md

die() {
    echo "bench: $*" >&2
    exit 1
}

[[ "$DURATION" =~ ^[1-9][0-9]{0,3}$ ]] || die "BENCH_DURATION must be a whole number of seconds (1-9999), not '$DURATION'"
[ -x "$BIN" ] || die "$BIN not found; run 'make build/samla' (or 'make bench')"
NGINX=$(command -v nginx || true)
[ -n "$NGINX" ] || NGINX=/usr/sbin/nginx
[ -x "$NGINX" ] || die "nginx not found; run 'scripts/deps.sh --bench'"
command -v wrk >/dev/null 2>&1 || die "wrk not found; run 'scripts/deps.sh --bench'"
command -v curl >/dev/null 2>&1 || die "curl not found"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/samla-bench.XXXXXX")
# nginx workers may run as another user (nobody when started as root).
chmod 755 "$tmp"
# One binary for the whole run, even if build/samla is rebuilt meanwhile.
cp "$BIN" "$tmp/samla"
BIN="$tmp/samla"
samla_pid=""
nginx_pid=""

# stop_pid PID SIGNAL: signal, wait up to 15 s, then SIGKILL; reaps the child.
stop_pid() {
    local pid=$1 sig=$2 i
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    kill "-$sig" "$pid" 2>/dev/null || true
    for ((i = 0; i < 1500; i++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.01
    done
    if kill -0 "$pid" 2>/dev/null; then
        echo "bench: pid $pid did not stop on SIG$sig; sending SIGKILL" >&2
        kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
}

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    if [ -n "$samla_pid" ]; then stop_pid "$samla_pid" TERM; fi
    if [ -n "$nginx_pid" ]; then stop_pid "$nginx_pid" TERM; fi
    if [ "$rc" -ne 0 ]; then
        for f in "$tmp/samla.log" "$tmp/nginx/error.log" "$tmp/nginx/stderr.log"; do
            if [ -s "$f" ]; then
                echo "--- last lines of $(basename "$f"):" >&2
                tail -n 20 "$f" >&2
            fi
        done
    fi
    rm -rf "$tmp"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# free_port: a loopback port nobody is listening on (bash /dev/tcp probe).
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

# start_samla: start serve on a free port; sets samla_pid, samla_port, ready_ms.
# Time-to-ready runs from just before serve is started until /healthz answers
# 200; it includes one curl start-up per poll (a few ms on this kind of box).
start_samla() {
    local attempt t0 t1 i
    for ((attempt = 0; attempt < 3; attempt++)); do
        samla_port=$(free_port) || die "no free loopback port"
        t0=$(date +%s%N)
        "$BIN" serve --data "$tmp/data" --listen "127.0.0.1:$samla_port" --per-client 256 --quiet >>"$tmp/samla.log" 2>&1 &
        samla_pid=$!
        for ((i = 0; i < 5000; i++)); do
            if curl -sf -o /dev/null --max-time 2 "http://127.0.0.1:$samla_port/healthz"; then
                t1=$(date +%s%N)
                ready_ms=$(awk -v ns=$((t1 - t0)) 'BEGIN { printf "%.1f", ns / 1e6 }')
                return 0
            fi
            kill -0 "$samla_pid" 2>/dev/null || break
            sleep 0.001
        done
        if kill -0 "$samla_pid" 2>/dev/null; then
            die "samla did not answer /healthz on 127.0.0.1:$samla_port"
        fi
        wait "$samla_pid" 2>/dev/null || true
        samla_pid=""
        echo "bench: samla exited during start-up (port $samla_port taken?); retrying" >&2
    done
    die "samla failed to start 3 times"
}

# rss_mb PID FIELD: VmRSS/VmHWM from /proc/PID/status in MB (MiB).
rss_mb() {
    awk -v f="$2:" '$1 == f { printf "%.1f", $2 / 1024; found = 1 } END { if (!found) exit 1 }' "/proc/$1/status"
}

# run_wrk NAME URL CONNS DURATION OUTFILE [HEADER]
run_wrk() {
    local name=$1 url=$2 c=$3 d=$4 out=$5 t=2
    local hdr=()
    if [ -n "${6:-}" ]; then hdr=(-H "$6"); fi
    if [ "$c" -lt 2 ]; then t=$c; fi
    if ! timeout --foreground $((d + 30)) wrk -t"$t" -c"$c" -d"${d}s" --timeout 5s --latency "${hdr[@]}" "$url" >"$out" 2>&1; then
        cat "$out" >&2
        die "wrk against $name ($url, $c connections) failed"
    fi
}

# parse_wrk FILE: prints "req/s p50_ms p99_ms errors" (errors = non-2xx/3xx + socket errors).
parse_wrk() {
    awk '
        function ms(v,   n, u) {
            n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
            if (u == "us") return n / 1000
            if (u == "ms") return n
            if (u == "s")  return n * 1000
            if (u == "m")  return n * 60000
            if (u == "h")  return n * 3600000
            return -1
        }
        /^Requests\/sec:/ { rps = $2 }
        $1 == "50%" { p50 = ms($2) }
        $1 == "99%" { p99 = ms($2) }
        /Non-2xx or 3xx responses:/ { err += $NF }
        /Socket errors:/ { s = $0; gsub(/[^0-9 ]/, " ", s); n = split(s, a, " "); for (i = 1; i <= n; i++) err += a[i] }
        END {
            if (rps == "" || p50 == "" || p99 == "") exit 1
            printf "%.0f %.3f %.3f %d\n", rps, p50, p99, err
        }
    ' "$1"
}

fmt_ms() { awk -v v="$1" 'BEGIN { if (v < 10) printf "%.2f", v; else if (v < 100) printf "%.1f", v; else printf "%.0f", v }'; }

# metrics_snapshot: "sum count" of samla's request-duration histogram
# (seconds, requests) from /metrics.  The scrape itself is counted in the
# next snapshot: one request among thousands.  Retried for a moment: just
# after a wrk run samla may still be closing its connections (and refuse
# one over its per-client limit).
metrics_snapshot() {
    local i
    for ((i = 0; i < 50; i++)); do
        if curl -sf --max-time 5 "$samla_url/metrics" | awk '
            $1 == "samla_http_request_duration_seconds_sum" { s = $2 }
            $1 == "samla_http_request_duration_seconds_count" { c = $2 }
            END { if (c == "") exit 1; printf "%s %s\n", s, c }'; then
            return 0
        fi
        sleep 0.1
    done
    return 1
}

# server_ms SUM0 COUNT0 SUM1 COUNT1: mean server time per request in ms.
server_ms() {
    awk -v s0="$1" -v c0="$2" -v s1="$3" -v c1="$4" 'BEGIN { if (c1 > c0) printf "%.3f", (s1 - s0) / (c1 - c0) * 1000; else print "n/a" }'
}

# samla_run NAME URL CONNS OUTFILE [HEADER]: run_wrk against samla; sets
# run_server_ms to the mean server time per request (ms) of that run.
samla_run() {
    local s0 c0 s1 c1
    read -r s0 c0 < <(metrics_snapshot) || die "cannot read $samla_url/metrics"
    run_wrk "$1" "$2" "$3" "$DURATION" "$4" "${5:-}"
    kill -0 "$samla_pid" 2>/dev/null || die "samla died during the run"
    read -r s1 c1 < <(metrics_snapshot) || die "cannot read $samla_url/metrics"
    run_server_ms=$(server_ms "$s0" "$c0" "$s1" "$c1")
}

# slug PAGE: a file name for a path (/measures/12 -> measures-12).
slug() { local p=${1#/}; echo "${p//\//-}"; }

# ---------------------------------------------------------------- machine
run_date=$(date -u +"%Y-%m-%d %H:%M UTC")
cpu_model=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)
[ -n "$cpu_model" ] || cpu_model="unknown"
ncpu=$(nproc)
kernel=$(uname -sr)
os_name=$(awk -F= '$1 == "PRETTY_NAME" { gsub(/"/, "", $2); print $2 }' /etc/os-release 2>/dev/null || true)
[ -n "$os_name" ] || os_name="unknown"
mem_total=$(awk '/^MemTotal:/ { printf "%.1f GB", $2 / 1024 / 1024 }' /proc/meminfo)
samla_version=$("$BIN" version)
samla_rev=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ "$samla_rev" != unknown ] && [ -n "$(git status --porcelain -- src Makefile 2>/dev/null)" ]; then
    samla_rev="$samla_rev (src/ has uncommitted changes)"
fi
nginx_version=$("$NGINX" -v 2>&1 | sed 's/^nginx version: //')
wrk_version=$(wrk -v 2>&1 | head -n 1 | sed 's/ Copyright.*//' || true)
loadavg=$(cut -d' ' -f1-3 /proc/loadavg)

echo "samla benchmark — $run_date"
echo
echo "machine:  $ncpu CPUs ($(nproc --all) online), $cpu_model, $mem_total RAM"
echo "os:       $os_name, kernel $kernel"
echo "load:     $loadavg (1/5/15 min, before the run)"
echo "samla:    $samla_version, commit $samla_rev, default threads ($ncpu)"
echo "nginx:    $nginx_version, worker_processes $ncpu"
echo "wrk:      $wrk_version"
echo "runs:     ${DURATION} s per wrk run, samla then nginx alternating; threads = min(2, connections)"
echo

# ---------------------------------------------------------------- samla
"$BIN" init --data "$tmp/data" --demo >"$tmp/init.log" 2>&1 || { cat "$tmp/init.log" >&2; die "samla init failed"; }
# An API token per signed-in user, made before the server starts.
declare -A token
for u in "${SIGNED_USERS[@]}"; do
    token[$u]=$("$BIN" token create --data "$tmp/data" --user "$u" --name bench 2>>"$tmp/init.log") ||
        { cat "$tmp/init.log" >&2; die "samla token create for $u failed"; }
    [[ "${token[$u]}" =~ ^samla_ ]] || die "samla token create for $u printed no token"
done

ready_all=()
for ((n = 1; n <= READY_STARTS; n++)); do
    start_samla
    ready_all+=("$ready_ms")
    if [ "$n" -lt "$READY_STARTS" ]; then
        stop_pid "$samla_pid" TERM
        samla_pid=""
    fi
done
# The last start stays up for the benchmark; read its RSS before any load.
idle_rss=$(rss_mb "$samla_pid" VmRSS) || die "cannot read /proc/$samla_pid/status"
ready_first=${ready_all[0]}
ready_median=$(printf '%s\n' "${ready_all[@]}" | sort -n | sed -n "$(((READY_STARTS + 1) / 2))p")
samla_url="http://127.0.0.1:$samla_port"
# The cost of one poll on its own (process start + request against a server
# that is already up): part of every ready time above, shown for context.
curl_all=()
for ((n = 1; n <= READY_STARTS; n++)); do
    t0=$(date +%s%N)
    curl -sf -o /dev/null --max-time 2 "$samla_url/healthz" || die "GET /healthz from samla failed"
    t1=$(date +%s%N)
    curl_all+=("$(awk -v ns=$((t1 - t0)) 'BEGIN { printf "%.1f", ns / 1e6 }')")
done
curl_median=$(printf '%s\n' "${curl_all[@]}" | sort -n | sed -n "$(((READY_STARTS + 1) / 2))p")
# And the cost of starting the binary at all: `samla version` start to exit.
exec_all=()
for ((n = 1; n <= READY_STARTS; n++)); do
    t0=$(date +%s%N)
    "$BIN" version >/dev/null
    t1=$(date +%s%N)
    exec_all+=("$(awk -v ns=$((t1 - t0)) 'BEGIN { printf "%.1f", ns / 1e6 }')")
done
exec_median=$(printf '%s\n' "${exec_all[@]}" | sort -n | sed -n "$(((READY_STARTS + 1) / 2))p")
echo "ready:    ${ready_median} ms median of $READY_STARTS starts (${ready_all[*]} ms; first ${ready_first} ms)"
echo "          for scale (medians of $READY_STARTS): one curl of /healthz against the running server ${curl_median} ms,"
echo "          \`samla version\` from start to exit ${exec_median} ms"
echo "idle RSS: ${idle_rss} MB"

www="$tmp/www"
mkdir -p "$www"
curl -sf --max-time 10 -o "$www/index.html" "$samla_url/" || die "GET / from samla failed"
curl -sf --max-time 10 -o "$www/measures" "$samla_url/measures" || die "GET /measures from samla failed"
# The signed-in pages as each user sees them, for nginx to serve the same
# bytes (under /signed-in/USER/PAGE).  A page with a link to /account was
# rendered for a signed-in user, so the token works.
mkdir -p "$www/signed-in"
for u in "${SIGNED_USERS[@]}"; do
    mkdir -p "$www/signed-in/$u"
    for page in "${SIGNED_PAGES[@]}"; do
        f="$www/signed-in/$u/$(slug "$page")"
        curl -sf --max-time 10 -H "Authorization: Bearer ${token[$u]}" -o "$f" "$samla_url$page" ||
            die "GET $page as $u from samla failed"
        grep -q 'href="/account"' "$f" || die "GET $page as $u: not a signed-in page"
        chmod 644 "$f"
    done
    chmod 755 "$www/signed-in/$u"
done
chmod 755 "$www" "$www/signed-in"
chmod 644 "$www/index.html" "$www/measures"

# ---------------------------------------------------------------- nginx
mkdir -p "$tmp/nginx"
chmod 755 "$tmp/nginx"
nginx_port=$(free_port) || die "no free loopback port"
user_line=""
if [ "$(id -u)" -eq 0 ]; then
    user_line="user nobody $(id -gn nobody 2>/dev/null || echo nogroup);"
fi
sed -e "s|@USER@|$user_line|" -e "s|@WORKERS@|$ncpu|" -e "s|@TMP@|$tmp/nginx|g" \
    -e "s|@ROOT@|$www|" -e "s|@PORT@|$nginx_port|" bench/nginx.conf.in >"$tmp/nginx/nginx.conf"
"$NGINX" -t -q -p "$tmp/nginx" -c "$tmp/nginx/nginx.conf" -e "$tmp/nginx/error.log" \
    || die "nginx rejected the generated config"
"$NGINX" -p "$tmp/nginx" -c "$tmp/nginx/nginx.conf" -e "$tmp/nginx/error.log" >"$tmp/nginx/stderr.log" 2>&1 &
nginx_pid=$!
nginx_url="http://127.0.0.1:$nginx_port"
for ((i = 0; ; i++)); do
    if curl -s -o /dev/null --max-time 2 "$nginx_url/"; then break; fi
    kill -0 "$nginx_pid" 2>/dev/null || die "nginx exited during start-up"
    [ "$i" -lt 5000 ] || die "nginx did not answer on $nginx_url"
    sleep 0.001
done

for page in "${PAGES[@]}"; do
    want="$www/index.html"
    [ "$page" = / ] || want="$www${page}"
    curl -sf --max-time 10 -o "$tmp/check.nginx" "$nginx_url$page" || die "GET $page from nginx failed"
    curl -sf --max-time 10 -o "$tmp/check.samla" "$samla_url$page" || die "GET $page from samla failed"
    cmp -s "$want" "$tmp/check.nginx" || die "nginx does not return samla's bytes for $page"
    cmp -s "$want" "$tmp/check.samla" || die "samla returned different bytes for $page on a second GET"
done
for u in "${SIGNED_USERS[@]}"; do
    for page in "${SIGNED_PAGES[@]}"; do
        f="$www/signed-in/$u/$(slug "$page")"
        curl -sf --max-time 10 -o "$tmp/check.nginx" "$nginx_url/signed-in/$u/$(slug "$page")" ||
            die "GET /signed-in/$u/$(slug "$page") from nginx failed"
        cmp -s "$f" "$tmp/check.nginx" || die "nginx does not return samla's bytes for $page as $u"
        # Signed-in pages may carry a fresh form token each time: the same
        # length, not always the same bytes.
        curl -sf --max-time 10 -H "Authorization: Bearer ${token[$u]}" -o "$tmp/check.samla" "$samla_url$page" ||
            die "GET $page as $u from samla failed"
        [ "$(wc -c <"$tmp/check.samla")" = "$(wc -c <"$f")" ] || die "samla returned a different size for $page as $u"
    done
done
signed_sizes=""
for u in "${SIGNED_USERS[@]}"; do
    for page in "${SIGNED_PAGES[@]}"; do
        signed_sizes+="${signed_sizes:+, }$page as $u $(wc -c <"$www/signed-in/$u/$(slug "$page")")"
    done
done
echo "pages:    / $(wc -c <"$www/index.html") bytes, /measures $(wc -c <"$www/measures") bytes; nginx returns the same bytes (cmp)"
echo "          signed in: $signed_sizes bytes; nginx returns the same bytes (cmp)"
echo

# ---------------------------------------------------------------- wrk
echo "warm-up:  ${WARMUP_S} s per page and server (not reported)"
for page in "${PAGES[@]}"; do
    run_wrk samla "$samla_url$page" 16 "$WARMUP_S" "$tmp/warm.out"
    run_wrk nginx "$nginx_url$page" 16 "$WARMUP_S" "$tmp/warm.out"
done
for u in "${SIGNED_USERS[@]}"; do
    for page in "${SIGNED_PAGES[@]}"; do
        run_wrk samla "$samla_url$page" 16 "$WARMUP_S" "$tmp/warm.out" "Authorization: Bearer ${token[$u]}"
        run_wrk nginx "$nginx_url/signed-in/$u/$(slug "$page")" 16 "$WARMUP_S" "$tmp/warm.out"
    done
done

# one_row WHO PAGE C SAMLA_URL NGINX_URL [HEADER]: a samla run and an nginx
# run; sets row to "who page conns s_rps n_rps ratio s_p50 s_p99 n_p50
# n_p99 s_err n_err server_ms" and prints a progress line.
one_row() {
    local who=$1 page=$2 c=$3 s_rps s_p50 s_p99 s_err n_rps n_p50 n_p99 n_err ratio
    samla_run samla "$4" "$c" "$tmp/samla.out" "${6:-}"
    run_wrk nginx "$5" "$c" "$DURATION" "$tmp/nginx.out"
    read -r s_rps s_p50 s_p99 s_err < <(parse_wrk "$tmp/samla.out") || die "cannot parse wrk output for samla $page ($who) c=$c"
    read -r n_rps n_p50 n_p99 n_err < <(parse_wrk "$tmp/nginx.out") || die "cannot parse wrk output for nginx $page ($who) c=$c"
    ratio=$(awk -v a="$s_rps" -v b="$n_rps" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }')
    row="$who $page $c $s_rps $n_rps $ratio $s_p50 $s_p99 $n_p50 $n_p99 $s_err $n_err $run_server_ms"
    printf '  %-12s %-13s c=%-3s samla %7s req/s  nginx %7s req/s  ratio %-5s server %s ms\n' \
        "$who" "$page" "$c" "$s_rps" "$n_rps" "$ratio" "$run_server_ms"
}

rows=()   # public, from samla's cache: one_row's fields
for page in "${PAGES[@]}"; do
    for c in "${CONNS[@]}"; do
        one_row public "$page" "$c" "$samla_url$page" "$nginx_url$page"
        rows+=("$row")
    done
done
srows=()  # signed in, rendered each time: one_row's fields
for u in "${SIGNED_USERS[@]}"; do
    for page in "${SIGNED_PAGES[@]}"; do
        for c in "${CONNS[@]}"; do
            one_row "$u" "$page" "$c" "$samla_url$page" "$nginx_url/signed-in/$u/$(slug "$page")" \
                "Authorization: Bearer ${token[$u]}"
            srows+=("$row")
        done
    done
done
kill -0 "$samla_pid" 2>/dev/null || die "samla died during the run"
peak_rss=$(rss_mb "$samla_pid" VmHWM) || die "cannot read /proc/$samla_pid/status"
loadavg_after=$(cut -d' ' -f1-3 /proc/loadavg)
stop_pid "$samla_pid" TERM
samla_pid=""
stop_pid "$nginx_pid" TERM
nginx_pid=""
echo

# ---------------------------------------------------------------- report
pass() { if awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }'; then echo PASS; else echo MISS; fi; }
allrows=("${rows[@]}" "${srows[@]}")
any_err=0
for r in "${allrows[@]}"; do
    read -r _ _ _ _ _ _ _ _ _ _ s_err n_err _ <<<"$r"
    if [ "$s_err" -gt 0 ] || [ "$n_err" -gt 0 ]; then any_err=1; fi
done
# per_req C RPS: ms per request at one connection (1/throughput), "–" otherwise.
per_req() { if [ "$1" = 1 ]; then awk -v r="$2" 'BEGIN { if (r > 0) printf "%.3f", 1000 / r; else print "n/a" }'; else echo "–"; fi; }
# rps_of WHO PAGE C: samla's req/s in that row.
rps_of() {
    local r w p c
    for r in "${allrows[@]}"; do
        read -r w p c s_rps _ <<<"$r"
        if [ "$w" = "$1" ] && [ "$p" = "$2" ] && [ "$c" = "$3" ]; then echo "$s_rps"; return; fi
    done
    echo 0
}

table_text() {
    printf '%-12s %-13s %5s %9s %9s %6s %9s %9s %9s %9s %9s %9s\n' viewer page conns "samla r/s" "nginx r/s" ratio \
        "server ms" "1/thr ms" "samla p50" "samla p99" "nginx p50" "nginx p99"
    for r in "${allrows[@]}"; do
        read -r who page c s_rps n_rps ratio s_p50 s_p99 n_p50 n_p99 s_err n_err ms <<<"$r"
        flag=""
        if [ "$s_err" -gt 0 ] || [ "$n_err" -gt 0 ]; then flag="  errors: samla $s_err, nginx $n_err"; fi
        printf '%-12s %-13s %5s %9s %9s %6s %9s %9s %9s %9s %9s %9s%s\n' "$who" "$page" "$c" "$s_rps" "$n_rps" "$ratio" \
            "$ms" "$(per_req "$c" "$s_rps")" "$(fmt_ms "$s_p50")" "$(fmt_ms "$s_p99")" "$(fmt_ms "$n_p50")" "$(fmt_ms "$n_p99")" "$flag"
    done
}

table_md() {
    echo "| viewer | page | connections | samla req/s | nginx req/s | samla/nginx | samla server ms (mean) | 1/throughput ms | samla p50 ms | samla p99 ms | nginx p50 ms | nginx p99 ms |"
    echo "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
    for r in "${allrows[@]}"; do
        read -r who page c s_rps n_rps ratio s_p50 s_p99 n_p50 n_p99 s_err n_err ms <<<"$r"
        flag=""
        if [ "$s_err" -gt 0 ] || [ "$n_err" -gt 0 ]; then flag=" (errors: samla $s_err, nginx $n_err)"; fi
        echo "| $who | \`$page\` | $c | $s_rps | $n_rps | $ratio$flag | $ms | $(per_req "$c" "$s_rps") | $(fmt_ms "$s_p50") | $(fmt_ms "$s_p99") | $(fmt_ms "$n_p50") | $(fmt_ms "$n_p99") |"
    done
}

# Signed in against the same page from the public cache, same connections.
vs_public=()
for u in "${SIGNED_USERS[@]}"; do
    for c in "${CONNS[@]}"; do
        a=$(rps_of "$u" /measures "$c")
        b=$(rps_of public /measures "$c")
        vs_public+=("/measures as $u at $c connections: $a req/s, $(awk -v a="$a" -v b="$b" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }') × the public cached page ($b req/s)")
    done
done

# targets: "label|value|PASS/MISS"
targets=()
for r in "${rows[@]}"; do
    read -r _ page c s_rps n_rps ratio s_p50 s_p99 n_p50 n_p99 _ _ _ <<<"$r"
    [ "$c" = 64 ] || continue
    if [ "$page" = /measures ]; then
        targets+=("/measures at 64 connections >= 0.6x nginx req/s|${ratio}x|$(pass 0.6 "$ratio")")
    fi
done
for r in "${rows[@]}"; do
    read -r _ page c s_rps n_rps ratio s_p50 s_p99 n_p50 n_p99 _ _ _ <<<"$r"
    [ "$c" = 64 ] || continue
    targets+=("samla p99 <= nginx p99 at 64 connections, $page|$(fmt_ms "$s_p99") ms vs $(fmt_ms "$n_p99") ms|$(pass "$s_p99" "$n_p99")")
done
for r in "${srows[@]}"; do
    read -r who page c _ _ _ _ _ _ _ _ _ ms <<<"$r"
    [ "$c" = 1 ] || continue
    targets+=("signed-in $page as $who: server time <= $SERVER_TARGET_MS ms (1 connection)|$ms ms|$(pass "$ms" "$SERVER_TARGET_MS")")
done
targets+=("idle RSS <= 20 MB|${idle_rss} MB|$(pass "$idle_rss" 20)")
targets+=("ready <= 50 ms (median of $READY_STARTS starts)|${ready_median} ms|$(pass "$ready_median" 50)")

echo "results (latency in ms; ratio = samla req/s / nginx req/s in the same run; server ms = samla's mean"
echo "time per request from its /metrics histogram; 1/thr = 1000 / req/s at one connection, an upper bound)"
table_text
echo
for v in "${vs_public[@]}"; do echo "$v"; done
echo
echo "samla RSS: idle ${idle_rss} MB, peak ${peak_rss} MB"
echo "load:      $loadavg before, $loadavg_after after the wrk runs (1/5/15 min; the machine has $ncpu CPUs)"
echo "ready:     ${ready_median} ms median of $READY_STARTS starts (${ready_all[*]} ms); one curl alone ${curl_median} ms, \`samla version\` ${exec_median} ms"
[ "$any_err" = 0 ] || echo "warning: some runs had errors (non-2xx/3xx or socket errors); see the table"
echo
echo "targets (informational)"
for t in "${targets[@]}"; do
    IFS='|' read -r label value word <<<"$t"
    printf '  %-4s  %-72s %s\n' "$word" "$label" "$value"
done

mkdir -p "$(dirname "$OUT_MD")"
{
    echo "# samla benchmark — $run_date"
    echo
    echo "Written by \`scripts/bench.sh\` (\`make bench\`). samla and nginx serve the same bytes in the same run;"
    echo "only the samla/nginx ratios are comparable between runs."
    echo
    echo "## Machine"
    echo
    echo "- CPUs: $ncpu ($cpu_model), $mem_total RAM"
    echo "- OS: $os_name, kernel $kernel"
    echo "- load average (1/5/15 min): $loadavg before the run, $loadavg_after after the wrk runs"
    echo "- samla: $samla_version, commit $samla_rev, default threads ($ncpu)"
    echo "- nginx: $nginx_version, worker_processes $ncpu"
    echo "- wrk: $wrk_version"
    echo "- ${DURATION} s per wrk run, samla then nginx alternating, wrk threads = min(2, connections), ${WARMUP_S} s warm-up per page, viewer and server"
    echo "- pages: \`/\` $(wc -c <"$www/index.html") bytes, \`/measures\` $(wc -c <"$www/measures") bytes; signed in (API token, \`Authorization: Bearer\`): $signed_sizes bytes (nginx bytes checked with cmp)"
    echo
    echo "## Results"
    echo
    echo "Public pages come from samla's cache; signed-in pages are rendered on every request. *server ms* is"
    echo "samla's own mean time per request in that run (\`samla_http_request_duration_seconds\` sum / count from"
    echo "\`/metrics\`, read before and after it: from the request's arrival until the response is handed over);"
    echo "*1/throughput* at one connection is an upper bound that includes the client and the loopback."
    echo
    table_md
    echo
    for v in "${vs_public[@]}"; do echo "- $v"; done
    echo "- samla RSS: idle ${idle_rss} MB (VmRSS after start), peak ${peak_rss} MB (VmHWM after the run)"
    echo "- time to ready: ${ready_median} ms median of $READY_STARTS starts (${ready_all[*]} ms), from starting \`samla serve\` until \`/healthz\` answers; it includes at least one curl. For scale (medians of $READY_STARTS): one curl of \`/healthz\` against the running server takes ${curl_median} ms, \`samla version\` from start to exit ${exec_median} ms"
    [ "$any_err" = 0 ] || echo "- warning: some runs had errors (non-2xx/3xx or socket errors)"
    echo
    echo "## Targets"
    echo
    echo "| target | result | |"
    echo "|---|--:|---|"
    for t in "${targets[@]}"; do
        IFS='|' read -r label value word <<<"$t"
        echo "| $label | $value | $word |"
    done
} >"$OUT_MD"
echo
echo "wrote $OUT_MD"
