/* scan.c - see scan.h. */
#include "scan.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "digits.h"
#include "prefilter.h"
#include "rules.h"

const char *const fx_scan_kind_names[FX_SCAN_KIND_COUNT] = {"pcre2-only", "exact", "superset", "prefilter",
                                                             "literals",   "prefix", "ahead",    "words"};

/* ---- the pattern as Vectorscan reads it ---- */

typedef struct text_out {
    char *s;
    size_t len, cap;
} text_out;

static void put(text_out *o, const char *s, size_t n)
{
    if (o->len + n + 1 > o->cap) {
        o->cap = 2 * (o->len + n + 1) + 64;
        o->s = fx_xrealloc(o->s, o->cap);
    }
    memcpy(o->s + o->len, s, n);
    o->len += n;
    o->s[o->len] = '\0';
}

static void puts_(text_out *o, const char *s) { put(o, s, strlen(s)); }

typedef struct named_group {
    const char *name;
    size_t name_len;
    size_t body_from, body_to;      /* pattern[body_from..body_to): between the name and ')' */
} named_group;

typedef struct translator {
    const char *p;
    size_t n;
    named_group *groups;
    size_t group_count;
    int superset;
    int failed;
    size_t skip_from, skip_to;      /* p[skip_from..skip_to): the look-behind written as the head */
    text_out out;
} translator;

#define BAD ((size_t)-1)

