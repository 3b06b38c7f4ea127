/* match.c - see match.h. */
#include "match.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "clock.h"
#include "hash.h"
#include "json_print.h"
#include "place.h"
#include "prefilter.h"
#include "rules.h"
#include "scan.h"
#include "tokens.h"

/* Every distinct prefilter literal once; per rule, the indexes of its
 * literals (none: the rule always runs). */
typedef struct fx_match_index {
    char **literals;
    char **folded_literals;       /* lowercase ASCII: the same as literals unless exact */
    unsigned char *literal_exact; /* looked for as written, in the text (prefilter.h) */
    uint64_t *literal_ends;       /* [2 id], [2 id + 1]: first and last 8 bytes (literals of 8+) */
    unsigned char *literal_windowed;   /* one of a windowed rule's: its occurrences are kept */
    size_t *literal_length;
    size_t literal_count;
    size_t **rule_literals;
    size_t *rule_literal_count;
    size_t rule_count;
    struct split_rule *split;     /* per rule */
    pthread_mutex_t lock;         /* compiling split rules' REST */
    /* Windowed rules: a rule one of whose literals starts at most `lead`
     * bytes into every match (prefilter.h) can only match starting in
     * [p - lead, p] for an occurrence p of one of its literals; it is
     * searched there only. Every rule's literals are found in one pass
     * over the folded text, looked up by their first bytes. */
    size_t *lead;                 /* per rule; FX_PREFILTER_UNBOUNDED: not windowed */
    size_t *spaces;               /* per rule: windows cut after this many spaces back (fx_prefilter_space_cut) */
    unsigned char *member;        /* [rule * literal_count + literal]: one of the rule's */
    struct literal_buckets *by_byte, *by_pair, *by_quad;   /* literals of 1, 2-3, 4+ bytes */
    /* The Vectorscan database (scan.h), NULL on the PCRE2 path: a rule in
     * it is tried only in the windows its scan reports, and needs no
     * literals. */
    fx_scan *scan;
    /* per rule, fx_scan_rule_kind and fx_scan_rule_whole asked once: the
     * match stage needs them for every rule of every document */
    unsigned char *scan_kind, *scan_whole;
    /* The rules fx_match visits in every scanned document, ascending: list
     * rules, and pattern rules the scan does not window from its reports
     * (PCRE2_ONLY, WORDS). The others are visited only where the scan gave
     * them a window (fx_scan_rules_with_windows). */
    uint32_t *always_visited;
    size_t always_visited_count;
    /* per rule, its pattern as a class run (fx_class_run_of) when has_run */
    fx_class_run *runs;
    unsigned char *has_run;
    /* per rule, PCRE2's start bitmap (in its code), or NULL: a window of
     * one start whose byte is not in it is not searched (fx_may_start_at) */
    const uint8_t **start_bits;
} fx_match_index;

/* Every rule's code takes PCRE2's offset limit (rules_compile.c compiles
 * it with PCRE2_USE_OFFSET_LIMIT): a search in a window stops at the
 * window's end, a whole search goes BUDGET_CHUNK starts at a time.
 *
 * Split rules "PREFIX\KREST" (prefilter.h) use it too: PCRE2 has no
 * start-of-match optimisation for a pattern with \K, so it tries every
 * position. REST alone has one (its first characters), so we scan with
 * REST (compiled on first use, to keep start-up short) and, where it
 * matches at q, run the whole pattern from q - prefix_max with the
 * offset limit at q: the same attempts, in the same order, that the
 * plain search would have made and that can succeed. */
typedef struct split_rule {
    pcre2_code *rest;       /* REST alone (when PCRE2 can skip to it), or NULL */
    size_t k_offset, prefix_max;
    /* SPLIT_NONE: not split, or REST not worth it; SPLIT_PENDING until
     * compiled under index->lock; readers check it with acquire ordering */
    _Atomic int state;
} split_rule;

enum { SPLIT_NONE, SPLIT_PENDING, SPLIT_READY };

/* Literal ids by a 16-bit key of their first bytes (a counting sort:
 * ids[start[key]..start[key + 1]) ), with a bit per key in use. */
typedef struct literal_buckets {
    uint64_t bits[65536 / 64];
    uint32_t start[65537];
    uint32_t *ids;
} literal_buckets;

static unsigned byte_key(const unsigned char *p) { return p[0]; }
static unsigned pair_key(const unsigned char *p) { return (unsigned)p[0] << 8 | p[1]; }
static unsigned quad_key(const unsigned char *p)
{
    uint32_t v = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
    return (v * 2654435761u) >> 16;   /* Knuth's multiplicative hash, top 16 bits */
}

/* A capitalised word that starts a key of a list rule's table: the
 * longest per table (fx_table_first_words_second, the list rules' group)
 * as written (none: the index's reaches of no word, all 0) and in title
 * case (NULL: none, as for 99% of the list rules' visits: most words have
 * a lower-case second letter), the tables that have the word alone as a key
 * (fx_table_first_words_alone), as written in the low 16 bits,
 * title-cased in the high 16, and the list tables with a key it starts
 * either way (fx_table_first_words_in's bits: 1.5 of the five a start) */
enum { SPAN_MEMO = 4 };
typedef struct list_start {
    size_t word;
    const uint16_t *written, *title_cased;
    uint32_t alone;
    uint16_t lists;
    /* the hashes of the spans of 2 to SPAN_MEMO + 1 words from this one
     * (spans[0..hashed)), made by the first list rule that extends them
     * and read by the others: a span's hash does not depend on the table
     * (a third of the extensions a MB repeat another rule's) */
    uint8_t hashed;
    uint64_t spans[SPAN_MEMO];
} list_start;

typedef struct occurrence {
    size_t at;              /* byte offset in the (folded) text */
    uint32_t literal;
} occurrence;

struct fx_scratch {
    pcre2_match_data *match_data;
    PCRE2_SIZE *ovector;                  /* match_data's, the same pointer for its life */
    pcre2_jit_stack *jit_stack;
    pcre2_match_context *match_context;   /* the context's limits + our JIT stack */
    pcre2_match_context *limited_context; /* the same, plus an offset limit (windows, split rules) */
    /* the same two for the interpreter, with a lower match limit
     * (INTERPRETED_LIMIT_DIVISOR) */
    pcre2_match_context *interpreted_context, *interpreted_limited_context;
    const char *text;                     /* the document being matched */
    char *folded;                         /* the document, folded (prefilter.h) */
    size_t folded_len, folded_capacity;
    unsigned char *present;               /* per literal: it occurs in the document */
    size_t literal_count;
    occurrence *occurrences;              /* of the windowed rules' literals, in text order */
    size_t occurrence_count, occurrence_capacity;
    int occurrences_state;                /* 1 found, -1 not usable (text folded shorter) */
    uint32_t *visits;                     /* the rules fx_match visits in this document (rules_to_visit) */
    uint32_t *windowed_rules;             /* the rules the scan gave windows in it */
    fx_window *windows;
    size_t window_capacity;
    list_start *list_starts;              /* of this document (find_list_starts) */
    const uint16_t **capital_reaches;     /* of its capitalised words (fx_scratch_capital_reaches) */
    size_t list_start_count, list_start_capacity;   /* (the capacity of both) */
    uint16_t list_starts_lists;           /* the union of its starts' lists */
    int list_starts_ready;                /* found for this document */
    /* fx_match_span's last filter and context (NULL: none yet), and the
     * pattern rules it says yes to */
    int (*span_wanted)(const fx_rule *rule);
    const struct fx_context *span_ctx;
    size_t *span_rules, span_rule_count;
    fx_scan_scratch *scan;                /* Vectorscan's, made on first use */
    int scan_state;                       /* 1: this document was scanned, -1: the scan failed */
    /* the document whose scan the scratch holds, when fx_match_span made
     * it for fx_match (NULL: none): its pointer, text and length */
    const fx_doc *scanned_doc;
    const char *scanned_text;
    size_t scanned_len;
    /* per rule, its windows of this scan once asked (scan_windows) */
    const fx_window **known_windows;
    size_t *known_count;
    unsigned char *known;
    double *rule_seconds;                 /* per rule, when timing (--profile) */
    double literal_pass_seconds;          /* find_occurrences, when timing */
    double scan_seconds;                  /* fx_scan_document, when timing */
    size_t *rule_candidates;
    size_t *rule_window_count;               /* per rule, when timing: windows searched */
    size_t rule_count;
    fx_json_keeper *keeper;               /* fx_scratch_keeper's, made on first use */
    fx_city_cache *cities;                /* fx_scratch_cities', made on first use */
};

/* PCRE2's interpreter counts its match limit in other units than its JIT
 * does, so a search that the JIT would stop at the limit could end in the
 * interpreter (the first searches of a rule, fx_rule_jit_after). With a
 * limit ten times lower it more likely stops there too and is done again
 * JIT-compiled (search_rule), whose stop is then the one that counts; no
 * shipped rule's attempt comes near it (one that did would only have its
 * rule JIT-compiled early). */
#define INTERPRETED_LIMIT_DIVISOR 10

