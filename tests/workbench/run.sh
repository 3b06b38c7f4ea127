#!/bin/sh
# tests/workbench/run.sh [BUILD_DIR] - the rule author's commands: lint,
# diff, explain, html, progress. Last line: "workbench: N passed, N failed".
set -u
B=${1:-build/release}
FACTX=$B/factx
W=tests/workbench
R=tests/broken_rules
TMP=$(mktemp -d /tmp/factx-workbench.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
. tests/lib.sh

# ---- lint
$FACTX lint rules > "$TMP/lint-rules.out" 2> "$TMP/lint-rules.err"
echo "lint rules: exit $?"; cat "$TMP/lint-rules.err" "$TMP/lint-rules.out"   # warnings are shown, errors fail
check "lint: the shipped rules have no errors" 0 "grep -q '; 0 errors, [0-9]* warnings\$' $TMP/lint-rules.out"
check "lint: findings give exit 5" 5 "$FACTX lint $R/lint_findings"
$FACTX lint $R/lint_findings > "$TMP/lint.out" 2> "$TMP/lint.err"
L=$R/lint_findings/lint_findings.rules
check "lint: failing example, positioned" 0 "grep -q '$L:20:12: error: rule lint.wrong_example: example a value differs' $TMP/lint.err"
check "lint: unused define" 0 "grep -q '$L:3:1: warning: define NEVER_USED is not used' $TMP/lint.err"
check "lint: used define not reported" 0 "! grep -q 'define YEAR4' $TMP/lint.err"
check "lint: shadowed rule, with the winner" 0 "grep -q '$L:11:1: warning: rule lint.shadowed is shadowed.*comes from lint.winner' $TMP/lint.err"
check "lint: the winner is not shadowed" 0 "! grep -q 'rule lint.winner is shadowed' $TMP/lint.err"
check "lint: catastrophic backtracking" 0 "grep -q '$L:22:1: error: rule lint.backtracking: match limit exceeded' $TMP/lint.err"
check "lint: nested unbounded repetition (issue 21)" 0 "grep -q '$L:22:1: warning: rule lint.backtracking: nested unbounded repetition at \"(?:\[A-Za-z\]+\\\\s?)+Ltd\"' $TMP/lint.err"
check "lint: summary line" 0 "grep -q '4 rules, 4 examples (1 failed), 1 unused defines, 1 shadowed rules, 1 backtracking, 1 nested repetitions, 0 missing tables; 2 errors, 3 warnings' $TMP/lint.out"
check "lint: a table the rules need, not loaded (issue 21)" 5 "$FACTX lint $R/lint_tables"
check "... named, with the rule that needs it" 0 "$FACTX lint $R/lint_tables 2>&1 | grep -q 'lint_tables.rules:4:1: error: table DATE_NAMES is not loaded.*rule lint.month_year captures month: dates with month names get no value'"
check "lint: possessive and bounded repetition are not nested risks" 0 "! $FACTX lint $R/lint_tables 2>&1 | grep -q 'lint.bounded: nested'"
check "lint: rules that do not load give exit 3" 3 "$FACTX lint $R/lint_errors"
check "lint: duplicate id, positioned" 0 "$FACTX lint $R/lint_errors 2>&1 | grep -q 'lint_errors.rules:6:6: error: duplicate rule id lint.twice'"
check "lint: undefined sub-pattern, positioned" 0 "$FACTX lint $R/lint_errors 2>&1 | grep -q 'lint_errors.rules:12:12: error: rule lint.undefined: unknown sub-pattern NO_SUCH_DEFINE'"
check "lint: --werror fails on warnings" 5 "$FACTX lint --werror $R/lint_findings"
check "lint: usage error" 2 "$FACTX lint --frobnicate"
check "lint: --max-errors caps the errors reported" 5 "$FACTX lint --max-errors=1 $R/lint_findings > $TMP/cap.out 2> $TMP/cap.err"
check "... says it stopped, and the summary still counts every error" 0 \
    "test \$(grep -c ': error: ' $TMP/cap.err) -eq 1 && grep -q 'too many errors' $TMP/cap.err && grep -q '; 2 errors, ' $TMP/cap.out"
check "lint: --max-errors 0 reports all" 0 "$FACTX lint --max-errors 0 $R/lint_findings 2>&1 | grep -c ': error: ' | grep -qx 2"

# ---- diff
D=$W/diff
check "diff: a run against itself is the same, exit 0" 0 "$FACTX diff $D/old $D/old"
check "diff: differences give exit 1" 1 "$FACTX diff --docs $D/docs $D/old $D/new"
$FACTX diff --docs $D/docs $D/old $D/new > "$TMP/diff.out"
check "diff: summary line" 0 "grep -qx 'diff: 2 documents (0 only in old, 1 only in new): 1 added, 1 removed, 2 changed (1 span, 1 value, 1 rule), 0 unchanged' $TMP/diff.out"
check "diff: a document only in NEW" 0 "grep -qx 'document b: only in $D/new' $TMP/diff.out"
check "diff: grouped by type and rule" 0 "grep -qx 'date date.relative  (+1 -0 ~0)' $TMP/diff.out && grep -qx 'percent percent.sign  (+0 -1 ~0)' $TMP/diff.out"
check "diff: groups in type order" 0 "test \"\$(grep -v '^ ' $TMP/diff.out | cut -d' ' -f1 | uniq | tr '\n' ' ')\" = 'document date money percent diff: '"
check "diff: added fact in its sentence" 0 "grep -qx '      + Prices rose 7% {+last year+}.' $TMP/diff.out"
check "diff: removed fact in its sentence" 0 "grep -qx '      - Prices rose \[-7%-\] last year.' $TMP/diff.out"
check "diff: a changed span shows both" 0 "grep -q '(span, rule was money.bare)' $TMP/diff.out && grep -qx '      - It cost €\[-2 million-\] in 2015.' $TMP/diff.out && grep -qx '      + It cost {+€2 million+} in 2015.' $TMP/diff.out"
check "diff: a changed value" 0 "grep -q '24-28 \"2015\" => \"2015\"  ->  24-28 \"2015\" => \"2016\"  (value)' $TMP/diff.out"
check "diff: --color=always, the getopt_long form" 0 "$FACTX diff --color=always --docs=$D/docs $D/old $D/new | grep -q \"\$(printf '\\033')\\[1;32m€2 million\""
check "diff: colours when asked" 0 "$FACTX diff --color always --docs $D/docs $D/old $D/new | grep -q \"\$(printf '\\033')\\[1;32m€2 million\""
check "diff: no colours into a pipe" 0 "! $FACTX diff --docs $D/docs $D/old $D/new | grep -q \"\$(printf '\\033')\""
C=corpus/003_76a9726fdb4f1947.txt
$FACTX -q $C > "$TMP/old.jsonl"
$FACTX -q --types date,money,percent,city $C > "$TMP/noorg.jsonl"
$FACTX -q --dct 2020-06-01 $C > "$TMP/dct.jsonl"
norg=$(grep -o '"type":"org"' "$TMP/old.jsonl" | wc -l)
check "diff: JSON Lines, every organisation removed" 1 "$FACTX diff $TMP/old.jsonl $TMP/noorg.jsonl > $TMP/jl.out"
check "diff: ... counted in the summary" 0 "grep -q ' 0 added, $norg removed, 0 changed' $TMP/jl.out && test $norg -gt 0"
check "diff: ... each in its sentence, found through doc.path" 0 "test \$(grep -c '^      - .*\[-.*-\]' $TMP/jl.out) -eq $norg"
check "diff: another document date changes relative dates" 0 "$FACTX diff $TMP/old.jsonl $TMP/dct.jsonl | grep -q '^  ~ 003_76a9726fdb4f1947 .*\"two years ago\" => \"2012\"  ->  .*=> \"2018\"  (value)'"
check "diff: a directory against JSON Lines" 0 "$FACTX diff tests/snapshots/ $TMP/old.jsonl | grep -q 'only in tests/snapshots/'"
check "diff: one document's .json files" 1 "$FACTX -q --dct 2020-06-01 -o $TMP/dctdir $C && $FACTX diff tests/snapshots/003_76a9726fdb4f1947.json $TMP/dctdir/003_76a9726fdb4f1947.json > $TMP/one.out"
check "diff: ... matched by file name" 0 "grep -q '^diff: 1 documents (0 only in old, 0 only in new): 0 added, 0 removed, [1-9][0-9]* changed' $TMP/one.out"
# issue 20 bug 1: every document of a JSON Lines file, not only the first
$FACTX -q corpus > "$TMP/all5.jsonl"
$FACTX -q --types date corpus > "$TMP/dates5.jsonl"
check "diff: JSON Lines files, every document read (issue 20 bug 1)" 1 "$FACTX diff $TMP/all5.jsonl $TMP/dates5.jsonl > $TMP/jl5.out"
check "diff: ... all 5 documents compared" 0 "grep -q '^diff: 5 documents (0 only in old, 0 only in new)' $TMP/jl5.out"
# issue 20 bug 3: a reader that stops early (| head) is no error; the
# output is made larger than a pipe's buffer so that the write must fail
for i in 1 2 3 4 5 6 7 8; do cat corpus/*.txt; done > "$TMP/big.txt"
$FACTX -q "$TMP/big.txt" > "$TMP/big.jsonl"
$FACTX -q --types date "$TMP/big.txt" > "$TMP/bigdates.jsonl"
check "diff | head -1: the status says the runs differ, not a write error (issue 20 bug 3)" 0 \
    "{ $FACTX diff $TMP/big.jsonl $TMP/bigdates.jsonl 2>$TMP/head.err; echo \$? > $TMP/head.st; } | head -n 1 > /dev/null; test \$(cat $TMP/head.st) -eq 1 && test ! -s $TMP/head.err && test \$($FACTX diff $TMP/big.jsonl $TMP/bigdates.jsonl | wc -c) -gt 200000"
check "explain | head -1: exit 0, nothing on stderr (issue 20 bug 3)" 0 \
    "{ $FACTX explain --trace $TMP/big.txt 2>$TMP/head.err; echo \$? > $TMP/head.st; } | head -n 1 > /dev/null; test \$(cat $TMP/head.st) -eq 0 && test ! -s $TMP/head.err && test \$($FACTX explain --trace $TMP/big.txt | wc -c) -gt 200000"
check "diff: unreadable side gives exit 2" 2 "$FACTX diff /nonexistent $D/new"
check "diff: usage error" 2 "$FACTX diff $D/old"

# ---- explain of a city: what decided, the candidates with GeoNames ids
# and scores, '*' at the pick (issue 17; the shipped rules)
$FACTX explain --text "The Ontario plant in London closed." > "$TMP/city.out"
$FACTX explain --text "Portland, Maine grew; Portland is a port." > "$TMP/city2.out"
check "explain: a city's candidates with their scores, the pick marked" 0 "grep -q '^  decided   the highest score' $TMP/city.out && grep -q '^  \\* .*London, CA, Ontario, population [0-9]*, geonames_id [0-9]*, score [0-9.]*\$' $TMP/city.out && grep -q '^    candidates London, GB, England, .*score' $TMP/city.out"
check "explain: a qualified city and the document's sense of its name" 0 "grep -q '^  decided   named by the country or region after it' $TMP/city2.out && grep -q \"^  decided   the document's sense of the name\" $TMP/city2.out && test \$(grep -c '^  \\* .*Portland, US, Maine' $TMP/city2.out) -eq 2"

# ---- explain (rules made to lose in every way: $W/explain_rules)
X="$FACTX explain --rules $W/explain_rules"
$X $W/explain.txt > "$TMP/ex.out"
check "explain: the rule and its file:line" 0 "grep -qx '  rule      ex.scaled ($W/explain_rules/explain.rules:7), priority 10' $TMP/ex.out"
check "explain: captures with their table rows" 0 "grep -q '  captures cur      \".\"  = CURRENCY_SYMBOL ($W/explain_rules/currency_symbols.tsv:2): key=. code=USD' $TMP/ex.out && grep -q 'scale    \"million\"  = SCALE .*multiplier=1000000' $TMP/ex.out"
check "explain: the value and its normaliser" 0 "grep -qx '  value     {\"amount\":5000000,\"currency\":\"USD\"}  by normaliser .money.' $TMP/ex.out"
check "explain: lost, nested" 0 "grep -qx '  lost      ex.plain \".5\" 25-27: nested inside the longer match of ex.scaled' $TMP/ex.out"
check "explain: lost, shorter" 0 "grep -qx '  lost      ex.tail \"million,\" 28-36: shorter (8 bytes) than the overlapping match of ex.scaled (10)' $TMP/ex.out"
check "explain: lost, lower priority" 0 "grep -qx '  lost      ex.pct_low \"7%\" 40-42: lower priority (1) than ex.pct_high (9), same length' $TMP/ex.out"
check "explain: lost, loaded later" 0 "grep -q '  lost      ex.pct_twin \"7%\" 40-42: same length and priority as ex.pct_high, which is loaded first' $TMP/ex.out"
check "explain: guard" 0 "grep -q '  ex.city \"Beijing\" 0-7: guard: blocked by ex.event (type none' $TMP/ex.out"
check "explain: value rejected" 0 "grep -q '  ex.iso \"2014-13-45\" 59-69: .*give no valid date value' $TMP/ex.out"
check "explain: a list rule shows its table row" 0 "grep -qx '  lookup    CITIES ($W/explain_rules/cities.tsv:2): key=Beijing name=Beijing country_code=CN' $TMP/ex.out"
check "explain: --at inside a guarded span: no fact, the guard shown" 0 "$X $W/explain.txt --at 3 > $TMP/at.out && grep -qx 'no fact here' $TMP/at.out && grep -q 'guard: blocked by ex.event' $TMP/at.out && ! grep -q '^fact' $TMP/at.out"
check "explain: --at on a fact shows only it" 0 "test \"\$($X $W/explain.txt --at 41 | grep '^fact')\" = 'fact percent \"7%\" bytes 40-42, sentence 0'"
check "explain: --text finds each place in FILE" 0 "$X $W/explain.txt --text Beijing > $TMP/t.out && test \$(grep -c '^fact' $TMP/t.out) -eq 1 && grep -q '^fact city \"Beijing\" bytes 46-53' $TMP/t.out && grep -q 'ex.city \"Beijing\" 0-7: guard' $TMP/t.out"
check "explain: --text alone is the document" 0 "$X --dct 2014-12-04 --text 'It cost \$9 million.' | grep -q '^fact money \".9 million\" bytes 8-18'"
check "explain: --trace lists every candidate and the sentences" 0 "$X --trace $W/explain.txt | grep -q 'every candidate that made no fact' && $X --trace $W/explain.txt | grep -q '^  1  [0-9]*-[0-9]* \"Due 2014-13-45'"
check "explain: --at past the end" 2 "$X $W/explain.txt --at 999"
# one date validator: every command refuses the same --dct with the same words
check "explain refuses a date factx refuses" 2 "$X --dct 2014-13-45 $W/explain.txt"
check "... with factx's message" 0 "test \"\$(cat $TMP/err)\" = \"\$($FACTX --dct 2014-13-45 $C 2>&1)\""
check "html refuses it too" 2 "$FACTX html --dct 2014-13-45 -o $TMP/bad-dct.html $C"
check "... the same way" 0 "test \"\$(cat $TMP/err)\" = \"factx: --dct wants a day YYYY-MM-DD of the years 0001-9999, not '2014-13-45'\""
check "explain takes a date factx takes" 0 "$X --dct 2016-02-29 --text 'It rose 5%.' | grep -q '^fact percent'"
check "explain: --text not in FILE" 2 "$X $W/explain.txt --text nowhere"
check "explain: usage error" 2 "$FACTX explain"
check "explain: the shipped rules on a corpus file" 0 "$FACTX explain corpus/003_76a9726fdb4f1947.txt | grep -q '^fact date \"2014-12-4 9:55:13\" bytes 99-116'"

# ---- html (what the browser draws: tests/workbench/browser.sh)
printf 'In 2015 <script>alert("x")</script> it cost $5 & more.\n' > "$TMP/esc.txt"
check "html: writes a page" 0 "$FACTX html -o $TMP/one.html corpus/003_76a9726fdb4f1947.txt && grep -q '^<!DOCTYPE html>' $TMP/one.html"
check "html: one mark per fact" 0 "test \$(grep -o '<mark class=\"fx fx-' $TMP/one.html | wc -l) -eq \$($FACTX corpus/003_76a9726fdb4f1947.txt | grep -o '\"type\":' | wc -l)"
check "html: a legend button per type" 0 "test \$(grep -o '<button type=\"button\" class=\"fx fx-[a-z]*\" data-type=' $TMP/one.html | wc -l) -eq 5"
check "html: without gold, no gold column" 0 "! grep -q 'class=\"col col-gold' $TMP/one.html && ! grep -q 'class=\"scores' $TMP/one.html"
check "html: with gold, both columns and the scorer's tables" 0 "$FACTX html --gold tests/annotations -o $TMP/gold.html corpus && grep -q 'class=\"col col-gold' $TMP/gold.html && test \$(grep -o '<table class=\"scores' $TMP/gold.html | wc -l) -eq 6"
check "html: the text is escaped" 0 "$FACTX html -o $TMP/esc.html $TMP/esc.txt && grep -q '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;' $TMP/esc.html && ! grep -q '<script>alert' $TMP/esc.html"
check "html: no test output on the page (issue 20 bug 5)" 0 "! grep -q 'fx-check' $TMP/one.html && ! grep -q 'fx-check' $TMP/gold.html"
check "html: a document without gold is shown unscored, with a warning" 0 "$FACTX html --gold tests/annotations -o $TMP/nog.html $TMP/esc.txt 2>&1 | grep -q 'no gold file'"
check "html: no -o is a usage error" 2 "$FACTX html corpus"
check "html: --types limits the types" 0 "$FACTX html --types money -o $TMP/money.html corpus && test \$(grep -o '<mark class=\"fx fx-' $TMP/money.html | wc -l) -eq \$(grep -o '<mark class=\"fx fx-money' $TMP/money.html | wc -l) && grep -q '<mark class=\"fx fx-money' $TMP/money.html"
check "html: a bad --types is a usage error" 2 "$FACTX html --types colour -o $TMP/x.html corpus"
check "html: unwritable output" 4 "$FACTX html -o /nonexistent/dir/r.html corpus/003_76a9726fdb4f1947.txt"

# ---- progress: only on a terminal (script(1) gives the run a pseudo-terminal)
if command -v script >/dev/null 2>&1; then
    check "progress: on a terminal, documents, MB, MB/s and ETA" 0 "script -qec '$FACTX -o $TMP/p corpus' /dev/null | grep -aq 'factx: [0-9]*/5 documents, [0-9.]*/[0-9.]* MB, [0-9.]* MB/s'"
    check "progress: JSON Lines too" 0 "$FACTX corpus > $TMP/p.jsonl && script -qec '$FACTX --jsonl-in -o $TMP/pj $TMP/p.jsonl' /dev/null | grep -aq 'factx: [0-9]* documents, [0-9.]*/[0-9.]* MB'"
    check "progress: -q silences it" 0 "test \$(script -qec '$FACTX -q -o $TMP/p corpus' /dev/null | wc -c) -eq 0"
else
    bad "progress: script(1) is missing (util-linux), cannot give factx a terminal"
fi
check "progress: nothing when stderr is not a terminal" 0 "$FACTX -o $TMP/p corpus 2> $TMP/p.err && test ! -s $TMP/p.err"

summary workbench