static int is_ascii_letter(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
static int is_ascii_alnum(unsigned char c) { return fx_is_digit((char)c) || is_ascii_letter(c); }

/* Index after the escape at p[i] == '\\': \x{...}, \p{...}, \o{...}, \cX,
 * and a multi-byte character after the backslash. */
static size_t escape_end(const char *p, size_t n, size_t i)
{
    if (i + 1 >= n) return BAD;
    char e = p[i + 1];
    if ((e == 'x' || e == 'p' || e == 'P' || e == 'o') && i + 2 < n && p[i + 2] == '{') {
        const char *close = memchr(p + i + 2, '}', n - i - 2);
        return close ? (size_t)(close - p) + 1 : BAD;
    }
    if (e == 'x') {   /* \xhh: up to two hex digits */
        size_t j = i + 2;
        while (j < n && j < i + 4 && strchr("0123456789abcdefABCDEF", p[j]) && p[j]) j++;
        return j;
    }
    if (e == 'p' || e == 'P' || e == 'c') return i + 3 <= n ? i + 3 : BAD;
    size_t j = i + 2;
    while (j < n && ((unsigned char)p[j] & 0xC0) == 0x80) j++;   /* the rest of a UTF-8 character */
    return j;
}

/* Index after the character class that opens at p[i] == '[' (rules.h's
 * one reader of classes), BAD when it does not close. */
static size_t class_end(const char *p, size_t n, size_t i)
{
    size_t end = fx_pattern_class_end(p, n, i);
    return end ? end : BAD;
}

/* Index after the group that opens at p[i] == '(' (its ')'). */
static size_t group_end(const char *p, size_t n, size_t i)
{
    size_t depth = 0, j = i;
    while (j < n) {
        if (p[j] == '\\') {
            j = escape_end(p, n, j);
        } else if (p[j] == '[') {
            j = class_end(p, n, j);
        } else if (p[j] == '(' && j + 2 < n && p[j + 1] == '?' && p[j + 2] == '#') {
            const char *close = memchr(p + j, ')', n - j);
            j = close ? (size_t)(close - p) + 1 : BAD;
        } else {
            if (p[j] == '(') depth++;
            if (p[j] == ')' && --depth == 0) return j + 1;
            j++;
        }
        if (j == BAD) return BAD;
    }
    return BAD;
}

/* Index after a quantifier at p[i] without its lazy or possessive mark,
 * or i when none starts there. */
static size_t quantifier_end(const char *p, size_t n, size_t i)
{
    if (i >= n) return i;
    if (p[i] == '*' || p[i] == '+' || p[i] == '?') return i + 1;
    if (p[i] != '{') return i;
    size_t j = i + 1, digits = 0;
    while (j < n && fx_is_digit(p[j])) j++, digits++;
    if (j < n && p[j] == ',') {
        j++;
        while (j < n && fx_is_digit(p[j])) j++, digits++;
    }
    return digits && j < n && p[j] == '}' ? j + 1 : i;
}

/* Index after a quantifier (with its mark) that follows what was taken out. */
static size_t skip_quantifier(const char *p, size_t n, size_t i)
{
    size_t j = quantifier_end(p, n, i);
    if (j != i && j < n && (p[j] == '?' || p[j] == '+')) j++;
    return j;
}

/* The name of a group opening at p[i] ("(?<name>", "(?P<name>", "(?'name'"):
 * *name, *len, and the index after the name's closing mark; BAD if none. */
static size_t group_name(const char *p, size_t n, size_t i, const char **name, size_t *len)
{
    size_t j = i + 2;
    if (j < n && p[j] == 'P') j++;
    if (j >= n || (p[j] != '<' && p[j] != '\'')) return BAD;
    char close = p[j] == '<' ? '>' : '\'';
    if (j + 1 < n && p[j] == '<' && (p[j + 1] == '=' || p[j + 1] == '!')) return BAD;   /* a lookbehind */
    size_t from = ++j;
    while (j < n && p[j] != close) j++;
    if (j >= n || j == from) return BAD;
    *name = p + from;
    *len = j - from;
    return j + 1;
}

static void find_named_groups(translator *t)
{
    for (size_t i = 0; i < t->n && !t->failed;) {
        if (t->p[i] == '\\') {
            i = escape_end(t->p, t->n, i);
        } else if (t->p[i] == '[') {
            i = class_end(t->p, t->n, i);
        } else {
            const char *name;
            size_t len, body;
            if (t->p[i] == '(' && i + 1 < t->n && t->p[i + 1] == '?' &&
                (body = group_name(t->p, t->n, i, &name, &len)) != BAD) {
                size_t end = group_end(t->p, t->n, i);
                if (end == BAD) {
                    t->failed = 1;
                    return;
                }
                t->groups = fx_xrealloc(t->groups, (t->group_count + 1) * sizeof *t->groups);
                t->groups[t->group_count++] = (named_group){name, len, body, end - 1};
            }
            i++;
        }
        if (i == BAD) t->failed = 1;
    }
}

static void translate_range(translator *t, size_t from, size_t to, int depth);

/* The Unicode properties rules use, as ASCII ranges plus every non-ASCII
 * character: a superset that Vectorscan compiles to a small automaton
 * (\p{L} in UTF-8 is thousands of byte sequences; with repeats, patterns
 * grow past its limits). Marks are all non-ASCII. */
static const struct {
    const char *property, *ranges, *ascii;      /* ascii: the part of ranges below 0x80 */
} widened[] = {
    {"\\p{L}", "A-Za-z\\x{80}-\\x{10FFFF}", "A-Za-z"},
    {"\\p{Lu}", "A-Z\\x{80}-\\x{10FFFF}", "A-Z"},
    {"\\p{Ll}", "a-z\\x{80}-\\x{10FFFF}", "a-z"},
    {"\\p{M}", "\\x{80}-\\x{10FFFF}", ""},
};

/* The row of widened for the property escape p[i..end), or -1. */
static int widened_row(const char *p, size_t i, size_t end)
{
    for (size_t k = 0; k < sizeof widened / sizeof *widened; k++)
        if (strlen(widened[k].property) == end - i && memcmp(p + i, widened[k].property, end - i) == 0)
            return (int)k;
    return -1;
}

/* The ranges standing for the property escape p[i..end), or NULL. */
static const char *widen(const char *p, size_t i, size_t end)
{
    int k = widened_row(p, i, end);
    return k < 0 ? NULL : widened[k].ranges;
}

/* A character class: copied, with the properties of a class that is not
 * negated widened (in a negated one they stay, which is exact). */
static size_t translate_class(translator *t, size_t i, size_t to)
{
    size_t end = class_end(t->p, to, i);
    if (end == BAD) return BAD;
    if (t->p[i + 1] == '^') {
        put(&t->out, t->p + i, end - i);
        return end;
    }
    for (size_t j = i; j < end;) {
        const char *ranges;
        size_t k = t->p[j] == '\\' ? escape_end(t->p, end, j) : j + 1;
        if (t->p[j] == '\\' && (ranges = widen(t->p, j, k)) != NULL) {
            puts_(&t->out, ranges);
            t->superset = 1;
        } else if (t->p[j] == '[' && j > i && j + 1 < end && t->p[j + 1] == ':') {
            k = (size_t)(strstr(t->p + j + 2, ":]") - t->p) + 2;   /* [:alpha:], checked by class_end */
            put(&t->out, t->p + j, k - j);
        } else {
            put(&t->out, t->p + j, k - j);
        }
        j = k;
    }
    return end;
}

/* (?&name) or (?P>name): the group's body, written out. */
static void inline_call(translator *t, const char *name, size_t len, int depth)
{
    for (size_t g = 0; g < t->group_count; g++) {
        if (t->groups[g].name_len != len || memcmp(t->groups[g].name, name, len) != 0) continue;
        if (depth >= 8) break;   /* recursion: no finite pattern */
        puts_(&t->out, "(?:");
        translate_range(t, t->groups[g].body_from, t->groups[g].body_to, depth + 1);
        puts_(&t->out, ")");
        return;
    }
    t->failed = 1;
}

/* A group opening at p[i] == '('; returns the index to go on from. */
static size_t translate_group(translator *t, size_t i, int depth)
{
    const char *p = t->p;
    size_t n = t->n;
    if (i + 1 < n && p[i + 1] == '*') return BAD;                     /* (*VERB) */
    if (i + 1 >= n || p[i + 1] != '?') {
        puts_(&t->out, "(?:");                                         /* captures do not matter here */
        return i + 1;
    }
    size_t q = i + 2;
    if (q >= n) return BAD;
    const char *name;
    size_t len, after;
    switch (p[q]) {
    case '#': {
        const char *close = memchr(p + q, ')', n - q);
        return close ? (size_t)(close - p) + 1 : BAD;
    }
    case ':':
    case '|':                                                          /* branch reset: numbering only */
        puts_(&t->out, "(?:");
        return q + 1;
    case '>':                                                          /* atomic: may match more without */
        t->superset = 1;
        puts_(&t->out, "(?:");
        return q + 1;
    case '=':
    case '!':
        t->superset = 1;
        after = group_end(p, n, i);
        return after == BAD ? BAD : skip_quantifier(p, n, after);
    case '&': {
        const char *close = memchr(p + q, ')', n - q);
        if (!close) return BAD;
        inline_call(t, p + q + 1, (size_t)(close - p) - q - 1, depth);
        return (size_t)(close - p) + 1;
    }
    case '(':
        if (strncmp(p + q, "(DEFINE)", 8) == 0) return group_end(p, n, i);   /* defines only: matches "" */
        return BAD;
    case 'P':
        if (q + 1 < n && p[q + 1] == '>') {
            const char *close = memchr(p + q, ')', n - q);
            if (!close) return BAD;
            inline_call(t, p + q + 2, (size_t)(close - p) - q - 2, depth);
            return (size_t)(close - p) + 1;
        }
        break;
    case '<':
        if (q + 1 < n && (p[q + 1] == '=' || p[q + 1] == '!')) {
            t->superset = 1;
            after = group_end(p, n, i);
            return after == BAD ? BAD : skip_quantifier(p, n, after);
        }
        break;
    default:
        break;
    }
    if ((after = group_name(p, n, i, &name, &len)) != BAD) {
        puts_(&t->out, "(?:");
        return after;
    }
    /* option settings: (?i) (?i:...) (?-i) (?s) (?m); others change what
     * the pattern means in ways Vectorscan does not follow */
    size_t j = q;
    while (j < n && strchr("ism-", p[j]) && p[j]) j++;
    if (j == q || j >= n || (p[j] != ')' && p[j] != ':')) return BAD;
    put(&t->out, p + i, j + 1 - i);
    return j + 1;
}

static void translate_range(translator *t, size_t from, size_t to, int depth)
{
    const char *p = t->p;
    size_t i = from;
    while (i < to && !t->failed) {
        size_t j;
        char c = p[i];
        if (i == t->skip_from) {
            j = t->skip_to;                                   /* written first, as the head */
        } else if (c == '\\') {
            char e = i + 1 < to ? p[i + 1] : '\0';
            if (e == 'K') {                                   /* the attempt starts before it */
                t->superset = 1;
                j = i + 2;
            } else if (e && strchr("bBAzZG", e)) {            /* assertions */
                t->superset = 1;
                j = skip_quantifier(p, to, i + 2);
            } else if (!e || strchr("QEgkNRXC", e) || (fx_is_digit(e) && e != '0')) {
                j = BAD;                                      /* back references and the like */
            } else {
                j = escape_end(p, to, i);
                const char *ranges = j != BAD ? widen(p, i, j) : NULL;
                if (ranges) {
                    t->superset = 1;
                    puts_(&t->out, "[");
                    puts_(&t->out, ranges);
                    puts_(&t->out, "]");
                } else if (j != BAD) {
                    put(&t->out, p + i, j - i);
                }
            }
        } else if (c == '[') {
            j = translate_class(t, i, to);
        } else if (c == '(') {
            j = translate_group(t, i, depth);
        } else if (c == '^' || c == '$') {
            t->superset = 1;
            j = skip_quantifier(p, to, i + 1);
        } else if (c == '*' || c == '+' || c == '?' || c == '{') {
            j = quantifier_end(p, to, i);
            if (j == i) {                                     /* a '{' that quantifies nothing */
                puts_(&t->out, "\\{");
                j = i + 1;
            } else {
                put(&t->out, p + i, j - i);
                if (j < to && p[j] == '+') {                  /* possessive */
                    t->superset = 1;
                    j++;
                } else if (j < to && p[j] == '?') {
                    put(&t->out, "?", 1);
                    j++;
                }
            }
        } else {
            put(&t->out, p + i, 1);
            j = i + 1;
        }
        if (j == BAD) t->failed = 1;
        i = j;
    }
}

/* ---- a leading look-behind, consumed (the head) ---- */

static size_t atom_end(const char *p, size_t n, size_t i);
static int bounded_span(const char *p, size_t from, size_t to);

static int is_lookbehind(const char *p, size_t n, size_t i)
{
    return i + 3 < n && p[i] == '(' && p[i + 1] == '?' && p[i + 2] == '<' && (p[i + 3] == '=' || p[i + 3] == '!');
}

/* Index after the opener of a group that captures or only groups ("(",
 * "(?:", "(?<name>"), or BAD for other groups. */
static size_t group_body(const char *p, size_t n, size_t i)
{
    const char *name;
    size_t len, after;
    if (i + 1 >= n || p[i + 1] != '?') return i + 1;
    if (i + 2 < n && p[i + 2] == ':') return i + 3;
    after = group_name(p, n, i, &name, &len);
    return after;
}

/* The end of the alternative that starts at p[from]: a top-level '|', or to. */
static size_t branch_end(const char *p, size_t from, size_t to)
{
    size_t i = from;
    while (i < to && p[i] != '|') {
        i = atom_end(p, to, i);
        if (i == BAD) return BAD;
    }
    return i;
}

/* Is the group p[i..after) one whose every alternative is one look-behind
 * ("(?:(?<=\p{L}\.)|(?<![\d.,]))")? */
static int lookbehind_alternatives(const char *p, size_t i, size_t after)
{
    size_t body = group_body(p, after, i);
    if (body == BAD) return 0;
    for (size_t b = body; b < after;) {
        size_t e = branch_end(p, b, after - 1);
        if (e == BAD || !is_lookbehind(p, e, b) || group_end(p, e, b) != e) return 0;
        b = e + 1;
    }
    return 1;
}

/* The look-behind that every attempt is tested with before anything is
 * consumed: at the start of the pattern, after other zero-width items
 * (look-aheads, \b), inside groups that are neither repeated nor have
 * alternatives; one look-behind, or a group whose every alternative is
 * one. Its index (*end: after it), or BAD. */
static size_t leading_lookbehind(const char *p, size_t n, size_t *end)
{
    size_t i = 0;
    while (i < n) {
        if (p[i] == '\\' && i + 1 < n && (p[i + 1] == 'b' || p[i + 1] == 'B') && quantifier_end(p, n, i + 2) == i + 2) {
            i += 2;
            continue;
        }
        if (p[i] != '(') return BAD;
        size_t after = group_end(p, n, i);
        if (after == BAD || quantifier_end(p, n, after) != after) return BAD;
        if (is_lookbehind(p, n, i) || lookbehind_alternatives(p, i, after)) {
            *end = after;
            return i;
        }
        if (i + 2 < n && p[i + 1] == '?' && (p[i + 2] == '=' || p[i + 2] == '!' || p[i + 2] == '#')) {
            i = after;
            continue;
        }
        size_t body = group_body(p, n, i);
        if (body == BAD || branch_end(p, body, after - 1) != after - 1) return BAD;
        i = body;   /* the group's first item is the pattern's */
    }
    return BAD;
}

/* The escape p[i..end) as members of a negated class: a property
 * narrowed to its ASCII part (fewer members, so the class takes more);
 * -1 for escapes that are not a set of characters Vectorscan reads as
 * PCRE2 does. */
static int put_member_escape(text_out *o, const char *p, size_t i, size_t end)
{
    int row = widened_row(p, i, end);
    if (row >= 0) {
        puts_(o, widened[row].ascii);
        return 0;
    }
    unsigned char e = (unsigned char)p[i + 1];
    if (is_ascii_alnum(e) && !strchr("dswhvDSWHVtnrfex", e)) return -1;
    put(o, p + i, end - i);
    return 0;
}

/* A negative look-around's one item p[from..to) (a class, an escape, a
 * character) as what may lie next to the match instead: "(?:^|[^members])"
 * before it, "(?:[^members]|$)" after it (after). -1 when it is no such
 * item. */
static int put_complement(translator *t, size_t from, size_t to, int after)
{
    const char *p = t->p;
    text_out *o = &t->out;
    if (from >= to || atom_end(p, to, from) != to) return -1;
    puts_(o, after ? "(?:[^" : "(?:^|[^");
    size_t members = o->len;
    if (p[from] == '[') {
        if (p[from + 1] == '^') return -1;
        for (size_t j = from + 1; j < to - 1;) {
            size_t k = p[j] == '\\' ? escape_end(p, to - 1, j) : j + 1;
            if (k == BAD) return -1;
            if (p[j] == '[' && j + 1 < to && p[j + 1] == ':') k = (size_t)(strstr(p + j + 2, ":]") - p) + 2;
            if (p[j] == '\\') {
                if (put_member_escape(o, p, j, k) < 0) return -1;
            } else {
                put(o, p + j, k - j);
            }
            j = k;
        }
    } else if (p[from] == '\\') {
        if (put_member_escape(o, p, from, to) < 0) return -1;
    } else {
        unsigned char c = (unsigned char)p[from];
        if (c == '.' || c == '^' || c == '$') return -1;
        if (c < 0x80 && !is_ascii_alnum(c)) puts_(o, "\\");
        put(o, p + from, to - from);
    }
    if (o->len == members) return -1;   /* only marks: no ASCII member */
    puts_(o, after ? "]|$)" : "])");
    return 0;
}

/* Is p[i] the start of a look-ahead? */
static int is_lookahead(const char *p, size_t n, size_t i)
{
    return i + 2 < n && p[i] == '(' && p[i + 1] == '?' && (p[i + 2] == '=' || p[i + 2] == '!');
}

/* The look-ahead every match ends with: the last item of the pattern,
 * before other zero-width items (look-behinds, \b, $), inside groups
 * that are neither repeated nor have alternatives. Its index (*end: after
 * it), or BAD. */
static size_t trailing_lookahead(const char *p, size_t n, size_t *end)
{
    size_t from = 0, to = n;
    for (;;) {
        size_t last = BAD, last_end = BAD;   /* the last item that is not zero-width */
        for (size_t i = from; i < to;) {
            if (p[i] == '|') return BAD;
            size_t a = atom_end(p, to, i);
            if (a == BAD) return BAD;
            size_t q = skip_quantifier(p, to, a);
            int zero_width = (p[i] == '\\' && i + 1 < to && (p[i + 1] == 'b' || p[i + 1] == 'B')) || p[i] == '$' ||
                             is_lookbehind(p, to, i) || (i + 2 < to && p[i] == '(' && p[i + 1] == '?' && p[i + 2] == '#') ||
                             (to - i >= 10 && strncmp(p + i, "(?(DEFINE)", 10) == 0);
            if (!zero_width || is_lookahead(p, to, i)) {
                last = q == a ? i : BAD;      /* a repeated item ends nothing we can take */
                last_end = a;
            }
            i = q;
        }
        if (last == BAD) return BAD;
        if (is_lookahead(p, to, last)) {
            *end = last_end;
            return last;
        }
        if (p[last] != '(') return BAD;
        size_t body = group_body(p, to, last);
        if (body == BAD) return BAD;
        from = body;                            /* the group's last item is the pattern's */
        to = last_end - 1;
    }
}

/* The look-ahead p[from..to) (trailing_lookahead) as what it looks at,
 * consumed after the rest: "(?=-)" -> "(?:-)", "(?![\p{L}\d])" ->
 * "(?:[^A-Za-z\d]|$)". -1 when it cannot be. */
static int put_tail(translator *t, size_t from, size_t to)
{
    size_t start = t->out.len;
    if (t->p[from + 2] == '!') return put_complement(t, from + 3, to - 1, 1);
    puts_(&t->out, "(?:");
    translate_range(t, from + 3, to - 1, 0);
    puts_(&t->out, ")");
    /* of bounded width, or the pattern would lose its bound */
    return t->failed || t->out.len == start + 4 || !bounded_span(t->out.s, start, t->out.len) ? -1 : 0;
}

/* The look-behind p[from..to) (leading_lookbehind) as what it looks at,
 * consumed: "(?<=-| to )" -> "(?:-| to )", "(?<![\d.,])" -> "(?:^|[^\d.,])",
 * a group of them -> a group of those. -1 when one cannot be. */
static int put_head(translator *t, size_t from, size_t to)
{
    const char *p = t->p;
    size_t start = t->out.len;
    if (is_lookbehind(p, to, from)) {
        if (p[from + 3] == '!') return put_complement(t, from + 4, to - 1, 0);
        puts_(&t->out, "(?:");
        translate_range(t, from + 4, to - 1, 0);
        puts_(&t->out, ")");
        return t->failed || t->out.len == start + 4 ? -1 : 0;
    }
    puts_(&t->out, "(?:");
    for (size_t b = group_body(p, to, from); b < to;) {
        size_t e = branch_end(p, b, to - 1);
        if (put_head(t, b, e) < 0) return -1;
        if (e < to - 1) puts_(&t->out, "|");
        b = e + 1;
    }
    puts_(&t->out, ")");
    return 0;
}

char *fx_scan_translate(const char *pattern, int *superset, size_t *head)
{
    translator t = {.p = pattern, .n = strlen(pattern), .skip_from = BAD, .skip_to = BAD};
    find_named_groups(&t);
    size_t lookbehind_end = 0;
    size_t lookbehind = t.failed ? BAD : leading_lookbehind(t.p, t.n, &lookbehind_end);
    *head = 0;
    if (lookbehind != BAD && put_head(&t, lookbehind, lookbehind_end) == 0) {
        *head = t.out.len;
        t.skip_from = lookbehind;
        t.skip_to = lookbehind_end;
    } else if (lookbehind != BAD) {
        t.out.len = 0;     /* dropped, as other assertions are */
        t.failed = 0;
    }
    t.superset = *head > 0;
    if (!t.failed) translate_range(&t, 0, t.n, 0);
    size_t lookahead_end = 0, rest_end = t.out.len;
    size_t lookahead = t.failed || t.out.len == *head ? BAD : trailing_lookahead(t.p, t.n, &lookahead_end);
    if (lookahead != BAD && put_tail(&t, lookahead, lookahead_end) < 0) {
        t.out.len = rest_end;   /* dropped, as other assertions are */
        t.out.s[rest_end] = '\0';
        t.failed = 0;
    }
    free(t.groups);
    *superset = t.superset;
    if (t.failed || !t.out.s || t.out.len == *head) {
        free(t.out.s);
        *head = 0;
        return NULL;
    }
    return t.out.s;
}

/* ---- the prefix of bounded width every match starts with ---- */

/* Index after the atom at p[i] (before its quantifier). */
static size_t atom_end(const char *p, size_t n, size_t i)
{
    if (p[i] == '\\') return escape_end(p, n, i);
    if (p[i] == '[') return class_end(p, n, i);
    if (p[i] == '(') return group_end(p, n, i);
    i++;
    while (i < n && ((unsigned char)p[i] & 0xC0) == 0x80) i++;
    return i;
}

/* Does p[from..to) (a translated pattern) repeat anything without bound? */
static int bounded_span(const char *p, size_t from, size_t to)
{
    for (size_t i = from; i < to;) {
        if (p[i] == '\\') {
            i = escape_end(p, to, i);
        } else if (p[i] == '[') {
            i = class_end(p, to, i);
        } else if (p[i] == '*' || p[i] == '+') {
            return 0;
        } else if (p[i] == '{') {
            size_t q = quantifier_end(p, to, i);
            if (q != i && p[q - 2] == ',') return 0;   /* {n,} */
            i = q != i ? q : i + 1;
        } else {
            i++;
        }
        if (i == BAD) return 0;
    }
    return 1;
}

static int prefix_alternation(const char *p, size_t from, size_t to, text_out *out);

/* The quantifier at p[i..q): its least count and whether it has a most. */
static long quantifier_min(const char *p, size_t i, size_t q, int *bounded)
{
    *bounded = 1;
    if (q == i) return 1;
    if (p[i] == '?') return 0;
    if (p[i] == '*' || p[i] == '+') {
        *bounded = 0;
        return p[i] == '+';
    }
    *bounded = p[q - 2] != ',';
    return strtol(p + i + 1, NULL, 10);
}

/* Write the longest start of the sequence p[from..to) (no top-level '|')
 * whose width is bounded, such that every match of the sequence starts
 * with a match of what is written; 1 when it stopped short of the end.
 * Items are copied while bounded; an unbounded group is cut inside; a
 * repeat of at least n copies keeps n (cut, when unbounded itself). */
static int prefix_sequence(const char *p, size_t from, size_t to, text_out *out)
{
    for (size_t i = from; i < to;) {
        size_t a = atom_end(p, to, i);
        if (a == BAD) return -1;
        size_t q = quantifier_end(p, to, a), end = q;
        if (end < to && p[end] == '?') end++;   /* lazy: the same matches */
        int most = 1;
        long least = quantifier_min(p, a, q, &most);
        int atom_bounded = bounded_span(p, i, a);
        if (atom_bounded && most) {
            put(out, p + i, end - i);
            i = end;
            continue;
        }
        if (least == 0) return 1;
        if (atom_bounded) {
            char count[32];
            put(out, p + i, a - i);
            snprintf(count, sizeof count, "{%ld}", least);
            puts_(out, count);
            return 1;
        }
        /* a group: "(?:" or "(?i:" and the like, cut inside */
        size_t body = i + 1;
        if (p[body] == '?') {
            while (body < a && p[body] != ':') body++;
            if (body >= a) return -1;
        }
        body++;
        put(out, p + i, body - i);
        if (prefix_alternation(p, body, a - 1, out) < 0) return -1;
        puts_(out, ")");
        return 1;
    }
    return 0;
}

/* The same for p[from..to), which may have top-level '|'. */
static int prefix_alternation(const char *p, size_t from, size_t to, text_out *out)
{
    int cut = 0;
    size_t start = from;
    for (size_t i = from; i <= to;) {
        if (i == to || p[i] == '|') {
            if (start != from) puts_(out, "|");
            int c = prefix_sequence(p, start, i, out);
            if (c < 0) return -1;
            cut |= c;
            start = ++i;
            continue;
        }
        size_t a = atom_end(p, to, i);
        if (a == BAD) return -1;
        i = a;
    }
    return cut;
}

char *fx_scan_prefix(const char *translated)
{
    text_out out = {0};
    puts_(&out, "");
    if (prefix_alternation(translated, 0, strlen(translated), &out) <= 0 || out.len == 0) {
        free(out.s);   /* an error, bounded already, or nothing every match starts with */
        return NULL;
    }
    return out.s;
}

/* ---- needs ---- */

/* A need is checked only where that costs less than the PCRE2 search it
 * can save: its strings looked for in the window and at most NEED_REACH
 * bytes after it, each byte looked up once (scan.c's scan_need
 * `starting`: a bit per string). Measured on bench10: needs reaching
 * 350-650 bytes, or of 200 country names, cost more than the windows
 * they took out. A need before a literal (spaces bounded) reaching
 * further is looked for back to at most NEED_SPACES spaces before it (a
 * few words), or 2 x NEED_REACH bytes (org.cue_results' cutting verbs
 * before " jobs", an amount of [\d,. ]{1,14} between: 23 spaces, 87
 * bytes): once a report, not over a window. */
enum { NEED_REACH = 64, NEED_STRINGS = 64, NEED_SPACES = 16 };

static int need_fits(size_t reach, size_t past, size_t spaces, size_t count)
{
    return count > 0 && count <= NEED_STRINGS && past <= NEED_REACH &&
           (reach <= NEED_REACH || spaces <= NEED_SPACES || (spaces != FX_PREFILTER_UNBOUNDED && reach <= 2 * NEED_REACH));
}

int fx_scan_checks_need(const fx_prefilter_need *need)
{
    return need_fits(need->reach, need->past, need->spaces, need->count);
}

int fx_scan_checks_class_need(const fx_prefilter_class_need *need)
{
    return need->reach > 0 && need->reach <= NEED_REACH;
}

#ifdef FX_NO_VECTORSCAN

fx_scan *fx_scan_build(const struct fx_context *ctx)
{
    (void)ctx;
    return NULL;   /* built without Vectorscan: match.c runs the PCRE2 path */
}
void fx_scan_free(fx_scan *scan) { (void)scan; }
fx_scan_kind fx_scan_rule_kind(const fx_scan *scan, size_t rule)
{
    (void)scan;
    (void)rule;
    return FX_SCAN_PCRE2_ONLY;
}
int fx_scan_rule_whole(const fx_scan *scan, size_t rule)
{
    (void)scan;
    (void)rule;
    return 0;
}
size_t fx_scan_expression_count(const fx_scan *scan)
{
    (void)scan;
    return 0;
}
const char *fx_scan_origin(const fx_scan *scan)
{
    (void)scan;
    return "built without Vectorscan";
}
fx_scan_scratch *fx_scan_scratch_new(const fx_scan *scan)
{
    (void)scan;
    return NULL;
}
void fx_scan_scratch_free(fx_scan_scratch *scratch) { (void)scratch; }
void fx_scan_scratch_trim(fx_scan_scratch *scratch) { (void)scratch; }
int fx_scan_document(const fx_scan *scan, fx_scan_scratch *scratch, const char *text, size_t len)
{
    (void)scan, (void)scratch, (void)text, (void)len;
    return -1;
}
size_t fx_scan_windows(fx_scan_scratch *scratch, size_t rule, const fx_window **windows)
{
    (void)scratch, (void)rule;
    *windows = NULL;
    return 0;
}
size_t fx_scan_reports(const fx_scan_scratch *scratch, size_t rule)
{
    (void)scratch, (void)rule;
    return 0;
}

#else

#include <hs.h>

#include "bytes16.h"
#include "cache.h"
#include "words.h"

/* The database holds, per rule, its literals or its pattern (scan.h): a
 * rule's use of one (a scan_entry). Uses of the same text with the same
 * flags are one expression, so Vectorscan reports "20" once where nine
 * date rules have it, and the report is handed to each of its uses (the
 * entries of an expression are next to each other: scan->uses). A report
 * for an entry ending at e allows attempts to start in [e - back_from,
 * e - back_to]: [e - w, e] for a pattern of width w; [e - span - lead,
 * e - length] for a literal (span: its longest form in the text, see
 * literal_span); from 0 when the lead is unbounded. A pattern whose
 * database alone is larger than MAX_BYTES stays out (its automaton would
 * slow every scan). */
#define MAX_BYTES (1024 * 1024)
#define NO_WIDTH UINT32_MAX
#define KEY_BYTES 4
/* The shortest holder: one of one or two bytes ("rs", "20") reports so
 * often that walking its tries costs more than its served expressions
 * cost Vectorscan (measured: BENCHMARKS.md). */
#define MIN_HOLDER 3

typedef struct scan_entry {
    uint32_t rule;
    uint32_t back_from;     /* NO_WIDTH: from the start of the text */
    uint32_t back_to;
    uint32_t span;          /* a literal's: the most bytes an occurrence takes */
    uint8_t pattern;        /* the rule's pattern, else one of its literals */
    /* a literal's: 1 + the index in scan->lit_classes of the bytes one of
     * which follows it in a match unless the text ends there
     * (prefilter.h `follow`); 0: any byte. find_sets makes them the
     * first sets, so it is 1 + their index in scan->sets too. */
    uint32_t follow;
    uint8_t around;         /* a literal's rule checks what lies around it (around_literal; made at load) */
    uint8_t group;          /* a literal's: its rule's befores of this group hold at it (prefilter.h `lit_group`), 0: none */
    /* a literal's: the same for the bytes one of which precedes it in a
     * match unless the text starts there (prefilter.h `precede`); 0: any,
     * or where an occurrence's start is not known (literal_precede) */
    uint32_t precede;
} scan_entry;

typedef struct scan_rule {
    uint8_t kind;           /* fx_scan_kind */
    uint8_t whole;          /* LITERALS whose lead is unbounded and no `before`: only whether it can match */
    uint8_t walk;           /* LITERALS with a `before` that some byte is not in */
    uint8_t walk_near;      /* LITERALS with a `near` that is not every byte nor none */
    uint64_t before[4];     /* the bytes between an attempt's start and its literal (prefilter.h) */
    uint64_t near[4];       /* the start is at most `far` bytes before the run of these (prefilter.h) */
    uint32_t far;
    uint32_t spaces;        /* LITERALS: windows cut after this many spaces back (fx_prefilter_space_cut), or NO_WIDTH */
    /* LITERALS: the bytes that can follow a space between an attempt's
     * start and its literal (prefilter.h `after_space`); cut_space (made
     * at load): they leave out most lowercase letters, so a window of a
     * walk starts after the last space before the literal followed by
     * another byte ("the Aalborg University": at "Aalborg"); its index
     * in scan->sets (made at load) */
    uint64_t after_space[4];
    uint8_t cut_space;
    uint32_t after_space_set;
    uint32_t before_set;    /* walk: before's index in scan->sets (made at load, not cached) */
    uint32_t near_set;      /* walk_near: near's */
    /* LITERALS: a byte of lit_before lies in the lit_reach bytes before
     * the literal of every match, and one of lit_after after it, before
     * lit_after_reach bytes from its start (prefilter.h; 0: none known):
     * a report without them makes no window. lit_set, lit_after_set:
     * their indexes in scan->sets. */
    uint64_t lit_before[4];
    uint32_t lit_reach;
    uint32_t lit_set;
    uint64_t lit_after[4];
    uint32_t lit_after_reach;
    uint32_t lit_after_set;
    uint32_t lit_needs;     /* LITERALS: its needs around the literal, scan->needs[lit_needs..] (made at load) */
    uint32_t lit_need_count;
    uint32_t prefix;        /* LITERALS: 1 + the index of its first PREFIX_OF_LITERAL need, 0 none (made at load) */
    uint32_t prefix_count;  /* and how many it has, one after another (made at load) */
    /* walk: 1 + the index of its first string need on windows (the most
     * selective), 0: none (made at load). Where a worker finds that few
     * of the rule's windows hold it (fx_scan_scratch `early`), it is
     * looked for before a report's walk too, over all the report's
     * windows can reach: none there, no window and no walk. */
    uint32_t early_need;
} scan_rule;

/* A condition a rule's windows must meet (prefilter.h `needs`): one of
 * the strings in text[from, to + reach) of a window [from, to], else no
 * attempt from it can match and the window goes. Or, at_literal, a
 * condition on a report of the rule's literal, else the report makes no
 * window: AFTER_LITERAL (prefilter.h `lit_needs`), one of the strings
 * after the literal's end, within reach of its start; BEFORE_LITERAL
 * (`lit_befores`), one within [L - reach, L + past) of its start L, at
 * most `spaces` spaces before L. Or PREFIX_OF_LITERAL (prefilter.h
 * `prefix`, with `bytes` its prefix_after): not a condition but where a
 * report's window starts (prefix_start). */
enum { ON_WINDOWS, AFTER_LITERAL, BEFORE_LITERAL, PREFIX_OF_LITERAL };

typedef struct scan_need {
    uint32_t rule;
    uint32_t reach;
    uint32_t past, spaces;  /* BEFORE_LITERAL's (spaces NO_WIDTH: not bounded) */
    uint8_t exact;          /* the strings as written, else folded (ASCII lowercase) */
    uint8_t at_literal;
    uint8_t group;          /* BEFORE_LITERAL: checked at the reports of every literal of the rule (0), or of
                             * those of this group alone (scan_entry `group`) */
    uint8_t kelvin;         /* folded with a k or s: KELVIN SIGN or LONG S in the text may stand for one */
    uint8_t required;       /* PREFIX_OF_LITERAL, the first: not optional (prefilter.h `prefix_required`) */
    uint8_t implied;        /* ON_WINDOWS, and every window of its rule holds it (made at load: implied_need) */
    uint32_t count;         /* at most NEED_STRINGS; 0: a class need (prefilter.h) */
    char **strings;         /* malloc'd, NUL-terminated */
    uint64_t bytes[4];      /* a class need's bytes, a bit per byte value */
    /* made at load: per byte of the text, the strings that can start
     * with it (a bit each); those bytes when there are at most two
     * (first_count, else 0): memchr finds them faster than a lookup per
     * byte ("." of date.numeric_dot, "1" and "2" of a year); a class
     * need's bytes are those `starting` is not 0 for */
    uint64_t starting[256];
    uint64_t second[256];   /* the strings whose second byte can be this one, or that have none */
    uint8_t first_count;
    unsigned char first[2];
    /* else, when at most 8: the first bytes with bit 0x20 set if the
     * strings are folded (letters of either case as one), so that the
     * places where a string may start are found 16 bytes at a time; or
     * the second bytes (lead_offset 1) where every string starts with a
     * space (" won ", " raised "): too common for memchr */
    uint8_t lead_count, lead_offset;
    unsigned char leads[8];
    /* a class need whose ASCII bytes are one range [range_lo, range_lo +
     * range_width] and that has every non-ASCII byte or none (high): a
     * digit, or a byte of a non-ASCII one; found 16 bytes at a time.
     * A PREFIX_OF_LITERAL need's `starting` and `second` are by the
     * strings' last bytes and the bytes before those instead (the text's
     * last byte of a KELVIN SIGN or LONG S for a folded k or s), none of
     * the others made */
    uint8_t has_range, range_lo, range_width, high;
    /* A table's prefix (a required one of more than NEED_STRINGS strings,
     * as written: prefilter.h FX_PREFILTER_MAX_TABLE_PREFIX), made at
     * load instead of `starting` and `second`: its strings sorted by their
     * last two bytes, those ending with byte c strings[ends[c],
     * ends[c + 1]). NULL for the others. */
    uint32_t *ends;
    uint32_t *lengths;      /* made at load: a PREFIX_OF_LITERAL need's string lengths (prefix_start), else NULL */
} scan_need;

/* A set of bytes: in[c] is 1 for a member (a load per byte walked over,
 * not a shift and mask). The bytes not in it, when they are one range
 * [out_lo, out_lo + out_width] (has_range: the organisation cues' "all
 * but \t-\r", a line), are found 16 at a time (run_start). */
typedef struct byte_set {
    uint64_t bits[4];
    uint8_t in[256];
    uint8_t has_range, out_lo, out_width;
    uint8_t in_lo, in_width;    /* the ASCII members, when one range (a WORDS rule's first bytes) */
} byte_set;

/* Two databases: the expressions that are literals, and the others.
 * Vectorscan scans a database of literals alone with its literal matcher
 * only; one pattern among them makes it run its automata beside it, and
 * the two scanned apart cost less than together (BENCHMARKS.md). */
enum { LITERAL_DB, PATTERN_DB, DB_COUNT };

/* A literal expression that holds another of the database (its holder:
 * " May" and "May" hold "may", " percent" holds "cent") is not compiled
 * but served by the holder's reports: Vectorscan's cost grows with its
 * expressions and their reports (BENCHMARKS.md), and every occurrence of
 * the one holds an occurrence of the other at the same place in it. At a
 * report of the holder, the bytes after its end and before its start
 * (its keys, folded) pick the few served expressions that can be there,
 * and each is compared whole. One as written (`exact`) is compared as
 * written; a caseless one is ASCII (a letter past ASCII has other cases,
 * of other lengths) and compared in either case, a k or s also as KELVIN
 * SIGN or LONG S, as Vectorscan's caseless UTF-8 does; its keys stop
 * before a k or s. */
typedef struct scan_served {
    uint32_t expression;    /* its entries: scan->uses[expression].. */
    uint32_t holder;        /* the expression whose reports serve it */
    uint32_t text;          /* its bytes: scan->served_texts[text, text + length) */
    uint32_t length;
    uint32_t at;            /* the holder's text is text[at, at + holder_length) */
    uint32_t holder_length;
    uint8_t exact;          /* as written, else caseless */
    uint8_t holder_caseless;
    /* made at load: the keys, up to KEY_BYTES after the holder's text
     * (keys[0, after)) and before it, the nearest first
     * (keys[KEY_BYTES, KEY_BYTES + before)), folded */
    uint8_t after, before;
    unsigned char keys[2 * KEY_BYTES];
    uint8_t keyed;          /* made at load: caseless and its keys are all its bytes around the holder's */
} scan_served;

/* A holder's served expressions as tries of their keys (made at load):
 * one of the keys after it, from its end on; at each of its nodes where
 * some of those keys end, one of their keys before it, from its start
 * back, whose nodes list those whose key before ends there. A report
 * walks them only as far as the text goes along. */
typedef struct scan_node {
    uint32_t children;      /* scan->nodes[children, children + child_count), by byte */
    uint32_t befores;       /* a node after: 1 + the root of the befores' trie, 0: none */
    uint32_t served_from, served_to;   /* a node before: scan->served[served_from, served_to) */
    uint16_t child_count;
    unsigned char byte;     /* (folded) */
} scan_node;

/* An expression that serves others: the root of their trie in
 * scan->nodes. `walk`: it is caseless with a k or s, so an occurrence
 * may be longer than its text (KELVIN SIGN, LONG S) and its start is
 * found by walking back over it, text[at, at + length) of its served
 * expression `served`. */
typedef struct scan_holder {
    uint32_t root;
    uint32_t length;
    uint32_t served;
    uint8_t walk;
} scan_holder;

struct fx_scan {
    hs_database_t *dbs[DB_COUNT];   /* either may be NULL: no such expression */
    scan_rule *rules;       /* per rule of the context */
    size_t rule_count;
    scan_entry *entries;    /* grouped by expression; in each group the furthest reach back first */
    size_t entry_count;
    uint64_t (*lit_classes)[4];   /* the distinct classes after and before literals (scan_entry `follow`,
                                   * `precede`), a bit per byte value */
    size_t lit_class_count;
    scan_served *served;    /* the expressions not compiled but served by others' reports (at load: by holder
                             * and shape, then by key) */
    size_t served_count;
    char *served_texts;     /* their texts, one after another */
    size_t served_len;
    scan_node *nodes;       /* made at load: the holders' tries */
    size_t node_count, node_capacity;
    scan_holder *holders;   /* made at load */
    uint32_t *holder_of;    /* per expression id: 1 + its index in holders, 0: it serves none (made at load) */
    uint32_t *uses;         /* per expression id: its entries[uses[id]..uses[id + 1]) */
    size_t expression_count;
    byte_set *sets;         /* the distinct `before` and `near` sets the rules walk over */
    size_t set_count, set_capacity;
    uint32_t *walked;       /* made at load: the indexes of those walked back over (walk_back), each once */
    size_t walked_count;
    scan_need *needs;       /* in the order of their rules */
    size_t need_count, need_capacity;
    uint32_t *rule_needs;   /* per rule: its needs[rule_needs[r]..rule_needs[r + 1]) (made at load) */
    char origin[200];
};

/* The windows a rule makes before a worker decides whether its early_need
 * is looked for before the walks: it is where fewer than one in eight
 * of them held it (measured: BENCHMARKS.md). */
#define EARLY_SAMPLE 32

typedef struct pending_window {
    uint32_t rule;
    size_t from, to;
} pending_window;

/* What the walks back over a set's bytes found in the text, for the next
 * walks over the same set (by any rule): text[run_from..run_to) is all
 * the set's bytes and the byte before run_from is not (or run_from is 0);
 * text[part_from..part_to) is all the set's bytes too, from where a walk
 * stopped at its limit. Empty: from > to. */
typedef struct walk_memo {
    size_t run_from, run_to;
    size_t part_from, part_to;
} walk_memo;

struct fx_scan_scratch {
    hs_scratch_t *hs;
    const fx_scan *scan;
    const unsigned char *text;      /* being scanned */
    size_t text_len;
    walk_memo *memos;               /* per set of scan->sets */
    pending_window *pending;        /* in the order reported */
    size_t pending_count, pending_capacity;
    size_t *last;                   /* per rule: 1 + its last pending window, 0 none */
    fx_window *windows;             /* grouped by rule: windows[first[r]..first[r + 1]) */
    size_t windows_capacity;
    size_t *first;                  /* rule_count + 1 entries */
    size_t *reports;                /* per expression id: its reports (Vectorscan's, served) since the scratch was made */
    size_t *word_reports;           /* per rule: a WORDS rule's windows, counted as its reports */
    /* per rule: its early_need (scan_rule) once it is looked for before
     * the walks, else 0; and until then, its windows made and those that
     * held it (fx_scan_windows), decided after EARLY_SAMPLE windows */
    uint32_t *early;
    uint32_t (*sample)[2];
    fx_window *words;               /* a WORDS rule's windows (word_windows) */
    size_t words_capacity;
};

fx_scan_kind fx_scan_rule_kind(const fx_scan *scan, size_t rule)
{
    return scan && rule < scan->rule_count ? (fx_scan_kind)scan->rules[rule].kind : FX_SCAN_PCRE2_ONLY;
}

int fx_scan_rule_whole(const fx_scan *scan, size_t rule)
{
    return scan && rule < scan->rule_count && scan->rules[rule].whole;
}

size_t fx_scan_expression_count(const fx_scan *scan) { return scan ? scan->expression_count - scan->served_count : 0; }

const char *fx_scan_origin(const fx_scan *scan) { return scan ? scan->origin : "no database"; }

static unsigned rule_flags(const fx_rule *rule)
{
    return HS_FLAG_UTF8 | ((rule->flags & FX_RULE_CASELESS) ? HS_FLAG_CASELESS : 0);
}

/* ---- compiling the database ---- */

/* The rules' uses of expressions being gathered: each a pattern, its
 * flags and its entry. */
typedef struct expressions {
    char **patterns;
    unsigned *flags;
    scan_entry *entries;
    size_t count;
} expressions;

static void add_expression(expressions *x, char *pattern, unsigned flags, scan_entry entry)
{
    x->patterns = fx_xrealloc(x->patterns, (x->count + 1) * sizeof *x->patterns);
    x->flags = fx_xrealloc(x->flags, (x->count + 1) * sizeof *x->flags);
    x->entries = fx_xrealloc(x->entries, (x->count + 1) * sizeof *x->entries);
    x->patterns[x->count] = pattern;
    x->flags[x->count] = flags;
    x->entries[x->count++] = entry;
}

/* The width of pattern after its head (fx_scan_translate: the bytes
 * before the match's start) as Vectorscan reads it with flags (NO_WIDTH:
 * unbounded), or -1 when it refuses it, when what follows the head can
 * match the empty string (a candidate everywhere) or when the database
 * of the pattern is too large. */
static int64_t pattern_width(const char *pattern, size_t head, unsigned flags, uint32_t *min_width)
{
    hs_expr_info_t *info = NULL;
    hs_compile_error_t *error = NULL;
    if (hs_expression_info(pattern + head, flags, &info, &error) != HS_SUCCESS) {
        hs_free_compile_error(error);
        return -1;
    }
    int64_t width = info->min_width == 0 ? -1 : (int64_t)(info->max_width == UINT_MAX ? NO_WIDTH : info->max_width);
    if (min_width) *min_width = info->min_width;
    free(info);
    if (width < 0 || width == NO_WIDTH) return width;   /* unbounded: not added, so not compiled (seconds) */
    hs_database_t *db = NULL;
    size_t size = 0;
    if (hs_compile(pattern, flags, HS_MODE_BLOCK, NULL, &db, &error) != HS_SUCCESS) {
        hs_free_compile_error(error);
        return -1;
    }
    if (hs_database_size(db, &size) != HS_SUCCESS || size > MAX_BYTES) width = -1;
    hs_free_database(db);
    return width;
}

/* pattern_width of a translated pattern, with its head if Vectorscan
 * takes it so, else without (then *head is 0 and pattern loses it). */
static int64_t head_width(char *pattern, size_t *head, unsigned flags, uint32_t *min_width)
{
    int64_t width = pattern_width(pattern, *head, flags, min_width);
    if (width < 0 && *head) {
        memmove(pattern, pattern + *head, strlen(pattern + *head) + 1);
        *head = 0;
        width = pattern_width(pattern, 0, flags, min_width);
    }
    return width;
}

static int valid_utf8(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        int n = *p < 0x80 ? 0 : (*p & 0xE0) == 0xC0 ? 1 : (*p & 0xF0) == 0xE0 ? 2 : (*p & 0xF8) == 0xF0 ? 3 : -1;
        if (n < 0) return 0;
        p++;
        while (n-- > 0)
            if ((*p++ & 0xC0) != 0x80) return 0;
    }
    return 1;
}

