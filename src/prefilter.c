/* prefilter.c - see prefilter.h.
 *
 * A recursive-descent reader over the pattern computes, for every node,
 * either its exact set of (folded) strings, when small, or a "required"
 * set: one of these strings occurs in any match. The rules are those of
 * Google Code Search's trigram index (Russ Cox, "Regular Expression
 * Matching with a Trigram Index"): concatenation crosses exact sets while
 * they stay small and otherwise keeps the more selective side's set;
 * alternation unions; an optional part requires nothing. As there, a
 * node also knows what every match of it ends with (its suffix), so an
 * exact part after a part that is not ("YEAR[ -]?Q[1-4]": "q" after the
 * year's last digit, then [1-4]) still forms strings with the exact
 * parts before it ("q1".."q4"). */
#include "prefilter.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "arena.h"
#include "bytes16.h"
#include "tables.h"
#include "words.h"

/* MAX_SET: an alternation of a table's phrases with and without a space
 * before them (org.cue_market_after: 2 x 129) still gives strings, and so
 * do money.words' currency names and symbols after " " or "-" (2 x 598). */
enum { MAX_EXACT = 64, MAX_LEN = 24, MAX_SET = 1280 };
/* The longest string of a table's prefix (table_alternation): two
 * strings of MAX_LEN joined (set_add_joined). */
enum { MAX_TABLE_LEN = 2 * MAX_LEN };
/* The weight (see weight()) from which a string is rare enough to be a
 * literal alone rather than crossed into a large set (crossing_pays). */
enum { RARE_ALONE = 14 };

/* A set of byte values, a bit each. */
typedef struct byteset {
    uint64_t w[4];
} byteset;

static void bs_add(byteset *s, unsigned c) { s->w[c >> 6] |= (uint64_t)1 << (c & 63); }
static int bs_has(const byteset *s, unsigned c) { return (s->w[c >> 6] >> (c & 63)) & 1; }
static void bs_union(byteset *s, const byteset *t)
{
    for (int k = 0; k < 4; k++) s->w[k] |= t->w[k];
}
static void bs_range(byteset *s, unsigned lo, unsigned hi)
{
    for (unsigned c = lo; c <= hi; c++) bs_add(s, c);
}
static byteset bs_all(void) { return (byteset){{~(uint64_t)0, ~(uint64_t)0, ~(uint64_t)0, ~(uint64_t)0}}; }
static byteset bs_not(byteset s)
{
    for (int k = 0; k < 4; k++) s.w[k] = ~s.w[k];
    return s;
}

/* The bytes of \w: ASCII letters, digits and "_" (the rules do not ask
 * for PCRE2_UCP, so every character past ASCII is \W). */
static byteset word_bytes(void) { return (byteset){{0x03FF000000000000u, 0x07FFFFFE87FFFFFEu, 0, 0}}; }

/* The bytes that may lie right before a place of a match (a bit per
 * byte value; or the text starts there), by what the place holds:
 * next[NEXT_WORD] where a \w character starts there, next[NEXT_OTHER]
 * where another one does or the text ends. A \b tells the two apart:
 * before a word character no word byte, before another one a word byte.
 * "(?<![\\p{L}\\d])" says the same of both. */
enum { NEXT_WORD, NEXT_OTHER };
typedef struct precede {
    byteset next[2];
} precede;

static precede precede_all(void) { return (precede){{bs_all(), bs_all()}}; }

/* What may lie right before a string where a match of its node has it
 * (precede's cases): `inner` where that byte is of the match, `outer`
 * where the string starts the match (the byte before the match; none
 * where the string never starts it). After another node the string's
 * outer bytes are that node's last, or where it is empty, what lies
 * before it (after_ends). A string of a part of one character starts
 * it ({none, all}); one whose place is not known: {all, none}. */
typedef struct preceded {
    precede inner, outer;
} preceded;

static preceded preceded_leaf(void) { return (preceded){.outer = precede_all()}; }
static preceded preceded_unknown(void) { return (preceded){.inner = precede_all()}; }

/* A class of one character as the pattern writes it ("[\\p{L}\\d]", "\\w"):
 * two with the same text in the same case mode match the same
 * characters, past ASCII too, where bytes cannot tell ("é" is a letter,
 * "€" is not). `ascii`: its ASCII members, when known (ascii_known). */
typedef struct class_text {
    const char *text;       /* into the pattern; NULL: none */
    size_t length;
    int caseless, ascii_known;
    byteset ascii;
} class_text;

/* What look-aheads say of the characters after a string, where bytes
 * cannot say it (set `after`): the next is one of `in` (and the text
 * goes on); the next is none of `not_in`, or the text ends ("(?![\\p{L}\\d])"
 * after it); and, from "(?!C(?!K))" after it, where the next byte is one
 * of C (ASCII), the character after that is one of K (pair_second). A
 * string "p" after "(?![pP](?![\\p{L}\\d]))" is followed by a letter or
 * digit; "(?![\\p{L}\\d])" after it then leaves it no match. */
typedef struct after_string {
    class_text in, not_in, pair_second;
    byteset pair_first;
    int past_ascii;     /* `in` is known only where the string's last byte is as in ASCII (keep_ending) */
} after_string;

/* The strings are those the reader compares (folded unless every letter
 * of the pattern is case-sensitive, reader.keep_case); `written` has each
 * as the pattern writes it where that is known, every letter from a
 * case-sensitive part: then it occurs as written ("May" of
 * "(?i:late )?May", which "may" alone would find in "you may"). And
 * `follow`: the bytes one of which lies right after the string where a
 * match of its node has it, or the text ends there: "Co" of
 * "(?:Co|Corp)(?![a-z])" is followed by a byte not in [a-z] ("Corp" is
 * another string). A look-ahead in the node says so, so it holds
 * wherever the node stands in a longer match. All bytes where nothing is
 * known. `at_end`: the string is an exact part's whole string, last in
 * the node, so what follows the node follows it ("Co" of
 * "\\d (?:Co|Corp)" followed by "(?![a-z])"). `at_start`: where a match
 * has the string as its node's, it starts the match (an exact part's
 * strings, "a" of "(?:a|\\w+'s)"; in a suffix: it is all of the match);
 * 0 where not known. */
typedef struct set {
    char **items;
    char **written;         /* per item: as written, or NULL (a caseless letter, or two forms met) */
    size_t *lengths;        /* of the items */
    byteset *follow;        /* per item: every byte that may follow where it occurs in a match (see set_add) */
    unsigned char *at_end;  /* per item: where it is a match's string (not exact nodes), it ends the match */
    unsigned char *at_start;   /* per item: see above */
    after_string *after;    /* per item: see after_string (none where nothing is known) */
    preceded *preceded;     /* per item: what may lie right before it where a match has it */
    unsigned char *group;   /* per item: of a node's strings, 1 + the index of the side of an alternation it
                             * is of (info `groups`); 0 none, MIXED several */
    size_t count, capacity;
} set;

enum { MIXED = 255 };

#define UNBOUNDED FX_PREFILTER_UNBOUNDED

/* Every byte of a non-ASCII character: what a class that may match one
 * can consume, whichever character it is. */
static void bs_high(byteset *s) { s->w[2] = s->w[3] = ~(uint64_t)0; }

/* A further condition on a node's matches (prefilter.h `needs`): every
 * match holds one of `strings`, ending at most `reach` bytes after the
 * match's start. */
typedef struct need {
    set strings;
    size_t reach;
} need;

enum { MAX_NEEDS = 4 };

/* A condition before the string of a node's `strings` in a match (its
 * literal, L): one of `strings` lies within [L - reach, L + past), with
 * at most `spaces` spaces (' ') from its start to L ("{NAME}, (?:a|the)
 * (?:\\w+ ){0,4}?(?:bank|firm)", keyed on "bank" and "firm", has ", a "
 * or ", the " ending before them, four words back at most). A string
 * marked at_start (set) may instead start the node's match: where
 * something of known suffixes comes before the node, the two cross
 * (", " then "a "). */
typedef struct before_need {
    set strings;
    size_t reach, past, spaces;
} before_need;

/* A byte class every match of a node consumes a byte of, that byte
 * starting at most `reach` - 1 bytes after the match's start: "between
 * \K{CUR} ?\d" needs a digit (or a byte of a non-ASCII one) within its
 * first bytes. Kept only when selective (class_useful). */
typedef struct class_need {
    byteset bytes;
    size_t reach;
} class_need;

enum { MAX_CLASSES = 4 };

/* The befores of a side of an alternation's own strings (those of its
 * strings' `group`). Those of a|b are what either side meets
 * (either_befores), weaker than each side's own: kept per side, they
 * hold where a literal is that side's alone (org.cue_results: " won ",
 * " secured " ... before "contract" and "order", a cutting verb before
 * " jobs"). */
typedef struct before_group {
    before_need befores[MAX_NEEDS];
    size_t before_count;
} before_group;

enum { MAX_GROUPS = FX_PREFILTER_MAX_GROUPS };

/* What may follow a space (' ') in a node's matches (prefilter.h
 * `after_space`, a superset each): the bytes a match that consumes any
 * can start with; those right after a space inside it (or inside a
 * look-ahead's); those right after a space between its start and where
 * the string of `strings` in it starts (that string's first byte
 * included), and the first byte of that stretch (a look-ahead's own,
 * where it consumes none); whether a match can be empty, and end with a
 * space. */
typedef struct spacing {
    byteset first, inside, to_string, string_first;
    int empty, ends_space;
} spacing;

typedef struct info {
    int exact;      /* `strings` is every string the node can match */
    int any;        /* not exact, and nothing is required */
    set strings;    /* exact: all strings; else: one of them occurs in a match */
    size_t maxlen;  /* most bytes a match of the node spans, or UNBOUNDED */
    size_t lead;    /* not exact: in every match one of `strings` starts at most
                     * this many bytes after the match's start (or UNBOUNDED) */
    byteset chars;  /* every byte a match of the node can consume (a superset) */
    byteset before; /* not exact: every byte between the match's start and
                     * the string of `strings` that occurs in it */
    /* Sharper forms of the same bounds (see tail_of, near_of), set where
     * known: a match of the node is P Q with P at most `head` bytes and
     * Q all `tail` bytes; what lies between the match's start and its
     * string is P Q with P at most `far` bytes and Q all `near` bytes. */
    int has_tail, has_near;
    byteset tail, near;
    size_t head, far;
    /* not exact: every match of the node ends with one of `suffix`
     * (has_suffix; no empty string), whatever `strings` it requires */
    int has_suffix;
    set suffix;
    /* not exact: the most spaces (' ' bytes) a match consumes (UNBOUNDED;
     * an exact node's are counted in its strings, spaces_of), and the
     * most between the match's start and the string of `strings` in it:
     * "(?:\p{Lu}\w* ){1,3}Bank" has at most 3 however long its words */
    size_t spaces, spaces_lead;
    /* not exact: conditions besides `strings` (an exact node has none:
     * its strings are the whole of it) */
    need needs[MAX_NEEDS];
    size_t need_count;
    /* byte classes a match consumes (exact nodes: see classes_of) */
    class_need classes[MAX_CLASSES];
    size_t class_count;
    /* byte classes a match consumes within its last `reach` bytes (exact
     * nodes: see ends_of); and, not exact, byte classes within the `reach`
     * bytes before where the string of `strings` in it starts (lit):
     * "DAY (?:of )?MONTH", keyed on the month, has a digit in the 7 bytes
     * before it. A report of the literal without one starts no match. */
    class_need ends[MAX_CLASSES];
    size_t end_count;
    class_need lit[MAX_CLASSES];
    size_t lit_count;
    /* not exact: the most bytes from where the string of `strings` in a
     * match starts to the match's end (UNBOUNDED, also when the string may
     * lie past the end, in a look-ahead); and byte classes after
     * that string's end, starting before `reach` bytes from its start
     * (lit_after): "MONTH (?:the )?DAY", keyed on the month, has a digit
     * in its 16 bytes (lit_tail: that most) */
    size_t lit_tail;
    class_need lit_after[MAX_CLASSES];
    size_t lit_after_count;
    /* not exact: strings after the string of `strings` in a match, like
     * lit_after: one of a need's lies after that string's end and ends at
     * most `reach` bytes from its start ("MONTH ?(?:to|-) ?MONTH", keyed
     * on the first month, has a second one within 27 bytes) */
    need lit_needs[MAX_NEEDS];
    size_t lit_need_count;
    /* not exact: strings before the string of `strings` in a match */
    before_need befores[MAX_NEEDS];
    size_t before_count;
    /* not exact, after an alternation of which a side has befores: a
     * match with a string of `strings` of a side (set `group`) has that
     * side's befores (malloc'd; NULL: none kept) */
    before_group *groups;
    size_t group_count;
    /* its strings or needs may lie past what it consumes (a look-ahead's):
     * none of them is known to lie before what follows it */
    int ahead;
    /* What cannot lie right before where a match of the node ends (so
     * that nothing is known where nothing is said): not_last, the last
     * byte of a match that consumes one; not_empty, the byte before an
     * empty match (precede's two cases). Where the node comes before
     * another, that one's strings which start its match lie after them
     * (after_node). */
    byteset not_last;
    precede not_empty;
    /* set by the nodes that know better (spacing_of) than their strings
     * (exact) or their bytes (else) */
    int has_spacing;
    spacing spacing;
} info;

typedef struct call_chars {     /* the bytes a named group consumes, and at most how many */
    char *name;
    byteset chars;
    size_t maxlen;
    spacing spacing;    /* read in the case it is written in (reader `defs_caseless`), where spacing_known */
    int spacing_known;
} call_chars;

typedef struct call_memo {
    call_chars *groups;
    size_t count;
} call_memo;

typedef struct reader {
    const char *start, *p;
    int caseless;
    int failed;     /* a construct we do not understand: no prefilter */
    int depth;      /* group nesting */
    int k_count;    /* \K seen anywhere */
    int k_top;      /* the \K is in the top-level sequence (no top-level |) */
    size_t k_offset, k_prefix_max;
    int top_branches;
    int discarding;  /* inside (?(DEFINE)...): only the syntax is read */
    int keep_case;   /* literals as written (the pattern has no caseless literal) */
    int saw_caseless;   /* a literal character was read in a caseless part */
    call_memo *calls;   /* named groups' bytes, read once per pattern */
    const fx_table *common;   /* the common words (prefilter.h), or NULL */
    int call_depth;
    int aheads_empty;   /* a look-ahead read as the empty string (find_prefix: its strings a superset) */
    int defs_caseless;  /* the named groups may be caseless (the rule is, or an option of the pattern says so) */
} reader;

static size_t add_len(size_t a, size_t b) { return a == UNBOUNDED || b == UNBOUNDED ? UNBOUNDED : a + b; }
static size_t max_len(size_t a, size_t b) { return a > b ? a : b; }   /* UNBOUNDED is the largest */

static int same_class(const class_text *a, const class_text *b)
{
    return a->text && b->text && a->length == b->length && a->caseless == b->caseless &&
           memcmp(a->text, b->text, a->length) == 0;
}

/* What both a and b say (a string met twice: either may be the one). */
static after_string after_both(const after_string *a, const after_string *b)
{
    after_string r = {0};
    if (same_class(&a->in, &b->in) && a->past_ascii == b->past_ascii) {
        r.in = a->in;
        r.past_ascii = a->past_ascii;
    }
    if (same_class(&a->not_in, &b->not_in)) r.not_in = a->not_in;
    if (same_class(&a->pair_second, &b->pair_second) && memcmp(&a->pair_first, &b->pair_first, sizeof a->pair_first) == 0) {
        r.pair_second = a->pair_second;
        r.pair_first = a->pair_first;
    }
    return r;
}

/* str (written: as written, or NULL; follow, before, at_end, at_start
 * and after: see set, NULL for all bytes and nothing known) into s; a
 * string already there keeps its written form only if this one is the
 * same, may be followed and preceded by what either may, and ends
 * (starts) its match if both do.
 * One whose next character is known to be of a class (after_string `in`)
 * stays apart from the same string without: a look-ahead after them may
 * leave it no match, but not the other ("p" of money.words' names, "P" of
 * its symbols). */
static void set_add_followed(set *s, const char *str, const char *written, size_t n, const byteset *follow,
                             const preceded *before, int at_end, int at_start, const after_string *after, unsigned group)
{
    const after_string none = {0};
    if (!follow || !after) after = &none;
    for (size_t i = 0; i < s->count; i++)
        if (s->lengths[i] == n && memcmp(s->items[i], str, n) == 0 &&
            (s->after[i].in.text ? same_class(&s->after[i].in, &after->in) && s->after[i].past_ascii == after->past_ascii
                                 : !after->in.text)) {
            if (s->written[i] && (!written || memcmp(s->written[i], written, n) != 0)) {
                free(s->written[i]);
                s->written[i] = NULL;
            }
            if (follow) bs_union(&s->follow[i], follow);
            else s->follow[i] = bs_all();
            preceded *p = &s->preceded[i], known = before ? *before : preceded_unknown();
            for (int k = 0; k < 2; k++) {
                bs_union(&p->inner.next[k], &known.inner.next[k]);
                bs_union(&p->outer.next[k], &known.outer.next[k]);
            }
            s->at_end[i] = s->at_end[i] && at_end;
            s->at_start[i] = s->at_start[i] && at_start;
            s->after[i] = after_both(&s->after[i], after);
            if (s->group[i] != group) s->group[i] = MIXED;
            return;
        }
    if (s->count == s->capacity) {
        s->capacity = s->capacity ? 2 * s->capacity : 4;
        s->items = fx_xrealloc(s->items, s->capacity * sizeof *s->items);
        s->written = fx_xrealloc(s->written, s->capacity * sizeof *s->written);
        s->lengths = fx_xrealloc(s->lengths, s->capacity * sizeof *s->lengths);
        s->follow = fx_xrealloc(s->follow, s->capacity * sizeof *s->follow);
        s->at_end = fx_xrealloc(s->at_end, s->capacity * sizeof *s->at_end);
        s->at_start = fx_xrealloc(s->at_start, s->capacity * sizeof *s->at_start);
        s->after = fx_xrealloc(s->after, s->capacity * sizeof *s->after);
        s->preceded = fx_xrealloc(s->preceded, s->capacity * sizeof *s->preceded);
        s->group = fx_xrealloc(s->group, s->capacity * sizeof *s->group);
    }
    s->group[s->count] = (unsigned char)group;
    s->lengths[s->count] = n;
    s->follow[s->count] = follow ? *follow : bs_all();
    s->at_end[s->count] = (unsigned char)at_end;
    s->at_start[s->count] = (unsigned char)at_start;
    s->after[s->count] = *after;
    s->preceded[s->count] = before ? *before : preceded_unknown();
    s->written[s->count] = written ? fx_xstrndup(written, n) : NULL;
    s->items[s->count++] = fx_xstrndup(str, n);
}

/* A string of which nothing follows is known, an exact part's (it
 * is the part's match). */
static void set_add(set *s, const char *str, const char *written, size_t n)
{
    preceded leaf = preceded_leaf();
    set_add_followed(s, str, written, n, NULL, &leaf, 0, 1, NULL, 0);
}

