/* resolve.c - see resolve.h. */
#include "resolve_impl.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Rounds of overlap resolution and resolvers at most: each round peels
 * one level of nesting (a range, the dates in it, their years). */
enum { MAX_ROUNDS = 4 };

/* Sorting candidates (fx_resolve_rank): a merge sort of our own of the
 * pointers themselves, its comparison inline and reading the candidates
 * (and their rules) it points at: most comparisons end at the first key
 * (the length, the start), so keys computed for each candidate first and
 * positions sorted by them cost more, in filling and moving them back,
 * than the reads they save; qsort's comparator cost a call per
 * comparison. Each order ends with the address: as found, in
 * doc->candidates. (The first sort of a document's candidates, which
 * come in address order, is fx_resolve_sort_by_start.) */

/* Strongest first: longest, then highest priority, then earliest rule,
 * then leftmost. */
static inline int stronger(const fx_candidate *a, const fx_candidate *b)
{
    size_t la = a->end - a->start, lb = b->end - b->start;
    if (la != lb) return la > lb;
    if (a->rule->priority != b->rule->priority) return a->rule->priority > b->rule->priority;
    if (a->rule->order != b->rule->order) return a->rule->order < b->rule->order;
    if (a->start != b->start) return a->start < b->start;
    return a < b;
}

/* Text order. */
static inline int starts_before(const fx_candidate *a, const fx_candidate *b)
{
    return a->start != b->start ? a->start < b->start : a < b;
}

/* The merge sort of c[0..n) by before (tmp: n / 2 pointers), once per order. */
#define CANDIDATE_SORT(name, before)                                                                  \
    static void name(fx_candidate **c, fx_candidate **tmp, size_t n)                                  \
    {                                                                                                 \
        if (n <= 12) { /* short runs: insertion */                                                    \
            for (size_t i = 1; i < n; i++) {                                                          \
                fx_candidate *x = c[i];                                                               \
                size_t j = i;                                                                         \
                for (; j > 0 && before(x, c[j - 1]); j--) c[j] = c[j - 1];                            \
                c[j] = x;                                                                             \
            }                                                                                         \
            return;                                                                                   \
        }                                                                                             \
        size_t half = n / 2;                                                                          \
        name(c, tmp, half);                                                                           \
        name(c + half, tmp, n - half);                                                                \
        if (!before(c[half], c[half - 1])) return; /* in order already */                             \
        memcpy(tmp, c, half * sizeof *tmp);                                                           \
        size_t i = 0, j = half, out = 0;                                                              \
        while (i < half && j < n) c[out++] = before(c[j], tmp[i]) ? c[j++] : tmp[i++];                \
        while (i < half) c[out++] = tmp[i++];                                                         \
    }
CANDIDATE_SORT(sort_by_strength, stronger)
CANDIDATE_SORT(sort_by_start, starts_before)
#undef CANDIDATE_SORT

void fx_resolve_rank(fx_candidate **c, size_t n, int by_start)
{
    /* the merge's first halves, on the stack for most documents: memory
     * just used is in the cache, a fresh block is not */
    enum { ON_STACK = 64 };
    fx_candidate *tmp_here[ON_STACK];
    fx_candidate **tmp = n / 2 <= ON_STACK ? tmp_here : fx_xmalloc(n / 2 * sizeof *tmp);
    if (by_start) sort_by_start(c, tmp, n);
    else sort_by_strength(c, tmp, n);
    if (tmp != tmp_here) free(tmp);
}

/* The positions of c[0..n) (in address order, starting at most below
 * 1 << bits) in text order, into positions: a stable radix sort of the
 * positions by their candidates' starts (tmp: n positions), so that equal
 * starts keep their address order, as starts_before has it. The digits
 * are as wide as half the bits (most documents: two passes of 64 or 128
 * counts), so that a pass costs about n, not 256 counts for a document
 * of 70 candidates. */
static void radix_by_start(const fx_candidate *c, size_t *positions, size_t *tmp, size_t n, unsigned bits)
{
    unsigned passes = (bits + 7) / 8, width = (bits + passes - 1) / passes;
    size_t mask = ((size_t)1 << width) - 1;
    for (size_t i = 0; i < n; i++) positions[i] = i;
    size_t *from = positions, *to = tmp;
    for (unsigned p = 0; p < passes; p++) {
        unsigned shift = p * width;
        size_t count[257];
        memset(count, 0, (mask + 2) * sizeof *count);
        for (size_t i = 0; i < n; i++) count[(c[from[i]].start >> shift & mask) + 1]++;
        for (size_t d = 1; d <= mask; d++) count[d] += count[d - 1];
        for (size_t i = 0; i < n; i++) to[count[c[from[i]].start >> shift & mask]++] = from[i];
        size_t *swap = from;
        from = to;
        to = swap;
    }
    if (from != positions) memcpy(positions, from, n * sizeof *positions);
}