/* A literal as a Vectorscan pattern: ASCII punctuation escaped, UTF-8 as
 * it is (the pattern is compiled with HS_FLAG_UTF8). */
static char *literal_pattern(const char *literal)
{
    text_out o = {0};
    for (const unsigned char *p = (const unsigned char *)literal; *p; p++) {
        char hex[5];
        int plain = *p >= 0x80 || (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z');
        if (plain) {
            put(&o, (const char *)p, 1);
        } else {
            snprintf(hex, sizeof hex, "\\x%02x", *p);
            put(&o, hex, 4);
        }
    }
    return o.s;
}

/* The bytes an occurrence of a literal can take in the text: caseless,
 * 'k' may be KELVIN SIGN (3 bytes) and 's' LONG S (2 bytes). */
static size_t literal_span(const char *literal, int exact)
{
    size_t n = strlen(literal);
    if (!exact)
        for (const char *p = literal; *p; p++) n += (*p == 'k' || *p == 'K') ? 2 : (*p == 's' || *p == 'S') ? 1 : 0;
    return n;
}

/* Is no ASCII letter among the bytes that may follow a literal
 * (prefilter.h `follow`)? Then its occurrences inside words, most of a
 * letter's, make no window. */
static int follow_has_no_letter(const uint64_t follow[4])
{
    /* 'A'..'Z' and 'a'..'z': bits 1..26 and 33..58 of the second word */
    return (follow[1] & 0x07FFFFFE07FFFFFEu) == 0;
}

/* How a rule's literals (prefilter.h) can go in: 1 when they bound where
 * attempts start, 2 when they only say whether it can match, 0 not at all
 * (none, or one that is a letter, digit or space alone: a candidate
 * almost everywhere, unless a capital as written whose follow class takes
 * out its occurrences inside words: "R" of "R 5" and "R5",
 * money.currency_first). */
static int literal_use(const fx_prefilter *f)
{
    if (f->count == 0) return 0;
    for (size_t k = 0; k < f->count; k++) {
        const char *lit = f->literals[k];
        unsigned char c = (unsigned char)lit[0];
        if (strlen(lit) == 1 && (c == ' ' || is_ascii_alnum(c)) &&
            !(f->exact[k] && c >= 'A' && c <= 'Z' && follow_has_no_letter(f->follow[k])))
            return 0;
        if (!valid_utf8(lit) || (f->lead != FX_PREFILTER_UNBOUNDED && literal_span(lit, f->exact[k]) + f->lead >= NO_WIDTH))
            return 0;
    }
    return f->lead == FX_PREFILTER_UNBOUNDED ? 2 : 1;
}

/* Can case change what a literal matches? Not when it has no letter:
 * "20" of a caseless rule is then the same expression as "20" of the
 * others. (Any byte past ASCII may be part of a letter.) */
static int has_case(const char *literal)
{
    for (const unsigned char *p = (const unsigned char *)literal; *p; p++)
        if (*p >= 0x80 || is_ascii_letter(*p)) return 1;
    return 0;
}

/* 1 + the index of the class `bytes` in scan->lit_classes, added if new; 0
 * when it has every byte (nothing to check). */
static uint32_t lit_class_index(fx_scan *scan, const uint64_t bytes[4])
{
    if ((bytes[0] & bytes[1] & bytes[2] & bytes[3]) == ~(uint64_t)0) return 0;
    size_t k = 0;
    while (k < scan->lit_class_count && memcmp(scan->lit_classes[k], bytes, sizeof scan->lit_classes[k]) != 0) k++;
    if (k == scan->lit_class_count) {
        scan->lit_classes = fx_xrealloc(scan->lit_classes, (k + 1) * sizeof *scan->lit_classes);
        memcpy(scan->lit_classes[scan->lit_class_count++], bytes, sizeof scan->lit_classes[k]);
    }
    return (uint32_t)k + 1;
}

/* The class before literal k (prefilter.h `precede`) where a report
 * says where its occurrence starts: it is looked for as written, or it
 * is ASCII, whose letters have no other forms than their other case and,
 * for a k or s, a KELVIN SIGN or LONG S, which shows in the occurrence's
 * last bytes (add_window). A caseless letter past ASCII may have a form
 * of another length. */
static uint32_t literal_precede(fx_scan *scan, const fx_prefilter *f, size_t k)
{
    return f->exact[k] || fx_all_ascii(f->literals[k], strlen(f->literals[k])) ? lit_class_index(scan, f->precede[k]) : 0;
}

static void add_literals(fx_scan *scan, expressions *x, const fx_prefilter *f, uint32_t r)
{
    for (size_t k = 0; k < f->count; k++) {
        const char *literal = f->literals[k];
        uint32_t length = (uint32_t)strlen(literal), span = (uint32_t)literal_span(literal, f->exact[k]);
        uint32_t back = f->lead == FX_PREFILTER_UNBOUNDED ? NO_WIDTH : (uint32_t)(span + f->lead);
        unsigned caseless = !f->exact[k] && has_case(literal) ? HS_FLAG_CASELESS : 0;
        uint8_t group = f->lit_group ? (uint8_t)f->lit_group[k] : 0;
        add_expression(x, literal_pattern(literal), HS_FLAG_UTF8 | caseless,
                       (scan_entry){r, back, length, span, 0, lit_class_index(scan, f->follow[k]), 0, group,
                                    literal_precede(scan, f, k)});
    }
}

/* A rule that goes in by its literals: windows back to the lead, and to
 * the run of `before` bytes when some byte is not one of them; only
 * whether it can match when neither bounds them. */
static scan_rule literal_rule(const fx_prefilter *f)
{
    scan_rule rule = {.kind = FX_SCAN_LITERALS};
    memcpy(rule.before, f->before, sizeof rule.before);
    memcpy(rule.near, f->near, sizeof rule.near);
    int near_none = 1, narrower = 0, wider = 0;
    for (int k = 0; k < 4; k++) {
        rule.walk |= rule.before[k] != ~(uint64_t)0;
        near_none &= rule.near[k] == 0;
        narrower |= (rule.before[k] & ~rule.near[k]) != 0;
        wider |= (rule.near[k] & ~rule.before[k]) != 0;
    }
    /* worth a second walk only where it can stop earlier than `before`'s
     * (near empty: far is the lead, already a bound of the entries) */
    rule.walk_near = !near_none && narrower && !wider && f->far < NO_WIDTH / 2 &&
                     (f->lead == FX_PREFILTER_UNBOUNDED || f->far < f->lead);
    rule.far = rule.walk_near ? (uint32_t)f->far : 0;
    size_t cut = fx_prefilter_space_cut(f);
    rule.spaces = cut != FX_PREFILTER_UNBOUNDED ? (uint32_t)cut : NO_WIDTH;
    rule.whole = f->lead == FX_PREFILTER_UNBOUNDED && !rule.walk && !rule.walk_near && rule.spaces == NO_WIDTH;
    rule.lit_reach = (uint32_t)f->lit_reach;
    memcpy(rule.lit_before, f->lit_before, sizeof rule.lit_before);
    rule.lit_after_reach = (uint32_t)f->lit_after_reach;
    memcpy(rule.lit_after, f->lit_after, sizeof rule.lit_after);
    memcpy(rule.after_space, f->after_space, sizeof rule.after_space);
    return rule;
}

/* The bytes the class p[0..n) ("[...]") matches as one character, under
 * the rule's options: the ASCII ones asked of PCRE2, and every byte of a
 * character past ASCII unless no such character can be a member (a
 * class of ASCII characters and \\d, neither negated nor caseless, which
 * could take KELVIN SIGN for k). 0 when it does not compile. */
static int class_bytes(const char *p, size_t n, const fx_rule *rule, uint64_t bytes[4])
{
    int caseless = (rule->flags & FX_RULE_CASELESS) != 0, ascii_only = !caseless && n > 2 && p[1] != '^';
    for (size_t k = 1; k + 1 < n && ascii_only; k++)
        ascii_only = (unsigned char)p[k] < 0x80 && !(p[k] == '\\' && k + 2 < n && p[k + 1] != 'd' && is_ascii_letter((unsigned char)p[k + 1]));
    uint64_t ascii[2];
    if (!fx_pattern_class_ascii(p, n, PCRE2_UTF | (caseless ? PCRE2_CASELESS : 0), ascii)) return 0;
    bytes[0] = ascii[0];
    bytes[1] = ascii[1];
    bytes[2] = bytes[3] = ascii_only ? 0 : ~(uint64_t)0;
    return 1;
}

/* A rule that says first what follows where it starts, "(?=[C]*K)" (after
 * look-behinds and negative look-aheads, in groups that only group):
 * every match starts in a run of C bytes that ends where a match of K
 * starts. With K of bounded width and no literals to key the rule on
 * ("\\d ... CURRENCY" of money.currency_after, after the amount's
 * bytes), K goes in: its report ending at e puts K's start in [e - max,
 * e - min], and the attempt's start in the run of C bytes that reaches
 * e - max (the walk of the literal rules). K as Vectorscan reads it
 * (malloc'd), its widths and the rule, or NULL. */
static char *ahead_key(const fx_rule *rule, scan_rule *out, uint32_t *max_width, uint32_t *min_width)
{
    const char *p = rule->expanded;
    size_t n = strlen(p), i = 0, after = BAD;
    while (i < n && p[i] == '(') {
        after = group_end(p, n, i);
        if (after == BAD || quantifier_end(p, n, after) != after) return NULL;
        if (i + 2 < n && p[i + 1] == '?' && p[i + 2] == '=') break;
        if (is_lookbehind(p, n, i) || lookbehind_alternatives(p, i, after) || (i + 2 < n && p[i + 1] == '?' && p[i + 2] == '!')) {
            i = after;
            continue;
        }
        size_t body = group_body(p, n, i);
        if (body == BAD || (p[i + 1] == '?' && p[i + 2] != ':') || branch_end(p, body, after - 1) != after - 1) return NULL;
        i = body;   /* a group that only groups: its first item is the pattern's */
    }
    if (i >= n || p[i] != '(' || after == BAD || p[i + 3] != '[') return NULL;
    size_t cls = i + 3, cls_end = class_end(p, after - 1, cls);
    if (cls_end == BAD || p[cls_end] != '*' || cls_end + 1 >= after - 1 || strchr("?+*{", p[cls_end + 1])) return NULL;
    size_t key = cls_end + 1;
    if (branch_end(p, key, after - 1) != after - 1) return NULL;
    *out = (scan_rule){.kind = FX_SCAN_AHEAD, .walk = 1, .spaces = NO_WIDTH};
    if (!class_bytes(p + cls, cls_end - cls, rule, out->before)) return NULL;
    if ((out->before[0] & out->before[1] & out->before[2] & out->before[3]) == ~(uint64_t)0) return NULL;
    char *body = fx_xstrndup(p + key, after - 1 - key);
    int superset = 0;
    size_t head = 0;
    char *pattern = fx_scan_translate(body, &superset, &head);
    free(body);
    int64_t width = pattern ? head_width(pattern, &head, rule_flags(rule), min_width) : -1;
    if (width < 0 || width == NO_WIDTH || head) {   /* (a head would lie before K's start) */
        free(pattern);
        return NULL;
    }
    *max_width = (uint32_t)width;
    return pattern;
}

/* The ASCII bytes of bits as one range [*lo, *lo + *width], with no
 * other ASCII byte; 0 when they are not (or none). */
static int ascii_range(const uint64_t bits[4], unsigned char *lo, unsigned char *width)
{
    unsigned c = 0, hi;
    while (c < 128 && !((bits[c >> 6] >> (c & 63)) & 1)) c++;
    for (hi = c; hi + 1 < 128 && ((bits[(hi + 1) >> 6] >> ((hi + 1) & 63)) & 1); hi++) {}
    for (unsigned k = hi + 1; k < 128; k++)
        if ((bits[k >> 6] >> (k & 63)) & 1) return 0;
    *lo = (unsigned char)c;
    *width = (unsigned char)(hi - c);
    return c < 128;
}

/* A rule whose matches start at a word (FX_SCAN_WORDS, scan.h): its
 * pattern as translated is a head "(?:^|[^B])" whose B has every ASCII
 * letter and digit, then (after empty groups) a class C1 once, whose
 * ASCII bytes are letters or digits of one range, then a class C2 at
 * least once, and no other branch. Then a match starts at a byte of C1
 * after a byte that is neither an ASCII letter nor digit: the first
 * byte of a word, or after a non-ASCII one. `before` gets C1's bytes,
 * `near` C2's. */
static int word_rule(const fx_rule *rule, scan_rule *out)
{
    int superset = 0;
    size_t head = 0;
    char *p = fx_scan_translate(rule->expanded, &superset, &head);
    int ok = p && head > 9 && strncmp(p, "(?:^|[^", 7) == 0 && p[head - 2] == ']' && p[head - 1] == ')';
    size_t n = p ? strlen(p) : 0, i = head;
    uint64_t before[4], first[4], second[4];
    ok = ok && class_end(p, head - 1, 5) == head - 1 && class_bytes(p + 5, head - 6, rule, before);
    for (unsigned c = 0; ok && c < 128; c++)   /* no ASCII letter or digit may lie before a match */
        ok = !is_ascii_alnum((unsigned char)c) || !((before[c >> 6] >> (c & 63)) & 1);
    while (ok && strncmp(p + i, "(?:)", 4) == 0) i += 4;
    size_t end1 = ok && p[i] == '[' ? class_end(p, n, i) : BAD;
    ok = end1 != BAD && quantifier_end(p, n, end1) == end1 && branch_end(p, head, n) == n;
    unsigned char lo = 0, width = 0;
    ok = ok && class_bytes(p + i, end1 - i, rule, first) && ascii_range(first, &lo, &width);
    for (unsigned c = lo; ok && c <= (unsigned)lo + width; c++) ok = is_ascii_alnum((unsigned char)c);
    size_t end2 = ok && p[end1] == '[' ? class_end(p, n, end1) : BAD;
    int most = 1;
    ok = end2 != BAD && quantifier_min(p, end2, quantifier_end(p, n, end2), &most) >= 1 &&
         class_bytes(p + end1, end2 - end1, rule, second);
    free(p);
    if (!ok) return 0;
    *out = (scan_rule){.kind = FX_SCAN_WORDS, .spaces = NO_WIDTH};
    memcpy(out->before, first, sizeof first);
    memcpy(out->near, second, sizeof second);
    return 1;
}

/* The strings of a head (fx_scan_translate) that is an alternation of
 * plain strings, "(?:-|- | to )": at most `max` of them into strings
 * (malloc'd); 0 when it is not such a head or has more. */
static size_t head_strings(const char *p, size_t head, char **strings, size_t max)
{
    if (head < 5 || strncmp(p, "(?:", 3) != 0 || p[head - 1] != ')') return 0;
    size_t count = 0;
    text_out o = {0};
    for (size_t i = 3; i < head; i++) {
        char c = p[i];
        if (c == '|' || i == head - 1) {
            if (o.len == 0 || count == max) break;
            strings[count++] = o.s;
            o = (text_out){0};
            if (i == head - 1) return count;
            continue;
        }
        if (c == '\\' && i + 3 < head && p[i + 1] == 'x' && isxdigit((unsigned char)p[i + 2]) && isxdigit((unsigned char)p[i + 3])) {
            char byte = (char)strtol((char[]){p[i + 2], p[i + 3], 0}, NULL, 16);
            put(&o, &byte, 1);
            i += 3;
        } else if (c == '\\' && i + 1 < head && ispunct((unsigned char)p[i + 1])) {
            put(&o, &p[++i], 1);
        } else if (!strchr("\\()[]{}?*+.^$", c)) {
            put(&o, &c, 1);
        } else {
            break;
        }
    }
    free(o.s);
    while (count) free(strings[--count]);
    return 0;
}

/* The bytes the bounded pattern `start` can begin with under the rule's
 * options (a bit per byte, *count of them), found by PCRE2 matching each
 * byte alone as a partial match. 0 when it does not compile, can match
 * the empty string, or can begin with a byte past ASCII or, caseless, a
 * k or s (KELVIN SIGN and LONG S are theirs too). */
static int first_bytes(const char *start, const fx_rule *rule, uint64_t bytes[4], size_t *count)
{
    int caseless = (rule->flags & FX_RULE_CASELESS) != 0, error;
    PCRE2_SIZE offset;
    pcre2_code *code = pcre2_compile((PCRE2_SPTR)start, PCRE2_ZERO_TERMINATED, PCRE2_ANCHORED | (caseless ? PCRE2_CASELESS : 0),
                                     &error, &offset, NULL);
    if (!code) return 0;
    pcre2_match_data *data = pcre2_match_data_create_from_pattern(code, NULL);
    int ok = pcre2_match(code, (PCRE2_SPTR) "", 0, 0, 0, data, NULL) < 0;   /* not empty */
    memset(bytes, 0, 4 * sizeof *bytes);
    *count = 0;
    for (unsigned c = 0; c < 256 && ok; c++) {
        unsigned char one = (unsigned char)c;
        int rc = pcre2_match(code, &one, 1, 0, PCRE2_PARTIAL_HARD, data, NULL);
        if (rc < 0 && rc != PCRE2_ERROR_PARTIAL) continue;
        ok = c < 0x80 && !(caseless && strchr("kKsS", (int)c));
        bytes[c >> 6] |= (uint64_t)1 << (c & 63);
        ++*count;
    }
    pcre2_match_data_free(data);
    pcre2_code_free(code);
    return ok;
}

/* A PREFIX rule whose head is a few strings and whose prefix `start`
 * (after the head) begins with one of a few ASCII bytes goes in as
 * literals instead: each string with each byte ("-5", " to 5" of
 * money.range_high), an attempt starting at that byte. A literal costs
 * Vectorscan less than the prefix's automaton beside the others in its
 * database (BENCHMARKS.md). 1 when it went in so. */
static int add_head_literals(expressions *x, const fx_rule *rule, uint32_t r, const char *pattern, size_t head,
                             const char *start)
{
    enum { MOST = 64 };
    char *strings[MOST];
    uint64_t bytes[4];
    size_t first = 0, count = head_strings(pattern, head, strings, MOST);
    int caseless = (rule->flags & FX_RULE_CASELESS) != 0;
    int ok = count && first_bytes(start, rule, bytes, &first) && first >= 1 && count * first <= MOST;
    for (size_t k = 0; k < count && ok; k++)   /* caseless: no k or s, which may take more bytes */
        ok = !caseless || strpbrk(strings[k], "kKsS") == NULL;
    for (size_t k = 0; k < count && ok; k++) {
        for (unsigned c = 0; c < 128; c++) {
            if (!((bytes[c >> 6] >> (c & 63)) & 1)) continue;
            char byte = (char)c;
            text_out o = {0};
            puts_(&o, strings[k]);
            put(&o, &byte, 1);
            unsigned flags = HS_FLAG_UTF8 | (caseless && has_case(o.s) ? HS_FLAG_CASELESS : 0);
            add_expression(x, literal_pattern(o.s), flags, (scan_entry){r, 1, 1, (uint32_t)o.len, 0, 0, 0, 0, 0});
            free(o.s);
        }
    }
    for (size_t k = 0; k < count; k++) free(strings[k]);
    return ok;
}

/* Number the distinct expressions among the uses (the same pattern with
 * the same flags, as a literal or as a pattern, so that a rule's
 * expressions are all in one database: one expression) in the order of
 * their first use:
 * expression[k] for use k, first_use[id] for expression id. Returns how
 * many there are. */
typedef struct use_key {
    const char *pattern;
    unsigned flags;
    int literal;
    size_t use;
} use_key;

static int same_expression(const use_key *a, const use_key *b)
{
    return a->flags == b->flags && a->literal == b->literal && strcmp(a->pattern, b->pattern) == 0;
}

static int by_expression(const void *a, const void *b)
{
    const use_key *x = a, *y = b;
    int c = strcmp(x->pattern, y->pattern);
    if (c == 0) c = (x->flags > y->flags) - (x->flags < y->flags);
    if (c == 0) c = x->literal - y->literal;
    return c ? c : (x->use > y->use) - (x->use < y->use);
}

static size_t number_expressions(const expressions *x, uint32_t *expression, size_t *first_use)
{
    use_key *keys = fx_xcalloc(x->count + 1, sizeof *keys);
    size_t *same = fx_xcalloc(x->count + 1, sizeof *same);
    for (size_t k = 0; k < x->count; k++) keys[k] = (use_key){x->patterns[k], x->flags[k], !x->entries[k].pattern, k};
    qsort(keys, x->count, sizeof *keys, by_expression);
    for (size_t k = 0; k < x->count; k++)   /* same[use]: the first use of its text and flags */
        same[keys[k].use] = k && same_expression(&keys[k - 1], &keys[k]) ? same[keys[k - 1].use] : keys[k].use;
    size_t count = 0;
    for (size_t k = 0; k < x->count; k++) {
        if (same[k] == k) first_use[count++] = k;
        expression[k] = same[k] == k ? (uint32_t)(count - 1) : expression[same[k]];
    }
    free(keys);
    free(same);
    return count;
}

/* The literal that literal_pattern wrote as `pattern`, into o. */
static void put_literal_of(text_out *o, const char *pattern)
{
    for (const char *p = pattern; *p;) {
        if (*p == '\\') {   /* \xhh */
            char byte = (char)strtol((char[3]){p[2], p[3], '\0'}, NULL, 16);
            put(o, &byte, 1);
            p += 4;
        } else {
            put(o, p++, 1);
        }
    }
}

/* a[0, n) against b[0, m), ASCII letters folded; the shorter first */
static int folded_compare(const char *a, size_t n, const char *b, size_t m)
{
    for (size_t k = 0; k < n && k < m; k++) {
        int d = fx_ascii_lower((unsigned char)a[k]) - fx_ascii_lower((unsigned char)b[k]);
        if (d) return d;
    }
    return (n > m) - (n < m);
}

/* A literal expression's text, to find which holds which. */
typedef struct literal_text {
    char *s;                /* malloc'd */
    size_t n;
    uint32_t id;            /* its expression */
    int caseless;
} literal_text;

static int by_folded_text(const void *a, const void *b)
{
    const literal_text *x = a, *y = b;
    int c = folded_compare(x->s, x->n, y->s, y->n);
    return c ? c : (x->id > y->id) - (x->id < y->id);
}

/* shorter first, of one length the caseless (which may hold one as written of the same text) */
static int by_length_caseless_first(const void *a, const void *b)
{
    const literal_text *x = a, *y = b;
    if (x->n != y->n) return x->n < y->n ? -1 : 1;
    if (x->caseless != y->caseless) return x->caseless ? -1 : 1;
    return (x->id > y->id) - (x->id < y->id);
}

/* The compiled expression among lits[0, n) (sorted by folded text) that
 * d holds at d->s[at, at + length), or NULL: a caseless one holds its
 * text in any case, one as written only as written and in one as
 * written. */
static const literal_text *held(const literal_text *lits, size_t n, const uint8_t *compiled, const literal_text *d,
                                size_t at, size_t length)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (folded_compare(lits[mid].s, lits[mid].n, d->s + at, length) < 0) lo = mid + 1;
        else hi = mid;
    }
    for (; lo < n && folded_compare(lits[lo].s, lits[lo].n, d->s + at, length) == 0; lo++)
        if (compiled[lits[lo].id] && (lits[lo].caseless || (!d->caseless && memcmp(lits[lo].s, d->s + at, length) == 0)))
            return &lits[lo];
    return NULL;
}

