#!/bin/sh
# bench/run.sh [BUILD_DIR] - the factx benchmark (make bench).
#
# Builds the benchmark corpus once (bench/gencorpus.c, seeded: the same
# bytes on every machine for the same corpus/), then measures on it:
#   - start-up: rules and gazetteers loaded, no input (median of 11 runs)
#   - factx -j 1 and -j N (N = cores) over the JSONL corpus, all rules and
#     types on: MB/s and documents/s, median of BENCH_RUNS runs (default 3);
#     -j 1 also on the PCRE2 path (FACTX_NO_VECTORSCAN=1, as built without
#     Vectorscan)
#   - peak RSS (/usr/bin/time -v) at -j 1 and -j N
#   - time per stage (--profile, one -j 1 run)
#   - pcre2grep -c with one date pattern over the same texts, median of
#     BENCH_RUNS runs, and the ratio factx -j 1 / pcre2grep
# MB are 10^6 bytes of article text (the plain-text copy of the corpus).
# Environment: BENCH_RUNS, BENCH_BYTES (corpus size, default 100e6),
# BENCH_SEED. Wall-clock figures depend on what else runs on the machine:
# the load average is printed with them.
set -eu
B=${1:-build/release}
FACTX=$B/factx
RUNS=${BENCH_RUNS:-3}
BYTES=${BENCH_BYTES:-100e6}
SEED=${BENCH_SEED:-20141204}
D=build/bench
mkdir -p "$D"
STAMP="$D/corpus.$SEED.$BYTES"
if [ ! -s "$STAMP.jsonl" ] || [ ! -s "$STAMP.txt" ]; then
    echo "bench: generating the corpus ($BYTES bytes of text, seed $SEED)..."
    "$B/gencorpus" -s "$SEED" -b "$BYTES" -t "$STAMP.txt" "$STAMP.jsonl" corpus/*.txt
fi
JSONL=$STAMP.jsonl
TXT=$STAMP.txt
DOCS=$(wc -l < "$JSONL")
TEXT_BYTES=$(wc -c < "$TXT")
MB=$(awk -v b="$TEXT_BYTES" 'BEGIN { printf "%.1f", b / 1e6 }')
CORES=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
DATE_PATTERN='\b(?:January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}, \d{4}\b'

now() { date +%s.%N; }
# median of the numbers on stdin
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# seconds of wall time for one run of the command "$@" (output discarded)
timed() {
    t0=$(now)
    "$@" > /dev/null
    t1=$(now)
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f\n", b - a }'
}
# median wall time of RUNS runs
median_time() {
    n=$1; shift
    i=0
    while [ "$i" -lt "$n" ]; do timed "$@"; i=$((i + 1)); done | median
}
peak_rss_mb() {
    /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F: '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }'
}

echo "bench: $(uname -m), $CORES cores, $(awk -F: '/model name/ { print $2; exit }' /proc/cpuinfo | sed 's/^ *//')"
echo "bench: load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "bench: corpus $JSONL: $DOCS documents, $MB MB of text"
echo

startup=$(median_time 11 "$FACTX" -q --jsonl-in /dev/null)
t1=$(median_time "$RUNS" "$FACTX" -q -j 1 --jsonl-in "$JSONL")
tp=$(export FACTX_NO_VECTORSCAN=1; median_time "$RUNS" "$FACTX" -q -j 1 --jsonl-in "$JSONL")
tn=$(median_time "$RUNS" "$FACTX" -q -j "$CORES" --jsonl-in "$JSONL")
tg=$(median_time "$RUNS" pcre2grep -c "$DATE_PATTERN" "$TXT")
rss1=$(peak_rss_mb "$FACTX" -q -j 1 --jsonl-in "$JSONL")
rssn=$(peak_rss_mb "$FACTX" -q -j "$CORES" --jsonl-in "$JSONL")

awk -v mb="$MB" -v docs="$DOCS" -v s="$startup" -v t1="$t1" -v tp="$tp" -v tn="$tn" -v tg="$tg" \
    -v r1="$rss1" -v rn="$rssn" -v n="$CORES" 'BEGIN {
    printf "%-34s %10s %12s %14s\n", "run (median of runs)", "seconds", "MB/s", "documents/s"
    printf "%-34s %10.3f %12.1f %14.0f\n", "factx -j 1 (all rules, all types)", t1, mb / t1, docs / t1
    printf "%-34s %10.3f %12.1f %14.0f\n", "factx -j 1, PCRE2 path", tp, mb / tp, docs / tp
    printf "%-34s %10.3f %12.1f %14.0f\n", "factx -j " n, tn, mb / tn, docs / tn
    printf "%-34s %10.3f %12.1f %14s\n", "pcre2grep -c (one date pattern)", tg, mb / tg, "-"
    printf "\n"
    printf "speed-up -j %d / -j 1:        %.2fx\n", n, t1 / tn
    printf "factx -j 1 / pcre2grep:      %.1fx slower (PCRE2 path: %.1fx)\n", t1 / tg, tp / tg
    printf "Vectorscan / PCRE2 path:     %.2fx faster\n", tp / t1
    printf "start-up (no input):         %.1f ms\n", s * 1000
    printf "peak RSS -j 1 / -j %d:        %s MB / %s MB\n", n, r1, rn
}'
echo "bench: load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "time per stage (factx -j 1 --profile):"
"$FACTX" -q -j 1 --profile --jsonl-in "$JSONL" 2>&1 >/dev/null | sed 's/^/  /'

# BENCH_BIG=1: streaming memory on a big input (default 1 GB of JSONL,
# BENCH_BIG_BYTES): peak RSS and throughput at -j N, which must not grow
# with the input. Not part of the default run: it takes minutes.
if [ "${BENCH_BIG:-0}" = 1 ]; then
    BIG_BYTES=${BENCH_BIG_BYTES:-1e9}
    BIG="$D/corpus.$SEED.$BIG_BYTES.jsonl"
    if [ ! -s "$BIG" ]; then
        echo "bench: generating the big corpus ($BIG_BYTES bytes of text)..."
        "$B/gencorpus" -s "$SEED" -b "$BIG_BYTES" "$BIG" corpus/*.txt
    fi
    big_docs=$(wc -l < "$BIG")
    big_mb=$(awk -v b="$(wc -c < "$BIG")" 'BEGIN { printf "%.0f", b / 1e6 }')
    echo
    echo "big input $BIG: $big_docs documents, $big_mb MB of JSONL"
    /usr/bin/time -v "$FACTX" -q -j "$CORES" --jsonl-in "$BIG" 2>"$D/big.time" >/dev/null
    awk -F': ' -v docs="$big_docs" -v mb="$big_mb" -v n="$CORES" '
        /Maximum resident set size/ { rss = $2 / 1024 }
        /Elapsed \(wall clock\)/ { k = split($2, p, ":"); s = 0; for (i = 1; i <= k; i++) s = s * 60 + p[i] }
        END { printf "factx -j %d: %.1f s, %.1f MB/s (JSONL bytes), %.0f documents/s, peak RSS %.1f MB\n",
                     n, s, mb / s, docs / s, rss }' "$D/big.time"
fi
