/* rules_expand.c - {NAME} in a pattern: a define's body, or a table's keys
 * as a trie. See rules_impl.h. */
#include "rules_impl.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

enum { MAX_EXPANSION = 1 << 20 };

static const fx_define *find_define(const fx_context *ctx, const char *name, size_t len)
{
    for (size_t i = 0; i < ctx->define_count; i++)
        if (strlen(ctx->defines[i].name) == len && memcmp(ctx->defines[i].name, name, len) == 0)
            return &ctx->defines[i];
    return NULL;
}

static void append(expansion *e, const char *s, size_t n, source_pos at)
{
    if (e->len + n + 1 > e->cap) {
        while (e->len + n + 1 > e->cap) e->cap = e->cap ? e->cap * 2 : 256;
        e->out = fx_xrealloc(e->out, e->cap);
        if (e->pos) e->pos = fx_xrealloc(e->pos, e->cap * sizeof *e->pos);
    }
    memcpy(e->out + e->len, s, n);
    if (e->pos)
        for (size_t i = 0; i < n; i++) e->pos[e->len + i] = at;
    e->len += n;
    e->out[e->len] = '\0';
}

/* Keys of a table as a regex that matches exactly what the alternation of
 * the keys, longest first, matches, and tries them in the same order.
 *
 * The keys are written as a trie over code points: "(?:A(?:cademy|gency)|
 * Bank)" instead of "(?:Academy|Agency|Bank)". PCRE2 tries the branches of
 * an alternation one after another, so a 300-key table costs 300 failed
 * comparisons at every position it is tried; the trie costs one per
 * level. The keys that can match at one position are then prefixes of one
 * another, so they lie on one path of the trie, where a node's children
 * come before its own end ("(?:...|)"): the longest is tried first and
 * backtracking gives the next shorter, as in the flat list. Under
 * PCRE2_CASELESS that holds only when no node has two children that are
 * case variants of each other ("Co"/"CO"); such a table is written flat. */