fx_scratch *fx_scratch_new(const struct fx_context *ctx)
{
    fx_scratch *s = fx_xcalloc(1, sizeof *s);
    uint32_t most = 1;
    for (size_t i = 0; i < ctx->rule_count; i++)
        if (ctx->rules[i].group_count > most) most = (uint32_t)ctx->rules[i].group_count;
    s->match_data = pcre2_match_data_create(most, NULL);
    s->jit_stack = pcre2_jit_stack_create(32 * 1024, 1024 * 1024, NULL);
    s->match_context = pcre2_match_context_copy(ctx->match_context);
    s->limited_context = pcre2_match_context_copy(ctx->match_context);
    s->interpreted_context = pcre2_match_context_copy(ctx->match_context);
    s->interpreted_limited_context = pcre2_match_context_copy(ctx->match_context);
    if (!s->match_data || !s->jit_stack || !s->match_context || !s->limited_context || !s->interpreted_context ||
        !s->interpreted_limited_context) {
        fx_scratch_free(s);
        return NULL;
    }
    s->ovector = pcre2_get_ovector_pointer(s->match_data);
    pcre2_jit_stack_assign(s->match_context, NULL, s->jit_stack);
    pcre2_jit_stack_assign(s->limited_context, NULL, s->jit_stack);
    pcre2_set_match_limit(s->interpreted_context, (uint32_t)(ctx->match_limit / INTERPRETED_LIMIT_DIVISOR));
    pcre2_set_match_limit(s->interpreted_limited_context, (uint32_t)(ctx->match_limit / INTERPRETED_LIMIT_DIVISOR));
    return s;
}

fx_json_keeper *fx_scratch_keeper(fx_scratch *s)
{
    if (!s->keeper) s->keeper = fx_json_keeper_new();
    return s->keeper;
}

fx_city_cache *fx_scratch_cities(fx_scratch *s)
{
    if (!s->cities) s->cities = fx_city_cache_new();
    return s->cities;
}

const uint16_t *const *fx_scratch_capital_reaches(const fx_scratch *s)
{
    return s->list_starts_ready ? s->capital_reaches : NULL;
}

void fx_scratch_free(fx_scratch *s)
{
    if (!s) return;
    fx_json_keeper_free(s->keeper);
    fx_city_cache_free(s->cities);
    pcre2_match_data_free(s->match_data);
    pcre2_jit_stack_free(s->jit_stack);
    pcre2_match_context_free(s->match_context);
    pcre2_match_context_free(s->limited_context);
    pcre2_match_context_free(s->interpreted_context);
    pcre2_match_context_free(s->interpreted_limited_context);
    free(s->folded);
    free(s->present);
    free(s->occurrences);
    free(s->visits);
    free(s->windowed_rules);
    free(s->windows);
    free(s->list_starts);
    free(s->capital_reaches);
    free(s->span_rules);
    free(s->known_windows);
    free(s->known_count);
    free(s->known);
    fx_scan_scratch_free(s->scan);
    free(s->rule_seconds);
    free(s->rule_candidates);
    free(s->rule_window_count);
    free(s);
}

static size_t next_char(const char *t, size_t len, size_t i)
{
    i++;
    while (i < len && ((unsigned char)t[i] & 0xC0) == 0x80) i++;
    return i;
}

#define NO_LIMIT ((size_t)-1)

/* The time budget of a rule on a document (issue 21): PCRE2's match and
 * depth limits bound one attempt at one start, not a search that fails
 * a little below them from every start ("\b(?:[a-z]+ )*[a-z]+ Ltd\b"
 * over 32,000 lower-case words: 18 s). A rule may spend BUDGET_BASE +
 * BUDGET_PER_MB per MB of the document in CPU time (the thread's: other
 * processes do not count); past it, it is stopped for this document with
 * a warning. PCRE2's JIT gives no count of its work across attempts that
 * would make this deterministic; the budget is some 10 times what the
 * slowest shipped rule needs on the densest text (0.5 s per MB), so only
 * a rule gone quadratic reaches it. A search is made in chunks of
 * BUDGET_CHUNK start positions (with an offset limit), and the clock is
 * read once per BUDGET_CHUNK starts searched, in one search or in many
 * windows: a rule whose starts in a document stay under that never reads
 * it (a system call), nor comes near its budget but by attempts each
 * stopped by PCRE2's limits. */
#define BUDGET_BASE 2.0
#define BUDGET_PER_MB 4.0
enum { BUDGET_CHUNK = 4096 };

typedef struct budget {
    double start;               /* < 0: the clock not read yet */
    size_t starts;              /* start positions searched since the clock was last read */
} budget;

/* A rule's budget on a document, its clock not read yet. The limit is
 * worked out where the clock is read (budget_spent), not here: a rule is
 * started some 34 times a document, its clock read in few of them. */
static budget budget_start(void)
{
    return (budget){-1, 0};
}

/* over_budget's reading of the clock (a system call): the first starts
 * the count. */
static int budget_spent(budget *b, const fx_rule *rule, fx_doc *doc, size_t offset)
{
    double now = fx_clock_thread_seconds();
    if (b->start < 0) b->start = now;
    double spent = now - b->start, limit = BUDGET_BASE + BUDGET_PER_MB * (double)doc->text_len / 1e6;
    if (spent <= limit) return 0;
    size_t at = fx_doc_orig_start(doc, offset);
    fx_doc_warn(doc, at, "rule %s (%s:%zu) stopped at byte %zu: over its time budget on this document "
                "(%.1f s of CPU; %.0f s + %.0f s per MB); the other rules go on",
                rule->id, rule->file, rule->line, at, spent, BUDGET_BASE, BUDGET_PER_MB);
    return 1;
}

/* 1 when the rule is over its budget; warned once. starts: the start
 * positions searched since the last call (at least 1). The clock is read
 * once BUDGET_CHUNK of them have been: its first reading starts the count,
 * so the first BUDGET_CHUNK starts' time goes uncounted (a whole document
 * of that size, or 2,438 readings over the 10 MB corpus when it was read
 * every 16 calls). Inline: it is called after every window and match, and
 * most calls only count. */
static inline int over_budget(budget *b, const fx_rule *rule, fx_doc *doc, size_t offset, size_t starts)
{
    b->starts += starts;
    if (b->starts < BUDGET_CHUNK) return 0;
    b->starts = 0;
    return budget_spent(b, rule, doc, offset);
}

/* One search of code from offset (offset <= len). JIT-compiled code goes
 * straight to pcre2_jit_match, PCRE2's fast path: pcre2_match would only
 * check its arguments (ours are valid: a UTF-8 text, an offset in it, the
 * code compiled with PCRE2_USE_OFFSET_LIMIT) and call it with the same
 * ones, some 150 instructions per call, and a rule is searched in some
 * 130,000 windows per MB. */
static int search(const pcre2_code *code, int jit, fx_scratch *s, const char *t, size_t len, size_t offset,
                  pcre2_match_context *context)
{
    if (jit)
        return pcre2_jit_match(code, (PCRE2_SPTR)t, len, offset, PCRE2_NO_UTF_CHECK, s->match_data, context);
    return pcre2_match(code, (PCRE2_SPTR)t, len, offset, PCRE2_NO_UTF_CHECK, s->match_data, context);
}

/* search_rule for a rule not JIT-compiled yet (fx_rule_jit_after said
 * 0): interpreted. A search the interpreter stops (a match, depth or heap
 * limit; its match limit a tenth of the JIT's) is done again
 * JIT-compiled, so that whatever stops a search is the JIT's, as if
 * compiled at first use. */
static int search_interpreted(const fx_rule *rule, fx_scratch *s, const char *t, size_t len, size_t offset,
                              size_t end, pcre2_match_context *context)
{
    pcre2_match_context *first = s->interpreted_context;
    if (context == s->limited_context) {   /* its offset limit is end */
        first = s->interpreted_limited_context;
        pcre2_set_offset_limit(first, end);
    }
    int rc = search(rule->code, 0, s, t, len, offset, first);
    if (rc < 0 && rc != PCRE2_ERROR_NOMATCH && fx_rule_jit(rule))
        rc = search(rule->code, 1, s, t, len, offset, context);
    return rc;
}

/* One search of the rule from offset, starts tried up to end (the
 * context's offset limit, or the text's length): interpreted until the
 * rule has been used enough (fx_rule_jit_after). Inline, the interpreted
 * search out of line: nearly every search is JIT-compiled, one per window
 * (41,769 a MB), and a call here cost some 20 instructions of its own. */
static inline int search_rule(const fx_rule *rule, fx_scratch *s, const char *t, size_t len, size_t offset,
                              size_t end, pcre2_match_context *context)
{
    if (fx_rule_jit_after(rule, end - offset)) return search(rule->code, 1, s, t, len, offset, context);
    return search_interpreted(rule, s, t, len, offset, end, context);
}

/* One search of the rule from offset, no start after limit. */
static inline int search_before(const fx_rule *rule, fx_scratch *s, const char *t, size_t len, size_t offset,
                                size_t limit)
{
    pcre2_set_offset_limit(s->limited_context, limit);
    return search_rule(rule, s, t, len, offset, limit, s->limited_context);
}

/* pcre2_match of the rule from offset. With a limit, no match starts
 * after it; else a split rule is scanned through REST. */
static int find(const fx_rule *rule, const split_rule *split, fx_scratch *s, const char *t, size_t len,
                size_t offset, size_t limit)
{
    if (limit != NO_LIMIT) return search_before(rule, s, t, len, offset, limit);
    if (!split) return search_rule(rule, s, t, len, offset, len, s->match_context);
    size_t from = offset;   /* attempts before `from` are known to fail */
    size_t scan = offset;
    for (;;) {
        int rc = search(split->rest, 1, s, t, len, scan, s->match_context);   /* REST is JIT-compiled */
        if (rc < 0) return rc;
        size_t q = s->ovector[0];
        size_t start = q > from + split->prefix_max ? q - split->prefix_max : from;
        while (start > from && ((unsigned char)t[start] & 0xC0) == 0x80) start--;   /* a character boundary */
        pcre2_set_offset_limit(s->limited_context, q);
        rc = search_rule(rule, s, t, len, start, q, s->limited_context);
        if (rc != PCRE2_ERROR_NOMATCH) return rc;
        if (q >= len) return PCRE2_ERROR_NOMATCH;
        from = q + 1;
        while (from < len && ((unsigned char)t[from] & 0xC0) == 0x80) from++;
        scan = from;
    }
}

