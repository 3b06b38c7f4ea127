/* resolve_money.c - the money and percent resolver: is a match a sum (or
 * a percentage), which amount and currency, and how it links to the one
 * before it. values_money.c writes the value from what it decides
 * (fx_amount_resolution, money.h).
 *
 * Captures a money or percent rule may use:
 *   num     the amount as written: "1,300,000", "1.300.000", "1 300 000",
 *           "1'000", "1,5", "1.5" (see fx_parse_number)
 *   scale   a key of table SCALE (column multiplier): million, bn, mia. ...
 *   cur     a key of table CURRENCY_SYMBOL (symbols and codes) or
 *           CURRENCY_NAME (names after the amount). Unset for the high end
 *           of a range that shares the low end's unit ("€2-[[3 billion]]"):
 *           the currency then comes from the money fact just before, and
 *           the fact is dropped when there is none.
 *   words   instead of num, an amount in words (table AMOUNT_WORD): "five",
 *           "twenty-five", "two hundred", "half a"; "a"/"an" alone needs a
 *           scale word ("a billion euros", not "a euro coin")
 *   num2    the other end of a range whose unit follows it ("[[400]]-700
 *           million kroner"): the fact is dropped unless num < num2.
 *   minor, minor_words, minor_cur (and minor2, minor2_words, minor2_cur)
 *           a smaller unit of the same sum, added to it: "4 dollars 20
 *           cents" (4.2), "£2 10s 6d" (2.525); minor_cur is a CURRENCY_NAME
 *           key whose factor is below one
 * Percent rules also:
 *   sign    a minus before the number ("-4%", "minus four per cent"): the
 *           value is negative
 *   pp      percentage points ("2 percentage points", "1.2pp"): the unit
 *           is pp, the value the number as for a percent
 *
 * Data (rules/tables/): CURRENCY_CODE (per ISO code: decimal mark, context
 * words), CURRENCY_SYMBOL and CURRENCY_NAME (forms: code, candidates,
 * decide, guard, plural, factor), SCALE, AMOUNT_QUALIFIER, AMOUNT_LINK,
 * AMOUNT_DIRECTION (cue words of a change: "fell 3%", "a 5% rise").
 *
 * Extra fields the value gets (all optional):
 *   qualifier, mod         "up to" / EQUAL_OR_LESS, from the words before
 *   direction              "up" or "down" for a change ("down 3 per cent"):
 *                          the number stays as written
 *   unit                   "pp" for percentage points
 *   range                  {"role": "low"|"high", "low", "high", "other":
 *                          {"start", "end"}} for the two ends of a range
 *   equivalent             {"start", "end"} of the same sum in another
 *                          currency ("1 euro = 1.25 US dollars")
 *   currency_candidates    the currencies an ambiguous form ("¥", "kr.",
 *                          bare "$") may mean, when the choice is a guess
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <utf8proc.h>

#include "money.h"
#include "hash.h"
#include "resolve_impl.h"
#include "words.h"

/* What the document says about itself, computed once per document. */
typedef struct evidence {
    int currency;               /* an index of fx_money_context.currencies (its code is there) */
    int explicit_mentions, context_mentions;
    int context_counted;        /* context_mentions is counted (at the first need: most forms decide without) */
} evidence;

enum { CODE_BUCKETS = 64, NEEDLE_BITS = 4096, NEEDLE_KEYS = 65536, KEY_FILTER_WORDS = 64, WORDS_BACK_BYTES = 40 };

/* The document's words (tokens.h) by their needle_bit (their first two
 * bytes with ASCII letters lowered, and their length; a one-letter word's
 * byte after it instead of its second: the "$" of "A$"): a currency form
 * that starts with a letter or digit occurs only where a word starts, and
 * that word is the form's first word ("US" of "US$", "dollars"), so
 * counting it looks at the few words with that bit instead of every word
 * (a word that matches the form has its first word's bit, so no hash of
 * the whole word is needed to tell the others apart: the comparison of
 * the form settles them). Only the words that may be a form's first word
 * are indexed (fx_money_context.needle_words, by their bytes as written:
 * "the" is no first word of "THB", "that" none of "Thai"), each chained from its own
 * bit: a count walks the words of the form's bit only, and the bits no
 * word has (most of a currency's forms and context words) say so at once. */
typedef struct word_index {
    const fx_words *words;
    uint64_t bits[NEEDLE_BITS / 64];    /* the needle_bits of the words indexed */
    size_t *head;               /* per bit set in bits: 1 + its last word (else not written) */
    size_t *next;               /* per word indexed: 1 + the one before it of its bit, 0: none */
} word_index;

/* The tables and the columns read here, found once at load rather than
 * by name at each use (-1: no such column, the field reads as ""). */
enum { SYMBOL, NAME };          /* the two tables of currency forms */

typedef struct money_tables {
    const fx_table *code, *form[2], *scale, *word, *qualifier, *link, *direction;
    int decimal_mark, context;                          /* CURRENCY_CODE */
    int form_code[2], candidates[2], decide[2], guard[2], plural[2], factor[2];
    int multiplier, value, mod, needs, link_kind;       /* SCALE, AMOUNT_WORD, _QUALIFIER, _LINK */
    int direction_of, position;                         /* AMOUNT_DIRECTION */
    /* SCALE's multiplier and AMOUNT_WORD's value of each row (by its
     * index), parsed once at load, not at each sum (malloc'd) */
    double *multipliers, *word_values;
} money_tables;

/* A text counted as evidence (a currency's form, a word of its
 * country), read once when the context is built: what count_word needs
 * of it besides the document. */
typedef struct counted_text {
    const char *text;
    size_t len;                 /* strlen(text), > 0 */
    /* found through the index: it starts with a letter or digit (at a word
     * start, then), its first word is a whole word of the text where it
     * occurs, and it is not one letter alone (the index keys a one-letter
     * word by the byte after it, which such a text leaves open) */
    int indexed;
    size_t first_len;           /* its first word: leading run of word bytes */
    size_t first_key;           /* needle_key of its first word */
} counted_text;

/* One form of a currency that counts as evidence (no candidates, no
 * guard). A currency's forms are chained (next_form, in table order) from
 * its first (currency.first_form). */
typedef struct evidence_form {
    counted_text text;
    int caseless;
    int next_form;              /* -1: none */
} evidence_form;

/* A currency as the evidence counts know it: a code that a form names (its
 * code, or one of its candidates), numbered once at load. A sum's
 * candidates are then read as numbers, with their forms and context words
 * found: parsing them out of their table field, copying each and finding
 * its forms and its CURRENCY_CODE row by name cost some 300 instructions
 * a candidate at each ambiguous sum. */
typedef struct currency {
    const char *code;           /* a table's field, or own */
    char own[8];                /* a candidate copied out of its list (next_item's
                                   buffer held 8 bytes: a longer one is no candidate) */
    int first_form;             /* its first evidence form, -1: none */
    int next_in_bucket;         /* the next currency of its code_bucket, -1: none */
    size_t context_from, context_to;    /* its context words: context[from..to) */
} currency;

static unsigned code_bucket(const char *code, size_t len)
{
    unsigned h = 5381;
    for (size_t i = 0; i < len; i++) h = h * 33 + (unsigned char)code[i];
    return h % CODE_BUCKETS;
}

/* The captures a money or percent rule may set (see the top of this
 * file), read from a fact in one pass over its rule's groups: asking
 * fx_fact_group for each name walked them all again for each. */
enum { CAP_NUM, CAP_NUM2, CAP_WORDS, CAP_SCALE, CAP_CUR, CAP_SIGN, CAP_PP, CAP_MINOR, CAP_MINOR_WORDS, CAP_MINOR_CUR,
       CAP_MINOR2, CAP_MINOR2_WORDS, CAP_MINOR2_CUR, CAPTURES };
static const char *const capture_names[CAPTURES] = {
    "num", "num2", "words", "scale", "cur", "sign", "pp",
    "minor", "minor_words", "minor_cur", "minor2", "minor2_words", "minor2_cur",
};

