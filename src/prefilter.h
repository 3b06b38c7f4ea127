/* prefilter.h - literals a pattern cannot match without.
 *
 * Most rules cannot match in most documents: a season rule needs
 * "spring", "summer", ...; a quarter rule needs "q" or "quarter". PCRE2
 * only knows one first or last code unit, and nothing at all for patterns
 * that start with an optional modifier or use \K. fx_prefilter_build reads
 * the pattern itself (the subset of PCRE2 syntax that rules use) and
 * derives a set of strings such that every match contains at least one of
 * them: each as written when every letter of it comes from a
 * case-sensitive part of the pattern (exact: "May" of "(?i:late )?May"),
 * else lowercase ASCII-folded (looked for in the folded text). A document
 * that contains none of them cannot match the rule, so the rule is
 * skipped there.
 *
 * It is conservative: any construct it does not understand (back
 * references, \Q..\E, conditionals other than (?(DEFINE)...)) makes the
 * set "no prefilter", and the rule always runs.
 *
 * Ownership: the strings are malloc'd; fx_prefilter_free frees them.
 */
#ifndef FX_PREFILTER_H
#define FX_PREFILTER_H

#include <stddef.h>
#include <stdint.h>

/* A condition besides the literals (fx_prefilter `needs`): every match
 * also holds one of `strings` (as the literals: as written when exact,
 * else folded),
 * ending at most `reach` bytes after where its attempt starts (a caseless
 * k or s counted as the 3 bytes of KELVIN SIGN). So no attempt from a
 * window of starts [from, to] can match when text[from, to + reach) holds
 * none of them: "DAY\.MONTH\.YEAR", keyed on the year's "19" and "20",
 * needs a "." in its first 6 bytes. */
typedef struct fx_prefilter_need {
    char **strings;         /* NUL-terminated, none empty, none inside another */
    size_t count;
    int exact;              /* every string as written; else all folded */
    size_t reach;
    /* lit_befores only (else 0 and FX_PREFILTER_UNBOUNDED): see there */
    size_t past, spaces;
} fx_prefilter_need;

#define FX_PREFILTER_MAX_NEEDS 4

/* The strings before the literals of one side of an alternation (see
 * fx_prefilter `groups`, at most FX_PREFILTER_MAX_GROUPS), as lit_befores. */
typedef struct fx_prefilter_group {
    fx_prefilter_need befores[FX_PREFILTER_MAX_NEEDS];
    size_t count;
} fx_prefilter_group;

#define FX_PREFILTER_MAX_GROUPS 8

/* The most strings of a prefix (fx_prefilter `prefix`), and the most
 * prefixes. */
#define FX_PREFILTER_MAX_PREFIX 64
#define FX_PREFILTER_MAX_PREFIXES 2
/* A required prefix (`prefix_required`) that is one group of a table's
 * names alone may have more strings, at most this many, and longer ones
 * (at most 48 bytes). */
#define FX_PREFILTER_MAX_TABLE_PREFIX 1024

/* A condition of one byte: every match also holds a byte of `bytes` (a
 * bit per byte value), starting at most `reach` - 1 bytes after where its
 * attempt starts: "between \K{CURRENCY} ?\d..." needs a digit (or a
 * byte of a non-ASCII one) within its first bytes. Only classes without
 * a letter or a space, which nearly every stretch of text holds. */
typedef struct fx_prefilter_class_need {
    uint64_t bytes[4];
    size_t reach;
} fx_prefilter_class_need;

#define FX_PREFILTER_MAX_CLASS_NEEDS 2