/* A search of the rule stopped by PCRE2 (rc: a limit or an error): warned. */
static void warn_stopped(const fx_rule *rule, fx_doc *doc, int rc, size_t offset)
{
    PCRE2_UCHAR msg[200];
    pcre2_get_error_message(rc, msg, sizeof msg);
    fx_doc_warn(doc, fx_doc_orig_start(doc, offset), "rule %s (%s:%zu) stopped at byte %zu: %s; the other rules go on",
                rule->id, rule->file, rule->line, fx_doc_orig_start(doc, offset), (const char *)msg);
}

/* Take the result rc of a search from offset: add the candidate and set
 * *next to where the rule's scan goes on (after the match, or one
 * character on after an empty one). 0: the scan of this rule ends (no
 * match, or an error, reported). Inline, the warning out of line: it is
 * called after every search. */
static inline int take(const fx_rule *rule, fx_scratch *s, fx_doc *doc, int rc, size_t offset, size_t *next)
{
    if (rc == PCRE2_ERROR_NOMATCH) return 0;
    if (rc < 0) {
        warn_stopped(rule, doc, rc, offset);
        return 0;
    }
    const PCRE2_SIZE *ov = s->ovector;
    size_t start = ov[0], end = ov[1];
    if (end > start) {
        fx_candidate *c = fx_doc_add_candidate(doc, rule, start, end, rule->group_count);
        size_t set = (size_t)rc < rule->group_count ? (size_t)rc : rule->group_count;
        for (size_t g = 0; g < set; g++) {
            c->groups[2 * g] = ov[2 * g] == PCRE2_UNSET ? FX_UNSET : ov[2 * g];
            c->groups[2 * g + 1] = ov[2 * g + 1] == PCRE2_UNSET ? FX_UNSET : ov[2 * g + 1];
        }
        *next = end;
    } else {
        *next = next_char(doc->text, doc->text_len, end > offset ? end : offset);
    }
    return 1;
}

/* The rule over the whole text, left to right, matches not overlapping,
 * within its budget: BUDGET_CHUNK start positions at a time (unless
 * scanned through REST). */
static void match_pattern(const fx_rule *rule, const split_rule *split, fx_scratch *s, fx_doc *doc)
{
    size_t offset = 0, len = doc->text_len;
    int chunked = !split;
    budget b = budget_start();
    while (offset <= len) {
        size_t limit = chunked && len - offset > BUDGET_CHUNK ? offset + BUDGET_CHUNK : NO_LIMIT;
        int rc = find(rule, split, s, doc->text, len, offset, limit);
        if (rc == PCRE2_ERROR_NOMATCH && limit != NO_LIMIT) {    /* none starts in this chunk */
            if (over_budget(&b, rule, doc, limit, BUDGET_CHUNK)) return;
            offset = next_char(doc->text, len, limit);
            continue;
        }
        size_t from = offset;
        if (!take(rule, s, doc, rc, offset, &offset) || over_budget(&b, rule, doc, offset, offset - from)) return;
    }
}

/* The class at p[*i] ('['; p n bytes), each ASCII byte it matches given
 * `bit` in bytes[] (when ask_pcre2; else only skipped); *i past it. 0 when
 * there is none there or it does not compile. */
static int read_class(const char *p, size_t n, size_t *i, uint32_t options, int ask_pcre2, unsigned char *bytes,
                      unsigned char bit)
{
    size_t end = p[*i] == '[' ? fx_pattern_class_end(p, n, *i) : 0;
    uint64_t ascii[2];
    if (end && !ask_pcre2) {
        *i = end;
        return 1;
    }
    if (!end || !fx_pattern_class_ascii(p + *i, end - *i, options, ascii)) return 0;
    for (unsigned c = 0; c < 128; c++)
        if (ascii[c / 64] >> (c % 64) & 1) bytes[c] |= bit;
    *i = end;
    return 1;
}

/* Digits at p[*i] as a count (*i past them); 0 when none or too many. */
static int read_count(const char *p, size_t *i, unsigned *count)
{
    size_t from = *i;
    for (*count = 0; p[*i] >= '0' && p[*i] <= '9' && *i - from < 4; (*i)++) *count = *count * 10 + (unsigned)(p[*i] - '0');
    return *i > from && !(p[*i] >= '0' && p[*i] <= '9');
}

/* "(?<![B])(?=[L])...[C1][C2]{m,n}(?![A])": the expanded pattern's parts
 * in that order, each look-ahead before C1 possibly in a group "(?:...)"
 * of its own (a define's); nothing else (no \Q...\E, whose classes
 * fx_pattern_class_end cannot read). FX_RUN_FIRST is set for the bytes of C1 that
 * every L has. */
static int read_run(const char *p, uint32_t options, int ask_pcre2, fx_class_run *run)
{
    size_t i = 4, n = strlen(p);
    unsigned char first[256];   /* 1: every look-ahead so far takes the byte */
    memset(run, 0, sizeof *run);
    memset(run->bytes + 128, FX_RUN_OTHER, 128);
    memset(first, 1, sizeof first);
    if (strstr(p, "\\Q") || strncmp(p, "(?<![", 5) != 0 ||
        !read_class(p, n, &i, options, ask_pcre2, run->bytes, FX_RUN_BEFORE) || p[i++] != ')')
        return 0;
    for (;;) {
        int group = strncmp(p + i, "(?:(?=[", 7) == 0;
        if (strncmp(p + i + (group ? 3 : 0), "(?=[", 4) != 0) break;
        unsigned char ahead[256] = {0};
        i += group ? 6 : 3;
        if (!read_class(p, n, &i, options, ask_pcre2, ahead, 1) || p[i++] != ')' || (group && p[i++] != ')')) return 0;
        for (unsigned c = 0; c < 128; c++) first[c] &= ahead[c];
    }
    unsigned char c1[256] = {0};
    if (!read_class(p, n, &i, options, ask_pcre2, c1, 1)) return 0;
    for (unsigned c = 0; c < 128; c++)
        if (c1[c] && first[c]) run->bytes[c] |= FX_RUN_FIRST;
    if (!read_class(p, n, &i, options, ask_pcre2, run->bytes, FX_RUN_RUN) || p[i++] != '{' ||
        !read_count(p, &i, &run->min) || p[i++] != ',' || !read_count(p, &i, &run->max) || p[i++] != '}' ||
        run->min > run->max || strncmp(p + i, "(?![", 4) != 0)
        return 0;
    i += 3;
    return read_class(p, n, &i, options, ask_pcre2, run->bytes, FX_RUN_AFTER) && p[i] == ')' && p[i + 1] == '\0';
}

int fx_class_run_of(const char *p, uint32_t options, fx_class_run *run)
{
    /* the shape first, from the text alone: of the rules that begin as it
     * does, one has it, and each class asked of PCRE2 costs ~60,000
     * instructions (the ASCII bytes tried against \p{L} and the like) */
    return read_run(p, options, 0, run) && read_run(p, options, 1, run);
}

long fx_class_run_at(const fx_class_run *run, const char *text, size_t len, size_t at)
{
    const unsigned char *t = (const unsigned char *)text, *bytes = run->bytes;
    if (at >= len) return 0;
    unsigned before = at > 0 ? bytes[t[at - 1]] : 0;
    if ((before | bytes[t[at]]) & FX_RUN_OTHER) return FX_CLASS_RUN_UNKNOWN;
    if ((before & FX_RUN_BEFORE) || !(bytes[t[at]] & FX_RUN_FIRST)) return 0;
    size_t from = at + 1, n = 0;
    while (n < run->max && from + n < len && (bytes[t[from + n]] & FX_RUN_RUN)) n++;
    if (from + n < len && (bytes[t[from + n]] & FX_RUN_OTHER)) return FX_CLASS_RUN_UNKNOWN;
    /* greedy, then shorter: the first length whose next byte is not in A
     * (before the longest, that byte is in C2, so ASCII) */
    for (size_t k = n + 1; k-- > run->min;)
        if (from + k == len || !(bytes[t[from + k]] & FX_RUN_AFTER)) return (long)(from + k);
    return 0;
}

int fx_may_start_at(const uint8_t *start_bits, const char *text, size_t len, size_t at)
{
    if (!start_bits || at >= len) return 1;
    unsigned char c = (unsigned char)text[at];
    return start_bits[c / 8] >> (c % 8) & 1;
}

/* The same scan with starts tried only inside the windows (sorted, not
 * overlapping): as every match starts inside one, it finds the same
 * matches as match_pattern. A window of one start whose byte starts no
 * match (start_bits, fx_may_start_at) is not searched: 4% of the windows,
 * each a search of some 250 instructions. Wider windows are left to
 * PCRE2, which skips such bytes itself: testing their bytes first cost
 * more than the searches it saved. */