/* What the resolver reads from the tables, found at load (money.h). */
struct fx_money_context {
    money_tables t;
    evidence_form *forms;       /* malloc'd; the texts are the tables' */
    size_t form_count;
    currency *currencies;       /* malloc'd (list_currencies) */
    size_t currency_count;
    int currency_bucket[CODE_BUCKETS];  /* the first currency of each code_bucket, -1: none */
    /* per row r of each form table f: the currency of its code
     * (form_currency[f][r]) and those of its candidates, candidate_ids
     * from candidates_at[f][r] up to candidates_at[f][r + 1] (malloc'd) */
    int *form_currency[2];
    size_t *candidates_at[2];
    int *candidate_ids;
    /* The words of CURRENCY_CODE's context column, row r's being
     * context[context_at[r] .. context_at[r + 1]); their texts are copies
     * in context_text (malloc'd, as both arrays). */
    counted_text *context;
    size_t *context_at;
    char *context_text;
    /* The first words of the texts counted (the forms and the currencies'
     * context words), a bit each of NEEDLE_KEYS picked by written_key: a
     * word of the document whose bit is clear is no such first word, and
     * is never counted, so it is not indexed. Sixteen times the index's
     * bits, so that few words other than those first words are indexed
     * (with 4096 bits, 42% of a text's words were: "on", "city", "water"
     * had a needle's bit). A text counted in any case has a bit for each
     * case of its first two bytes; the context words are counted as
     * written in a document with capitals ([0]), in any case in one
     * without ([1]). As written, "the" and "The" are not indexed for
     * "THB", nor "that" and "this" for "Thai" (15% of the words indexed
     * in the 1 MB sample, when the key was made in lower case). */
    uint64_t needle_words[2][NEEDLE_KEYS / 64];
    /* The keys of AMOUNT_QUALIFIER and AMOUNT_DIRECTION by their
     * lowered_hash from the last byte back, in a Bloom filter each (hash.h): most spans before a
     * sum or a percentage are no key in any case, which one probe says
     * without folding the span or reading the table (words_before). */
    uint64_t qualifier_keys[KEY_FILTER_WORDS], direction_keys[KEY_FILTER_WORDS];
    /* AMOUNT_DIRECTION's keys again, hashed from their first byte on, for
     * the words after a sum (words_after): most are no key in any case */
    uint64_t direction_keys_forward[KEY_FILTER_WORDS];
    /* the spans of both tables' keys' last words (the last one, the last
     * two, ...), so filtered: words_before reads no more words back once
     * its span ends no key (most: "revenue of" after "of", where it read
     * on to its fourth word or its most bytes) */
    uint64_t key_ends[KEY_FILTER_WORDS];
    /* How far words_before walks back: one byte past the longest key of
     * both tables (a longer span is no key, and one cut there is longer
     * than any), at most WORDS_BACK_BYTES; most walks stopped at 40 bytes */
    size_t back_bytes;
    /* per rule of the context (by its order), the capture of each of its
     * groups (CAP_ index, -1: none) from group_captures_at[order] on in
     * group_captures (both malloc'd): read_captures then compares no names */
    signed char *group_captures;
    size_t *group_captures_at, rule_count;
};

/* The capture named name (CAP_ index), or -1. */
static int capture_named(const char *name)
{
    for (int k = 0; k < CAPTURES; k++)
        if (name[0] == capture_names[k][0] && strcmp(name, capture_names[k]) == 0) return k;
    return -1;
}

static void list_group_captures(struct fx_money_context *c, const fx_context *ctx)
{
    size_t groups = 0;
    c->rule_count = ctx->rule_count;
    c->group_captures_at = fx_xmalloc((ctx->rule_count + 1) * sizeof *c->group_captures_at);
    for (size_t r = 0; r < ctx->rule_count; r++) {
        c->group_captures_at[r] = groups;
        groups += ctx->rules[r].group_count;
    }
    c->group_captures_at[ctx->rule_count] = groups;
    c->group_captures = fx_xmalloc(groups ? groups : 1);
    for (size_t r = 0; r < ctx->rule_count; r++) {
        const fx_rule *rule = &ctx->rules[r];
        for (size_t k = 0; k < rule->group_count; k++)
            c->group_captures[c->group_captures_at[r] + k] =
                (signed char)(rule->group_names[k] ? capture_named(rule->group_names[k]) : -1);
    }
}

/* What the resolver finds in a document, at the first need. */
struct fx_money_cache {
    int style;                  /* > 0 continental numbers, < 0 English, 0 unknown */
    int style_known;
    evidence ev[64];
    size_t ev_count;
    word_index *words;          /* built at the first evidence count */
    int all_lower_case;         /* the text has no capital A-Z (set with words) */
};

int fx_parse_number(const char *s, size_t len, int continental, double *out)
{
    char digits[128];
    size_t n = 0;
    /* the decimal mark: the last '.' or ',' unless it groups thousands */
    long last_dot = -1, last_comma = -1;
    size_t dots = 0, commas = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '.') { last_dot = (long)i; dots++; }
        if (s[i] == ',') { last_comma = (long)i; commas++; }
    }
    long mark = -1;
    if (dots && commas) mark = last_dot > last_comma ? last_dot : last_comma;
    else if (dots == 1 || commas == 1) {
        long at = dots ? last_dot : last_comma;
        size_t after = len - (size_t)at - 1;
        int ambiguous = after == 3;
        int english_mark = dots == 1;
        if (!ambiguous) mark = at;
        else if (continental ? !english_mark : english_mark) mark = at;
    }
    for (size_t i = 0; i < len && n + 2 < sizeof digits; i++) {
        char c = s[i];
        if (c >= '0' && c <= '9') digits[n++] = c;
        else if ((long)i == mark) digits[n++] = '.';
        else if (c == ',' || c == '.' || c == ' ' || c == '\'') continue;
        else return -1;
    }
    if (n == 0) return -1;
    digits[n] = '\0';
    /* digits around one mark at most: fx_parse_decimal reads them as
     * strtod does, without its cost */
    if (digits[0] != '.' && digits[n - 1] != '.') {
        *out = fx_parse_decimal(digits);
        return 0;
    }
    char *end;
    *out = strtod(digits, &end);
    return *end ? -1 : 0;
}

/* ---- tables --------------------------------------------------------------- */

/* A table row by key as written, else lower-cased, else upper-cased
 * ("Euros" finds "euros", "Rmb" finds "RMB"), the key being of the given
 * number of space-separated words (0: count them). A fold that changes
 * nothing is not looked up again, nor a key of more words than the
 * table's longest, nor a form whose first byte and length no key has
 * (most spans tried are no key, and folding costs more than the tests). */
static const fx_table_row *find_any_case_words(const fx_table *table, const char *key, size_t n, size_t words)
{
    if (!table || n == 0 || n >= 64 || words > table->max_words) return NULL;
    unsigned char first = (unsigned char)key[0], low = fx_ascii_lower(first), up = fx_ascii_upper(first);
    int as_written = fx_table_may_be_key(table, first, n), lowered = fx_table_may_be_key(table, low, n),
        raised = fx_table_may_be_key(table, up, n);
    if (!as_written && !lowered && !raised) return NULL;
    if (!words) {
        words = 1;
        for (size_t i = 0; i < n; i++) words += key[i] == ' ';
        if (words > table->max_words) return NULL;
    }
    const fx_table_row *row = as_written ? fx_table_find(table, key, n) : NULL;
    if (row || (!lowered && !raised)) return row;
    /* the other cases only when the text as written is not a key */
    char fold[64];
    int changed = 0;
    if (lowered) {
        for (size_t i = 0; i < n; i++) {
            fold[i] = (char)fx_ascii_lower((unsigned char)key[i]);
            changed |= fold[i] != key[i];
        }
        if (changed && (row = fx_table_find(table, fold, n))) return row;
    }
    if (raised) {
        changed = 0;
        for (size_t i = 0; i < n; i++) {
            fold[i] = (char)fx_ascii_upper((unsigned char)key[i]);
            changed |= fold[i] != key[i];
        }
        if (changed) row = fx_table_find(table, fold, n);
    }
    return row;
}

static const fx_table_row *find_any_case(const fx_table *table, const char *key, size_t n)
{
    return find_any_case_words(table, key, n, 0);
}

/* The field of row in column (an index from money_tables), as fx_table_field. */
static const char *col(const fx_table_row *row, int column)
{
    return column < 0 ? "" : fx_table_row_field(row, (size_t)column);
}

static int column_of(const fx_table *t, const char *name)
{
    return t ? fx_table_column(t, name) : -1;
}

/* fx_parse_decimal of column's field in each row of t (malloc'd). */
static double *column_numbers(const fx_table *t, int column)
{
    size_t rows = t ? t->row_count : 0;
    double *numbers = fx_xmalloc((rows ? rows : 1) * sizeof *numbers);
    for (size_t r = 0; r < rows; r++) numbers[r] = fx_parse_decimal(col(&t->rows[r], column));
    return numbers;
}