static int by_length_desc(const void *a, const void *b)
{
    size_t la = strlen(*(char *const *)a), lb = strlen(*(char *const *)b);
    if (la != lb) return la < lb ? 1 : -1;
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int by_bytes(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void append_key_char(expansion *e, const char *c, size_t n, source_pos at)
{
    if (n == 1 && strchr("\\^$.|?*+()[]{}/", *c)) append(e, "\\", 1, at);
    append(e, c, n, at);
}

/* Bytes of the UTF-8 character at s (1 for a stray byte). */
static size_t char_length(const char *s)
{
    int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s, -1, &cp);
    return n > 0 ? (size_t)n : 1;
}

static int32_t char_at(const char *s)
{
    int32_t cp;
    return utf8proc_iterate((const utf8proc_uint8_t *)s, -1, &cp) > 0 ? cp : -1;
}

static int case_variants(int32_t a, int32_t b)
{
    return a != b && (utf8proc_tolower(a) == utf8proc_tolower(b) || utf8proc_toupper(a) == utf8proc_toupper(b));
}

static int append_trie(expansion *e, const char **keys, size_t n, size_t depth, int exact_case, source_pos at);

/* A root with more children than this has them in two halves, each
 * behind a look-ahead for its children's first characters, split again
 * while larger: "(?:(?=[A-M])(?:A...|M...)|(?=[N-Z])(?:N...|Z...))". A
 * look-ahead of a class is one test, where each branch before the one
 * that matches fails on its own: the root is tried at every position the
 * table is, and most tries fail there (26 first letters cost 13 failed
 * branches on average, 26 when none matches; split, two tests and 6).
 * DATE_MODIFIERS' 13 first letters, caseless, are tried at most starts
 * of the date rules. Only one child can match a character, and a half's
 * look-ahead lets only its children's through, so the branches that
 * match are tried in the same order. Only the root: a deeper node is
 * reached after its first characters matched, and its splits cost
 * pattern size for less (BENCHMARKS.md); so does a lower fan-out
 * (org.head_word compiles to 64,170 bytes of PCRE2's 65,535 with 12, and
 * does not compile with 10). */
enum { ROOT_FANOUT = 12 };

/* The children starts[lo..hi) of a node `depth` bytes into the keys
 * (keys[starts[k]..starts[k + 1]) share their next character), as
 * alternatives. */
static int append_children(expansion *e, const char **keys, const size_t *starts, size_t lo, size_t hi,
                           size_t depth, int exact_case, source_pos at)
{
    int ok = 1;
    if (depth == 0 && hi - lo > ROOT_FANOUT) {
        size_t half[3] = {lo, lo + (hi - lo) / 2, hi};
        for (int h = 0; h < 2 && ok; h++) {
            if (h) append(e, "|", 1, at);
            append(e, "(?=[", 4, at);
            for (size_t k = half[h]; k < half[h + 1]; k++) {
                char c[16];   /* escaped as a code point: any character is safe in a class */
                int n = snprintf(c, sizeof c, "\\x{%X}", (unsigned)char_at(keys[starts[k]] + depth));
                append(e, c, (size_t)n, at);
            }
            append(e, "])(?:", 5, at);
            ok = append_children(e, keys, starts, half[h], half[h + 1], depth, exact_case, at);
            append(e, ")", 1, at);
        }
        return ok;
    }
    for (size_t k = lo; k < hi && ok; k++) {
        const char *c = keys[starts[k]] + depth;
        size_t cl = char_length(c);
        if (k > lo) append(e, "|", 1, at);
        append_key_char(e, c, cl, at);
        ok = append_trie(e, keys + starts[k], starts[k + 1] - starts[k], depth + cl, exact_case, at);
    }
    return ok;
}

/* keys[0..n), sorted bytewise, share their first `depth` bytes: append
 * the trie below that point. Returns 0 when two children of a node are
 * case variants and the trie may be matched caselessly (exact_case 0;
 * the caller then writes the table flat). */
static int append_trie(expansion *e, const char **keys, size_t n, size_t depth, int exact_case, source_pos at)
{
    size_t first = keys[0][depth] == '\0';   /* sorted: a key that ends here comes first */
    /* the children: runs of keys with the same next character */
    size_t *starts = fx_xmalloc((n + 1) * sizeof *starts), groups = 0;
    for (size_t g = first; g < n; groups++) {
        starts[groups] = g;
        size_t cl = char_length(keys[g] + depth);
        int32_t cp = char_at(keys[g] + depth);
        for (size_t o = 0; o < groups && !exact_case; o++)
            if (case_variants(char_at(keys[starts[o]] + depth), cp)) {
                free(starts);
                return 0;
            }
        while (g < n && strncmp(keys[g] + depth, keys[starts[groups]] + depth, cl) == 0) g++;
    }
    starts[groups] = n;
    int wrap = groups > 1 || (first && groups);
    if (wrap) append(e, "(?:", 3, at);
    int ok = append_children(e, keys, starts, 0, groups, depth, exact_case, at);
    if (wrap && first) append(e, "|", 1, at);   /* the key ending here: after the longer ones */
    if (wrap) append(e, ")", 1, at);
    free(starts);
    return ok;
}

/* exact_case: the regex is matched case-sensitively only (then a trie
 * even when keys differ only in case: no two of its paths match at once).
 * 1 when written as a trie, 0 when flat. */
static int table_regex(expansion *e, const fx_table *t, int exact_case, source_pos at)
{
    const char **keys = fx_xmalloc((t->row_count ? t->row_count : 1) * sizeof *keys);
    size_t n = 0;
    for (size_t r = 0; r < t->row_count; r++) {
        const char *k = t->rows[r].key;
        if (fx_table_find(t, k, t->rows[r].key_length) == &t->rows[r]) keys[n++] = k;   /* once per key */
    }
    append(e, "(?:", 3, at);
    if (n) {
        qsort(keys, n, sizeof *keys, by_bytes);
        if (append_trie(e, keys, n, 0, exact_case, at)) {
            append(e, ")", 1, at);
            free(keys);
            return 1;
        }
        e->len = 3;   /* case variants: the flat alternation */
    }
    qsort(keys, n, sizeof *keys, by_length_desc);
    for (size_t i = 0; i < n; i++) {
        if (i) append(e, "|", 1, at);
        for (const char *c = keys[i]; *c; c++) append_key_char(e, c, 1, at);
    }
    append(e, ")", 1, at);
    free(keys);
    return 0;
}

size_t fx_pattern_class_end(const char *p, size_t n, size_t i)
{
    i++;
    if (i < n && p[i] == '^') i++;
    if (i < n && p[i] == ']') i++;
    while (i < n && p[i] != ']') {
        if (p[i] == '\\') {
            i += 2;
        } else if (p[i] == '[' && i + 1 < n && p[i + 1] == ':') {
            const char *close = memmem(p + i + 2, n - i - 2, ":]", 2);
            if (!close) return 0;
            i = (size_t)(close - p) + 2;
        } else {
            i++;
        }
    }
    return i < n ? i + 1 : 0;
}

int fx_pattern_class_ascii(const char *p, size_t n, uint32_t options, uint64_t ascii[2])
{
    int error;
    PCRE2_SIZE at;
    pcre2_code *code = pcre2_compile((PCRE2_SPTR)p, n, options & ~(uint32_t)PCRE2_USE_OFFSET_LIMIT, &error, &at, NULL);
    pcre2_match_data *md = code ? pcre2_match_data_create_from_pattern(code, NULL) : NULL;
    ascii[0] = ascii[1] = 0;
    for (unsigned c = 0; md && c < 128; c++) {
        unsigned char byte = (unsigned char)c;
        if (pcre2_match(code, &byte, 1, 0, PCRE2_ANCHORED, md, NULL) >= 0) ascii[c / 64] |= (uint64_t)1 << (c % 64);
    }
    int ok = md != NULL;
    pcre2_match_data_free(md);
    pcre2_code_free(code);
    return ok;
}

/* Is the end of the expansion so far in a caseless part (1), a
 * case-sensitive one (0), or is that not known (-1: \\Q, extended
 * syntax, unbalanced)? Read on from where the last call stopped (a
 * reference falls between items: not in a class or an escape). Groups
 * restore the mode they began with; (?i) sets it to the end of its
 * group, (?i:...) inside. */
static int caseless_at_end(expansion *e)
{
    struct case_mode *m = &e->mode;
    const char *p = e->out;
    size_t n = e->len, i = m->read;
    if (i == 0) m->caseless = e->rule_caseless;
    for (; i < n && !m->unknown; i++) {
        if (p[i] == '\\') {
            if (i + 1 < n && (p[i + 1] == 'Q' || p[i + 1] == 'E')) m->unknown = 1;
            i++;
        } else if (p[i] == '[') {
            size_t end = fx_pattern_class_end(p, n, i);
            if (end) i = end - 1;
            else m->unknown = 1;   /* open here: a reference inside a class */
        } else if (p[i] == ')') {
            if (m->depth == 0) m->unknown = 1;
            else m->caseless = m->outer[--m->depth];
        } else if (p[i] == '(') {
            if (m->depth == sizeof m->outer) {
                m->unknown = 1;
                break;
            }
            if (i + 2 < n && p[i + 1] == '?' && p[i + 2] == '#') {   /* a comment */
                while (i < n && p[i] != ')') i++;
                continue;
            }
            m->outer[m->depth++] = (unsigned char)m->caseless;
            if (i + 1 >= n || p[i + 1] != '?') continue;
            size_t j = i + 2;
            int on = 1, mode = m->caseless;
            for (; j < n && strchr("imnsxJU-^", p[j]); j++) {
                if (p[j] == 'x') m->unknown = 1;   /* extended: not read here */
                if (p[j] == '-') on = 0;
                else if (p[j] == '^') mode = 0;
                else if (p[j] == 'i') mode = on;
            }
            if (j < n && p[j] == ':') m->caseless = mode;   /* (?i:...) */
            else if (j < n && p[j] == ')' && j > i + 2) {   /* (?i): to the end of the enclosing group */
                m->depth--;
                m->caseless = mode;
                i = j;
            }
        }
    }
    m->read = i < n ? i : n;
    return m->unknown ? -1 : m->caseless;
}

/* The table's keys as a regex, built on its first use (tables are often
 * expanded in many rules: the organisation words in every org rule). A
 * table whose keys differ only in case ("EUR", "Eur") has it flat, and a
 * trie where the pattern so far leaves a case-sensitive part (built on
 * the first such use): there PCRE2 tries one comparison per level, not
 * one per key. */
/* table_regex's text, kept in the context's arena; *trie set as it returns. */
static char *built_table_regex(fx_context *ctx, const fx_table *t, int exact_case, source_pos at, int *trie)
{
    expansion built = {0};
    *trie = table_regex(&built, t, exact_case, at);
    char *regex = fx_arena_strndup(&ctx->arena, built.out, built.len);
    free(built.out);
    return regex;
}

static void append_table_alternation(fx_context *ctx, expansion *e, fx_table *t, source_pos at)
{
    int trie;
    if (!t->regex) {
        t->regex = built_table_regex(ctx, t, 0, at, &trie);
        t->regex_exact_case = trie ? t->regex : NULL;
    }
    const char *regex = t->regex;
    if (t->regex != t->regex_exact_case && e->rule_pattern && caseless_at_end(e) == 0) {
        if (!t->regex_exact_case) t->regex_exact_case = built_table_regex(ctx, t, 1, at, &trie);
        regex = t->regex_exact_case;
    }
    append(e, regex, strlen(regex), at);
}

void fx_rules_expand(fx_context *ctx, expansion *e, const char *s, size_t n, const source_pos *pos,
                     source_pos here, int depth)
{
    if (depth > 32) {
        e->error = "sub-pattern references nest too deeply (recursive define?)";
        return;
    }
    for (size_t i = 0; i < n && !e->error; i++) {
        source_pos at = pos ? pos[i] : here;
        if (s[i] == '\\' && i + 1 < n) {
            /* an escape, with its braces when it has them: \p{L}, \x{20AC} */
            size_t j = i + 2;
            if (j < n && s[j] == '{' && strchr("pPxoNgk", s[i + 1])) {
                while (j < n && s[j] != '}') j++;
                if (j < n) j++;
            }
            append(e, s + i, j - i, at);
            i = j - 1;
            continue;
        }
        if (s[i] == '{' && i + 1 < n && fx_rules_is_name_char(s[i + 1], 1)) {
            size_t j = i + 1;
            while (j < n && fx_rules_is_name_char(s[j], 0)) j++;
            if (j < n && s[j] == '}') {
                const char *name = s + i + 1;
                size_t nl = j - i - 1;
                fx_define *d = (fx_define *)find_define(ctx, name, nl);
                fx_table *t = d ? NULL : fx_rules_named_table(ctx, name, nl);
                if (!d && !t) {
                    e->error = "unknown sub-pattern";
                    snprintf(e->error_name, sizeof e->error_name, "%.*s", (int)(nl < 119 ? nl : 119), name);
                    return;
                }
                if (d) {
                    d->used = 1;
                    append(e, "(?:", 3, at);
                    fx_rules_expand(ctx, e, d->body, strlen(d->body), NULL, at, depth + 1);
                    append(e, ")", 1, at);
                    if (e->error && !e->error_name[0])
                        snprintf(e->error_name, sizeof e->error_name, "%s", d->name);
                } else {
                    append_table_alternation(ctx, e, t, at);
                }
                if (e->len > MAX_EXPANSION) {
                    e->error = "pattern grows past 1 MiB when sub-patterns are expanded";
                    return;
                }
                i = j;
                continue;
            }
        }
        append(e, s + i, 1, at);
    }
}
