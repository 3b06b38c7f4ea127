/* scan.h - one Vectorscan pass over a document finds every rule's candidates.
 *
 * All pattern rules are compiled into Vectorscan (Hyperscan) block-mode
 * databases (their literals in one, their patterns in another: scanned
 * apart they cost less). One scan of the normalised text reports, per
 * rule, where a match may start; match.c then runs the rule's PCRE2 code
 * only there, so PCRE2 still decides every match and takes its captures
 * and the output is exactly that of the PCRE2 path. This is the design
 * Suricata and Snort use.
 *
 * Each pattern rule goes in as one of (fx_scan_kind):
 *  - LITERALS: the strings one of which every match contains (prefilter.h),
 *    each an expression of the database, shared by every rule that has
 *    the same string with the same flags: "20" of nine date rules is one
 *    expression, reported once per occurrence and handed to the nine
 *    rules; a literal that holds another of at least three bytes (" May"
 *    and "May" hold "may") is not compiled but served by that one's
 *    reports: the bytes around each occurrence pick the few it can be
 *    part of, compared whole. When one of them starts at most `lead` bytes
 *    into every attempt, an attempt can start only in [a - lead, a] before
 *    an occurrence a (the PCRE2 path's windows, found by Vectorscan instead
 *    of the literal pass). The prefilter also knows which bytes can lie
 *    between an attempt's start and the literal (prefilter.h `before`):
 *    the start is no further back than the run of such bytes that ends at
 *    a, so a rule whose lead is unbounded ("(?&org_w)(?: (?&org_w))*
 *    Bank": letters and spaces) still gets windows, back to the last
 *    comma or full stop. Where fewer bytes lie next to the literal than
 *    further back (prefilter.h `near` and `far`: "{CURRENCY} ?\d+(?= -
 *    )" has digits before " - ", then at most a currency's bytes), the
 *    start is also at most `far` bytes before the run of `near` bytes
 *    that ends at a. Where every match starts at its literal or at one of
 *    a few strings right before it (prefilter.h `prefix`: date.year's
 *    "early ", "the end of " before the year), the window runs from the
 *    farthest of those that ends at a, else it is a alone (not every byte
 *    the strings could take); where every match has one of them
 *    (prefilter.h `prefix_required`: date.relative_unit's "next "
 *    before "year"; org.known_subsidiary's known names before " China"),
 *    a report with none ending at a makes no window. Only when none of these bounds them do the literals
 *    just say whether the rule can match, and it is searched whole where
 *    they occur (fx_scan_rule_whole). Literals go first: Vectorscan finds
 *    literals fastest.
 *  - EXACT, SUPERSET, PREFILTER: a rule without such literals whose
 *    pattern has a bounded width w: an attempt that matches up to e is a
 *    match of what went in, reported at e, so it starts in [e - w, e].
 *    EXACT is the pattern as written (named groups made plain); SUPERSET
 *    the pattern with its zero-width assertions (\b, lookarounds, ^ $), \K
 *    and atomic or possessive forms taken out, subroutine calls written
 *    out, and \p{L}, \p{Lu}, \p{Ll}, \p{M} widened to ASCII ranges plus
 *    every non-ASCII character (fx_scan_translate): it matches wherever
 *    the rule does; PREFILTER Vectorscan's own approximation
 *    (HS_FLAG_PREFILTER) where it refuses even that. A leading
 *    look-behind is not taken out but consumed in front (the head,
 *    fx_scan_translate), a trailing look-ahead consumed at the end: the
 *    widths are then those of what follows the head, so the windows
 *    still hold exactly where a match can start.
 *  - PREFIX: a rule without literals and of unbounded width whose
 *    matches all start with a part of bounded width (fx_scan_prefix:
 *    "{CURRENCY} ?\d{1,3}..." keeps "{CURRENCY} ?\d"), behind the head
 *    if it has one: a report of it ending at e allows starts in
 *    [e - max, e - min] of the part's widths. When the head is a few
 *    strings and the part begins with one of a few ASCII bytes
 *    (money.range_high: "(?<=-|- | to | till | and )" then a digit),
 *    each string with each byte goes in as a literal instead ("-5",
 *    " to 5"), a start at that byte: literals cost Vectorscan less than
 *    the part's automaton.
 *  - AHEAD: a rule without such literals that says first what follows
 *    where it starts, "(?=[C]*K)" with K of bounded width (after
 *    look-behinds and negative look-aheads; money.currency_after's
 *    amount bytes, then a digit, a scale and a currency): K goes in, and
 *    a report of it ending at e allows starts from the run of C bytes
 *    that reaches e - max back (the literals' walk), to e - min, of K's
 *    widths. Tried before PREFIX: the rule's author keyed it so.
 *  - WORDS: a rule without such literals whose every match starts at an
 *    ASCII letter or digit of one range, not after an ASCII letter or
 *    digit (a leading negative look-behind that has them all), followed
 *    by a byte of a second class (org.acronym: "(?<![A-Za-z0-9...])[A-Z]
 *    [A-Z0-9&]{1,9}"): such a start is the first byte of a word (words.h)
 *    unless a non-ASCII character lies before it. Not in the databases:
 *    its windows are those bytes where the next byte is of the second
 *    class, and every run of non-ASCII bytes with the byte after it,
 *    found 16 bytes at a time when the rule is run (fx_scan_windows): an
 *    automaton of Vectorscan's over every byte cost ten times more.
 *  - PCRE2_ONLY: none of these (no literal but a letter, digit or space,
 *    and neither the pattern nor a start of it of bounded width, or one
 *    Vectorscan cannot read): match.c searches the rule whole, as the
 *    PCRE2 path does.
 * So every attempt PCRE2 can succeed with starts inside a window. A
 * LITERALS rule's report makes none when the bytes just before or after
 * the literal lack a byte every match has there (prefilter.h
 * `lit_before`, `lit_after`: a digit before date.day_month's month, the
 * "." before date.numeric_dot's year, digits after date.year's "20"), or
 * lack the strings every match has around it (`lit_needs`, `lit_befores`:
 * a second month after date.month_range's first; ", a " or ", the " a
 * few words before org.cue_appositive's descriptor), or
 * when the byte right after it may not follow that literal in a match
 * (prefilter.h `follow`: " Co" of org.legal_suffix before a lower-case
 * letter but "r"), or the byte right before it may not precede it
 * (`precede`: a word byte before a literal that a \b or a look-behind
 * "(?<![\p{L}\d])" puts at a word's start). Then the prefilter's needs (prefilter.h:
 * strings a match holds besides its literals, within a bounded reach of
 * its start) take out the windows that lack them: a range's without its
 * dash or "to" (fx_scan_windows). Where a worker's scratch finds most of
 * a rule's windows without its first need of strings, a report of the
 * rule looks for it first, over all the report's windows could reach,
 * and makes none without it: no walk back for date.clock_then_date's
 * months without a clock's ":3" near them.
 *
 * Patterns of unbounded width do not go in: they would only say whether
 * and up to where the rule can match, and they cost more scanning than all
 * the rest together (measured: BENCHMARKS.md). Vectorscan's start of match
 * (HS_FLAG_SOM_LEFTMOST) would bound them, but Vectorscan 5.4.9 (Debian
 * 12) aborts inside hs_scan with it on some patterns ("(?:a+)+b" over a
 * news text: a fortified snprintf overflows).
 *
 * The compiled databases are cached (hs_serialize_database) in
 * $XDG_CACHE_HOME/factx (else ~/.cache/factx) under the hash of the
 * Vectorscan version, the CPU and every rule's pattern and flags, so
 * start-up does not compile them again (the 8 most recently used files are
 * kept). A cache that cannot be read or written is only slower: they
 * are compiled in memory.
 *
 * Built without Vectorscan (make VECTORSCAN=0), fx_scan_build returns NULL
 * and match.c runs the PCRE2 path; fx_scan_translate is there in both.
 *
 * Ownership: fx_scan_build returns a database owned by the caller
 * (fx_scan_free), read-only afterwards and shared by threads; each thread
 * scans with its own fx_scan_scratch (fx_scan_scratch_free), which owns
 * the windows it returns until its next scan.
 */