static void find_tables(const fx_context *ctx, money_tables *m)
{
    m->code = fx_rules_table(ctx, "CURRENCY_CODE");
    m->form[SYMBOL] = fx_rules_table(ctx, "CURRENCY_SYMBOL");
    m->form[NAME] = fx_rules_table(ctx, "CURRENCY_NAME");
    m->scale = fx_rules_table(ctx, "SCALE");
    m->word = fx_rules_table(ctx, "AMOUNT_WORD");
    m->qualifier = fx_rules_table(ctx, "AMOUNT_QUALIFIER");
    m->link = fx_rules_table(ctx, "AMOUNT_LINK");
    m->direction = fx_rules_table(ctx, "AMOUNT_DIRECTION");
    m->decimal_mark = column_of(m->code, "decimal_mark");
    m->context = column_of(m->code, "context");
    for (int f = 0; f < 2; f++) {
        m->form_code[f] = column_of(m->form[f], "code");
        m->candidates[f] = column_of(m->form[f], "candidates");
        m->decide[f] = column_of(m->form[f], "decide");
        m->guard[f] = column_of(m->form[f], "guard");
        m->plural[f] = column_of(m->form[f], "plural");
        m->factor[f] = column_of(m->form[f], "factor");
    }
    m->multiplier = column_of(m->scale, "multiplier");
    m->value = column_of(m->word, "value");
    m->multipliers = column_numbers(m->scale, m->multiplier);
    m->word_values = column_numbers(m->word, m->value);
    m->mod = column_of(m->qualifier, "mod");
    m->needs = column_of(m->link, "needs");
    m->link_kind = column_of(m->link, "link");
    m->direction_of = column_of(m->direction, "direction");
    m->position = column_of(m->direction, "position");
}

/* ---- what the document says ----------------------------------------------- */

/* The length of needle's first word: its leading run of word bytes. */
static size_t first_word_length(const char *needle)
{
    size_t p = 0;
    while (needle[p] && fx_is_word_byte((unsigned char)needle[p])) p++;
    return p;
}

/* A word s[0..len), len > 0, s[len] readable (the text's NUL at its
 * end), as a key's bytes: its first two bytes, the second the byte after
 * a one-letter word, in one load, and above them its length (its low
 * 16 bits: a longer word only shares a key; shifted out of 32 bits, not
 * masked, an instruction less at each of the 97,486 words a MB
 * index_words reads). */
static uint32_t key_bytes(const char *s, size_t len)
{
    uint16_t two;
    memcpy(&two, s, sizeof two);
    return two | (uint32_t)len << 16;
}

/* The top 16 bits of a hash of a key's bytes: a bit of needle_words. */
static uint32_t key_hash(uint32_t bytes)
{
    return (bytes * 0x9E3779B1u) >> 16;    /* NEEDLE_KEYS; a multiplier of 32 bits is an operand, not a load */
}

/* The key of a word's bit of needle_words: its bytes as written. */
static size_t written_key(const char *s, size_t len)
{
    return key_hash(key_bytes(s, len));
}

/* The key of a word's bit of the index (needle_bit): its bytes with bit
 * 0x20 set (ASCII letters lowered, and a few other bytes joined, which
 * the comparisons of the texts tell apart), so that the words a text
 * counted in any case matches share the text's bit. */
static size_t folded_key(uint32_t bytes)
{
    return key_hash(bytes | 0x2020);
}

static size_t needle_key(const char *s, size_t len)
{
    return folded_key(key_bytes(s, len));
}

/* The index's bit of a word whose needle_key is key: its top 12 bits. */
static size_t needle_bit(size_t key)
{
    return key >> 4;    /* NEEDLE_KEYS / NEEDLE_BITS */
}

/* The index of the document's words; any_case: the context words are
 * counted in any case (needle_words[1]). */
static word_index *index_words(fx_resolve_env *env, int any_case)
{
    fx_doc *doc = env->doc;
    const struct fx_money_context *mc = env->ctx->money;
    const fx_words *words = fx_doc_tokens(doc)->words;
    word_index *x = fx_arena_alloc(&doc->arena, sizeof *x);    /* zeroed: no bit set */
    x->words = words;
    /* not zeroed: a head is read only where its bit is set, a next only
     * for a word indexed */
    x->head = fx_arena_alloc_uninit(&doc->arena, NEEDLE_BITS * sizeof *x->head);
    x->next = fx_arena_alloc_uninit(&doc->arena, (words->count ? words->count : 1) * sizeof *x->next);
    /* the arrays and the count in locals: the stores into the index could
     * be any of them to the compiler, which would read them again at each
     * word (a loop of some 21 instructions a word, 97,486 words a MB) */
    const char *text = doc->text;
    const size_t *start = words->start, *end = words->end;
    size_t count = words->count;
    const uint64_t *needle_words = mc->needle_words[any_case];
    uint64_t *bits = x->bits;
    size_t *head = x->head, *next = x->next;
    for (size_t k = 0; k < count; k++) {
        /* only the words that may start a text counted (count_word looks
         * at no other): most words of a document are not */
        uint32_t bytes = key_bytes(text + start[k], end[k] - start[k]);
        uint32_t key = key_hash(bytes);
        if (!(needle_words[key / 64] >> (key % 64) & 1)) continue;
        size_t bit = needle_bit(folded_key(bytes));
        uint64_t *set = &bits[bit / 64], one = 1ull << (bit % 64);
        next[k] = *set & one ? head[bit] : 0;
        *set |= one;
        head[bit] = k + 1;
    }
    return x;
}

/* Is the code point that starts at s (or, with last, ends s[0..m)) a letter
 * or a digit? fx_is_word_byte counts every non-ASCII byte, but a symbol such
 * as "€" or "£" is written glued to the number ("€20m") and is still a
 * mention of its currency. */