static void match_windows(const fx_rule *rule, const fx_class_run *run, const uint8_t *start_bits, fx_scratch *s,
                          fx_doc *doc, const fx_window *windows, size_t count)
{
    size_t offset = 0;
    budget b = budget_start();
    /* A rule once JIT-compiled stays so: asked here, not at each search,
     * whose call goes straight to PCRE2 with what the loop keeps in
     * registers (a rule still interpreted is asked at each, as it counts
     * its bytes towards its compile). */
    const int jit = fx_rule_jit_on(rule);
    const pcre2_code *code = rule->code;
    const char *text = doc->text;
    size_t len = doc->text_len;
    pcre2_match_context *limited = s->limited_context;
    for (size_t w = 0; w < count; w++) {
        if (windows[w].to < offset) continue;
        if (offset < windows[w].from) offset = windows[w].from;
        if (offset == windows[w].to && !fx_may_start_at(start_bits, text, len, offset)) {
            if (over_budget(&b, rule, doc, offset, 1)) return;
            continue;
        }
        if (run && offset == windows[w].to) {   /* one start: its match known from the bytes (fx_class_run) */
            long end = fx_class_run_at(run, text, len, offset);
            if (end > 0) {
                fx_candidate *c = fx_doc_add_candidate(doc, rule, offset, (size_t)end, 1);
                c->groups[0] = offset;
                c->groups[1] = (size_t)end;
                offset = (size_t)end;
            }
            if (end != FX_CLASS_RUN_UNKNOWN) {
                if (over_budget(&b, rule, doc, offset, 1)) return;
                continue;
            }
        }
        while (offset <= windows[w].to) {
            /* a window can be a whole run of words: chunks, as in match_pattern */
            size_t limit = windows[w].to - offset > BUDGET_CHUNK ? offset + BUDGET_CHUNK : windows[w].to;
            pcre2_set_offset_limit(limited, limit);
            int rc = jit ? search(code, 1, s, text, len, offset, limited) : search_rule(rule, s, text, len, offset, limit, limited);
            if (rc == PCRE2_ERROR_NOMATCH && limit < windows[w].to) {   /* none starts in this chunk */
                if (over_budget(&b, rule, doc, limit, BUDGET_CHUNK)) return;
                offset = next_char(text, len, limit);
                continue;
            }
            if (rc == PCRE2_ERROR_NOMATCH) {   /* none starts in the window's rest */
                if (over_budget(&b, rule, doc, offset, windows[w].to - offset + 1)) return;
                break;
            }
            size_t from = offset;
            if (!take(rule, s, doc, rc, offset, &offset) || over_budget(&b, rule, doc, offset, offset - from)) return;
        }
    }
}

/* "BEIJING" -> "Beijing", "NEW YORK" -> "New York", "KØBENHAVN" ->
 * "København": letters after a word's first lower-cased. 0 when s has a
 * lower-case letter (not all caps) or a letter whose lower case has
 * another length in UTF-8 (the key could not line up with the text). */
static int title_case(const char *s, size_t n, char *out)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {     /* ASCII, as utf8proc would see it: only a-z are lower case */
            if (c >= 'a' && c <= 'z') return 0;
            int word_start = i == 0 || !fx_is_word_byte((unsigned char)s[i - 1]);
            out[i++] = (char)(!word_start && c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
            continue;
        }
        int32_t cp;
        utf8proc_ssize_t got = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
        if (got <= 0) return 0;
        if (utf8proc_category(cp) == UTF8PROC_CATEGORY_LL) return 0;
        int word_start = i == 0 || !fx_is_word_byte((unsigned char)s[i - 1]);
        int32_t lower = word_start ? cp : utf8proc_tolower(cp);
        utf8proc_uint8_t enc[4];
        if (utf8proc_encode_char(lower, enc) != got) return 0;
        memcpy(out + i, enc, (size_t)got);
        i += (size_t)got;
    }
    return 1;
}

/* h, the fx_hash_bytes of some bytes, extended over s[0..n). */
static uint64_t extend_hash(uint64_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) h = fx_hash_byte(h, (unsigned char)s[i]);
    return h;
}

/* title_case of one word s[0..n) (a run of word bytes: no word starts
 * past its first byte) into out, and the fx_hash_bytes of it in *hash;
 * 0 as title_case. An ASCII word (most) is lowered byte by byte here and
 * hashed as it goes: a word's ASCII bytes are letters and digits, of
 * which only a-z have both bits 0x40 and 0x20, and bit 0x20 lowers A-Z
 * and leaves 0-9. Others go to title_case, from their start. */
static int title_case_word(const char *s, size_t n, char *out, uint64_t *hash)
{
    uint64_t h = FX_HASH_START;
    size_t i = 0;
    for (; i < n && (unsigned char)s[i] < 0x80; i++) {
        if ((s[i] & 0x60) == 0x60) return 0;
        out[i] = (char)(i ? s[i] | 0x20 : s[i]);
        h = fx_hash_byte(h, (unsigned char)out[i]);
    }
    if (i < n) {
        if (!title_case(s, n, out)) return 0;
        h = fx_hash_bytes(out, n);
    }
    *hash = h;
    return 1;
}

/* The capitalised words (tokens.h) that start a key of a list rule's
 * table, as written or in title case ("BEIJING" -> "Beijing"), with the
 * longest such key per table: once per document, one probe a word for
 * the five list rules. */
static void find_list_starts(const fx_context *ctx, fx_scratch *s, fx_doc *doc)
{
    const fx_tokens *tokens = fx_doc_tokens(doc);
    const fx_words *w = tokens->words;
    const char *t = doc->text;
    char folded[256];
    if (s->list_start_capacity < tokens->capital_count) {
        free(s->list_starts);
        free(s->capital_reaches);
        s->list_start_capacity = tokens->capital_count;
        s->list_starts = fx_xmalloc(s->list_start_capacity * sizeof *s->list_starts);
        s->capital_reaches = fx_xmalloc(s->list_start_capacity * sizeof *s->capital_reaches);
    }
    /* the index's first group is the city resolver's tables (place.h),
     * the second the list rules' */
    const fx_table_first_words *index = &ctx->list_words;
    unsigned lists = fx_table_first_words_bits(index->split, index->table_count);
    /* locals: a start stored (its word a size_t) could change the
     * scratch's count, as far as the compiler knows */
    list_start *starts = s->list_starts;
    const uint16_t **reaches = s->capital_reaches;
    size_t count = 0;
    uint16_t any = 0;
    for (size_t c = 0; c < tokens->capital_count; c++) {
        size_t k = tokens->capitals[c], i = w->start[k], n = w->end[k] - i;
        const uint16_t *written = fx_table_first_words_reach_built(index, fx_token_hash(tokens, k)), *title_cased = NULL;
        reaches[c] = written;
        if (written && !(fx_table_first_words_in(index, written) & lists)) written = NULL;
        /* title_case would fail (t[i + 1] past a word of one byte: no
         * word byte, or the text's NUL) */
        int lower_second = (unsigned char)(t[i + 1] - 'a') < 26;
        uint64_t title_hash;
        if (!lower_second && n < sizeof folded && title_case_word(t + i, n, folded, &title_hash) &&
            (title_cased = fx_table_first_words_reach_built(index, title_hash)) &&
            !(fx_table_first_words_in(index, title_cased) & lists))
            title_cased = NULL;
        if (!written && !title_cased) continue;
        if (!written) written = index->none;
        const uint16_t *title_row = title_cased ? fx_table_first_words_second(index, title_cased) : NULL;
        if (!title_cased) title_cased = index->none;
        /* field by field: spans are not read before they are made (hashed) */
        list_start *start = &starts[count++];
        start->word = k;
        start->written = fx_table_first_words_second(index, written);
        start->title_cased = title_row;
        start->alone = fx_table_first_words_alone(index, written) |
                       (uint32_t)fx_table_first_words_alone(index, title_cased) << 16;
        start->lists = (uint16_t)((fx_table_first_words_in(index, written) |
                                   fx_table_first_words_in(index, title_cased)) & lists);
        start->hashed = 0;
        any |= start->lists;
    }
    s->list_start_count = count;
    s->list_starts_lists = any;
    s->list_starts_ready = 1;
}

/* A list rule: its table's keys at the capitalised words (tokens.h), the
 * longest key first; a match's words start no other. Each rule walks all
 * the document's list starts (18,300 a MB of 36,000 capitalised words)
 * and reads its own table's reaches, two loads (none's where the word
 * has none), where the start's lists have its table: less than sorting
 * the starts by table once. */