/* fx_resolve_sort_by_start (resolve_impl.h). One count of the starts'
 * highest bits, for buckets of about one or two candidates each (most
 * documents: 32 or 64), then each candidate in address order into its
 * bucket, past the later starts there: an insertion sort within buckets,
 * which most candidates pass with one comparison (the first sort of a
 * document's candidates, 27,532 a MB: two passes of radix_by_start cost
 * 1.42 M instructions, this 1.00 M). The candidates are read in their
 * array, and the sorted pointers written straight into sorted (no copy
 * back). Each position moves with its candidate: a candidate's index
 * found afterwards from its address is a division. A bucket of more than
 * BUCKET_MOST (a hostile text's thousands of candidates within a few
 * bytes) would make that quadratic: radix_by_start then. */
void fx_resolve_sort_by_start(fx_candidate *c, size_t n, size_t max, fx_candidate **sorted, size_t *positions)
{
    enum { BUCKET_MOST = 32 };
    /* the bits of max; the buckets half the candidates or more, a power
     * of two: width the bits of n less one (at least 1, at most 8) */
    unsigned bits = 64 - (unsigned)__builtin_clzll((unsigned long long)max | 1);
    unsigned width = 63 - (unsigned)__builtin_clzll((unsigned long long)n | 2);
    if (width > 8) width = 8;
    if (width > bits) width = bits;
    unsigned shift = bits - width;
    size_t buckets = (size_t)1 << width, first[257], most = 0;
    memset(first, 0, (buckets + 1) * sizeof *first);
    for (size_t i = 0; i < n; i++) first[(c[i].start >> shift) + 1]++;
    for (size_t d = 1; d <= buckets; d++) {
        if (first[d] > most) most = first[d];   /* bucket d - 1's */
        first[d] += first[d - 1];
    }
    if (most > BUCKET_MOST) {
        size_t *radix_tmp = fx_xmalloc(n * sizeof *radix_tmp);
        radix_by_start(c, positions, radix_tmp, n, bits);
        free(radix_tmp);
        for (size_t i = 0; i < n; i++) sorted[i] = &c[positions[i]];
        return;
    }
    /* each into its bucket, past the later starts there */
    size_t next[256];
    memcpy(next, first, buckets * sizeof *next);
    for (size_t i = 0; i < n; i++) {
        fx_candidate *x = &c[i];
        size_t b = x->start >> shift, p = next[b]++;
        for (; p > first[b] && sorted[p - 1]->start > x->start; p--) {
            sorted[p] = sorted[p - 1];
            positions[p] = positions[p - 1];
        }
        sorted[p] = x;
        positions[p] = i;
    }
}

/* Overlap resolution's decision (resolve_impl.h), for spans within
 * [base, base + extent] (owner: extent + 1 entries). The candidates come
 * longest first, so a kept span is never shorter than a later candidate,
 * and a candidate [s, e) overlaps a kept span only if one covers its
 * first byte s or its last byte e - 1 (a kept span inside (s, e - 1)
 * would be shorter). So each byte records the kept span over it (owner:
 * its index in order + 1, 0 for none): a test is two reads and keeping a
 * span writes its bytes, which are never written twice (kept spans do not
 * overlap), so the whole costs O(n + extent), with no search and no
 * branch that memory or the data decide at random. Only the bytes a test
 * reads are cleared first, not the whole extent. */
static void decide_within(fx_candidate *const *order, size_t n, size_t base, uint32_t *owner,
                          const fx_candidate **beaten_by)
{
    if (n == 2 && order[0]->end > order[0]->start && order[1]->end > order[1]->start) {
        /* the map's test without the map (most clusters are two spans):
         * the second loses when its first or last byte is the first's */
        size_t s = order[0]->start, e = order[0]->end;
        beaten_by[0] = NULL;
        beaten_by[1] = (order[1]->start >= s && order[1]->start < e) || (order[1]->end > s && order[1]->end <= e)
                       ? order[0] : NULL;
        return;
    }
    for (size_t i = 0; i < n; i++) {
        owner[order[i]->start - base] = 0;
        if (order[i]->end > order[i]->start) owner[order[i]->end - 1 - base] = 0;
    }
    for (size_t i = 0; i < n; i++) {
        const fx_candidate *c = order[i];
        size_t s = c->start - base, e = c->end - base;
        uint32_t w = owner[s];
        if (e > s) {
            if (!w) w = owner[e - 1];
        } else if (w && order[w - 1]->start == c->start) {
            w = 0;  /* an empty span at a kept span's start is outside it */
        }
        beaten_by[i] = w ? order[w - 1] : NULL;
        if (w) continue;
        for (size_t p = s; p < e; p++) owner[p] = (uint32_t)(i + 1);
    }
}

void fx_resolve_decide_overlaps(fx_candidate *const *order, size_t n, size_t text_len,
                                const fx_candidate **beaten_by)
{
    uint32_t *owner = fx_xmalloc((text_len + 1) * sizeof *owner);
    decide_within(order, n, 0, owner, beaten_by);
    free(owner);
}