#ifndef FX_SCAN_H
#define FX_SCAN_H

#include <stddef.h>
#include <stdint.h>

struct fx_context;

typedef enum fx_scan_kind {
    FX_SCAN_PCRE2_ONLY,
    FX_SCAN_EXACT,
    FX_SCAN_SUPERSET,
    FX_SCAN_PREFILTER,
    FX_SCAN_LITERALS,
    FX_SCAN_PREFIX,
    FX_SCAN_AHEAD,
    FX_SCAN_WORDS,
    FX_SCAN_KIND_COUNT
} fx_scan_kind;

extern const char *const fx_scan_kind_names[FX_SCAN_KIND_COUNT];

/* A stretch of the text where a match may start: from..to, inclusive. */
typedef struct fx_window {
    size_t from, to;
} fx_window;

typedef struct fx_scan fx_scan;
typedef struct fx_scan_scratch fx_scan_scratch;

/* The pattern as Vectorscan reads it, matching wherever PCRE2 matches
 * `pattern` (a malloc'd string), or NULL when it cannot be written so.
 * *superset: something was taken out or widened, so it may match more.
 * *head: the length of the part in front (0: none) that stands for the
 * pattern's leading look-behind and matches the bytes before the match's
 * start (leading: tested before anything is consumed, after zero-width
 * items and inside groups without alternatives): "(?<=-| to )" as
 * "(?:-| to )", a negative one of one class, escape or character as its
 * complement, "(?<![\p{L}\d])" as "(?:^|[^A-Za-z\d])" (properties
 * narrowed to ASCII: a larger complement), a group of such alternatives
 * as a group of theirs. Dropped like other assertions, it would let the
 * rest report wherever it can start (NUMBER: at every digit). Likewise a
 * trailing look-ahead (the last item, before zero-width ones, inside
 * groups without alternatives) is consumed at the end: "(?![\p{L}\d])"
 * as "(?:[^A-Za-z\d]|$)", "(?= - )" as "(?: - )" (of bounded width):
 * "ABC" then reports once, at its end, not after "AB" too. It is part of
 * the rest: a bounded pattern's windows [e - w, e] hold the start. */