static void match_list(const fx_context *ctx, const fx_rule *rule, fx_scratch *s, fx_doc *doc)
{
    const char *t = doc->text;
    size_t len = doc->text_len;
    const fx_table *table = rule->list;
    const fx_tokens *tokens = fx_doc_tokens(doc);
    const fx_words *w = tokens->words;
    size_t past = 0;    /* the end of the last match */
    char folded[256];
    if (!s->list_starts_ready) find_list_starts(ctx, s, doc);
    size_t col = rule->list_column, in_row = col - ctx->list_words.split;   /* list_start's reaches' [in_row] */
    uint16_t caps = rule->flags & FX_RULE_ALLCAPS ? UINT16_MAX : 0;   /* title case's reaches, or none */
    uint32_t alone = fx_table_first_words_bit(col), caps_alone = alone << 16;   /* the bits of list_start.alone */
    /* no start of this table: most documents for two of the five rules
     * (CITY_SUPPLEMENT's and CITY_ALIASES': 36,000 visits a MB); none at
     * all: list_starts may be NULL */
    if (!(s->list_starts_lists & alone)) return;
    /* the starts read through locals: a candidate added (a call) could
     * change the scratch, as far as the compiler knows */
    list_start *start = s->list_starts, *last = start + s->list_start_count;
    for (; start < last; start++) {
        /* the longest key starting with this word in this table, as written
         * and in title case: 0 for most words, which the start's lists
         * tell without reading the reaches (64,000 of 91,400 visits a MB) */
        if (!(start->lists & alone)) continue;
        size_t reach = fx_table_first_words_max(start->written[in_row]), caps_reach = 0;
        if (start->title_cased) caps_reach = fx_table_first_words_max(start->title_cased[in_row] & caps);
        if (!(reach | caps_reach)) continue;
        size_t k = start->word, i = w->start[k], word_end = w->end[k];
        if (i < past) continue;
        /* collect ends of up to max_words words joined by ' ', '-', '\'', '.',
         * and the hash of each span up to reach: FNV-1a extends the word's
         * hash (tokens.h) byte by byte, so no span is hashed from its start;
         * a span no key begins with (tables.h) brings reach down below it */
        size_t ends[16], n = 0, e = word_end;
        uint64_t hashes[16], h = fx_token_hash(tokens, k);
        int longer = 1;     /* may a key be longer than the last span kept? */
        for (size_t j = k;;) {
            hashes[n] = h;
            ends[n++] = e;
            if (e - i >= reach && e - i >= caps_reach) {    /* no key is longer: the next word not read (most starts) */
                longer = 0;
                break;
            }
            if (n == 16 || n >= table->max_words + 2) break;   /* keys like "Xi'an" span more tokens */
            if (j + 1 >= w->count || w->start[j + 1] != e + 1 ||
                !(t[e] == ' ' || t[e] == '-' || t[e] == '\'' || t[e] == '.'))
                break;
            size_t from = e;
            e = w->end[++j];
            if (e - i > reach && e - i > caps_reach) {  /* no key is this long, nor longer: not kept */
                longer = 0;
                break;
            }
            if (e - i <= reach) {
                if (n <= start->hashed) {   /* span n made by another rule */
                    h = start->spans[n - 1];
                } else {
                    h = extend_hash(h, t + from, e - from);
                    if (n <= SPAN_MEMO) {   /* spans 1 to n - 1 are made: hashed is n - 1 */
                        start->spans[n - 1] = h;
                        start->hashed = (uint8_t)n;
                    }
                }
                if (!fx_table_first_words_may_begin(&ctx->list_words, col, h)) reach = from - i;
            }
        }
        if (longer && n < 16 && e < len && t[e] == '.') {   /* keys like "Washington D.C." */
            hashes[n] = extend_hash(h, t + e, 1);
            ends[n++] = e + 1;
        }
        for (size_t m = n; m-- > 0;) {
            /* no key longer than reach starts with this word, nor, title-cased,
             * longer than caps_reach (title_case keeps the word boundaries);
             * the word alone (m 0) is looked up where the table has it as a
             * key (16,500 lookups a MB of words that only start keys, "New",
             * not made), by the table's probe alone: its filters would pass
             * it (the bit is another word's only where two share a slot of
             * the index, and the probe then finds nothing) */
            size_t span = ends[m] - i;
            const fx_table_row *row = NULL;
            if (span <= reach)
                row = m ? fx_table_find_hashed(table, t + i, span, hashes[m])
                        : start->alone & alone ? fx_table_probe(table, t + i, span, hashes[0]) : NULL;
            if (!row && span <= caps_reach && (m || (start->alone & caps_alone)) && span < sizeof folded &&
                title_case(t + i, span, folded))
                row = fx_table_find(table, folded, span);
            if (row) {
                fx_candidate *cand = fx_doc_add_candidate(doc, rule, i, ends[m], 1);
                cand->groups[0] = i;
                cand->groups[1] = ends[m];
                cand->entry = row;
                past = ends[m];
                break;
            }
        }
    }
}

void fx_scratch_time_rules(fx_scratch *s, const fx_context *ctx)
{
    if (s->rule_seconds) return;
    s->rule_count = ctx->rule_count;
    s->rule_seconds = fx_xcalloc(ctx->rule_count ? ctx->rule_count : 1, sizeof *s->rule_seconds);
    s->rule_candidates = fx_xcalloc(ctx->rule_count ? ctx->rule_count : 1, sizeof *s->rule_candidates);
    s->rule_window_count = fx_xcalloc(ctx->rule_count ? ctx->rule_count : 1, sizeof *s->rule_window_count);
}

typedef struct rule_time {
    size_t rule;
    double seconds;
    size_t candidates, reports, windows;
} rule_time;

static int slower_first(const void *a, const void *b)
{
    const rule_time *x = a, *y = b;
    if (x->seconds != y->seconds) return x->seconds < y->seconds ? 1 : -1;
    return x->rule < y->rule ? -1 : x->rule > y->rule;
}

void fx_profile_print_rules(FILE *out, const fx_context *ctx, fx_scratch *const *scratches, int count, int top)
{
    rule_time *times = fx_xcalloc(ctx->rule_count ? ctx->rule_count : 1, sizeof *times);
    double total = 0;
    for (size_t r = 0; r < ctx->rule_count; r++) {
        times[r].rule = r;
        for (int k = 0; k < count; k++) {
            if (!scratches[k]->rule_seconds || scratches[k]->rule_count != ctx->rule_count) continue;
            times[r].seconds += scratches[k]->rule_seconds[r];
            times[r].candidates += scratches[k]->rule_candidates[r];
            times[r].windows += scratches[k]->rule_window_count[r];
            times[r].reports += fx_scan_reports(scratches[k]->scan, r);
        }
        total += times[r].seconds;
    }
    double pass = 0, scan = 0;
    for (int k = 0; k < count; k++) {
        pass += scratches[k]->literal_pass_seconds;
        scan += scratches[k]->scan_seconds;
    }
    total += pass + scan;
    qsort(times, ctx->rule_count, sizeof *times, slower_first);
    const fx_match_index *ix = ctx->match_index;
    const fx_scan *db = ix ? ix->scan : NULL;
    if (db) {
        size_t kinds[FX_SCAN_KIND_COUNT] = {0}, whole = 0;
        for (size_t r = 0; r < ctx->rule_count; r++) {
            if (!ctx->rules[r].code) continue;
            kinds[fx_scan_rule_kind(db, r)]++;
            whole += (size_t)fx_scan_rule_whole(db, r);
        }
        fprintf(out,
                "factx: profile: Vectorscan database %s: of the pattern rules %zu go in as written, %zu as a "
                "superset, %zu as Vectorscan's prefilter, %zu by their literals (%zu of them searched whole where "
                "they occur), %zu by a prefix of bounded width, %zu by their leading look-ahead, %zu by word "
                "starts, %zu are PCRE2 only\n",
                fx_scan_origin(db), kinds[FX_SCAN_EXACT], kinds[FX_SCAN_SUPERSET], kinds[FX_SCAN_PREFILTER],
                kinds[FX_SCAN_LITERALS], whole, kinds[FX_SCAN_PREFIX], kinds[FX_SCAN_AHEAD], kinds[FX_SCAN_WORDS],
                kinds[FX_SCAN_PCRE2_ONLY]);
    }
    fprintf(out, "factx: profile: the %d slowest of %zu rules (match stage; reports: Vectorscan's, windows: "
            "where PCRE2 was tried)\n", top, ctx->rule_count);
    if (db)
        fprintf(out, "  %-28s %8.3f s  %5.1f%%  (one pass: every rule's candidates, see scan.h)\n", "(Vectorscan scan)", scan,
                total > 0 ? 100 * scan / total : 0.0);
    if (!db || ix->literal_count)
        fprintf(out, "  %-28s %8.3f s  %5.1f%%  (finds the literals of every rule, see match.h)\n", "(literal pass)", pass,
                total > 0 ? 100 * pass / total : 0.0);
    for (size_t i = 0; i < ctx->rule_count && i < (size_t)top; i++) {
        const fx_rule *rule = &ctx->rules[times[i].rule];
        /* compiled while matching: its time is part of the rule's (a rule
         * with few windows may spend most of it there) */
        double jit = rule->jit_seconds;
        char compiled[64] = "";
        if (jit > 0) snprintf(compiled, sizeof compiled, "  (of it JIT compiling %.3f s)", jit);
        fprintf(out, "  %-28s %8.3f s  %5.1f%%  %9zu reports  %8zu windows  %7zu matches  %s:%zu%s%s\n", rule->id,
                times[i].seconds, total > 0 ? 100 * times[i].seconds / total : 0.0, times[i].reports,
                times[i].windows, times[i].candidates, rule->file, rule->line,
                rule->code ? (fx_rule_jit(rule) ? "" : "  (no JIT)") : "  (list)", compiled);
    }
    free(times);
}

/* REST of a split rule, with the rule's own options, when PCRE2 knows
 * what it starts with (else scanning with it does not pay) and JIT
 * compiles it; with JIT off for the rule (FACTX_NO_JIT: valgrind cannot
 * follow JIT code) the rule is searched plainly. */
static void split_compile(const fx_rule *rule, split_rule *out)
{
    if (!fx_rule_jit_allowed(rule)) return;
    uint32_t options = 0;
    if (pcre2_pattern_info(rule->code, PCRE2_INFO_ARGOPTIONS, &options) != 0) return;
    int error;
    PCRE2_SIZE at;
    pcre2_code *r = pcre2_compile((PCRE2_SPTR)rule->expanded + out->k_offset + 2, PCRE2_ZERO_TERMINATED, options,
                                  &error, &at, NULL);
    uint32_t first = 0;
    const uint8_t *bitmap = NULL;
    if (!r || pcre2_pattern_info(r, PCRE2_INFO_FIRSTCODETYPE, &first) != 0 ||
        pcre2_pattern_info(r, PCRE2_INFO_FIRSTBITMAP, &bitmap) != 0 || (first == 0 && !bitmap) ||
        pcre2_jit_compile(r, PCRE2_JIT_COMPLETE) != 0) {
        pcre2_code_free(r);
        return;
    }
    out->rest = r;
}

static int is_windowed(const fx_match_index *ix, size_t r) { return ix->lead[r] != FX_PREFILTER_UNBOUNDED; }

/* Rule r as a split rule, its REST compiled on first use; NULL: search
 * it plainly. */
static const split_rule *split_of(fx_match_index *ix, const fx_rule *rule, size_t r)
{
    split_rule *sr = &ix->split[r];
    int state = atomic_load_explicit(&sr->state, memory_order_acquire);
    if (state == SPLIT_PENDING) {
        pthread_mutex_lock(&ix->lock);
        if (atomic_load_explicit(&sr->state, memory_order_relaxed) == SPLIT_PENDING) {
            split_compile(rule, sr);
            atomic_store_explicit(&sr->state, sr->rest ? SPLIT_READY : SPLIT_NONE, memory_order_release);
        }
        pthread_mutex_unlock(&ix->lock);
        state = atomic_load_explicit(&sr->state, memory_order_acquire);
    }
    return state == SPLIT_READY ? sr : NULL;
}

