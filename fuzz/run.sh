#!/bin/sh
# fuzz/run.sh SECONDS [TARGET...] - run each libFuzzer target (built by
# `make fuzz` in build/fuzz) for SECONDS, niced, on its growing corpus in
# build/fuzz/corpus/TARGET seeded from fuzz/seeds/TARGET and the test data.
# A crash is saved in build/fuzz/crashes/ and fails the run: copy it to
# fuzz/regressions/TARGET/ (make test replays those) and fix the bug.
# Each finished run appends "TARGET RUNS SECONDS" to build/fuzz/stats.
# Inputs go up to 1 MiB (-max_len), so that limits and anything quadratic
# are reached; the dictionary build/fuzz/rules.dict (the rules' literals,
# written by make fuzz with fuzz/dict.c) is passed with -dict when present.
set -u
secs=$1; shift
targets=${*:-normalise rules jsonl pipeline}
B=build/fuzz
mkdir -p "$B/crashes" "$B/logs"
dict=""
[ -s "$B/rules.dict" ] && dict="-dict=$B/rules.dict"
status=0
for t in $targets; do
    mkdir -p "$B/corpus/$t"
    case $t in
        normalise|pipeline) extra="corpus tests/hostile/documents" ;;
        rules) extra="rules" ;;
        *) extra="" ;;
    esac
    # libFuzzer reads every corpus directory and adds new inputs to the first
    # shellcheck disable=SC2086
    nice -n 10 "$B/fuzz-$t" -max_total_time="$secs" -timeout=20 -rss_limit_mb=2048 -max_len=1048576 $dict \
        -print_final_stats=1 -artifact_prefix="$B/crashes/$t-" \
        "$B/corpus/$t" "fuzz/seeds/$t" "fuzz/regressions/$t" $extra >"$B/logs/$t.log" 2>&1
    rc=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$B/logs/$t.log" | tail -n 1)
    echo "$t ${runs:-0} $secs" >> "$B/stats"
    if [ "$rc" -eq 0 ]; then
        echo "fuzz $t: ${runs:-?} executions in ${secs} s, no failure"
    else
        status=1
        echo "fuzz $t: FAILED (exit $rc) after ${runs:-?} executions; see $B/logs/$t.log"
        grep -E 'ERROR|invariant broken|SUMMARY|Test unit written' "$B/logs/$t.log" | head -n 8
    fi
done
exit $status