char *fx_scan_translate(const char *pattern, int *superset, size_t *head);

/* The start of bounded width that every match of `translated` (a pattern
 * from fx_scan_translate) begins with, as a pattern (malloc'd): bounded
 * items are kept, an unbounded repeat of at least n copies keeps n of
 * them, a group of unbounded width is cut inside and ends it. NULL when
 * the pattern is bounded already or nothing can be kept. */
char *fx_scan_prefix(const char *translated);

struct fx_prefilter_need;

/* Does the scan check the need (prefilter.h) on its rule's windows,
 * dropping those without one of its strings (fx_scan_windows), or at its
 * literal's reports (lit_needs, lit_befores)? Where the check costs less
 * than what it can save: the need has at most 64 strings and reaches at
 * most 64 bytes, or (before a literal) at most 16 spaces back. */
int fx_scan_checks_need(const struct fx_prefilter_need *need);
struct fx_prefilter_class_need;
/* The same for a class need (prefilter.h): one reaching at most 64 bytes. */
int fx_scan_checks_class_need(const struct fx_prefilter_class_need *need);

/* The database of ctx's pattern rules, from the cache or compiled; NULL
 * when built without Vectorscan or when no rule could go in. */
fx_scan *fx_scan_build(const struct fx_context *ctx);
void fx_scan_free(fx_scan *scan);

/* How rule (an index into ctx->rules) is scanned. */
fx_scan_kind fx_scan_rule_kind(const fx_scan *scan, size_t rule);
/* Does the scan only say whether the rule can match (its literals have no
 * bounded lead)? Then it is searched whole where it can. */
int fx_scan_rule_whole(const fx_scan *scan, size_t rule);
/* How many expressions the database holds: the rules' literals and
 * patterns, each distinct text with its flags once. */
size_t fx_scan_expression_count(const fx_scan *scan);
/* "cache hit", "compiled, cached in DIR", "compiled (no cache: ...)" */
const char *fx_scan_origin(const fx_scan *scan);

fx_scan_scratch *fx_scan_scratch_new(const fx_scan *scan);
void fx_scan_scratch_free(fx_scan_scratch *scratch);
/* Once a document's windows are used: give back what a large document
 * made the scratch grow to (its windows then end), so that it does not
 * stay with the worker, through the later stages and documents. */
void fx_scan_scratch_trim(fx_scan_scratch *scratch);

/* Scan text[0..len). 0 when done; -1 when Vectorscan failed (then every
 * rule must be run as on the PCRE2 path for this document). */
int fx_scan_document(const fx_scan *scan, fx_scan_scratch *scratch, const char *text, size_t len);
/* The windows of rule from the last scan, sorted and apart (none: the rule
 * cannot match); *windows points into the scratch. Starts are moved back
 * to character boundaries of the text. A window without what one of the
 * rule's needs asks for (prefilter.h, fx_scan_checks_need) is left out:
 * no match starts in it. */
size_t fx_scan_windows(fx_scan_scratch *scratch, size_t rule, const fx_window **windows);
/* How many times Vectorscan reported rule (one of its literals or its
 * pattern) in the scans made with this scratch: --profile shows it beside
 * the rule's windows and matches. */
size_t fx_scan_reports(const fx_scan_scratch *scratch, size_t rule);
/* The rules (ascending) that the last scan gave a window, into out (room
 * for the scan's rules: the context's count); their number. Any other
 * rule of the scan but a WORDS one (whose windows fx_scan_windows finds
 * when asked) has no window in this document: fx_scan_windows would
 * return 0 for it. One pass over the rules, where asking each rule costs
 * a call and a sort's set-up (match.c, fx_match). */
size_t fx_scan_rules_with_windows(const fx_scan_scratch *scratch, uint32_t *out);

#endif
