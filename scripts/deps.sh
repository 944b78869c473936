#!/usr/bin/env bash
# Install what samla needs to build and test on Debian 12 (bookworm).
#
#   scripts/deps.sh           build + test dependencies (Debian packages, npm devDependencies)
#   scripts/deps.sh --bench   also the benchmark tools (wrk, nginx-light)
#   scripts/deps.sh --fuzz    also clang with libFuzzer (make fuzz)
#
# Idempotent and quiet: prints one line per thing it installs, nothing when
# everything is already present (then it takes well under a second).
set -euo pipefail

cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."

bench=0
fuzz=0
for arg in "$@"; do
    case "$arg" in
        --bench) bench=1 ;;
        --fuzz) fuzz=1 ;;
        -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "deps.sh: unknown argument: $arg (try --help)" >&2; exit 2 ;;
    esac
done

want=(
    build-essential pkg-config
    libmicrohttpd-dev libsqlite3-dev sqlite3 libjansson-dev libsodium-dev
    libcmocka-dev libcurl4-openssl-dev libmd4c-dev libmd4c-html0-dev
    libstemmer-dev libxlsxwriter-dev tzdata libzip-dev libexpat1-dev gettext libmagic-dev
    libsystemd-dev systemd curl
    chromium
    python3-aiosmtpd
)
if ! command -v node >/dev/null 2>&1; then
    want+=(nodejs npm)
fi
if [ "$bench" = 1 ]; then
    want+=(wrk nginx-light)
fi
if [ "$fuzz" = 1 ]; then
    want+=(clang libclang-rt-dev)
fi

# One dpkg-query call for all packages; unknown packages print nothing on stdout.
installed=$(dpkg-query -W -f='${Package} ${Status}\n' "${want[@]}" 2>/dev/null \
            | awk '$NF == "installed" && $(NF-2) == "install" { print $1 }' || true)
missing=()
for p in "${want[@]}"; do
    if ! grep -qxF -- "$p" <<<"$installed"; then
        missing+=("$p")
    fi
done

# Run a command quietly; show its output only if it fails.
quiet() {
    local log
    log=$(mktemp)
    if ! "$@" >"$log" 2>&1; then
        cat "$log" >&2
        rm -f "$log"
        echo "deps.sh: failed: $*" >&2
        return 1
    fi
    rm -f "$log"
}

if [ "${#missing[@]}" -gt 0 ]; then
    sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1; then
            sudo=(sudo)
        else
            echo "deps.sh: need root (or sudo) to install: ${missing[*]}" >&2
            exit 1
        fi
    fi
    for p in "${missing[@]}"; do
        echo "deps: apt install $p"
    done
    quiet "${sudo[@]}" apt-get update
    quiet "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y --no-install-recommends "${missing[@]}"
fi

if ! command -v npm >/dev/null 2>&1; then
    echo "deps.sh: npm not found (node is installed without npm)" >&2
    exit 1
fi

if [ ! -d node_modules ] || [ ! -f node_modules/.package-lock.json ] \
   || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "deps: npm ci"
    quiet npm ci --no-audit --no-fund
fi