/* The longest of them that d holds, at d->s[*at, ...) (its first place), or NULL. */
static const literal_text *longest_held(const literal_text *lits, size_t n, const uint8_t *compiled,
                                        const literal_text *d, size_t *at)
{
    for (size_t length = d->n; length >= MIN_HOLDER; length--)
        for (size_t i = 0; i + length <= d->n; i++) {
            const literal_text *h = held(lits, n, compiled, d, i, length);
            if (h) {
                *at = i;
                return h;
            }
        }
    return NULL;
}

static void free_served(fx_scan *scan)
{
    free(scan->served);
    free(scan->served_texts);
    scan->served = NULL;
    scan->served_texts = NULL;
    scan->served_count = scan->served_len = 0;
}

/* Which of the `count` expressions are served (scan_served), served[id]
 * set for them: from the shortest, a literal is served by the longest
 * compiled one it holds of at least MIN_HOLDER bytes (the first place of
 * it), else compiled; a caseless one only if it is ASCII. */
static void serve_by_holders(fx_scan *scan, const expressions *x, const size_t *first_use, size_t count, uint8_t *served)
{
    free_served(scan);
    literal_text *by_text = fx_xcalloc(count + 1, sizeof *by_text), *order = fx_xcalloc(count + 1, sizeof *order);
    uint8_t *compiled = fx_xcalloc(count + 1, 1);
    size_t n = 0;
    for (size_t k = 0; k < count; k++) {
        served[k] = 0;
        compiled[k] = 1;
        if (x->entries[first_use[k]].pattern) continue;
        text_out o = {0};
        put_literal_of(&o, x->patterns[first_use[k]]);
        compiled[k] = 0;    /* (until found to hold none) */
        by_text[n++] = (literal_text){o.s, o.len, (uint32_t)k, (x->flags[first_use[k]] & HS_FLAG_CASELESS) != 0};
    }
    memcpy(order, by_text, n * sizeof *order);
    qsort(by_text, n, sizeof *by_text, by_folded_text);
    qsort(order, n, sizeof *order, by_length_caseless_first);
    text_out pool = {0};
    for (size_t k = 0; k < n; k++) {
        const literal_text *d = &order[k], *h = NULL;
        size_t at = 0;
        if (!d->caseless || fx_all_ascii(d->s, d->n)) h = longest_held(by_text, n, compiled, d, &at);
        if (!h) {
            compiled[d->id] = 1;
            continue;
        }
        served[d->id] = 1;
        scan->served = fx_xrealloc(scan->served, (scan->served_count + 1) * sizeof *scan->served);
        scan->served[scan->served_count++] = (scan_served){.expression = d->id, .holder = h->id, .text = (uint32_t)pool.len,
                                                           .length = (uint32_t)d->n, .at = (uint32_t)at,
                                                           .holder_length = (uint32_t)h->n, .exact = !d->caseless,
                                                           .holder_caseless = (uint8_t)h->caseless};
        put(&pool, d->s, d->n);
    }
    scan->served_texts = pool.s;
    scan->served_len = pool.len;
    for (size_t k = 0; k < n; k++) free(by_text[k].s);
    free(by_text);
    free(order);
    free(compiled);
}

/* An entry's reach back from the report's end: the furthest first. */
static uint64_t reach(const scan_entry *e) { return e->back_from == NO_WIDTH ? UINT64_MAX : e->back_from; }

typedef struct numbered_entry {
    uint32_t expression;
    size_t use;
    scan_entry entry;
} numbered_entry;

static int by_expression_then_reach(const void *a, const void *b)
{
    const numbered_entry *x = a, *y = b;
    if (x->expression != y->expression) return x->expression < y->expression ? -1 : 1;
    if (reach(&x->entry) != reach(&y->entry)) return reach(&x->entry) > reach(&y->entry) ? -1 : 1;
    return (x->use > y->use) - (x->use < y->use);
}

/* scan->entries grouped by expression and scan->uses from the uses:
 * within an expression the entry that reaches furthest back first, so
 * that its walk over the text leaves what the others need (walk_back). */
static void group_entries(fx_scan *scan, const scan_entry *entries, const uint32_t *expression, size_t count,
                          size_t expression_count)
{
    numbered_entry *n = fx_xcalloc(count + 1, sizeof *n);
    for (size_t k = 0; k < count; k++) n[k] = (numbered_entry){expression[k], k, entries[k]};
    qsort(n, count, sizeof *n, by_expression_then_reach);
    scan->entries = fx_xcalloc(count + 1, sizeof *scan->entries);
    scan->uses = fx_xcalloc(expression_count + 1, sizeof *scan->uses);
    for (size_t k = 0; k < count; k++) {
        scan->entries[k] = n[k].entry;
        scan->uses[n[k].expression + 1] = (uint32_t)(k + 1);
    }
    scan->entry_count = count;
    scan->expression_count = expression_count;
    free(n);
}

static void add_need(fx_scan *scan, uint32_t rule, uint32_t reach, int exact, char **strings, uint32_t count)
{
    if (scan->need_count == scan->need_capacity) {   /* (a need is ~4 KB: not copied at each one added) */
        scan->need_capacity = scan->need_capacity ? 2 * scan->need_capacity : 64;
        scan->needs = fx_xrealloc(scan->needs, scan->need_capacity * sizeof *scan->needs);
    }
    scan->needs[scan->need_count++] = (scan_need){.rule = rule, .reach = reach, .spaces = NO_WIDTH,
                                                  .exact = (uint8_t)exact, .count = count, .strings = strings};
}

/* The string needs among needs[0, count) of rule r that are checked,
 * copied (at_literal, group: see scan_need). */
static void add_string_needs(fx_scan *scan, const fx_prefilter_need *needs, size_t count, uint32_t r,
                             int at_literal, size_t group)
{
    for (size_t k = 0; k < count; k++) {
        const fx_prefilter_need *n = &needs[k];
        if (!fx_scan_checks_need(n)) continue;
        char **strings = fx_xcalloc(n->count, sizeof *strings);
        for (size_t i = 0; i < n->count; i++) strings[i] = fx_xstrdup(n->strings[i]);
        add_need(scan, r, (uint32_t)n->reach, n->exact, strings, (uint32_t)n->count);
        scan_need *added = &scan->needs[scan->need_count - 1];
        added->at_literal = (uint8_t)at_literal;
        added->group = (uint8_t)group;
        if (at_literal == BEFORE_LITERAL) {
            added->past = (uint32_t)n->past;
            added->spaces = n->spaces < NO_WIDTH ? (uint32_t)n->spaces : NO_WIDTH;
        }
    }
}