static int edge_is_word(const char *s, size_t m, int last)
{
    size_t at = 0;
    if (last) {
        at = m - 1;
        while (at > 0 && ((unsigned char)s[at] & 0xC0) == 0x80) at--;
    }
    if ((unsigned char)s[at] < 0x80) return fx_is_word_byte((unsigned char)s[at]);
    utf8proc_int32_t cp;
    if (utf8proc_iterate((const utf8proc_uint8_t *)s + at, (utf8proc_ssize_t)(m - at), &cp) < 0) return 1;
    utf8proc_category_t c = utf8proc_category(cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
           (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO);
}

/* Is there an occurrence of needle[0..m) at text[i] as a whole word (no
 * letter or digit glued to a side where needle itself has one)? */
static int word_at(const char *text, size_t n, size_t i, const char *needle, size_t m, int caseless)
{
    /* the second byte first: it settles most places without a call */
    if (m > 1 && (caseless ? tolower((unsigned char)text[i + 1]) != tolower((unsigned char)needle[1])
                           : text[i + 1] != needle[1]))
        return 0;
    if (caseless ? strncasecmp(text + i, needle, m) != 0 : memcmp(text + i, needle, m) != 0) return 0;
    if (i > 0 && fx_is_word_byte((unsigned char)text[i - 1]) && edge_is_word(needle, m, 0)) return 0;
    if (i + m < n && fx_is_word_byte((unsigned char)text[i + m]) && edge_is_word(needle, m, 1)) return 0;
    return 1;
}

/* Occurrences of needle in text as a whole word. A needle found through
 * the index is looked for at the words of its bit only (its bit is set in
 * x: may_occur, asked first, so the head of its chain is written). */
static int count_word(const fx_doc *doc, const word_index *x, const counted_text *needle, int caseless)
{
    const char *text = doc->text;
    size_t n = doc->text_len, m = needle->len;
    if (m > n) return 0;
    unsigned char first = (unsigned char)needle->text[0];
    int count = 0;
    if (needle->indexed) {
        const fx_words *w = x->words;
        for (size_t k = x->head[needle_bit(needle->first_key)]; k; k = x->next[k - 1]) {
            size_t i = w->start[k - 1];
            if (i + m > n) continue;
            if (!caseless && (unsigned char)text[i] != first) continue;
            count += word_at(text, n, i, needle->text, m, caseless);
        }
        return count;
    }
    /* The others at each place of their last byte: a symbol ("$", "€"),
     * also inside a word ("20€"); a word that ends in a symbol, which a
     * letter may follow ("CN¥20m": the word goes on), found by word_at at
     * a word start only, as it starts with a letter; a letter alone, in
     * either case when caseless (the last byte of the others is no ASCII
     * letter: its case does not vary). Most of these bytes are rare in a
     * text, where walking every word of it cost 770 steps a count. */
    unsigned char last = (unsigned char)needle->text[m - 1], lower = fx_ascii_lower(last), upper = fx_ascii_upper(last);
    unsigned char bytes[2] = {last, lower == last ? upper : lower};
    int cases = caseless && lower != upper ? 2 : 1;
    for (int b = 0; b < cases; b++)
        for (const char *p = text + m - 1; (p = memchr(p, bytes[b], (size_t)(text + n - p))) != NULL; p++)
            count += word_at(text, n, (size_t)(p - text) - (m - 1), needle->text, m, caseless);
    return count;
}

/* Can needle occur in the text at all? Not when it is found through the
 * index and its bit is one no word of the text has: most forms and context
 * words of a currency do not occur in a document (of 21,715 counts a MB,
 * 3,865 are made). */
static int may_occur(const word_index *x, const counted_text *needle)
{
    size_t bit = needle_bit(needle->first_key);
    return !needle->indexed || (x->bits[bit / 64] >> (bit % 64) & 1);
}

static struct fx_money_cache *cache_of(fx_resolve_env *env);

/* A text written all in lower case (tokenised corpora, transcripts) names
 * "london" and "tokyo" so: its context words are then found in any case. */
static int has_capital(const fx_doc *doc)
{
    for (size_t i = 0; i < doc->text_len; i++)
        if (doc->text[i] >= 'A' && doc->text[i] <= 'Z') return 1;
    return 0;
}

/* Mentions of a currency in the document: its unambiguous forms
 * (explicit) and its country's words (context). Cached per code. */
/* The next item of a '|'-separated table field into buf, advancing *list;
 * 0 at the end. An item too long for buf comes back empty. */
static int next_item(const char **list, char *buf, size_t size)
{
    if (!**list) return 0;
    const char *bar = strchr(*list, '|');
    size_t len = bar ? (size_t)(bar - *list) : strlen(*list);
    if (len < size) memcpy(buf, *list, len);
    buf[len < size ? len : 0] = '\0';
    *list += len + (bar ? 1 : 0);
    return 1;
}

/* What count_word needs of text (not empty), which stays the caller's. */
static counted_text needle_of(const char *text)
{
    counted_text nd = {.text = text, .len = strlen(text)};
    nd.first_len = first_word_length(text);
    nd.indexed = edge_is_word(text, nd.len, 0) && (nd.first_len < nd.len || edge_is_word(text, nd.len, 1)) && nd.len > 1;
    nd.first_key = nd.first_len ? needle_key(text, nd.first_len) : 0;
    return nd;
}

/* The currency whose code is code[0..len) (code[len] readable), numbered
 * here if it is new. */
static int currency_id(struct fx_money_context *c, const char *code, size_t len)
{
    int *link = &c->currency_bucket[code_bucket(code, len)];
    for (; *link >= 0; link = &c->currencies[*link].next_in_bucket) {
        const char *known = c->currencies[*link].code;
        if (strncmp(known, code, len) == 0 && known[len] == '\0') return *link;
    }
    currency *cur = &c->currencies[c->currency_count];
    *cur = (currency){.code = code, .first_form = -1, .next_in_bucket = -1};
    if (code[len] != '\0') {  /* a candidate before a '|': len < sizeof own */
        memcpy(cur->own, code, len);
        cur->own[len] = '\0';
        cur->code = cur->own;
    }
    return *link = (int)c->currency_count++;
}

/* The currencies of the forms' codes and candidates (the candidates as
 * choose_currency read them: '|'-separated, the empty ones and those of
 * eight bytes or more left out), per row of both tables. */
static void list_currencies(struct fx_money_context *c)
{
    const money_tables *m = &c->t;
    size_t most = 0, ids = 0;   /* the currencies at most: a code and a candidate per '|' and one more a row */
    for (int f = 0; f < 2; f++)
        for (size_t r = 0; m->form[f] && r < m->form[f]->row_count; r++) {
            most += 2;
            for (const char *p = col(&m->form[f]->rows[r], m->candidates[f]); *p; p++) most += *p == '|';
        }
    c->currencies = fx_xmalloc((most ? most : 1) * sizeof *c->currencies);
    c->candidate_ids = fx_xmalloc((most ? most : 1) * sizeof *c->candidate_ids);
    for (int b = 0; b < CODE_BUCKETS; b++) c->currency_bucket[b] = -1;
    for (int f = 0; f < 2; f++) {
        const fx_table *t = m->form[f];
        size_t rows = t ? t->row_count : 0;
        c->form_currency[f] = fx_xmalloc((rows ? rows : 1) * sizeof *c->form_currency[f]);
        c->candidates_at[f] = fx_xmalloc((rows + 1) * sizeof *c->candidates_at[f]);
        for (size_t r = 0; r < rows; r++) {
            const char *code = col(&t->rows[r], m->form_code[f]);
            c->form_currency[f][r] = currency_id(c, code, strlen(code));
            c->candidates_at[f][r] = ids;
            for (const char *p = col(&t->rows[r], m->candidates[f]); *p;) {
                size_t len = strcspn(p, "|");
                if (len > 0 && len < sizeof c->currencies->own) c->candidate_ids[ids++] = currency_id(c, p, len);
                p += len + (p[len] == '|');
            }
        }
        c->candidates_at[f][rows] = ids;
    }
}

/* The forms that count as evidence, from both tables in table order. */
static void list_forms(struct fx_money_context *c)
{
    const money_tables *m = &c->t;
    size_t rows = (m->form[SYMBOL] ? m->form[SYMBOL]->row_count : 0) + (m->form[NAME] ? m->form[NAME]->row_count : 0);
    c->forms = fx_xmalloc((rows ? rows : 1) * sizeof *c->forms);
    for (int f = 0; f < 2; f++) {
        const fx_table *t = m->form[f];
        for (size_t r = 0; t && r < t->row_count; r++) {
            const fx_table_row *row = &t->rows[r];
            /* an ambiguous form, or one with other uses, is no evidence */
            if (*col(row, m->candidates[f]) || *col(row, m->guard[f])) continue;
            int at = (int)c->form_count++;
            evidence_form *e = &c->forms[at];
            e->text = needle_of(row->key);
            e->caseless = f == NAME;
            e->next_form = -1;
            /* at the end of its currency's chain */
            int *link = &c->currencies[c->form_currency[f][r]].first_form;
            while (*link >= 0) link = &c->forms[*link].next_form;
            *link = at;
        }
    }
}

/* Text nd's first word into needle_words[which]: as written, or (any_case)
 * in each case of its first two bytes (count_word's caseless comparisons
 * fold ASCII letters only). */
static void add_needle(struct fx_money_context *c, int which, const counted_text *nd, int any_case)
{
    if (!nd->first_len) return;
    char two[2] = {nd->text[0], nd->text[1]};   /* text[1]: its NUL when one byte long */
    for (int upper0 = 0; upper0 < 2; upper0++)
        for (int upper1 = 0; upper1 < 2; upper1++) {
            char word[2] = {two[0], two[1]};
            if (any_case) {
                word[0] = (char)(upper0 ? fx_ascii_upper((unsigned char)word[0]) : fx_ascii_lower((unsigned char)word[0]));
                word[1] = (char)(upper1 ? fx_ascii_upper((unsigned char)word[1]) : fx_ascii_lower((unsigned char)word[1]));
            }
            size_t key = written_key(word, nd->first_len);
            c->needle_words[which][key / 64] |= 1ull << (key % 64);
        }
}

/* The words of CURRENCY_CODE's context column as evidence_for counts them
 * (next_item's items, empty ones and those of 64 bytes or more left out);
 * then needle_words from them and the forms. */
static void list_needles(struct fx_money_context *c)
{
    const fx_table *code = c->t.code;
    size_t rows = code ? code->row_count : 0, items = 0, bytes = 0;
    char word[64];
    for (int pass = 0; pass < 2; pass++) {
        char *copy = c->context_text;
        items = 0;
        for (size_t r = 0; r < rows; r++) {
            const char *words = col(&code->rows[r], c->t.context);
            if (pass) c->context_at[r] = items;
            while (next_item(&words, word, sizeof word)) {
                if (!*word) continue;
                size_t len = strlen(word);
                if (pass) {
                    memcpy(copy, word, len + 1);
                    c->context[items] = needle_of(copy);
                    copy += len + 1;
                } else {
                    bytes += len + 1;
                }
                items++;
            }
        }
        if (!pass) {
            c->context = fx_xmalloc((items ? items : 1) * sizeof *c->context);
            c->context_at = fx_xmalloc((rows + 1) * sizeof *c->context_at);
            c->context_text = fx_xmalloc(bytes ? bytes : 1);
        }
    }
    c->context_at[rows] = items;
    for (size_t k = 0; k < c->currency_count; k++) {
        currency *cur = &c->currencies[k];
        const fx_table_row *row = code ? fx_table_find(code, cur->code, strlen(cur->code)) : NULL;
        cur->context_from = row ? c->context_at[row - code->rows] : 0;
        cur->context_to = row ? c->context_at[row - code->rows + 1] : 0;
    }
    for (int which = 0; which < 2; which++) {
        for (size_t i = 0; i < items; i++) add_needle(c, which, &c->context[i], which);
        for (size_t i = 0; i < c->form_count; i++) add_needle(c, which, &c->forms[i].text, c->forms[i].caseless);
    }
}

/* A span's hash, each byte with bit 0x20 set (ASCII letters lowered, a
 * few other bytes joined: a filter only needs a span and a key that
 * differ in case alone to hash alike). words_before hashes from the last
 * byte back to the first (the spans it tries end at the same place, so
 * one pass back hashes them all), words_after from the first on (its
 * spans start at the same place). */
static uint64_t lowered_hash(uint64_t h, unsigned char c)
{
    return fx_hash_byte(h, c | 0x20);
}

/* The bytes before a word that words_before stops at, one load a byte. */
static const unsigned char ends_word_back[256] = {[' '] = 1, ['('] = 1, ['\n'] = 1};

/* t's keys into filter (hashed back), the spans of their last words (as
 * words_before reads words back: the last, the last two, ...) into
 * key_ends, and the keys hashed forward into forward (if not NULL);
 * *longest raised to the longest key's length. */
static void filter_keys(const fx_table *t, uint64_t *filter, uint64_t *key_ends, uint64_t *forward, size_t *longest)
{
    for (size_t r = 0; t && r < t->row_count; r++) {
        const fx_table_row *row = &t->rows[r];
        uint64_t h = FX_HASH_START;
        size_t i = row->key_length;
        for (;;) {
            while (i > 0 && !ends_word_back[(unsigned char)row->key[i - 1]]) h = lowered_hash(h, (unsigned char)row->key[--i]);
            fx_bloom_add(key_ends, KEY_FILTER_WORDS - 1, h);
            if (i == 0 || row->key[i - 1] != ' ') break;
            h = lowered_hash(h, ' ');
            i--;
        }
        while (i-- > 0) h = lowered_hash(h, (unsigned char)row->key[i]);
        fx_bloom_add(filter, KEY_FILTER_WORDS - 1, h);
        if (forward) {
            h = FX_HASH_START;
            for (i = 0; i < row->key_length; i++) h = lowered_hash(h, (unsigned char)row->key[i]);
            fx_bloom_add(forward, KEY_FILTER_WORDS - 1, h);
        }
        if (row->key_length > *longest) *longest = row->key_length;
    }
}

struct fx_money_context *fx_money_context_build(const fx_context *ctx)
{
    struct fx_money_context *c = fx_xcalloc(1, sizeof *c);
    find_tables(ctx, &c->t);
    list_currencies(c);
    list_forms(c);
    list_needles(c);
    size_t longest = 0;
    filter_keys(c->t.qualifier, c->qualifier_keys, c->key_ends, NULL, &longest);
    filter_keys(c->t.direction, c->direction_keys, c->key_ends, c->direction_keys_forward, &longest);
    c->back_bytes = longest < WORDS_BACK_BYTES ? longest + 1 : WORDS_BACK_BYTES;
    list_group_captures(c, ctx);
    return c;
}

void fx_money_context_free(struct fx_money_context *c)
{
    if (!c) return;
    free(c->t.multipliers);
    free(c->t.word_values);
    free(c->forms);
    free(c->currencies);
    free(c->candidate_ids);
    for (int f = 0; f < 2; f++) {
        free(c->form_currency[f]);
        free(c->candidates_at[f]);
    }
    free(c->context);
    free(c->context_at);
    free(c->context_text);
    free(c->group_captures);
    free(c->group_captures_at);
    free(c);
}

static const money_tables *tables_of(const fx_resolve_env *env)
{
    return &env->ctx->money->t;
}

/* The evidence of currency id (of fx_money_context.currencies) in the
 * document; with_context: its context mentions counted too (else they may
 * read 0). */
static const evidence *evidence_for(fx_resolve_env *env, int id, int with_context)
{
    struct fx_money_cache *c = cache_of(env);
    const struct fx_money_context *mc = env->ctx->money;
    const currency *cur = &mc->currencies[id];
    evidence *e = NULL;
    for (size_t i = 0; i < c->ev_count && !e; i++)
        if (c->ev[i].currency == id) e = &c->ev[i];
    if (!e) {
        static const evidence none = {-1, 0, 0, 1};
        if (c->ev_count == sizeof c->ev / sizeof *c->ev) return &none;
        e = &c->ev[c->ev_count++];
        e->currency = id;
        if (!c->words) {
            c->all_lower_case = !has_capital(env->doc);
            c->words = index_words(env, c->all_lower_case);
        }
        for (int i = cur->first_form; i >= 0; i = mc->forms[i].next_form) {
            const evidence_form *f = &mc->forms[i];
            if (may_occur(c->words, &f->text))
                e->explicit_mentions += count_word(env->doc, c->words, &f->text, f->caseless);
        }
    }
    if (with_context && !e->context_counted) {
        e->context_counted = 1;
        for (size_t i = cur->context_from; i < cur->context_to; i++)
            if (may_occur(c->words, &mc->context[i]))
                e->context_mentions += count_word(env->doc, c->words, &mc->context[i], c->all_lower_case);
    }
    return e;
}

/* Does the word after position i name a scale or a percentage? */
static int unit_follows(const money_tables *m, const char *t, size_t n, size_t i)
{
    if (i < n && t[i] == ' ') i++;
    if (i < n && t[i] == '%') return 1;
    size_t j = i;
    while (j < n && isalpha((unsigned char)t[j])) j++;
    if (j == i) return 0;
    if (j - i >= 3 && (strncasecmp(t + i, "per", 3) == 0 || strncasecmp(t + i, "pct", 3) == 0)) return 1;
    if (j < n && t[j] == '.') j++;
    return find_any_case(m->scale, t + i, j - i) || find_any_case(m->scale, t + i, j - i - (t[j - 1] == '.'));
}

/* Votes of one number token for continental (> 0) or English (< 0)
 * style; 0 when it does not tell. */
static int token_style(const money_tables *m, const char *t, size_t n, size_t start, size_t end)
{
    size_t seps = 0, dots = 0, commas = 0, first_group = 0, last_group = 0, group = 0;
    int groups_of_three = 1;
    char last = 0;
    for (size_t i = start; i < end; i++) {
        if (t[i] >= '0' && t[i] <= '9') { group++; continue; }
        if (seps == 0) first_group = group;
        else if (group != 3) groups_of_three = 0;
        seps++;
        dots += t[i] == '.';
        commas += t[i] == ',';
        last = t[i];
        group = 0;
    }
    last_group = group;
    if (seps == 0) return 0;
    if (dots && commas) return last == ',' ? 2 : -2;          /* 1.300,50 / 1,300.50 */
    if (seps >= 2)                                              /* 1.300.000; not 8.12.2014 */
        return groups_of_three && last_group == 3 && first_group <= 3 ? (dots ? 2 : -2) : 0;
    if (last_group == 3 && first_group <= 3 && !(first_group == 1 && t[start] == '0')) return 0;
    /* one decimal mark: counts only before a scale or a percentage, where
     * it cannot be a time ("9.55") or a section number */
    if (!unit_follows(m, t, n, end)) return 0;
    return dots ? -1 : 1;
}

static int document_style(const fx_doc *doc, const money_tables *m)
{
    const char *t = doc->text;
    size_t n = doc->text_len, i = 0;
    int votes = 0;
    while (i < n) {
        if (!isdigit((unsigned char)t[i]) || (i > 0 && (fx_is_word_byte((unsigned char)t[i - 1]) ||
                                                        t[i - 1] == '.' || t[i - 1] == ','))) {
            i++;
            continue;
        }
        size_t j = i;
        while (j < n && (isdigit((unsigned char)t[j]) ||
                         ((t[j] == '.' || t[j] == ',') && j + 1 < n && isdigit((unsigned char)t[j + 1]))))
            j++;
        votes += token_style(m, t, n, i, j);
        i = j;
    }
    return votes;
}

static struct fx_money_cache *cache_of(fx_resolve_env *env)
{
    if (!env->money) env->money = fx_arena_alloc(&env->doc->arena, sizeof *env->money);   /* zeroed */
    return env->money;
}

/* What the document's numbers say of their style, read at the first need. */
static int style_of(fx_resolve_env *env)
{
    struct fx_money_cache *c = cache_of(env);
    if (!c->style_known) {
        c->style = document_style(env->doc, tables_of(env));
        c->style_known = 1;
    }
    return c->style;
}

/* ---- numbers -------------------------------------------------------------- */

/* Does the currency code write its decimals after a comma (the table
 * CURRENCY_CODE's decimal mark)? */
static int locale_continental(fx_resolve_env *env, const char *code)
{
    const money_tables *m = tables_of(env);
    const fx_table_row *row = m->code ? fx_table_find(m->code, code, strlen(code)) : NULL;
    return row && strcmp(col(row, m->decimal_mark), ",") == 0;
}

/* Parse an amount. A lone '.' or ',' followed by three digits ("1.500") is
 * ambiguous: without a scale word it groups thousands in either style
 * (nobody writes €1.5 as "€1.500"); before a scale word the document's
 * other numbers decide, else the decimal mark of the currency code (NULL:
 * none, a point), looked up only then (most amounts are not ambiguous:
 * a lookup a sum cost some 180 instructions). */
static int parse_amount(fx_resolve_env *env, const char *num, int has_scale, const char *code, double *out)
{
    size_t len = strlen(num), seps = 0, at = 0;
    for (size_t i = 0; i < len; i++)
        if (num[i] == '.' || num[i] == ',') { seps++; at = i; }
    int continental = 0;
    if (seps == 1 && len - at - 1 == 3) {
        char sep = num[at];
        if (at == 1 && num[0] == '0') continental = sep == ',';         /* 0.500 is a fraction */
        else if (!has_scale) continental = sep == '.';
        else {
            int style = style_of(env);
            continental = style ? style > 0 : code && locale_continental(env, code);
        }
    }
    return fx_parse_number(num, len, continental, out);
}

/* Parse an amount in words; *article_only is set for a bare "a"/"an". */
static int parse_words(fx_resolve_env *env, const char *s, double *out, int *article_only)
{
    const money_tables *m = tables_of(env);
    const fx_table *t = m->word;
    double total = 0, group = 0;    /* "two thousand | five hundred and ten" */
    int words = 0, numbers = 0;
    size_t i = 0, n = strlen(s);
    while (i < n) {
        size_t e = i;
        while (e < n && s[e] != ' ' && s[e] != '-') e++;
        /* a two-word key first ("half a") */
        size_t e2 = e;
        if (e2 < n) {
            e2++;
            while (e2 < n && s[e2] != ' ' && s[e2] != '-') e2++;
        }
        const fx_table_row *row = e2 > e ? find_any_case(t, s + i, e2 - i) : NULL;
        if (row) e = e2;
        else row = find_any_case(t, s + i, e - i);
        if (!row && e - i == 3 && strncasecmp(s + i, "and", 3) == 0 && words) {
            i = e + 1;      /* "two hundred and fifty" */
            continue;
        }
        if (!row) return -1;
        double v = m->word_values[row - t->rows];
        int article = (e - i == 1 && (s[i] == 'a' || s[i] == 'A')) ||
                      (e - i == 2 && strncasecmp(s + i, "an", 2) == 0);
        if (!article) numbers++;
        /* "hundred" multiplies the group before it, "thousand" closes it */
        if (v == 100) group = (group ? group : 1) * 100;
        else if (v >= 1000) {
            total += (group ? group : 1) * v;
            group = 0;
        } else group += v;
        words++;
        i = e < n ? e + 1 : n;
    }
    *article_only = words > 0 && numbers == 0;
    *out = total + group;
    return words ? 0 : -1;
}

static double round_amount(double v)
{
    /* 1.3 * 1e12 must print as 1300000000000, not 1299999999999.9998 */
    double r = round(v * 1e6) / 1e6;
    return fabs(r - round(r)) < 1e-6 ? round(r) : r;
}

/* ---- links between facts ------------------------------------------------ */

/* Another fact's span, as the value shows it. */
static fx_amount_span span_of(const fx_fact *f)
{
    return (fx_amount_span){f->start, f->end};
}

/* Record that r links by kind (FX_LINK_...); a kind set again moves to
 * the end, as its field does in the value. */
static void add_link(fx_amount_resolution *r, int kind)
{
    size_t k = 0;
    for (size_t i = 0; i < r->link_count; i++)
        if (r->links[i] != kind) r->links[k++] = r->links[i];
    r->links[k++] = kind;
    r->link_count = k;
}

/* The words ending right before a normalised offset (words_before), read
 * at its first use: the qualifier and the direction of a fact without a
 * qualifier look at the same ones. */
typedef struct words_back {
    int read;
    size_t pos, end, count, starts[4];
    uint64_t hash[4];           /* lowered_hash of starts[w] .. end, back */
} words_back;

/* The row of table t whose key is the words ending right before normalised
 * offset pos (at most four, the most words first), and in *found_start
 * where they begin; keys: t's filter. back: the words before pos, if read
 * already. */
static const fx_table_row *words_before(fx_resolve_env *env, const fx_table *t, const uint64_t *keys, size_t pos,
                                        size_t *found_start, words_back *back)
{
    const char *text = env->doc->text;
    if (!t || pos == 0) return NULL;
    if (!back->read || back->pos != pos) {
        size_t end = pos, most = env->ctx->money->back_bytes;
        if (text[end - 1] == ' ') end--;
        /* word starts going back, at most four words */
        size_t k = 0, i = end;
        uint64_t h = FX_HASH_START;
        while (k < 4 && i > 0 && end - i < most) {
            while (i > 0 && !ends_word_back[(unsigned char)text[i - 1]] && end - i < most) {
                h = lowered_hash(h, (unsigned char)text[i - 1]);
                i--;
            }
            back->hash[k] = h;
            back->starts[k++] = i;
            if (i == 0 || text[i - 1] != ' ') break;
            /* a longer span ends with this one: no key either */
            if (!fx_bloom_may_have(env->ctx->money->key_ends, KEY_FILTER_WORDS - 1, h)) break;
            h = lowered_hash(h, ' ');
            i--;
        }
        back->read = 1;
        back->pos = pos;
        back->end = end;
        back->count = k;
    }
    for (size_t w = back->count; w-- > 0;) {
        /* a key in any case has the span's lowered hash */
        if (!fx_bloom_may_have(keys, KEY_FILTER_WORDS - 1, back->hash[w])) continue;
        const fx_table_row *row = find_any_case_words(t, text + back->starts[w], back->end - back->starts[w], w + 1);
        if (row) {
            *found_start = back->starts[w];
            return row;
        }
    }
    return NULL;
}

/* The qualifier ending right before normalised offset pos ("up to",
 * "(about"): its table row, and in *qual_start where it begins. */
static const fx_table_row *qualifier_before(fx_resolve_env *env, size_t pos, size_t *qual_start, words_back *back)
{
    return words_before(env, tables_of(env)->qualifier, env->ctx->money->qualifier_keys, pos, qual_start, back);
}

/* The row of table t whose key is the words right after normalised offset
 * pos (after a space or a hyphen; at most three, the most words first);
 * keys: t's keys hashed forward, a filter. */
static const fx_table_row *words_after(fx_resolve_env *env, const fx_table *t, const uint64_t *keys, size_t pos)
{
    const char *text = env->doc->text;
    size_t n = env->doc->text_len;
    if (!t || pos >= n || (text[pos] != ' ' && text[pos] != '-')) return NULL;
    size_t start = pos + 1, ends[3], k = 0, i = start;
    uint64_t h = FX_HASH_START, hash[3];   /* lowered_hash of start .. ends[w] */
    while (k < 3 && i < n && isalpha((unsigned char)text[i])) {
        while (i < n && isalpha((unsigned char)text[i])) h = lowered_hash(h, (unsigned char)text[i++]);
        hash[k] = h;
        ends[k++] = i;
        if (i + 1 >= n || text[i] != ' ' || !isalpha((unsigned char)text[i + 1])) break;
        h = lowered_hash(h, ' ');
        i++;
    }
    for (size_t w = k; w-- > 0;) {
        /* a key in any case has the span's lowered hash */
        if (!fx_bloom_may_have(keys, KEY_FILTER_WORDS - 1, hash[w])) continue;
        const fx_table_row *row = find_any_case_words(t, text + start, ends[w] - start, w + 1);
        if (row) return row;
    }
    return NULL;
}

/* Is the sum or percentage a change up or down? Cue words before it, past
 * its qualifier (qual_start: "fell by about 3%"), or after it ("a 5%
 * rise"); AMOUNT_DIRECTION says which words and where. */
static const char *change_direction(fx_resolve_env *env, const fx_fact *fact, size_t qual_start, words_back *back)
{
    const money_tables *m = tables_of(env);
    size_t at;
    const fx_table_row *row = words_before(env, m->direction, env->ctx->money->direction_keys, qual_start, &at, back);
    if (row && strcmp(col(row, m->position), "before") == 0) return col(row, m->direction_of);
    row = words_after(env, m->direction, env->ctx->money->direction_keys_forward, fact->norm_end);
    if (row && strcmp(col(row, m->position), "after") == 0) return col(row, m->direction_of);
    return NULL;
}

/* The link between the previous fact and this one, from the text between
 * them (AMOUNT_LINK): "range", "equivalent" or NULL. */
static const char *link_kind(fx_resolve_env *env, const fx_fact *prev, size_t gap_end)
{
    const money_tables *m = tables_of(env);
    const fx_table *t = m->link;
    const char *text = env->doc->text;
    if (!t || gap_end < prev->norm_end || gap_end - prev->norm_end > 40) return NULL;
    char gap[48];
    size_t n = 0;
    for (size_t i = prev->norm_end; i < gap_end; i++) {
        char c = text[i];
        if (c == '\n') c = ' ';
        if (c == ' ' && (n == 0 || gap[n - 1] == ' ')) continue;
        gap[n++] = (char)tolower((unsigned char)c);
    }
    while (n > 0 && gap[n - 1] == ' ') n--;
    const fx_table_row *row = fx_table_find(t, gap, n);
    if (!row) return NULL;
    const char *needs = col(row, m->needs);
    if (*needs) {
        /* the word before the first of the two, past its own qualifier */
        size_t s = prev->norm_start, q;
        words_back back = {0};
        if (qualifier_before(env, s, &q, &back)) s = q;
        size_t len = strlen(needs);
        if (s < len + 1 || text[s - 1] != ' ' || strncasecmp(text + s - 1 - len, needs, len) != 0) return NULL;
        if (s > len + 1 && fx_is_word_byte((unsigned char)text[s - 2 - len])) return NULL;
    }
    return col(row, m->link_kind);
}

static fx_amount_resolution *resolution_of(const fx_fact *f)
{
    return (fx_amount_resolution *)f->resolution;   /* the resolver's own record, still being written */
}

/* Both ends of a range, low [a] and high [b]. */
static void mark_range(fx_fact *low, fx_fact *high, double a, double b)
{
    fx_fact *ends[2] = {low, high};
    for (int i = 0; i < 2; i++) {
        fx_amount_resolution *r = resolution_of(ends[i]);
        r->range_high_end = i;
        r->range_low = round_amount(a);
        r->range_high = round_amount(b);
        r->range_other = span_of(ends[1 - i]);
        add_link(r, FX_LINK_RANGE);
    }
}

/* The qualifier before the fact into r; returns where the qualifier
 * starts (the fact's start when there is none). */
static size_t add_qualifier(fx_resolve_env *env, const fx_fact *fact, fx_amount_resolution *r, words_back *back)
{
    size_t qs = fact->norm_start;
    const fx_table_row *q = qualifier_before(env, fact->norm_start, &qs, back);
    if (!q) return fact->norm_start;
    char buf[48];
    size_t n = fact->norm_start - qs;
    while (n > 0 && env->doc->text[qs + n - 1] == ' ') n--;
    if (n >= sizeof buf) n = sizeof buf - 1;
    for (size_t i = 0; i < n; i++) buf[i] = (char)tolower((unsigned char)env->doc->text[qs + i]);
    r->qualifier = fx_arena_strndup(&env->doc->arena, buf, n);
    r->mod = col(q, tables_of(env)->mod);
    return qs;
}

/* The kept fact just before this one (the facts before it are decided),
 * when it has fact's type. */
static fx_fact *previous_fact(const fx_resolve_env *env, const fx_fact *fact)
{
    for (size_t i = env->index; i-- > 0;) {
        fx_fact *prev = &env->doc->facts[i];
        if (prev->candidate->rejected) continue;
        return prev->type == fact->type && prev->norm_end <= fact->norm_start ? prev : NULL;
    }
    return NULL;
}

/* ---- currencies ------------------------------------------------------------- */

typedef struct currency_form {
    int table;                  /* SYMBOL or NAME */
    const fx_table_row *row;
} currency_form;

/* Choose among an ambiguous form's candidates by what the document says.
 * When the document does not settle it, *candidates gets the list (else
 * NULL). avoid: a currency the choice must not be (the other side of an
 * equivalence), or NULL. *chosen_id: the currency chosen (an index of
 * fx_money_context.currencies). */
static const char *choose_currency(fx_resolve_env *env, const currency_form *form, const char *avoid,
                                   fx_amount_resolution *res, int *chosen_id)
{
    const struct fx_money_context *mc = env->ctx->money;
    const money_tables *m = &mc->t;
    size_t r = (size_t)(form->row - m->form[form->table]->rows);
    const char *code = col(form->row, m->form_code[form->table]);
    *chosen_id = mc->form_currency[form->table][r];
    res->candidates = NULL;
    res->candidate_count = 0;
    if (!*col(form->row, m->candidates[form->table])) return code;
    int by_context = strcmp(col(form->row, m->decide[form->table]), "context") == 0;
    const char *best = NULL, *first = NULL;
    int best_score = -1, with_evidence = 0, first_score = 0, best_id = -1, first_id = -1;
    const int *ids = mc->candidate_ids + mc->candidates_at[form->table][r];
    size_t listed = mc->candidates_at[form->table][r + 1] - mc->candidates_at[form->table][r];
    const char **candidates = fx_arena_alloc(&env->doc->arena, (listed ? listed : 1) * sizeof *candidates);
    size_t count = 0;
    for (size_t k = 0; k < listed; k++) {
        const evidence *e = evidence_for(env, ids[k], by_context);
        int score = 2 * e->explicit_mentions + (by_context ? e->context_mentions : 0);
        /* the context's string of the code, one per code (currency_id):
         * two of the list are the same code only if they are one pointer */
        const char *kept = mc->currencies[ids[k]].code;
        candidates[count++] = kept;
        if (!first) { first = kept; first_score = score; first_id = ids[k]; }
        if (score > 0) with_evidence++;
        if ((!avoid || strcmp(avoid, kept) != 0) && score > best_score) {
            best = kept;
            best_score = score;
            best_id = ids[k];
        }
    }
    if (!best) {
        best = first ? first : code;
        best_id = first ? first_id : *chosen_id;
    }
    if (avoid && first && strcmp(avoid, first) != 0 && !by_context) {
        /* "HK$5 billion ($640 million)": a bare $ beside another dollar
         * is the conversion into the usual one */
        best = first;
        best_score = first_score;
        best_id = first_id;
    }
    *chosen_id = best_id;
    int guess = by_context ? best_score == 0 || with_evidence > 1 : best != first || with_evidence > 1;
    if (guess) {
        /* the chosen one first, the others in the table's order */
        size_t at = 0;
        while (at < count && candidates[at] != best) at++;
        if (at < count) {
            const char *chosen = candidates[at];
            memmove(candidates + 1, candidates, at * sizeof *candidates);
            candidates[0] = chosen;
        }
        res->candidates = candidates;
        res->candidate_count = count;
    }
    return best;
}

/* The form as written in either table before a case-folded one: the
 * pence of "450p" before the "P" of Philippine pesos. */
static int find_form(fx_resolve_env *env, const char *cur, currency_form *form)
{
    const money_tables *m = tables_of(env);
    for (int folded = 0; folded < 2; folded++) {
        for (int i = 0; i < 2; i++) {
            const fx_table_row *row = !m->form[i] ? NULL
                                      : folded  ? find_any_case(m->form[i], cur, strlen(cur))
                                                : fx_table_find(m->form[i], cur, strlen(cur));
            if (row) {
                form->table = i;
                form->row = row;
                return 0;
            }
        }
    }
    return -1;
}

static int year_like(const char *num)
{
    size_t n = strlen(num);
    if (n != 4) return 0;
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)num[i])) return 0;
    int y = atoi(num);
    return y >= 1900 && y <= 2099;
}

