#!/usr/bin/env bash
# fuzz.sh: run the libFuzzer targets (make fuzz builds them and calls this).
#
#   scripts/fuzz.sh build/fuzz/fuzz_url ...     FUZZ_SECONDS=N per target (default 60)
#   FUZZ_RUNS=10000000 scripts/fuzz.sh ...       N executions per target instead (no time limit)
#
# For each target T: first every input in fuzz/regressions/T/ once (crashes
# found earlier, kept so they stay fixed), then fuzzing for FUZZ_SECONDS on
# build/fuzz/corpus/T — the committed seeds of fuzz/corpus/T copied in, plus
# what earlier runs found there, so new inputs never dirty the repository.
# Inputs up to 64 KiB; one that runs over 10 s counts as a crash.  Crashing
# inputs go to build/fuzz/crash/T/, the full output to build/fuzz/T.log.
# Prints one line per target (runs, executions per second, new inputs, peak
# memory); exits 1 when any target crashed, after printing the report from
# its log, 0 otherwise.
set -uo pipefail

cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."

secs=${FUZZ_SECONDS:-60}
runs=${FUZZ_RUNS:-}
if [ -n "$runs" ]; then
    length=(-runs="$runs")
else
    length=(-max_total_time="$secs")
fi
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
failed=0

# stat_of NAME: libFuzzer's final stat::NAME in $log.
stat_of() { grep -E "^stat::$1:" "$log" | tail -1 | awk '{print $2}'; }

for bin in "$@"; do
    t=$(basename "$bin")
    corpus=build/fuzz/corpus/$t
    crash=build/fuzz/crash/$t
    log=build/fuzz/$t.log
    mkdir -p "$corpus" "$crash"
    cp fuzz/corpus/"$t"/* "$corpus"/
    : >"$log"
    status=ok
    regressions=(fuzz/regressions/"$t"/*)
    if [ -e "${regressions[0]}" ] &&
       ! "$bin" -artifact_prefix="$crash"/ "${regressions[@]}" >>"$log" 2>&1; then
        status="REGRESSION CRASHED"
    fi
    if ! "$bin" "${length[@]}" -max_len=65536 -timeout=10 -print_final_stats=1 \
            -artifact_prefix="$crash"/ "$corpus" >>"$log" 2>&1; then
        status="CRASHED"
    fi
    printf '  %-18s %9s runs %7s exec/s %5s new inputs %5s MB peak  %s\n' "$t" \
        "$(stat_of number_of_executed_units)" "$(stat_of average_exec_per_sec)" "$(stat_of new_units_added)" \
        "$(stat_of peak_rss_mb)" "$status"
    if [ "$status" != ok ]; then
        failed=1
        # From the first report (ASan, UBSan, a failed check, a timeout) on.
        start=$(grep -n -m1 -E 'ERROR|runtime error|check failed|deadly signal' "$log" | cut -d: -f1)
        sed -n "${start:-1},$(( ${start:-1} + 60 ))p" "$log" | sed 's/^/    /'
        echo "    inputs: $(ls "$crash" | sed "s|^|$crash/|" | tr '\n' ' ')"
    fi
done
exit $failed