/* t's string i into s. */
static void set_add_item(set *s, const set *t, size_t i)
{
    set_add_followed(s, t->items[i], t->written[i], t->lengths[i], &t->follow[i], &t->preceded[i], t->at_end[i],
                     t->at_start[i], &t->after[i], t->group[i]);
}

static void add_text_byte(byteset *b, unsigned char c);

/* May the text hold c (a string's byte) only as a byte of `bytes`? */
static int text_byte_within(unsigned char c, const byteset *bytes)
{
    byteset forms = {{0}};
    add_text_byte(&forms, c);
    for (int k = 0; k < 4; k++)
        if (forms.w[k] & ~bytes->w[k]) return 0;
    return 1;
}

/* What is known after a string (x_after) then y's string j, ly bytes of
 * it (all, or a start), into *out: 0 when no match has them so. y's
 * empty string adds what follows it to x's; a first byte of x's pair
 * (after_string) makes the next character one of its K, and a second
 * byte that is never one of K ("d-mark" after "(?![dD](?![\\p{L}\\d]))")
 * leaves no match. */
static int after_joined(const after_string *x_after, const set *y, size_t j, size_t ly, after_string *out)
{
    const after_string *y_after = &y->after[j];
    size_t n = y->lengths[j];
    *out = (after_string){0};
    if (n == 0) {
        *out = *x_after;
        if (y_after->in.text) out->in = y_after->in;
        if (y_after->not_in.text) out->not_in = y_after->not_in;
        if (y_after->pair_second.text) {
            out->pair_first = y_after->pair_first;
            out->pair_second = y_after->pair_second;
        }
        return out->past_ascii || !same_class(&out->in, &out->not_in);
    }
    if (ly == n) *out = *y_after;
    const class_text *k = &x_after->pair_second;
    const unsigned char *str = (const unsigned char *)y->items[j];
    if (!k->text) return 1;
    if (n == 1) {
        /* of its forms in ASCII: a caseless s or k may also be LONG S or
         * KELVIN SIGN, which C does not hold (past_ascii) */
        byteset ascii = x_after->pair_first;
        bs_high(&ascii);
        if (ly == n && text_byte_within(str[0], &ascii)) {
            out->in = *k;
            out->past_ascii = !text_byte_within(str[0], &x_after->pair_first);
        }
        return out->past_ascii || !same_class(&out->in, &out->not_in);
    }
    if (!text_byte_within(str[0], &x_after->pair_first)) return 1;
    byteset outside = k->ascii;   /* the bytes str[1] may not be: K's (ASCII) and any past ASCII */
    bs_high(&outside);
    for (int w = 0; w < 4; w++) outside.w[w] = ~outside.w[w];
    return !(k->ascii_known && text_byte_within(str[1], &outside));
}

/* x's string i then the first ly bytes of y's string j, into out:
 * followed by what follows y's (and x's too where y's is empty), unless
 * y's is cut, after what precedes x's (and y's too where x's is empty),
 * ending a match where y's does and starting one where x's does, of y's
 * side (set `group`); not at all where no match has them so
 * (after_joined). */
static void set_add_joined(set *out, const set *x, size_t i, const set *y, size_t j, size_t ly)
{
    after_string after;
    if (!after_joined(&x->after[i], y, j, ly, &after)) return;
    size_t lx = x->lengths[i];
    char buf[2 * MAX_LEN + 1], wbuf[2 * MAX_LEN + 1];
    memcpy(buf, x->items[i], lx);
    memcpy(buf + lx, y->items[j], ly);
    int written = x->written[i] && y->written[j];
    if (written) {
        memcpy(wbuf, x->written[i], lx);
        memcpy(wbuf + lx, y->written[j], ly);
    }
    byteset follow = ly == y->lengths[j] ? y->follow[j] : bs_all();
    if (y->lengths[j] == 0)
        for (int k = 0; k < 4; k++) follow.w[k] &= x->follow[i].w[k];
    preceded before = x->preceded[i];
    if (lx == 0) {   /* y's where it does not start y's match, else what may lie before both */
        const preceded *py = &y->preceded[j];
        for (int n = 0; n < 2; n++)
            for (int k = 0; k < 4; k++) {
                before.inner.next[n].w[k] = (before.inner.next[n].w[k] & py->outer.next[n].w[k]) | py->inner.next[n].w[k];
                before.outer.next[n].w[k] &= py->outer.next[n].w[k];
            }
    }
    set_add_followed(out, buf, written ? wbuf : NULL, lx + ly, &follow, &before, y->at_end[j] && ly == y->lengths[j],
                     x->at_start[i], &after, y->group[j]);
}

static void set_free(set *s)
{
    for (size_t i = 0; i < s->count; i++) {
        free(s->items[i]);
        free(s->written[i]);
    }
    free(s->items);
    free(s->written);
    free(s->lengths);
    free(s->follow);
    free(s->at_end);
    free(s->at_start);
    free(s->after);
    free(s->preceded);
    free(s->group);
    *s = (set){0};
}

/* Every string of s starts its match (1), or none is known to (0). */
static void set_at_start(set *s, int at_start)
{
    for (size_t i = 0; i < s->count; i++) s->at_start[i] = (unsigned char)at_start;
}

/* Every string of s ends its match (at_end 1), or none may (0). */
static void set_at_end(set *s, int at_end)
{
    for (size_t i = 0; i < s->count; i++) s->at_end[i] = (unsigned char)at_end;
}

/* The byte c, as the text may hold it where a string has it: in either
 * case, and for a k or s the bytes of KELVIN SIGN and LONG S (a folded
 * string's letter may come from a caseless part). */