/* ---- the resolvers ------------------------------------------------------------ */

typedef struct captures {
    const char *text[CAPTURES];
    long len[CAPTURES];         /* -1: unset */
} captures;

/* As fx_fact_group per name: the first group of the name that is set;
 * each group's capture from the money context for a rule of the context
 * (listed once), else by its name. */
static void read_captures(const fx_resolve_env *env, const fx_fact *fact, captures *cap)
{
    for (int k = 0; k < CAPTURES; k++) cap->len[k] = -1;
    const fx_candidate *c = fact->candidate;
    const fx_rule *rule = c->rule;
    const struct fx_money_context *mc = env->ctx->money;
    const signed char *of = rule->order < mc->rule_count && &env->ctx->rules[rule->order] == rule
                            ? mc->group_captures + mc->group_captures_at[rule->order] : NULL;
    for (size_t g = 0; g < c->group_count; g++) {
        const char *name = rule->group_names[g];
        if (!name || c->groups[2 * g] == FX_UNSET) continue;
        int k = of ? of[g] : capture_named(name);
        if (k < 0 || cap->len[k] >= 0) continue;
        cap->text[k] = env->doc->text + c->groups[2 * g];
        cap->len[k] = (long)(c->groups[2 * g + 1] - c->groups[2 * g]);
    }
}