/* The prefilter's needs of rule r (prefilter.h) that are checked, copied:
 * its classes first, as they cost one lookup per byte. */
static void add_needs(fx_scan *scan, const fx_prefilter *f, uint32_t r)
{
    for (size_t k = 0; k < f->class_need_count; k++) {
        const fx_prefilter_class_need *n = &f->class_needs[k];
        if (!fx_scan_checks_class_need(n)) continue;
        add_need(scan, r, (uint32_t)n->reach, 1, NULL, 0);
        memcpy(scan->needs[scan->need_count - 1].bytes, n->bytes, sizeof n->bytes);
    }
    add_string_needs(scan, f->needs, f->need_count, r, ON_WINDOWS, 0);
}

/* May a prefix (PREFIX_OF_LITERAL) have `count` strings? At most
 * NEED_STRINGS, or a table's (scan_need `ends`): required and as
 * written. */
static int prefix_strings_fit(size_t count, int exact, int required)
{
    return count > 0 && (count <= NEED_STRINGS || (required && exact && count <= FX_PREFILTER_MAX_TABLE_PREFIX));
}

/* Rule r's prefixes (prefilter.h), copied as its last needs, nearest the
 * literal first: after its needs at the literal, which are read as one
 * run (scan_rule lit_needs). All or none: a start before a prefix left
 * out would be missed. */
static void add_prefix(fx_scan *scan, const fx_prefilter *f, uint32_t r)
{
    for (size_t k = 0; k < f->prefix_count; k++)
        if (!prefix_strings_fit(f->prefix[k].count, f->prefix[k].exact, k == 0 && f->prefix_required) ||
            f->prefix[k].reach > NEED_REACH)
            return;
    for (size_t k = 0; k < f->prefix_count; k++) {
        const fx_prefilter_need *n = &f->prefix[k];
        char **strings = fx_xcalloc(n->count, sizeof *strings);
        for (size_t i = 0; i < n->count; i++) strings[i] = fx_xstrdup(n->strings[i]);
        add_need(scan, r, (uint32_t)n->reach, n->exact, strings, (uint32_t)n->count);
        scan_need *added = &scan->needs[scan->need_count - 1];
        added->at_literal = PREFIX_OF_LITERAL;
        added->required = k == 0 && f->prefix_required;
        memcpy(added->bytes, f->prefix_after[k], sizeof added->bytes);
    }
}

/* Are a's strings b's, in the same case? */
static int same_strings(const fx_prefilter_need *a, const fx_prefilter_need *b)
{
    if (a->count != b->count || a->exact != b->exact) return 0;
    for (size_t i = 0; i < a->count; i++) {
        size_t j = 0;
        while (j < b->count && strcmp(a->strings[i], b->strings[j]) != 0) j++;
        if (j == b->count) return 0;
    }
    return 1;
}

/* The needs before the literals of rule r (a LITERALS rule), of a group
 * (0: the rule's own; see scan_need), that are checked; not one whose
 * strings a need on the windows has (checked once a window, not at each
 * report: date.season_alone's "in ", "since " ... before the season). */
static void add_befores(fx_scan *scan, const fx_prefilter *f, uint32_t r, const fx_prefilter_need *list,
                        size_t list_count, size_t group)
{
    fx_prefilter_need befores[FX_PREFILTER_MAX_NEEDS];
    size_t count = 0;
    for (size_t k = 0; k < list_count; k++) {
        size_t n = 0;
        while (n < f->need_count && !(fx_scan_checks_need(&f->needs[n]) && same_strings(&f->needs[n], &list[k])))
            n++;
        if (n == f->need_count) befores[count++] = list[k];
    }
    add_string_needs(scan, befores, count, r, BEFORE_LITERAL, group);
}

/* The needs around the literals of rule r (a LITERALS rule) that are
 * checked: after them, before them, before a group's. */
static void add_lit_needs(fx_scan *scan, const fx_prefilter *f, uint32_t r)
{
    add_string_needs(scan, f->lit_needs, f->lit_need_count, r, AFTER_LITERAL, 0);
    add_befores(scan, f, r, f->lit_befores, f->lit_before_count, 0);
    for (size_t g = 0; g < f->group_count; g++) add_befores(scan, f, r, f->groups[g].befores, f->groups[g].count, g + 1);
}

/* Entries of every rule, then the databases of their distinct
 * expressions (scan->dbs); 0 when there is none. The rules that use an
 * expression Vectorscan refuses lose it (a pattern, or all their
 * literals) and the sets are compiled again. */
static int compile_all(const fx_context *ctx, fx_scan *scan)
{
    expressions x = {0};
    for (size_t r = 0; r < ctx->rule_count; r++) {
        const fx_rule *rule = &ctx->rules[r];
        scan->rules[r] = (scan_rule){.kind = FX_SCAN_PCRE2_ONLY};
        if (!rule->code || !rule->expanded) continue;
        /* literals with a bounded lead first: their windows are those of
         * the PCRE2 path, and literals cost Vectorscan least */
        fx_prefilter f;
        fx_prefilter_build(rule->expanded, (rule->flags & FX_RULE_CASELESS) != 0,
                           fx_rules_table(ctx, FX_PREFILTER_COMMON_WORDS), &f);
        add_needs(scan, &f, (uint32_t)r);
        int literals = literal_use(&f);
        if (literals == 1) {
            add_literals(scan, &x, &f, (uint32_t)r);
            scan->rules[r] = literal_rule(&f);
            add_lit_needs(scan, &f, (uint32_t)r);
            add_prefix(scan, &f, (uint32_t)r);
            fx_prefilter_free(&f);
            continue;
        }
        if (literals == 0 && word_rule(rule, &scan->rules[r])) {
            fx_prefilter_free(&f);
            continue;
        }
        uint32_t key_max = 0, key_min = 0;
        char *key = literals ? NULL : ahead_key(rule, &scan->rules[r], &key_max, &key_min);
        if (key) {
            add_expression(&x, key, rule_flags(rule), (scan_entry){(uint32_t)r, NO_WIDTH, key_min, key_max, 1, 0, 0, 0, 0});
            fx_prefilter_free(&f);
            continue;
        }
        scan->rules[r] = (scan_rule){.kind = FX_SCAN_PCRE2_ONLY};
        int superset = 0;
        size_t head = 0;
        char *pattern = fx_scan_translate(rule->expanded, &superset, &head);
        unsigned flags = rule_flags(rule);
        int64_t width = pattern ? head_width(pattern, &head, flags, NULL) : -1;
        fx_scan_kind kind = superset ? FX_SCAN_SUPERSET : FX_SCAN_EXACT;
        /* (Vectorscan's approximation of a pattern with its head would
         * not end where the rest's does: no head here) */
        if (pattern && width < 0 && (width = pattern_width(pattern, 0, flags | HS_FLAG_PREFILTER, NULL)) >= 0) {
            kind = FX_SCAN_PREFILTER;
            flags |= HS_FLAG_PREFILTER;
        }
        if (width >= 0 && width != NO_WIDTH) {
            add_expression(&x, pattern, flags, (scan_entry){(uint32_t)r, (uint32_t)width, 0, 0, 1, 0, 0, 0, 0});
            scan->rules[r].kind = (uint8_t)kind;
        } else if (literals == 2) {
            free(pattern);
            add_literals(scan, &x, &f, (uint32_t)r);
            scan->rules[r] = literal_rule(&f);
            add_lit_needs(scan, &f, (uint32_t)r);
        } else {
            /* no literal: the part every match starts with, if bounded
             * (after the head, which stays in front of it) */
            char *start = pattern ? fx_scan_prefix(pattern + head) : NULL;
            char *prefix = NULL;
            if (start && head && add_head_literals(&x, rule, (uint32_t)r, pattern, head, start)) {
                scan->rules[r] = (scan_rule){.kind = FX_SCAN_PREFIX, .spaces = NO_WIDTH};
                free(start);
                start = NULL;
            } else if (start) {
                text_out o = {0};
                put(&o, pattern, head);
                puts_(&o, start);
                prefix = o.s;
                free(start);
            }
            uint32_t min_width = 0;
            flags = rule_flags(rule);
            width = prefix ? head_width(prefix, &head, flags, &min_width) : -1;
            if (width >= 0 && width != NO_WIDTH) {
                add_expression(&x, prefix, flags, (scan_entry){(uint32_t)r, (uint32_t)width, min_width, 0, 1, 0, 0, 0, 0});
                scan->rules[r].kind = FX_SCAN_PREFIX;
            } else {
                free(prefix);
            }
            free(pattern);
        }
        fx_prefilter_free(&f);
    }
    uint32_t *expression = fx_xcalloc(x.count + 1, sizeof *expression);
    size_t *first_use = fx_xcalloc(x.count + 1, sizeof *first_use);
    uint8_t *served = fx_xcalloc(x.count + 1, 1);
    size_t count = 0;
    int compiled = 0;
    for (;;) {
        count = number_expressions(&x, expression, first_use);
        serve_by_holders(scan, &x, first_use, count, served);
        int bad = -1;
        compiled = 1;
        for (int d = 0; d < DB_COUNT && compiled; d++) {
            const char **patterns = fx_xcalloc(count + 1, sizeof *patterns);
            unsigned *flags = fx_xcalloc(count + 1, sizeof *flags), *ids = fx_xcalloc(count + 1, sizeof *ids);
            size_t n = 0;
            for (size_t k = 0; k < count; k++) {
                if ((d == PATTERN_DB) != (x.entries[first_use[k]].pattern != 0) || served[k]) continue;
                patterns[n] = x.patterns[first_use[k]];
                flags[n] = x.flags[first_use[k]];
                ids[n++] = (unsigned)k;
            }
            hs_compile_error_t *error = NULL;
            if (n && hs_compile_multi(patterns, flags, ids, (unsigned)n, HS_MODE_BLOCK, NULL, &scan->dbs[d], &error) !=
                         HS_SUCCESS) {
                compiled = 0;
                bad = error->expression < 0 ? -1 : (int)ids[error->expression];
                hs_free_compile_error(error);
                scan->dbs[d] = NULL;
            }
            free(patterns);
            free(flags);
            free(ids);
        }
        if (compiled) break;
        for (int d = 0; d < DB_COUNT; d++) {
            hs_free_database(scan->dbs[d]);
            scan->dbs[d] = NULL;
        }
        if (bad < 0) break;   /* the set as a whole: no database */
        /* every rule that uses the refused expression loses it: its
         * pattern, or all its literals */
        for (size_t k = 0; k < x.count; k++)
            if (expression[k] == (uint32_t)bad) scan->rules[x.entries[k].rule].kind = FX_SCAN_KIND_COUNT;
        size_t kept = 0;
        for (size_t k = 0; k < x.count; k++) {
            if (scan->rules[x.entries[k].rule].kind == FX_SCAN_KIND_COUNT) {
                free(x.patterns[k]);
                continue;
            }
            x.patterns[kept] = x.patterns[k];
            x.flags[kept] = x.flags[k];
            x.entries[kept++] = x.entries[k];
        }
        x.count = kept;
        for (size_t r = 0; r < ctx->rule_count; r++)
            if (scan->rules[r].kind == FX_SCAN_KIND_COUNT) scan->rules[r] = (scan_rule){.kind = FX_SCAN_PCRE2_ONLY};
    }
    for (size_t k = 0; k < x.count; k++) free(x.patterns[k]);
    free(x.patterns);
    free(x.flags);
    free(first_use);
    free(served);
    compiled = compiled && count > 0;
    if (!compiled) free_served(scan);
    if (compiled) group_entries(scan, x.entries, expression, x.count, count);
    free(x.entries);
    free(expression);
    return compiled;
}

/* ---- the cache (cache.h) ---- */

/* Changed with how factx reads a pattern (the translation, the literals)
 * or with the layout of the contents. */
#define CACHE_VERSION "scan 42"

/* The cache key: what the database is made from. The rules' hash (every
 * pattern after {NAME} expansion, and its flags), how their literals are
 * chosen (FX_PREFILTER_VERSION), Vectorscan's version and the CPU it
 * compiles for. */
static void cache_open(const fx_context *ctx, fx_cache_file *c)
{
    hs_platform_info_t platform;
    memset(&platform, 0, sizeof platform);
    hs_populate_platform(&platform);
    char text[400];
    int n = snprintf(text, sizeof text, "%s %s\n%s\n%u %llu %d %zu\n%s\n", CACHE_VERSION, FX_PREFILTER_VERSION,
                     hs_version(), platform.tune, (unsigned long long)platform.cpu_features, MAX_BYTES, ctx->rule_count,
                     ctx->rules_hash);
    text_out key = {0};
    put(&key, text, (size_t)n);
    const fx_table *common = fx_rules_table(ctx, FX_PREFILTER_COMMON_WORDS);   /* they choose literals too */
    for (size_t r = 0; common && r < common->row_count; r++) {
        put(&key, common->rows[r].key, common->rows[r].key_length);
        puts_(&key, "\n");
    }
    fx_cache_open(c, "scan", "hsdb", key.s, key.len);
    free(key.s);
}

static void put_u32(text_out *o, uint32_t v)
{
    unsigned char b[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16), (unsigned char)(v >> 24)};
    put(o, (const char *)b, 4);
}

static uint32_t get_u32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Contents: per rule its kind, whole, walk and walk_near (a byte each),
 * before and near (4 x 8 bytes each), far and spaces (4 bytes each), the
 * number of entries (4 bytes), per entry its expression id, rule, back_from,
 * back_to, span (4 bytes each), pattern (a byte), follow (4 bytes),
 * group (a byte) and precede (4 bytes), grouped by expression id from 0 up; the number of
 * served expressions (4 bytes), per one its expression, holder, length,
 * at and holder_length (4 bytes each), exact and holder_caseless (bits 0
 * and 1 of a byte) and its text's bytes; the number of classes after
 * and before literals (4 bytes) and each (4 x 8 bytes), the number of needs (4 bytes), per need its
 * rule, reach, past, spaces (4 bytes each), exact and at_literal (bit 0
 * and bits 1-2 of a byte), group (a byte), number of strings (4 bytes)
 * and each string's length (4 bytes) and bytes (no strings: a class need,
 * its 256 bits as 8 numbers of 4 bytes), in the order of their
 * rules, then the databases of literals and of
 * patterns, each its length (4 bytes, 0: none) and serialised; numbers
 * are little endian. Anything that does not fit makes it a miss. */
#define RULE_BYTES 180
#define ENTRY_BYTES 30
#define SERVED_BYTES 21
static void free_needs(fx_scan *scan)
{
    for (size_t k = 0; k < scan->need_count; k++) {
        for (uint32_t i = 0; i < scan->needs[k].count; i++) free(scan->needs[k].strings[i]);
        free(scan->needs[k].strings);
        free(scan->needs[k].ends);
        free(scan->needs[k].lengths);
    }
    free(scan->needs);
    scan->needs = NULL;
    scan->need_count = scan->need_capacity = 0;
}

/* May a need of rule with at_literal follow the needs read so far? A
 * rule's prefixes come last, at most FX_PREFILTER_MAX_PREFIXES. */
static int prefix_fits(const fx_scan *scan, uint32_t rule, int at_literal)
{
    size_t prefixes = 0;
    for (size_t k = scan->need_count; k > 0 && scan->needs[k - 1].rule == rule; k--)
        if (scan->needs[k - 1].at_literal == PREFIX_OF_LITERAL) prefixes++;
    return at_literal == PREFIX_OF_LITERAL ? prefixes < FX_PREFILTER_MAX_PREFIXES : prefixes == 0;
}

/* Is the need to be read after those read so far rule's first prefix? */
static int first_prefix(const fx_scan *scan, uint32_t rule)
{
    return !(scan->need_count && scan->needs[scan->need_count - 1].rule == rule &&
             scan->needs[scan->need_count - 1].at_literal == PREFIX_OF_LITERAL);
}

/* The needs from bytes[*at..len), *at moved past them: 0, or -1 when they
 * do not fit. */
static int read_needs(const unsigned char *bytes, size_t len, size_t *at, fx_scan *scan)
{
    if (len - *at < 4) return -1;
    size_t count = get_u32(bytes + *at);
    *at += 4;
    for (size_t k = 0; k < count; k++) {
        if (len - *at < 22) return -1;
        uint32_t rule = get_u32(bytes + *at), reach = get_u32(bytes + *at + 4), past = get_u32(bytes + *at + 8),
                 spaces = get_u32(bytes + *at + 12), strings = get_u32(bytes + *at + 18);
        int exact = bytes[*at + 16] & 1, at_literal = (bytes[*at + 16] >> 1) & 3, required = bytes[*at + 16] >> 3,
            group = bytes[*at + 17];
        *at += 22;
        if (rule >= scan->rule_count || at_literal > PREFIX_OF_LITERAL || (at_literal && strings == 0) || reach == 0 ||
            group > FX_PREFILTER_MAX_GROUPS || (group && at_literal != BEFORE_LITERAL) ||
            (at_literal == PREFIX_OF_LITERAL ? !prefix_strings_fit(strings, exact, required) || reach > NEED_REACH
             : strings ? !need_fits(reach, past, spaces == NO_WIDTH ? FX_PREFILTER_UNBOUNDED : spaces, strings)
                       : reach > NEED_REACH) ||
            (at_literal != BEFORE_LITERAL && (past || spaces != NO_WIDTH)) ||
            (scan->need_count && rule < scan->needs[scan->need_count - 1].rule) || !prefix_fits(scan, rule, at_literal) ||
            (required && !(at_literal == PREFIX_OF_LITERAL && required == 1 && first_prefix(scan, rule))))
            return -1;
        if (strings == 0) {   /* a class: its 256 bits */
            if (len - *at < 32) return -1;
            add_need(scan, rule, reach, exact, NULL, 0);
            uint64_t *bytes_of = scan->needs[scan->need_count - 1].bytes, any = 0;
            for (int w = 0; w < 4; w++, *at += 8)
                any |= bytes_of[w] = get_u32(bytes + *at) | (uint64_t)get_u32(bytes + *at + 4) << 32;
            if (!any) return -1;
            continue;
        }
        char **list = fx_xcalloc(strings, sizeof *list);
        add_need(scan, rule, reach, exact, list, strings);
        scan_need *added = &scan->needs[scan->need_count - 1];
        added->at_literal = (uint8_t)at_literal;
        added->group = (uint8_t)group;
        added->past = past;
        added->spaces = spaces;
        added->required = (uint8_t)required;
        for (uint32_t i = 0; i < strings; i++) {
            size_t n = len - *at >= 4 ? get_u32(bytes + *at) : SIZE_MAX;
            if (n == SIZE_MAX || n == 0 || n > len - *at - 4 || memchr(bytes + *at + 4, '\0', n)) return -1;
            list[i] = fx_xstrndup((const char *)bytes + *at + 4, n);
            *at += 4 + n;
        }
        if (at_literal == PREFIX_OF_LITERAL) {   /* and its byte after the strings */
            if (len - *at < 32) return -1;
            for (int w = 0; w < 4; w++, *at += 8) added->bytes[w] = get_u32(bytes + *at) | (uint64_t)get_u32(bytes + *at + 4) << 32;
        }
    }
    return 0;
}

/* The served expressions from bytes[*at..len), *at moved past them: 0,
 * or -1 when they do not fit (the entries read before them). */
static int read_served(const unsigned char *bytes, size_t len, size_t *at, fx_scan *scan)
{
    size_t count = len - *at >= 4 ? get_u32(bytes + *at) : SIZE_MAX;
    *at += 4;
    if (count > (len - *at) / SERVED_BYTES) return -1;
    scan->served = fx_xcalloc(count + 1, sizeof *scan->served);
    text_out pool = {0};
    for (; scan->served_count < count; scan->served_count++) {
        if (len - *at < SERVED_BYTES) break;
        const unsigned char *b = bytes + *at;
        scan_served d = {.expression = get_u32(b), .holder = get_u32(b + 4), .text = (uint32_t)pool.len,
                         .length = get_u32(b + 8), .at = get_u32(b + 12), .holder_length = get_u32(b + 16),
                         .exact = b[20] & 1, .holder_caseless = (b[20] >> 1) & 1};
        *at += SERVED_BYTES;
        if (d.expression >= scan->expression_count || d.holder >= scan->expression_count || d.holder == d.expression ||
            d.holder_length == 0 || d.length > len - *at || d.at > d.length || d.holder_length > d.length - d.at)
            break;
        put(&pool, (const char *)bytes + *at, d.length);
        *at += d.length;
        scan->served[scan->served_count] = d;
    }
    scan->served_texts = pool.s;
    scan->served_len = pool.len;
    return scan->served_count == count ? 0 : -1;
}