static void add_text_byte(byteset *b, unsigned char c)
{
    bs_add(b, c);
    if (((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) {
        bs_add(b, c | 0x20u);
        bs_add(b, c & ~0x20u);
    }
    if ((c | 0x20) == 'k' || (c | 0x20) == 's') bs_high(b);
}

static int has_letter(const char *s, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (((s[k] | 0x20) >= 'a' && (s[k] | 0x20) <= 'z')) return 1;
    return 0;
}

/* Where a's string i occurs, does b's string j (inside it, or at its
 * start: prefix)? As written when b's is known as written and has a
 * letter. */
static int implies(const set *a, size_t i, const set *b, size_t j, int prefix)
{
    size_t la = a->lengths[i], lb = b->lengths[j];
    if (lb > la) return 0;
    const char *sa = a->items[i], *sb = b->items[j];
    if (b->written[j] && has_letter(sb, lb)) {
        if (!a->written[i]) return 0;
        sa = a->written[i];
        sb = b->written[j];
    }
    return prefix ? memcmp(sa, sb, lb) == 0 : memmem(sa, la, sb, lb) != NULL;
}

/* ---- class needs ---- */

/* A class says little when nearly every stretch of text holds one of its
 * bytes: a letter or a space. */
static int class_useful(const byteset *b)
{
    if (bs_has(b, ' ')) return 0;
    for (unsigned c = 'A'; c <= 'Z'; c++)
        if (bs_has(b, c) || bs_has(b, c | 0x20)) return 0;
    return 1;
}

/* The number of ASCII bytes in b, and 1 for any non-ASCII ones (rare in
 * English text): fewer is more selective. */
static int class_weight(const byteset *b)
{
    return (int)(fx_bit_count(b->w[0]) + fx_bit_count(b->w[1])) + ((b->w[2] | b->w[3]) != 0);
}

static int class_better(const class_need *a, const class_need *b)
{
    int wa = class_weight(&a->bytes), wb = class_weight(&b->bytes);
    return wa != wb ? wa < wb : a->reach < b->reach;
}

/* bytes within reach into the class needs list[0..*count); the
 * MAX_CLASSES most selective useful ones are kept. */
static void add_class_to(class_need *list, size_t *count, byteset bytes, size_t reach)
{
    if (reach == UNBOUNDED || !class_useful(&bytes)) return;
    class_need n = {bytes, reach};
    for (size_t k = 0; k < *count; k++)
        if (memcmp(&list[k].bytes, &bytes, sizeof bytes) == 0) {
            if (reach < list[k].reach) list[k].reach = reach;
            return;
        }
    if (*count < MAX_CLASSES) {
        list[(*count)++] = n;
        return;
    }
    size_t worst = 0;
    for (size_t k = 1; k < *count; k++)
        if (class_better(&list[worst], &list[k])) worst = k;
    if (class_better(&n, &list[worst])) list[worst] = n;
}

/* bytes within reach as a class need of x */
static void add_class(info *x, byteset bytes, size_t reach) { add_class_to(x->classes, &x->class_count, bytes, reach); }

/* Anything, consuming any byte (callers that know better narrow chars). */
static info make_any_len(size_t maxlen)
{
    info r = {.any = 1, .maxlen = maxlen, .lead = UNBOUNDED, .chars = bs_all(), .before = bs_all(),
              .spaces = maxlen, .spaces_lead = UNBOUNDED, .lit_tail = UNBOUNDED};
    return r;
}

static info make_any_chars(size_t maxlen, byteset chars)
{
    info r = make_any_len(maxlen);
    r.chars = chars;
    r.not_last = bs_not(chars);
    if (!bs_has(&chars, ' ')) r.spaces = 0;
    return r;
}

/* x consumes at least one byte: no empty match. */
static void not_empty_ever(info *x) { x->not_empty = precede_all(); }

/* One character of chars (at most 4 bytes of UTF-8, one space; one
 * byte where chars has none past ASCII: "\\d", "[0-9,]"). */
static info make_char(byteset chars)
{
    info r = make_any_chars(chars.w[2] | chars.w[3] ? 4 : 1, chars);
    if (r.spaces) r.spaces = 1;
    add_class(&r, chars, 1);   /* its first byte is one of chars */
    add_class_to(r.ends, &r.end_count, chars, 1);   /* and its last */
    not_empty_ever(&r);
    r.has_spacing = 1;   /* (nothing follows a space inside one character) */
    r.spacing = (spacing){.first = chars, .string_first = chars, .ends_space = bs_has(&chars, ' ')};
    return r;
}

/* any character */
static info make_any(void) { return make_char(bs_all()); }

static info make_empty(void)
{
    info r = {.exact = 1, .not_last = bs_all()};
    set_add(&r.strings, "", "", 0);
    return r;
}

/* The empty match of x lies only after the bytes of `before`: its
 * string's and x's (x: make_empty's). */
static void empty_after(info *x, const precede *before)
{
    x->strings.preceded[0].outer = *before;
    for (int n = 0; n < 2; n++) x->not_empty.next[n] = bs_not(before->next[n]);
}

/* What may lie right before where a match of x ends (precede): its last
 * byte, or where the match is empty, what lies before it. */
static precede end_precede(const info *x)
{
    precede p;
    for (int n = 0; n < 2; n++)
        for (int k = 0; k < 4; k++) p.next[n].w[k] = ~(x->not_last.w[k] & x->not_empty.next[n].w[k]);
    return p;
}

/* s's strings (of a node) now after a node that ends with a byte of
 * `last` where it consumes any, and is empty only after a byte of
 * `empty` (precede's cases): where a string starts its node's match,
 * the byte before it is one of `last`, now of the longer match, or it
 * starts that match too. */
static void after_ends(set *s, const byteset *last, const precede *empty)
{
    for (size_t i = 0; i < s->count; i++) {
        preceded *p = &s->preceded[i];
        for (int n = 0; n < 2; n++)
            for (int k = 0; k < 4; k++) {
                p->inner.next[n].w[k] |= p->outer.next[n].w[k] & last->w[k];
                p->outer.next[n].w[k] &= empty->next[n].w[k];
            }
    }
}

/* The same after x. */
static void after_node(set *s, const info *x)
{
    byteset last = bs_not(x->not_last);
    precede empty;
    for (int n = 0; n < 2; n++) empty.next[n] = bs_not(x->not_empty.next[n]);
    after_ends(s, &last, &empty);
}

static void needs_free(info *x)
{
    for (size_t k = 0; k < x->need_count; k++) set_free(&x->needs[k].strings);
    x->need_count = 0;
}

static void lit_needs_free(info *x)
{
    for (size_t k = 0; k < x->lit_need_count; k++) set_free(&x->lit_needs[k].strings);
    x->lit_need_count = 0;
}

static void list_free(before_need *list, size_t *count)
{
    for (size_t k = 0; k < *count; k++) set_free(&list[k].strings);
    *count = 0;
}

/* (and its strings are of none) */
static void groups_free(info *x)
{
    for (size_t g = 0; g < x->group_count; g++) list_free(x->groups[g].befores, &x->groups[g].before_count);
    free(x->groups);
    x->groups = NULL;
    x->group_count = 0;
    if (x->strings.count) memset(x->strings.group, 0, x->strings.count);
}

/* x's befores, its groups' too */
static void befores_free(info *x)
{
    list_free(x->befores, &x->before_count);
    groups_free(x);
}

static void info_free(info *x)
{
    needs_free(x);
    lit_needs_free(x);
    befores_free(x);
    set_free(&x->strings);
    set_free(&x->suffix);
    x->has_suffix = 0;
}

static int has_empty(const set *s)
{
    for (size_t i = 0; i < s->count; i++)
        if (s->lengths[i] == 0) return 1;
    return 0;
}

static set set_copy(const set *s)
{
    set c = {0};
    for (size_t i = 0; i < s->count; i++) set_add_item(&c, s, i);
    return c;
}

/* The strings of a or b, each once, into *out: 0 (and nothing) when
 * there are more than MAX_EXACT (a need of either side of an alternation:
 * both sides' months are one set, not twice as many). */
static int either_strings(const set *a, const set *b, set *out)
{
    *out = set_copy(a);
    for (size_t k = 0; k < b->count; k++) set_add_item(out, b, k);
    if (out->count <= MAX_EXACT) return 1;
    set_free(out);
    return 0;
}

/* What every match of x ends with, or NULL when not known. */
static const set *suffix_of(const info *x)
{
    if (x->exact) return has_empty(&x->strings) ? NULL : &x->strings;
    return x->has_suffix ? &x->suffix : NULL;
}

/* Every s t of s in x, t in y into *out: 0 (and nothing) when there would
 * be more than `most` or one longer than MAX_LEN. With `cut`, a longer
 * one is cut to MAX_LEN bytes (at a character's start): where each t
 * starts what it is required of, s t and every start of it are too. */
static int cross(const set *x, const set *y, set *out, size_t most, int cut)
{
    *out = (set){0};
    if (x->count * y->count > most) return 0;
    for (size_t i = 0; i < x->count; i++)
        for (size_t j = 0; j < y->count; j++) {
            size_t lx = x->lengths[i], ly = y->lengths[j];
            if (lx + ly > MAX_LEN && cut && lx < MAX_LEN) {
                ly = MAX_LEN - lx;
                while (ly > 0 && ((unsigned char)y->items[j][ly] & 0xC0) == 0x80) ly--;
            }
            if (lx + ly > MAX_LEN) {
                set_free(out);
                return 0;
            }
            set_add_joined(out, x, i, y, j, ly);
        }
    return 1;
}

/* x's suffix is now s (taken over; none when has is 0). */
static void set_suffix(info *x, int has, set s)
{
    set_free(&x->suffix);
    x->has_suffix = has && !x->exact;
    x->suffix = s;
    if (!x->has_suffix) set_free(&x->suffix);
}

/* The most spaces a match of x consumes. */
static size_t spaces_of(const info *x)
{
    if (!x->exact) return x->spaces;
    size_t most = 0;
    for (size_t i = 0; i < x->strings.count; i++) {
        size_t n = 0;
        for (size_t k = 0; k < x->strings.lengths[i]; k++) n += x->strings.items[i][k] == ' ';
        if (n > most) most = n;
    }
    return most;
}

/* The required set of x (consumes x). An exact set with "" requires nothing. */
static info to_required(info x)
{
    if (!x.exact) return x;
    size_t spaces = spaces_of(&x);
    for (size_t i = 0; i < x.strings.count; i++)
        if (x.strings.items[i][0] == '\0') {
            size_t maxlen = x.maxlen;
            byteset chars = x.chars, not_last = x.not_last;
            precede not_empty = x.not_empty;
            info_free(&x);
            info any = make_any_chars(maxlen, chars);
            any.spaces = spaces;
            any.not_last = not_last;   /* (the same matches) */
            any.not_empty = not_empty;
            return any;
        }
    x.exact = 0;
    set_at_end(&x.strings, 1);   /* (and end it) */
    set_at_start(&x.strings, 1);   /* (and start it: each is all of it) */
    x.lit_tail = x.maxlen;   /* the strings start the match */
    x.spaces = spaces;
    x.spaces_lead = 0;
    x.before = (byteset){{0}};   /* the strings start the match */
    set_suffix(&x, 1, set_copy(&x.strings));   /* and one of them ends it */
    return x;
}

/* Every match of x is P Q with P at most *head bytes and Q made of the
 * returned bytes only: a node of bounded width is all P; else its tail
 * where known, else all its bytes. ("$ 5,000": P "$ ", Q "5,000".) */
static byteset tail_of(const info *x, size_t *head)
{
    if (x->maxlen != UNBOUNDED) {
        *head = x->maxlen;
        return (byteset){{0}};
    }
    *head = x->has_tail ? x->head : 0;
    return x->has_tail ? x->tail : x->chars;
}

/* The same for what lies between a match's start and the string of x
 * that occurs in it: P of at most *far bytes, then Q of the returned
 * bytes only (the lead alone, or the run of `before` bytes alone, are
 * such bounds). */
static byteset near_of(const info *x, size_t *far)
{
    if (x->has_near) {
        *far = x->far;
        return x->near;
    }
    *far = x->lead != UNBOUNDED ? x->lead : 0;
    return x->lead != UNBOUNDED ? (byteset){{0}} : x->before;
}

static void set_tail(info *x, byteset tail, size_t head)
{
    x->has_tail = 1;
    x->tail = tail;
    x->head = head;
}

static void set_near(info *x, byteset near, size_t far)
{
    x->has_near = 1;
    x->near = near;
    x->far = far;
}

/* How selective a string is: twice its length, but 0 for one made of
 * spaces and at most one letter or digit ("a", " ", "5 "), which occurs
 * in nearly every line of a text and anchors nothing, and one less for
 * one of digits only: numbers are everywhere in news ("20" of years and
 * sums is commoner than "h1"; still rarer than "-"). */
static size_t weight(const char *s, size_t n)
{
    size_t alnum = 0, digits = 0;
    for (size_t k = 0; k < n; k++) {
        unsigned char c = (unsigned char)s[k];
        if (c == ' ') continue;
        if (!((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))) return 2 * n;
        digits += c >= '0' && c <= '9';
        alnum++;
    }
    if (alnum <= 1) return 0;
    return digits == alnum ? 2 * n - 1 : 2 * n;
}

static int is_letter(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

/* Is s[0..n) (letters) one of the common words (prefilter.h), in any case? */
static int is_common_word(const char *s, size_t n, const fx_table *common)
{
    char folded[MAX_LEN];
    if (!common || n > sizeof folded) return 0;
    for (size_t k = 0; k < n; k++) folded[k] = (char)(s[k] | 0x20);
    return fx_table_find(common, folded, n) != NULL;
}

/* weight() with the letters of common words (whole runs of letters in
 * the string) not counted. */
static size_t rare_weight(const char *s, size_t n, const fx_table *common)
{
    size_t discounted = 0;
    for (size_t k = 0; k < n; k++) {
        if (!is_letter((unsigned char)s[k]) || (k > 0 && is_letter((unsigned char)s[k - 1]))) continue;
        size_t end = k;
        while (end < n && is_letter((unsigned char)s[end])) end++;
        if (is_common_word(s + k, end - k, common)) discounted += end - k;
    }
    size_t w = weight(s, n);
    return w > 2 * discounted ? w - 2 * discounted : 0;
}

/* The least weight of s's strings, by rare_weight when common is given. */
static size_t lightest(const set *s, int rare, const fx_table *common)
{
    size_t m = (size_t)-1;
    for (size_t i = 0; i < s->count; i++) {
        size_t n = rare ? rare_weight(s->items[i], s->lengths[i], common) : weight(s->items[i], s->lengths[i]);
        if (n < m) m = n;
    }
    return m;
}

static size_t shortest(const set *s) { return lightest(s, 0, NULL); }

/* The fewest bytes of s's strings (0 when s has none). */
static size_t shortest_length(const set *s)
{
    size_t least = 0;
    for (size_t i = 0; i < s->count; i++)
        if (i == 0 || s->lengths[i] < least) least = s->lengths[i];
    return least;
}

/* Is crossing a's strings with b's that follow them worth the strings
 * it adds to the scan's database? Each string there costs the scan of
 * every byte of every text a little (a set of a hundred or more costs
 * as much as a few thousand searches a MB); a's strings alone suffice
 * when they are already rare (RARE_ALONE: "between " of
 * money.range_low_between, not crossed with the 215 currency symbols
 * after it), and b's strings are then needed after them. */
static int crossing_pays(const set *a, const set *b)
{
    return a->count * b->count <= MAX_EXACT || shortest(a) < RARE_ALONE;
}

/* More selective: longer shortest string (by weight), then fewer strings. */
static int better(const info *a, const info *b)
{
    if (a->any) return 0;
    if (b->any) return 1;
    size_t la = shortest(&a->strings), lb = shortest(&b->strings);
    if (la != lb) return la > lb;
    return a->strings.count <= b->strings.count;
}

/* ---- needs: more strings a match cannot do without ----
 *
 * The literals are one set of strings; a match needs one string of each
 * part it must go through, and where the literals are taken from one part
 * (the more selective side of a concatenation), the other parts' strings
 * are kept as needs, with where they end at most: "DAY\.MONTH\.YEAR" is
 * keyed on the year and needs a "." in its first 6 bytes. An optional
 * part, a part after one of unbounded width, or a lookaround other than a
 * lookahead gives no need; an alternation needs one string of either
 * side's needs. */

/* The most bytes s[0..n) takes in the text: a caseless k or s may be
 * KELVIN SIGN (3 bytes) or LONG S (2). */
static size_t span_of(const char *s, size_t n)
{
    size_t bytes = n;
    for (size_t k = 0; k < n; k++) bytes += (s[k] | 0x20) == 'k' || (s[k] | 0x20) == 's' ? 2 : 0;
    return bytes;
}

/* How far past a match's start x's own strings end at most. */
static size_t reach_of(const info *x)
{
    if (x->any || x->lead == UNBOUNDED) return UNBOUNDED;
    size_t most = 0;
    for (size_t i = 0; i < x->strings.count; i++) most = max_len(most, span_of(x->strings.items[i], x->strings.lengths[i]));
    return add_len(x->lead, most);
}

static int same_set(const set *a, const set *b)
{
    if (a->count != b->count) return 0;
    for (size_t i = 0; i < a->count; i++) {
        size_t j = 0;
        while (j < b->count && !(b->lengths[j] == a->lengths[i] && memcmp(b->items[j], a->items[i], a->lengths[i]) == 0))
            j++;
        if (j == b->count) return 0;
    }
    return 1;
}

/* More selective: a longer shortest string (by weight), fewer strings, a
 * shorter reach. */
static int need_better(const need *a, const need *b)
{
    size_t wa = shortest(&a->strings), wb = shortest(&b->strings);
    if (wa != wb) return wa > wb;
    if (a->strings.count != b->strings.count) return a->strings.count < b->strings.count;
    return a->reach < b->reach;
}

/* strings (taken over) as a need of a list (*count of MAX_NEEDS),
 * ending at most reach bytes in; not when they say little (the empty
 * string, one of weight 0: a digit, a letter, spaces) or nothing is
 * bounded. The MAX_NEEDS most selective are kept. */
static void add_need_to(need *list, size_t *count, set strings, size_t reach)
{
    need n = {strings, reach};
    if (reach == UNBOUNDED || strings.count == 0 || strings.count > MAX_SET || has_empty(&strings) ||
        shortest(&strings) == 0) {
        set_free(&n.strings);
        return;
    }
    for (size_t k = 0; k < *count; k++)
        if (same_set(&list[k].strings, &strings)) {
            if (reach < list[k].reach) list[k].reach = reach;
            for (size_t i = 0; i < strings.count; i++)   /* as written only where both are */
                set_add_item(&list[k].strings, &strings, i);
            set_free(&n.strings);
            return;
        }
    if (*count < MAX_NEEDS) {
        list[(*count)++] = n;
        return;
    }
    size_t worst = 0;
    for (size_t k = 1; k < *count; k++)
        if (need_better(&list[worst], &list[k])) worst = k;
    if (need_better(&n, &list[worst])) {
        set_free(&list[worst].strings);
        list[worst] = n;
    } else {
        set_free(&n.strings);
    }
}

/* strings as a need of x (its `needs`) */
static void add_need(info *x, set strings, size_t reach) { add_need_to(x->needs, &x->need_count, strings, reach); }

/* from's needs (taken) into to, whose matches have from's `shift` bytes in. */
static void take_needs(info *to, info *from, size_t shift)
{
    for (size_t k = 0; k < from->need_count; k++)
        add_need(to, from->needs[k].strings, add_len(from->needs[k].reach, shift));
    from->need_count = 0;
}

/* x's own needs, now `shift` bytes into the match: those no longer bounded go. */
static void shift_needs(info *x, size_t shift)
{
    info moved = {0};
    take_needs(&moved, x, shift);
    take_needs(x, &moved, 0);
}

/* The needs of a|b (both not exact) into out: one string of a need or the
 * own strings of a, or of b's. The union of the two own sets is left out
 * when it is the node's own (own_union). */
static void either_needs(info *out, const info *a, const info *b, int own_union)
{
    const set *sa[MAX_NEEDS + 1], *sb[MAX_NEEDS + 1];
    size_t ra[MAX_NEEDS + 1], rb[MAX_NEEDS + 1], na = 0, nb = 0;
    for (size_t k = 0; k < a->need_count; k++, na++) sa[na] = &a->needs[k].strings, ra[na] = a->needs[k].reach;
    for (size_t k = 0; k < b->need_count; k++, nb++) sb[nb] = &b->needs[k].strings, rb[nb] = b->needs[k].reach;
    size_t own_a = na, own_b = nb;
    if (!a->any) sa[na] = &a->strings, ra[na++] = reach_of(a);
    if (!b->any) sb[nb] = &b->strings, rb[nb++] = reach_of(b);
    for (size_t i = 0; i < na; i++)
        for (size_t j = 0; j < nb; j++) {
            set u;
            if ((own_union && i == own_a && j == own_b) || ra[i] == UNBOUNDED || rb[j] == UNBOUNDED ||
                shortest(sa[i]) == 0 || shortest(sb[j]) == 0 || !either_strings(sa[i], sb[j], &u))
                continue;
            add_need(out, u, max_len(ra[i], rb[j]));
        }
}

/* The suffix of a b (a set taken over by the caller; *has 0: none known)
 * and, in *crossed (*crossing 1), the strings that run from a's suffix
 * into exact b, or into the strings that start b's matches (lead 0): every
 * match of a b has one of them, starting inside a. */
static set suffix_of_concat(const info *a, const info *b, int *has, set *crossed, int *crossing)
{
    const set *sa = suffix_of(a);
    set suffix = {0};
    *has = *crossing = 0;
    *crossed = (set){0};
    if (!b->exact && !b->any && b->lead == 0 && sa && a->maxlen != UNBOUNDED && crossing_pays(sa, &b->strings) &&
        cross(sa, &b->strings, crossed, MAX_SET, 1))
        *crossing = 1;
    if (b->exact) {
        if (sa && cross(sa, &b->strings, &suffix, MAX_EXACT, 0)) {
            *has = 1;
            if (a->maxlen != UNBOUNDED) {   /* then they start at most a's width in */
                *crossed = set_copy(&suffix);
                *crossing = 1;
            }
        } else if (!has_empty(&b->strings)) {
            suffix = set_copy(&b->strings);
            *has = 1;
            after_node(&suffix, a);
            if (a->maxlen != 0) set_at_start(&suffix, 0);   /* all of b, not of ab */
        }
    } else if (b->maxlen == 0) {    /* b consumes nothing (a lookahead): a's */
        if (sa) {
            suffix = set_copy(sa);
            *has = 1;
        }
    } else if (b->has_suffix) {
        suffix = set_copy(&b->suffix);
        *has = 1;
        after_node(&suffix, a);
        if (a->maxlen != 0) set_at_start(&suffix, 0);
    }
    return suffix;
}

static int each_holds(const set *of, const set *strings);
static size_t longest_span(const set *s);
static void add_before_to(before_need *list, size_t *count, set strings, size_t reach, size_t past, size_t spaces);

/* The befores list[0..count) of strings that now start up to `more`
 * bytes before where they did. */
static void past_more(before_need *list, size_t count, size_t more)
{
    for (size_t k = 0; k < count; k++) list[k].past = add_len(list[k].past, more);
}

/* r (the required set of a b) keyed on crossed instead, when more
 * selective: a longer shortest string (by weight, and by rare_weight for
 * crossed: crossing runs through words like " of the ", more often than
 * not commoner than what r holds), or as long and fewer, or as long and
 * each holding one of r's (occurring only where one of those does: " p"
 * of money.words' " " then a currency, which "p" alone weighs as much as).
 * They start with a suffix of a, of at least a_suffix bytes (at most
 * a_maxlen), so at most a_maxlen - a_suffix bytes in, after bytes of a
 * (a_chars), and end the node where they run into exact b (into_exact). Where r's
 * strings are a's (of_a), what lies around them goes, but where they lie
 * in a (not ahead: in_a) they lie before the crossed ones, which start
 * with a suffix of a: within a_maxlen bytes before their start and their
 * span after it (" cut " before " jobs" of " (?:will )?(?:cut|shed)
 * \\d{1,5} (?:jobs|staff)"). Where they are b's, they start where the
 * crossed ones' suffix of a ends: what lies before them lies before the
 * crossed ones, or within their span after their start. */
static void prefer_crossed(info *r, set *crossed, int into_exact, size_t a_maxlen, size_t a_suffix, byteset a_chars,
                           size_t a_spaces, int of_a, int in_a, const fx_table *common)
{
    if (!r->any) {
        size_t lc = lightest(crossed, 1, common), lr = shortest(&r->strings);
        if (lc < lr || (lc == lr && crossed->count >= r->strings.count && !(lr == 0 && each_holds(crossed, &r->strings)))) {
            set_free(crossed);
            return;
        }
    }
    set before = of_a && in_a && !r->any ? set_copy(&r->strings) : (set){0};
    if (r->any) set_free(&r->strings);
    else add_need(r, r->strings, reach_of(r));   /* still needed, where it was */
    r->strings = (set){0};
    r->lit_count = r->lit_after_count = 0;   /* (what lies around the old strings) */
    lit_needs_free(r);
    size_t span = longest_span(crossed);
    if (of_a) {
        befores_free(r);
        if (crossed->count) memset(crossed->group, 0, crossed->count);   /* (of b's sides, gone with b) */
        if (before.count) add_before_to(r->befores, &r->before_count, before, a_maxlen, span, a_spaces);
    } else {
        past_more(r->befores, r->before_count, span);
        for (size_t g = 0; g < r->group_count; g++) past_more(r->groups[g].befores, r->groups[g].before_count, span);
    }
    r->lit_tail = r->maxlen;
    r->strings = *crossed;
    *crossed = (set){0};
    r->any = 0;
    if (into_exact) set_at_end(&r->strings, 1);   /* they end with the exact part after a */
    r->lead = a_maxlen - a_suffix;   /* (where a's shortest suffix starts at the latest) */
    r->before = a_chars;
    r->has_near = 0;
    r->spaces_lead = a_spaces;
}

/* The bytes that may follow the strings of a part right before the exact
 * part x: its strings' first bytes (as the text may hold them), and
 * what may follow its empty string; 0 when x is not exact. */
static int first_bytes_of(const info *x, byteset *out)
{
    if (!x->exact) return 0;
    *out = (byteset){{0}};
    for (size_t i = 0; i < x->strings.count; i++) {
        if (x->strings.lengths[i] == 0) {
            bs_union(out, &x->strings.follow[i]);
            continue;
        }
        add_text_byte(out, (unsigned char)x->strings.items[i][0]);
        if (x->strings.written[i]) add_text_byte(out, (unsigned char)x->strings.written[i][0]);
    }
    return 1;
}

static void drop_marked(set *s, unsigned char *marked);

/* s's strings, each a match's string where it starts right after a string
 * that `after` tells of (an empty one: "(?![pP](?![\\p{L}\\d]))" before
 * a table's names), knowing what after_joined knows: those no match has
 * there go, unless all would. */
static void keep_after(set *s, const after_string *after)
{
    if (!after->pair_second.text) return;
    unsigned char *gone = fx_xcalloc(s->count + 1, 1);
    after_string *known = fx_xcalloc(s->count + 1, sizeof *known);
    size_t left = 0;
    for (size_t i = 0; i < s->count; i++) {
        gone[i] = !after_joined(after, s, i, s->lengths[i], &known[i]);
        left += !gone[i];
    }
    for (size_t i = 0; i < s->count && left; i++) s->after[i] = known[i];
    if (left) drop_marked(s, gone);
    else free(gone);
    free(known);
}

/* The character past ASCII that a caseless k or s may also match
 * (KELVIN SIGN, LONG S), or NULL. */
static const char *past_ascii_form(unsigned char c)
{
    return c == 'k' ? "\xE2\x84\xAA" : c == 's' ? "\xC5\xBF" : NULL;
}

/* s's strings that end their matches, before what `after` says of the
 * place after those (a look-ahead's empty string): those no match has so
 * ("p" followed by a letter or digit, and by none) go, unless all would;
 * one whose last letter is known only in ASCII so (after_string
 * `past_ascii`) stays with that letter's other form (" s" as " \u017F"). */
static void keep_ending(set *s, const after_string *after)
{
    set kept = {0};
    size_t gone = 0;
    for (size_t i = 0; i < s->count; i++) {
        after_string known = s->after[i];
        if (s->at_end[i]) {
            if (after->not_in.text) known.not_in = after->not_in;
            if (after->in.text) known.in = after->in;
        }
        size_t n = s->lengths[i];
        const char *form = n ? past_ascii_form((unsigned char)s->items[i][n - 1]) : NULL;
        if (!same_class(&known.in, &known.not_in)) {
            set_add_item(&kept, s, i);
        } else if (known.past_ascii && form && n < MAX_LEN && !s->written[i]) {
            /* written where the rest has no letter */
            char buf[MAX_LEN + 4];
            memcpy(buf, s->items[i], n - 1);
            strcpy(buf + n - 1, form);
            size_t m = n - 1 + strlen(form);
            set_add_followed(&kept, buf, has_letter(buf, n - 1) ? NULL : buf, m, &s->follow[i], &s->preceded[i],
                             s->at_end[i], s->at_start[i], NULL, s->group[i]);
            gone++;
        } else {
            gone++;
        }
    }
    if (gone && kept.count) {
        set_free(s);
        *s = kept;
    } else {
        set_free(&kept);
    }
}

/* The most bytes one of s's strings takes in the text, and the most
 * spaces one holds. */
static size_t longest_span(const set *s)
{
    size_t most = 0;
    for (size_t i = 0; i < s->count; i++) most = max_len(most, span_of(s->items[i], s->lengths[i]));
    return most;
}

static size_t most_spaces(const set *s)
{
    size_t most = 0;
    for (size_t i = 0; i < s->count; i++) {
        size_t n = 0;
        for (size_t k = 0; k < s->lengths[i]; k++) n += s->items[i][k] == ' ';
        most = max_len(most, n);
    }
    return most;
}

/* More selective: as need_better, then fewer spaces back. */
static int before_better(const before_need *a, const before_need *b)
{
    need na = {a->strings, a->reach}, nb = {b->strings, b->reach};
    if (need_better(&na, &nb) != need_better(&nb, &na)) return need_better(&na, &nb);
    return a->spaces < b->spaces;
}

/* strings (taken over) as a need before a literal (before_need) of a
 * list (*count of MAX_NEEDS); not when unbounded or when it holds the
 * empty string. The MAX_NEEDS most selective are kept. */
static void add_before_to(before_need *list, size_t *count, set strings, size_t reach, size_t past, size_t spaces)
{
    before_need n = {strings, reach, past, spaces};
    if (reach == UNBOUNDED || past == UNBOUNDED || strings.count == 0 || strings.count > MAX_SET || has_empty(&strings)) {
        set_free(&n.strings);
        return;
    }
    if (*count < MAX_NEEDS) {
        list[(*count)++] = n;
        return;
    }
    size_t worst = 0;
    for (size_t k = 1; k < *count; k++)
        if (before_better(&list[worst], &list[k])) worst = k;
    if (before_better(&n, &list[worst])) {
        set_free(&list[worst].strings);
        list[worst] = n;
    } else {
        set_free(&n.strings);
    }
}

/* n's strings that start the node's match, now after something that
 * ends with one of sa (a's suffix, NULL: not known) and spans `before`
 * bytes at most: crossed with sa (a string of sa that is all of a match
 * before them starts the longer node's match too); kept apart, not
 * starting the match, where they cannot be crossed. */
static void before_after(before_need *n, const set *sa, size_t before)
{
    set starting = {0}, rest = {0}, crossed = {0};
    for (size_t i = 0; i < n->strings.count; i++)
        set_add_item(n->strings.at_start[i] ? &starting : &rest, &n->strings, i);
    if (starting.count && before != 0 && sa && sa->count * starting.count <= MAX_SET &&
        cross(sa, &starting, &crossed, MAX_SET, 1)) {
        for (size_t i = 0; i < crossed.count; i++) set_add_item(&rest, &crossed, i);
        set_free(&n->strings);
        n->strings = rest;
        rest = (set){0};
        n->reach = add_len(n->reach, longest_span(sa));
        n->spaces = add_len(n->spaces, most_spaces(sa));
    } else if (before != 0) {   /* (after nothing they still start it) */
        set_at_start(&n->strings, 0);
    }
    set_free(&starting);
    set_free(&rest);
    set_free(&crossed);
}

/* What lies before b's strings (b's literal) in a b, into a list of
 * befores of b (b's own, or a group's): those there, crossed with a's
 * suffix where they start b; and all of a (a_spaces spaces at most): its
 * strings (starting at most its lit_tail before its end), needs and
 * befores, none past a's end unless a looks ahead. */
static void befores_after(before_need *list, size_t *count, const info *b, const info *a, size_t a_spaces)
{
    for (size_t k = 0; k < *count; k++) before_after(&list[k], suffix_of(a), a->maxlen);
    if (a->ahead || b->lead == UNBOUNDED) return;
    size_t spaces = add_len(a_spaces, b->spaces_lead), tail = a->lit_tail < a->maxlen ? a->lit_tail : a->maxlen;
    if (!a->any) add_before_to(list, count, set_copy(&a->strings), add_len(tail, b->lead), 0, spaces);
    if (a->maxlen == UNBOUNDED) return;
    size_t reach = a->maxlen + b->lead;
    for (size_t k = 0; k < a->need_count; k++) {
        set s = set_copy(&a->needs[k].strings);
        set_at_start(&s, 0);
        add_before_to(list, count, s, reach, 0, spaces);
    }
    for (size_t k = 0; k < a->before_count; k++)
        add_before_to(list, count, set_copy(&a->befores[k].strings), reach, 0, spaces);
}

/* The same for b's befores and its groups'. */
static void befores_of_concat(info *b, const info *a, size_t a_spaces)
{
    befores_after(b->befores, &b->before_count, b, a, a_spaces);
    for (size_t g = 0; g < b->group_count; g++)
        befores_after(b->groups[g].befores, &b->groups[g].before_count, b, a, a_spaces);
}

/* Where concat_parts took the strings of a b from: they start it (an
 * exact node, or a's crossed into b's), a's, a's crossed with a suffix
 * of a (they start inside a, after a's), or b's. */
enum { STRINGS_START, STRINGS_OF_A, STRINGS_CROSSED_A, STRINGS_OF_B };

/* a then b; common: the common words (prefilter.h), for crossed strings;
 * a_ends: a's end classes (ends_of), b_firsts: b's class needs (classes_of) */
static info concat_parts(info a, info b, const fx_table *common, const class_need *a_ends, size_t a_end_count,
                         const class_need *b_firsts, size_t b_first_count, int *side)
{
    *side = STRINGS_START;
    size_t maxlen = add_len(a.maxlen, b.maxlen);
    size_t a_spaces = spaces_of(&a), spaces = add_len(a_spaces, spaces_of(&b));
    byteset chars = a.chars;
    bs_union(&chars, &b.chars);
    /* the tail of a b: b's when a is bounded (all of a goes in P); else
     * a's tail and what follows it, after a's P */
    size_t head_a, head_b;
    byteset tail_a = tail_of(&a, &head_a), tail_b = tail_of(&b, &head_b), tail = tail_a;
    size_t head = head_a;
    if (b.maxlen == UNBOUNDED && a.maxlen != UNBOUNDED) {
        tail = tail_b;
        head = a.maxlen + head_b;
    } else {
        bs_union(&tail, b.maxlen == UNBOUNDED && head_b == 0 ? &tail_b : &b.chars);
    }
    if (a.exact && a.strings.count == 1 && a.strings.lengths[0] == 0 && !b.exact && !b.any && b.lead == 0)
        keep_after(&b.strings, &a.strings.after[0]);
    if (a.exact && b.exact && a.strings.count * b.strings.count <= MAX_EXACT) {
        info r = {.exact = 1, .maxlen = maxlen, .chars = chars};
        int too_long = 0;
        for (size_t i = 0; i < a.strings.count && !too_long; i++)
            for (size_t j = 0; j < b.strings.count; j++) {
                size_t la = a.strings.lengths[i], lb = b.strings.lengths[j];
                if (la + lb > MAX_LEN) { too_long = 1; break; }
                set_add_joined(&r.strings, &a.strings, i, &b.strings, j, lb);
            }
        if (!too_long) {
            info_free(&a);
            info_free(&b);
            return r;
        }
        info_free(&r);
    }
    int has_suffix, crossing;
    set crossed, suffix = suffix_of_concat(&a, &b, &has_suffix, &crossed, &crossing);
    set joined;
    if (a.exact && !b.exact && !b.any && b.lead == 0 && !has_empty(&a.strings) && crossing_pays(&a.strings, &b.strings) &&
        cross(&a.strings, &b.strings, &joined, MAX_SET, 1)) {
        /* b's strings start its matches ("(?:a(?:cademy|gency)|b...)",
         * a table as a trie; "(?=cd)"): a's strings before them start ab's */
        set_free(&b.strings);
        b.strings = joined;
        set_at_start(&b.strings, 1);
        b.lit_count = b.lit_after_count = 0;   /* (its strings start earlier now) */
        lit_needs_free(&b);
        befores_free(&b);
        b.lit_tail = add_len(a.maxlen, b.lit_tail);
        shift_needs(&b, a.maxlen);
        b.has_near = 0;
        b.maxlen = maxlen;
        b.chars = chars;
        if (maxlen == UNBOUNDED) set_tail(&b, tail, head);
        b.spaces = spaces;
        set_suffix(&b, has_suffix, suffix);
        set_free(&crossed);
        info_free(&a);
        return b;
    }
    size_t a_maxlen = a.maxlen;
    size_t a_suffix = crossing ? shortest_length(suffix_of(&a)) : 0;   /* (the crossed strings start with one) */
    if (a_suffix > a_maxlen) a_suffix = 0;
    int a_ahead = a.ahead;
    byteset a_chars = a.chars, b_firsts_bytes;
    int b_exact = first_bytes_of(&b, &b_firsts_bytes);
    /* b only looks ahead ("(?![\\p{L}\\d])"): what it says after a's strings */
    after_string b_after = {0};
    int b_ahead = b.exact && b.strings.count == 1 && b.strings.lengths[0] == 0;
    if (b_ahead) b_after = b.strings.after[0];
    a = to_required(a);
    b = to_required(b);
    if (better(&a, &b)) {
        /* b's first bytes follow those of a's strings that end a's matches */
        for (size_t i = 0; i < a.strings.count && b_exact; i++)
            for (int k = 0; k < 4 && a.strings.at_end[i]; k++) a.strings.follow[i].w[k] &= b_firsts_bytes.w[k];
        if (b_ahead) keep_ending(&a.strings, &b_after);
        if (b.maxlen != 0) set_at_end(&a.strings, 0);
        /* a's strings are the node's; b's are needed after a, and b's
         * class needs lie after them, at most a's tail from their start */
        for (size_t k = 0; k < b_first_count && !a.any && a.lit_tail != UNBOUNDED; k++)
            add_class_to(a.lit_after, &a.lit_after_count, b_firsts[k].bytes, add_len(a.lit_tail, b_firsts[k].reach));
        /* and b's strings and needs, after a's strings' end */
        if (!a.any && a.lit_tail != UNBOUNDED && !b.any)
            add_need_to(a.lit_needs, &a.lit_need_count, set_copy(&b.strings), add_len(a.lit_tail, reach_of(&b)));
        for (size_t k = 0; k < b.need_count && !a.any && a.lit_tail != UNBOUNDED; k++)
            add_need_to(a.lit_needs, &a.lit_need_count, set_copy(&b.needs[k].strings), add_len(a.lit_tail, b.needs[k].reach));
        a.lit_tail = add_len(a.lit_tail, b.maxlen);
        if (!b.any) add_need(&a, set_copy(&b.strings), add_len(a_maxlen, reach_of(&b)));
        take_needs(&a, &b, a_maxlen);
        info_free(&b);
        a.maxlen = maxlen;
        a.chars = chars;
        if (maxlen == UNBOUNDED) set_tail(&a, tail, head);
        a.spaces = spaces;
        set_suffix(&a, has_suffix, suffix);
        *side = crossing ? STRINGS_CROSSED_A : STRINGS_OF_A;
        if (crossing) prefer_crossed(&a, &crossed, b_exact, a_maxlen, a_suffix, a_chars, a_spaces, 1, !a_ahead, common);
        return a;
    }
    *side = STRINGS_OF_B;
    /* b's strings are the node's; a's are needed before them, and a's
     * end classes lie at most b's lead before them */
    for (size_t k = 0; k < a_end_count && !b.any; k++)
        add_class_to(b.lit, &b.lit_count, a_ends[k].bytes, add_len(a_ends[k].reach, b.lead));
    if (!b.any) befores_of_concat(&b, &a, a_spaces);
    after_node(&b.strings, &a);
    if (a.maxlen != 0) set_at_start(&b.strings, 0);   /* (a comes first) */
    shift_needs(&b, a_maxlen);
    if (!a.any) add_need(&b, set_copy(&a.strings), reach_of(&a));
    take_needs(&b, &a, 0);
    /* b's strings come after all of a: what lies before them is a, then
     * what lies before them in b */
    size_t far_b;
    byteset near_b = near_of(&b, &far_b), near = tail_a;
    if (a.maxlen != UNBOUNDED) {
        set_near(&b, near_b, a.maxlen + far_b);
    } else {
        bs_union(&near, far_b == 0 ? &near_b : &b.before);   /* b's P is among its `before` bytes */
        set_near(&b, near, head_a);
    }
    b.lead = add_len(a.maxlen, b.lead);
    b.spaces_lead = add_len(a_spaces, b.spaces_lead);
    b.spaces = spaces;
    bs_union(&b.before, &a.chars);
    info_free(&a);
    b.maxlen = maxlen;
    b.chars = chars;
    if (maxlen == UNBOUNDED) set_tail(&b, tail, head);
    set_suffix(&b, has_suffix, suffix);
    if (crossing) prefer_crossed(&b, &crossed, b_exact, a_maxlen, a_suffix, a_chars, a_spaces, 0, 0, common);
    return b;
}

/* The befores of a|b (both not exact) into a: one string of a before
 * need of either side's, or of that side's own strings (its literal: they
 * lie at it), so long as the two are not both the own ones. */
static void either_befores(info *a, const info *b)
{
    before_need sa[MAX_NEEDS + 1], sb[MAX_NEEDS + 1];
    size_t na = a->before_count, nb = b->before_count;
    memcpy(sa, a->befores, na * sizeof *sa);
    memcpy(sb, b->befores, nb * sizeof *sb);
    size_t own_a = na, own_b = nb;
    if (!a->any) sa[na++] = (before_need){a->strings, 0, longest_span(&a->strings), 0};
    if (!b->any) sb[nb++] = (before_need){b->strings, 0, longest_span(&b->strings), 0};
    info either = {0};
    for (size_t i = 0; i < na; i++)
        for (size_t j = 0; j < nb; j++) {
            set u;
            if ((i == own_a && j == own_b) || !either_strings(&sa[i].strings, &sb[j].strings, &u)) continue;
            add_before_to(either.befores, &either.before_count, u, max_len(sa[i].reach, sb[j].reach),
                          max_len(sa[i].past, sb[j].past), max_len(sa[i].spaces, sb[j].spaces));
        }
    list_free(a->befores, &a->before_count);
    memcpy(a->befores, either.befores, sizeof either.befores);
    a->before_count = either.before_count;
}

/* x's groups (taken) into g, or x as one with its befores (copied), the
 * first `first` of a node's: its strings' `group` moved on so. */
static void side_groups(before_group *g, info *x, size_t first)
{
    for (size_t i = 0; i < x->strings.count; i++)
        if (!x->group_count || (x->strings.group[i] && x->strings.group[i] != MIXED))
            x->strings.group[i] = (unsigned char)(first + (x->group_count ? x->strings.group[i] : 1));
    if (x->group_count) {
        memcpy(g, x->groups, x->group_count * sizeof *g);
        free(x->groups);
        x->groups = NULL;
        x->group_count = 0;
        return;
    }
    for (size_t k = 0; k < x->before_count; k++) {
        g->befores[k] = x->befores[k];
        g->befores[k].strings = set_copy(&x->befores[k].strings);
    }
    g->before_count = x->before_count;
}

/* The groups of a|b (both not exact) into a: each side's, or the side as
 * one, when a side has befores, at most MAX_GROUPS of them. */
static void group_sides(info *a, info *b)
{
    if (!a->before_count && !a->group_count && !b->before_count && !b->group_count) return;
    size_t na = a->group_count ? a->group_count : 1, nb = b->group_count ? b->group_count : 1;
    if (na + nb > MAX_GROUPS) {
        groups_free(a);
        groups_free(b);
        return;
    }
    before_group *g = fx_xcalloc(na + nb, sizeof *g);
    side_groups(g, a, 0);
    side_groups(g + na, b, na);
    a->groups = g;
    a->group_count = na + nb;
}

static info alternate_parts(info a, info b)
{
    size_t maxlen = a.maxlen == UNBOUNDED || b.maxlen == UNBOUNDED ? UNBOUNDED
                    : a.maxlen > b.maxlen ? a.maxlen : b.maxlen;
    size_t spaces = max_len(spaces_of(&a), spaces_of(&b));
    bs_union(&a.chars, &b.chars);
    if (a.exact && b.exact && a.strings.count + b.strings.count <= MAX_EXACT) {
        for (size_t i = 0; i < b.strings.count; i++)
            set_add_item(&a.strings, &b.strings, i);
        info_free(&b);
        a.maxlen = maxlen;
        return a;
    }
    size_t head_a, head_b, far_a, far_b;
    byteset tail = tail_of(&a, &head_a), tail_b = tail_of(&b, &head_b);
    bs_union(&tail, &tail_b);
    /* a match ends with a suffix of either */
    const set *sa = suffix_of(&a), *sb = suffix_of(&b);
    int has_suffix = sa && sb && sa->count + sb->count <= MAX_SET;
    set suffix = {0};
    if (has_suffix) {
        suffix = set_copy(sa);
        for (size_t i = 0; i < sb->count; i++) set_add_item(&suffix, sb, i);
    }
    a = to_required(a);
    b = to_required(b);
    int own_union = !(a.any || b.any || a.strings.count + b.strings.count > MAX_SET);
    info either = {0};
    either_needs(&either, &a, &b, own_union);
    needs_free(&a);
    needs_free(&b);
    if (!own_union) {
        byteset chars = a.chars;
        info_free(&a);
        info_free(&b);
        info x = make_any_chars(maxlen, chars);
        x.spaces = spaces;
        if (maxlen == UNBOUNDED) set_tail(&x, tail, head_a > head_b ? head_a : head_b);
        set_suffix(&x, has_suffix, suffix);
        take_needs(&x, &either, 0);
        return x;
    }
    take_needs(&a, &either, 0);
    /* what lies around the strings: a class of either side's */
    class_need lit[MAX_CLASSES], after[MAX_CLASSES];
    size_t lit_count = 0, after_count = 0;
    for (size_t i = 0; i < a.lit_count; i++)
        for (size_t j = 0; j < b.lit_count; j++) {
            byteset u = a.lit[i].bytes;
            bs_union(&u, &b.lit[j].bytes);
            add_class_to(lit, &lit_count, u, max_len(a.lit[i].reach, b.lit[j].reach));
        }
    for (size_t i = 0; i < a.lit_after_count; i++)
        for (size_t j = 0; j < b.lit_after_count; j++) {
            byteset u = a.lit_after[i].bytes;
            bs_union(&u, &b.lit_after[j].bytes);
            add_class_to(after, &after_count, u, max_len(a.lit_after[i].reach, b.lit_after[j].reach));
        }
    memcpy(a.lit, lit, sizeof lit);
    a.lit_count = lit_count;
    memcpy(a.lit_after, after, sizeof after);
    a.lit_after_count = after_count;
    need lit_needs[MAX_NEEDS];
    size_t lit_need_count = 0;
    for (size_t i = 0; i < a.lit_need_count; i++)
        for (size_t j = 0; j < b.lit_need_count; j++) {
            set u;
            if (!either_strings(&a.lit_needs[i].strings, &b.lit_needs[j].strings, &u)) continue;
            add_need_to(lit_needs, &lit_need_count, u, max_len(a.lit_needs[i].reach, b.lit_needs[j].reach));
        }
    lit_needs_free(&a);
    memcpy(a.lit_needs, lit_needs, sizeof lit_needs);
    a.lit_need_count = lit_need_count;
    group_sides(&a, &b);
    either_befores(&a, &b);
    a.lit_tail = max_len(a.lit_tail, b.lit_tail);
    byteset near = near_of(&a, &far_a), near_b = near_of(&b, &far_b);
    bs_union(&near, &near_b);
    set_near(&a, near, far_a > far_b ? far_a : far_b);
    if (maxlen == UNBOUNDED) set_tail(&a, tail, head_a > head_b ? head_a : head_b);
    bs_union(&a.before, &b.before);
    for (size_t i = 0; i < b.strings.count; i++)
        set_add_item(&a.strings, &b.strings, i);
    if (a.lead != UNBOUNDED && (b.lead == UNBOUNDED || b.lead > a.lead)) a.lead = b.lead;
    a.spaces_lead = max_len(a.spaces_lead, b.spaces_lead);
    a.spaces = spaces;
    info_free(&b);
    a.maxlen = maxlen;
    set_suffix(&a, has_suffix, suffix);
    return a;
}

/* x's class needs into out (MAX_CLASSES at most): its own, and for an
 * exact node the first bytes of its strings when none is empty. */
static size_t classes_of(const info *x, class_need *out)
{
    info first = {0};
    memcpy(first.classes, x->classes, x->class_count * sizeof *x->classes);
    first.class_count = x->class_count;
    if (x->exact && x->strings.count && !has_empty(&x->strings)) {
        byteset bytes = {{0}};
        for (size_t i = 0; i < x->strings.count; i++) bs_add(&bytes, (unsigned char)x->strings.items[i][0]);
        add_class(&first, bytes, 1);
    }
    memcpy(out, first.classes, first.class_count * sizeof *out);
    return first.class_count;
}

/* x's end classes into out (MAX_CLASSES at most): its own, and for an
 * exact node the bytes its strings have k bytes before their ends, for
 * each k up to the shortest's length (reach: the most bytes the last k
 * take in the text, a caseless k or s counted as 3 or 2). */
static size_t ends_of(const info *x, class_need *out)
{
    memcpy(out, x->ends, x->end_count * sizeof *out);
    size_t n = x->end_count;
    if (!x->exact || x->strings.count == 0) return n;
    size_t shortest_len = SIZE_MAX;
    for (size_t i = 0; i < x->strings.count; i++)
        if (x->strings.lengths[i] < shortest_len) shortest_len = x->strings.lengths[i];
    for (size_t k = 1; k <= shortest_len; k++) {
        byteset bytes = {{0}};
        size_t reach = 0;
        for (size_t i = 0; i < x->strings.count; i++) {
            const char *last = x->strings.items[i] + x->strings.lengths[i] - k;
            bs_add(&bytes, (unsigned char)*last);
            reach = max_len(reach, span_of(last, k));
        }
        add_class_to(out, &n, bytes, reach);
    }
    return n;
}

/* x's class needs are now those of c[0..n) (x's language is unchanged, or
 * c was computed for what x now is). */
static void set_classes(info *x, const class_need *c, size_t n, size_t shift)
{
    for (size_t k = 0; k < n; k++) add_class(x, c[k].bytes, add_len(shift, c[k].reach));
}

/* x's spacing: as set, else from its strings (exact: all it can match;
 * as written where known, else either case), else from its bytes. */
static spacing spacing_of(const info *x)
{
    if (x->has_spacing) return x->spacing;
    spacing s = {{{0}}, {{0}}, {{0}}, {{0}}, 0, 0};
    if (!x->exact) {
        int space = bs_has(&x->chars, ' ');
        s.first = s.string_first = x->chars;
        if (space) s.inside = s.to_string = x->chars;
        s.empty = 1;
        s.ends_space = space;
        return s;
    }
    for (size_t i = 0; i < x->strings.count; i++) {
        size_t n = x->strings.lengths[i];
        const char *w = x->strings.written[i], *t = w ? w : x->strings.items[i];
        if (n == 0) {
            s.empty = 1;
            continue;
        }
        for (size_t k = 0; k < n; k++) {
            byteset *to = k == 0 ? &s.first : t[k - 1] == ' ' ? &s.inside : NULL;
            if (!to) continue;
            if (w) bs_add(to, (unsigned char)t[k]);
            else add_text_byte(to, (unsigned char)t[k]);
        }
        if (t[n - 1] == ' ') s.ends_space = 1;
    }
    s.string_first = s.first;
    return s;   /* (its strings start its matches: nothing lies before them) */
}

static void set_spacing(info *x, spacing s)
{
    x->has_spacing = 1;
    x->spacing = s;
}

/* a b's spacing; side: where concat_parts took its strings from. */
static spacing concat_spacing(const spacing *a, const spacing *b, int side)
{
    spacing s = {a->first, a->inside, {{0}}, a->first, a->empty && b->empty, b->ends_space || (b->empty && a->ends_space)};
    if (a->empty) bs_union(&s.first, &b->first);
    bs_union(&s.inside, &b->inside);
    if (a->ends_space) bs_union(&s.inside, &b->first);
    if (side == STRINGS_OF_A) {
        s.to_string = a->to_string;
        s.string_first = a->string_first;
    } else if (side == STRINGS_CROSSED_A) {
        s.to_string = a->inside;
    } else if (side == STRINGS_OF_B) {
        s.to_string = a->inside;   /* all of a, then what follows a space at its end, then b's own */
        if (a->ends_space) bs_union(&s.to_string, &b->string_first);
        bs_union(&s.to_string, &b->to_string);
        if (a->empty) bs_union(&s.string_first, &b->string_first);
    } else {
        s.string_first = s.first;
    }
    return s;
}

/* a|b's spacing: either's. */
static spacing either_spacing(const spacing *a, const spacing *b)
{
    spacing s = *a;
    bs_union(&s.first, &b->first);
    bs_union(&s.inside, &b->inside);
    bs_union(&s.to_string, &b->to_string);
    bs_union(&s.string_first, &b->string_first);
    s.empty |= b->empty;
    s.ends_space |= b->ends_space;
    return s;
}

/* a b: a's class needs, and b's moved on by a's width; b's end classes,
 * and a's moved back by b's width; what lies before its end: b's last
 * byte, or where b's match is empty, a's last byte (whatever character
 * follows) or, both empty, what lies before both. */
static info concat(info a, info b, const fx_table *common)
{
    class_need ca[MAX_CLASSES], cb[MAX_CLASSES], ea[MAX_CLASSES], eb[MAX_CLASSES];
    size_t na = classes_of(&a, ca), nb = classes_of(&b, cb), shift = a.maxlen;
    size_t nea = ends_of(&a, ea), neb = ends_of(&b, eb), back = b.maxlen;
    int ahead = a.ahead || b.ahead;
    byteset not_last;
    precede not_empty;
    for (int k = 0; k < 4; k++) {
        not_last.w[k] = b.not_last.w[k] & (a.not_last.w[k] | (b.not_empty.next[0].w[k] & b.not_empty.next[1].w[k]));
        for (int n = 0; n < 2; n++) not_empty.next[n].w[k] = a.not_empty.next[n].w[k] | b.not_empty.next[n].w[k];
    }
    spacing sa = spacing_of(&a), sb = spacing_of(&b);
    int side;
    info r = concat_parts(a, b, common, ea, nea, cb, nb, &side);
    set_spacing(&r, concat_spacing(&sa, &sb, side));
    r.ahead = ahead;
    r.not_last = not_last;
    r.not_empty = not_empty;
    r.class_count = 0;
    set_classes(&r, ca, na, 0);
    set_classes(&r, cb, nb, shift);
    r.end_count = 0;
    for (size_t k = 0; k < neb; k++) add_class_to(r.ends, &r.end_count, eb[k].bytes, eb[k].reach);
    for (size_t k = 0; k < nea; k++) add_class_to(r.ends, &r.end_count, ea[k].bytes, add_len(back, ea[k].reach));
    return r;
}

/* a|b: a byte of a class of either side, within the farther reach;
 * what lies before its end, of either. */
static info alternate(info a, info b)
{
    class_need ca[MAX_CLASSES], cb[MAX_CLASSES], ea[MAX_CLASSES], eb[MAX_CLASSES];
    size_t na = classes_of(&a, ca), nb = classes_of(&b, cb), nea = ends_of(&a, ea), neb = ends_of(&b, eb);
    int ahead = a.ahead || b.ahead;
    byteset not_last;
    precede not_empty;
    for (int k = 0; k < 4; k++) {
        not_last.w[k] = a.not_last.w[k] & b.not_last.w[k];
        for (int n = 0; n < 2; n++) not_empty.next[n].w[k] = a.not_empty.next[n].w[k] & b.not_empty.next[n].w[k];
    }
    spacing sa = spacing_of(&a), sb = spacing_of(&b);
    info r = alternate_parts(a, b);
    set_spacing(&r, either_spacing(&sa, &sb));
    r.ahead = ahead;
    r.not_last = not_last;
    r.not_empty = not_empty;
    r.class_count = 0;
    r.end_count = 0;
    for (size_t i = 0; i < na; i++)
        for (size_t j = 0; j < nb; j++) {
            byteset u = ca[i].bytes;
            bs_union(&u, &cb[j].bytes);
            add_class(&r, u, max_len(ca[i].reach, cb[j].reach));
        }
    for (size_t i = 0; i < nea; i++)
        for (size_t j = 0; j < neb; j++) {
            byteset u = ea[i].bytes;
            bs_union(&u, &eb[j].bytes);
            add_class_to(r.ends, &r.end_count, u, max_len(ea[i].reach, eb[j].reach));
        }
    return r;
}

static char fold(unsigned char c) { return (char)fx_ascii_lower(c); }

/* A literal character as the literals hold it. */
static char literal_byte(reader *r, unsigned char c)
{
    if (r->caseless) r->saw_caseless = 1;
    return r->keep_case ? (char)c : fold(c);
}

/* Does c stand for itself only (not a letter of a caseless part)? */
static int as_written(const reader *r, unsigned char c) { return !r->caseless || !is_letter(c); }

/* The bytes the character c (a byte) can match as: its other case when
 * caseless, and for caseless k and s the bytes of KELVIN SIGN and LONG S. */
static void add_char(byteset *s, unsigned char c, int caseless)
{
    bs_add(s, c);
    if (!caseless) return;
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
        bs_add(s, c | 0x20);
        bs_add(s, (unsigned char)(c & ~0x20));
    }
    if ((c | 0x20) == 'k' || (c | 0x20) == 's') bs_high(s);
}

/* The UTF-8 bytes of a code point under U+0800 into out (2 bytes). */
static void put_two_bytes(char out[2], int32_t cp)
{
    out[0] = (char)(0xC0 | (cp >> 6));
    out[1] = (char)(0x80 | (cp & 0x3F));
}

/* A Latin letter of two UTF-8 bytes at p (c its first byte, p[0] the
 * second) that a caseless part matches in exactly two forms, its lower
 * and upper case, both of two bytes: into lower and upper. Not those
 * that PCRE2 also matches another way (ANGSTROM SIGN for "å", "ẞ" for
 * "ß", the title case of "ǅ"), nor those whose other case is ASCII. */
static int latin_case_pair(unsigned char c, const char *p, char lower[2], char upper[2])
{
    if (c < 0xC3 || c > 0xC9 || ((unsigned char)p[0] & 0xC0) != 0x80) return 0;
    int32_t cp = (int32_t)((c & 0x1F) << 6 | ((unsigned char)p[0] & 0x3F));
    int32_t lo = utf8proc_tolower(cp), up = utf8proc_toupper(cp);
    if (lo == up || lo < 0xC0 || up < 0xC0 || lo > 0x24F || up > 0x24F || utf8proc_tolower(up) != lo ||
        utf8proc_toupper(lo) != up || utf8proc_totitle(lo) != up || lo == 0xE5 || lo == 0xDF)
        return 0;
    put_two_bytes(lower, lo);
    put_two_bytes(upper, up);
    return 1;
}

/* One character that is itself (folded). Non-ASCII bytes in a caseless
 * part could match other bytes (É for é, KELVIN SIGN for k), so they count
 * as any character, unless a Latin letter of two known forms ("í" of
 * "bolívares": "í" or "Í", each a string). */
static info literal_char(reader *r, unsigned char c)
{
    char lower[2], upper[2];
    if (c >= 0x80 && r->caseless && !r->discarding && latin_case_pair(c, r->p, lower, upper)) {
        r->p++;
        r->saw_caseless = 1;
        info x = {.exact = 1, .maxlen = 2};
        for (int k = 0; k < 2; k++) {
            add_char(&x.chars, (unsigned char)lower[k], 0);
            add_char(&x.chars, (unsigned char)upper[k], 0);
        }
        set_add(&x.strings, lower, NULL, 2);
        set_add(&x.strings, upper, NULL, 2);
        x.not_last = bs_not(x.chars);
        not_empty_ever(&x);
        return x;
    }
    if ((c >= 0x80 && r->caseless) || r->discarding) {
        byteset chars = {{0}};
        bs_high(&chars);
        add_char(&chars, 'k', 1);
        add_char(&chars, 's', 1);
        if (c < 0x80) add_char(&chars, c, r->caseless);
        return make_char(chars);
    }
    /* caseless k and s also match KELVIN SIGN (3 bytes) and LONG S (2) */
    info x = {.exact = 1, .maxlen = r->caseless && ((c | 0x20) == 'k' || (c | 0x20) == 's') ? 3 : 1};
    add_char(&x.chars, c, r->caseless);
    x.not_last = bs_not(x.chars);
    not_empty_ever(&x);
    char s = literal_byte(r, c), w = (char)c;
    set_add(&x.strings, &s, as_written(r, c) ? &w : NULL, 1);
    return x;
}

static info parse_alternation(reader *r);

/* The bytes the class escape \c (prop: what follows it, for \p{...}) can
 * consume, into s; 1 when its ASCII members are exactly those added. */
static int class_escape_chars(unsigned char c, const char *prop, int caseless, byteset *s)
{
    /* \d, \w and \s are ASCII alone: the rules do not ask for PCRE2_UCP
     * (rules_compile.c), and case does not change them */
    switch (c) {
    case 'd': bs_range(s, '0', '9'); return 1;
    case 'w': bs_range(s, '0', '9'); bs_range(s, 'A', 'Z'); bs_range(s, 'a', 'z'); bs_add(s, '_'); return 1;
    case 's': bs_range(s, '\t', '\r'); bs_add(s, ' '); return 1;
    default: break;
    }
    bs_high(s);
    switch (c) {
    case 'h': bs_add(s, '\t'); bs_add(s, ' '); return 1;
    case 'v': bs_range(s, '\n', '\r'); return 1;
    case 'p':
        if (strncmp(prop, "{L", 2) == 0) {   /* letters: ASCII A-Z a-z at most; upper or lower case alone */
            if (caseless || strncmp(prop, "{Ll}", 4) != 0) bs_range(s, 'A', 'Z');
            if (caseless || strncmp(prop, "{Lu}", 4) != 0) bs_range(s, 'a', 'z');
            return strncmp(prop, "{L}", 3) == 0;
        }
        if (strncmp(prop, "{M", 2) == 0) return 1;   /* no ASCII mark */
        break;
    default:
        break;
    }
    *s = bs_all();
    return 0;
}

/* A class [...] as read: the bytes a member can consume (before a
 * negation), which ASCII characters are members (seen), and whether
 * those are all its ASCII members (ascii_exact). */
typedef struct class_read {
    byteset chars;
    unsigned char seen[128];
    int negated, simple, ascii_exact;
} class_read;

/* The class at r->p (after its '['), r->p moved past its ']': 0 (and
 * r->failed) when it cannot be read. */
static int read_class(reader *r, class_read *k)
{
    const char *p = r->p;
    *k = (class_read){.simple = 1, .ascii_exact = 1};
    if (*p == '^') { k->negated = 1; p++; }
    if (*p == ']') { k->seen[']'] = 1; bs_add(&k->chars, ']'); p++; }
    while (*p && *p != ']') {
        unsigned char c = (unsigned char)*p;
        if (c == '[' && p[1] == ':') {   /* [:alpha:] */
            const char *end = strstr(p + 2, ":]");
            if (!end) { r->failed = 1; return 0; }
            k->simple = 0;
            k->chars = bs_all();
            k->ascii_exact = 0;
            p = end + 2;
            continue;
        }
        if (c == '\\') {
            p++;
            if (!*p) { r->failed = 1; return 0; }
            c = (unsigned char)*p;
            if (strchr("dDwWsShHvVpPNRX", c)) {
                k->simple = 0;
                byteset members = {{0}};
                k->ascii_exact &= class_escape_chars(c, p + 1, r->caseless, &members);
                bs_union(&k->chars, &members);
                if ((c == 'p' || c == 'P') && p[1] == '{') {
                    const char *end = strchr(p, '}');
                    if (!end) { r->failed = 1; return 0; }
                    p = end;
                }
                p++;
                continue;
            }
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
                /* \n \t \r \f are themselves; \b (backspace), \x.., \o.. and the rest: not analysed */
                if (c == 'n') c = '\n';
                else if (c == 't') c = '\t';
                else if (c == 'r') c = '\r';
                else if (c == 'f') c = '\f';
                else {
                    k->simple = 0;
                    k->chars = bs_all();
                    k->ascii_exact = 0;
                    p++;
                    continue;
                }
            }
        }
        if (c >= 0x80) {
            k->simple = 0;
            bs_high(&k->chars);
        }
        p++;
        if (*p == '-' && p[1] && p[1] != ']') {   /* a range */
            unsigned char hi = (unsigned char)p[1];
            if (hi == '\\' || hi >= 0x80 || hi < c) {
                k->simple = 0;
                k->chars = bs_all();
                k->ascii_exact = 0;
            } else {
                for (unsigned v = c; v <= hi; v++) {
                    k->seen[v] = 1;
                    add_char(&k->chars, (unsigned char)v, r->caseless);
                }
            }
            p += hi == '\\' ? 3 : 2;
            continue;
        }
        if (c < 0x80) {
            k->seen[c] = 1;
            add_char(&k->chars, c, r->caseless);
        }
    }
    if (*p != ']') { r->failed = 1; return 0; }
    r->p = p + 1;
    return 1;
}

/* The bytes a class's character can consume: past ASCII any, and the
 * ASCII bytes that are not members when it is negated. */
static byteset class_chars(const reader *r, const class_read *k)
{
    if (!k->negated) return k->chars;
    byteset chars = bs_all();
    if (k->ascii_exact && !r->caseless)
        for (unsigned v = 0; v < 0x80; v++)
            if (bs_has(&k->chars, v)) chars.w[v >> 6] &= ~((uint64_t)1 << (v & 63));
    return chars;
}

/* [...]: a small set of ASCII characters stays exact, anything else is any
 * character. */
static info parse_class(reader *r)
{
    class_read k;
    if (!read_class(r, &k)) return make_any();
    byteset chars = class_chars(r, &k);
    if (k.negated || !k.simple || r->discarding) return make_char(chars);
    info x = {.exact = 1, .maxlen = r->caseless ? 3 : 1, .chars = chars, .not_last = bs_not(chars)};
    not_empty_ever(&x);
    for (int c = 0; c < 128; c++) {
        if (!k.seen[c]) continue;
        char s = literal_byte(r, (unsigned char)c), w = (char)c;
        set_add(&x.strings, &s, as_written(r, (unsigned char)c) ? &w : NULL, 1);
        if (x.strings.count > 6) {   /* a wide class selects nothing */
            info_free(&x);
            info one = make_char(chars);
            one.maxlen = r->caseless ? 3 : 1;
            return one;
        }
    }
    if (x.strings.count == 0) {
        info_free(&x);
        info one = make_char(chars);
        one.maxlen = r->caseless ? 3 : 1;
        return one;
    }
    return x;
}

static int plain(unsigned char c);

/* The ASCII members of the one character p[0..) stands for, when they
 * are all known (a class, \\d, \\w or \\s, or a plain character), into
 * *members; the index after it, or NULL. */
static const char *one_char_members(const reader *r, const char *p, byteset *members)
{
    *members = (byteset){{0}};
    if (*p == '[') {
        reader sub = {.start = r->start, .p = p + 1, .caseless = r->caseless};
        class_read k;
        if (!read_class(&sub, &k) || !k.ascii_exact || (k.negated && r->caseless)) return NULL;
        for (unsigned v = 0; v < 0x80; v++)
            if (bs_has(&k.chars, v) != k.negated) bs_add(members, v);
        return sub.p;
    }
    if (*p == '\\' && p[1] && strchr("dws", p[1])) {
        byteset chars = {{0}};
        class_escape_chars((unsigned char)p[1], "", 1, &chars);
        for (unsigned v = 0; v < 0x80; v++)
            if (bs_has(&chars, v)) bs_add(members, v);
        return p + 2;
    }
    if (plain((unsigned char)*p) && (unsigned char)*p < 0x80) {
        add_char(members, (unsigned char)*p, r->caseless);
        members->w[2] = members->w[3] = 0;
        return p + 1;
    }
    return NULL;
}

/* Where the alternative that starts at p ends (its '|' or the group's
 * ')'), past nested groups, classes and escapes; NULL at the pattern's
 * end. */
static const char *alternative_end(const reader *r, const char *p)
{
    int depth = 0;
    while (*p && (depth > 0 || (*p != '|' && *p != ')'))) {
        if (*p == '\\') {
            p += p[1] ? 2 : 1;
        } else if (*p == '[') {
            reader sub = {.start = r->start, .p = p + 1};
            class_read k;
            if (!read_class(&sub, &k)) return NULL;
            p = sub.p;
        } else {
            depth += *p == '(';
            depth -= *p == ')';
            p++;
        }
    }
    return *p ? p : NULL;
}

/* What may follow where the look-ahead (?!...) whose body starts at body
 * passes, or precede where the look-behind (?<!...) does: no byte that
 * is all of one of its alternatives, where that is one character whose
 * ASCII members are known ("(?! \\d|\\w)": no word byte); any byte past
 * ASCII (it may be of a character outside them). */
static byteset not_one_char(const reader *r, const char *body)
{
    byteset follow = bs_all();
    for (const char *p = body; p; p++) {
        byteset members;
        const char *after = one_char_members(r, p, &members);
        if (after && (*after == '|' || *after == ')'))
            for (int k = 0; k < 2; k++) follow.w[k] &= ~members.w[k];
        p = alternative_end(r, p);
        if (!p || *p == ')') break;
    }
    return follow;
}

/* The class of one character at p (a class, or an escape \\d, \\w, \\s,
 * \\p{..} and their complements) into *out; the index after it, or NULL. */
static const char *one_class_text(const reader *r, const char *p, class_text *out)
{
    const char *end;
    if (*p == '[') {
        reader sub = {.start = r->start, .p = p + 1, .caseless = r->caseless};
        class_read k;
        if (!read_class(&sub, &k)) return NULL;
        end = sub.p;
    } else if (*p == '\\' && p[1] && strchr("dDwWsS", p[1])) {
        end = p + 2;
    } else if (*p == '\\' && (p[1] == 'p' || p[1] == 'P') && p[2] == '{') {
        end = strchr(p, '}');
        if (!end) return NULL;
        end++;
    } else {
        return NULL;
    }
    *out = (class_text){.text = p, .length = (size_t)(end - p), .caseless = r->caseless};
    out->ascii_known = one_char_members(r, p, &out->ascii) == end;
    return end;
}

/* What the look-ahead (?!...) whose body starts at body says of the
 * characters after where it stands that bytes cannot (after_string):
 * "(?!K)" of one class, that the next is not one of K; "(?!C(?!K))", that
 * after a byte of C comes one of K. */
static after_string not_ahead_after(const reader *r, const char *body)
{
    after_string after = {0};
    class_text k;
    const char *end = one_class_text(r, body, &k);
    if (end && *end == ')') {
        after.not_in = k;
        return after;
    }
    byteset first;
    end = one_char_members(r, body, &first);
    if (end && strncmp(end, "(?!", 3) == 0) {
        const char *k_end = one_class_text(r, end + 3, &k);
        if (k_end && k_end[0] == ')' && k_end[1] == ')') {
            after.pair_first = first;
            after.pair_second = k;
        }
    }
    return after;
}

static byteset group_chars(reader *r, const char *name, size_t len, size_t *maxlen, spacing *spacing_out, int *known);

/* An escape after '\'. */
static info parse_escape(reader *r)
{
    unsigned char c = (unsigned char)*r->p;
    if (!c) { r->failed = 1; return make_any(); }
    r->p++;
    if (c == 'K') {
        r->k_count++;
        return make_empty();
    }
    if (c == 'b') {   /* after no word byte where a word character follows, else after one */
        info e = make_empty();
        byteset words = word_bytes();
        empty_after(&e, &(precede){{bs_not(words), words}});
        return e;
    }
    if (strchr("BAzZG", c)) return make_empty();              /* zero-width */
    if (c == 'X') return make_any_len(UNBOUNDED);             /* a grapheme cluster */
    byteset chars = {{0}};
    if (strchr("dDwWsShHvVNRC", c)) {                          /* a class */
        class_escape_chars(c, "", r->caseless, &chars);
        return make_char(chars);
    }
    if (c == 'p' || c == 'P') {
        class_escape_chars(c, r->p, r->caseless, &chars);
        if (*r->p == '{') {
            const char *end = strchr(r->p, '}');
            if (!end) { r->failed = 1; return make_any(); }
            r->p = end + 1;
        } else if (*r->p) r->p++;
        return make_char(chars);
    }
    if (c == 'n') return literal_char(r, '\n');
    if (c == 't') return literal_char(r, '\t');
    if (c == 'r') return literal_char(r, '\r');
    if (c == 'f') return literal_char(r, '\f');
    if (c == 'e') return literal_char(r, 0x1B);
    if (c == 'a') return literal_char(r, 0x07);
    if (c == 'k' && (*r->p == '<' || *r->p == '{' || *r->p == '\'')) {
        /* a back reference by name (date.numeric_ymd's \k<sep>): it
         * matches what its group matched, so what the group can match */
        const char *name = r->p + 1, *end = strchr(name, *r->p == '<' ? '>' : *r->p == '{' ? '}' : '\'');
        if (!end) { r->failed = 1; return make_any(); }
        size_t maxlen = UNBOUNDED;
        chars = r->discarding ? bs_all() : group_chars(r, name, (size_t)(end - name), &maxlen, NULL, NULL);
        r->p = end + 1;
        return make_any_chars(maxlen, chars);
    }
    if ((c >= '0' && c <= '9') || strchr("gkxoucQEL", c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        r->failed = 1;   /* back references, code points, \Q..\E: not analysed */
        return make_any();
    }
    return literal_char(r, c);   /* an escaped punctuation character */
}

/* The bytes the group named name[0..len) consumes, and *maxlen the most
 * of them a match of it spans: its body, read once per pattern
 * (caseless, which can only add bytes); every byte and UNBOUNDED when it
 * cannot be found or calls itself too deep. (A call of ORG_CUE_TOKEN's
 * zero-width group spans nothing: the cue rules' literals then have a
 * bounded lead.) */
static byteset group_chars(reader *r, const char *name, size_t len, size_t *maxlen, spacing *spacing_out, int *known)
{
    if (known) *known = 0;
    call_memo *memo = r->calls;
    for (size_t k = 0; memo && k < memo->count; k++)
        if (strlen(memo->groups[k].name) == len && memcmp(memo->groups[k].name, name, len) == 0) {
            *maxlen = memo->groups[k].maxlen;
            if (known) *known = memo->groups[k].spacing_known;
            if (spacing_out) *spacing_out = memo->groups[k].spacing;
            return memo->groups[k].chars;
        }
    byteset chars = bs_all();
    *maxlen = UNBOUNDED;
    if (!memo || r->call_depth >= 8) return chars;
    const char *body = NULL;
    for (const char *at = strstr(r->start, "(?"); at && !body; at = strstr(at + 2, "(?")) {
        const char *n = at + 2 + (at[2] == 'P');
        if ((*n == '<' || *n == '\'') && strncmp(n + 1, name, len) == 0 && n[1 + len] == (*n == '<' ? '>' : '\''))
            body = n + 2 + len;
    }
    spacing facts = {{{0}}, {{0}}, {{0}}, {{0}}, 0, 0};
    int facts_known = 0;
    if (body) {
        reader sub = {.start = r->start, .p = body, .caseless = 1, .calls = memo, .call_depth = r->call_depth + 1,
                      .common = r->common, .defs_caseless = r->defs_caseless};
        info x = parse_alternation(&sub);
        if (!sub.failed && *sub.p == ')') {
            chars = x.chars;
            *maxlen = x.maxlen;
            facts = spacing_of(&x);
            facts_known = 1;
        }
        info_free(&x);
        if (facts_known && !r->defs_caseless) {   /* what may follow a space: in the group's own case */
            sub = (reader){.start = r->start, .p = body, .calls = memo, .call_depth = r->call_depth + 1,
                           .common = r->common};
            x = parse_alternation(&sub);
            facts_known = !sub.failed && *sub.p == ')';
            if (facts_known) facts = spacing_of(&x);
            info_free(&x);
        }
    }
    memo->groups = fx_xrealloc(memo->groups, (memo->count + 1) * sizeof *memo->groups);
    memo->groups[memo->count++] = (call_chars){fx_xstrndup(name, len), chars, *maxlen, facts, facts_known};
    if (known) *known = facts_known;
    if (spacing_out) *spacing_out = facts;
    return chars;
}

/* An atom: a character, class, escape or group. */
static info parse_atom(reader *r)
{
    unsigned char c = (unsigned char)*r->p;
    if (c == '\\') {
        r->p++;
        return parse_escape(r);
    }
    if (c == '[') {
        r->p++;
        return parse_class(r);
    }
    if (c == '.') {
        r->p++;
        return make_any();
    }
    if (c == '^' || c == '$') {
        r->p++;
        return make_empty();
    }
    if (c == '(') {
        r->p++;
        int saved_caseless = r->caseless, zero_width = 0;
        if (*r->p == '*') {   /* (*VERB) */
            const char *end = strchr(r->p, ')');
            if (!end) { r->failed = 1; return make_any(); }
            r->p = end + 1;
            return make_empty();
        }
        if (*r->p == '?') {
            r->p++;
            if (*r->p == ':' || *r->p == '>' || *r->p == '|') r->p++;
            else if (*r->p == '=') { r->p++; zero_width = 2; }   /* what it requires, a match needs */
            else if (*r->p == '!') { r->p++; zero_width = 3; }   /* it may say what follows */
            else if (r->p[0] == '<' && (r->p[1] == '=' || r->p[1] == '!')) {   /* it says what lies before */
                zero_width = r->p[1] == '=' ? 1 : 4;
                r->p += 2;
            }
            else if (*r->p == '<' || *r->p == '\'' || (r->p[0] == 'P' && r->p[1] == '<')) {
                char close = *r->p == '\'' ? '\'' : '>';
                const char *end = strchr(r->p, close);
                if (!end) { r->failed = 1; return make_any(); }
                r->p = end + 1;
            } else if (*r->p == '&' || *r->p == 'R' || (*r->p >= '0' && *r->p <= '9') ||
                       (r->p[0] == 'P' && r->p[1] == '>')) {
                /* a subroutine call (?&name), (?1), (?R): whatever the group
                 * matches, so nothing is required of it */
                const char *end = strchr(r->p, ')');
                if (!end) { r->failed = 1; return make_any(); }
                byteset chars = bs_all();
                size_t maxlen = UNBOUNDED;
                spacing called;
                int known = 0;
                if (!r->discarding && (*r->p == '&' || r->p[0] == 'P')) {
                    const char *name = r->p + (*r->p == '&' ? 1 : 2);
                    chars = group_chars(r, name, (size_t)(end - name), &maxlen, &called, &known);
                }
                r->p = end + 1;
                info call = make_any_chars(maxlen, chars);
                if (known) {
                    called.to_string = called.inside;   /* (it requires nothing) */
                    set_spacing(&call, called);
                }
                return call;
            } else if (strncmp(r->p, "(DEFINE)", 8) == 0) {
                /* (?(DEFINE)...) only defines groups for calls: it matches
                 * the empty string (its body is read to find its end) */
                r->p += 8;
                r->depth++;
                r->discarding++;
                info body = parse_alternation(r);
                r->discarding--;
                r->depth--;
                r->caseless = saved_caseless;
                info_free(&body);
                if (*r->p != ')') { r->failed = 1; return make_any(); }
                r->p++;
                return make_empty();
            } else if (*r->p == '#') {
                const char *end = strchr(r->p, ')');
                if (!end) { r->failed = 1; return make_any(); }
                r->p = end + 1;
                return make_empty();
            } else {
                /* option letters: (?i:...), (?-i:...), (?i) to the end of the group */
                int on = 1, caseless = r->caseless;
                while (*r->p && strchr("imnsxJU-^", *r->p)) {
                    if (*r->p == 'x') r->failed = 1;   /* extended syntax: spaces are not literal */
                    if (*r->p == '-') on = 0;
                    else if (*r->p == '^') caseless = 0;
                    else if (*r->p == 'i') caseless = on;
                    r->p++;
                }
                if (*r->p == ')') {   /* applies to the rest of the enclosing group */
                    r->p++;
                    r->caseless = caseless;
                    return make_empty();
                }
                if (*r->p != ':') { r->failed = 1; return make_any(); }
                r->p++;
                r->caseless = caseless;
            }
        }
        const char *body = r->p;
        r->depth++;
        info x = parse_alternation(r);
        r->depth--;
        r->caseless = saved_caseless;
        if (*r->p != ')') { r->failed = 1; info_free(&x); return make_any(); }
        r->p++;
        if (zero_width == 2 && r->aheads_empty) {
            info_free(&x);
            return make_empty();
        }
        if (zero_width == 2) {
            /* a lookahead consumes nothing, but its required strings must
             * occur where it stands: "NAME(?='s shares)" needs "'s shares" */
            class_need firsts[MAX_CLASSES];
            size_t nc = classes_of(&x, firsts);
            spacing ahead = spacing_of(&x);   /* its bytes lie where it stands; it consumes none */
            ahead.first = (byteset){{0}};
            ahead.empty = 1;
            ahead.ends_space = 0;
            info req = to_required(x);
            set_spacing(&req, ahead);
            set_at_end(&req.strings, 0);   /* its strings lie past where it stands */
            req.class_count = 0;
            set_classes(&req, firsts, nc, 0);   /* its bytes lie where it stands */
            req.maxlen = 0;
            req.end_count = 0;   /* it ends nothing: its bytes lie after where it stands */
            req.lit_tail = UNBOUNDED;   /* its strings lie past what the match consumes */
            /* (one with no strings, "(?=\\d)", puts none past it) */
            req.ahead = !req.any || req.need_count || req.before_count;
            req.chars = (byteset){{0}};
            req.not_last = bs_all();   /* (it consumes nothing) */
            req.not_empty = (precede){0};
            req.spaces = 0;
            set_suffix(&req, 0, (set){0});   /* it ends nothing */
            return req;
        }
        if (zero_width) {   /* other lookarounds consume nothing and require nothing here */
            precede before = zero_width == 1 ? end_precede(&x) : precede_all();
            if (zero_width == 4) before.next[NEXT_WORD] = before.next[NEXT_OTHER] = not_one_char(r, body);
            info_free(&x);
            info e = make_empty();
            empty_after(&e, &before);
            if (zero_width == 3) {
                e.strings.follow[0] = not_one_char(r, body);
                e.strings.after[0] = not_ahead_after(r, body);
            }
            return e;
        }
        return x;
    }
    r->p++;
    return literal_char(r, c);
}

/* After an atom: ?, *, +, {n}, {n,}, {n,m}, each maybe lazy or possessive. */
static info parse_quantified(reader *r)
{
    const char *atom_start = r->p;
    info x = parse_atom(r);
    (void)atom_start;
    for (;;) {
        long min = -1, max = -1;
        if (*r->p == '?') { min = 0; max = 1; r->p++; }
        else if (*r->p == '*') { min = 0; max = -2; r->p++; }
        else if (*r->p == '+') { min = 1; max = -2; r->p++; }
        else if (*r->p == '{' && r->p[1] >= '0' && r->p[1] <= '9') {
            char *end;
            min = strtol(r->p + 1, &end, 10);
            max = min;
            if (*end == ',') {
                if (end[1] == '}') { max = -2; end++; }
                else max = strtol(end + 1, &end, 10);
            }
            if (*end != '}') break;   /* a literal '{' : left for the next atom */
            r->p = end + 1;
        } else break;
        if (*r->p == '?' || *r->p == '+') r->p++;
        /* copies one after another: a space at the end of one before the next's first byte */
        spacing copies = spacing_of(&x);
        if ((max < 0 || max > 1) && copies.ends_space) bs_union(&copies.inside, &copies.first);
        if (min == 0) copies.empty = 1;
        if (min == 0 && !(x.exact && max == 1)) copies.to_string = copies.inside;   /* (it requires nothing) */
        if (max == 0) copies = (spacing){.empty = 1};
        size_t maxlen = max < 0 || x.maxlen == UNBOUNDED ? (max == 0 ? 0 : UNBOUNDED)
                        : (size_t)max * x.maxlen;
        size_t sx = spaces_of(&x);
        size_t spaces = max == 0 || sx == 0 ? 0 : max < 0 || sx == UNBOUNDED ? UNBOUNDED : (size_t)max * sx;
        if (min == 0) {
            if (x.exact && max == 1) {
                info e = make_empty();
                x = alternate(x, e);
            } else {
                size_t head;
                byteset chars = x.chars, tail = tail_of(&x, &head), not_last = x.not_last;
                info_free(&x);
                x = make_any_chars(maxlen, chars);
                x.not_last = not_last;   /* (a copy's last) */
                x.spaces = spaces;
                if (max == 1 && maxlen == UNBOUNDED) set_tail(&x, tail, head);   /* x or nothing */
            }
        } else if (min == 1 && max == 1) {
            /* x itself */
        } else {
            class_need c[MAX_CLASSES], e[MAX_CLASSES];
            size_t nc = classes_of(&x, c), ne = ends_of(&x, e);
            x = to_required(x);   /* at least one copy occurs, the first has its string */
            set_at_end(&x.strings, 0);   /* (and others may follow it) */
            set_at_start(&x.suffix, 0);   /* (the last copy's: not all of the match) */
            byteset last = bs_not(x.not_last);   /* (after another copy, or first) */
            precede any = precede_all();
            after_ends(&x.suffix, &last, &any);
            x.class_count = 0;
            set_classes(&x, c, nc, 0);   /* and the first copy's class bytes */
            memcpy(x.ends, e, ne * sizeof *e);   /* and the last copy's end classes */
            x.end_count = ne;
            if (x.lit_tail != UNBOUNDED) x.lit_tail = maxlen;   /* (the string is the first copy's) */
            x.has_tail = 0;       /* copies follow: x's tail is not theirs */
            x.spaces = spaces;
        }
        x.maxlen = maxlen;
        set_spacing(&x, copies);
    }
    return x;
}

static int plain(unsigned char c) { return c && !strchr("\\[](){}|.?*+^$", c); }
static int quantifier(unsigned char c) { return c == '?' || c == '*' || c == '+' || c == '{'; }

/* A run of plain characters (none quantified) as one exact string: big
 * table alternations would otherwise cost a set operation per character.
 * Returns an empty set when there is no run at r->p. */
static info parse_literal_run(reader *r)
{
    info x = {.exact = 1};
    char buf[MAX_LEN], written[MAX_LEN];
    size_t n = 0;
    int known = 1;   /* written is the run as written */
    while (!r->discarding && n < MAX_LEN && plain((unsigned char)r->p[0]) && !quantifier((unsigned char)r->p[1])) {
        unsigned char c = (unsigned char)r->p[0];
        if (c >= 0x80 && r->caseless) break;
        known &= as_written(r, c);
        written[n] = (char)c;
        buf[n++] = literal_byte(r, c);
        add_char(&x.chars, c, r->caseless);
        x.maxlen += r->caseless && ((c | 0x20) == 'k' || (c | 0x20) == 's') ? 3 : 1;
        byteset last = {{0}};
        add_char(&last, c, r->caseless);
        x.not_last = bs_not(last);
        r->p++;
    }
    if (n) set_add(&x.strings, buf, known ? written : NULL, n);
    not_empty_ever(&x);
    return x;
}

/* The next item of a sequence: a run of literal characters, or an atom
 * with its quantifier. */
static info parse_item(reader *r)
{
    info run = parse_literal_run(r);
    return run.strings.count ? run : parse_quantified(r);
}

static info parse_sequence(reader *r)
{
    info x = make_empty();
    while (*r->p && *r->p != '|' && *r->p != ')' && !r->failed) {
        if (r->depth == 0 && r->p[0] == '\\' && r->p[1] == 'K' && r->k_count == 0) {
            r->k_top = 1;
            r->k_offset = (size_t)(r->p - r->start);
            r->k_prefix_max = x.maxlen;
        }
        x = concat(x, parse_item(r), r->common);
    }
    return x;
}

static info parse_alternation(reader *r)
{
    info x = parse_sequence(r);
    while (*r->p == '|' && !r->failed) {
        r->p++;
        if (r->depth == 0) r->top_branches++;
        x = alternate(x, parse_sequence(r));
    }
    return x;
}

/* Drop (and free) the strings of s marked in `marked`, keeping the
 * others in order; frees `marked`. */
static void drop_marked(set *s, unsigned char *marked)
{
    size_t kept = 0;
    for (size_t i = 0; i < s->count; i++) {
        if (marked[i]) {
            free(s->items[i]);
            free(s->written[i]);
            continue;
        }
        s->items[kept] = s->items[i];
        s->written[kept] = s->written[i];
        s->follow[kept] = s->follow[i];
        s->at_end[kept] = s->at_end[i];
        s->at_start[kept] = s->at_start[i];
        s->after[kept] = s->after[i];
        s->preceded[kept] = s->preceded[i];
        s->group[kept] = s->group[i];
        s->lengths[kept++] = s->lengths[i];
    }
    s->count = kept;
    free(marked);
}

/* Does s's string i start with its string j, a shorter one that holds a
 * letter and weighs something (see drop_extensions)? */
static int starts_with(const set *s, size_t i, size_t j)
{
    return s->lengths[j] < s->lengths[i] &&
           (weight(s->items[j], s->lengths[j]) > 0 || !has_letter(s->items[j], s->lengths[j])) &&
           implies(s, i, s, j, 1);
}

/* A string that starts with another of the set adds nothing: where it
 * occurs, so does the other, at the same place (the same lead, after
 * what may precede either), and is
 * followed by the longer one's next byte ("Co" by the "r" of "Corp"), in
 * either case (and, for a k or s, a byte of KELVIN SIGN or LONG S: the
 * text may hold it where the string is folded). Not a letter alone (with
 * spaces: weight 0): it is a literal only where its follow class rejects
 * most places (scan.c), which the longer ones' next letters would undo
 * ("R" of "R 5" and "RMB 5"; " s" of money.words' " sterling"). */
static void drop_extensions(set *s)
{
    unsigned char *extends = fx_xcalloc(s->count + 1, 1);
    for (size_t i = 0; i < s->count; i++)
        for (size_t j = 0; j < s->count && !extends[i]; j++) extends[i] = starts_with(s, i, j);
    for (size_t i = 0; i < s->count; i++)
        for (size_t j = 0; j < s->count && extends[i]; j++) {
            if (extends[j] || !starts_with(s, i, j)) continue;
            unsigned char next[2] = {(unsigned char)s->items[i][s->lengths[j]],
                                     s->written[i] ? (unsigned char)s->written[i][s->lengths[j]] : 0};
            for (int k = 0; k < (s->written[i] ? 2 : 1); k++) add_text_byte(&s->follow[j], next[k]);
            for (int k = 0; k < 2; k++) {
                bs_union(&s->preceded[j].inner.next[k], &s->preceded[i].inner.next[k]);
                bs_union(&s->preceded[j].outer.next[k], &s->preceded[i].outer.next[k]);
            }
        }
    drop_marked(s, extends);
}

/* A string that holds another of the set adds nothing to a need: where
 * it occurs, so does the other. */
static void drop_holders(set *s)
{
    unsigned char *holds = fx_xcalloc(s->count + 1, 1);
    for (size_t i = 0; i < s->count; i++)
        for (size_t j = 0; j < s->count && !holds[i]; j++)
            holds[i] = j != i && s->lengths[j] <= s->lengths[i] && (s->lengths[j] < s->lengths[i] || j < i) &&
                       implies(s, i, s, j, 0);
    drop_marked(s, holds);
}

static int by_need_selectivity(const void *a, const void *b)
{
    const need *x = a, *y = b;
    return need_better(x, y) ? -1 : need_better(y, x) ? 1 : 0;
}

/* Does every string of `of` hold one of `strings`? Then where one of
 * `of` occurs, so does one of them. */
static int each_holds(const set *of, const set *strings)
{
    for (size_t i = 0; i < of->count; i++) {
        size_t j = 0;
        while (j < strings->count && !implies(of, i, strings, j, 0)) j++;
        if (j == strings->count) return 0;
    }
    return 1;
}

/* Is need n met wherever another of x's is (reaching no further, each of
 * its strings holding one of n's)? The first of two that meet each
 * other stays. */
static int met_by_another(const info *x, size_t n)
{
    const need *a = &x->needs[n];
    for (size_t k = 0; k < x->need_count; k++) {
        const need *b = &x->needs[k];
        if (k == n || b->reach > a->reach || !each_holds(&b->strings, &a->strings)) continue;
        if (!(a->reach <= b->reach && each_holds(&a->strings, &b->strings)) || k < n) return 1;
    }
    return 0;
}

/* s's strings as an array (s is left empty): string i as written where
 * as_written[i] (it is known), else folded. */
static char **take_strings(set *s, const unsigned char *as_written)
{
    char **strings = s->items;
    for (size_t i = 0; i < s->count; i++) {
        if (as_written[i]) {
            free(s->items[i]);
            strings[i] = s->written[i];
        } else {
            free(s->written[i]);
        }
    }
    free(s->written);
    free(s->lengths);
    free(s->follow);
    free(s->at_end);
    free(s->at_start);
    free(s->after);
    free(s->preceded);
    free(s->group);
    *s = (set){0};
    return strings;
}

/* x's needs into out (the most selective first), but for those its own
 * strings meet (each of them holds one: a window has its literal) and
 * those another need meets. */
static void take_out_needs(info *x, fx_prefilter *out)
{
    /* a need is as written if all its strings are known so (one flag
     * each), else all folded: from here on compared so */
    for (size_t k = 0; k < x->need_count; k++) {
        set *n = &x->needs[k].strings;
        size_t known = 0;
        while (known < n->count && n->written[known]) known++;
        for (size_t i = 0; i < n->count && known < n->count; i++) {
            free(n->written[i]);
            n->written[i] = NULL;
        }
    }
    qsort(x->needs, x->need_count, sizeof *x->needs, by_need_selectivity);
    unsigned char met[MAX_NEEDS] = {0};
    for (size_t k = 0; k < x->need_count; k++) met[k] = (unsigned char)met_by_another(x, k);
    for (size_t k = 0; k < x->need_count; k++) {
        need *n = &x->needs[k];
        if (met[k] || (!x->any && x->strings.count && each_holds(&x->strings, &n->strings))) continue;
        drop_holders(&n->strings);
        fx_prefilter_need *o = &out->needs[out->need_count++];
        o->exact = n->strings.count && n->strings.written[0];
        unsigned char as_written[MAX_SET];
        memset(as_written, o->exact, sizeof as_written);
        o->count = n->strings.count;
        o->strings = take_strings(&n->strings, as_written);
        o->reach = n->reach;
        o->past = 0;
        o->spaces = FX_PREFILTER_UNBOUNDED;
    }
    needs_free(x);
}

/* A need around a literal is looked for at every report of it: one with
 * a string lighter than three letters (a dash, a comma, a year's "20",
 * "of") costs more than it saves, as it is nearly always there
 * (measured: BENCHMARKS.md, scan12). */
enum { RARE = 6 };   /* weight() of three letters */

/* n's strings (taken) into o, as a need around a literal: each as
 * written if all are known so, else all folded. */
static void take_out_around(set *n, size_t reach, size_t past, size_t spaces, fx_prefilter_need *o)
{
    drop_holders(n);
    size_t known = 0;
    while (known < n->count && n->written[known]) known++;
    unsigned char as_written[MAX_SET];
    memset(as_written, known == n->count, sizeof as_written);
    o->exact = known == n->count;
    o->count = n->count;
    o->strings = take_strings(n, as_written);
    o->reach = reach;
    o->past = past;
    o->spaces = spaces;
}

/* x's lit_needs into out (the most selective first), those whose
 * strings are rare (RARE). */
static void take_out_lit_needs(info *x, fx_prefilter *out)
{
    qsort(x->lit_needs, x->lit_need_count, sizeof *x->lit_needs, by_need_selectivity);
    for (size_t k = 0; k < x->lit_need_count; k++) {
        need *n = &x->lit_needs[k];
        if (shortest(&n->strings) < RARE) continue;
        take_out_around(&n->strings, n->reach, 0, FX_PREFILTER_UNBOUNDED, &out->lit_needs[out->lit_need_count++]);
    }
    lit_needs_free(x);
}

static int by_before_selectivity(const void *a, const void *b)
{
    const before_need *x = a, *y = b;
    return before_better(x, y) ? -1 : before_better(y, x) ? 1 : 0;
}

/* Is the before need list[n] met wherever another of list[0..count) is
 * (in no wider a stretch, each of its strings holding one of n's)? The
 * first of two that meet each other stays. */
static int before_met_by_another(const before_need *list, size_t count, size_t n)
{
    const before_need *a = &list[n];
    for (size_t k = 0; k < count; k++) {
        const before_need *b = &list[k];
        if (k == n || b->reach > a->reach || b->past > a->past || b->spaces > a->spaces ||
            !each_holds(&b->strings, &a->strings))
            continue;
        if (!(a->reach == b->reach && a->past == b->past && a->spaces == b->spaces &&
              each_holds(&a->strings, &b->strings)) || k < n)
            return 1;
    }
    return 0;
}

/* Does one of s's strings hold one of `strings`? */
static int one_holds(const set *s, const set *strings)
{
    for (size_t i = 0; i < s->count; i++)
        for (size_t j = 0; j < strings->count; j++)
            if (implies(s, i, strings, j, 0)) return 1;
    return 0;
}

/* The befores list[0..count) of literals `own` (taken) into out (the
 * most selective first), returning how many: those whose strings are
 * rare and lie before the literal (reach), and that neither a literal
 * meets itself (holding one of their strings: a side of an alternation
 * keyed on its own strings, where the other has strings before its own;
 * at the other's reports they took out no window of org.cue_role_of) nor
 * another before need. */
static size_t take_out_befores(before_need *list, size_t *count, const set *own, fx_prefilter_need *out)
{
    qsort(list, *count, sizeof *list, by_before_selectivity);
    unsigned char met[MAX_NEEDS] = {0};
    size_t n = 0;
    for (size_t k = 0; k < *count; k++) met[k] = (unsigned char)before_met_by_another(list, *count, k);
    for (size_t k = 0; k < *count; k++) {
        before_need *b = &list[k];
        if (met[k] || b->reach == 0 || shortest(&b->strings) < RARE || one_holds(own, &b->strings)) continue;
        take_out_around(&b->strings, b->reach, b->past, b->spaces, &out[n++]);
    }
    list_free(list, count);
    return n;
}

/* x's groups' befores into out (out->groups, out->lit_group): a literal
 * (x's strings; `all` those before drop_extensions) has a group's where
 * every string it stands for (starts) is of that group. */
static void take_out_groups(info *x, const set *all, fx_prefilter *out)
{
    if (!x->group_count) return;
    size_t *group = fx_xcalloc(x->strings.count + 1, sizeof *group);
    for (size_t i = 0; i < x->strings.count; i++) {
        size_t g = SIZE_MAX;   /* (none seen yet) */
        for (size_t j = 0; j < all->count && g; j++)
            if (all->lengths[j] >= x->strings.lengths[i] &&
                memcmp(all->items[j], x->strings.items[i], x->strings.lengths[i]) == 0)
                g = g == SIZE_MAX || g == all->group[j] ? all->group[j] : 0;
        group[i] = g > x->group_count ? 0 : g;   /* (SIZE_MAX: of none; MIXED) */
    }
    out->groups = fx_xcalloc(x->group_count + 1, sizeof *out->groups);
    out->lit_group = fx_xcalloc(x->strings.count + 1, sizeof *out->lit_group);
    for (size_t g = 0; g < x->group_count; g++) {
        set own = {0};
        for (size_t i = 0; i < x->strings.count; i++)
            if (group[i] == g + 1) set_add_item(&own, &x->strings, i);
        before_group *from = &x->groups[g];
        fx_prefilter_group *to = &out->groups[out->group_count];
        to->count = own.count ? take_out_befores(from->befores, &from->before_count, &own, to->befores) : 0;
        set_free(&own);
        if (to->count == 0) continue;
        out->group_count++;
        for (size_t i = 0; i < x->strings.count; i++)
            if (group[i] == g + 1) out->lit_group[i] = out->group_count;
    }
    free(group);
    groups_free(x);
}

/* Does every string of s hold a byte of bytes? */
static int each_has_byte(const set *s, const byteset *bytes)
{
    for (size_t i = 0; i < s->count; i++) {
        size_t k = 0;
        while (k < s->lengths[i] && !bs_has(bytes, (unsigned char)s->items[i][k])) k++;
        if (k == s->lengths[i]) return 0;
    }
    return 1;
}

static int by_class_selectivity(const void *a, const void *b)
{
    const class_need *x = a, *y = b;
    return class_better(x, y) ? -1 : class_better(y, x) ? 1 : 0;
}

/* Is the class need c met wherever one of out's needs is: a need of
 * strings each holding a byte of c, or a class within c's bytes, reaching
 * no further? */
static int class_met(const class_need *c, const fx_prefilter *out)
{
    for (size_t k = 0; k < out->need_count; k++) {
        const fx_prefilter_need *n = &out->needs[k];
        size_t i;
        for (i = 0; i < n->count; i++) {
            const unsigned char *p = (const unsigned char *)n->strings[i];
            while (*p && !bs_has(&c->bytes, *p)) p++;
            if (!*p) break;
        }
        if (i == n->count && n->reach <= c->reach) return 1;
    }
    for (size_t k = 0; k < out->class_need_count; k++) {
        const fx_prefilter_class_need *o = &out->class_needs[k];
        int within = 1;
        for (int w = 0; w < 4; w++) within &= (o->bytes[w] & ~c->bytes.w[w]) == 0;
        if (within && o->reach <= c->reach) return 1;
    }
    return 0;
}

/* The class needs c[0..n) of x into out (the most selective first), but
 * for those x's own strings meet (each holds a byte of the class: a
 * window has its literal) and those out's needs meet. */
static void take_out_classes(const info *x, class_need *c, size_t n, fx_prefilter *out)
{
    qsort(c, n, sizeof *c, by_class_selectivity);
    for (size_t k = 0; k < n && out->class_need_count < FX_PREFILTER_MAX_CLASS_NEEDS; k++) {
        if ((!x->any && x->strings.count && each_has_byte(&x->strings, &c[k].bytes)) || class_met(&c[k], out))
            continue;
        fx_prefilter_class_need *o = &out->class_needs[out->class_need_count++];
        memcpy(o->bytes, c[k].bytes.w, sizeof o->bytes);
        o->reach = c[k].reach;
    }
}

/* Of the classes around a literal c[0..n), the one least likely met by
 * chance (the fewest bytes over the fewest places) that is near: into
 * bytes, returning its reach (0: none). */
static size_t lit_class(const class_need *c, size_t n, uint64_t bytes[4])
{
    size_t best = SIZE_MAX, reach = 0;
    for (size_t k = 0; k < n; k++) {
        size_t odds = c[k].reach * (size_t)class_weight(&c[k].bytes);
        if (c[k].reach > FX_PREFILTER_LIT_REACH || odds >= best) continue;
        best = odds;
        memcpy(bytes, c[k].bytes.w, 4 * sizeof *bytes);
        reach = c[k].reach;
    }
    return reach;
}

/* A need's strings and their list (the need itself is the caller's). */
static void need_strings_free(fx_prefilter_need *n)
{
    for (size_t i = 0; i < n->count; i++) free(n->strings[i]);
    free(n->strings);
}

static void free_prefix(fx_prefilter *f)
{
    for (size_t k = 0; k < f->prefix_count; k++) need_strings_free(&f->prefix[k]);
    for (size_t k = 0; k < FX_PREFILTER_MAX_PREFIXES; k++)
        f->prefix[k] = (fx_prefilter_need){.spaces = FX_PREFILTER_UNBOUNDED};
    memset(f->prefix_after, 0, sizeof f->prefix_after);
    f->prefix_count = 0;
    f->prefix_required = 0;
}

/* The strings of the optional group text[group, end) ("(?:...)?", or
 * "(?:(?:...)?)" as {NAME} expands it: the group inside) as a prefix
 * (prefilter.h), into *out and *after; 0 when it is none. Its parts must
 * be exact, their strings crossed (at most FX_PREFILTER_MAX_PREFIX), but
 * for a last part of single bytes without a letter: after. r: the reader
 * at `end`. */
static int group_prefix(const reader *r, const char *group, const char *end, fx_prefilter_need *out, uint64_t after_out[4])
{
    int depth = r->depth + 1;
    for (;; depth++) {
        if (end - group < 5 || strncmp(group, "(?:", 3) != 0) return 0;
        if (end[-2] == ')' && end[-1] == '?') break;
        reader one = *r;
        one.p = group + 3;
        one.depth = depth;
        info item = parse_item(&one);
        info_free(&item);
        if (one.failed || end[-1] != ')' || one.p != end - 1) return 0;
        group += 3;
        end--;
    }
    reader in = *r;
    in.p = group + 3;
    in.depth = depth;
    in.aheads_empty = 1;
    set strings = {0};
    set_add(&strings, "", "", 0);
    byteset after = {{0}};
    int has_after = 0, ok = 1;
    while (ok && *in.p != ')') {
        info part = *in.p && *in.p != '|' ? parse_item(&in) : (info){0};
        ok = !in.failed && part.exact && part.strings.count > 0;
        int bytes = ok && *in.p == ')';   /* the last part: single bytes, none a letter? */
        for (size_t j = 0; ok && bytes && j < part.strings.count; j++)
            bytes = part.strings.lengths[j] == 1 && (unsigned char)part.strings.items[j][0] < 0x80 &&
                    !is_letter((unsigned char)part.strings.items[j][0]);
        if (bytes) {
            for (size_t j = 0; j < part.strings.count; j++) bs_add(&after, (unsigned char)part.strings.items[j][0]);
            has_after = 1;
        } else if (ok) {
            set joined = {0};
            for (size_t i = 0; ok && i < strings.count; i++)
                for (size_t j = 0; ok && j < part.strings.count; j++) {
                    ok = strings.lengths[i] + part.strings.lengths[j] <= MAX_LEN;
                    if (ok) set_add_joined(&joined, &strings, i, &part.strings, j, part.strings.lengths[j]);
                    ok &= joined.count <= FX_PREFILTER_MAX_PREFIX + 1;
                }
            set_free(&strings);
            strings = joined;
        }
        info_free(&part);
    }
    size_t n = 0, reach = 0;
    int exact = 1;
    for (size_t i = 0; ok && i < strings.count; i++) {
        if (strings.lengths[i] == 0) continue;   /* (the literal's own start) */
        n++;
        exact &= strings.written[i] != NULL;
        reach = max_len(reach, strings.lengths[i]);
    }
    ok = ok && n > 0 && n <= FX_PREFILTER_MAX_PREFIX;
    if (ok) {
        char **list = fx_xcalloc(n, sizeof *list);
        for (size_t i = 0, k = 0; i < strings.count; i++)
            if (strings.lengths[i]) list[k++] = fx_xstrdup(exact ? strings.written[i] : strings.items[i]);
        *out = (fx_prefilter_need){.strings = list, .count = n, .exact = exact, .reach = reach + (size_t)has_after,
                                   .spaces = FX_PREFILTER_UNBOUNDED};
        memcpy(after_out, after.w, sizeof after.w);
    }
    set_free(&strings);
    return ok;
}

/* The strings of an item of the pattern that a match must go through
 * (not optional), crossed after those of the items before it (*strings,
 * from one empty string) into a prefix's (prefilter.h `prefix_required`):
 * 0 (and *strings freed) unless the item's strings (item: exact) are
 * not empty nor a look-ahead's, and the strings stay at most `most` of
 * at most `longest` bytes. */
static int required_strings(const info *item, set *strings, size_t most, size_t longest)
{
    int ok = item->exact && !item->ahead && item->strings.count > 0 && !has_empty(&item->strings);
    set joined = {0};
    for (size_t i = 0; ok && i < strings->count; i++)
        for (size_t j = 0; ok && j < item->strings.count; j++) {
            ok = strings->lengths[i] + item->strings.lengths[j] <= longest;
            if (ok) set_add_joined(&joined, strings, i, &item->strings, j, item->strings.lengths[j]);
            ok &= joined.count <= most;
        }
    set_free(strings);
    *strings = joined;
    if (!ok) set_free(strings);
    return ok;
}

static int table_alternation(reader *r, set *out);

/* A side of table_alternation's (r at its start, moved to its end): its
 * items' strings crossed, a group "(?:...)" of sides read as one, any
 * other item exact. */
static int table_sequence(reader *r, set *out)
{
    set x = {0};
    set_add(&x, "", "", 0);
    int ok = 1;
    while (ok && *r->p && *r->p != '|' && *r->p != ')') {
        set item = {0};
        if (strncmp(r->p, "(?:", 3) == 0) {
            r->p += 3;
            r->depth++;
            ok = table_alternation(r, &item) && *r->p == ')';
            r->depth--;
            if (ok) r->p++;
            ok = ok && !quantifier((unsigned char)*r->p);
        } else {
            info part = parse_item(r);
            ok = !r->failed && part.exact;
            item = part.strings;
            part.strings = (set){0};
            info_free(&part);
        }
        set joined = {0};
        for (size_t i = 0; ok && i < x.count; i++)
            for (size_t j = 0; ok && j < item.count; j++) {
                ok = x.lengths[i] + item.lengths[j] <= MAX_TABLE_LEN;
                if (ok) set_add_joined(&joined, &x, i, &item, j, item.lengths[j]);
                ok &= joined.count <= FX_PREFILTER_MAX_TABLE_PREFIX;
            }
        set_free(&item);
        set_free(&x);
        x = joined;
    }
    if (!ok) set_free(&x);
    *out = x;
    return ok;
}

/* The strings of an alternation of exact sides however many (an exact
 * node keeps MAX_EXACT) but at most FX_PREFILTER_MAX_TABLE_PREFIX, each
 * at most MAX_TABLE_LEN bytes, look-aheads read as the empty string (a
 * superset): a table's names as {NAME} writes them, a trie of groups
 * (org.known_subsidiary's {ORGS} before " China"). r at its start, moved
 * to its end; 0 (and nothing) when it is none. */
static int table_alternation(reader *r, set *out)
{
    set all = {0};
    int ok = 1;
    for (;;) {
        set side;
        ok = table_sequence(r, &side);
        for (size_t j = 0; ok && j < side.count; j++) set_add_item(&all, &side, j);
        if (ok) set_free(&side);
        ok = ok && all.count <= FX_PREFILTER_MAX_TABLE_PREFIX;
        if (!ok || *r->p != '|') break;
        r->p++;
    }
    if (!ok) set_free(&all);
    *out = all;
    return ok;
}

/* The item text[at, end) as a table's strings (table_alternation) when
 * it is a group "(?:...)"; 0 when it is not one. r: the reader at `end`. */
static int table_group(const reader *r, const char *at, const char *end, info *out)
{
    if (end - at < 5 || strncmp(at, "(?:", 3) != 0 || end[-1] != ')') return 0;
    reader in = *r;
    in.p = at + 3;
    in.depth = r->depth + 1;
    in.aheads_empty = 1;
    set strings;
    if (!table_alternation(&in, &strings)) return 0;
    if (in.failed || in.p != end - 1 || strings.count == 0) {
        set_free(&strings);
        return 0;
    }
    *out = (info){.exact = 1, .strings = strings};
    return 1;
}

/* The prefixes (prefilter.h): the optional groups "(?:...)?" that the
 * pattern's top-level sequence (top: its reader, read through) starts
 * with, between items of no width, then the exact items that every
 * match goes through (date.relative_unit's "this", "the following" ...,
 * then " "), when the literals' lead is those items' most bytes: concat
 * makes it the items' plus the rest's, so the rest's literal starts
 * where the rest does (unless an item before a group has strings as far
 * on: none may). At most FX_PREFILTER_MAX_PREFIXES groups, each as
 * group_prefix reads it, the required items' strings crossed into one,
 * the last. */
static void find_prefix(const reader *top, int caseless, size_t lead, fx_prefilter *out, reader *rest)
{
    if (lead == 0 || lead == UNBOUNDED || top->top_branches != 0) return;
    reader r = *top;   /* (read again from the start; what it records is not kept) */
    r.p = r.start;
    r.caseless = caseless;
    fx_prefilter_need found[FX_PREFILTER_MAX_PREFIXES];
    uint64_t after[FX_PREFILTER_MAX_PREFIXES][4];
    size_t count = 0, spanned = 0;   /* (the groups' most bytes so far) */
    set required = {0};   /* the required items' strings so far */
    int requiring = 0;
    while (spanned < lead && (count < FX_PREFILTER_MAX_PREFIXES || requiring)) {
        if (!*r.p || *r.p == '|' || *r.p == ')') break;
        const char *at = r.p;
        info item = parse_item(&r);
        size_t most = item.maxlen, item_lead = item.any || item.exact ? 0 : item.lead;
        /* (an item of no width whose strings lie as far on as the literals, a look-ahead's, could be where the lead came from) */
        int stop = r.failed || (most != 0 && (most == UNBOUNDED || most > lead - spanned)) ||
                   (most == 0 && item_lead == lead - spanned);
        if (!stop && most && !requiring && group_prefix(&r, at, r.p, &found[count], after[count])) {
            count++;
        } else if (!stop && most) {   /* a required item, once no group follows */
            if (!requiring) set_add(&required, "", "", 0);
            requiring = 1;
            info table;
            if (!item.exact && required.count == 1 && table_group(&r, at, r.p, &table)) {
                /* (the first, crossed with nothing: its strings are the prefix's, each the whole name) */
                stop = !required_strings(&table, &required, FX_PREFILTER_MAX_TABLE_PREFIX, MAX_TABLE_LEN);
                info_free(&table);
            } else {
                stop = !required_strings(&item, &required, FX_PREFILTER_MAX_PREFIX, MAX_LEN);
            }
        }
        info_free(&item);
        if (stop) break;
        spanned += most;
    }
    if (requiring && spanned == lead && required.count) {
        int exact = 1;
        for (size_t i = 0; i < required.count; i++) exact &= required.written[i] != NULL;
        char **list = fx_xcalloc(required.count, sizeof *list);
        size_t reach = 0;
        for (size_t i = 0; i < required.count; i++) {
            list[i] = fx_xstrdup(exact ? required.written[i] : required.items[i]);
            reach = max_len(reach, required.lengths[i]);
        }
        found[count] = (fx_prefilter_need){.strings = list, .count = required.count, .exact = exact, .reach = reach,
                                           .spaces = FX_PREFILTER_UNBOUNDED};
        memset(after[count], 0, sizeof after[count]);
        count++;
    }
    set_free(&required);
    if (spanned != lead) {
        while (count > 0) need_strings_free(&found[--count]);
        return;
    }
    for (size_t k = 0; k < count; k++) {   /* nearest the literal first */
        out->prefix[k] = found[count - 1 - k];
        memcpy(out->prefix_after[k], after[count - 1 - k], sizeof out->prefix_after[k]);
    }
    out->prefix_count = count;
    out->prefix_required = requiring;
    *rest = r;
}

/* What may lie right before s's string i (not empty) where a match has
 * it: precede's case of each character the text may start it with. */
static byteset precede_of(const set *s, size_t i)
{
    byteset forms = {{0}}, words = word_bytes(), out = {{0}};
    add_text_byte(&forms, (unsigned char)s->items[i][0]);
    if (s->written[i]) add_text_byte(&forms, (unsigned char)s->written[i][0]);
    int word = 0, other = 0;
    for (int k = 0; k < 4; k++) {
        word |= (forms.w[k] & words.w[k]) != 0;
        other |= (forms.w[k] & ~words.w[k]) != 0;
    }
    for (int n = 0; n < 2; n++)
        if (n == NEXT_WORD ? word : other) {
            bs_union(&out, &s->preceded[i].inner.next[n]);
            bs_union(&out, &s->preceded[i].outer.next[n]);
        }
    return out;
}

/* May one of f's literals start inside a string of its required prefix
 * (prefilter.h `prefix_required`): does an end of one of those strings
 * begin one of the literals, or a literal begin such an end (in either
 * case)? Then the literals were crossed with the prefix's strings
 * (date.month_year's "January " after the month, whose lead counts the
 * month's bytes too), and do not start where those strings end. */
static int literal_in_prefix(const fx_prefilter *f)
{
    const fx_prefilter_need *p = &f->prefix[0];
    for (size_t i = 0; i < p->count; i++)
        for (size_t n = strlen(p->strings[i]), from = 0; from < n; from++)
            for (size_t k = 0; k < f->count; k++)
                if (strncasecmp(p->strings[i] + from, f->literals[k], n - from) == 0) return 1;
    return 0;
}

/* Do x's string i and f's literal k read the same, the literal's first
 * n bytes (as written where it is exact)? */
static int string_is_literal(const set *x, size_t i, const fx_prefilter *f, size_t k, size_t n)
{
    if (x->lengths[i] < n) return 0;
    if (f->exact[k]) return x->written[i] && strncmp(x->written[i], f->literals[k], n) == 0;
    return strncmp(x->items[i], f->literals[k], n) == 0;
}

/* Are f's literals the strings of what follows the required prefix
 * (rest: a reader at it) that start its matches (lead 0), but for those
 * that begin with another (prefilter.h `follow`: " Holdings" by
 * " Holding")? Then every match has one of them right where the prefix's
 * string ends, whatever literal a prefix's string holds
 * (org.known_subsidiary's "Aalborg Forsyning" then " China", of which
 * " Forsyning" is a literal too): literal_in_prefix's test is not
 * needed. */
static int literals_start_rest(reader *rest, const fx_prefilter *f)
{
    info x = parse_sequence(rest);
    int ok = !rest->failed && *rest->p == '\0';
    x = to_required(x);
    ok = ok && !x.any && x.lead == 0 && x.strings.count > 0;
    for (size_t k = 0; ok && k < f->count; k++) {   /* each literal one of the rest's strings */
        size_t n = strlen(f->literals[k]), i = 0;
        while (i < x.strings.count && !(x.strings.lengths[i] == n && string_is_literal(&x.strings, i, f, k, n))) i++;
        ok = i < x.strings.count;
    }
    for (size_t i = 0; ok && i < x.strings.count; i++) {   /* and each of those begins with a literal */
        size_t k = 0;
        while (k < f->count && !string_is_literal(&x.strings, i, f, k, strlen(f->literals[k]))) k++;
        ok = k < f->count;
    }
    info_free(&x);
    return ok;
}

/* Does an option group of the pattern ("(?i)", "(?mi:", "(?-i" alike)
 * name i? Then its named groups may be caseless where they are written. */
static int has_caseless_option(const char *pattern)
{
    for (const char *at = strstr(pattern, "(?"); at; at = strstr(at + 2, "(?")) {
        const char *p = at + 2;
        while (*p && strchr("imnsxJU-^", *p)) {
            if (*p == 'i') return 1;
            p++;
        }
    }
    return 0;
}

void fx_prefilter_build(const char *pattern, int caseless, const fx_table *common_words, fx_prefilter *out)
{
    out->literals = NULL;
    out->count = 0;
    out->k_offset = FX_PREFILTER_NO_K;
    out->k_prefix_max = 0;
    out->lead = FX_PREFILTER_UNBOUNDED;
    out->spaces = FX_PREFILTER_UNBOUNDED;
    memset(out->before, 0xFF, sizeof out->before);
    memset(out->near, 0xFF, sizeof out->near);
    out->far = 0;
    out->exact = NULL;
    out->follow = NULL;
    out->precede = NULL;
    out->need_count = 0;
    out->class_need_count = 0;
    out->lit_reach = out->lit_after_reach = 0;
    memset(out->lit_before, 0, sizeof out->lit_before);
    memset(out->lit_after, 0, sizeof out->lit_after);
    memset(out->after_space, 0xff, sizeof out->after_space);   /* (any byte: no cut) */
    out->lit_need_count = 0;
    out->lit_before_count = 0;
    out->lit_group = NULL;
    out->groups = NULL;
    out->group_count = 0;
    out->prefix_count = 0;
    free_prefix(out);
    /* the strings as written when no part is caseless; else folded, and
     * as written where known (set) */
    reader r;
    info x;
    call_memo calls = {0};
    int defs_caseless = caseless || has_caseless_option(pattern);
    for (int keep_case = !caseless;; keep_case = 0) {
        r = (reader){.start = pattern, .p = pattern, .caseless = caseless, .keep_case = keep_case, .calls = &calls,
                     .common = common_words, .defs_caseless = defs_caseless};
        x = parse_alternation(&r);
        if (!r.keep_case || !r.saw_caseless) break;
        info_free(&x);
    }
    if (*r.p != '\0') r.failed = 1;
    size_t prefix_lead = x.lead;   /* (the literals' lead, checked once they are chosen) */
    byteset after_space = spacing_of(&x).to_string;
    reader rest = {0};   /* (what follows a required prefix) */
    if (!r.failed && !x.exact && !x.any && x.strings.count) find_prefix(&r, caseless, prefix_lead, out, &rest);
    if (!r.failed && r.k_top && r.k_count == 1 && r.top_branches == 0 && r.k_prefix_max != UNBOUNDED) {
        out->k_offset = r.k_offset;
        out->k_prefix_max = r.k_prefix_max;
    }
    class_need classes[MAX_CLASSES];
    size_t class_count = x.exact ? 0 : classes_of(&x, classes);   /* an exact pattern is all literal */
    x = to_required(x);
    if (r.failed) {
        info_free(&x);
        goto done;
    }
    take_out_needs(&x, out);
    take_out_classes(&x, classes, class_count, out);
    if (x.any || x.strings.count == 0) {
        info_free(&x);
        goto done;
    }
    set all = set_copy(&x.strings);   /* (before the extensions go) */
    drop_extensions(&x.strings);
    set_free(&x.suffix);
    out->lit_before_count = take_out_befores(x.befores, &x.before_count, &x.strings, out->lit_befores);
    take_out_groups(&x, &all, out);
    set_free(&all);
    out->count = x.strings.count;
    out->exact = fx_xcalloc(out->count + 1, 1);
    out->follow = fx_xcalloc(out->count + 1, sizeof *out->follow);
    out->precede = fx_xcalloc(out->count + 1, sizeof *out->precede);
    for (size_t i = 0; i < out->count; i++) {
        out->exact[i] = x.strings.written[i] != NULL;
        memcpy(out->follow[i], x.strings.follow[i].w, sizeof out->follow[i]);
        byteset before = precede_of(&x.strings, i);
        memcpy(out->precede[i], before.w, sizeof out->precede[i]);
    }
    out->literals = take_strings(&x.strings, out->exact);
    out->lead = x.lead;
    out->spaces = x.spaces_lead;
    out->lit_reach = lit_class(x.lit, x.lit_count, out->lit_before);
    out->lit_after_reach = lit_class(x.lit_after, x.lit_after_count, out->lit_after);
    take_out_lit_needs(&x, out);
    memcpy(out->before, x.before.w, sizeof out->before);
    memcpy(out->after_space, after_space.w, sizeof out->after_space);
    byteset near = near_of(&x, &out->far);
    memcpy(out->near, near.w, sizeof out->near);
    if (out->lead != prefix_lead ||
        (out->prefix_required && literal_in_prefix(out) && !literals_start_rest(&rest, out)))
        free_prefix(out);
done:   /* (the named groups' memo, which the rest's reader reads too) */
    for (size_t k = 0; k < calls.count; k++) free(calls.groups[k].name);
    free(calls.groups);
}

size_t fx_prefilter_space_cut(const fx_prefilter *f)
{
    if (f->spaces > 64 || (f->lead != FX_PREFILTER_UNBOUNDED && f->lead <= 8 * (f->spaces + 1)))
        return FX_PREFILTER_UNBOUNDED;
    return f->spaces;
}

size_t fx_prefilter_after_spaces(const char *text, size_t at, size_t limit, size_t spaces)
{
    size_t i = at;
    /* 16 bytes at a time (bytes16.h): their spaces counted, the one sought found among them */
    for (; i - limit >= 16; i -= 16) {
        unsigned m = fx_bytes16_eq(fx_bytes16_load(text + i - 16), ' ');
        unsigned n = fx_bit_count(m);
        if (n > spaces) {
            for (; spaces; spaces--) m &= ~(1u << (31 - __builtin_clz(m)));   /* the last `spaces` of them */
            return i - 16 + (unsigned)(31 - __builtin_clz(m)) + 1;
        }
        spaces -= n;
    }
    while (i > limit && !(text[i - 1] == ' ' && spaces-- == 0)) i--;
    return i;
}

void fx_prefilter_free(fx_prefilter *f)
{
    for (size_t k = 0; k < f->need_count; k++) need_strings_free(&f->needs[k]);
    f->need_count = 0;
    for (size_t k = 0; k < f->lit_need_count; k++) need_strings_free(&f->lit_needs[k]);
    f->lit_need_count = 0;
    for (size_t k = 0; k < f->lit_before_count; k++) need_strings_free(&f->lit_befores[k]);
    f->lit_before_count = 0;
    for (size_t g = 0; g < f->group_count; g++)
        for (size_t k = 0; k < f->groups[g].count; k++) need_strings_free(&f->groups[g].befores[k]);
    free_prefix(f);
    free(f->groups);
    free(f->lit_group);
    f->groups = NULL;
    f->lit_group = NULL;
    f->group_count = 0;
    for (size_t i = 0; i < f->count; i++) free(f->literals[i]);
    free(f->literals);
    free(f->exact);
    free(f->follow);
    free(f->precede);
    f->literals = NULL;
    f->exact = NULL;
    f->follow = NULL;
    f->precede = NULL;
    f->count = 0;
}

size_t fx_prefilter_fold(const char *s, size_t n, char *out)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        /* the two non-ASCII characters that PCRE2 matches caselessly with
         * ASCII letters: KELVIN SIGN (k) and LONG S (s) */
        if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x84 && (unsigned char)s[i + 2] == 0xAA) {
            out[k++] = 'k';
            i += 2;
        } else if (c == 0xC5 && i + 1 < n && (unsigned char)s[i + 1] == 0xBF) {
            out[k++] = 's';
            i += 1;
        } else out[k++] = fold(c);
    }
    out[k] = '\0';
    return k;
}