/* Copy of capture k as a NUL-terminated string in buf ("" when unset or
 * too long). */
static const char *capture_str(const captures *cap, int k, char *buf, size_t size)
{
    long n = cap->len[k];
    if (n < 0 || (size_t)n >= size) n = 0;
    if (n > 0) memcpy(buf, cap->text[k], (size_t)n);
    buf[n] = '\0';
    return buf;
}

/* The captures of a sum's smaller units ("4 dollars [[20]] [[cents]]",
 * "£2 [[10]][[s]] [[6]][[d]]"): the number (or its words) and its unit, a
 * CURRENCY_NAME key with a factor below one. */
typedef struct minor_part { int num, words, unit; } minor_part;

static const minor_part minor_parts[] = {
    {CAP_MINOR, CAP_MINOR_WORDS, CAP_MINOR_CUR},
    {CAP_MINOR2, CAP_MINOR2_WORDS, CAP_MINOR2_CUR},
};

/* The value of one smaller unit in the main one (0 when the rule has no
 * such part); -1 when it is no smaller unit. */
static int minor_amount(fx_resolve_env *env, const captures *cap, const minor_part *p, double *out)
{
    *out = 0;
    if (cap->len[p->unit] <= 0) return 0;     /* no unit (most sums): nothing copied */
    char num[32], words[64], unit[32];
    capture_str(cap, p->num, num, sizeof num);
    capture_str(cap, p->words, words, sizeof words);
    capture_str(cap, p->unit, unit, sizeof unit);
    if (!*unit) return 0;
    currency_form form;
    if (find_form(env, unit, &form) < 0) return -1;
    const money_tables *m = tables_of(env);
    const char *f = col(form.row, m->factor[form.table]);
    double factor = *f ? fx_parse_decimal(f) : 1, count;
    int article_only = 0;
    if (!(factor < 1)) return -1;
    if (*words) {
        if (parse_words(env, words, &count, &article_only) < 0 || article_only) return -1;
    } else if (!*num || fx_parse_number(num, strlen(num), 0, &count) < 0) {
        return -1;
    }
    *out = count * factor;
    return 0;
}

