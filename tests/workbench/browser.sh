#!/bin/sh
# tests/workbench/browser.sh [BUILD_DIR] - open the report of `factx html`
# in headless Chromium and check what it renders against factx's own JSON
# and the scorer: highlighted spans per type (each type its own colour),
# rows of the fact tables, missed and spurious marks. The page carries no
# test code: check.js, appended to a copy of it, writes what the browser
# drew into #fx-check, and --dump-dom gives it to us.
# Last line: "browser: N passed, N failed".
set -u
B=${1:-build/release}
FACTX=$B/factx
TMP=$(mktemp -d /tmp/factx-browser.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
. tests/lib.sh

CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROMIUM" ]; then
    bad "chromium is not installed (make test installs it: tools/deps.sh chromium)"
    summary browser
    exit
fi
# a fresh profile, nothing from the network
chrome() {
    timeout 180 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$TMP/profile" "$@" 2>>"$TMP/chromium.err"
}

# a copy of the page with tests/workbench/check.js run after it
with_check() {
    { cat "$1"; printf '<script>'; cat tests/workbench/check.js; printf '</script>\n'; } > "$2"
}

"$FACTX" html --gold tests/annotations -o "$TMP/report.html" corpus || bad "factx html failed"
! grep -q 'fx-check' "$TMP/report.html" && test "$(grep -o '<script' "$TMP/report.html" | wc -l)" -eq 1 && ok ||
    bad "the page carries test code, or more than its one script (issue 20 bug 5)"
with_check "$TMP/report.html" "$TMP/report-check.html"
"$FACTX" -q -o "$TMP/out" corpus
"$FACTX" -q corpus > "$TMP/all.jsonl"
"$FACTX" eval tests/annotations "$TMP/out" corpus > "$TMP/eval.txt"

chrome --dump-dom "file://$TMP/report-check.html" > "$TMP/dom.html"
sed -n '/<pre id="fx-check">/,/<\/pre>/p' "$TMP/dom.html" | sed 's/<\/pre>.*//; s/<[^>]*>//g' > "$TMP/check.txt"
[ -s "$TMP/check.txt" ] && ok || { bad "the page's script did not run (no #fx-check)"; tail -n 5 "$TMP/chromium.err"; }

# the registered types (src/types.c), as factx --help lists them
types=$("$FACTX" --help | sed -n 's/^ *--types LIST *comma-separated: \([a-z,]*\) .*/\1/p')
[ -n "$types" ] && ok || bad "factx --help lists no types"
ntypes=$(echo "$types" | tr ',' '\n' | wc -l)
for t in $(echo "$types" | tr ',' ' '); do
    want=$(grep -o "\"type\":\"$t\"" "$TMP/all.jsonl" | wc -l)
    got=$(awk -v t=$t '$1 == t {print $2}' "$TMP/check.txt")
    [ "$got" = "$want" ] && ok || bad "$t: $got highlighted spans rendered, factx output has $want"
done
colours=$(awk 'NF == 3 {print $3}' "$TMP/check.txt" | sort -u | grep -c '^rgb(')
[ "$colours" -eq "$ntypes" ] && ok || bad "each type should have its own background colour; got $colours distinct"
want=$(grep -o '"type":"[a-z]*"' "$TMP/all.jsonl" | wc -l)
got=$(awk '$1 == "rows" {print $2}' "$TMP/check.txt")
[ "$got" = "$want" ] && ok || bad "fact tables: $got rows rendered, $want facts"
# missed = gold - lenient matches, spurious = factx - lenient matches, from
# the scorer's table. tests/annotations may agree with factx everywhere, so a
# second page is scored against factx's own output with organisations
# left out of one side: every org is then missed, or spurious.
scorer() {   # EVAL_TABLE -> "missed spurious"
    awk -v types="$types" 'BEGIN {n = split(types, a, ","); for (i = 1; i <= n; i++) is_type[a[i]] = 1}
         is_type[$1] {l = int($10 * $2 + 0.5); m += $2 - l; s += $3 - l}
         END {print m + 0, s + 0}' "$1"
}
marked() {   # CHECK_FILE NAME -> count
    awk -v k="$2" '$1 == k {print $2}' "$1"
}
norg=$(grep -o '"type":"org"' "$TMP/all.jsonl" | wc -l)
[ "$norg" -gt 0 ] && ok || bad "the corpus should have organisations for this test"
"$FACTX" -q -o "$TMP/full" corpus
notorg=$(echo "$types" | tr ',' '\n' | grep -vx org | paste -sd, -)
"$FACTX" -q --types "$notorg" -o "$TMP/noorg" corpus
"$FACTX" html --gold "$TMP/full" --types "$notorg" -o "$TMP/missed.html" corpus
"$FACTX" html --gold "$TMP/noorg" -o "$TMP/spurious.html" corpus
"$FACTX" eval "$TMP/full" "$TMP/noorg" corpus > "$TMP/eval-missed.txt"
"$FACTX" eval "$TMP/noorg" "$TMP/full" corpus > "$TMP/eval-spurious.txt"
for page in tests/annotations:eval missed:eval-missed spurious:eval-spurious; do
    html=${page%%:*}; table=${page#*:}
    if [ "$html" = tests/annotations ]; then file="$TMP/check.txt"; else
        with_check "$TMP/$html.html" "$TMP/$html-check.html"
        chrome --dump-dom "file://$TMP/$html-check.html" | sed -n '/<pre id="fx-check">/,/<\/pre>/p' |
            sed 's/<\/pre>.*//; s/<[^>]*>//g' > "$TMP/check-$html.txt"
        file="$TMP/check-$html.txt"
    fi
    set -- $(scorer "$TMP/$table.txt")
    got=$(marked "$file" missed)
    [ "$got" = "$1" ] && ok || bad "$html page: $got missed marked, the scorer says $1"
    got=$(marked "$file" spurious)
    [ "$got" = "$2" ] && ok || bad "$html page: $got spurious marked, the scorer says $2"
done
[ "$(marked "$TMP/check-missed.txt" missed)" = "$norg" ] && ok || bad "every organisation should be missed"
[ "$(marked "$TMP/check-spurious.txt" spurious)" = "$norg" ] && ok || bad "every organisation should be spurious"
grep -q '<td>all</td>' "$TMP/dom.html" && ok || bad "no scorer table"
grep -q '<span class="tip" role="tooltip">money: [A-Z][A-Z][A-Z] [0-9,.]* · rule money\.' "$TMP/dom.html" && ok ||
    bad "no readable value and rule on hover for money"
# the type shown by more than colour: a label after every span
for t in $(echo "$types" | tr ',' ' '); do
    got=$(awk -v t=$t '$1 == "label" && $2 == t {print $3}' "$TMP/check.txt")
    [ "$got" = "$t" ] && ok || bad "$t: the spans' label reads '$got'"
done
grep -q '^tip-city city: [A-Z][^,]*, [A-Z][A-Z] · pop [0-9.]* M · GeoNames · rule city\.' "$TMP/check.txt" && ok ||
    bad "a city's tooltip should read 'city: Copenhagen, DK · pop 1.15 M · GeoNames · rule ...': $(grep '^tip-city' "$TMP/check.txt")"
ncity=$(grep -o '"type":"city"' "$TMP/all.jsonl" | wc -l)
[ "$(awk '$1 == "geonames" {print $2}' "$TMP/check.txt")" = "$ncity" ] && ok || bad "every city should link to GeoNames"
# a legend button hides its type (no background, no label, no table rows) and shows it again
for t in $(echo "$types" | tr ',' ' '); do
    grep -q "^hidden $t rgba(0,0,0,0) none rows 0 pressed false\$" "$TMP/check.txt" && ok ||
        bad "$t: its legend button does not hide it: $(grep "^hidden $t " "$TMP/check.txt")"
    colour=$(awk -v t=$t '$1 == t {print $3}' "$TMP/check.txt")
    grep -q "^shown $t $colour\$" "$TMP/check.txt" && ok || bad "$t: not shown again"
done
# the search box keeps the documents whose text holds the words
want=$(grep -il copenhagen corpus/*.txt | wc -l)
grep -q "^search Copenhagen $want\$" "$TMP/check.txt" && ok || bad "search 'Copenhagen': $(grep '^search Copenhagen' "$TMP/check.txt"), want $want"
grep -q '^search zzzz-nowhere 0$' "$TMP/check.txt" && grep -q '^search (empty) 5$' "$TMP/check.txt" && ok ||
    bad "search: no match hides all, an empty box shows all"
# a palette safe for colour-blind readers: the registry's colours are
# tints of the Okabe-Ito palette (src/types.c), checked there
! grep -qi '<script[^>]*src=\|<link[^>]*href=\|@import\|url(' "$TMP/report.html" && ok || bad "the page loads something from outside"

chrome --window-size=1280,900 --screenshot="$TMP/shot.png" "file://$TMP/report.html" > /dev/null
[ "$(head -c 4 "$TMP/shot.png" 2>/dev/null | od -An -tx1 | tr -d ' ')" = 89504e47 ] && ok || bad "no PNG screenshot"

summary browser