/* Buckets of the literals whose length is in [min_len, max_len], by key;
 * NULL when the index has no literal (with Vectorscan: every rule is in
 * the scan, and fx_match never looks for literals), so that 0.8 MB of
 * empty buckets (~390 pages) is not made at start-up. */
static literal_buckets *bucket_literals(const fx_match_index *ix, size_t min_len, size_t max_len,
                                        unsigned (*key_of)(const unsigned char *))
{
    if (ix->literal_count == 0) return NULL;
    literal_buckets *b = fx_xcalloc(1, sizeof *b);
    b->ids = fx_xcalloc(ix->literal_count + 1, sizeof *b->ids);
    for (size_t id = 0; id < ix->literal_count; id++)
        if (ix->literal_length[id] >= min_len && ix->literal_length[id] <= max_len)
            b->start[key_of((const unsigned char *)ix->folded_literals[id]) + 1]++;
    for (size_t k = 1; k <= 65536; k++) b->start[k] += b->start[k - 1];
    uint32_t *fill = fx_xcalloc(65536, sizeof *fill);
    for (size_t id = 0; id < ix->literal_count; id++) {
        if (ix->literal_length[id] < min_len || ix->literal_length[id] > max_len) continue;
        unsigned key = key_of((const unsigned char *)ix->folded_literals[id]);
        b->ids[b->start[key] + fill[key]++] = (uint32_t)id;
        b->bits[key / 64] |= (uint64_t)1 << (key % 64);
    }
    free(fill);
    return b;
}

static void index_literals(fx_match_index *ix)
{
    ix->literal_windowed = fx_xcalloc(ix->literal_count + 1, 1);
    for (size_t r = 0; r < ix->rule_count; r++)
        if (is_windowed(ix, r))
            for (size_t k = 0; k < ix->rule_literal_count[r]; k++) ix->literal_windowed[ix->rule_literals[r][k]] = 1;
    ix->by_byte = bucket_literals(ix, 1, 1, byte_key);
    ix->by_pair = bucket_literals(ix, 2, 3, pair_key);
    ix->by_quad = bucket_literals(ix, 4, (size_t)-1, quad_key);
}

static void free_buckets(literal_buckets *b)
{
    if (!b) return;
    free(b->ids);
    free(b);
}

void fx_match_index_build(fx_context *ctx)
{
    const char *off = getenv("FACTX_NO_PREFILTER");
    if (off && *off && strcmp(off, "0") != 0) return;
    fx_match_index *ix = fx_xcalloc(1, sizeof *ix);
    ix->rule_count = ctx->rule_count;
    ix->rule_literals = fx_xcalloc(ctx->rule_count + 1, sizeof *ix->rule_literals);
    ix->rule_literal_count = fx_xcalloc(ctx->rule_count + 1, sizeof *ix->rule_literal_count);
    ix->split = fx_xcalloc(ctx->rule_count + 1, sizeof *ix->split);
    ix->lead = fx_xcalloc(ctx->rule_count + 1, sizeof *ix->lead);
    ix->spaces = fx_xcalloc(ctx->rule_count + 1, sizeof *ix->spaces);
    pthread_mutex_init(&ix->lock, NULL);
    const char *no_scan = getenv("FACTX_NO_VECTORSCAN");
    if (!no_scan || !*no_scan || strcmp(no_scan, "0") == 0) ix->scan = fx_scan_build(ctx);
    ix->scan_kind = fx_xcalloc(ctx->rule_count + 1, 1);
    ix->scan_whole = fx_xcalloc(ctx->rule_count + 1, 1);
    ix->runs = fx_xcalloc(ctx->rule_count + 1, sizeof *ix->runs);
    ix->has_run = fx_xcalloc(ctx->rule_count + 1, 1);
    ix->start_bits = fx_xcalloc(ctx->rule_count + 1, sizeof *ix->start_bits);
    ix->always_visited = fx_xcalloc(ctx->rule_count + 1, sizeof *ix->always_visited);
    for (size_t r = 0; r < ctx->rule_count; r++) {
        const fx_rule *rule = &ctx->rules[r];
        ix->scan_kind[r] = (unsigned char)fx_scan_rule_kind(ix->scan, r);
        ix->scan_whole[r] = (unsigned char)fx_scan_rule_whole(ix->scan, r);
        if (rule->code ? ix->scan_kind[r] == FX_SCAN_PCRE2_ONLY || ix->scan_kind[r] == FX_SCAN_WORDS : rule->list != NULL)
            ix->always_visited[ix->always_visited_count++] = (uint32_t)r;
        ix->lead[r] = ix->spaces[r] = FX_PREFILTER_UNBOUNDED;
        ix->split[r].k_offset = FX_PREFILTER_NO_K;
        atomic_init(&ix->split[r].state, SPLIT_NONE);
        if (!rule->code || !rule->expanded) continue;
        if (pcre2_pattern_info(rule->code, PCRE2_INFO_FIRSTBITMAP, &ix->start_bits[r]) != 0) ix->start_bits[r] = NULL;
        uint32_t options = 0;
        ix->has_run[r] = rule->group_count == 1 && pcre2_pattern_info(rule->code, PCRE2_INFO_ARGOPTIONS, &options) == 0 &&
                         fx_class_run_of(rule->expanded, options, &ix->runs[r]);
        /* searched in its scan's windows, or whole */
        if (ix->scan_kind[r] != FX_SCAN_PCRE2_ONLY && !ix->scan_whole[r]) continue;
        fx_prefilter f;
        fx_prefilter_build(rule->expanded, (rule->flags & FX_RULE_CASELESS) != 0,
                           fx_rules_table(ctx, FX_PREFILTER_COMMON_WORDS), &f);
        if (f.k_offset != FX_PREFILTER_NO_K) {
            ix->split[r].k_offset = f.k_offset;
            ix->split[r].prefix_max = f.k_prefix_max;
            atomic_init(&ix->split[r].state, SPLIT_PENDING);
        }
        /* With a scan, a rule it does not window is searched whole: the
         * scan already says whether its literals occur, and literals
         * it could not take (a single byte) are worth no pass of their own. */
        if (f.count == 0 || ix->scan) {
            fx_prefilter_free(&f);
            continue;
        }
        if (f.lead != FX_PREFILTER_UNBOUNDED) ix->lead[r] = f.lead;
        ix->spaces[r] = fx_prefilter_space_cut(&f);
        ix->rule_literals[r] = fx_xcalloc(f.count, sizeof **ix->rule_literals);
        ix->rule_literal_count[r] = f.count;
        for (size_t k = 0; k < f.count; k++) {
            size_t id = 0;
            while (id < ix->literal_count &&
                   (ix->literal_exact[id] != f.exact[k] || strcmp(ix->literals[id], f.literals[k]) != 0))
                id++;
            if (id == ix->literal_count) {
                ix->literals = fx_xrealloc(ix->literals, (id + 1) * sizeof *ix->literals);
                ix->folded_literals = fx_xrealloc(ix->folded_literals, (id + 1) * sizeof *ix->folded_literals);
                ix->literal_exact = fx_xrealloc(ix->literal_exact, (id + 1) * sizeof *ix->literal_exact);
                ix->literal_length = fx_xrealloc(ix->literal_length, (id + 1) * sizeof *ix->literal_length);
                ix->literals[id] = fx_xstrdup(f.literals[k]);
                ix->literal_length[id] = strlen(f.literals[k]);
                ix->folded_literals[id] = fx_xmalloc(ix->literal_length[id] + 1);
                fx_prefilter_fold(f.literals[k], ix->literal_length[id], ix->folded_literals[id]);
                ix->literal_exact[id] = f.exact[k];
                ix->literal_ends = fx_xrealloc(ix->literal_ends, 2 * (id + 1) * sizeof *ix->literal_ends);
                ix->literal_ends[2 * id] = ix->literal_ends[2 * id + 1] = 0;
                if (ix->literal_length[id] >= 8) {
                    memcpy(&ix->literal_ends[2 * id], ix->literals[id], 8);
                    memcpy(&ix->literal_ends[2 * id + 1], ix->literals[id] + ix->literal_length[id] - 8, 8);
                }
                ix->literal_count++;
            }
            ix->rule_literals[r][k] = id;
        }
        fx_prefilter_free(&f);
    }
    ix->member = fx_xcalloc(ctx->rule_count * ix->literal_count + 1, 1);
    for (size_t r = 0; r < ctx->rule_count; r++)
        for (size_t k = 0; k < ix->rule_literal_count[r]; k++)
            ix->member[r * ix->literal_count + ix->rule_literals[r][k]] = 1;
    index_literals(ix);
    ctx->match_index = ix;
}

void fx_match_index_free(fx_context *ctx)
{
    fx_match_index *ix = ctx->match_index;
    if (!ix) return;
    for (size_t i = 0; i < ix->literal_count; i++) {
        free(ix->literals[i]);
        free(ix->folded_literals[i]);
    }
    for (size_t r = 0; r < ix->rule_count; r++) {
        free(ix->rule_literals[r]);
        pcre2_code_free(ix->split[r].rest);
    }
    free(ix->split);
    pthread_mutex_destroy(&ix->lock);
    free(ix->literals);
    free(ix->folded_literals);
    free(ix->literal_exact);
    free(ix->literal_ends);
    free(ix->literal_windowed);
    free(ix->literal_length);
    free(ix->rule_literals);
    free(ix->rule_literal_count);
    free(ix->lead);
    free(ix->spaces);
    free(ix->scan_kind);
    free(ix->scan_whole);
    free(ix->always_visited);
    free(ix->runs);
    free(ix->has_run);
    free(ix->start_bits);
    free(ix->member);
    free_buckets(ix->by_byte);
    free_buckets(ix->by_pair);
    free_buckets(ix->by_quad);
    fx_scan_free(ix->scan);
    free(ix);
    ctx->match_index = NULL;
}