const char *fx_resolve_money(fx_resolve_env *env, fx_fact *fact)
{
    char num[64], num2[64], scale[32], cur[32], words[96];
    captures cap;
    read_captures(env, fact, &cap);
    capture_str(&cap, CAP_NUM, num, sizeof num);
    capture_str(&cap, CAP_WORDS, words, sizeof words);
    capture_str(&cap, CAP_NUM2, num2, sizeof num2);
    capture_str(&cap, CAP_SCALE, scale, sizeof scale);
    capture_str(&cap, CAP_CUR, cur, sizeof cur);
    if (!*num && !*words) return "no amount: neither a number nor number words";

    fx_amount_resolution *res = fx_arena_alloc(&env->doc->arena, sizeof *res);
    words_back back = {0};  /* the words before the fact */
    size_t qual_start = add_qualifier(env, fact, res, &back);
    fx_fact *prev = previous_fact(env, fact);
    const char *link = prev ? link_kind(env, prev, qual_start) : NULL;

    const char *code;
    double factor = 1;
    currency_form form = {0};
    int has_scale = *scale != 0;
    double amount, other;
    int article_only = 0;
    if (*words && parse_words(env, words, &amount, &article_only) < 0) return "its number words do not make a number";
    /* a scale word, or number words that reach one ("ten thousand pounds") */
    int scaled = has_scale || (*words && amount >= 1000);
    if (!*cur) {
        /* the high end of a range: the low end's currency */
        if (!link || strcmp(link, "range") != 0) return "no currency, and not the high end of a range after a sum";
        const fx_amount_resolution *p = resolution_of(prev);
        code = p->currency;
        res->candidates = p->candidates;
        res->candidate_count = p->candidate_count;
    } else {
        if (find_form(env, cur, &form) < 0) return "its currency is in no currency table";
        const money_tables *m = tables_of(env);
        const char *f = col(form.row, m->factor[form.table]);
        if (*f) factor = fx_parse_decimal(f);
        /* "$2.3 million, or 12 cents a share": a sum in cents converts nothing */
        if (factor < 1 && link && strcmp(link, "equivalent") == 0) link = NULL;
        const char *avoid = link && strcmp(link, "equivalent") == 0 ? resolution_of(prev)->currency : NULL;
        int chosen;
        code = choose_currency(env, &form, avoid, res, &chosen);
        /* a word with other uses ("won", "pounds") needs a scale or a
         * document that mentions the currency */
        if (strcmp(col(form.row, m->guard[form.table]), "context") == 0 && !scaled) {
            const evidence *e = evidence_for(env, chosen, 1);
            if (e->explicit_mentions + e->context_mentions == 0)
                return "a currency word with other uses ('won', 'pounds'), with no scale and no mention of the currency in the document";
        }
        /* "the 2014 euro crisis", "in 2014 USD ...": a year, no sum */
        if (!has_scale && year_like(num) && cap.len[CAP_CUR] >= 0 && cap.len[CAP_NUM] >= 0 &&
            cap.text[CAP_CUR] > cap.text[CAP_NUM] &&
            strcmp(col(form.row, m->plural[form.table]), "yes") != 0)
            return "a year before a currency word ('the 2014 euro crisis'), not a sum";
    }

    if (*words) {
        if (article_only && !has_scale) return "'a' or 'an' alone is no amount without a scale";
    } else if (parse_amount(env, num, has_scale, code, &amount) < 0) {
        return "its number does not parse";
    }
    if (*num2) {
        if (!has_scale && year_like(num) && year_like(num2)) return "two years ('2014-2015'), not a range of sums";
        if (parse_amount(env, num2, has_scale, code, &other) < 0 || !(amount < other))
            return "a range whose second number does not parse or is not above the first";
    }
    if (has_scale) {
        const money_tables *m = tables_of(env);
        const fx_table_row *srow = find_any_case(m->scale, scale, strlen(scale));
        if (!srow) return "its scale word is in no scale table";
        amount *= m->multipliers[srow - m->scale->rows];
    }
    amount *= factor;
    for (size_t i = 0; i < sizeof minor_parts / sizeof *minor_parts; i++) {
        double part;
        if (minor_amount(env, &cap, &minor_parts[i], &part) < 0) return "its minor part (cents, pence) does not parse";
        amount += part;
    }

    res->value = round_amount(amount);
    res->currency = code;   /* a table field, or the arena */
    res->direction = change_direction(env, fact, qual_start, &back);
    fact->resolution = res;
    const fx_amount_resolution *p = prev ? resolution_of(prev) : NULL;
    if (link && strcmp(link, "range") == 0 && strcmp(p->currency, code) == 0 && p->value < amount)
        mark_range(prev, fact, p->value, amount);
    else if (link && strcmp(link, "equivalent") == 0 && strcmp(p->currency, code) != 0) {
        /* in a chain "DKK 4.5 billion (EUR 600 million) or $650m" the
         * middle sum keeps its link to the first */
        fx_amount_resolution *pr = resolution_of(prev);
        if (!pr->has_equivalent) {
            pr->has_equivalent = 1;
            pr->equivalent = span_of(fact);
            add_link(pr, FX_LINK_EQUIVALENT);
        }
        res->has_equivalent = 1;
        res->equivalent = span_of(prev);
        add_link(res, FX_LINK_EQUIVALENT);
    }
    return NULL;
}