static int cache_read(const fx_cache_file *c, fx_scan *scan)
{
    size_t len, at = 0;
    const unsigned char *bytes = fx_cache_map(c, &len);
    int ok = bytes && len > RULE_BYTES * scan->rule_count + 4;
    for (size_t r = 0; ok && r < scan->rule_count; r++, at += RULE_BYTES) {
        scan_rule *rule = &scan->rules[r];
        *rule = (scan_rule){.kind = bytes[at], .whole = bytes[at + 1], .walk = bytes[at + 2], .walk_near = bytes[at + 3]};
        for (int k = 0; k < 4; k++) {
            rule->before[k] = (uint64_t)get_u32(bytes + at + 4 + 8 * k) | (uint64_t)get_u32(bytes + at + 8 + 8 * k) << 32;
            rule->near[k] = (uint64_t)get_u32(bytes + at + 36 + 8 * k) | (uint64_t)get_u32(bytes + at + 40 + 8 * k) << 32;
        }
        rule->far = get_u32(bytes + at + 68);
        rule->spaces = get_u32(bytes + at + 72);
        for (int k = 0; k < 4; k++)
            rule->lit_before[k] = (uint64_t)get_u32(bytes + at + 76 + 8 * k) | (uint64_t)get_u32(bytes + at + 80 + 8 * k) << 32;
        rule->lit_reach = get_u32(bytes + at + 108);
        for (int k = 0; k < 4; k++)
            rule->lit_after[k] = (uint64_t)get_u32(bytes + at + 112 + 8 * k) | (uint64_t)get_u32(bytes + at + 116 + 8 * k) << 32;
        rule->lit_after_reach = get_u32(bytes + at + 144);
        for (int k = 0; k < 4; k++)
            rule->after_space[k] = (uint64_t)get_u32(bytes + at + 148 + 8 * k) | (uint64_t)get_u32(bytes + at + 152 + 8 * k) << 32;
        ok = bytes[at] < FX_SCAN_KIND_COUNT && bytes[at + 1] <= 1 && bytes[at + 2] <= 1 && bytes[at + 3] <= 1 &&
             rule->lit_reach <= FX_PREFILTER_LIT_REACH && rule->lit_after_reach <= FX_PREFILTER_LIT_REACH;
    }
    size_t count = ok ? get_u32(bytes + at) : 0;
    at += 4;
    ok = ok && count <= (len - at) / ENTRY_BYTES;
    if (ok) {
        scan->entries = fx_xcalloc(count + 1, sizeof *scan->entries);
        scan->uses = fx_xcalloc(count + 2, sizeof *scan->uses);
        scan->entry_count = count;
    }
    for (size_t k = 0; ok && k < count; k++, at += ENTRY_BYTES) {
        uint32_t id = get_u32(bytes + at);
        scan->entries[k] = (scan_entry){get_u32(bytes + at + 4), get_u32(bytes + at + 8), get_u32(bytes + at + 12),
                                        get_u32(bytes + at + 16), bytes[at + 20], get_u32(bytes + at + 21), 0,
                                        bytes[at + 25], get_u32(bytes + at + 26)};
        ok = scan->entries[k].rule < scan->rule_count && scan->entries[k].pattern <= 1 &&
             scan->entries[k].group <= FX_PREFILTER_MAX_GROUPS && !(scan->entries[k].group && scan->entries[k].pattern);
        if (id == scan->expression_count) {   /* the first entry of the next expression */
            scan->uses[id] = (uint32_t)k;
            scan->expression_count++;
        } else {
            ok = ok && id + 1 == scan->expression_count;
        }
    }
    if (ok) scan->uses[scan->expression_count] = (uint32_t)count;
    ok = ok && read_served(bytes, len, &at, scan) == 0;
    size_t follows = ok && len - at >= 4 ? get_u32(bytes + at) : 0;
    at += 4;
    ok = ok && follows <= (len - at) / 32;
    if (ok && follows) scan->lit_classes = fx_xcalloc(follows, sizeof *scan->lit_classes);
    for (; ok && scan->lit_class_count < follows; scan->lit_class_count++)
        for (int w = 0; w < 4; w++, at += 8)
            scan->lit_classes[scan->lit_class_count][w] = get_u32(bytes + at) | (uint64_t)get_u32(bytes + at + 4) << 32;
    for (size_t k = 0; ok && k < count; k++)
        ok = scan->entries[k].follow <= scan->lit_class_count && scan->entries[k].precede <= scan->lit_class_count;
    ok = ok && read_needs(bytes, len, &at, scan) == 0;
    for (int d = 0; ok && d < DB_COUNT; d++) {   /* each: its length (0: none), its bytes */
        size_t db_len = at + 4 <= len ? get_u32(bytes + at) : SIZE_MAX;
        at += 4;
        ok = db_len <= len - at &&
             (db_len == 0 || hs_deserialize_database((const char *)bytes + at, db_len, &scan->dbs[d]) == HS_SUCCESS);
        at += ok ? db_len : 0;
    }
    ok = ok && at == len && (scan->dbs[LITERAL_DB] || scan->dbs[PATTERN_DB]);
    fx_cache_unmap(bytes, len);
    if (!ok) {
        for (int d = 0; d < DB_COUNT; d++) {
            hs_free_database(scan->dbs[d]);
            scan->dbs[d] = NULL;
        }
        free(scan->entries);
        free(scan->uses);
        free(scan->lit_classes);
        scan->entries = NULL;
        scan->uses = NULL;
        scan->lit_classes = NULL;
        scan->entry_count = scan->expression_count = scan->lit_class_count = 0;
        free_served(scan);
        free_needs(scan);
    }
    return ok ? 0 : -1;
}

/* 0 on success, else -1 with errno set. */
static int cache_write(const fx_cache_file *c, const fx_scan *scan)
{
    text_out o = {0};
    for (size_t r = 0; r < scan->rule_count; r++) {
        const scan_rule *rule = &scan->rules[r];
        char b[4] = {(char)rule->kind, (char)rule->whole, (char)rule->walk, (char)rule->walk_near};
        put(&o, b, 4);
        for (int k = 0; k < 4; k++) {
            put_u32(&o, (uint32_t)rule->before[k]);
            put_u32(&o, (uint32_t)(rule->before[k] >> 32));
        }
        for (int k = 0; k < 4; k++) {
            put_u32(&o, (uint32_t)rule->near[k]);
            put_u32(&o, (uint32_t)(rule->near[k] >> 32));
        }
        put_u32(&o, rule->far);
        put_u32(&o, rule->spaces);
        for (int k = 0; k < 4; k++) {
            put_u32(&o, (uint32_t)rule->lit_before[k]);
            put_u32(&o, (uint32_t)(rule->lit_before[k] >> 32));
        }
        put_u32(&o, rule->lit_reach);
        for (int k = 0; k < 4; k++) {
            put_u32(&o, (uint32_t)rule->lit_after[k]);
            put_u32(&o, (uint32_t)(rule->lit_after[k] >> 32));
        }
        put_u32(&o, rule->lit_after_reach);
        for (int k = 0; k < 4; k++) {
            put_u32(&o, (uint32_t)rule->after_space[k]);
            put_u32(&o, (uint32_t)(rule->after_space[k] >> 32));
        }
    }
    put_u32(&o, (uint32_t)scan->entry_count);
    for (size_t id = 0, k = 0; k < scan->entry_count; k++) {
        const scan_entry *e = &scan->entries[k];
        while (k >= scan->uses[id + 1]) id++;
        put_u32(&o, (uint32_t)id);
        put_u32(&o, e->rule);
        put_u32(&o, e->back_from);
        put_u32(&o, e->back_to);
        put_u32(&o, e->span);
        put(&o, (const char *)&e->pattern, 1);
        put_u32(&o, e->follow);
        put(&o, (const char *)&e->group, 1);
        put_u32(&o, e->precede);
    }
    put_u32(&o, (uint32_t)scan->served_count);
    for (size_t k = 0; k < scan->served_count; k++) {
        const scan_served *d = &scan->served[k];
        put_u32(&o, d->expression);
        put_u32(&o, d->holder);
        put_u32(&o, d->length);
        put_u32(&o, d->at);
        put_u32(&o, d->holder_length);
        char flags = (char)(d->exact | d->holder_caseless << 1);
        put(&o, &flags, 1);
        put(&o, scan->served_texts + d->text, d->length);
    }
    put_u32(&o, (uint32_t)scan->lit_class_count);
    for (size_t k = 0; k < scan->lit_class_count; k++)
        for (int w = 0; w < 4; w++) {
            put_u32(&o, (uint32_t)scan->lit_classes[k][w]);
            put_u32(&o, (uint32_t)(scan->lit_classes[k][w] >> 32));
        }
    put_u32(&o, (uint32_t)scan->need_count);
    for (size_t k = 0; k < scan->need_count; k++) {
        const scan_need *n = &scan->needs[k];
        put_u32(&o, n->rule);
        put_u32(&o, n->reach);
        put_u32(&o, n->past);
        put_u32(&o, n->spaces);
        char flags[2] = {(char)(n->exact | n->at_literal << 1 | n->required << 3), (char)n->group};
        put(&o, flags, 2);
        put_u32(&o, n->count);
        for (uint32_t i = 0; i < n->count; i++) {
            put_u32(&o, (uint32_t)strlen(n->strings[i]));
            puts_(&o, n->strings[i]);
        }
        for (int w = 0; w < 4 && (n->count == 0 || n->at_literal == PREFIX_OF_LITERAL); w++) {
            put_u32(&o, (uint32_t)n->bytes[w]);
            put_u32(&o, (uint32_t)(n->bytes[w] >> 32));
        }
    }
    for (int d = 0; d < DB_COUNT; d++) {
        char *db = NULL;
        size_t db_len = 0;
        if (scan->dbs[d] && (hs_serialize_database(scan->dbs[d], &db, &db_len) != HS_SUCCESS || db_len > UINT32_MAX)) {
            free(db);
            free(o.s);
            errno = ENOMEM;
            return -1;
        }
        put_u32(&o, (uint32_t)db_len);
        if (db_len) put(&o, db, db_len);
        free(db);
    }
    int rc = fx_cache_write(c, o.s, o.len);
    free(o.s);
    return rc;
}

/* The index of set in scan->sets, added if new. */
static uint32_t set_index(fx_scan *scan, const uint64_t *bits)
{
    for (size_t k = 0; k < scan->set_count; k++)
        if (memcmp(scan->sets[k].bits, bits, sizeof scan->sets[k].bits) == 0) return (uint32_t)k;
    if (scan->set_count == scan->set_capacity) {
        scan->set_capacity = scan->set_capacity ? 2 * scan->set_capacity : 64;
        scan->sets = fx_xrealloc(scan->sets, scan->set_capacity * sizeof *scan->sets);
    }
    byte_set *set = &scan->sets[scan->set_count];
    memcpy(set->bits, bits, sizeof set->bits);
    for (unsigned c = 0; c < 256; c++) set->in[c] = (uint8_t)((bits[c >> 6] >> (c & 63)) & 1);
    unsigned lo = 0, hi;
    while (lo < 256 && set->in[lo]) lo++;
    for (hi = lo; hi + 1 < 256 && !set->in[hi + 1]; hi++) {}
    unsigned after = hi + 1;
    while (after < 256 && set->in[after]) after++;
    set->has_range = lo < 256 && after == 256;
    set->out_lo = (uint8_t)lo;
    set->out_width = (uint8_t)(hi - lo);
    ascii_range(bits, &set->in_lo, &set->in_width);
    return (uint32_t)scan->set_count++;
}

/* The need's leads (scan_need) from its strings' bytes at `offset`; 0
 * when a string has none there or there are more than 8. */
static int find_leads(scan_need *n, unsigned offset)
{
    n->lead_count = 0;
    n->lead_offset = (uint8_t)offset;
    for (uint32_t i = 0; i < n->count; i++) {
        unsigned char lead = (unsigned char)(n->strings[i][offset] | (n->exact ? 0 : 0x20));
        if (strlen(n->strings[i]) <= offset || (n->lead_count == 8 && !memchr(n->leads, lead, 8))) {
            n->lead_count = 0;
            return 0;
        }
        if (!memchr(n->leads, lead, n->lead_count)) n->leads[n->lead_count++] = lead;
    }
    return 1;
}

/* String i of need n indexed by one of its ends: its bit at byte c (a
 * caseless letter's either case) in n->starting, and at every byte that
 * may lie next to c in it, c2 (0: any), in n->second. */
static void index_string(scan_need *n, uint32_t i, unsigned char c, unsigned char c2)
{
    uint64_t bit = (uint64_t)1 << i;
    n->starting[c] |= bit;
    if (!n->exact && is_ascii_letter(c)) n->starting[c & ~0x20] |= bit;
    if (!c2) {
        for (unsigned b = 0; b < 256; b++) n->second[b] |= bit;
        return;
    }
    n->second[c2] |= bit;
    if (!n->exact && is_ascii_letter(c2)) n->second[c2 & ~0x20u] |= bit;
}

/* The last two bytes of a string of at least one byte (the second 0
 * where it has one), as one key. */
static unsigned end_key(const char *string, size_t length)
{
    return (unsigned)(unsigned char)string[length - 1] << 8 | (length > 1 ? (unsigned char)string[length - 2] : 0);
}

static int by_end_key(const void *a, const void *b)
{
    const char *x = *(const char *const *)a, *y = *(const char *const *)b;
    unsigned kx = end_key(x, strlen(x)), ky = end_key(y, strlen(y));
    return kx < ky ? -1 : kx > ky ? 1 : strcmp(x, y);
}

/* A table's prefix indexed by its strings' last bytes (scan_need `ends`). */
static void index_table(scan_need *n)
{
    qsort(n->strings, n->count, sizeof *n->strings, by_end_key);
    n->ends = fx_xcalloc(257, sizeof *n->ends);
    for (uint32_t i = 0; i < n->count; i++) {
        n->lengths[i] = (uint32_t)strlen(n->strings[i]);
        n->ends[(unsigned char)n->strings[i][n->lengths[i] - 1] + 1]++;
    }
    for (unsigned c = 0; c < 256; c++) n->ends[c + 1] += n->ends[c];
}

/* Does each string of need s hold a byte of class need c early enough that
 * where one of them lies in a window's reach of s, that byte lies in its
 * reach of c? Bytes of a string as written, or not letters. */
static int strings_hold_class(const scan_need *s, const scan_need *c)
{
    for (uint32_t i = 0; i < s->count; i++) {
        size_t length = strlen(s->strings[i]), j = 0;
        for (; j < length; j++) {
            unsigned char b = (unsigned char)s->strings[i][j];
            /* (the string ends at most s->reach bytes after a start: byte j at most s->reach - length + j) */
            if ((s->exact || !is_ascii_letter(b)) && ((c->bytes[b >> 6] >> (b & 63)) & 1) && s->reach - length + j < c->reach)
                break;
        }
        if (j == length) return 0;
    }
    return 1;
}

/* Does every window of need n's rule meet it, ON_WINDOWS? So where it is
 * a class need with the bytes of its rule's lit_after (date.month_day's
 * digit within 48 bytes): every window ends at or after the start of a
 * literal that has one of them after it, within lit_after_reach of that
 * start (around_literal), so inside the need's reach of the window. Or
 * where every window that meets another need of the rule's, of strings,
 * meets it (date.month_year's "1" or "2" within 31 bytes, where "18",
 * "19" or "20" must end within 32). */
static int implied_need(const fx_scan *scan, const scan_need *n)
{
    const scan_rule *rule = &scan->rules[n->rule];
    if (n->at_literal != ON_WINDOWS || n->count != 0) return 0;
    for (uint32_t k = scan->rule_needs[n->rule]; k < scan->rule_needs[n->rule + 1]; k++) {
        const scan_need *s = &scan->needs[k];
        /* (not one that passes a KELVIN SIGN or LONG S alone: holds_need) */
        if (s->at_literal == ON_WINDOWS && s->count != 0 && !s->kelvin && strings_hold_class(s, n)) return 1;
    }
    if (rule->lit_after_reach == 0 || rule->lit_after_reach > n->reach) return 0;
    for (int k = 0; k < 4; k++)
        if (rule->lit_after[k] & ~n->bytes[k]) return 0;
    return 1;
}

/* Each rule's needs found fast (scan->rule_needs), and the bytes their
 * strings start with. */
static void index_needs(fx_scan *scan)
{
    scan->rule_needs = fx_xcalloc(scan->rule_count + 1, sizeof *scan->rule_needs);
    for (size_t k = 0; k < scan->need_count; k++) {
        scan_need *n = &scan->needs[k];
        scan->rule_needs[n->rule + 1]++;
        memset(n->starting, 0, sizeof n->starting);
        memset(n->second, 0, sizeof n->second);
        if (n->at_literal == PREFIX_OF_LITERAL) {
            if (scan->rules[n->rule].prefix_count++ == 0) scan->rules[n->rule].prefix = (uint32_t)k + 1;
            n->lengths = fx_xcalloc(n->count, sizeof *n->lengths);
            if (n->count > NEED_STRINGS) {
                index_table(n);
                continue;
            }
            for (uint32_t i = 0; i < n->count; i++) {   /* by their last bytes */
                size_t length = n->lengths[i] = (uint32_t)strlen(n->strings[i]);
                unsigned char c = (unsigned char)n->strings[i][length - 1], c2 = length > 1 ? (unsigned char)n->strings[i][length - 2] : 0;
                /* a folded k or s may be KELVIN SIGN or LONG S, whose last
                 * bytes are 0xAA and 0xBF: the byte before it is then any */
                int wide = !n->exact && (c == 'k' || c == 's');
                index_string(n, i, c, wide ? 0 : c2);
                uint64_t bit = (uint64_t)1 << i;
                if (wide) n->starting[c == 'k' ? 0xAA : 0xBF] |= bit;
                if (!n->exact && (c2 == 'k' || c2 == 's')) n->second[c2 == 'k' ? 0xAA : 0xBF] |= bit;
            }
            continue;
        }
        if (n->at_literal && scan->rules[n->rule].lit_need_count++ == 0) scan->rules[n->rule].lit_needs = (uint32_t)k;
        for (unsigned c = 0; c < 256 && n->count == 0; c++) n->starting[c] = (n->bytes[c >> 6] >> (c & 63)) & 1;
        for (uint32_t i = 0; i < n->count; i++) {   /* by their first bytes (one byte long: any second) */
            index_string(n, i, (unsigned char)n->strings[i][0], (unsigned char)n->strings[i][1]);
            for (const char *p = n->strings[i]; !n->exact && *p; p++) n->kelvin |= *p == 'k' || *p == 's';
        }
    }
    for (size_t r = 0; r < scan->rule_count; r++) scan->rule_needs[r + 1] += scan->rule_needs[r];
    for (size_t k = 0; k < scan->need_count; k++) {
        scan_need *n = &scan->needs[k];
        if (n->at_literal == PREFIX_OF_LITERAL) continue;
        n->implied = (uint8_t)implied_need(scan, n);   /* (only class needs: a string need is never implied) */
        unsigned bytes = 0;
        for (unsigned c = 0; c < 256; c++)
            if (n->starting[c] && bytes++ < 2) n->first[bytes - 1] = (unsigned char)c;
        n->first_count = (uint8_t)(bytes <= 2 && n->count ? bytes : 0);
        if (!n->first_count) find_leads(n, 0);
        if (n->first_count == 1 && n->first[0] == ' ' && find_leads(n, 1)) n->first_count = 0;
        unsigned lo = 0, hi, high = 0;
        while (lo < 128 && !n->starting[lo]) lo++;
        for (hi = lo; hi + 1 < 128 && n->starting[hi + 1]; hi++) {}
        unsigned after = hi + 1;
        while (after < 128 && !n->starting[after]) after++;
        for (unsigned c = 128; c < 256; c++) high += n->starting[c] != 0;
        n->has_range = n->count == 0 && lo < 128 && after == 128 && (high == 0 || high == 128);
        n->range_lo = (uint8_t)lo;
        n->range_width = (uint8_t)(hi - lo);
        n->high = high != 0;
        scan_rule *rule = &scan->rules[n->rule];
        if (n->at_literal == ON_WINDOWS && n->count && rule->walk && !rule->early_need) rule->early_need = (uint32_t)k + 1;
    }
}

