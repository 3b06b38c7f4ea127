#!/bin/sh
# tests/downstream/run.sh [BUILD_DIR] - what a downstream user relies on:
# the output schema, streaming (--jsonl-in, GNU parallel), the library and
# its install, the command-line conventions and the man page. Last line:
# "downstream: N passed, N failed".
set -u
B=${1:-build/release}
FACTX=$B/factx
D=tests/downstream
TMP=$(mktemp -d /tmp/factx-downstream.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
. tests/lib.sh

# check_ok NAME COMMAND: the command must exit 0
check_ok() { name=$1; shift; check "$name" 0 "$@"; }

# the validator: Debian's python3-jsonschema (make test installs it)
PY=
for p in /usr/bin/python3 python3; do
    if "$p" -c 'import jsonschema; jsonschema.Draft202012Validator' 2>/dev/null; then PY=$p; break; fi
done
SCHEMA="$PY $D/validate_schema.py docs/factx.schema.json"

echo "-- schema (docs/factx.schema.json)"
check_ok "a JSON Schema validator is installed (python3-jsonschema)" "test -n '$PY'"
"$FACTX" -q -j1 -o "$TMP/corpus" corpus
check_ok "every corpus output (-o) is valid" "$SCHEMA $TMP/corpus/*.json"
"$PY" $D/streams.py jsonl corpus 1 > "$TMP/corpus.jsonl"
printf '%s\n' '{"id":"x","text":"Ab\377c 5%"}' 'not json' '{"id":7,"text":""}' '{"text":"no id"}' \
    '{"id":"d","text":"t","dct":"2014-13-01"}' '{"id":"e"}' '{"id":"f","text":"On 3 May.","dct":null}' \
    >> "$TMP/corpus.jsonl"
"$FACTX" -q --jsonl-in "$TMP/corpus.jsonl" > "$TMP/corpus.out.jsonl"
check_ok "every JSONL output line is valid, error objects too" "$SCHEMA $TMP/corpus.out.jsonl"
"$PY" $D/streams.py examples rules > "$TMP/examples.jsonl"
check_ok "the output for every rule example text is valid ($(wc -l < "$TMP/examples.jsonl") documents)" \
    "$FACTX -q --jsonl-in $TMP/examples.jsonl | $SCHEMA -"
# the example index mapping (docs/elasticsearch-mapping.json) takes every output
MAP="$PY $D/check_mapping.py docs/elasticsearch-mapping.json"
check_ok "the example index mapping accepts every corpus output, field by field" "$MAP $TMP/corpus/*.json"
check_ok "... every JSONL output line" "$MAP $TMP/corpus.out.jsonl"
check_ok "... the output for every rule example text" "$FACTX -q --jsonl-in $TMP/examples.jsonl | $MAP -"
check_ok "... and catches a value an index cannot map (a 1.x date, a string amount, an unmapped key)" \
    "printf '%s\\n' '{\"facts\":[{\"value\":\"2014\"}]}' '{\"facts\":[{\"value\":{\"amount\":\"2\"}}]}' '{\"facts\":[{\"value\":{\"colour\":1}}]}' | $MAP - | grep -q '3 errors'"
check_ok "stdin as - and --types, --dct outputs are valid" \
    "$FACTX -q --dct 2014-12-04 --types date,money - < corpus/003_76a9726fdb4f1947.txt | $SCHEMA -"
# the test can fail: objects that break the schema are caught
Z64=0000000000000000000000000000000000000000000000000000000000000000
printf '%s\n' '{"schema_version":"2.0","doc":{"id":"a","path":null,"bytes":1,"sha256":"00","dct":null,"dct_source":"none"},"facts":[],"warnings":[]}' \
    '{"schema_version":"2.0","doc":{"id":"a","path":null,"bytes":1,"sha256":"'$Z64'","dct":null,"dct_source":"none"},"facts":[{"type":"money","text":"x","start":0,"end":1,"cp_start":0,"cp_end":1,"value":{"amount":1,"currency":"euro"},"rule":"r","sentence":0}],"warnings":[]}' \
    '{"schema_version":"3.0","id":"a","line":1,"error":"e"}' \
    '{"schema_version":"2.0","doc":{"id":"a","path":null,"bytes":1,"sha256":"'$Z64'","dct":null,"dct_source":"none"},"facts":[{"type":"date","text":"x","start":0,"end":1,"cp_start":0,"cp_end":1,"value":"2014","rule":"r","sentence":0}],"warnings":[]}' \
    '{"schema_version":"2.0","doc":{"id":"a","path":null,"bytes":1,"sha256":"'$Z64'","dct":null,"dct_source":"none"},"facts":[{"type":"percent","text":"x","start":0,"end":1,"cp_start":0,"cp_end":1,"value":7,"rule":"r","sentence":0}],"warnings":[]}' \
    '{"schema_version":"2.0","doc":{"id":"a","path":null,"bytes":1,"sha256":"'$Z64'","dct":null,"dct_source":"none"},"facts":[{"type":"date","text":"x","start":0,"end":1,"cp_start":0,"cp_end":1,"value":{"timex":"2014","start":"2014-1-1","end":null,"grain":"year"},"rule":"r","sentence":0}],"warnings":[]}' \
    '{"schema_version":"1.0","doc":{"id":"a","path":null,"bytes":1,"sha256":"'$Z64'","dct":null,"dct_source":"none"},"facts":[],"warnings":[]}' \
    > "$TMP/bad.jsonl"
check_ok "the validator rejects objects that break the schema (7 of 7: 1.x values and versions too)" \
    "$SCHEMA $TMP/bad.jsonl | grep -q 'schema: 0 passed, 7 failed'"
check_ok "the schema accepts the binary's schema_version, and only that major version" \
    "v=\$($FACTX -j1 - < /dev/null | sed 's/^{\"schema_version\":\"\\([^\"]*\\)\".*/\\1/'); $PY -c \"import json, re, sys; p = json.load(open('docs/factx.schema.json'))['\\\$defs']['schema_version']['pattern']; v = sys.argv[1]; major = int(v.split('.')[0]); sys.exit(not (re.search(p, v) and not re.search(p, f'{major + 1}.0')))\" \"\$v\""

echo "-- streams (--jsonl-in)"
"$PY" $D/streams.py jsonl corpus 12 > "$TMP/many.jsonl"
"$FACTX" -q --jsonl-in -j1 < "$TMP/many.jsonl" > "$TMP/single.jsonl"
check_ok "one output line per input line" "test \$(wc -l < $TMP/single.jsonl) -eq \$(wc -l < $TMP/many.jsonl)"
check_ok "output order is input order" \
    "cmp -s $TMP/single.jsonl $TMP/single.jsonl && test \"\$(sed -n 's/.*\"doc\":{\"id\":\"\\([^\"]*\\)\".*/\\1/p' $TMP/single.jsonl | tr '\\n' ' ')\" = \"\$(sed -n 's/^{\"id\": \"\\([^\"]*\\)\".*/\\1/p' $TMP/many.jsonl | tr '\\n' ' ')\""
check_ok "-j 2 gives the same bytes as -j 1" "$FACTX -q --jsonl-in -j2 < $TMP/many.jsonl | cmp -s - $TMP/single.jsonl"
for j in 1 2; do
    check_ok "each output line is flushed before more input comes (-j $j)" "$PY $D/streams.py flush $FACTX -q --jsonl-in -j$j"
done
check_ok "a malformed line does not stop the run; its error object has its line number" \
    "sed -n 7p $TMP/corpus.out.jsonl | grep -q '^{\"schema_version\":\"2\\.[0-9]*\",\"id\":\"line-7\",\"line\":7,\"error\":'"
# jq '.facts[]' over a whole run: error objects carry "facts": [] too
check_ok "every JSONL output line, error objects too, has a facts array (jq '.facts[]' runs over it)" \
    "$PY -c \"import json, sys; lines = [json.loads(l) for l in open(sys.argv[1])]; sys.exit(not (any('error' in o for o in lines) and all(isinstance(o.get('facts'), list) and ('error' not in o or o['facts'] == []) for o in lines)))\" $TMP/corpus.out.jsonl"
# each fact's sentence range holds the fact; one sentence index, one range
cat > "$TMP/sentences.py" <<'PYEOF'
import json, sys
ranges, facts = {}, 0
for path in sys.argv[1:]:
    doc = json.load(open(path))
    src = open(doc["doc"]["path"], "rb").read()
    for f in doc["facts"]:
        s, e = f["sentence_start"], f["sentence_end"]
        assert s <= f["start"] < f["end"] <= e <= len(src), f
        assert not src[s:e].startswith((b" ", b"\n")) and not src[s:e].endswith((b" ", b"\n")), f
        assert ranges.setdefault((path, f["sentence"]), (s, e)) == (s, e), f
        facts += 1
assert facts > 100, facts
PYEOF
check_ok "each fact's sentence_start/sentence_end hold it, trimmed, the same for one sentence" \
    "$PY $TMP/sentences.py $TMP/corpus/*.json"
check_ok "a malformed line is reported on stderr as factx: FILE:LINE: message" \
    "$FACTX --jsonl-in $TMP/corpus.jsonl 2>&1 >/dev/null | grep -q '^factx: $TMP/corpus.jsonl:7: warning: not a JSON object\$'"
# bounded memory: ten times the input must not need more memory (not under
# AddressSanitizer, whose quarantine keeps freed memory on purpose). The
# small input is 1.6 MB, not less: the rules JIT-compiled once used enough
# and the city cache settle within the first MB (0.8 MB of input ran 1.3-1.6
# MB below 8 MB), and that one-off growth is not what this checks.
"$PY" $D/streams.py jsonl corpus 40 > "$TMP/part.jsonl"
cat "$TMP/part.jsonl" "$TMP/part.jsonl" > "$TMP/small.jsonl"
for i in 1 2 3 4 5 6 7 8 9 10; do cat "$TMP/small.jsonl"; done > "$TMP/large.jsonl"
sanitized=$(nm "$FACTX" 2>/dev/null | grep -c __asan_init)
[ "$sanitized" -gt 0 ] && echo "(memory bound not measured: the binary is built with AddressSanitizer)"
[ "$sanitized" -gt 0 ] || for j in 1 2; do
    small=$("$PY" $D/streams.py rss "$FACTX" "$TMP/small.jsonl" -q --jsonl-in -j$j)
    large=$("$PY" $D/streams.py rss "$FACTX" "$TMP/large.jsonl" -q --jsonl-in -j$j)
    check_ok "memory does not grow with the input (-j $j: $small KB for 1.6 MB, $large KB for 16 MB)" \
        "test $large -le \$(($small + 2048))"
done

echo "-- exports (factx export)"
# the corpus and a record with quotes, commas, a tab, a line break inside a
# fact and letters outside ASCII (brat counts code points, factx bytes)
{ "$FACTX" -q -j1 corpus; printf '%s\n' '{"id":"tricky","text":"Åse said \"Ørsted, the firm\":\tIn Aarhus on 3\nMay 2015 it cost €2,000,000 (5% more).","dct":"2015-06-01"}' |
    "$FACTX" -q -j1 --jsonl-in; } > "$TMP/run.jsonl"
check_ok "export csv and tsv from a run (JSON Lines)" \
    "$FACTX export --format csv $TMP/run.jsonl > $TMP/run.csv && $FACTX export --format=tsv -o $TMP/run.tsv $TMP/run.jsonl"
check "export brat: a document whose text is not found is an error (exit 1) ..." 1 "$FACTX export -f brat -o $TMP/brat $TMP/run.jsonl"
check_ok "... and the others are written" "test ! -e $TMP/brat/tricky.ann && test -s $TMP/brat/003_76a9726fdb4f1947.ann && test -s $TMP/brat/003_76a9726fdb4f1947.txt"
printf '%s\n' 'Åse said "Ørsted, the firm":	In Aarhus on 3' 'May 2015 it cost €2,000,000 (5% more).' | head -c -1 > "$TMP/docs_tricky.txt"
mkdir -p "$TMP/docs" && cp corpus/*.txt "$TMP/docs/" && cp "$TMP/docs_tricky.txt" "$TMP/docs/tricky.txt"
check_ok "export brat with --docs DIR finds every text" "rm -rf $TMP/brat && $FACTX export -f brat -o $TMP/brat --docs $TMP/docs $TMP/run.jsonl && test -e $TMP/brat/tricky.txt"
check_ok "every export agrees with the run, fact by fact (rows, cells, code-point offsets, values)" \
    "$PY $D/check_exports.py $TMP/run.jsonl $TMP/run.csv $TMP/run.tsv $TMP/brat"
check_ok "export from an -o folder is the same as from JSON Lines" \
    "$FACTX export -f csv $TMP/corpus | cmp - \$(grep -v '^tricky,' $TMP/run.csv > $TMP/run5.csv; echo $TMP/run5.csv)"
check_ok "export from articles (extracting) is the same as from their run" "$FACTX export -f csv corpus | cmp - $TMP/run5.csv"
check_ok "export from stdin (-)" "$FACTX -q -j1 corpus | $FACTX export -f csv - | cmp - $TMP/run5.csv"
check_ok "factx eval reads brat gold back: a run against its own export scores 1.000" \
    "$FACTX export -f brat -o $TMP/brat5 $TMP/corpus && $FACTX eval $TMP/brat5 $TMP/corpus corpus | grep -q '^all .* 1.000 |  1.000\$'"
check_ok "... and a fact deleted in brat is missed" \
    "sed -i '/^T1\t/d' $TMP/brat5/003_76a9726fdb4f1947.ann && $FACTX eval $TMP/brat5 $TMP/corpus corpus | grep -q '^all  *[0-9]*  *[0-9]* | .* 1.000 \\| .*' && test \$($FACTX eval --json $TMP/brat5 $TMP/corpus | $PY -c 'import json,sys; a=json.load(sys.stdin)[\"all\"]; print(a[\"system\"] - a[\"gold\"])') -eq 1"
check "brat without -o DIR is a usage error" 2 "$FACTX export -f brat $TMP/run.jsonl"
check "timeml from a run's output is a usage error (it extracts in TimeML mode)" 2 "$FACTX export -f timeml $TMP/run.jsonl"
check "an unknown format names the formats" 2 "$FACTX export -f xlsx $TMP/run.jsonl"
check_ok "... in one line" "grep -qx \"factx export: unknown format 'xlsx' (timeml, csv, tsv, brat); try 'factx export --help'\" $TMP/err"

echo "-- GNU parallel"
check_ok "GNU parallel is installed" "command -v parallel"
check_ok "parallel --pipe really splits the input (more than one chunk)" \
    "test \$(parallel --will-cite --pipe --block 64k -j2 --keep-order wc -l < $TMP/many.jsonl | wc -l) -gt 1"
check_ok "parallel --pipe -j2 --keep-order output equals a single process byte for byte" \
    "parallel --will-cite --pipe --block 64k -j2 --keep-order $FACTX -q --jsonl-in -j1 < $TMP/many.jsonl | cmp - $TMP/single.jsonl"

echo "-- library and install"
# make's own variables from an outer make must not leak into these runs
MK="env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL nice make -s"
DEST=$TMP/dest
PREFIX=/opt/factx-test
check_ok "make install DESTDIR=... PREFIX=... succeeds" "$MK install DESTDIR=$DEST PREFIX=$PREFIX"
P=$DEST$PREFIX
for f in bin/factx lib/libfactx.a lib/libfactx.so lib/libfactx.so.0 include/factx.h lib/pkgconfig/factx.pc \
         share/man/man1/factx.1 share/factx/factx.schema.json share/factx/rules/dates.rules; do
    check_ok "installed: $f" "test -e $P/$f"
done
check_ok "the shared library has its soname" "readelf -d $P/lib/libfactx.so | grep -q 'SONAME.*libfactx\\.so\\.0\\]'"
check_ok "the shared library exports exactly the functions of factx.h" \
    "test \"\$(nm -D --defined-only $P/lib/libfactx.so | awk '\$2 != \"A\" {print \$3}' | sed 's/@.*//' | sort | tr '\\n' ' ')\" = \"\$(cc -E -P -D'__attribute__(x)=' src/factx.h | grep -oE '\\bfx_[a-z0-9_]+ *[(\\[]' | tr -d ' ([' | sort -u | tr '\\n' ' ')\""
nm -D --defined-only $P/lib/libfactx.so | awk '$2 != "A" {print $3}' | sed 's/@.*//' | sort > "$TMP/exported"
check_ok "the shared library exports 15 to 30 names (the embedding API only)" \
    "n=\$(wc -l < $TMP/exported); test \$n -ge 15 && test \$n -le 30"
# every function the command line defines (src/cli/) stays out of the library
nm --defined-only -g $B/cli/*.o | awk 'NF == 3 {print $3}' | sort -u > "$TMP/cli_symbols"
check_ok "the command line defines functions of its own (sanity)" "grep -qx fx_runner_new $TMP/cli_symbols"
check_ok "no command-line function is exported by libfactx.so" "test -z \"\$(comm -12 $TMP/exported $TMP/cli_symbols)\""
check_ok "no exported name is command-line plumbing" \
    "! grep -E 'runner|progress|workbench|selftest|lint|diff|html|explain|colou?r|eval|profile_print|jsonl|input_collect|exit' $TMP/exported"
check_ok "the installed binary runs from another directory and finds its rules" \
    "cd / && env -u FACTX_RULES $P/bin/factx -q -j1 $PWD/corpus/003_76a9726fdb4f1947.txt > $TMP/installed.json"
check_ok "... with the same output as the build tree" \
    "$FACTX -q -j1 $PWD/corpus/003_76a9726fdb4f1947.txt | cmp - $TMP/installed.json"
check_ok "the installed binary passes its own rule examples" "cd / && env -u FACTX_RULES $P/bin/factx selftest"
PC="env PKG_CONFIG_SYSROOT_DIR=$DEST PKG_CONFIG_PATH=$P/lib/pkgconfig pkg-config"
check_ok "pkg-config finds factx" "$PC --modversion factx | grep -qx \"\$(sed -n 's/^#define FACTX_VERSION \"\\(.*\\)\"/\\1/p' src/factx.h)\""
check_ok "the example builds against the installed library (shared, pkg-config, the warnings of the Makefile)" \
    "cc -std=c11 ${WARNFLAGS:--Wall -Wextra -Werror} examples/embed.c \$($PC --cflags --libs factx) -o $TMP/embed"
check_ok "the example links libfactx.so" "readelf -d $TMP/embed | grep -q 'NEEDED.*libfactx\\.so\\.0'"
check_ok "the example runs and extracts facts" \
    "LD_LIBRARY_PATH=$P/lib $TMP/embed $DEST\$($PC --variable=rulesdir factx | sed 's|^$DEST||') corpus/003_76a9726fdb4f1947.txt 2014-12-04 > $TMP/embed.out && grep -q '^libfactx [0-9.]*: [1-9][0-9]* facts' $TMP/embed.out"
check_ok "... and its JSON is the CLI's for the same input" \
    "sed -n 2p $TMP/embed.out | sed 's/\"id\":\"example\",\"path\":\"[^\"]*\"/X/' > $TMP/embed.json; $FACTX -q -j1 --dct 2014-12-04 corpus/003_76a9726fdb4f1947.txt | sed 's/\"id\":\"[^\"]*\",\"path\":\"[^\"]*\"/X/' | cmp - $TMP/embed.json"
check_ok "the example builds against the static library (pkg-config --static)" \
    "cc -std=c11 examples/embed.c \$($PC --cflags factx) $P/lib/libfactx.a \$($PC --static --libs factx | sed 's/-lfactx//') -o $TMP/embed-static && ! readelf -d $TMP/embed-static | grep -q libfactx && $TMP/embed-static $P/share/factx/rules corpus/003_76a9726fdb4f1947.txt | grep -q facts"
check_ok "the installed man page renders without warnings" \
    "test -z \"\$(LC_ALL=C.UTF-8 groff -man -Tutf8 -ww -z $P/share/man/man1/factx.1 2>&1)\""
# issue 20 bug 2: factx.pc follows PREFIX, and is relocatable
check_ok "make install with another PREFIX writes that prefix into factx.pc (issue 20 bug 2)" \
    "$MK install DESTDIR=$TMP/dest2 PREFIX=/opt/factx-other && grep -qx 'prefix=/opt/factx-other' $TMP/dest2/opt/factx-other/lib/pkgconfig/factx.pc"
check_ok "pkg-config --define-prefix relocates a moved install" \
    "mv $TMP/dest2/opt/factx-other $TMP/moved && PKG_CONFIG_PATH=$TMP/moved/lib/pkgconfig pkg-config --define-prefix --cflags --libs factx | grep -q -- '-I$TMP/moved/include .*-L$TMP/moved/lib' && cc -std=c11 examples/embed.c \$(PKG_CONFIG_PATH=$TMP/moved/lib/pkgconfig pkg-config --define-prefix --cflags --libs factx) -o $TMP/embed-moved"
rm -rf "$TMP/dest2" "$TMP/moved"
check_ok "the Python package is installed where python3 finds it, with the installed paths" \
    "test -e $P/lib/python3/dist-packages/factx/__init__.py && grep -qx 'LIBRARY = \"$PREFIX/lib/libfactx.so.0\"' $P/lib/python3/dist-packages/factx/_install.py && grep -qx 'RULES = \"$PREFIX/share/factx/rules\"' $P/lib/python3/dist-packages/factx/_install.py"
check_ok "... and extracts with the installed library and rules" \
    "cd / && PYTHONPATH=$P/lib/python3/dist-packages FACTX_LIB=$P/lib/libfactx.so.0 FACTX_RULES=$P/share/factx/rules python3 -c 'import factx; assert factx.__file__.startswith(\"$P\"); assert factx.extract(\"It rose 5%.\")[\"facts\"][0][\"value\"] == {\"number\": 5}'"
check_ok "make uninstall removes every installed file" \
    "$MK uninstall DESTDIR=$DEST PREFIX=$PREFIX && test -z \"\$(find $DEST -type f -o -type l)\" && test ! -e $P/share/factx"

echo "-- conventions"
check_ok "--version prints the version" "$FACTX --version | grep -qx \"factx \$(sed -n 's/^#define FACTX_VERSION \"\\(.*\\)\"/\\1/p' src/factx.h)\""
commands=$("$FACTX" --help | sed -n 's/^ *\(usage:\)\{0,1\} *factx \([a-z][a-z-]*\) .*/\2/p')
check_ok "--help lists the commands" "test -n '$commands'"
for c in $commands; do
    check_ok "factx $c --help: its usage on stdout, exit 0" "$FACTX $c --help | grep -q '^usage: factx $c'"
    check_ok "factx $c --bogus: a usage error (exit 2)" "$FACTX $c --bogus-option >/dev/null 2>&1; test \$? -eq 2"
    check_ok "factx $c --help lists its options and exit statuses" "$FACTX $c --help | grep -q '^options:' && $FACTX $c --help | grep -q '^exit status: 0 '"
done
# every option of every command is in the man page
for c in "" $commands; do
    "$FACTX" $c --help
done | grep -oE '(^|[ [])--?[a-zA-Z][a-zA-Z-]*' | sed 's/^[ [ ]*//' | sort -u > "$TMP/options"
LC_ALL=C.UTF-8 groff -man -Tascii -P-c -P-b -P-u docs/factx.1 2>/dev/null > "$TMP/man.txt"
check_ok "the man page shows the quoted keys of JSON objects (issue 20 bug 6)" \
    "tr -s ' \\n' ' ' < $TMP/man.txt | grep -qF '{\"schema_version\", \"id\", \"line\", \"error\", \"facts\": []}' && tr -s ' \\n' ' ' < $TMP/man.txt | grep -qF '{\"id\": ..., \"text\": ..., \"dct\": \"YYYY-MM-DD\"}'"
check_ok "the man page promises a caret only where factx shows one (issue 20 bug 6)" \
    "! tr -s ' \\n' ' ' < $TMP/man.txt | grep -q 'also the column, with the offending line and a caret' && $FACTX --rules tests/broken_rules/syntax corpus/003_76a9726fdb4f1947.txt 2>&1 | grep -q '^ *^\$'"
check_ok "the man page lists options (sanity)" "test \$(wc -l < $TMP/options) -ge 12"
while read -r opt; do
    check_ok "man page covers option $opt" "grep -q -- '$opt' $TMP/man.txt"
done < "$TMP/options"
for c in $commands; do
    check_ok "man page covers command factx $c" "grep -q 'factx $c' $TMP/man.txt"
done
# every registered fact type (src/types.c, listed by --help) is in the man page
types=$("$FACTX" --help | sed -n 's/^ *--types LIST *comma-separated: \([a-z,]*\) .*/\1/p')
check_ok "factx --help lists the fact types (sanity)" "test -n '$types'"
for t in $(echo "$types" | tr ',' ' '); do
    check_ok "man page lists type $t under --types" "grep -A4 -- '--types LIST' $TMP/man.txt | grep -qw '$t'"
done
# the statuses are named once: src/cli/status.h, and the library's own in factx.h
codes=$(sed -n -e 's/^ *FX_EXIT_[A-Z_]* = \([0-9]*\),.*/\1/p' -e 's/^#define FX_EXIT_[A-Z_]* \([0-9]*\)$/\1/p' \
    src/cli/status.h src/factx.h | sort -un | tr '\n' ' ' | sed 's/ $//')
check_ok "the named exit statuses are found (sanity)" "test '$codes' = '0 1 2 3 4 5 70 130'"
check_ok "factx --help lists every exit status" "for c in $codes; do $FACTX --help | sed -n '/^exit status/,\$p' | grep -qw \$c || exit 1; done"
check_ok "factx eval --help explains its columns" "for col in gold sys P R F1 lenP value; do $FACTX eval --help | grep -qE \"^  (\$col|.* \$col)[ ,]\" || exit 1; done"
check_ok "no exit status is a bare number in the code" \
    "! grep -nE 'exit *\\( *[0-9]+ *\\)' src/*.c src/cli/*.c && ! grep -nE 'return [2-9][0-9]*;' src/cli/*.c"
for code in $codes; do
    check_ok "man page documents exit status $code" "grep -qE '^ {7}$code( |\$)' $TMP/man.txt"
done
# NO_COLOR (https://no-color.org) on a terminal: script(1) gives us one
# (its stdin must be open, even in CI)
if script -qec 'test -t 1 && echo tty' /dev/null < /dev/null 2>/dev/null | grep -q tty; then
    "$FACTX" -q -j1 -o "$TMP/old" corpus/003_76a9726fdb4f1947.txt
    "$FACTX" -q -j1 --types date -o "$TMP/new" corpus/003_76a9726fdb4f1947.txt
    check_ok "on a terminal, diff is coloured" \
        "env -u NO_COLOR TERM=xterm script -qec '$FACTX diff $TMP/old $TMP/new' /dev/null < /dev/null | grep -q \"\$(printf '\\033')\\[\""
    check_ok "with NO_COLOR set, not" \
        "! env NO_COLOR=1 TERM=xterm script -qec '$FACTX diff $TMP/old $TMP/new' /dev/null < /dev/null | grep -q \"\$(printf '\\033')\\[\""
    check_ok "--color always still colours under NO_COLOR" \
        "NO_COLOR=1 $FACTX diff --color always $TMP/old $TMP/new | grep -q \"\$(printf '\\033')\\[\""
else
    echo "(colour on a terminal not checked: script(1) cannot make one here)"
fi
check_ok "a closed pipe ends quietly (--jsonl-in, -j 2)" \
    "$FACTX --jsonl-in -j2 < $TMP/large.jsonl 2>$TMP/pipe.err | head -n 1 > /dev/null; test ! -s $TMP/pipe.err"
check_ok "main.c uses the public header, its own (src/cli/) and of the library only input, clock, arena, match, types" \
    "! grep -E '^#include \"' src/cli/main.c | grep -vE '\"(factx|input|clock|arena|match|types)\.h\"' | grep -vE \"\$(ls src/cli/*.h | sed 's|src/cli/||' | tr '\\n' '|' | sed 's/|\$//')\""

summary downstream