const char *fx_resolve_percent(fx_resolve_env *env, fx_fact *fact)
{
    char num[64], num2[64], words[96], sign[16], pp[32];
    captures cap;
    read_captures(env, fact, &cap);
    capture_str(&cap, CAP_NUM, num, sizeof num);
    capture_str(&cap, CAP_NUM2, num2, sizeof num2);
    capture_str(&cap, CAP_WORDS, words, sizeof words);
    capture_str(&cap, CAP_SIGN, sign, sizeof sign);
    capture_str(&cap, CAP_PP, pp, sizeof pp);
    double value, other;
    int article_only = 0;
    if (*words) {
        if (parse_words(env, words, &value, &article_only) < 0 || article_only)
            return "its number words do not make a number ('a' or 'an' alone is none)";
    } else if (!*num || parse_amount(env, num, 1, NULL, &value) < 0) {
        return "its number does not parse";
    }
    if (*num2 && (parse_amount(env, num2, 1, NULL, &other) < 0 || !(value < other)))
        return "a range whose second number does not parse or is not above the first";
    fx_amount_resolution *res = fx_arena_alloc(&env->doc->arena, sizeof *res);
    words_back back = {0};  /* the words before the fact */
    size_t qual_start = add_qualifier(env, fact, res, &back);
    fx_fact *prev = previous_fact(env, fact);
    const char *link = prev ? link_kind(env, prev, qual_start) : NULL;
    /* a change keeps its sign: "-0.6%", "minus four per cent" */
    if (*sign) value = -value;
    res->value = round_amount(value);
    res->currency = "";
    res->percentage_points = *pp != 0;
    res->direction = change_direction(env, fact, qual_start, &back);
    fact->resolution = res;
    if (link && strcmp(link, "range") == 0 && resolution_of(prev)->value < value)
        mark_range(prev, fact, resolution_of(prev)->value, value);
    return NULL;
}
