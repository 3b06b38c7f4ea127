#!/bin/sh
# tests/valgrind.sh [FACTX] - memcheck over the corpus, the hostile
# documents, JSON Lines with a malformed line, a broken rules directory and
# selftest: every run must report no error and no leak (definite, indirect
# or possible). Prints "valgrind: N passed, N failed".
set -u
FACTX=${1:-bin/factx}
T=$(mktemp -d /tmp/factx-valgrind.XXXXXX)
trap 'rm -rf "$T"' EXIT
TMP=$T
. tests/lib.sh
VG="valgrind --tool=memcheck --leak-check=full --show-leak-kinds=definite,indirect,possible \
    --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=99 --track-fds=no -q"

# run NAME COMMAND-ARGS...: factx under memcheck; exit 99 means a finding
export FACTX_NO_JIT=1   # valgrind cannot follow PCRE2 JIT code: use the interpreter
# Vectorscan's database is compiled for the CPU, and valgrind's is another
# one: compiling the full rule set under memcheck takes many minutes. The
# full rules run on the PCRE2 path; the scan (compile, cache, scan) runs on
# a small rule set with its own cache at the end.
export FACTX_NO_VECTORSCAN=1
run() {
    name=$1; shift
    # shellcheck disable=SC2086
    nice $VG "$FACTX" "$@" >"$T/out" 2>"$T/err"
    rc=$?
    if [ "$rc" -ne 99 ] && ! grep -q '^==[0-9]*==' "$T/err"; then
        ok
    else
        bad "valgrind $name (exit $rc):"
        grep '^==' "$T/err" | head -n 30
    fi
}

printf '%s\n' '{"id":"a","text":"Since 2015, prices rose 7% to $3 million.","dct":"2016-01-01"}' 'not json' \
    '{"id":"c","text":"Next year in Paris."}' > "$T/in.jsonl"

run "corpus to a folder" -q -o "$T/out-corpus" corpus
run "corpus to stdout, 2 threads" -q -j 2 corpus
run "hostile documents" -q -o "$T/out-hostile" tests/hostile/documents
run "JSON Lines with a malformed line" -q --jsonl-in "$T/in.jsonl"
run "a broken rules directory" --rules tests/broken_rules/bad_pattern corpus
run "a backtracking rule" -q --rules tests/broken_rules/backtrack corpus
run "selftest" selftest
export FACTX_NO_VECTORSCAN=0 XDG_CACHE_HOME="$T/cache"
run "Vectorscan: compiled and cached" -q --rules tests/workbench/explain_rules corpus
run "Vectorscan: from the cache" -q --rules tests/workbench/explain_rules corpus
summary valgrind
