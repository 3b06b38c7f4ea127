#!/bin/sh
# tests/python/run.sh [BUILD_DIR] - the Python package (python/factx) over
# the shared library, with Debian's python3 only: its unit tests, then, when
# python3-distributed is installed (make test installs it), the Dask test
# (tests/python/dask_corpus.py: a scheduler and two workers on loopback).
# Last line: "python: N passed, N failed".
set -u
B=${1:-build/release}
TMP=$(mktemp -d /tmp/factx-python.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
. tests/lib.sh

# the binding loads a plain (not sanitized) library: build/release's, also
# when make test runs with VECTORSCAN=0 (exported by the Makefile)
env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u VECTORSCAN make -s build/release/libfactx.so.$(sed -n 's/^#define FACTX_VERSION "\(.*\)"/\1/p' src/factx.h) >/dev/null
LIB=$(ls build/release/libfactx.so.*.*.* | head -n 1)
# Debian's python3 (where python3-distributed is), not another one first on PATH
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
export PYTHONPATH=$PWD/python FACTX_LIB=$PWD/$LIB FACTX_RULES=$PWD/rules FACTX_BIN=$PWD/build/release/factx
env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u VECTORSCAN make -s build/release/factx >/dev/null
check "python3 unit tests of the package (tests/python/test_factx.py)" 0 "$PY tests/python/test_factx.py"
cat "$TMP/err" | tail -n 3
check "the package imports nothing but the standard library" 0 \
    "$PY -c 'import ast, sys; t = ast.parse(open(\"python/factx/__init__.py\").read()); names = {a.name.split(\".\")[0] for n in ast.walk(t) if isinstance(n, ast.Import) for a in n.names} | {n.module.split(\".\")[0] for n in ast.walk(t) if isinstance(n, ast.ImportFrom) and n.module and n.level == 0}; sys.exit(0 if names and names <= set(sys.stdlib_module_names) else 1)'"
if $PY -c 'import distributed' 2>/dev/null; then
    "$B/gencorpus" -n 60 "$TMP/corpus.jsonl" corpus/*.txt 2>/dev/null || build/release/gencorpus -n 60 "$TMP/corpus.jsonl" corpus/*.txt
    check "Dask distributed: a scheduler and two workers on loopback give a single process's output" 0 \
        "timeout 300 $PY tests/python/dask_corpus.py $TMP/corpus.jsonl $TMP/dask"
    tail -n 3 "$TMP/out"
else
    bad "python3-distributed is not installed (make test installs it: tools/deps.sh python3-distributed)"
fi
summary python
