#!/bin/sh
# tests/run.sh [BUILD_DIR] - run every test suite against BUILD_DIR's
# binaries (default build/release). Each suite prints "...: N passed, N
# failed"; the last line here is the sum, "N passed, N failed".
set -u
B=${1:-build/release}
FACTX=$B/factx
TMP=$(mktemp -d /tmp/factx-tests.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
# the suites' compiled rules and tables go to a cache of their own: the
# user's keeps a few files a kind, which the tests' small rule sets would
# push out (the next real run would compile again)
export XDG_CACHE_HOME="$TMP/cache"
passed=0
failed=0

# add the counts from the last "N passed, N failed" line of a suite's output
tally() {
    line=$(grep -E '[0-9]+ passed, [0-9]+ failed' "$1" | tail -n 1)
    p=$(echo "$line" | sed -E 's/.*[^0-9]([0-9]+) passed.*/\1/; s/^([0-9]+) passed.*/\1/')
    f=$(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')
    if [ -z "$line" ]; then
        echo "  (suite printed no count: counted as one failure)"
        failed=$((failed + 1))
        return
    fi
    passed=$((passed + p))
    failed=$((failed + f))
}

suite() {
    name=$1; shift
    echo "== $name"
    "$@" >"$TMP/out" 2>"$TMP/err"
    cat "$TMP/err" "$TMP/out" | tail -n 40
    tally "$TMP/out"
}

suite "unit tests" "$B/unit-tests"
suite "rule examples" "$FACTX" selftest --rules rules
suite "workbench: lint, diff, explain, html, progress" tests/workbench/run.sh "$B"
suite "browser: factx html in headless Chromium" tests/workbench/browser.sh "$B"
suite "downstream: schema, streams, GNU parallel, library, install, conventions" tests/downstream/run.sh "$B"
suite "python: the package over libfactx, Dask distributed" tests/python/run.sh "$B"

# the corpus: every output against its snapshot in tests/snapshots/ (a
# change is accepted on purpose with `make snapshots`), a hand annotation
# in tests/annotations/ for every document, and the invariants
corpus_checks() (   # OUT_DIR; a subshell, for lib.sh's counts
    . tests/lib.sh
    for s in tests/snapshots/*.json; do
        [ -e "$s" ] || { bad "no snapshots: run 'make snapshots'"; break; }
        n=$(basename "$s")
        if cmp -s "$s" "$1/$n"; then ok; else
            bad "snapshot $n differs (make snapshots to accept on purpose):"
            diff "$s" "$1/$n" | head -n 10
        fi
    done
    for o in "$1"/*.json; do
        [ -e "tests/snapshots/$(basename "$o")" ] || bad "snapshots: no tests/snapshots/$(basename "$o")"
    done
    for t in corpus/*.txt; do   # the development set: every document annotated
        n=$(basename "$t" .txt)
        [ -e "tests/annotations/$n.json" ] && ok || bad "annotations: no tests/annotations/$n.json for $t"
    done
    summary corpus
)
"$FACTX" -q -o "$TMP/corpus" corpus
suite "corpus: snapshots and annotations" corpus_checks "$TMP/corpus"
suite "corpus: invariants" "$B/check-invariants" "$TMP/corpus" corpus
suite "command line" tests/cli/run.sh "$B"

# reliability (docs/RELIABILITY.md): hostile input and faults; fuzz seeds and
# saved crashes replayed without libFuzzer
suite "hostile input and faults" tests/hostile/run.sh "$B"
# time and memory ratios at 1x and 4x; under the sanitizers they would
# measure the sanitizers, so only on an optimised build
case $B in
*asan*) ;;
*) suite "pathological input: time and memory grow linearly" python3 tests/pathological/run.py "$FACTX" ;;
esac
for t in normalise rules jsonl pipeline; do
    suite "fuzz replay $t" "$B/fuzz-replay-$t" "fuzz/seeds/$t" "fuzz/regressions/$t" tests/hostile/documents corpus
done

echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