typedef struct fx_prefilter {
    char **literals;        /* NUL-terminated, no empty string */
    size_t count;           /* 0: no prefilter, the rule always runs */
    unsigned char *exact;   /* per literal: as written (1); else lowercase (ASCII) */
    /* per literal: the bytes one of which follows the literal of every
     * match that has it, unless the text ends there (a bit per byte
     * value; every byte where nothing is known): a negative look-ahead
     * of one class after it, and the next bytes of the longer strings it
     * stands for. "(?:Co|Corp\.?|Inc\.?)(?![a-z])" keys on "Co", which
     * is followed by "r" or a byte not in [a-z]: "Copenhagen" holds no
     * match's "Co". */
    uint64_t (*follow)[4];
    /* And per literal the bytes one of which precedes it in every match
     * that has it, unless the text starts there (every byte where nothing
     * is known): a look-behind right before it, a \b (no word byte before
     * a word character), the last bytes of what comes before it.
     * "(?<![\p{L}\d])Co" keys on "Co", after no ASCII letter or digit:
     * "Unocal" holds no match's "co". */
    uint64_t (*precede)[4];
    /* A pattern "PREFIX\KREST" whose only \K is in its top-level sequence
     * and whose PREFIX spans at most k_prefix_max bytes: k_offset is where
     * the \K is (else FX_PREFILTER_NO_K). Such a rule can be scanned for
     * with REST alone (see match.c). */
    size_t k_offset, k_prefix_max;
    /* In every match one of the literals starts at most `lead` bytes
     * after where the attempt starts (before any \K), or
     * FX_PREFILTER_UNBOUNDED. A match can then start only in
     * [p - lead, p] for an occurrence p of a literal (match.c). */
    size_t lead;
    /* Every byte that can lie between where an attempt starts and the
     * literal in it (a bit per byte value, a superset): the start is at
     * most the run of such bytes before an occurrence back, however long
     * the lead. */
    uint64_t before[4];
    /* A sharper bound where the bytes next to the literal are fewer
     * ("{CURRENCY} ?\d+(?= - )": digits, then at most a currency's
     * bytes): the start is at most `far` bytes before the run of `near`
     * bytes that ends at an occurrence. near empty: far is the lead. */
    uint64_t near[4];
    size_t far;
    /* Every byte that can follow a space (' ') between where an attempt
     * starts and the literal in it, the literal's first byte included (a
     * superset): the start lies after the last space before an occurrence
     * that is followed by another byte ("(?:\p{Lu}\w* )+Bank": a capital;
     * "the Aalborg Bank" starts at "Aalborg" at the earliest). Every byte
     * where nothing is known. */
    uint64_t after_space[4];
    /* At most this many spaces (' ' bytes) lie between where an attempt
     * starts and the literal in it, or FX_PREFILTER_UNBOUNDED: the start
     * is after the (spaces + 1)-th space back from an occurrence, however
     * long the words ("(?:\p{Lu}\w* ){1,3}Bank": 3). */
    size_t spaces;
    /* Further conditions, each from a part of the pattern other than the
     * one the literals come from (the most selective first); found also
     * when there are no literals. */
    fx_prefilter_need needs[FX_PREFILTER_MAX_NEEDS];
    size_t need_count;
    /* And byte classes, the same way (the most selective first). */
    fx_prefilter_class_need class_needs[FX_PREFILTER_MAX_CLASS_NEEDS];
    size_t class_need_count;
    /* A byte class of which every match holds a byte within the
     * `lit_reach` bytes before where its literal starts (0: none known;
     * at most FX_PREFILTER_LIT_REACH): "DAY (?:of )?MONTH", keyed on the
     * month, has a digit in the 7 bytes before it. An occurrence of a
     * literal without one there is not the literal of a match. */
    uint64_t lit_before[4];
    size_t lit_reach;
    /* The same after the literal: a byte of lit_after lies after the
     * literal's end and before `lit_after_reach` bytes from its start
     * ("MONTH (?:the )?DAY", keyed on the month, has a digit there). */
    uint64_t lit_after[4];
    size_t lit_after_reach;
    /* And strings after it: for each of lit_needs, one of its strings
     * lies after the literal's end and ends at most its reach bytes
     * from the literal's start ("MONTH ?(?:to|-) ?MONTH", keyed on the
     * first month, has a second month there). The most selective
     * first. */
    fx_prefilter_need lit_needs[FX_PREFILTER_MAX_NEEDS];
    size_t lit_need_count;
    /* And strings before it: for each of lit_befores, one of its strings
     * lies within [L - reach, L + past) of the literal's start L, with at
     * most `spaces` spaces (' ') from its start to L
     * ("{NAME}, (?:a|the) (?:\\w+ ){0,4}?(?:bank|firm)", keyed on the
     * nouns, has ", a " or ", the " at most five spaces before them). The
     * most selective first. */
    fx_prefilter_need lit_befores[FX_PREFILTER_MAX_NEEDS];
    size_t lit_before_count;
    /* And per literal, those of the one side of an alternation that has
     * it, where the sides' together say less (or nothing: a side without
     * any): groups[lit_group[k] - 1] for literal k, none where
     * lit_group[k] is 0 or lit_group is NULL. org.cue_results: " won ",
     * " secured " ... before "contract" and "order", a cutting verb
     * before " jobs", nothing before " posted ". */
    size_t *lit_group;
    fx_prefilter_group *groups;
    size_t group_count;
    /* Every attempt that can match starts where its literal starts, or
     * at the start of one of prefix[0]'s strings (as the literals: as
     * written when exact, else folded), then a byte of prefix_after[0]
     * when it has any, that ends where its literal starts; and from
     * either place, the same for prefix[1] (prefix_count 0: not known;
     * a prefix's reach is its longest string). The pattern's leading
     * optional groups of strings, nearest the literal first, the literal
     * right after them: date.year's "\b{DATE_MOD}(?=[12])\K(?<year>{YEAR})",
     * keyed on "19" and "20", has "early", "the end of", ... then "-" or
     * " "; date.month_day's "{DATE_MOD}...{WD_PREFIX}{MD}", keyed on
     * the month, has "Monday, the ", "Monday " ... and before those or
     * the month, the same modifiers. A window then holds only those
     * starts (scan.c), not every byte of the lead. */
    fx_prefilter_need prefix[FX_PREFILTER_MAX_PREFIXES];
    uint64_t prefix_after[FX_PREFILTER_MAX_PREFIXES][4];
    size_t prefix_count;
    /* prefix[0] is not optional: the exact items every match goes
     * through right before its literal, their strings crossed
     * (date.relative_unit's "this ", "the following " ... before "year",
     * after its optional modifiers, prefix[1]), or one group of a
     * table's names, at most FX_PREFILTER_MAX_TABLE_PREFIX
     * (org.known_subsidiary's {ORGS} before " China"). No attempt starts
     * at the literal itself then, and none where no string of prefix[0]
     * ends at it. */
    int prefix_required;
} fx_prefilter;