/* fx_resolve_fact_init with the sentence at c's start known. */
static void fact_init(const fx_doc *doc, fx_fact *f, const fx_candidate *c, size_t sentence,
                      fx_piece_cursor *cursor)
{
    memset(f, 0, sizeof *f);
    f->type = c->rule->type;
    f->candidate = c;
    f->norm_start = c->start;
    f->norm_end = c->end;
    fx_span orig = fx_doc_orig_span_next(doc, cursor, c->start, c->end);
    f->start = orig.start;
    f->end = orig.end;
    f->sentence = sentence;
}

void fx_resolve_fact_init(const fx_doc *doc, fx_fact *f, const fx_candidate *c)
{
    fact_init(doc, f, c, fx_doc_sentence_at(doc, c->start), &(fx_piece_cursor){0});
}

/* A TimeML-only rule outside TimeML mode: its matches block, as type none's do. */
static int blocks_only(const fx_doc *doc, const fx_rule *rule)
{
    return (rule->flags & FX_RULE_TIMEML) && !doc->timeml;
}

/* A JSON string from cJSON cannot hold U+0000, so a fact over a NUL byte
 * could not keep text == input[start:end]: it is dropped, with a warning. */
const char *fx_resolve_nul_check(fx_doc *doc, const fx_fact *f)
{
    if (!memchr(doc->src + f->start, '\0', f->end - f->start)) return NULL;
    fx_doc_warn(doc, f->start, "%s match dropped: its text holds a NUL byte", f->candidate->rule->id);
    return "its text holds a NUL byte";
}

/* Why candidate c lost to w, the kept span over it (explain). */
static const char *beaten_reason(const fx_doc *doc, const fx_candidate *c, const fx_candidate *w)
{
    if (w->rule->type == FX_TYPE_NONE) return "blocked by a rule of type none";
    if (blocks_only(doc, w->rule)) return "blocked by a TimeML-only rule (not in TimeML mode)";
    return (w->end - w->start) > (c->end - c->start) ? "overlaps a longer match"
           : w->rule->priority > c->rule->priority ? "overlaps a match of higher priority"
                                                   : "overlaps a match of an earlier rule";
}

/* The kept spans of the cluster c[0..n) (in start order, n > 1, spanning
 * [base, end]) into kept (from kept_count on, in start order; kept may
 * be c itself, up to c's start: each kept span is read before a later
 * one is written), the others given their reason; returns the kept
 * count (a count, not its address: the caller's stays in a register).
 * Inline in decide_clusters' loop, its one caller: a call per cluster
 * of two or more (6,653 a MB) cost ~0.1 M instructions a MB. */
__attribute__((always_inline)) static inline size_t decide_cluster(const fx_doc *doc, fx_candidate **c, size_t n,
                                                                   size_t base, size_t end, fx_candidate **kept,
                                                                   size_t kept_count)
{
    enum { ON_STACK = 256 };   /* most clusters are a few words long */
    uint32_t owner_here[ON_STACK + 1];
    const fx_candidate *beaten_here[ON_STACK];
    uint32_t *owner = end - base <= ON_STACK ? owner_here : fx_xmalloc((end - base + 1) * sizeof *owner);
    const fx_candidate **beaten_by = n <= ON_STACK ? beaten_here : fx_xmalloc(n * sizeof *beaten_by);
    if (n > 2) {
        fx_resolve_rank(c, n, 0);
    } else if (stronger(c[1], c[0])) {   /* most clusters are two spans: one comparison */
        fx_candidate *first = c[0];
        c[0] = c[1];
        c[1] = first;
    }
    decide_within(c, n, base, owner, beaten_by);
    size_t first = kept_count;
    for (size_t i = 0; i < n; i++) {
        if (beaten_by[i]) c[i]->rejected = beaten_reason(doc, c[i], beaten_by[i]);
        else kept[kept_count++] = c[i];
    }
    if (kept_count - first > 1) fx_resolve_rank(kept + first, kept_count - first, 1);
    if (owner != owner_here) free(owner);
    if (beaten_by != beaten_here) free(beaten_by);
    return kept_count;
}

/* The kept spans of the candidates order[0..n) (in text order), decided
 * cluster by cluster (fx_resolve_overlaps), into kept (in text order; kept
 * may be order itself); returns their count. */
static size_t decide_clusters(const fx_doc *doc, fx_candidate **order, size_t n, fx_candidate **kept)
{
    size_t kept_count = 0;
    for (size_t a = 0, b; a < n; a = b) {
        size_t end = order[a]->end;
        for (b = a + 1; b < n && order[b]->start < end; b++)
            if (order[b]->end > end) end = order[b]->end;
        if (b - a == 1) kept[kept_count++] = order[a];
        else kept_count = decide_cluster(doc, order + a, b - a, order[a]->start, end, kept, kept_count);
    }
    return kept_count;
}