/* The sets of bytes the rules walk over, each once: rules with the same
 * set share what its walks found (walk_memo). First the classes after
 * and before literals, in their order (scan_entry `follow`, `precede`). */
/* How many of the ASCII lowercase letters are not in bytes. */
static int lowercase_left_out(const uint64_t bytes[4])
{
    int n = 0;
    for (unsigned c = 'a'; c <= 'z'; c++) n += !((bytes[c >> 6] >> (c & 63)) & 1);
    return n;
}

static void find_sets(fx_scan *scan)
{
    for (size_t k = 0; k < scan->lit_class_count; k++) set_index(scan, scan->lit_classes[k]);
    for (size_t r = 0; r < scan->rule_count; r++) {
        scan_rule *rule = &scan->rules[r];
        int words = rule->kind == FX_SCAN_WORDS;   /* its first bytes and the next's */
        if (rule->walk || words) rule->before_set = set_index(scan, rule->before);
        if (rule->walk_near || words) rule->near_set = set_index(scan, rule->near);
        if (rule->lit_reach) rule->lit_set = set_index(scan, rule->lit_before);
        if (rule->lit_after_reach) rule->lit_after_set = set_index(scan, rule->lit_after);
        rule->cut_space = rule->kind == FX_SCAN_LITERALS && rule->walk && lowercase_left_out(rule->after_space) >= 13;
        if (rule->cut_space) rule->after_space_set = set_index(scan, rule->after_space);
    }
    /* the walks' memos are made empty per document: only theirs (a few dozen of ~150 sets) */
    uint8_t *seen = fx_xcalloc(scan->set_count + 1, 1);
    scan->walked = fx_xcalloc(scan->set_count + 1, sizeof *scan->walked);
    for (size_t r = 0; r < scan->rule_count; r++) {
        const scan_rule *rule = &scan->rules[r];
        uint32_t sets[2] = {rule->walk ? rule->before_set + 1 : 0, rule->walk_near ? rule->near_set + 1 : 0};
        for (int k = 0; k < 2; k++)
            if (sets[k] && !seen[sets[k] - 1]++) scan->walked[scan->walked_count++] = sets[k] - 1;
    }
    free(seen);
}

/* keys[0, n) against keys[0, m): the shorter first where one starts the other */
static int key_compare(const unsigned char *a, size_t n, const unsigned char *b, size_t m)
{
    int c = memcmp(a, b, n < m ? n : m);
    return c ? c : (n > m) - (n < m);
}

static int by_holder_then_keys(const void *a, const void *b)
{
    const scan_served *x = a, *y = b;
    if (x->holder != y->holder) return x->holder < y->holder ? -1 : 1;
    int c = key_compare(x->keys, x->after, y->keys, y->after);
    if (!c) c = key_compare(x->keys + KEY_BYTES, x->before, y->keys + KEY_BYTES, y->before);
    return c ? c : (x->expression > y->expression) - (x->expression < y->expression);
}

static int is_k_or_s(unsigned char c) { return fx_ascii_lower(c) == 'k' || fx_ascii_lower(c) == 's'; }

static uint32_t new_nodes(fx_scan *scan, size_t count)
{
    if (scan->node_count + count > scan->node_capacity) {   /* (thousands of nodes, a few at a time) */
        while (scan->node_count + count > scan->node_capacity)
            scan->node_capacity = scan->node_capacity ? 2 * scan->node_capacity : 1024;
        scan->nodes = fx_xrealloc(scan->nodes, scan->node_capacity * sizeof *scan->nodes);
    }
    memset(scan->nodes + scan->node_count, 0, count * sizeof *scan->nodes);
    scan->node_count += count;
    return (uint32_t)(scan->node_count - count);
}

static unsigned key_length(const scan_served *d, int before) { return before ? d->before : d->after; }
static unsigned char key_byte(const scan_served *d, int before, unsigned k) { return d->keys[(before ? KEY_BYTES : 0) + k]; }

/* Node `at` of the trie of scan->served[lo, hi) (sorted), whose keys
 * after the holder (or before it) begin with the `depth` bytes that lead
 * to it: where keys after end, the trie of their keys before; where keys
 * before end, the served; then a child per next byte. */
static void build_node(fx_scan *scan, uint32_t at, uint32_t lo, uint32_t hi, unsigned depth, int before)
{
    uint32_t ends = lo;   /* the keys that end here sort first */
    while (ends < hi && key_length(&scan->served[ends], before) == depth) ends++;
    if (before) {
        scan->nodes[at].served_from = lo;
        scan->nodes[at].served_to = ends;
    } else if (ends > lo) {
        uint32_t root = new_nodes(scan, 1);
        scan->nodes[at].befores = root + 1;
        build_node(scan, root, lo, ends, 0, 1);
    }
    uint32_t runs = 0;
    for (uint32_t k = ends; k < hi; k++)
        runs += k == ends || key_byte(&scan->served[k], before, depth) != key_byte(&scan->served[k - 1], before, depth);
    if (!runs) return;
    uint32_t first = new_nodes(scan, runs);
    scan->nodes[at].children = first;
    scan->nodes[at].child_count = (uint16_t)runs;
    for (uint32_t k = ends, r = 0; k < hi; r++) {
        unsigned char c = key_byte(&scan->served[k], before, depth);
        uint32_t end = k + 1;
        while (end < hi && key_byte(&scan->served[end], before, depth) == c) end++;
        scan->nodes[first + r].byte = c;
        build_node(scan, first + r, k, end, depth + 1, before);
        k = end;
    }
}

/* The served expressions' keys, sorted by holder and keys; the holders
 * and their tries. A key has up to KEY_BYTES; a caseless one's are not a
 * k or s nor past one. */
static void index_served(fx_scan *scan)
{
    for (size_t k = 0; k < scan->served_count; k++) {
        scan_served *d = &scan->served[k];
        const unsigned char *t = (const unsigned char *)scan->served_texts + d->text;
        size_t behind = d->at + d->holder_length, before = 0, after = 0;
        while (after < KEY_BYTES && behind + after < d->length && (d->exact || !is_k_or_s(t[behind + after]))) {
            d->keys[after] = fx_ascii_lower(t[behind + after]);
            after++;
        }
        while (before < KEY_BYTES && before < d->at && (d->exact || !is_k_or_s(t[d->at - before - 1]))) {
            d->keys[KEY_BYTES + before] = fx_ascii_lower(t[d->at - before - 1]);
            before++;
        }
        d->after = (uint8_t)after;
        d->before = (uint8_t)before;
        d->keyed = !d->exact && before == d->at && behind + after == d->length;
    }
    if (scan->served_count) qsort(scan->served, scan->served_count, sizeof *scan->served, by_holder_then_keys);
    scan->holder_of = fx_xcalloc(scan->expression_count + 1, sizeof *scan->holder_of);
    scan->holders = fx_xcalloc(scan->served_count + 1, sizeof *scan->holders);   /* (at most one a served) */
    size_t holders = 0;
    for (size_t k = 0, end; k < scan->served_count; k = end) {
        const scan_served *d = &scan->served[k];
        for (end = k + 1; end < scan->served_count && scan->served[end].holder == d->holder; end++) {}
        const char *text = scan->served_texts + d->text + d->at;
        int walk = 0;
        for (uint32_t i = 0; i < d->holder_length && d->holder_caseless; i++) walk |= is_k_or_s((unsigned char)text[i]);
        uint32_t root = new_nodes(scan, 1);
        build_node(scan, root, (uint32_t)k, (uint32_t)end, 0, 0);
        scan->holders[holders++] = (scan_holder){root, d->holder_length, (uint32_t)k, (uint8_t)walk};
        scan->holder_of[d->holder] = (uint32_t)holders;
    }
}

fx_scan *fx_scan_build(const fx_context *ctx)
{
    int any = 0;
    for (size_t r = 0; r < ctx->rule_count; r++) any |= ctx->rules[r].code && ctx->rules[r].expanded;
    if (!any) return NULL;
    fx_scan *scan = fx_xcalloc(1, sizeof *scan);
    scan->rule_count = ctx->rule_count;
    scan->rules = fx_xcalloc(ctx->rule_count + 1, sizeof *scan->rules);
    fx_cache_file cache;
    cache_open(ctx, &cache);
    if (cache_read(&cache, scan) == 0) {
        snprintf(scan->origin, sizeof scan->origin, "from the cache %s", cache.path);
    } else {
        if (!compile_all(ctx, scan))
            snprintf(scan->origin, sizeof scan->origin, "not compiled");
        else if (!cache.path)
            snprintf(scan->origin, sizeof scan->origin, "compiled (no cache: neither XDG_CACHE_HOME nor HOME)");
        else if (cache_write(&cache, scan) != 0)
            snprintf(scan->origin, sizeof scan->origin, "compiled (cache %s not written: %s)", cache.path,
                     strerror(errno));
        else
            snprintf(scan->origin, sizeof scan->origin, "compiled, cached in %s", cache.path);
    }
    fx_cache_close(&cache);
    if (!scan->dbs[LITERAL_DB] && !scan->dbs[PATTERN_DB]) {
        fx_scan_free(scan);
        return NULL;
    }
    find_sets(scan);
    index_needs(scan);
    index_served(scan);
    for (size_t k = 0; k < scan->entry_count; k++) {   /* (most have nothing to check: one test a report) */
        scan_entry *e = &scan->entries[k];
        const scan_rule *rule = &scan->rules[e->rule];
        e->around = !e->pattern && (rule->lit_reach || rule->lit_after_reach);
        for (uint32_t n = 0; n < rule->lit_need_count && !e->pattern; n++) {
            unsigned group = scan->needs[rule->lit_needs + n].group;
            e->around |= group == 0 || group == e->group;
        }
    }
    return scan;
}

void fx_scan_free(fx_scan *scan)
{
    if (!scan) return;
    for (int d = 0; d < DB_COUNT; d++) hs_free_database(scan->dbs[d]);
    free(scan->rules);
    free(scan->entries);
    free(scan->uses);
    free(scan->lit_classes);
    free_served(scan);
    free(scan->nodes);
    free(scan->holders);
    free(scan->holder_of);
    free(scan->sets);
    free(scan->walked);
    free_needs(scan);
    free(scan->rule_needs);
    free(scan);
}

fx_scan_scratch *fx_scan_scratch_new(const fx_scan *scan)
{
    if (!scan) return NULL;
    fx_scan_scratch *s = fx_xcalloc(1, sizeof *s);
    for (int d = 0; d < DB_COUNT; d++) {   /* one scratch that fits both */
        if (scan->dbs[d] && hs_alloc_scratch(scan->dbs[d], &s->hs) != HS_SUCCESS) {
            hs_free_scratch(s->hs);
            free(s);
            return NULL;
        }
    }
    s->scan = scan;
    s->last = fx_xcalloc(scan->rule_count + 1, sizeof *s->last);
    s->first = fx_xcalloc(scan->rule_count + 1, sizeof *s->first);
    s->memos = fx_xcalloc(scan->set_count + 1, sizeof *s->memos);
    s->reports = fx_xcalloc(scan->expression_count + 1, sizeof *s->reports);
    s->word_reports = fx_xcalloc(scan->rule_count + 1, sizeof *s->word_reports);
    s->early = fx_xcalloc(scan->rule_count + 1, sizeof *s->early);
    s->sample = fx_xcalloc(scan->rule_count + 1, sizeof *s->sample);
    return s;
}

void fx_scan_scratch_free(fx_scan_scratch *s)
{
    if (!s) return;
    hs_free_scratch(s->hs);
    free(s->pending);
    free(s->last);
    free(s->windows);
    free(s->first);
    free(s->memos);
    free(s->reports);
    free(s->word_reports);
    free(s->early);
    free(s->sample);
    free(s->words);
    free(s);
}

/* Arrays of up to this many windows stay for the next document; news
 * articles need a few thousand. */
enum { KEPT_WINDOWS = 16384 };

void fx_scan_scratch_trim(fx_scan_scratch *s)
{
    if (!s) return;
    if (s->pending_capacity > KEPT_WINDOWS) {
        free(s->pending);
        s->pending = NULL;
        s->pending_count = s->pending_capacity = 0;
    }
    if (s->words_capacity > KEPT_WINDOWS) {
        free(s->words);
        s->words = NULL;
        s->words_capacity = 0;
    }
    if (s->windows_capacity > KEPT_WINDOWS) {
        free(s->windows);
        s->windows = NULL;
        s->windows_capacity = 0;
        memset(s->first, 0, (s->scan->rule_count + 1) * sizeof *s->first);   /* no windows now */
    }
}

/* The first byte of the run of set's bytes that ends at i, or `low` if
 * it goes back past it. */
static size_t run_start(const unsigned char *text, const byte_set *set, size_t i, size_t low)
{
    if (set->has_range) {   /* 16 bytes at a time (bytes16.h): the last one in the range */
        for (; i - low >= 16; i -= 16) {
            unsigned out = fx_bytes16_in(fx_bytes16_load(text + i - 16), set->out_lo, set->out_width);
            if (out) return i - 16 + (unsigned)(31 - __builtin_clz(out)) + 1;
        }
    }
    const uint8_t *in = set->in;
    while (i - low >= 4 && (in[text[i - 1]] & in[text[i - 2]] & in[text[i - 3]] & in[text[i - 4]])) i -= 4;   /* (fewer tests a byte) */
    while (i > low && in[text[i - 1]]) i--;
    return i;
}

/* The first byte of the run of `set`'s bytes that ends at `at`, or
 * `limit` if the run goes back past it. A walk that reaches what an
 * earlier walk over the set found (memo) goes on from there, so each byte
 * is walked over about once per set and document, however many rules and
 * expressions walk over it. */
static size_t walk_back(const unsigned char *text, const byte_set *set, walk_memo *memo, size_t at, size_t limit)
{
    size_t i = at;
    int whole = 0;   /* the run's start found */
    for (;;) {
        if (i >= memo->run_from && i <= memo->run_to) {
            i = memo->run_from;
            whole = 1;
            break;
        }
        if (i > memo->part_from && i <= memo->part_to) i = memo->part_from;
        if (i <= limit) break;
        /* walk down to the limit, or to where a memo begins to be of use */
        size_t low = limit;
        if (memo->run_from <= memo->run_to && memo->run_to < i && memo->run_to > low) low = memo->run_to;
        if (memo->part_from < memo->part_to && memo->part_to < i && memo->part_to > low) low = memo->part_to;
        i = run_start(text, set, i, low);
        if (i > low) {   /* a byte not in the set */
            whole = 1;
            break;
        }
    }
    if (whole || i == 0) {
        /* text[i..at) is the run's start: the run found before reaches at or further when i is its start */
        if (!(i == memo->run_from && memo->run_to > at)) memo->run_to = at;
        memo->run_from = i;
    } else if (at >= memo->part_from && at <= memo->part_to) {
        if (i < memo->part_from) memo->part_from = i;   /* the same stretch, longer */
    } else {
        memo->part_from = i;
        memo->part_to = at;
    }
    return i < limit ? limit : i;
}

/* Does one of the need's strings of m (a bit each) start at t[i] and end
 * by `end`? Their first two bytes are those at t[i] (m is from
 * `starting` and `second`, i + 1 < end), so the rest is compared. */
static int need_string_at(const scan_need *n, uint64_t m, const unsigned char *t, size_t i, size_t end)
{
    for (; m; m &= m - 1) {
        const char *str = n->strings[__builtin_ctzll(m)];
        size_t j = str[1] ? 2 : 1;
        if (n->exact)
            while (str[j] && i + j < end && t[i + j] == (unsigned char)str[j]) j++;
        else
            while (str[j] && i + j < end && fx_ascii_lower(t[i + j]) == (unsigned char)str[j])
                j++;
        if (!str[j]) return 1;
    }
    return 0;
}

/* Does one of the need's strings of one byte lie at t[i]? (Before the
 * last byte of a stretch, need_string_at.) */
static int need_byte_at(const scan_need *n, const unsigned char *t, size_t i)
{
    for (uint64_t m = n->starting[t[i]]; m; m &= m - 1)
        if (!n->strings[__builtin_ctzll(m)][1]) return 1;
    return 0;
}

/* Does t[from, end) hold a KELVIN SIGN (E2 84 AA) or a byte of a LONG S
 * (C5 BF)? */
static int kelvin_or_long_s(const unsigned char *t, size_t from, size_t end)
{
    if (memchr(t + from, 0xC5, end - from)) return 1;
    for (const unsigned char *p = t + from; (p = memchr(p, 0xE2, (size_t)(t + end - p))) != NULL; p++)
        if (t + end - p >= 3 && p[1] == 0x84 && p[2] == 0xAA) return 1;
    return 0;
}

/* Does text[from, end) hold one of the need's strings (or a byte of a
 * class need's)? A folded need with a k or s also passes on a KELVIN
 * SIGN or LONG S, which PCRE2 may match as one (its strings are
 * ASCII-folded). */
static int holds_need(const scan_need *n, const unsigned char *t, size_t from, size_t end)
{
    if (n->count == 0) {   /* a class: a byte of it */
        size_t i = from;
        if (n->has_range) {     /* 16 bytes at a time (bytes16.h) */
            for (; end - i >= 16; i += 16) {
                fx_bytes16 x = fx_bytes16_load(t + i);
                if (fx_bytes16_in(x, n->range_lo, n->range_width) | (n->high ? fx_bytes16_high(x) : 0)) return 1;
            }
        }
        for (; i < end; i++)
            if (n->starting[t[i]]) return 1;
        return 0;
    }
    if (from >= end) return 0;
    size_t last = end - 1;   /* (where only a string of one byte fits) */
    if (n->first_count) {   /* at the next of its one or two first bytes */
        size_t next[2] = {last, last};
        for (int b = 0; b < n->first_count; b++) {
            const unsigned char *p = memchr(t + from, n->first[b], last - from);
            next[b] = p ? (size_t)(p - t) : last;
        }
        for (;;) {
            int b = next[1] < next[0];
            size_t i = next[b];
            if (i >= last) break;
            if (need_string_at(n, n->starting[t[i]] & n->second[t[i + 1]], t, i, end)) return 1;
            const unsigned char *p = memchr(t + i + 1, n->first[b], last - i - 1);
            next[b] = p ? (size_t)(p - t) : last;
        }
    } else {
        size_t i = from;
        for (; n->lead_count && last - i >= 16; i += 16) {   /* (16 places before `last`) */
            fx_bytes16 x = fx_bytes16_load(t + i + n->lead_offset);
            if (!n->exact) x = fx_bytes16_or(x, 0x20);
            unsigned at = 0;
            for (int b = 0; b < n->lead_count; b++) at |= fx_bytes16_eq(x, n->leads[b]);
            for (; at; at &= at - 1) {
                size_t k = i + (size_t)__builtin_ctz(at);
                uint64_t m = n->starting[t[k]] & n->second[t[k + 1]];
                if (m && need_string_at(n, m, t, k, end)) return 1;
            }
        }
        for (; i < last; i++) {
            uint64_t m = n->starting[t[i]] & n->second[t[i + 1]];
            if (m && need_string_at(n, m, t, i, end)) return 1;
        }
    }
    if (need_byte_at(n, t, last)) return 1;
    return n->kelvin && kelvin_or_long_s(t, from, end);
}

static size_t folded_start(const unsigned char *t, size_t i, const char *s, size_t n);