/* The farthest reach of lit_before and lit_after looked for: a few bytes
 * around each occurrence cost less than the PCRE2 search they can save. */
#define FX_PREFILTER_LIT_REACH 24

/* Changed with how the literals are chosen: a key of the caches of what
 * is built from them (scan.c's database). */
#define FX_PREFILTER_VERSION "prefilter 41"

#define FX_PREFILTER_NO_K ((size_t)-1)
#define FX_PREFILTER_UNBOUNDED ((size_t)-1)

/* The number of spaces to cut a window at (prefilter.h `spaces`), when
 * the cut can be much shorter than the lead: at most 64 spaces and a lead
 * longer than 8 bytes a word; else FX_PREFILTER_UNBOUNDED (no cut: the
 * walk would cost more than it saves). */
size_t fx_prefilter_space_cut(const fx_prefilter *prefilter);
/* Where the stretch of text that ends at `at` and holds at most `spaces`
 * spaces begins, or `limit` if it reaches back past it: no attempt of a
 * rule cut at `spaces` starts before it (its literal at `at` or later). */
size_t fx_prefilter_after_spaces(const char *text, size_t at, size_t limit, size_t spaces);

struct fx_table;

/* The table of words so common that a literal gains nothing by holding
 * them (rules/tables/common_words.tsv, declared in common.rules): a
 * crossed literal (" of " after "ceo") is weighed without them. */
#define FX_PREFILTER_COMMON_WORDS "PREFILTER_COMMON_WORDS"

/* Analyse pattern (as compiled, after {NAME} expansion). caseless: the
 * rule is compiled with PCRE2_CASELESS. common_words: that table, or
 * NULL (no word discounted). Never fails: an unknown construct gives
 * count == 0. */
void fx_prefilter_build(const char *pattern, int caseless, const struct fx_table *common_words, fx_prefilter *out);
void fx_prefilter_free(fx_prefilter *prefilter);

/* The text the literals are looked for in: s[0..n) with ASCII letters
 * lowercased (and KELVIN SIGN, LONG S as k, s) into out, which has room
 * for n + 1 bytes. Returns the folded length (<= n). */
size_t fx_prefilter_fold(const char *s, size_t n, char *out);

#endif