/* Overlapping candidates -> doc->facts, leaving out those set aside
 * (aside[i] for candidate i; NULL: none). The candidates are taken in
 * text order, in clusters: a run in which each starts before the
 * furthest end of those before it. Spans of two clusters never overlap
 * (nor does an empty span at a cluster's end overlap it), so each
 * cluster is decided alone, strongest first, as the whole would be: most
 * candidates are a cluster of one, kept without a sort or a test, and
 * the kept spans come out in text order. *ranked: the candidates' indexes
 * in text order, sorted at the first call (aside NULL; arena) and kept,
 * since a later round decides the same candidates less those set aside:
 * text order is a total order, so theirs is *ranked without them. */
void fx_resolve_overlaps(fx_doc *doc, const unsigned char *aside, size_t **ranked)
{
    /* a working array for this call only: 8 bytes a candidate that the
     * document need not keep, on the stack for most documents (a malloc
     * and a free cost some 200 instructions a call) */
    enum { ON_STACK = 256 };
    fx_candidate *order_here[ON_STACK];
    size_t all = doc->candidate_count, n = 0;
    fx_candidate **order = all <= ON_STACK ? order_here : fx_xmalloc(all * sizeof *order);
    if (!*ranked) {
        /* the first call: every candidate, in address order, sorted; their
         * indexes move with them, into *ranked. None has a reason yet: a
         * walk that cleared them and made the pointers the sort read cost
         * ~8 instructions a candidate (27,532 a MB) */
        n = all;
        *ranked = fx_arena_alloc_uninit(&doc->arena, (n ? n : 1) * sizeof **ranked);
        fx_resolve_sort_by_start(doc->candidates, n, doc->text_len, order, *ranked);
    } else {
        for (size_t i = 0; i < all; i++) {
            size_t at = (*ranked)[i];
            if (aside && aside[at]) continue;   /* an earlier round's (fx_resolve) */
            doc->candidates[at].rejected = NULL;
            order[n++] = &doc->candidates[at];
        }
    }
    fx_candidate **kept = order;    /* reused: the kept spans, in text order */
    size_t kept_count = decide_clusters(doc, order, n, kept);
    /* not zeroed: fx_resolve_fact_init fills each fact */
    doc->facts = fx_arena_alloc_uninit(&doc->arena, (kept_count ? kept_count : 1) * sizeof *doc->facts);
    /* a document without a NUL byte (most) has no fact over one: the
     * normaliser's answer (or one search), not a search per fact */
    int has_nul = fx_doc_first_nul(doc) != NULL;
    /* the kept spans come in text order, so each one's sentence is found
     * from the last one's on (fx_doc_sentence_at's: the last sentence that
     * starts at or before it, else the first), not searched for */
    size_t sentence = 0, fact_count = 0;
    /* in locals: the facts' stores could be any of them to the compiler */
    const fx_span *sentences = doc->sentences;
    size_t sentence_count = doc->sentence_count;
    fx_fact *facts = doc->facts;
    fx_piece_cursor cursor = {0};   /* the kept spans' pieces, in text order */
    for (size_t i = 0; i < kept_count; i++) {
        fx_candidate *c = kept[i];
        while (sentence + 1 < sentence_count && sentences[sentence + 1].start <= c->start) sentence++;
        if (c->rule->type == FX_TYPE_NONE || blocks_only(doc, c->rule)) continue;
        fx_fact *f = &facts[fact_count++];
        fact_init(doc, f, c, sentence, &cursor);
        if (has_nul && (c->rejected = fx_resolve_nul_check(doc, f))) fact_count--;
    }
    doc->fact_count = fact_count;
    if (order != order_here) free(order);
}

/* fx_resolve_overlaps once set_aside_early has set ranges aside (aside[i]
 * == round), with doc->facts as the call before made them, from the
 * candidates not set aside and those ranges (no resolver has run since):
 * clusters are decided alone, so a cluster of that call that holds none
 * of those ranges decides as it did, and its facts are copied; one that
 * holds one is decided again without it (as fx_resolve_overlaps would:
 * its candidates are a run of text order). A document with a NUL byte is
 * not given here: its warnings, rewound, are made again by
 * fx_resolve_overlaps. A sample's 75 documents with a range set aside
 * decided 5,238 candidates again to change a few clusters. */
