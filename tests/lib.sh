# tests/lib.sh - the helpers every shell test runner shares (sourced).
# Set TMP to a scratch directory first. Counts go to $pass and $fail; a
# runner ends with `summary NAME`, whose line "NAME: N passed, N failed"
# tests/run.sh adds up.
pass=0
fail=0

# ok: count a passed check. bad WHAT: count a failed one and say what failed.
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }

# check NAME WANT_STATUS COMMAND: COMMAND runs under sh -c and passes when
# it exits with WANT_STATUS. Its stdout and stderr are left in $TMP/out and
# $TMP/err for the checks after it (while it runs they hold the previous
# command's, so a check can look at what the one before printed).
check() {
    name=$1; want=$2; shift 2
    sh -c "$*" >"$TMP/cur.out" 2>"$TMP/cur.err"
    got=$?
    mv "$TMP/cur.out" "$TMP/out"
    mv "$TMP/cur.err" "$TMP/err"
    if [ "$got" -eq "$want" ]; then
        ok
    else
        bad "$name: exit $got, wanted $want"
        head -n 5 "$TMP/err" "$TMP/out"
    fi
}

# summary NAME: the runner's last line; the status is 0 when nothing failed
summary() {
    echo "$1: $pass passed, $fail failed"
    [ "$fail" -eq 0 ]
}
