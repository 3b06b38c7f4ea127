#!/bin/sh
# tests/workbench/run.sh [BUILD_DIR] - the rule author's commands: lint,
# diff, explain, html, progress. Last line: "workbench: N passed, N failed".
set -u
B=${1:-build/release}
FACTX=$B/factx
W=tests/workbench
TMP=$(mktemp -d /tmp/factx-workbench.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
pass=0
fail=0

# one check: name, expected exit status, command (run by sh -c)
check() {
    name=$1; want=$2; shift 2
    sh -c "$*" >"$TMP/out" 2>"$TMP/err"
    got=$?
    if [ "$got" -eq "$want" ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL $name: exit $got, wanted $want"
        head -n 5 "$TMP/err" "$TMP/out"
    fi
}

# ---- lint
check "lint: the shipped rules have no errors" 0 "$FACTX lint rules"
check "lint: findings give exit 5" 5 "$FACTX lint $W/lint_findings"
$FACTX lint $W/lint_findings > "$TMP/lint.out" 2> "$TMP/lint.err"
L=$W/lint_findings/findings.rules
check "lint: failing example, positioned" 0 "grep -q '$L:20: error: rule lint.wrong_example: example a value differs' $TMP/lint.err"
check "lint: unused define" 0 "grep -q '$L:3:1: warning: define NEVER_USED is not used' $TMP/lint.err"
check "lint: used define not reported" 0 "! grep -q 'define YEAR4' $TMP/lint.err"
check "lint: shadowed rule, with the winner" 0 "grep -q '$L:11:1: warning: rule lint.shadowed is shadowed.*comes from lint.winner' $TMP/lint.err"
check "lint: the winner is not shadowed" 0 "! grep -q 'rule lint.winner is shadowed' $TMP/lint.err"
check "lint: catastrophic backtracking" 0 "grep -q '$L:22:1: error: rule lint.backtracking: match limit exceeded' $TMP/lint.err"
check "lint: summary line" 0 "grep -q '4 rules, 4 examples (1 failed), 1 unused defines, 1 shadowed rules, 1 backtracking; 2 errors, 2 warnings' $TMP/lint.out"
check "lint: rules that do not load give exit 3" 3 "$FACTX lint $W/lint_broken"
check "lint: duplicate id, positioned" 0 "$FACTX lint $W/lint_broken 2>&1 | grep -q 'broken.rules:6:6: error: duplicate rule id lint.twice'"
check "lint: undefined sub-pattern, positioned" 0 "$FACTX lint $W/lint_broken 2>&1 | grep -q 'broken.rules:12:12: error: rule lint.undefined: unknown sub-pattern NO_SUCH_DEFINE'"
check "lint: --werror fails on warnings" 5 "$FACTX lint --werror $W/lint_findings"
check "lint: usage error" 2 "$FACTX lint --frobnicate"

echo "workbench: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
