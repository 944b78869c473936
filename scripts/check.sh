#!/usr/bin/env bash
# check.sh: run every test suite and end with one line "N passed, N failed".
# Called by `make check` after the binaries and test programs are built.
# Suites: house rules (lint), the message catalogues (i18n), unit tests,
# HTTP tests, hostile clients (tests/http/test_hostile.c), the unit, HTTP
# and hostile-client tests again under ASan+UBSan, kill -9 under a write
# load (test_crash.c), the systemd protocol (test_service.c), the CLI
# scripts (tests/cli/: import/export, backup/restore/check, make install
# and the systemd units), e-mail (tests/mail/), and the browser tests.
# Each suite's full output goes to build/check/<suite>.log; failing suites
# are printed in full.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p build/check
passed=0
failed=0
failed_suites=()

# count LOG: add the cmocka or node:test totals in LOG; a suite that crashed
# before printing its totals counts as one failure.
count() {
    local log=$1 name=$2 rc=$3 p f
    if grep -q '^\[==========\]' "$log"; then
        p=$(grep -E '^\[  PASSED  \] [0-9]+ test' "$log" | awk '{s+=$4} END {print s+0}')
        f=$(grep -E '^\[  FAILED  \] [0-9]+ test' "$log" | awk '{s+=$4} END {print s+0}')
    elif grep -qE '^# pass [0-9]+' "$log"; then
        # one summary per script (the CLI suite runs several)
        p=$(grep -E '^# pass [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')
        f=$(grep -E '^# fail [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')
    else
        p=0
        f=0
    fi
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        f=1   # crashed, or failed without saying which test
    fi
    passed=$((passed + p))
    failed=$((failed + f))
    printf '%-22s %4d passed, %d failed\n' "$name" "$p" "$f"
    if [ "$f" -ne 0 ]; then
        failed_suites+=("$log")
    fi
}

suite() { # suite NAME COMMAND...
    local name=$1
    shift
    local log="build/check/$name.log"
    "$@" >"$log" 2>&1
    count "$log" "$name" $?
}

# House rules: one test.
if scripts/lint.sh >build/check/lint.log 2>&1; then
    passed=$((passed + 1)); printf '%-22s %4d passed, %d failed\n' lint 1 0
else
    failed=$((failed + 1)); failed_suites+=(build/check/lint.log); printf '%-22s %4d passed, %d failed\n' lint 0 1
fi

unit_all() { # run every unit test binary in $1; cmocka prints one summary each
    local dir=$1 rc=0
    for t in "$dir"/test_*; do
        case "$t" in *.d | */test_http | */test_hostile | */test_crash | */test_service) continue ;; esac
        "$t" || rc=1
    done
    return $rc
}

suite i18n scripts/i18n.sh check
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:halt_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
suite unit unit_all build/tests
suite http env SAMLA_BIN=build/samla build/tests/test_http
suite hostile env SAMLA_BIN=build/samla build/tests/test_hostile
suite unit-asan unit_all build/asan/tests
suite http-asan env SAMLA_BIN=build/asan/samla build/asan/tests/test_http
suite hostile-asan env SAMLA_BIN=build/asan/samla build/asan/tests/test_hostile
suite crash env SAMLA_BIN=build/samla build/tests/test_crash
suite service env SAMLA_BIN=build/samla build/tests/test_service
suite cli sh -c 'rc=0; for t in tests/cli/test_*.sh; do SAMLA_BIN=build/samla bash "$t" || rc=1; done; exit $rc'
# backup, restore and check read archives and directories they cannot trust
suite cli-asan env SAMLA_BIN=build/asan/samla bash tests/cli/test_cli_backup.sh
# e-mail against a real SMTP server (aiosmtpd), with samla serve killed mid-send
suite mail env SAMLA_BIN=build/samla /usr/bin/python3 tests/mail/test_mail.py
# the sender, renderer and thread under ASan (the minute of refusals only above)
suite mail-asan env SAMLA_BIN=build/asan/samla /usr/bin/python3 tests/mail/test_mail.py MentionTest CrashTest \
    UnsubscribeTest DigestTest StartTlsTest SummaryTest
suite e2e node --test --test-concurrency=1 tests/e2e/

for log in "${failed_suites[@]}"; do
    echo
    echo "==== $log"
    grep -vE '^\[ (RUN|      OK) ' "$log" | tail -n 80
done
echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
