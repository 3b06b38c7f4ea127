# tests/lib.sh - the check helper the shell test runners share (sourced).
# Set TMP to a scratch directory first; counts go to $pass and $fail.
pass=0
fail=0

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
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL $name: exit $got, wanted $want"
        head -n 5 "$TMP/err" "$TMP/out"
    fi
}