/* Can rule r match the document? Only "no" is certain: none of its
 * literals occurs (or the literal pass could not be used). */
static int may_match(const fx_match_index *ix, const fx_scratch *s, size_t r)
{
    size_t n = ix->rule_literal_count[r];
    if (n == 0 || s->occurrences_state < 0) return 1;
    for (size_t k = 0; k < n; k++)
        if (s->present[ix->rule_literals[r][k]]) return 1;
    return 0;
}

static void add_occurrence(fx_scratch *s, size_t at, uint32_t literal)
{
    if (s->occurrence_count == s->occurrence_capacity) {
        s->occurrence_capacity = s->occurrence_capacity ? 2 * s->occurrence_capacity : 256;
        s->occurrences = fx_xrealloc(s->occurrences, s->occurrence_capacity * sizeof *s->occurrences);
    }
    s->occurrences[s->occurrence_count++] = (occurrence){at, literal};
}

static inline int has_key(const literal_buckets *b, unsigned key) { return (b->bits[key / 64] >> (key % 64)) & 1; }

/* Is literal id at `at` (left bytes on)? Many literals share their first
 * four bytes ("between january and ", "between february and "), so
 * longer ones are told apart by their first and last eight bytes first. */
static int literal_at(const fx_match_index *ix, uint32_t id, const char *at, size_t left)
{
    size_t len = ix->literal_length[id];
    if (len > left) return 0;
    if (len < 8) return memcmp(at, ix->literals[id], len) == 0;
    uint64_t head, tail;
    memcpy(&head, at, 8);
    memcpy(&tail, at + len - 8, 8);
    if (head != ix->literal_ends[2 * id] || tail != ix->literal_ends[2 * id + 1]) return 0;
    return len <= 16 || memcmp(at + 8, ix->literals[id] + 8, len - 16) == 0;
}

/* The literals of bucket index b that occur at t + i (n - i bytes left). */
static void occurrences_at(const fx_match_index *ix, const literal_buckets *b, fx_scratch *s, const unsigned char *t,
                           size_t i, size_t n, unsigned key)
{
    for (uint32_t k = b->start[key]; k < b->start[key + 1]; k++) {
        uint32_t id = b->ids[k];
        const char *at = ix->literal_exact[id] ? s->text + i : (const char *)t + i;   /* same offsets */
        if (!literal_at(ix, id, at, n - i)) continue;
        s->present[id] = 1;
        if (ix->literal_windowed[id]) add_occurrence(s, i, id);
    }
}

/* Which literals occur, and where those of the windowed rules occur, in
 * one pass over the folded text. Its offsets are the text's unless
 * folding shortened it (a KELVIN SIGN or LONG S): then the literals are
 * not used for this document and every rule is scanned whole. */
static void find_occurrences(const fx_match_index *ix, fx_scratch *s, size_t text_len)
{
    s->occurrence_count = 0;
    memset(s->present, 0, ix->literal_count);
    s->occurrences_state = s->folded_len == text_len ? 1 : -1;
    if (s->occurrences_state < 0) return;
    const unsigned char *t = (const unsigned char *)s->folded;
    size_t n = s->folded_len;
    /* Few keys are in use (the quad keys are a hash), so at most positions
     * the three bit tests fail and nothing else is done. */
    for (size_t i = 0; i < n; i++) {
        if (has_key(ix->by_byte, t[i])) occurrences_at(ix, ix->by_byte, s, t, i, n, t[i]);
        if (n - i >= 2 && has_key(ix->by_pair, pair_key(t + i))) occurrences_at(ix, ix->by_pair, s, t, i, n, pair_key(t + i));
        if (n - i >= 4 && has_key(ix->by_quad, quad_key(t + i))) occurrences_at(ix, ix->by_quad, s, t, i, n, quad_key(t + i));
    }
}

/* The windows where rule r can start a match, sorted and merged, in
 * s->windows; returns their number, or (size_t)-1 when they cover half
 * the text or more (a plain scan is then as cheap). */
static size_t rule_windows(const fx_match_index *ix, fx_scratch *s, const fx_doc *doc, size_t r)
{
    const unsigned char *member = ix->member + r * ix->literal_count;
    size_t lead = ix->lead[r], spaces = ix->spaces[r], n = 0;
    for (size_t o = 0; o < s->occurrence_count; o++) {
        const occurrence *oc = &s->occurrences[o];
        if (!member[oc->literal]) continue;
        size_t from = oc->at > lead ? oc->at - lead : 0;
        if (spaces != FX_PREFILTER_UNBOUNDED) from = fx_prefilter_after_spaces(doc->text, oc->at, from, spaces);
        while (from > 0 && ((unsigned char)doc->text[from] & 0xC0) == 0x80) from--;   /* a character boundary */
        if (n == s->window_capacity) {
            s->window_capacity = s->window_capacity ? 2 * s->window_capacity : 64;
            s->windows = fx_xrealloc(s->windows, s->window_capacity * sizeof *s->windows);
        }
        /* insertion by `from`: occurrences come in text order, so only
         * nearby ones with longer literals are out of order */
        size_t k = n++;
        while (k > 0 && s->windows[k - 1].from > from) {
            s->windows[k] = s->windows[k - 1];
            k--;
        }
        s->windows[k] = (fx_window){from, oc->at};
    }
    size_t merged = 0, covered = 0;
    for (size_t k = 0; k < n; k++) {
        if (merged && s->windows[k].from <= s->windows[merged - 1].to + 1) {
            if (s->windows[k].to > s->windows[merged - 1].to) s->windows[merged - 1].to = s->windows[k].to;
        } else {
            s->windows[merged++] = s->windows[k];
        }
    }
    for (size_t k = 0; k < merged; k++) covered += s->windows[k].to - s->windows[k].from + 1;
    return 2 * covered >= doc->text_len ? (size_t)-1 : merged;
}

/* The document's Vectorscan scan (scan.h) into s->scan_state and the
 * scan's scratch, once: fx_match_span may make it first, for the dct. */
static void scan_document(const fx_match_index *ix, fx_scratch *s, const fx_doc *doc, int timing)
{
    if (s->scanned_doc == doc && s->scanned_text == doc->text && s->scanned_len == doc->text_len) return;
    if (!s->scan) s->scan = fx_scan_scratch_new(ix->scan);
    if (!s->known) {
        s->known_windows = fx_xcalloc(ix->rule_count + 1, sizeof *s->known_windows);
        s->known_count = fx_xcalloc(ix->rule_count + 1, sizeof *s->known_count);
        s->known = fx_xcalloc(ix->rule_count + 1, 1);
    }
    memset(s->known, 0, ix->rule_count);
    double t0 = timing ? fx_clock_seconds() : 0;
    s->scan_state = s->scan && fx_scan_document(ix->scan, s->scan, doc->text, doc->text_len) == 0 ? 1 : -1;
    if (timing) s->scan_seconds += fx_clock_seconds() - t0;
    s->scanned_doc = doc;
    s->scanned_text = doc->text;
    s->scanned_len = doc->text_len;
}

/* Rule r's windows from the document's scan (fx_scan_windows), asked
 * once: fx_match_span and fx_match both read those of the rules keyed on
 * their literals (kind, the rule's fx_scan_rule_kind). Inline: asked for
 * every rule of every document (56,000 a MB). */
static inline size_t scan_windows(fx_scratch *s, size_t r, fx_scan_kind kind, const fx_window **windows)
{
    if (kind != FX_SCAN_LITERALS) return fx_scan_windows(s->scan, r, windows);
    if (!s->known[r]) {
        s->known_count[r] = fx_scan_windows(s->scan, r, &s->known_windows[r]);
        s->known[r] = 1;
    }
    *windows = s->known_windows[r];
    return s->known_count[r];
}

/* One pattern rule over the document: skipped when none of its literals
 * occurs, searched in windows when it is windowed, else scanned whole. */
__attribute__((always_inline)) static inline void run_pattern_rule(fx_match_index *ix, fx_scratch *s, fx_doc *doc,
                                                                   const fx_rule *rule, size_t r)
{
    if (!ix) {
        match_pattern(rule, NULL, s, doc);
        return;
    }
    fx_scan_kind kind = (fx_scan_kind)ix->scan_kind[r];
    if (s->scan_state > 0 && kind != FX_SCAN_PCRE2_ONLY) {
        const fx_window *windows;
        size_t count = scan_windows(s, r, kind, &windows);
        if (count == 0) return;   /* it cannot match here */
        int whole = ix->scan_whole[r];
        if (s->rule_window_count && r < s->rule_count) s->rule_window_count[r] += whole ? 1 : count;
        if (whole)
            match_pattern(rule, split_of(ix, rule, r), s, doc);
        else
            match_windows(rule, ix->has_run[r] ? &ix->runs[r] : NULL, ix->start_bits[r], s, doc, windows, count);
        return;
    }
    if (!may_match(ix, s, r)) return;
    if (is_windowed(ix, r) && s->occurrences_state > 0) {
        size_t count = rule_windows(ix, s, doc, r);
        if (s->rule_window_count && r < s->rule_count) s->rule_window_count[r] += count != (size_t)-1 ? count : 1;
        if (count != (size_t)-1) {
            match_windows(rule, ix->has_run[r] ? &ix->runs[r] : NULL, ix->start_bits[r], s, doc, s->windows, count);
            return;
        }
        match_pattern(rule, split_of(ix, rule, r), s, doc);
        return;
    }
    match_pattern(rule, split_of(ix, rule, r), s, doc);
}