void fx_resolve_overlaps_again(fx_doc *doc, const unsigned char *aside, unsigned char round, const size_t *ranked)
{
    enum { ON_STACK = 256 };
    fx_candidate *order_here[ON_STACK];
    unsigned char set_aside_here[ON_STACK];
    size_t all = doc->candidate_count, n = 0;
    fx_candidate **order = all <= ON_STACK ? order_here : fx_xmalloc(all * sizeof *order);
    unsigned char *set_aside = all <= ON_STACK ? set_aside_here : fx_xmalloc(all);   /* per order[k] */
    for (size_t i = 0; i < all; i++) {
        size_t at = ranked[i];
        if (aside[at] && aside[at] != round) continue;
        set_aside[n] = aside[at] == round;
        order[n++] = &doc->candidates[at];
    }
    const fx_fact *before = doc->facts;
    size_t before_count = doc->fact_count, next_before = 0, fact_count = 0;
    fx_fact *facts = fx_arena_alloc_uninit(&doc->arena, (n ? n : 1) * sizeof *facts);
    for (size_t a = 0, b; a < n; a = b) {
        size_t end = order[a]->end;
        int holds = set_aside[a];
        for (b = a + 1; b < n && order[b]->start < end; b++) {
            if (order[b]->end > end) end = order[b]->end;
            holds |= set_aside[b];
        }
        if (!holds) continue;
        /* the call before's facts of the clusters before this one, copied,
         * and past those of this one: by their candidates' text order (by
         * their starts alone, an empty span at this cluster's start may be
         * a cluster of its own before it) */
        const fx_candidate *first = order[a], *last = order[b - 1];
        size_t first_before = next_before;
        while (next_before < before_count && starts_before(before[next_before].candidate, first)) next_before++;
        memcpy(facts + fact_count, before + first_before, (next_before - first_before) * sizeof *facts);
        fact_count += next_before - first_before;
        while (next_before < before_count && !starts_before(last, before[next_before].candidate)) next_before++;
        size_t m = 0;
        for (size_t k = a; k < b; k++) {
            if (set_aside[k]) continue;
            order[a + m] = order[k];
            order[a + m++]->rejected = NULL;
        }
        size_t kept_count = decide_clusters(doc, order + a, m, order + a);
        for (size_t k = 0; k < kept_count; k++) {
            const fx_candidate *c = order[a + k];
            if (c->rule->type == FX_TYPE_NONE || blocks_only(doc, c->rule)) continue;
            fx_resolve_fact_init(doc, &facts[fact_count++], c);
        }
    }
    memcpy(facts + fact_count, before + next_before, (before_count - next_before) * sizeof *facts);
    fact_count += before_count - next_before;
    doc->facts = facts;
    doc->fact_count = fact_count;
    if (order != order_here) free(order);
    if (set_aside != set_aside_here) free(set_aside);
}

/* One resolver per value kind with decisions to make (the value a rule
 * names needs its resolver's record); NULL: every fact kept. */
static const fx_resolver_fn resolvers[FX_VALUE_KIND_COUNT] = {
    [FX_VALUE_DATE] = fx_resolve_date, [FX_VALUE_MONEY] = fx_resolve_money, [FX_VALUE_PERCENT] = fx_resolve_percent,
    [FX_VALUE_CITY] = fx_resolve_city, [FX_VALUE_ORG] = fx_resolve_org,     [FX_VALUE_ACRONYM] = fx_resolve_acronym,
};

/* A range: a date, sum or percentage rule that reads a second end
 * (year2, month2, day2, num2). When its value is rejected (reversed), the
 * two ends are still what the text says; an impossible day ("31 February
 * 2014") or a fact dropped for its context ("Paris" of "Paris Hilton")
 * frees nothing (but see frees_its_span). */
static int is_range_rule(const fx_rule *rule)
{
    fx_value_kind kind = rule->value_kind;
    if (kind != FX_VALUE_DATE && kind != FX_VALUE_MONEY && kind != FX_VALUE_PERCENT) return 0;
    return fx_rule_group(rule, "year2") >= 0 || fx_rule_group(rule, "month2") >= 0 ||
           fx_rule_group(rule, "day2") >= 0 || fx_rule_group(rule, "num2") >= 0;
}

/* What fx_resolve_tables.ranges says of a rule of the context: a range
 * (is_range_rule), and a range of a date rule that reads years alone,
 * whose facts fx_date_decided_alone may decide. */
enum { RANGE = 1, YEARS_RANGE = 2 };

/* is_range_rule of a rule, read from the context's list made once
 * (fx_resolve_prepare) for its rules: by name, each asked up to four
 * groups (~50 instructions). */
static int is_range(const fx_resolve_env *env, const fx_rule *rule)
{
    const fx_resolve_tables *t = env->tables;
    if (rule->order < t->rule_count && &env->ctx->rules[rule->order] == rule) return t->ranges[rule->order] & RANGE;
    return is_range_rule(rule);
}

/* Does a fact dropped for `why` free its span for the matches inside it?
 * A range rejected for its value does, and so does an organisation named
 * like a town where the text says it is the town ("the city of
 * Santander"): the city match under it is decided in the next round. */
static int frees_its_span(const fx_resolve_env *env, const fx_rule *rule, const char *why)
{
    return is_range(env, rule) || why == fx_org_town_context;
}

/* A fact dropped for its value: its span, its candidate's index and why
 * it was dropped. */