/* The farthest start the prefix needs n[0, count) (prefilter.h `prefix`,
 * nearest the literal first) allow before `at`: `at`, or where a string
 * of n[0] that ends at `at` (with a byte of its class after it when it
 * has one) starts, and from either the same for n[1, count). SIZE_MAX
 * when n[0] is required and none of its strings ends at `at`. */
static size_t prefix_start(const scan_need *n, size_t count, const unsigned char *t, size_t at)
{
    size_t start = n->required ? SIZE_MAX : count > 1 ? prefix_start(n + 1, count - 1, t, at) : at, end = at;
    if (n->bytes[0] | n->bytes[1]) {   /* (ASCII bytes only: prefilter.c group_prefix) */
        if (end == 0 || !((n->bytes[t[end - 1] >> 6] >> (t[end - 1] & 63)) & 1)) return start;
        end--;
    }
    if (n->ends) {   /* a table's: the strings that end with the byte, as written */
        if (end == 0) return start;
        for (uint32_t i = n->ends[t[end - 1]]; i < n->ends[t[end - 1] + 1]; i++) {
            size_t length = n->lengths[i];
            const char *string = n->strings[i];
            if (length > end || (length > 1 && t[end - 2] != (unsigned char)string[length - 2]) ||
                memcmp(t + end - length, string, length) != 0)
                continue;
            size_t from = count > 1 ? prefix_start(n + 1, count - 1, t, end - length) : end - length;
            if (from < start) start = from;
        }
        return start;
    }
    uint64_t m = end ? n->starting[t[end - 1]] & (end > 1 ? n->second[t[end - 2]] : ~(uint64_t)0) : 0;
    for (; m; m &= m - 1) {
        const char *string = n->strings[__builtin_ctzll(m)];
        size_t length = n->lengths[__builtin_ctzll(m)], from;
        if (n->exact) from = length <= end && memcmp(t + end - length, string, length) == 0 ? end - length : SIZE_MAX;
        else from = folded_start(t, end, string, length);
        if (from != SIZE_MAX && count > 1) from = prefix_start(n + 1, count - 1, t, from);
        if (from < start) start = from;
    }
    return start;
}

/* The first start in [start, at] after the last space before `at` that
 * a byte not in `set` follows: no attempt from before such a space can
 * match with its literal at `at` (prefilter.h `after_space`). */
static size_t after_cutting_space(const unsigned char *t, const byte_set *set, size_t start, size_t at)
{
    for (size_t i = at; i-- > start;)
        if (t[i] == ' ' && !set->in[t[i + 1]]) return i + 1;
    return start;
}

/* Is the literal of rule's report ending at `to` (starting in [at,
 * end]; its entry's group: scan_entry) one of a match, as far as what
 * lies around it tells? */
static int around_literal(const fx_scan_scratch *s, const scan_rule *rule, unsigned group, size_t to, size_t at,
                          size_t end)
{
    const fx_scan *scan = s->scan;
    if (rule->lit_reach) {
        const uint8_t *in = scan->sets[rule->lit_set].in;
        size_t i = at > rule->lit_reach ? at - rule->lit_reach : 0;
        while (i < end && !in[s->text[i]]) i++;
        if (i == end) return 0;
    }
    if (rule->lit_after_reach) {
        const uint8_t *in = scan->sets[rule->lit_after_set].in;
        size_t i = to, after = end + rule->lit_after_reach < s->text_len ? end + rule->lit_after_reach : s->text_len;
        while (i < after && !in[s->text[i]]) i++;
        if (i >= after) return 0;
    }
    for (uint32_t k = 0; k < rule->lit_need_count; k++) {
        const scan_need *n = &scan->needs[rule->lit_needs + k];
        if (n->group != 0 && n->group != group) continue;   /* another group's */
        if (n->at_literal == BEFORE_LITERAL) {
            size_t from = at > n->reach ? at - n->reach : 0;
            if (n->spaces != NO_WIDTH) from = fx_prefilter_after_spaces((const char *)s->text, at, from, n->spaces);
            size_t past = end + n->past < s->text_len ? end + n->past : s->text_len;
            if (!holds_need(n, s->text, from, past)) return 0;
            continue;
        }
        size_t after = end + n->reach < s->text_len ? end + n->reach : s->text_len;
        if (to >= after || !holds_need(n, s->text, to, after)) return 0;
    }
    return 1;
}

/* The window of starts that entry e's report ending at `to` allows,
 * merged with its rule's last one when they touch (reports come in the
 * order of their ends, but for served expressions: serve). */
static void add_window(fx_scan_scratch *s, const scan_entry *e, size_t to)
{
    const fx_scan *scan = s->scan;
    if (e->follow && to < s->text_len && !scan->sets[e->follow - 1].in[s->text[to]])
        return;   /* not followed as the literal of a match is */
    if (e->precede) {   /* not preceded so (its start known: no KELVIN SIGN or LONG S in it) */
        size_t first = to - e->back_to;
        if (first > 0 && !scan->sets[e->precede - 1].in[s->text[first - 1]] &&
            (e->span == e->back_to || fx_all_ascii((const char *)s->text + first, e->back_to)))
            return;
    }
    size_t end = to - e->back_to;
    size_t start = e->back_from == NO_WIDTH || to < e->back_from ? 0 : to - e->back_from;
    const scan_rule *rule = &scan->rules[e->rule];
    size_t at = to >= e->span ? to - e->span : 0;   /* where the literal may start */
    if (e->around && !around_literal(s, rule, e->group, to, at, end)) return;   /* not the literal of a match */
    if (rule->prefix && !e->pattern && e->span == e->back_to) {
        /* the literal's own start, and where its prefix's strings start (its start known: no k or s folded) */
        start = prefix_start(&scan->needs[rule->prefix - 1], rule->prefix_count, s->text, at);
        if (start == SIZE_MAX) return;   /* no string of its required prefix ends at the literal */
    } else {
        if (rule->walk) {   /* (a literal's, or the key of a look-ahead: FX_SCAN_AHEAD) */
            uint32_t early = s->early[e->rule];
            if (early && !e->pattern && e->back_from != NO_WIDTH) {
                const scan_need *n = &scan->needs[early - 1];
                if (!holds_need(n, s->text, start, s->text_len - end > n->reach ? end + n->reach : s->text_len))
                    return;   /* (its windows would lie in [start, end]) */
            }
            start = walk_back(s->text, &scan->sets[rule->before_set], &s->memos[rule->before_set], at, start);
        }
        if (!e->pattern && rule->walk_near && start + rule->far < at) {
            /* no earlier than `far` before the run of `near` bytes */
            size_t run = walk_back(s->text, &scan->sets[rule->near_set], &s->memos[rule->near_set], at, start + rule->far);
            start = run - rule->far;
        }
        if (!e->pattern && rule->spaces != NO_WIDTH && start < at)
            start = fx_prefilter_after_spaces((const char *)s->text, at, start, rule->spaces);
        if (!e->pattern && rule->cut_space && start < at)
            start = after_cutting_space(s->text, &scan->sets[rule->after_space_set], start, at);
    }
    size_t last = s->last[e->rule];
    if (last) {
        pending_window *w = &s->pending[last - 1];
        if (start <= w->to + 1 && end + 1 >= w->from) {
            if (start < w->from) w->from = start;
            if (end > w->to) w->to = end;
            return;
        }
    }
    if (s->pending_count == s->pending_capacity) {
        s->pending_capacity = s->pending_capacity ? 2 * s->pending_capacity : 256;
        s->pending = fx_xrealloc(s->pending, s->pending_capacity * sizeof *s->pending);
    }
    s->pending[s->pending_count++] = (pending_window){e->rule, start, end};
    s->last[e->rule] = s->pending_count;
}

/* A window for each rule that uses expression `id`, reported ending at `to`. */
static void add_windows(fx_scan_scratch *s, uint32_t id, size_t to)
{
    const fx_scan *scan = s->scan;
    s->reports[id]++;
    for (uint32_t k = scan->uses[id]; k < scan->uses[id + 1]; k++) add_window(s, &scan->entries[k], to);
}

/* Where s[0, n) folded ends at t[i] (scan_served: caseless, a k or s also
 * as KELVIN SIGN or LONG S): its start, or SIZE_MAX. */
static size_t folded_start(const unsigned char *t, size_t i, const char *s, size_t n)
{
    for (; n > 0; n--) {
        unsigned char c = fx_ascii_lower((unsigned char)s[n - 1]);
        if (i > 0 && fx_ascii_lower(t[i - 1]) == c) i--;
        else if (c == 'k' && i >= 3 && t[i - 3] == 0xE2 && t[i - 2] == 0x84 && t[i - 1] == 0xAA) i -= 3;
        else if (c == 's' && i >= 2 && t[i - 2] == 0xC5 && t[i - 1] == 0xBF) i -= 2;
        else return SIZE_MAX;
    }
    return i;
}

/* The same from t[i] on, in t[0, len): its end, or SIZE_MAX. */
static size_t folded_end(const unsigned char *t, size_t len, size_t i, const char *s, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        unsigned char c = fx_ascii_lower((unsigned char)s[k]);
        if (i < len && fx_ascii_lower(t[i]) == c) i++;
        else if (c == 'k' && len - i >= 3 && t[i] == 0xE2 && t[i + 1] == 0x84 && t[i + 2] == 0xAA) i += 3;
        else if (c == 's' && len - i >= 2 && t[i] == 0xC5 && t[i + 1] == 0xBF) i += 2;
        else return SIZE_MAX;
    }
    return i;
}

/* The end of served expression d in the text around its holder's
 * occurrence text[start, to), or SIZE_MAX if it is not there. */
static size_t served_end(const fx_scan_scratch *s, const scan_served *d, size_t start, size_t to)
{
    const char *text = s->scan->served_texts + d->text;
    size_t behind = d->at + d->holder_length;
    if (d->exact) {
        size_t end = to + (d->length - behind);
        return end <= s->text_len && end >= d->length && memcmp(s->text + end - d->length, text, d->length) == 0
                   ? end
                   : SIZE_MAX;
    }
    if (d->keyed) return to + (d->length - behind);   /* (the tries' walk compared them) */
    if (folded_start(s->text, start, text, d->at) == SIZE_MAX) return SIZE_MAX;
    return folded_end(s->text, s->text_len, to, text + behind, d->length - behind);
}

/* The child of node n along the text's byte c, or NULL. */
static inline const scan_node *child(const fx_scan *scan, const scan_node *n, unsigned char c)
{
    const scan_node *k = scan->nodes + n->children, *end = k + n->child_count;
    c = fx_ascii_lower(c);
    while (k < end && k->byte < c) k++;
    return k < end && k->byte == c ? k : NULL;
}

/* The reports of the served expressions along the trie of keys before
 * from node b, the holder's occurrence being text[start, to). */
static void serve_befores(fx_scan_scratch *s, const scan_node *b, size_t start, size_t to)
{
    const fx_scan *scan = s->scan;
    for (size_t i = start;; i--) {
        for (uint32_t k = b->served_from; k < b->served_to; k++) {
            size_t end = served_end(s, &scan->served[k], start, to);
            if (end != SIZE_MAX) add_windows(s, scan->served[k].expression, end);
        }
        if (i == 0 || !(b = child(scan, b, s->text[i - 1]))) break;
    }
}

/* The reports of the expressions h serves that hold its occurrence
 * ending at `to`: their tries walked along the text after and before it.
 * They come before the reports ending between `to` and theirs
 * (add_window). */
static void serve(fx_scan_scratch *s, const scan_holder *h, size_t to)
{
    const fx_scan *scan = s->scan;
    const unsigned char *t = s->text;
    size_t start = to - h->length;
    /* (an occurrence with a KELVIN SIGN or LONG S ends in bytes past ASCII) */
    if (h->walk && !fx_all_ascii((const char *)t + start, h->length)) {
        const scan_served *any = &scan->served[h->served];
        start = folded_start(t, to, scan->served_texts + any->text + any->at, h->length);
        if (start == SIZE_MAX) return;
    }
    const scan_node *after = &scan->nodes[h->root];
    for (size_t i = to;; i++) {
        if (after->befores) serve_befores(s, &scan->nodes[after->befores - 1], start, to);
        if (i == s->text_len || !(after = child(scan, after, t[i]))) break;
    }
}

/* Vectorscan's report of expression `id` ending at `to`: a window for
 * each rule that uses it and those it serves. */
static int on_match(unsigned int id, unsigned long long from, unsigned long long to, unsigned int flags, void *context)
{
    (void)from;   /* no start of match asked for */
    (void)flags;
    fx_scan_scratch *s = context;
    add_windows(s, id, (size_t)to);
    uint32_t h = s->scan->holder_of[id];
    if (h) serve(s, &s->scan->holders[h - 1], (size_t)to);
    return 0;
}

int fx_scan_document(const fx_scan *scan, fx_scan_scratch *s, const char *text, size_t len)
{
    size_t count = scan->rule_count;
    s->pending_count = 0;
    s->text = (const unsigned char *)text;
    s->text_len = len;
    memset(s->last, 0, count * sizeof *s->last);
    for (size_t k = 0; k < scan->walked_count; k++) s->memos[scan->walked[k]] = (walk_memo){1, 0, 1, 0};   /* nothing found yet */
    memset(s->first, 0, (count + 1) * sizeof *s->first);
    if (len > UINT_MAX) return -1;
    /* each database reports in the order of ends; a rule's expressions
     * are all in one of them */
    for (int d = 0; d < DB_COUNT; d++)
        if (scan->dbs[d] && hs_scan(scan->dbs[d], len ? text : "", (unsigned)len, 0, s->hs, on_match, s) != HS_SUCCESS)
            return -1;
    /* group by rule (a counting sort), keeping the order reported */
    for (size_t k = 0; k < s->pending_count; k++) s->first[s->pending[k].rule + 1]++;
    for (size_t r = 0; r < count; r++) s->first[r + 1] += s->first[r];
    memset(s->last, 0, count * sizeof *s->last);   /* now: windows placed per rule */
    if (s->windows_capacity < s->pending_count) {
        s->windows_capacity = 2 * s->pending_count;
        s->windows = fx_xrealloc(s->windows, s->windows_capacity * sizeof *s->windows);
    }
    for (size_t k = 0; k < s->pending_count; k++) {
        const pending_window *p = &s->pending[k];
        size_t from = p->from;
        while (from > 0 && ((unsigned char)text[from] & 0xC0) == 0x80) from--;   /* a character boundary */
        s->windows[s->first[p->rule] + s->last[p->rule]++] = (fx_window){from, p->to};
    }
    return 0;
}

/* The windows the scan's reports made for rule, sorted by start and
 * merged (*w points to them): windows come in the order of their ends,
 * so a start earlier than a previous window's is rare and found nearby. */
static size_t sort_windows(fx_scan_scratch *s, size_t rule, fx_window **out)
{
    size_t n = s->first[rule + 1] - s->first[rule];
    if (n == 0) return 0;    /* no window yet allocated: windows may be NULL */
    fx_window *w = s->windows + s->first[rule];
    *out = w;
    for (size_t k = 1; k < n; k++) {
        fx_window x = w[k];
        size_t j = k;
        while (j > 0 && w[j - 1].from > x.from) {
            w[j] = w[j - 1];
            j--;
        }
        w[j] = x;
    }
    size_t merged = 0;
    for (size_t k = 0; k < n; k++) {
        if (merged && w[k].from <= w[merged - 1].to + 1) {
            if (w[k].to > w[merged - 1].to) w[merged - 1].to = w[k].to;
        } else {
            w[merged++] = w[k];
        }
    }
    return merged;
}

/* A WORDS rule's windows (scan.h) in s->words, sorted and apart: each
 * byte of its first bytes' range that follows no word byte (words.h) and
 * is followed by one of the second class, and each run of non-ASCII
 * bytes with the byte after it (a start there follows a non-ASCII
 * character). The text is read 16 bytes at a time (bytes16.h) for
 * bytes of the range or non-ASCII ones; only those are looked at. */
static size_t word_windows(fx_scan_scratch *s, const scan_rule *rule)
{
    const byte_set *first = &s->scan->sets[rule->before_set], *second = &s->scan->sets[rule->near_set];
    const unsigned char *t = s->text;
    size_t len = s->text_len, n = 0;
    for (size_t i = 0; i < len; i += 16) {
        unsigned m = 0;     /* the bytes from i to look at, a bit each */
        if (len - i >= 16) {
            fx_bytes16 x = fx_bytes16_load(t + i);
            m = fx_bytes16_in(x, first->in_lo, first->in_width) | fx_bytes16_high(x);
        } else {
            for (size_t k = 0; k < len - i; k++)
                m |= (unsigned)((unsigned char)(t[i + k] - first->in_lo) <= first->in_width || t[i + k] >= 0x80) << k;
        }
        for (; m; m &= m - 1) {
            size_t at = i + (size_t)__builtin_ctz(m), from = at, to = at;
            if (t[at] >= 0x80) {
                to = at + 1 < len ? at + 1 : at;
                while (from > 0 && (t[from] & 0xC0) == 0x80) from--;   /* a character boundary */
            } else if ((at > 0 && fx_is_word_byte(t[at - 1])) || at + 1 >= len || !second->in[t[at + 1]]) {
                continue;   /* (after a non-ASCII byte: in that run's window) */
            }
            if (n && from <= s->words[n - 1].to + 1) {
                if (to > s->words[n - 1].to) s->words[n - 1].to = to;
                continue;
            }
            if (n == s->words_capacity) {
                s->words_capacity = s->words_capacity ? 2 * s->words_capacity : 256;
                s->words = fx_xrealloc(s->words, s->words_capacity * sizeof *s->words);
            }
            s->words[n++] = (fx_window){from, to};
        }
    }
    return n;
}

/* The windows of the reports, or of the words; then those without what
 * the rule needs go. */
size_t fx_scan_windows(fx_scan_scratch *s, size_t rule, const fx_window **windows)
{
    const fx_scan *scan = s->scan;
    *windows = NULL;
    fx_window *w = NULL;
    size_t merged = 0;
    if (scan->rules[rule].kind == FX_SCAN_WORDS) {
        merged = word_windows(s, &scan->rules[rule]);
        s->word_reports[rule] += merged;
        w = s->words;
    } else {
        merged = sort_windows(s, rule, &w);
    }
    if (merged == 0) return 0;
    *windows = w;
    uint32_t *sample = s->sample[rule], sampled = sample[0] < EARLY_SAMPLE ? scan->rules[rule].early_need : 0;
    for (uint32_t k = scan->rule_needs[rule]; k < scan->rule_needs[rule + 1]; k++) {
        const scan_need *need = &scan->needs[k];
        if (need->at_literal || need->implied) continue;   /* (checked per report: add_window) */
        size_t kept = 0;
        for (size_t i = 0; i < merged; i++) {
            size_t end = s->text_len - w[i].to > need->reach ? w[i].to + need->reach : s->text_len;
            if (holds_need(need, s->text, w[i].from, end)) w[kept++] = w[i];
        }
        if (k + 1 == sampled) {
            sample[0] += (uint32_t)merged;
            sample[1] += (uint32_t)kept;
            if (sample[0] >= EARLY_SAMPLE && sample[1] < sample[0] / 8) s->early[rule] = k + 1;
        }
        merged = kept;
    }
    return merged;
}

size_t fx_scan_reports(const fx_scan_scratch *s, size_t rule)
{
    if (!s || rule >= s->scan->rule_count) return 0;
    const fx_scan *scan = s->scan;
    size_t reports = s->word_reports[rule];   /* (counted per expression: summed over the rule's uses) */
    for (size_t id = 0; id < scan->expression_count; id++)
        for (uint32_t k = scan->uses[id]; k < scan->uses[id + 1]; k++) reports += scan->entries[k].rule == rule ? s->reports[id] : 0;
    return reports;
}

#endif

size_t fx_scan_rules_with_windows(const fx_scan_scratch *scratch, uint32_t *out)
{
#ifdef FX_NO_VECTORSCAN
    (void)scratch, (void)out;
    return 0;
#else
    size_t n = 0;
    for (size_t r = 0; r < scratch->scan->rule_count; r++)
        if (scratch->first[r + 1] != scratch->first[r]) out[n++] = (uint32_t)r;
    return n;
#endif
}