/* The rules fx_match visits in this document, ascending (the order
 * their candidates are added in), into s->visits: after a scan, the
 * rules it gave windows and ix->always_visited merged, as a rule of the
 * scan without a window cannot match (fx_scan_windows would find none):
 * some 44,500 of the 60,300 visits of pattern rules on the 1 MB sample
 * (450 documents, 134 rules) were such, each a call of fx_scan_windows
 * and some 60 instructions. Else every rule. */
static size_t rules_to_visit(const fx_context *ctx, const fx_match_index *ix, fx_scratch *s)
{
    if (!s->visits) {
        s->visits = fx_xcalloc(ctx->rule_count + 1, sizeof *s->visits);
        s->windowed_rules = fx_xcalloc(ctx->rule_count + 1, sizeof *s->windowed_rules);
    }
    uint32_t *out = s->visits;
    if (!ix || s->scan_state <= 0) {
        for (size_t r = 0; r < ctx->rule_count; r++) out[r] = (uint32_t)r;
        return ctx->rule_count;
    }
    size_t windowed = fx_scan_rules_with_windows(s->scan, s->windowed_rules), n = 0, a = 0, w = 0;
    while (a < ix->always_visited_count || w < windowed) {
        uint32_t next_always = a < ix->always_visited_count ? ix->always_visited[a] : UINT32_MAX;
        uint32_t next_windowed = w < windowed ? s->windowed_rules[w] : UINT32_MAX;
        uint32_t r = next_always < next_windowed ? next_always : next_windowed;
        a += next_always == r;      /* (a rule in both lists, were there one, once) */
        w += next_windowed == r;
        out[n++] = r;
    }
    return n;
}

/* Rule r over the document. Inline, with run_pattern_rule, in each of
 * its two callers: out of line, a call cost ~20 instructions a visit. */
__attribute__((always_inline)) static inline void visit(const fx_context *ctx, fx_match_index *ix, fx_scratch *s,
                                                        fx_doc *doc, const fx_rule *rule, size_t r)
{
    if (rule->code) {
        run_pattern_rule(ix, s, doc, rule, r);
    } else if (rule->list) {
        match_list(ctx, rule, s, doc);
    }
}

/* visit, its time and candidates counted (--profile): out of line, so
 * that the untimed visits (~15,000 a MB) carry none of it */
static void visit_timed(const fx_context *ctx, fx_match_index *ix, fx_scratch *s, fx_doc *doc, const fx_rule *rule,
                        size_t r)
{
    double t0 = fx_clock_seconds();
    size_t before = doc->candidate_count;
    visit(ctx, ix, s, doc, rule, r);
    s->rule_seconds[r] += fx_clock_seconds() - t0;
    s->rule_candidates[r] += doc->candidate_count - before;
}

void fx_match(const struct fx_context *ctx, fx_scratch *scratch, fx_doc *doc)
{
    int timing = scratch->rule_seconds && scratch->rule_count == ctx->rule_count;
    fx_match_index *ix = ctx->match_index;
    scratch->list_starts_ready = 0;
    if (ix && ix->rule_count == ctx->rule_count) {
        if (ix->scan) {
            scan_document(ix, scratch, doc, timing);
        } else {
            scratch->scan_state = 0;
        }
        if (ix->literal_count == 0) {   /* every rule with literals is in the scan */
            scratch->occurrences_state = -1;
            goto rules;
        }
        if (scratch->literal_count < ix->literal_count || !scratch->present) {
            free(scratch->present);
            scratch->present = fx_xcalloc(ix->literal_count + 1, 1);
            scratch->literal_count = ix->literal_count;
        }
        if (scratch->folded_capacity < doc->text_len + 1) {
            free(scratch->folded);
            scratch->folded_capacity = doc->text_len + 1 > 65536 ? doc->text_len + 1 : 65536;
            scratch->folded = fx_xmalloc(scratch->folded_capacity);
        }
        scratch->folded_len = fx_prefilter_fold(doc->text, doc->text_len, scratch->folded);
        scratch->text = doc->text;
        double t0 = timing ? fx_clock_seconds() : 0;
        find_occurrences(ix, scratch, doc->text_len);
        if (timing) scratch->literal_pass_seconds += fx_clock_seconds() - t0;
    } else {
        ix = NULL;
    }
rules:;
    size_t visit_count = rules_to_visit(ctx, ix, scratch);
    /* the types searched in this document, type none's always */
    unsigned types = doc->types | 1u << FX_TYPE_NONE;
    for (size_t v = 0; v < visit_count; v++) {
        size_t r = scratch->visits[v];
        const fx_rule *rule = &ctx->rules[r];
        if (!(types >> rule->type & 1)) continue;
        if (timing) {
            visit_timed(ctx, ix, scratch, doc, rule, r);
        } else {
            visit(ctx, ix, scratch, doc, rule, r);
        }
    }
    fx_scan_scratch_trim(scratch->scan);   /* not kept through resolve and emit */
    scratch->scanned_doc = NULL;           /* the next document is scanned again */
}

size_t fx_match_span(const struct fx_context *ctx, fx_scratch *scratch, fx_doc *doc,
                     int (*wanted)(const fx_rule *rule), size_t from, size_t to, fx_candidate *out, size_t max)
{
    size_t found = 0;
    if (to > doc->text_len) to = doc->text_len;
    /* the rules wanted, asked once: a caller asks for a few lines of each document */
    if (scratch->span_wanted != wanted || scratch->span_ctx != ctx) {
        free(scratch->span_rules);
        scratch->span_rules = fx_xcalloc(ctx->rule_count + 1, sizeof *scratch->span_rules);
        scratch->span_rule_count = 0;
        for (size_t r = 0; r < ctx->rule_count; r++)
            if (ctx->rules[r].code && wanted(&ctx->rules[r])) scratch->span_rules[scratch->span_rule_count++] = r;
        scratch->span_wanted = wanted;
        scratch->span_ctx = ctx;
    }
    /* The document's scan, made now if fx_match has not made it yet (it
     * then uses this one), gives a rule keyed on its literals (scan.h
     * LITERALS) the windows where its attempts can start: a match in the
     * text cut at `to` holds one of its literals inside the cut, so the
     * scan of the whole text reports it and its window holds the start.
     * (Other kinds are reported at a match's end in the whole text, which
     * the cut can change.) */
    const fx_match_index *ix = ctx->match_index;
    int scanned = 0;
    if (ix && ix->scan && ix->rule_count == ctx->rule_count && from < to) {
        scan_document(ix, scratch, doc, scratch->rule_seconds && scratch->rule_count == ctx->rule_count);
        scanned = scratch->scan_state > 0;
    }
    for (size_t k = 0; k < scratch->span_rule_count && found < max; k++) {
        size_t r = scratch->span_rules[k];
        const fx_rule *rule = &ctx->rules[r];
        const fx_window *windows = NULL;
        size_t window_count = 0, w = 0;
        if (scanned && ix->scan_kind[r] == FX_SCAN_LITERALS) {
            window_count = scan_windows(scratch, r, FX_SCAN_LITERALS, &windows);
            if (window_count == 0) continue;    /* none of its literals in the text */
            if (ix->scan_whole[r]) windows = NULL;   /* searched whole where they occur */
        }
        size_t offset = from;
        while (offset < to && found < max) {
            int rc;
            if (windows) {  /* the next window's starts that lie in the span, the text still cut at `to` */
                while (w < window_count && windows[w].to < offset) w++;
                if (w == window_count || windows[w].from >= to) break;
                if (offset < windows[w].from) offset = windows[w].from;
                size_t limit = windows[w].to < to ? windows[w].to : to;
                pcre2_set_offset_limit(scratch->limited_context, limit);
                rc = search_rule(rule, scratch, doc->text, to, offset, limit, scratch->limited_context);
                if (rc == PCRE2_ERROR_NOMATCH) {
                    offset = limit + 1;
                    continue;
                }
            } else {
                rc = search_rule(rule, scratch, doc->text, to, offset, to, scratch->match_context);
            }
            if (rc < 0) break;      /* no match, or a limit: a window this small loses nothing else */
            const PCRE2_SIZE *ov = scratch->ovector;
            if (ov[1] <= ov[0]) {
                offset = next_char(doc->text, to, ov[1] > offset ? ov[1] : offset);
                continue;
            }
            fx_candidate *c = &out[found++];
            c->rule = rule;
            c->start = ov[0];
            c->end = ov[1];
            c->entry = NULL;
            c->rejected = NULL;
            c->group_count = rule->group_count;
            c->groups = fx_arena_alloc(&doc->arena, 2 * rule->group_count * sizeof *c->groups);
            for (size_t g = 0; g < rule->group_count; g++) {
                int set = g < (size_t)rc && ov[2 * g] != PCRE2_UNSET;
                c->groups[2 * g] = set ? ov[2 * g] : FX_UNSET;
                c->groups[2 * g + 1] = set ? ov[2 * g + 1] : FX_UNSET;
            }
            offset = ov[1];
        }
    }
    return found;
}

long fx_fact_group(const fx_doc *doc, const fx_fact *fact, const char *name, const char **text)
{
    const fx_candidate *c = fact->candidate;
    const fx_rule *rule = c->rule;
    for (size_t g = 0; g < c->group_count; g++) {
        const char *group = rule->group_names[g];
        if (!group || group[0] != name[0] || strcmp(group, name) != 0) continue;
        if (c->groups[2 * g] == FX_UNSET) continue;     /* a duplicate name may be set */
        *text = doc->text + c->groups[2 * g];
        return (long)(c->groups[2 * g + 1] - c->groups[2 * g]);
    }
    return -1;
}