typedef struct dropped_fact {
    size_t start, end, index;
    const char *why;
} dropped_fact;

static int by_dropped_start(const void *a, const void *b)
{
    const dropped_fact *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

/* The dropped fact of dropped[0, count) (sorted by start, disjoint)
 * whose span holds candidate c, doc->candidates[i], or NULL: the last
 * that starts at or before c, when c ends within it and is not it. The
 * candidates are asked in text order: *next is past the last that starts
 * at or before the one asked before (0 at the first), moved on from there. */
static const dropped_fact *holding(const dropped_fact *dropped, size_t count, size_t *next, const fx_candidate *c,
                                   size_t i)
{
    while (*next < count && dropped[*next].start <= c->start) (*next)++;
    if (*next == 0) return NULL;
    const dropped_fact *d = &dropped[*next - 1];
    return c->end > d->end || i == d->index ? NULL : d;
}

/* Would set_aside_covering set any range aside? ranked: the first
 * `matched` candidates in text order. */
static int sets_aside_any(const fx_doc *doc, const dropped_fact *dropped, size_t count, size_t matched,
                          const unsigned char *aside, const size_t *ranked)
{
    size_t next = 0;
    for (size_t k = 0; k < matched; k++) {
        size_t i = ranked[k];
        if (!(aside && aside[i]) && holding(dropped, count, &next, &doc->candidates[i], i)) return 1;
    }
    return 0;
}

/* Set aside, for good, each range dropped for its value (dropped[0,
 * count), disjoint spans) that covers another of the first `matched`
 * candidates (in aside, allocated here at the first: the round that set
 * it aside); 1 if any. The candidates are taken in text order (ranked),
 * as holding asks: a range set aside here is held by none but a range of
 * its own start, and those come in address order, as before. */
static int set_aside_covering(fx_doc *doc, dropped_fact *dropped, size_t count, size_t matched,
                              unsigned char **aside, unsigned char round, const size_t *ranked)
{
    qsort(dropped, count, sizeof *dropped, by_dropped_start);
    if (!*aside) *aside = fx_arena_alloc(&doc->arena, matched ? matched : 1);
    int any = 0;
    size_t next = 0;
    for (size_t k = 0; k < matched; k++) {
        size_t i = ranked[k];
        if ((*aside)[i]) continue;
        const dropped_fact *d = holding(dropped, count, &next, &doc->candidates[i], i);
        if (!d || (*aside)[d->index]) continue;
        (*aside)[d->index] = round;
        doc->candidates[d->index].rejected = fx_arena_printf(&doc->arena, "%s" FX_SET_ASIDE_NOTE, d->why);
        any = 1;
    }
    return any;
}

/* Could fact f be dropped so that it frees its span (frees_its_span)? A
 * range could; an organisation only where the text says it is a town. */
static int may_free_its_span(const fx_resolve_env *env, const fx_fact *f)
{
    const fx_rule *rule = f->candidate->rule;
    return is_range(env, rule) || (rule->value_kind == FX_VALUE_ORG && fx_org_said_to_be_a_town(env, f));
}

/* Which of the round's facts hold another of the first `matched`
 * candidates not set aside (holds[j] for doc->facts[j], arena). Each
 * candidate is looked for in the last fact that starts at or before it,
 * which an empty span may make the wrong one (an empty fact or candidate
 * at another's edge): with one, every fact counts as holding. The
 * candidates are taken in text order (ranked: the first `matched`,
 * fx_resolve_overlaps'), so that fact is found by a cursor over the facts,
 * not a search: O(candidates + facts). */
static const unsigned char *facts_holding(fx_doc *doc, size_t matched, const unsigned char *aside,
                                          const size_t *ranked)
{
    size_t n = doc->fact_count;
    unsigned char *holds = fx_arena_alloc(&doc->arena, n ? n : 1);
    int empty = 0;
    for (size_t j = 0; j < n; j++) empty |= doc->facts[j].norm_start == doc->facts[j].norm_end;
    size_t next = 0;    /* past the last fact starting at or before the candidate */
    for (size_t k = 0; k < matched && !empty; k++) {
        const fx_candidate *c = &doc->candidates[ranked[k]];
        if (aside && aside[ranked[k]]) continue;
        empty |= c->start == c->end;
        while (next < n && doc->facts[next].norm_start <= c->start) next++;
        if (next > 0 && c->end <= doc->facts[next - 1].norm_end && c != doc->facts[next - 1].candidate)
            holds[next - 1] = 1;
    }
    if (empty) memset(holds, 1, n);
    return holds;
}

/* The last fact of the round that could change what it sets aside, or
 * SIZE_MAX if none: one that could free its span and holds another of the
 * first `matched` candidates not set aside (facts_holding). A dropped fact
 * that holds none changes nothing: set_aside_covering finds no candidate
 * in it, and a candidate tested against it instead of an earlier dropped
 * fact lies past that one's end too (facts do not overlap). Once per round
 * with a dropped range. */
static size_t last_to_set_aside(fx_resolve_env *env, size_t matched, const unsigned char *aside,
                                const size_t *ranked)
{
    fx_doc *doc = env->doc;
    const unsigned char *holds = facts_holding(doc, matched, aside, ranked);
    for (size_t j = doc->fact_count; j-- > 0;) {
        const fx_fact *f = &doc->facts[j];
        if (holds[j] && (size_t)(f->candidate - doc->candidates) < matched && may_free_its_span(env, f)) return j;
    }
    return SIZE_MAX;
}

/* Is fact f of the round (the first `matched` candidates') decided
 * before the round, whatever it decides of the others? 1 if so, with *why
 * the reason it is dropped (NULL: kept). So far a date's range of years
 * (fx_date_decided_alone), its rule told by the context's list: most
 * facts are not, and set_aside_early asks each fact of each round. */
static inline int decided_alone(fx_resolve_env *env, const fx_fact *f, size_t matched, const char **why)
{
    const fx_rule *rule = f->candidate->rule;
    const fx_resolve_tables *t = env->tables;
    return rule->order < t->rule_count && (t->ranges[rule->order] & YEARS_RANGE) &&
           &env->ctx->rules[rule->order] == rule && (size_t)(f->candidate - env->doc->candidates) < matched &&
           fx_date_decided_alone(env, f, why);
}

/* Before a round that is not the last, with its facts made (and not yet
 * the organisations' long forms): the ranges dropped whatever the context
 * (decided_alone) are set aside here, with the reason their resolver
 * gives, when every other fact that could free its span and holds a
 * candidate is kept whatever the context. The round would drop those
 * ranges, set aside exactly those that hold a candidate, whatever it
 * decided of the others (a dropped fact that holds none changes nothing:
 * last_to_set_aside), and undo its decisions: a sixth of a sample's
 * documents decided their facts once more for a reversed range of years
 * (2,308 of 21,211 resolver calls a MB). 1 if any is set aside. */
static int set_aside_early(fx_resolve_env *env, unsigned char round, size_t matched, unsigned char **aside,
                           const size_t *ranked)
{
    fx_doc *doc = env->doc;
    size_t n = doc->fact_count, count = 0;
    dropped_fact *dropped = NULL;       /* in text order, as the facts */
    for (size_t j = 0; j < n; j++) {
        const fx_fact *f = &doc->facts[j];
        const char *reason;
        if (!decided_alone(env, f, matched, &reason) || !reason) continue;
        if (!dropped) dropped = fx_arena_alloc(&doc->arena, n * sizeof *dropped);
        dropped[count++] = (dropped_fact){f->norm_start, f->norm_end, (size_t)(f->candidate - doc->candidates), reason};
    }
    if (!count) return 0;
    const unsigned char *holds = facts_holding(doc, matched, *aside, ranked);
    for (size_t j = 0, k = 0; j < n; j++) {
        const fx_fact *f = &doc->facts[j];
        size_t index = (size_t)(f->candidate - doc->candidates);
        const char *reason;
        if (k < count && dropped[k].index == index) k++;
        else if (holds[j] && index < matched && may_free_its_span(env, f) && !decided_alone(env, f, matched, &reason))
            return 0;
    }
    /* only the ranges set aside get a reason: the others stay facts, as
     * the call before left them (fx_resolve_overlaps_again copies their
     * clusters' decisions) */
    return set_aside_covering(doc, dropped, count, matched, aside, round, ranked);
}

/* One round: each fact to its resolver, in document order; the facts are
 * compacted once all are decided, so that a resolver sees the facts before
 * it decided (a dropped one's candidate has its reason) and those after
 * it as overlap resolution left them. Returns 1 when a fact whose value
 * was rejected covers other candidates (set aside for the next round).
 * Such a round's decisions are undone, so it stops once every fact that
 * could change what it sets aside is decided (settled) and one is set
 * aside: a tenth of a sample's documents decide again, most for a range
 * of years that ends before it starts ("2026-1990"). ranked: the first
 * `matched` candidates in text order (fx_resolve_overlaps'). */
static int resolve_round(fx_resolve_env *env, int round, size_t matched, unsigned char **aside,
                         const size_t *ranked)
{
    int last_round = round == MAX_ROUNDS;
    fx_doc *doc = env->doc;
    fx_resolve_org_definitions(env);
    size_t first_dropped = SIZE_MAX;    /* the facts before it stay where they are */
    size_t dropped_count = 0;
    dropped_fact *dropped = NULL;
    /* the fact after which the round may stop (SIZE_MAX: none yet), the
     * last that could change what it sets aside, and whether stopping was
     * ruled out (nothing set aside once that one was decided: nothing
     * decided later changes that) */
    size_t settled = SIZE_MAX, last_freer = SIZE_MAX;
    int goes_on = last_round;
    for (size_t i = 0; i < doc->fact_count; i++) {
        fx_fact *f = &doc->facts[i];
        fx_resolver_fn resolver = resolvers[f->candidate->rule->value_kind];
        const char *why = NULL;
        if (resolver) {
            env->index = i;
            why = resolver(env, f);
        }
        size_t index = (size_t)(f->candidate - doc->candidates);
        if (why) {
            doc->candidates[index].rejected = why;
            if (first_dropped == SIZE_MAX) first_dropped = i;
        }
        if (why && frees_its_span(env, f->candidate->rule, why) && index < matched) {
            if (!dropped) {
                dropped = fx_arena_alloc(&doc->arena, doc->fact_count * sizeof *dropped);
                if (!goes_on) last_freer = last_to_set_aside(env, matched, *aside, ranked);
            }
            dropped[dropped_count++] = (dropped_fact){f->norm_start, f->norm_end, index, why};
            if (!goes_on) settled = last_freer != SIZE_MAX && last_freer > i ? last_freer : i;
        }
        if (i == settled) {
            if (sets_aside_any(doc, dropped, dropped_count, matched, *aside, ranked)) break;
            goes_on = 1;
            settled = SIZE_MAX;
        }
    }
    if (first_dropped != SIZE_MAX) {
        /* only a resolver sets a fact's reason, and only its own fact's */
        size_t kept = first_dropped;
        for (size_t i = first_dropped + 1; i < doc->fact_count; i++)
            if (!doc->facts[i].candidate->rejected) doc->facts[kept++] = doc->facts[i];
        doc->fact_count = kept;
    }
    return dropped_count && !last_round &&
           set_aside_covering(doc, dropped, dropped_count, matched, aside, (unsigned char)round, ranked);
}

void fx_resolve_prepare(struct fx_context *ctx)
{
    fx_resolve_tables *t = fx_arena_alloc(&ctx->arena, sizeof *t);
    fx_place_tables_find(ctx, &ctx->arena, &t->place);
    fx_org_tables_find(ctx, &t->org);
    fx_org_filters_build(&t->org, &ctx->arena);
    t->date = fx_date_tables_build(ctx, &ctx->arena);
    t->rule_count = ctx->rule_count;
    unsigned char *ranges = fx_arena_alloc(&ctx->arena, ctx->rule_count ? ctx->rule_count : 1);
    for (size_t r = 0; r < ctx->rule_count; r++)
        ranges[r] = is_range_rule(&ctx->rules[r]) ? RANGE | (fx_date_years_only(t->date, r) ? YEARS_RANGE : 0) : 0;
    t->ranges = ranges;
    ctx->resolve_tables = t;
}

void fx_resolve(const struct fx_context *ctx, fx_scratch *scratch, fx_doc *doc)
{
    size_t matched = doc->candidate_count;      /* the organisations' pass adds candidates after these */
    fx_warning_mark mark = fx_doc_warnings_mark(doc);
    unsigned char *aside = NULL;                /* per candidate: the round that set it aside for good, or 0 */
    size_t *ranked = NULL;                      /* the candidates in text order (fx_resolve_overlaps) */
    const fx_resolve_tables *tables = ctx->resolve_tables;
    fx_resolve_env env = {.ctx = ctx, .tables = tables, .scratch = scratch, .doc = doc};
    int set_aside_before = 0;                   /* the round before set ranges aside before it started */
    for (int round = 1;; round++) {
        if (set_aside_before && !fx_doc_first_nul(doc))
            fx_resolve_overlaps_again(doc, aside, (unsigned char)(round - 1), ranked);
        else
            fx_resolve_overlaps(doc, aside, &ranked);
        set_aside_before = 0;
        /* a round starts from no findings, but for those read from the
         * text and the tables alone (the money resolver's currency
         * evidence and number style, the city resolver's countries,
         * regions, districts and surnames, the organisations' surnames,
         * the ranges of years decided alone),
         * which hold in every round and warn of nothing */
        env = (fx_resolve_env){.ctx = ctx, .tables = tables, .scratch = scratch, .doc = doc, .money = env.money,
                               .place_text = env.place_text, .org_text = env.org_text, .years_decided = env.years_decided};
        /* what the round would set aside whatever it decided: set aside
         * before it, and the next round made without deciding this one */
        if (round < MAX_ROUNDS && set_aside_early(&env, (unsigned char)round, matched, &aside, ranked)) {
            fx_doc_warnings_rewind(doc, &mark);
            set_aside_before = 1;
            continue;
        }
        if (!resolve_round(&env, round, matched, &aside, ranked)) break;
        /* decide again without what was set aside; only the last
         * round's findings and warnings stay */
        doc->candidate_count = matched;
        fx_doc_warnings_rewind(doc, &mark);
    }
    fx_resolve_city_typos(&env);
    /* the document pass for organisations, once every fact is decided */
    fx_resolve_org_mentions(&env);
    fx_resolve_org_entities(&env);
}
