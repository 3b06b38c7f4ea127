#!/bin/sh
# tests/orgdev/run.sh [FACTX]: score factx's organisations on the
# organisations' development set (rebuild texts/ and gold/ from src/ first)
set -e
here=$(cd "$(dirname "$0")" && pwd)
factx=${1:-$here/../../bin/factx}
python3 "$here/build.py"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$factx" -q --types org -o "$out" "$here/texts"
"$factx" eval "$here/gold" "$out" "$here/texts" | grep -E '^(type|org|doc)'
