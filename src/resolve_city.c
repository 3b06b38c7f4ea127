/* resolve_city.c - the city resolver: is a gazetteer match a city here,
 * and which city is it? (Its value, what a map needs to know about the
 * city chosen, is values_place.c's.)
 *
 * Tables (declared in rules/cities.rules, all data):
 *   CITIES           generated from GeoNames (make gazetteer); columns key,
 *                    geonames_id, country_code, region, lat, lon, population,
 *                    geonames_name (empty: the key), the name a value gives.
 *                    Rows sharing a key: most populous first.
 *   CITY_SUPPLEMENT  the same columns, for towns below the GeoNames threshold
 *   CITY_ALIASES     key, name, country_code[, target]: another name of a
 *                    city above (target: its key there, if not name)
 *   CITY_GUARDS      key, kind: names that are also words (word|name|initial)
 *   CITY_CONTEXT     key, role: words around a name (title|follower|prefix|
 *                    place|feature), see rules/gazetteers/city_context.tsv
 *   COUNTRIES, COUNTRY_ALIASES  key, country_code
 *   CITY_NEAR_WORDS  English words one typing slip from a city's name
 *
 * A list rule's match (or a pattern rule's "name" capture) is dropped when
 * its context makes it part of a longer name ("Beijing Design Week", "City
 * of Aalborg", "Greater Copenhagen", an all-caps acronym), when the article
 * uses the name for a district, or when it is a guarded word without
 * context that says city. Among the cities sharing the name, the one named
 * by a following ", Country" or ", Region" wins; else the country the
 * article is about (its country names and adjectives, and its cities that
 * have one country) is weighed against population (COUNTRY_WEIGHT); a near
 * tie keeps the others in the fact's "candidates" (fx_city_resolution,
 * place.h).
 *
 * Once every fact is decided, a capitalised word one typing slip from a
 * city the article names ("Gothenburg ... Gothenbrug") is that city too
 * (fx_resolve_city_typos).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "hash.h"
#include "normalise.h"
#include "one_edit.h"
#include "place.h"
#include "resolve_impl.h"

enum { MAX_CHOICES = 32, MAX_NAME_WORDS = 5, MAX_HEADING = 300 };
#define COUNTRY_WEIGHT 1.5
#define REGION_WEIGHT 1.0
#define LARGE_CITY 500000.0     /* a region's name is this city too (names_region) */

/* ---- the text around a match ------------------------------------------ */

static utf8proc_category_t category_at(const char *t, size_t len, size_t i)
{
    int32_t cp;
    fx_utf8_decode((const unsigned char *)t + i, len - i, &cp);
    return cp > 0 ? utf8proc_category(cp) : UTF8PROC_CATEGORY_CN;
}

static inline int is_upper_at(const char *t, size_t len, size_t i)
{
    if (i >= len) return 0;
    unsigned char c = (unsigned char)t[i];
    if (c < 0x80) return c >= 'A' && c <= 'Z';     /* ASCII's only Lu */
    return category_at(t, len, i) == UTF8PROC_CATEGORY_LU;
}

/* is_upper_at at a capitalised word's start (tokens.h: its first byte is
 * A-Z or a non-ASCII character's lead): an ASCII byte there is upper
 * case, so only the others are decoded (15,000 words a MB, most ASCII). */
static inline int capital_is_upper(const char *t, size_t len, size_t i)
{
    return (unsigned char)t[i] < 0x80 || is_upper_at(t, len, i);
}

static int has_lower_read(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'a' && c <= 'z') return 1;
        if (c >= 0xC0 && category_at(s, len, i) == UTF8PROC_CATEGORY_LL) return 1;
    }
    return 0;
}

/* Has s[0..len) a lower-case letter? Most words asked are capitalised
 * with an ASCII letter in lower case second ("Beijing"), which is tested
 * inline first. */
static inline int has_lower(const char *s, size_t len)
{
    return (len >= 2 && s[1] >= 'a' && s[1] <= 'z') || has_lower_read(s, len);
}

/* The word ending right before pos after exactly one space: [*ws, *we).
 * Inline: its first tests end most of its 7,000 calls a MB. */
static inline int word_before(const char *t, size_t pos, size_t *ws, size_t *we)
{
    if (pos < 2 || t[pos - 1] != ' ' || !fx_is_word_byte((unsigned char)t[pos - 2])) return 0;
    size_t s = pos - 1;
    while (s > 0 && fx_is_word_byte((unsigned char)t[s - 1])) s--;
    *ws = s;
    *we = pos - 1;
    return 1;
}

/* The word starting after sep at pos: [*ws, *we). */
static inline int word_after(const char *t, size_t len, size_t pos, const char *sep, size_t *ws, size_t *we)
{
    size_t n = strlen(sep);
    if (pos + n >= len || memcmp(t + pos, sep, n) != 0 || !fx_is_word_byte((unsigned char)t[pos + n])) return 0;
    size_t e = pos + n;
    while (e < len && fx_is_word_byte((unsigned char)t[e])) e++;
    *ws = pos + n;
    *we = e;
    return 1;
}

/* The line around pos as [*s, *e), if it is at most MAX_HEADING bytes: a
 * heading or dateline is short, and the bound keeps a document that is one
 * long line linear. */
static int short_line(const char *t, size_t len, size_t pos, size_t *s, size_t *e)
{
    /* the line start: after the last newline among the MAX_HEADING + 1
     * bytes before pos, or the text's start when that is nearer */
    size_t from = pos > MAX_HEADING + 1 ? pos - (MAX_HEADING + 1) : 0;
    const char *nl = memrchr(t + from, '\n', pos - from);
    if (!nl && pos > MAX_HEADING) return 0;
    size_t a = nl ? (size_t)(nl - t) + 1 : 0;
    /* the line end: the next newline, or the text's end, at most MAX_HEADING past a */
    size_t stop = len < a + MAX_HEADING + 1 ? len : a + MAX_HEADING + 1;
    nl = pos < stop ? memchr(t + pos, '\n', stop - pos) : NULL;
    if (!nl && len > a + MAX_HEADING) return 0;
    *s = a;
    *e = nl ? (size_t)(nl - t) : len;
    return 1;
}

static int is_opener(char c)
{
    return (unsigned char)c >= 0x80 || strchr(" \t\"'([-*", c);
}

/* Only quotes, brackets, bullets and spaces between from and pos. */
static int only_openers(const char *t, size_t from, size_t pos)
{
    for (size_t i = from; i < pos; i++)
        if (!is_opener(t[i])) return 0;
    return 1;
}

/* Does pos start its line, quotes and bullets aside? */
static int starts_line(const char *t, size_t pos)
{
    while (pos > 0 && t[pos - 1] != '\n' && is_opener(t[pos - 1])) pos--;
    return pos == 0 || t[pos - 1] == '\n';
}

/* Does pos start its sentence or line (quotes and bullets aside)? */
static int starts_sentence(const fx_doc *doc, size_t pos)
{
    const char *t = doc->text;
    if (starts_line(t, pos)) return 1;
    if (!doc->sentence_count) return 0;
    size_t s = doc->sentences[fx_doc_sentence_at(doc, pos)].start;
    return s <= pos && only_openers(t, s, pos);
}

/* Does pos start a sentence, a line, or a clause after a colon or a
 * semicolon ("Related: How Aarhus cut emissions; Why Oslo ...")? */
static int opens_clause(const fx_doc *doc, size_t pos)
{
    const char *t = doc->text;
    return starts_sentence(doc, pos) || (pos >= 2 && t[pos - 1] == ' ' && (t[pos - 2] == ':' || t[pos - 2] == ';'));
}

/* A heading line: letters, none of them lower case. */
static int in_caps_line(const char *t, size_t len, size_t pos)
{
    size_t s, e;
    return short_line(t, len, pos, &s, &e) && !has_lower(t + s, e - s);
}

/* Is [start, end) inside a run of at least three words in capitals (two
 * letters or more each), joined by spaces, ", " or " & "? An acronym
 * stands alone ("the NOVI science park"); a name in shouted text does not. */
static int in_caps_run(const char *t, size_t len, size_t start, size_t end)
{
    size_t words = 1;
    for (int dir = -1; dir <= 1; dir += 2) {
        size_t at = dir < 0 ? start : end;
        for (;;) {
            size_t gap = at;   /* past the separator */
            if (dir < 0) {
                while (gap > 0 && (t[gap - 1] == ' ' || t[gap - 1] == ',' || t[gap - 1] == '&') && at - gap < 3) gap--;
                if (gap == at || gap == 0 || !fx_is_word_byte((unsigned char)t[gap - 1])) break;
                size_t w = gap;
                while (w > 0 && fx_is_word_byte((unsigned char)t[w - 1])) w--;
                if (gap - w < 2 || has_lower(t + w, gap - w) || !is_upper_at(t, len, w)) break;
                at = w;
            } else {
                while (gap < len && (t[gap] == ' ' || t[gap] == ',' || t[gap] == '&') && gap - at < 3) gap++;
                if (gap == at || gap >= len || !fx_is_word_byte((unsigned char)t[gap])) break;
                size_t w = gap;
                while (w < len && fx_is_word_byte((unsigned char)t[w])) w++;
                if (w - gap < 2 || has_lower(t + gap, w - gap) || !is_upper_at(t, len, gap)) break;
                at = w;
            }
            if (++words >= 3) return 1;
        }
    }
    return 0;
}

/* A Title Case heading: no sentence punctuation at its end, at least four
 * words of four letters or more (a shorter line is a name, a byline or an
 * address) and nearly all of them capitalised. */
static int in_title_line(const char *t, size_t len, size_t pos)
{
    size_t s, e, words = 0, caps = 0;
    if (!short_line(t, len, pos, &s, &e)) return 0;
    while (e > s && (t[e - 1] == ' ' || t[e - 1] == '\r')) e--;
    if (e == s || strchr(".!?:;,", t[e - 1])) return 0;
    for (size_t i = s; i < e;) {
        if (!fx_is_word_byte((unsigned char)t[i])) {
            i++;
            continue;
        }
        size_t w = i;
        while (i < e && fx_is_word_byte((unsigned char)t[i])) i++;
        if (i - w < 4) continue;
        words++;
        caps += is_upper_at(t, len, w);
    }
    return words >= 4 && caps * 5 >= words * 4;
}

/* in_title_line at pos, read into *cached at the first call (-1: not yet). */
static int title_line_at(const char *t, size_t len, size_t pos, int *cached)
{
    if (*cached < 0) *cached = in_title_line(t, len, pos);
    return *cached;
}

/* ---- tables ------------------------------------------------------------- */

enum { CITY_COLUMNS = 1, ALIAS_COLUMNS = 2, GUARD_COLUMNS = 4, CONTEXT_COLUMNS = 8, COUNTRY_COLUMNS = 16,
       REGION_COLUMNS = 32 };

/* The roles of a word in CITY_CONTEXT, a bit each (role_names[i]: bit i);
 * a role the resolver never asks about has none. */
enum {
    ROLE_TITLE = 1 << 0, ROLE_FOLLOWER = 1 << 1, ROLE_PREFIX = 1 << 2, ROLE_PLACE = 1 << 3, ROLE_FEATURE = 1 << 4,
    ROLE_HONORIFIC = 1 << 5, ROLE_COMPOUND = 1 << 6, ROLE_AREA = 1 << 7, ROLE_CLUB = 1 << 8, ROLE_FACILITY = 1 << 9,
    ROLE_REGION = 1 << 10, ROLE_OPENER = 1 << 11,
};
static const char *const role_names[] = {"title", "follower", "prefix",   "place",    "feature", "honorific",
                                          "compound", "area",   "club", "facility", "region",  "opener"};

/* Per row of CITY_CONTEXT, the roles of every row with its key (read at
 * the first row of the key, which fx_table_find gives): one lookup tells
 * all of a word's roles, without comparing role names per document. */
static uint32_t *roles_of_rows(const fx_place_columns *c, fx_arena *arena)
{
    if (!c->t) return NULL;
    uint32_t *roles = fx_arena_alloc(arena, (c->t->row_count ? c->t->row_count : 1) * sizeof *roles);
    for (size_t r = 0; r < c->t->row_count; r++) {
        const fx_table_row *row = &c->t->rows[r];
        const char *role = fx_place_field(row, c->role);
        for (size_t i = 0; i < sizeof role_names / sizeof *role_names; i++)
            if (strcmp(role, role_names[i]) == 0)
                roles[fx_table_find(c->t, row->key, row->key_length) - c->t->rows] |= 1u << i;
    }
    return roles;
}

/* A length's bit in fx_place_tables.feature_lengths: modulo 64, one
 * shift (a word of 70 bytes passes as one of 6 would: the filter of its
 * hash, then the table, decide). */
static uint64_t length_bit(size_t len) { return 1ull << (len & 63); }

/* fx_place_tables.feature_words and feature_lengths: of the keys of c
 * with the role feature (roles: roles_of_rows'). */
static void feature_filter(fx_place_tables *pt, const fx_place_columns *c, const uint32_t *roles)
{
    pt->feature_words = 0;
    memset(pt->feature_lengths, 0, sizeof pt->feature_lengths);
    for (size_t r = 0; c->t && r < c->t->row_count; r++) {
        if (!(roles[r] & ROLE_FEATURE)) continue;
        const fx_table_row *row = &c->t->rows[r];
        fx_bloom_add(&pt->feature_words, 0, fx_hash_bytes(row->key, row->key_length));
        pt->feature_lengths[(unsigned char)row->key[0]] |= length_bit(row->key_length);
    }
}

const char *const fx_place_word_tables[FX_PLACE_WORD_TABLES] = {
    [FX_IN_COUNTRIES] = "COUNTRIES",   [FX_IN_COUNTRY_ALIASES] = "COUNTRY_ALIASES",
    [FX_IN_REGIONS] = "REGIONS",       [FX_IN_REGION_ALIASES] = "REGION_ALIASES",
    [FX_IN_CONTEXT] = "CITY_CONTEXT",  [FX_IN_GIVEN_NAMES] = "GIVEN_NAMES",
    [FX_IN_FAMILY_NAMES] = "FAMILY_NAMES_FIRST",
};

/* The longest key of column `in` that a word with these reaches
 * (fx_table_first_words_reach; NULL: none) may start, 0 when none: a
 * lookup of a longer key, or of the word when this is shorter, finds
 * nothing. */
static inline size_t reach_in(const uint16_t *reach, int in)
{
    return reach ? fx_table_first_words_max(reach[in]) : 0;
}

/* A word's reaches in fx_place_tables.words' tables, read by reach_in:
 * its reaches in the whole index (fx_table_first_words_reach), or NULL
 * when it starts a key of none of them (a list rule's word only: its
 * row has no columns of theirs). */
static inline const uint16_t *place_reach(const fx_place_tables *pt, const uint16_t *reach)
{
    return reach && (fx_table_first_words_in(pt->words, reach) & pt->word_bits) ? reach : NULL;
}

/* A country code (NULL: none) as a number: 0 for none or "", else its
 * first three bytes one by one and a 1 above them if it is longer; two
 * codes of three bytes at most are equal just when their numbers are, a
 * compare rather than a strcmp call (some 13,500 counts a MB). */
static uint32_t code_number(const char *code)
{
    const unsigned char *c = (const unsigned char *)code;
    if (!c) return 0;
    if (!c[0] || !c[1]) return c[0];
    if (!c[2]) return c[0] | (uint32_t)c[1] << 8;
    return c[0] | (uint32_t)c[1] << 8 | (uint32_t)c[2] << 16 | (uint32_t)(c[3] != 0) << 24;
}

/* Per row of c's table, the code_number of its country_code: a country
 * named in the text is counted by it (read_place_at, 7,500 a MB). */
static const uint32_t *code_numbers_of_rows(const fx_place_columns *c, fx_arena *arena)
{
    if (!c->t) return NULL;
    uint32_t *numbers = fx_arena_alloc(arena, (c->t->row_count ? c->t->row_count : 1) * sizeof *numbers);
    for (size_t r = 0; r < c->t->row_count; r++) numbers[r] = code_number(fx_place_field(&c->t->rows[r], c->country_code));
    return numbers;
}

/* The table and those of its fx_place_columns that `wanted` says are read. */
static fx_place_columns columns_of(const fx_context *ctx, const char *table, unsigned wanted)
{
    fx_place_columns c = {.t = fx_rules_table(ctx, table)};
#define COLUMN(field, in) c.field = c.t && ((in) & wanted) ? fx_table_column(c.t, #field) : -1
    COLUMN(name, CITY_COLUMNS | ALIAS_COLUMNS);
    COLUMN(country_code, CITY_COLUMNS | ALIAS_COLUMNS | COUNTRY_COLUMNS | REGION_COLUMNS);
    COLUMN(region, CITY_COLUMNS | REGION_COLUMNS);
    COLUMN(target, ALIAS_COLUMNS);
    COLUMN(kind, GUARD_COLUMNS);
    COLUMN(role, CONTEXT_COLUMNS);
    COLUMN(lat, CITY_COLUMNS);
    COLUMN(lon, CITY_COLUMNS);
    COLUMN(population, CITY_COLUMNS);
    COLUMN(geonames_id, CITY_COLUMNS);
    COLUMN(geonames_name, CITY_COLUMNS);
#undef COLUMN
    return c;
}

void fx_place_tables_find(const fx_context *ctx, fx_arena *arena, fx_place_tables *pt)
{
    pt->cities = columns_of(ctx, "CITIES", CITY_COLUMNS);
    pt->supplement = columns_of(ctx, "CITY_SUPPLEMENT", CITY_COLUMNS);
    pt->aliases = columns_of(ctx, "CITY_ALIASES", ALIAS_COLUMNS);
    pt->guards = columns_of(ctx, "CITY_GUARDS", GUARD_COLUMNS);
    pt->context = columns_of(ctx, "CITY_CONTEXT", CONTEXT_COLUMNS);
    pt->context_roles = roles_of_rows(&pt->context, arena);
    feature_filter(pt, &pt->context, pt->context_roles);
    pt->countries = columns_of(ctx, "COUNTRIES", COUNTRY_COLUMNS);
    pt->country_aliases = columns_of(ctx, "COUNTRY_ALIASES", COUNTRY_COLUMNS);
    pt->countries.code_numbers = code_numbers_of_rows(&pt->countries, arena);
    pt->country_aliases.code_numbers = code_numbers_of_rows(&pt->country_aliases, arena);
    pt->regions = columns_of(ctx, "REGIONS", REGION_COLUMNS);
    pt->region_aliases = columns_of(ctx, "REGION_ALIASES", REGION_COLUMNS);
    pt->org_heads = columns_of(ctx, "ORG_HEADS", 0);   /* orgs.rules: "University", "Authority" */
    pt->given_names = columns_of(ctx, "GIVEN_NAMES", 0);          /* orgs.rules: "Sarah" */
    pt->family_names = columns_of(ctx, "FAMILY_NAMES_FIRST", 0);  /* orgs.rules: "Wang" */
    pt->stopwords = columns_of(ctx, "ORG_STOPWORDS", 0);          /* orgs.rules: "May", "Will" */
    pt->reporting_verbs = columns_of(ctx, "ORG_REPORTING_VERBS", 0);   /* orgs_cues.rules: "said" */
    pt->near_words = columns_of(ctx, "CITY_NEAR_WORDS", 0);
    pt->org_list = columns_of(ctx, "ORG_LIST", 0);                      /* orgs_names.rules: "Siemens" */
    pt->words = &ctx->list_words;
    pt->word_bits = fx_table_first_words_bits(0, FX_PLACE_WORD_TABLES);
}

/* Has word s[0..len), whose fx_hash_bytes is h, one of the roles (ROLE_
 * bits) in CITY_CONTEXT? (The _hashed lookups take the hash a caller
 * has: tokens.h has every word's.) */
static uint32_t roles_of_hashed(const fx_place_tables *pt, const char *s, size_t len, uint64_t h)
{
    const fx_place_columns *c = &pt->context;
    const fx_table_row *r = fx_table_find_hashed(c->t, s, len, h);
    return r ? pt->context_roles[r - c->t->rows] : 0;
}

/* All the roles of word s[0..len): a word asked about several is looked
 * up once. */
static uint32_t roles_of(const fx_place_tables *pt, const char *s, size_t len)
{
    return roles_of_hashed(pt, s, len, fx_hash_bytes(s, len));
}

static int has_role_hashed(const fx_place_tables *pt, const char *s, size_t len, uint64_t h, uint32_t roles)
{
    return (roles_of_hashed(pt, s, len, h) & roles) != 0;
}

static int has_role(const fx_place_tables *pt, const char *s, size_t len, uint32_t roles)
{
    return (roles_of(pt, s, len) & roles) != 0;
}

static int in_table(const fx_place_columns *c, const char *s, size_t len)
{
    return c->t && fx_table_find(c->t, s, len);
}

static int in_table_hashed(const fx_place_columns *c, const char *s, size_t len, uint64_t h)
{
    return fx_table_find_hashed(c->t, s, len, h) != NULL;
}

/* Is s[0..len) a name in one of the city tables? */
static int is_city_key_hashed(const fx_place_tables *pt, const char *s, size_t len, uint64_t h)
{
    return in_table_hashed(&pt->cities, s, len, h) || in_table_hashed(&pt->supplement, s, len, h) ||
           in_table_hashed(&pt->aliases, s, len, h);
}

/* Does the word s[0..len) (its hash h, its roles_of roles) start a
 * person's name ("Sarah Houston", "Wang Anshun")? A first name that is
 * also a sentence's word ("May", "Will") or a region's prefix ("North",
 * "West") does not. */
static int is_first_name_hashed(const fx_place_tables *pt, const char *s, size_t len, uint64_t h, uint32_t roles)
{
    return (in_table_hashed(&pt->given_names, s, len, h) || in_table_hashed(&pt->family_names, s, len, h)) &&
           !in_table_hashed(&pt->stopwords, s, len, h) && !(roles & ROLE_PREFIX);
}

/* The guard kind of a name ("word", "name", "initial") or NULL; h: its
 * fx_hash_bytes. */
static const char *guard_kind_hashed(const fx_place_tables *pt, const char *key, size_t len, uint64_t h)
{
    const fx_table_row *r = fx_table_find_hashed(pt->guards.t, key, len, h);
    return r ? fx_place_field(r, pt->guards.kind) : NULL;
}

static const char *guard_kind(const fx_place_tables *pt, const char *key, size_t len)
{
    return guard_kind_hashed(pt, key, len, fx_hash_bytes(key, len));
}

/* Country code of a country name or adjective s[0..len), whose
 * fx_hash_bytes is h, or NULL. */
static const char *country_of_hashed(const fx_place_tables *pt, const char *s, size_t len, uint64_t h)
{
    const fx_table_row *r;
    if ((r = fx_table_find_hashed(pt->countries.t, s, len, h))) return fx_place_field(r, pt->countries.country_code);
    if ((r = fx_table_find_hashed(pt->country_aliases.t, s, len, h)))
        return fx_place_field(r, pt->country_aliases.country_code);
    return NULL;
}

/* Does c join the words of a name: " -'." (and a NUL byte, as
 * strchr(" -'.", c) had it; written out, not a call per word)? */
static int joins_name(char c)
{
    return c == ' ' || c == '-' || c == '\'' || c == '.' || c == '\0';
}

/* A capitalised word (is_upper_at) where a name may start: word k of
 * tokens, its bytes [at, at + len), their fx_hash_bytes and its reaches
 * in fx_place_tables.words (NULL: in none of its tables). */
typedef struct start_word {
    const fx_tokens *tokens;
    size_t k, at, len;
    uint64_t hash;
    const uint16_t *reach;
} start_word;

/* The capitalised-looking word sequences starting at a word: words
 * joined by one of " -'." (like the list matcher), up to
 * MAX_NAME_WORDS, with their space-separated words and their
 * fx_hash_bytes (the table lookups', each made from the one before it),
 * found at the first need: the country, the region and the qualifier
 * tests at one word read the same ones. */
typedef struct name_spans {
    size_t n;                   /* 0: not found yet */
    size_t limit;               /* none longer is wanted (in bytes): not read */
    size_t ends[MAX_NAME_WORDS + 1], words[MAX_NAME_WORDS + 1];
    uint64_t hash[MAX_NAME_WORDS + 1];
} name_spans;

/* No sequences read yet (spans_at reads them at the first need, not
 * zeroed for each word), none longer than limit bytes wanted: the
 * country and region tests at a word look up none longer than the
 * longest key its first word starts ("The" of "The Gambia": 10 bytes),
 * and the words after it are not hashed. */
static void spans_init(name_spans *s, size_t limit)
{
    s->n = 0;
    s->limit = limit;
}

static void add_span(name_spans *s, size_t end, size_t words, uint64_t hash)
{
    s->ends[s->n] = end;
    s->words[s->n] = words;
    s->hash[s->n++] = hash;
}

/* The sequences at w, read off its tokens: a word joins the one before
 * when one byte, a joiner, lies between them. */
static const name_spans *spans_at(name_spans *s, const char *t, size_t len, const start_word *w)
{
    if (s->n) return s;
    const fx_words *words = w->tokens->words;
    size_t k = w->k, e = words->end[k], count = 1;
    uint64_t h = w->hash;
    for (;;) {
        add_span(s, e, count, h);
        if (s->n == MAX_NAME_WORDS || k + 1 >= words->count || words->start[k + 1] != e + 1 || !joins_name(t[e]))
            break;
        if (words->end[k + 1] - w->at > s->limit) return s;    /* nor the "." after it */
        count += t[e] == ' ';
        for (k++; e < words->end[k]; e++) h = fx_hash_byte(h, (unsigned char)t[e]);    /* the joiner and the word */
    }
    if (e < len && t[e] == '.' && s->n < MAX_NAME_WORDS) add_span(s, e + 1, count, fx_hash_byte(h, '.'));   /* "U.S." */
    return s;
}

/* A row of c's table whose key is sequence k of s, which starts at t + i,
 * or NULL: a key longer than the table's longest is not looked up. */
static const fx_table_row *find_key(const fx_place_columns *c, const name_spans *s, const char *t, size_t i, size_t k)
{
    return c->t && s->words[k] <= c->t->max_words ? fx_table_find_hashed(c->t, t + i, s->ends[k] - i, s->hash[k]) : NULL;
}

/* The row of table whose key is word w (its bytes at word), where w's
 * reach in table is its length: the longest key it starts is as long as
 * the word, so that key is the word, and only the table's probe is
 * asked, not its filters, which would pass it (the reach is another
 * word's only where two share a slot of the index: the probe then finds
 * nothing). */
static const fx_table_row *word_key(const fx_table *table, const char *word, const start_word *w)
{
    return fx_table_probe(table, word, w->len, w->hash);
}

/* The row of c's table with the longest key starting at word w, or NULL;
 * *end set past it. longest: the longest key w's first word starts
 * (reach_in says it), not 0; spans: the
 * sequences at w (spans_at). As country_read, below. */
static const fx_table_row *longest_read(const fx_place_columns *c, size_t longest, const char *t, size_t len,
                                        const start_word *w, name_spans *spans, size_t *end)
{
    size_t i = w->at;
    if (!spans->n && longest <= w->len) {   /* the word alone (word_key), or nothing */
        const fx_table_row *r = longest == w->len ? word_key(c->t, t + i, w) : NULL;
        if (r) *end = i + w->len;
        return r;
    }
    const name_spans *s = spans_at(spans, t, len, w);
    for (size_t k = s->n; k-- > 0;) {
        const fx_table_row *r;
        if (s->ends[k] - i <= longest && (r = find_key(c, s, t, i, k))) {
            *end = s->ends[k];
            return r;
        }
    }
    return NULL;
}

/* longest_read where w may start a key: inline, most words start none. */
static inline const fx_table_row *longest_at(const fx_place_columns *c, size_t longest, const char *t, size_t len,
                                             const start_word *w, name_spans *spans, size_t *end)
{
    return longest ? longest_read(c, longest, t, len, w, spans, end) : NULL;
}

/* The row of COUNTRIES or COUNTRY_ALIASES (*names set to its table) with
 * the longest country name starting at word w, or NULL; *end set past
 * it; the longest country name and alias that w may start are
 * longest_country and longest_alias (w's reaches), not both 0.
 * A longer candidate than any name with that first word is not looked
 * up, and when no name is longer than the word ("China") the sequences
 * after it are not read. */
static const fx_table_row *country_read(const fx_place_tables *pt, size_t longest_country, size_t longest_alias,
                                        const char *t, size_t len, const start_word *w, name_spans *spans,
                                        size_t *end, const fx_place_columns **names)
{
    size_t i = w->at, word = w->len;
    if (!spans->n && longest_country <= word && longest_alias <= word) {   /* the word alone, or nothing */
        const fx_table_row *r = NULL;
        if (longest_country == word && (r = word_key(pt->countries.t, t + i, w)))
            *names = &pt->countries;
        else if (longest_alias == word && (r = word_key(pt->country_aliases.t, t + i, w)))
            *names = &pt->country_aliases;
        if (r) *end = i + word;
        return r;
    }
    const name_spans *s = spans_at(spans, t, len, w);
    for (size_t k = s->n; k-- > 0;) {
        size_t l = s->ends[k] - i;
        const fx_table_row *r;
        if (l <= longest_country && (r = find_key(&pt->countries, s, t, i, k))) {
            *end = s->ends[k];
            *names = &pt->countries;
            return r;
        }
        if (l <= longest_alias && (r = find_key(&pt->country_aliases, s, t, i, k))) {
            *end = s->ends[k];
            *names = &pt->country_aliases;
            return r;
        }
    }
    return NULL;
}

/* country_read where w's reaches say it may start a country's name or
 * alias: inline, most capitalised words start none. */
static inline const fx_table_row *country_at(const fx_place_tables *pt, const char *t, size_t len,
                                             const start_word *w, name_spans *spans, size_t *end,
                                             const fx_place_columns **names)
{
    size_t longest_country = reach_in(w->reach, FX_IN_COUNTRIES), longest_alias = reach_in(w->reach, FX_IN_COUNTRY_ALIASES);
    return longest_country || longest_alias
               ? country_read(pt, longest_country, longest_alias, t, len, w, spans, end, names)
               : NULL;
}

/* ---- the cities a name may mean ---------------------------------------- */

static void add_choice(fx_city_choice *c, size_t *n, const fx_place_columns *t, const fx_table_row *row, const char *name)
{
    if (*n == MAX_CHOICES) return;
    /* one place once, whichever of its keys ("Malmö", "Malmoe") found it
     * (most keys name one place: no id read) */
    const char *id = *n ? fx_place_field(row, t->geonames_id) : "";
    for (size_t i = 0; i < *n; i++)
        if (c[i].row == row || (*id && strcmp(fx_place_field(c[i].row, c[i].table->geonames_id), id) == 0)) return;
    const char *pop = fx_place_field(row, t->population);
    c[*n].table = t;
    c[*n].row = row;
    /* the alias's name ("Peking": Beijing), else GeoNames' ("Malmo":
     * Malmö), else the key: each read only when the one before is empty */
    const char *own = name && *name ? name : fx_place_field(row, t->name);
    if (!*own) own = fx_place_field(row, t->geonames_name);
    c[*n].name = *own ? own : row->key;
    c[*n].population = *pop ? fx_parse_decimal(pop) : 0;
    (*n)++;
}

static const fx_table_row *next_row(const fx_table *t, const fx_table_row *r)
{
    return r->next_same_key < 0 ? NULL : &t->rows[r->next_same_key];
}

/* The first row of t under key whose country is code (any when NULL). */
static const fx_table_row *find_in(const fx_place_columns *t, const char *key, const char *code)
{
    if (!t->t) return NULL;
    for (const fx_table_row *r = fx_table_find(t->t, key, strlen(key)); r; r = next_row(t->t, r))
        if (!code || strcmp(fx_place_field(r, t->country_code), code) == 0) return r;
    return NULL;
}

static int by_population(const void *a, const void *b)
{
    const fx_city_choice *x = a, *y = b;
    if (x->population != y->population) return x->population > y->population ? -1 : 1;
    return strcmp(x->row->key, y->row->key);
}

/* Every city key[0..len) (of fx_hash_bytes h) may name: aliases resolved
 * to their city, the supplement, GeoNames; most populous first. */
static size_t gather(const fx_place_tables *pt, const char *key, size_t len, uint64_t h, fx_city_choice *out)
{
    size_t n = 0;
    const fx_place_columns *al = &pt->aliases;
    if (al->t)
        for (const fx_table_row *r = fx_table_find_hashed(al->t, key, len, h); r; r = next_row(al->t, r)) {
            const char *name = fx_place_field(r, al->name);
            const char *code = fx_place_field(r, al->country_code);
            const char *as = fx_place_field(r, al->target);
            if (!*as) as = name;
            const fx_table_row *target = find_in(&pt->cities, as, *code ? code : NULL);
            if (target) add_choice(out, &n, &pt->cities, target, name);
            else if ((target = find_in(&pt->supplement, as, *code ? code : NULL)))
                add_choice(out, &n, &pt->supplement, target, name);
        }
    const fx_place_columns *direct[] = {&pt->supplement, &pt->cities};
    for (size_t d = 0; d < 2; d++)
        if (direct[d]->t)
            for (const fx_table_row *r = fx_table_find_hashed(direct[d]->t, key, len, h); r;
                 r = next_row(direct[d]->t, r))
                add_choice(out, &n, direct[d], r, NULL);
    if (n > 1) qsort(out, n, sizeof *out, by_population);
    return n;
}

static const char *country_code(const fx_city_choice *c)
{
    return fx_place_field(c->row, c->table->country_code);
}

/* The country code of every one of the n cities, or NULL when they lie
 * in several or there are none. */
static const char *sole_country_of(const fx_city_choice *c, size_t n)
{
    for (size_t k = 1; k < n; k++)
        if (strcmp(country_code(&c[k]), country_code(&c[0])) != 0) return NULL;
    return n ? country_code(&c[0]) : NULL;
}

/* The country of every REGIONS row of first's key (first: its first
 * row, or NULL), or NULL when they lie in several ("Florida") or there
 * are none. */
static const char *region_country(const fx_place_tables *pt, const fx_table_row *first)
{
    const fx_place_columns *rg = &pt->regions;
    const char *country = first ? fx_place_field(first, rg->country_code) : NULL;
    for (const fx_table_row *r = first; r; r = next_row(rg->t, r))
        if (strcmp(fx_place_field(r, rg->country_code), country) != 0) return NULL;
    return country;
}

/* ---- what the whole article says --------------------------------------- */

typedef struct country_count {
    uint32_t number;        /* the country's code_number */
    size_t count;
} country_count;

/* Mentions of countries (count_country), in the order first counted. */
typedef struct country_counts {
    country_count *at;
    size_t n, cap;
} country_counts;

/* The cities a key may name and what the tables alone say of the key,
 * read once per key and document with one hash of it (gather_cached):
 * keys recur in every mention and round, and each read costs several
 * lookups and a sort. Most keys are asked all three of guard, country
 * and region, so all are read at once. */
typedef struct gathered {
    const char *key;            /* a table key or the document's text */
    size_t len, n;
    uint64_t hash;              /* fx_hash_bytes of the key */
    fx_city_choice *choices;
    const char *guard;          /* guard_kind */
    const char *country;        /* country_of_hashed */
    uint32_t sole_country;      /* the code_number of the one country of all the choices (sole_country_of), 0: none */
    int region;                 /* names_region */
    uint32_t region_country;    /* the code_number of the one country of REGIONS' rows of the key, 0: none */
    int spelt;                  /* read by cities_spelt (the document's copy only) */
    size_t letters;             /* fx_table_key_letters of the key: a misspelling's city (cities_spelt) is one word */
} gathered;

/* ---- the keys gathered across a thread's documents -------------------- */

/* The same names recur in every article ("Beijing", "London": the 1 MB
 * sample gathers 4,785 keys, 66 of them distinct), and gathering one
 * costs some 900 instructions (seven lookups, the population read, a
 * sort). A thread's cache (fx_scratch_cities, match.h) keeps each key's
 * gathered, so that a document copies it rather than gathers it again.
 * Bounded: CACHE_SLOTS / 2 keys and CACHE_BYTES of their bytes and
 * choices, 56 KiB a thread in all; when either is full, it is emptied
 * and fills again. */
enum { CACHE_SLOTS = 512, CACHE_BYTES = 16384 };
struct fx_city_cache {
    const fx_place_tables *pt;      /* the tables its keys were gathered from */
    size_t count, used;             /* keys; bytes of `bytes` */
    gathered slots[CACHE_SLOTS];    /* by hash, open addressing (key NULL: empty) */
    fx_city_choice bytes[CACHE_BYTES / sizeof(fx_city_choice)];   /* each key's choices, then its bytes */
};

fx_city_cache *fx_city_cache_new(void) { return fx_xcalloc(1, sizeof(fx_city_cache)); }
void fx_city_cache_free(fx_city_cache *cache) { free(cache); }

/* The slot of key[0..len) (hash h) in the cache: its own, or the empty
 * one where it goes. Inline, as gathered_slot. */
static inline gathered *cache_slot(fx_city_cache *cache, const char *key, size_t len, uint64_t h)
{
    for (size_t i = (size_t)h & (CACHE_SLOTS - 1);; i = (i + 1) & (CACHE_SLOTS - 1)) {
        gathered *g = &cache->slots[i];
        if (!g->key || (g->hash == h && g->len == len && fx_table_same_bytes(g->key, key, len))) return g;
    }
}

/* g, its choices and key copied into the cache (emptied first if full;
 * not kept if larger than the whole). */
static void cache_put(fx_city_cache *cache, const gathered *g)
{
    size_t choices = g->n, room = (g->len + sizeof *cache->bytes) / sizeof *cache->bytes;   /* the key and its NUL */
    size_t whole = CACHE_BYTES / sizeof *cache->bytes;
    if (choices + room > whole) return;
    if ((cache->count + 1) * 2 > CACHE_SLOTS || cache->used + choices + room > whole) {
        memset(cache->slots, 0, sizeof cache->slots);
        cache->count = cache->used = 0;
    }
    gathered *slot = cache_slot(cache, g->key, g->len, g->hash);
    *slot = *g;
    slot->choices = memcpy(&cache->bytes[cache->used], g->choices, choices * sizeof *g->choices);
    char *key = (char *)&cache->bytes[cache->used + choices];
    memcpy(key, g->key, g->len);
    key[g->len] = '\0';
    slot->key = key;
    cache->used += choices + room;
    cache->count++;
}

/* Gazetteer rows whose key's gathered place_text remembers (gather_row). */
enum { ROW_MEMO = 32 };

/* A mention qualified by a country or region ("Portland, Maine",
 * "Cambridge in England"): the sense of its key in the whole document; or
 * a guarded name in words that say city ("the city of Reading"), which
 * makes its other mentions cities too. */
typedef struct sense {
    const char *key;            /* a table key */
    size_t len, at;             /* at: the mention's start */
    const fx_city_choice *pick; /* NULL: the name is a city here, which one is open */
} sense;

/* What the words of the text say, with the tables (read_text): the same
 * in every round of a document's resolution (resolve.h), so read at the
 * first and kept across rounds (env->place_text). */
typedef struct place_text {
    country_counts countries;   /* mentions of countries and their regions */
    const char **regions;       /* the regions named (REGIONS' region column), each once */
    size_t region_count, region_cap;
    fx_span *features;          /* words followed by "district" & co., sorted by text */
    size_t feature_count;
    fx_span *surnames;          /* city names after a first name or a title ("Sarah Houston"), sorted by text */
    size_t surname_count;
    gathered **gathered;        /* gather_cached's by hash, open addressing (NULL: empty; each in the arena) */
    size_t gathered_count, gathered_slots;
    struct row_gathered { const fx_table_row *row; gathered *g; } by_row[ROW_MEMO];   /* gather_row's */
} place_text;

/* What a round finds: the text's findings and those of its facts. */
typedef struct place_doc {
    const fx_place_tables *pt;  /* the context's (fx_resolve_env.tables) */
    fx_city_cache *cache;       /* the thread's, or NULL */
    const fx_tokens *tokens;    /* the document's (read_document) */
    int read;                   /* read_document has run */
    place_text *text;           /* env->place_text */
    country_counts countries;   /* the text's, then the unambiguous cities' countries */
    sense *senses;              /* in text order */
    size_t sense_count, sense_cap;
    /* What read_document found of each gazetteer match of the round,
     * which the match's own resolution reads again: the round's facts
     * from the first city on (facts[first..count), doc->facts as it was:
     * the misspellings' pass makes new ones). */
    const fx_fact *facts;
    size_t first, count;
    struct city_fact *at;       /* [index - first] */
} place_doc;

/* A gazetteer match's key read (gather_cached; NULL: not one) and the
 * city a qualifier after it names (named_after: pick and said). */
typedef struct city_fact {
    gathered *g;
    const fx_city_choice *pick;
    int said;
} city_fact;

/* What read_document found of fact index, or NULL. */
static const city_fact *city_fact_read(const place_doc *pd, const fx_doc *doc, size_t index)
{
    if (doc->facts != pd->facts || index < pd->first || index >= pd->count || !pd->at[index - pd->first].g) return NULL;
    return &pd->at[index - pd->first];
}

static place_doc *place_of(fx_resolve_env *env)
{
    if (!env->place) {
        place_doc *pd = fx_arena_alloc(&env->doc->arena, sizeof *pd);
        pd->pt = &env->tables->place;
        pd->cache = env->scratch ? fx_scratch_cities(env->scratch) : NULL;
        if (pd->cache && pd->cache->pt != pd->pt) {     /* a scratch is made for one context: a safeguard */
            memset(pd->cache, 0, sizeof *pd->cache);
            pd->cache->pt = pd->pt;
        }
        env->place = pd;
    }
    return env->place;
}

static int names_region(const fx_place_tables *pt, const char *key, size_t len, uint64_t h, const fx_city_choice *c,
                        size_t n);

/* The slot of key[0..len) (hash h) in the open-addressing table of
 * gathered keys: its own, or the empty one where it goes. Inline: a call
 * cost as much as most probes (9,500 a MB), one compare. */
static inline gathered **gathered_slot(gathered **slots, size_t count, const char *key, size_t len, uint64_t h)
{
    for (size_t i = (size_t)h & (count - 1);; i = (i + 1) & (count - 1)) {
        gathered *g = slots[i];
        /* a fact's key is its table row's, the same bytes at each mention */
        if (!g || (g->hash == h && g->len == len && (g->key == key || fx_table_same_bytes(g->key, key, len))))
            return &slots[i];
    }
}

/* The document's own copy of g's choices: its facts' resolutions point
 * into it, and the thread's cache may be emptied before the document is
 * freed. */
static void own_choices(fx_doc *doc, gathered *g)
{
    g->choices = memcpy(fx_arena_alloc_uninit(&doc->arena, (g->n ? g->n : 1) * sizeof *g->choices), g->choices,
                        g->n * sizeof *g->choices);
}

/* A key in no thread's cache (66 of the 4,931 new in a document a MB):
 * gathered from the tables into g, and kept in pd->cache too. Not
 * inlined: its choices' array on the stack (and the stack's guard) is
 * not set up at the calls that copy a kept key. */
__attribute__((noinline)) static void gather_fresh(fx_doc *doc, const place_doc *pd, const char *key, size_t len,
                                                   uint64_t h, gathered *g)
{
    const fx_place_tables *pt = pd->pt;
    fx_city_choice c[MAX_CHOICES];
    size_t n = gather(pt, key, len, h, c);
    *g = (gathered){.key = key, .len = len, .n = n, .hash = h, .choices = c,
                    .guard = guard_kind_hashed(pt, key, len, h), .country = country_of_hashed(pt, key, len, h),
                    .sole_country = code_number(sole_country_of(c, n)),
                    .region = names_region(pt, key, len, h, c, n),
                    .region_country = code_number(region_country(pt, fx_table_find_hashed(pt->regions.t, key, len, h))),
                    .letters = fx_table_key_letters(key, len)};
    if (pd->cache) cache_put(pd->cache, g);
    own_choices(doc, g);
}

/* A key's gathered, new in the document (the arena): the thread's copy
 * (pd->cache), else gathered and kept there too. Not inlined: most calls
 * of gather_cached find the key, and need not set up this one's stack. */
__attribute__((noinline)) static gathered *gather_new(fx_doc *doc, const place_doc *pd, const char *key, size_t len,
                                                      uint64_t h)
{
    gathered *g = fx_arena_alloc_uninit(&doc->arena, sizeof *g);
    const gathered *kept = pd->cache ? cache_slot(pd->cache, key, len, h) : NULL;
    if (!kept || !kept->key) {
        gather_fresh(doc, pd, key, len, h, g);
        return g;
    }
    *g = *kept;
    g->key = key;       /* the document's bytes, not the cache's */
    g->spelt = 0;
    own_choices(doc, g);
    return g;
}

/* The key's gathered, read at its first need in the document. */
static gathered *gather_cached(fx_doc *doc, place_doc *pd, const char *key, size_t len)
{
    place_text *tx = pd->text;
    uint64_t h = fx_hash_bytes(key, len);
    if ((tx->gathered_count + 1) * 2 > tx->gathered_slots) {    /* at most half full */
        size_t count = tx->gathered_slots ? tx->gathered_slots * 2 : 32;
        gathered **slots = fx_arena_alloc(&doc->arena, count * sizeof *slots);   /* zeroed: empty */
        for (size_t i = 0; i < tx->gathered_slots; i++)
            if (tx->gathered[i])
                *gathered_slot(slots, count, tx->gathered[i]->key, tx->gathered[i]->len, tx->gathered[i]->hash) =
                    tx->gathered[i];
        tx->gathered = slots;
        tx->gathered_slots = count;
    }
    gathered **slot = gathered_slot(tx->gathered, tx->gathered_slots, key, len, h);
    if (!*slot) {
        *slot = gather_new(doc, pd, key, len, h);
        tx->gathered_count++;
    }
    return *slot;
}

/* The gathered of a table row's key (a gazetteer match's, a region's
 * read at the same bytes of the text): each mention of the key in that
 * table, in each round, has the same row, so a memo of the rows asked
 * last answers 3,000 of the 9,500 calls a MB without hashing the key.
 * Inline: a hit is a few instructions. */
static inline gathered *gather_row(fx_doc *doc, place_doc *pd, const fx_table_row *row)
{
    struct row_gathered *m = &pd->text->by_row[(uintptr_t)row / sizeof *row % ROW_MEMO];
    if (m->row != row) *m = (struct row_gathered){row, gather_cached(doc, pd, row->key, row->key_length)};
    return m->g;
}

/* One more mention of the country of code_number `number` (0: none). */
static void count_country(fx_doc *doc, country_counts *cc, uint32_t number)
{
    if (!number) return;
    for (size_t i = 0; i < cc->n; i++)
        if (cc->at[i].number == number) {
            cc->at[i].count++;
            return;
        }
    if (cc->n == cc->cap) {
        size_t cap = cc->cap ? cc->cap * 2 : 8;
        cc->at = fx_arena_grow(&doc->arena, cc->at, cc->cap * sizeof *cc->at, cap * sizeof *cc->at);
        cc->cap = cap;
    }
    cc->at[cc->n++] = (country_count){number, 1};
}

static size_t mentions_of(const country_counts *cc, const char *code)
{
    uint32_t number = code_number(code);
    for (size_t i = 0; i < cc->n; i++)
        if (cc->at[i].number == number) return cc->at[i].count;
    return 0;
}

static void add_region(fx_doc *doc, place_text *tx, const char *region)
{
    for (size_t i = 0; i < tx->region_count; i++)
        if (strcmp(tx->regions[i], region) == 0) return;
    if (tx->region_count == tx->region_cap) {
        size_t cap = tx->region_cap ? tx->region_cap * 2 : 8;
        tx->regions = fx_arena_grow(&doc->arena, tx->regions, tx->region_cap * sizeof *tx->regions,
                                    cap * sizeof *tx->regions);
        tx->region_cap = cap;
    }
    tx->regions[tx->region_count++] = region;
}

static int region_named(const place_text *tx, const char *region)
{
    for (size_t i = 0; *region && i < tx->region_count; i++)
        if (strcmp(tx->regions[i], region) == 0) return 1;
    return 0;
}

static int compare_text(const char *a, size_t an, const char *b, size_t bn)
{
    int c = memcmp(a, b, an < bn ? an : bn);
    return c ? c : an < bn ? -1 : an > bn;
}

static int by_text(const void *a, const void *b, void *text)
{
    const fx_span *x = a, *y = b;
    const char *t = text;
    return compare_text(t + x->start, x->end - x->start, t + y->start, y->end - y->start);
}

static inline const fx_city_choice *named_after(const fx_doc *doc, const place_doc *pd, size_t end,
                                                const fx_city_choice *c, size_t n, int *said);
static int says_city(const fx_doc *doc, const fx_place_tables *pt, size_t start, size_t end, int named);

/* Push span [start, end) onto an array of spans in the arena. */
static fx_span *push_span(fx_doc *doc, fx_span *spans, size_t *count, size_t *cap, size_t start, size_t end)
{
    if (*count == *cap) {
        size_t grown = *cap ? *cap * 2 : 8;
        spans = fx_arena_grow(&doc->arena, spans, *cap * sizeof *spans, grown * sizeof *spans);
        *cap = grown;
    }
    spans[(*count)++] = (fx_span){start, end};
    return spans;
}

/* surname_at's table lookups, once word k + 1 is capitalised after a
 * space (spaced) or ". ". */
static int surname_after(const fx_place_tables *pt, const char *t, const fx_tokens *tokens, size_t k,
                         const uint16_t *reach, int spaced)
{
    const fx_words *words = tokens->words;
    size_t fs = words->start[k], fe = words->end[k], s = words->start[k + 1], e = words->end[k + 1];
    if (!has_lower(t + s, e - s)) return 0;
    /* a title (CITY_CONTEXT's) or a first name: looked up where the
     * word's reaches say the table may have it */
    uint64_t first = fx_token_hash(tokens, k);
    size_t n = fe - fs;
    uint32_t roles = reach_in(reach, FX_IN_CONTEXT) >= n ? roles_of_hashed(pt, t + fs, n, first) : 0;
    int titled = (roles & ROLE_HONORIFIC) != 0;
    int first_name = !titled && (reach_in(reach, FX_IN_GIVEN_NAMES) >= n || reach_in(reach, FX_IN_FAMILY_NAMES) >= n) &&
                     is_first_name_hashed(pt, t + fs, n, first, roles);
    return ((spaced && first_name) || titled) && is_city_key_hashed(pt, t + s, e - s, fx_token_hash(tokens, k + 1));
}

/* Is the capitalised word k and word k + 1 a person's name whose second
 * word is a city's ("Sarah Houston", "Mr. Lima", "Professor Bristol")?
 * reach: word k's in fx_place_tables.words. The tests of the text first,
 * inline, the table lookups last: most words are not two capitalised
 * words in a row. */
static inline int surname_at(const fx_place_tables *pt, const char *t, size_t len, const fx_tokens *tokens, size_t k,
                             const uint16_t *reach)
{
    const fx_words *words = tokens->words;
    if (k + 1 >= words->count) return 0;
    size_t fe = words->end[k], s = words->start[k + 1];
    int spaced = s == fe + 1 && t[fe] == ' ', dotted = s == fe + 2 && t[fe] == '.' && t[fe + 1] == ' ';
    return (spaced || dotted) && is_upper_at(t, len, s) && surname_after(pt, t, tokens, k, reach, spaced);
}

/* note_feature past its filter. */
static void note_feature_read(fx_doc *doc, place_doc *pd, const fx_tokens *tokens, size_t k, size_t *feature_cap)
{
    const fx_words *words = tokens->words;
    const char *t = doc->text;
    if (k == 0 || words->start[k] != words->end[k - 1] + 1 || t[words->end[k - 1]] != ' ' ||
        !is_upper_at(t, doc->text_len, words->start[k - 1]))
        return;
    size_t i = words->start[k], e = words->end[k];
    place_text *tx = pd->text;
    if (has_role_hashed(pd->pt, t + i, e - i, fx_token_hash(tokens, k), ROLE_FEATURE))
        tx->features = push_span(doc, tx->features, &tx->feature_count, feature_cap, words->start[k - 1],
                                 words->end[k - 1]);
}

/* Is word k a feature word ("district", "District") after a capitalised
 * word and one space ("Tongzhou district")? The capitalised word's span
 * goes to pd->text->features. Inline: the filter of feature words ends
 * most calls. */
static inline void note_feature(fx_doc *doc, place_doc *pd, const fx_tokens *tokens, size_t k, size_t *feature_cap)
{
    if (fx_bloom_may_have(&pd->pt->feature_words, 0, fx_token_hash(tokens, k))) note_feature_read(doc, pd, tokens, k, feature_cap);
}

/* The index's bits (fx_table_first_words_in; the first group's tables
 * have one each, fx_table_first_words_bit) of the tables surname_at
 * reads of a word, and of those read_place_at reads for a name. */
enum {
    PERSON_WORD_BITS = 1u << FX_IN_CONTEXT | 1u << FX_IN_GIVEN_NAMES | 1u << FX_IN_FAMILY_NAMES,
    PLACE_NAME_BITS = 1u << FX_IN_COUNTRIES | 1u << FX_IN_COUNTRY_ALIASES | 1u << FX_IN_REGIONS
};

/* At the capitalised word k (w): a surname after it ("Sarah Houston"),
 * and the country or region it starts, counted; 1 if it starts one
 * (*resume set past it), 0 if not. */
static int read_place_at(fx_doc *doc, place_doc *pd, const fx_tokens *tokens, size_t k, const start_word *w,
                         size_t *resume, size_t *surname_cap)
{
    const fx_place_tables *pt = pd->pt;
    const fx_words *words = tokens->words;
    const char *t = doc->text;
    size_t len = doc->text_len, i = w->at;
    place_text *tx = pd->text;
    /* the index's bits say which of its tables the word starts a key of:
     * a title's or a first name's (surname_at looks up no other), a
     * country's, an alias's or a region's name. Of the 14,700 words a MB
     * read here, 10,300 start no title or first name and 4,100 no name
     * of a place, whose reaches there are all 0 */
    unsigned in = fx_table_first_words_in(pt->words, w->reach);
    if ((in & PERSON_WORD_BITS) && surname_at(pt, t, len, tokens, k, w->reach))
        tx->surnames = push_span(doc, tx->surnames, &tx->surname_count, surname_cap, words->start[k + 1],
                                 words->end[k + 1]);
    if (!(in & PLACE_NAME_BITS)) return 0;
    size_t end = i, longest_region = reach_in(w->reach, FX_IN_REGIONS);
    size_t longest = reach_in(w->reach, FX_IN_COUNTRIES);
    if (longest < reach_in(w->reach, FX_IN_COUNTRY_ALIASES)) longest = reach_in(w->reach, FX_IN_COUNTRY_ALIASES);
    if (longest < longest_region) longest = longest_region;
    name_spans spans;
    spans_init(&spans, longest);
    const fx_place_columns *names;
    const fx_table_row *country = country_at(pt, t, len, w, &spans, &end, &names);
    if (country) {
        count_country(doc, &tx->countries, names->code_numbers[country - names->t->rows]);
        /* "Scotland": a country for some, a region of GB in the tables */
        size_t region_end;
        const fx_table_row *region = longest_at(&pt->regions, longest_region, t, len, w, &spans, &region_end);
        if (region && region_end == end) add_region(doc, tx, fx_place_field(region, pt->regions.region));
        *resume = end;
        return 1;
    }
    /* "Ontario", "Massachusetts": the region, and its country (unless
     * regions of several countries have the name: "Florida") */
    const fx_table_row *region = longest_at(&pt->regions, longest_region, t, len, w, &spans, &end);
    if (!region) return 0;
    /* (region is the first row of its key, the text's [i, end): the key's gathered has its country) */
    gathered *g = gather_row(doc, pd, region);
    count_country(doc, &tx->countries, g->region_country);
    /* not "Washington", "New York": as often a city as a region */
    if (!g->n || g->region)
        for (const fx_table_row *r = region; r; r = next_row(pt->regions.t, r))
            add_region(doc, tx, fx_place_field(r, pt->regions.region));
    *resume = end;
    return 1;
}

/* The text's findings (place_text) into pd->text, new. kept: the
 * capitalised words' reaches as the list rules probed them
 * (fx_scratch_capital_reaches), or NULL: probed here. */
static void read_text(fx_doc *doc, place_doc *pd, const uint16_t *const *kept)
{
    place_text *tx = pd->text;
    const char *t = doc->text;
    size_t len = doc->text_len, feature_cap = 0, surname_cap = 0;
    const fx_tokens *tokens = fx_doc_tokens(doc);
    const fx_words *words = tokens->words;
    size_t resume = 0;      /* past the country named last: its words are not read again */
    /* Only the capitalised words and the word after each are read: a
     * surname, a country or a region starts with a capital, and a feature
     * word counts only after a capitalised word. Each word is read as the
     * words in text order would read it: none inside a country or region
     * named before it, none that starts one itself. */
    const fx_place_tables *pt = pd->pt;
    /* the tokens' arrays and counts in locals: the calls below could
     * change them, as far as GCC knows, which would read them again at
     * each of 35,600 words a MB */
    const size_t *capitals = tokens->capitals, *starts = words->start, *ends = words->end;
    size_t capital_count = tokens->capital_count, word_count = words->count;
    const uint64_t *feature_lengths = pt->feature_lengths;
    for (size_t j = 0; j < capital_count; j++) {
        size_t k = capitals[j], i = starts[k];
        /* a word in none of the index's tables starts no surname, country
         * or region and is no feature word: most are in none; the list
         * rules probed the index for each word already, most often */
        const uint16_t *reach = NULL;
        if (i >= resume)
            reach = place_reach(pt, kept ? kept[j] : fx_table_first_words_reach_built(pt->words, fx_token_hash(tokens, k)));
        if (reach) {
            start_word w = {tokens, k, i, ends[k] - i, fx_token_hash(tokens, k), reach};
            if (!(capital_is_upper(t, len, i) && read_place_at(doc, pd, tokens, k, &w, &resume, &surname_cap)) &&
                reach_in(reach, FX_IN_CONTEXT) >= w.len)
                note_feature(doc, pd, tokens, k, &feature_cap);
        }
        /* the word after, unless it is capitalised (read in its turn) or
         * inside the country or region just read; its first byte and
         * length first, then the filter of its hash, which end most
         * (35,500 words a MB; few hashed by anyone else) */
        size_t next = k + 1;
        if (next < word_count &&
            (feature_lengths[(unsigned char)t[starts[next]]] & length_bit(ends[next] - starts[next])) &&
            fx_bloom_may_have(&pt->feature_words, 0, fx_token_hash(tokens, next)) &&
            !fx_token_capital((unsigned char)t[starts[next]]) && starts[next] >= resume)
            note_feature_read(doc, pd, tokens, next, &feature_cap);
    }
    if (tx->feature_count) qsort_r(tx->features, tx->feature_count, sizeof *tx->features, by_text, (void *)t);
    if (tx->surname_count) qsort_r(tx->surnames, tx->surname_count, sizeof *tx->surnames, by_text, (void *)t);
}

/* At a round's first city fact: the text's findings (read at the
 * document's first round), then what the round's facts add. */
static void read_document(fx_resolve_env *env, place_doc *pd)
{
    fx_doc *doc = env->doc;
    const fx_place_tables *pt = pd->pt;
    pd->read = 1;
    pd->tokens = fx_doc_tokens(doc);
    if (!env->place_text) {
        env->place_text = fx_arena_alloc(&doc->arena, sizeof *env->place_text);
        pd->text = env->place_text;
        read_text(doc, pd, env->scratch ? fx_scratch_capital_reaches(env->scratch) : NULL);
    }
    pd->text = env->place_text;
    /* the round's counts start from the text's (a copy: the facts add to them) */
    const country_counts *from = &pd->text->countries;
    pd->countries = (country_counts){.n = from->n, .cap = from->n};
    if (from->n) {
        pd->countries.at = fx_arena_alloc_uninit(&doc->arena, from->n * sizeof *from->at);
        memcpy(pd->countries.at, from->at, from->n * sizeof *from->at);
    }
    /* cities named without doubt (one country) tell the article's country too;
     * facts before env->index are not cities (this runs at the first one) */
    pd->facts = doc->facts;
    pd->first = env->index;
    pd->count = doc->fact_count;
    pd->at = fx_arena_alloc(&doc->arena, (pd->count - pd->first) * sizeof *pd->at);   /* zeroed: not read */
    for (size_t f = env->index; f < doc->fact_count; f++) {
        const fx_fact *fact = &doc->facts[f];
        if (fact->type != FX_CITY || !fact->candidate->entry) continue;
        const fx_table_row *entry = fact->candidate->entry;
        const char *key = entry->key;
        size_t key_len = entry->key_length;
        gathered *g = gather_row(doc, pd, entry);
        const fx_city_choice *c = g->choices;
        size_t n = g->n;
        /* one sense per document: a qualified mention decides the others */
        int said = 0;
        const fx_city_choice *pick = n ? named_after(doc, pd, fact->norm_end, c, n, &said) : NULL;
        pd->at[f - pd->first] = (city_fact){g, pick, said};
        int guarded = g->guard != NULL;
        if (pick || (guarded && says_city(doc, pt, fact->norm_start, fact->norm_end, said))) {
            if (pd->sense_count == pd->sense_cap) {
                size_t cap = pd->sense_cap ? pd->sense_cap * 2 : 8;
                pd->senses = fx_arena_grow(&doc->arena, pd->senses, pd->sense_cap * sizeof *pd->senses,
                                           cap * sizeof *pd->senses);
                pd->sense_cap = cap;
            }
            pd->senses[pd->sense_count++] = (sense){key, key_len, fact->norm_start, pick};
        }
        if (guarded) continue;
        count_country(doc, &pd->countries, g->sole_country);
    }
}

/* Does the article use key for a district ("Tongzhou district")? The
 * key's last word is looked up among the words before "district" & co.;
 * a longer key must also match the text before one of them. */
static int is_feature_name(const fx_doc *doc, const place_doc *pd, const char *key, size_t len)
{
    const place_text *tx = pd->text;
    if (!tx->feature_count) return 0;   /* most articles name no district */
    const char *t = doc->text;
    size_t last = len;
    while (last > 0 && key[last - 1] != ' ') last--;
    size_t wl = len - last, lo = 0, hi = tx->feature_count;
    while (lo < hi) {   /* first feature word >= the key's last word */
        size_t mid = lo + (hi - lo) / 2;
        const fx_span *f = &tx->features[mid];
        if (compare_text(t + f->start, f->end - f->start, key + last, wl) < 0) lo = mid + 1;
        else hi = mid;
    }
    for (size_t i = lo, tried = 0; i < tx->feature_count && tried < 64; i++, tried++) {
        const fx_span *f = &tx->features[i];
        if (compare_text(t + f->start, f->end - f->start, key + last, wl) != 0) break;
        size_t e = f->end;
        if (e >= len && memcmp(t + e - len, key, len) == 0 && (e == len || !fx_is_word_byte((unsigned char)t[e - len - 1])))
            return 1;
    }
    return 0;
}

/* Does the article use the word s[0..len) as a person's surname ("Sarah
 * Houston ... Houston said")? */
static int is_surname(const fx_doc *doc, const place_doc *pd, const char *s, size_t len)
{
    size_t lo = 0, hi = pd->text->surname_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const fx_span *f = &pd->text->surnames[mid];
        int c = compare_text(doc->text + f->start, f->end - f->start, s, len);
        if (c == 0) return 1;
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return 0;
}

/* Is [start, end) the subject of a reporting verb ("Houston said", "said
 * Houston") or of a relative "who" ("Bristol, who is 54")? A city name said to speak is a government ("Moscow said"),
 * so this only confirms a name the article gives a person. */
static int speaks(const fx_doc *doc, const fx_place_tables *pt, size_t start, size_t end)
{
    const char *t = doc->text;
    size_t ws, we;
    if (word_after(t, doc->text_len, end, " ", &ws, &we) && in_table(&pt->reporting_verbs, t + ws, we - ws)) return 1;
    if (end + 6 <= doc->text_len && memcmp(t + end, ", who ", 6) == 0) return 1;
    return word_before(t, start, &ws, &we) && in_table(&pt->reporting_verbs, t + ws, we - ws);
}

/* ---- context ------------------------------------------------------------ */

/* "BEIJING, Dec. 4", "WASHINGTON (Reuters) -", "AALBORG: ..." at a line start. */
static int is_dateline(const fx_doc *doc, size_t start, size_t end)
{
    const char *t = doc->text;
    size_t len = doc->text_len;
    return starts_line(t, start) && end < len &&
           (t[end] == ',' || t[end] == ':' || (t[end] == ' ' && end + 1 < len && strchr("-(", t[end + 1])));
}

/* Is [start, end) part of a longer name, or an acronym? after: the roles
 * of the word after it and one space (0: none, or no such word);
 * upper_after: that word is capitalised. */
static int part_of_name(const fx_doc *doc, const fx_place_tables *pt, size_t start, size_t end, int caps,
                        uint32_t after, int upper_after)
{
    const char *t = doc->text;
    size_t len = doc->text_len, ws, we;
    if (caps) /* "BEIJING" in a heading, a dateline or a run of capitals ("pairs
               * TURKU, TAMPERE AND OULU with"), not "NOVI science park" */
        return !in_caps_line(t, len, start) && !is_dateline(doc, start, end) && !in_caps_run(t, len, start, end);
    /* "Stockholm syndrome", "Brussels sprouts": a common noun */
    if (after & ROLE_COMPOUND) return 1;
    /* "Toronto-Dominion Bank", "Frankfurt-Hahn": a name joined to another
     * (not "Paris-Dakar", "Beijing-Tianjin-Hebei": places joined) */
    if (word_after(t, len, end, "-", &ws, &we) && is_upper_at(t, len, ws)) {
        uint64_t h = fx_hash_bytes(t + ws, we - ws);
        if (!is_city_key_hashed(pt, t + ws, we - ws, h) && !country_of_hashed(pt, t + ws, we - ws, h) &&
            !in_table_hashed(&pt->regions, t + ws, we - ws, h) && !has_role_hashed(pt, t + ws, we - ws, h, ROLE_AREA))
            return 1;
    }
    /* "Copenhagen City Hall", "Beijing Design Week" (not "Beijing Vice Mayor",
     * "Mayor of London Sadiq Khan", nor a Title Case heading "Copenhagen
     * Delegation to Promote ...") */
    int title_of = start >= 4 && memcmp(t + start - 4, " of ", 4) == 0 && word_before(t, start - 3, &ws, &we) &&
                   has_role(pt, t + ws, we - ws, ROLE_TITLE);
    int title_line = -1;    /* read at the first test that needs it (title_line_at), once */
    if (!title_of && upper_after && !(after & (ROLE_TITLE | ROLE_FOLLOWER)) && !title_line_at(t, len, start, &title_line))
        return 1;
    /* in a heading too: "Aalborg University Opens Lab", "Oslo Metropolitan
     * University Grows" (the head word within three words) */
    for (size_t at = end, k = 0;
         upper_after && k < 3 && word_after(t, len, at, " ", &ws, &we) && is_upper_at(t, len, ws); k++) {
        if (!title_line_at(t, len, start, &title_line)) break;
        if ((pt->org_heads.t && fx_table_find(pt->org_heads.t, t + ws, we - ws)) || has_role(pt, t + ws, we - ws, ROLE_FACILITY)) return 1;
        at = we;
    }
    /* "Mr. Sakai", "Dr. Ito": an abbreviated title */
    if (start >= 3 && t[start - 1] == ' ' && t[start - 2] == '.') {
        size_t dot = start - 2, w = dot;
        while (w > 0 && fx_is_word_byte((unsigned char)t[w - 1])) w--;
        if (w < dot && has_role(pt, t + w, dot - w, ROLE_HONORIFIC)) return 1;
    }
    /* "Greater Copenhagen", "Real Madrid"; "Mayor Wang Anshun" (a person); "Sydhavn Station
     * Aarhus" mid-name - but an address "EU Office Aalborg - Brussels" and a
     * sentence's first word "In Beijing" are fine */
    if (word_before(t, start, &ws, &we) && is_upper_at(t, len, ws)) {
        size_t ps, pe;
        uint64_t h = fx_hash_bytes(t + ws, we - ws);    /* one hash for the tables asked of the word */
        uint32_t roles = roles_of_hashed(pt, t + ws, we - ws, h);
        if (roles & (ROLE_PREFIX | ROLE_CLUB)) return 1;
        /* "George Washington", "Professor Yamaguchi" at a sentence's start
         * too: a first name or a person's title */
        const char *before = guard_kind_hashed(pt, t + ws, we - ws, h);
        if ((before && strcmp(before, "name") == 0) || (roles & ROLE_HONORIFIC) ||
            is_first_name_hashed(pt, t + ws, we - ws, h, roles))
            return 1;
        /* "Aalborg Portland" (the cement maker), but not "Most Beijing residents" */
        if (is_city_key_hashed(pt, t + ws, we - ws, h) && !before) return 1;
        if (!opens_clause(doc, ws) && !title_line_at(t, len, start, &title_line)) {
            if (word_before(t, ws, &ps, &pe) && has_role(pt, t + ps, pe - ps, ROLE_TITLE)) return 1;
            int address = end == len || t[end] == '\n' || (end + 2 <= len && memcmp(t + end, " -", 2) == 0) ||
                          (end + 2 < len && t[end] == ',' && t[end + 1] == ' ' && is_upper_at(t, len, end + 2));
            if (!address) return 1;
        } else if (!title_line_at(t, len, start, &title_line) && !in_table_hashed(&pt->stopwords, t + ws, we - ws, h) &&
                   !(roles & (ROLE_OPENER | ROLE_TITLE))) {
            return 1;   /* "Messe Frankfurt organised ...", "Visit Aarhus said": a name at a sentence's start */
        }
    }
    /* "City of Aalborg", "University of Reading" (not "Mayor of Beijing",
     * "Mayor Chen of Guangzhou", nor a sentence's "Residents of Reading") */
    if (start >= 4 && memcmp(t + start - 4, " of ", 4) == 0 && word_before(t, start - 3, &ws, &we) &&
        is_upper_at(t, len, ws) && !has_role(pt, t + ws, we - ws, ROLE_TITLE) && !starts_sentence(doc, ws)) {
        size_t ps, pe;
        if (!(word_before(t, ws, &ps, &pe) && has_role(pt, t + ps, pe - ps, ROLE_TITLE))) return 1;
    }
    return 0;
}

/* The first of the n cities in country code (and region, unless NULL). */
static const fx_city_choice *choice_in(const fx_city_choice *c, size_t n, const char *code, const char *region)
{
    for (size_t k = 0; k < n; k++)
        if (strcmp(country_code(&c[k]), code) == 0 &&
            (!region || strcmp(fx_place_field(c[k].row, c[k].table->region), region) == 0))
            return &c[k];
    return NULL;
}

/* The index of the word that starts at `at` among words. */
static size_t word_at(const fx_words *words, size_t at)
{
    size_t lo = 0, hi = words->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (words->start[mid] < at) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

/* The city the name at `at` (a country, a region or its short form) says
 * it is, or NULL; *said is set when a country or region is named at all. */
static const fx_city_choice *qualified_by(const fx_doc *doc, const place_doc *pd, size_t at, const fx_city_choice *c,
                                          size_t n, int *said)
{
    const fx_place_tables *pt = pd->pt;
    const char *t = doc->text;
    size_t len = doc->text_len, stop;
    /* a country ("British" of "British Columbia" too: a region may follow) */
    const fx_tokens *tokens = pd->tokens;
    size_t word = word_at(tokens->words, at);
    uint64_t h = fx_token_hash(tokens, word);
    const start_word first = {tokens, word, at, tokens->words->end[word] - at, h,
                              place_reach(pt, fx_table_first_words_reach_built(pt->words, h))};
    name_spans spans;
    spans_init(&spans, SIZE_MAX);   /* the qualifier test below reads every sequence */
    const fx_place_columns *names;
    const fx_table_row *country = country_at(pt, t, len, &first, &spans, &stop, &names);
    if (country) {
        *said = 1;
        const fx_city_choice *pick = choice_in(c, n, fx_place_field(country, names->country_code), NULL);
        if (pick) return pick;
    }
    /* "ME", "Mass.", "B.C.", "D.C." */
    const fx_table_row *r = longest_at(&pt->region_aliases, reach_in(first.reach, FX_IN_REGION_ALIASES), t,
                                       len, &first, &spans, &stop);
    if (r && (stop == len || !fx_is_word_byte((unsigned char)t[stop]))) {
        const fx_city_choice *pick = choice_in(c, n, fx_place_field(r, pt->region_aliases.country_code),
                                               fx_place_field(r, pt->region_aliases.region));
        if (pick) {
            *said = 1;
            return pick;
        }
    }
    const name_spans *s = spans_at(&spans, t, len, &first);
    for (size_t k = 0; k < n; k++) {
        const char *region = fx_place_field(c[k].row, c[k].table->region);
        size_t rl = strlen(region);
        for (size_t w = 0; w < s->n; w++) {
            size_t wl = s->ends[w] - at;
            /* "Ohio" for "Ohio", "Liaoning" for "Liaoning Province" */
            if (wl <= rl && memcmp(region, t + at, wl) == 0 && (wl == rl || region[wl] == ' ')) {
                *said = 1;
                return &c[k];
            }
        }
    }
    return NULL;
}

/* named_after past its first tests: ", " or " in " after the name. */
static const fx_city_choice *named_after_read(const fx_doc *doc, const place_doc *pd, size_t end,
                                              const fx_city_choice *c, size_t n, int *said)
{
    const char *t = doc->text;
    size_t len = doc->text_len;
    if (end + 2 < len && t[end] == ',' && t[end + 1] == ' ' && is_upper_at(t, len, end + 2))
        return qualified_by(doc, pd, end + 2, c, n, said);
    if (end + 4 < len && memcmp(t + end, " in ", 4) == 0 && is_upper_at(t, len, end + 4)) {
        int in_said = 0;
        const fx_city_choice *pick = qualified_by(doc, pd, end + 4, c, n, &in_said);
        *said = pick != NULL;   /* "Reading in Parliament" says nothing */
        return pick;
    }
    return NULL;
}

/* The city a following ", Country", ", Region" or ", ST" names, or one of
 * the cities that " in Country" or " in Region" names ("Cambridge in
 * England"); *said is set when such a qualifier follows. Inline, its
 * first tests: most of the 6,200 names a MB are followed by neither. */
static inline const fx_city_choice *named_after(const fx_doc *doc, const place_doc *pd, size_t end,
                                                const fx_city_choice *c, size_t n, int *said)
{
    const char *t = doc->text;
    size_t len = doc->text_len;
    *said = 0;
    if ((end + 2 < len && t[end] == ',' && t[end + 1] == ' ') || (end + 4 < len && memcmp(t + end, " in ", 4) == 0))
        return named_after_read(doc, pd, end, c, n, said);
    return NULL;
}

/* Does the document say elsewhere, in words, that key is a city here? */
static int city_here(const place_doc *pd, const char *key, size_t len)
{
    for (size_t i = 0; i < pd->sense_count; i++)
        if (pd->senses[i].len == len && memcmp(pd->senses[i].key, key, len) == 0) return 1;
    return 0;
}

/* The document's sense of key for a mention at `at` without a qualifier:
 * the qualified mention before it nearest, else the first after it. */
static const fx_city_choice *sense_of(const place_doc *pd, const char *key, size_t len, size_t at)
{
    const sense *before = NULL, *after = NULL;
    for (size_t i = 0; i < pd->sense_count; i++) {
        const sense *s = &pd->senses[i];
        if (!s->pick || s->len != len || memcmp(s->key, key, len) != 0) continue;
        if (s->at <= at) before = s;
        else if (!after) after = s;
    }
    return before ? before->pick : after ? after->pick : NULL;
}

/* Does key name a region (REGIONS) rather than a city: no city of that
 * name is large, and none lies in the region of its name, or regions of
 * other countries have the name too? "Ontario", "Oregon" and "Florida"
 * (a state, and departments of Uruguay and Puerto Rico) are regions; "New
 * York", "Quebec" and "Beijing" (in the region of their name) and
 * "Washington" (a large city) are cities too. */
static int names_region(const fx_place_tables *pt, const char *key, size_t len, uint64_t h, const fx_city_choice *c,
                        size_t n)
{
    const fx_place_columns *rg = &pt->regions;
    const fx_table_row *first = fx_table_find_hashed(rg->t, key, len, h);
    if (!first) return 0;
    int one_country = region_country(pt, first) != NULL;
    for (size_t k = 0; k < n; k++) {
        if (c[k].population >= LARGE_CITY) return 0;
        for (const fx_table_row *r = first; one_country && r; r = next_row(rg->t, r))
            if (strcmp(country_code(&c[k]), fx_place_field(r, rg->country_code)) == 0 &&
                strcmp(fx_place_field(c[k].row, c[k].table->region), fx_place_field(r, rg->region)) == 0)
                return 0;
    }
    return 1;
}

/* Do the words around [start, end) say that it is a city? */
static int says_city(const fx_doc *doc, const fx_place_tables *pt, size_t start, size_t end, int named)
{
    const char *t = doc->text;
    size_t len = doc->text_len, ws, we;
    if (named) return 1;                                    /* "in Reading, England" */
    /* a dateline, followed by text in lower case too ("DELTA, UNION AND
     * CENTRAL LEADERS MET" is a heading) */
    size_t ls, le;
    if (!has_lower(t + start, end - start) && is_dateline(doc, start, end) && short_line(t, len, start, &ls, &le) &&
        has_lower(t + end, le - end))
        return 1;
    if (end + 6 <= len && memcmp(t + end, "-based", 6) == 0) return 1;
    if (word_after(t, len, end, " ", &ws, &we) && has_role(pt, t + ws, we - ws, ROLE_TITLE)) return 1;
    if (word_after(t, len, end, "'s ", &ws, &we) && has_role(pt, t + ws, we - ws, ROLE_TITLE)) return 1;
    if (start >= 4 && memcmp(t + start - 4, " of ", 4) == 0 && word_before(t, start - 3, &ws, &we) &&
        has_role(pt, t + ws, we - ws, ROLE_PLACE | ROLE_TITLE))
        return 1;
    return 0;
}

/* Is the fact next to another, unguarded, city in a list ("Aarhus, Viborg
 * and Billund")? */
static int listed_with_city(const fx_doc *doc, const fx_place_tables *pt, size_t index)
{
    static const char *const seps[] = {", ", " and ", ", and ", " & ", " or ", ", or "};
    const fx_fact *me = &doc->facts[index];
    for (int dir = -1; dir <= 1; dir += 2) {
        size_t j = index;
        for (;;) {
            if (dir < 0 ? j == 0 : j + 1 >= doc->fact_count) break;
            j = dir < 0 ? j - 1 : j + 1;
            if (doc->facts[j].type == FX_CITY) break;
        }
        if (j == index || doc->facts[j].type != FX_CITY) continue;
        const fx_fact *o = &doc->facts[j];
        if (o->candidate->rejected) continue;           /* decided already, and dropped */
        size_t gap_from = dir < 0 ? o->norm_end : me->norm_end;
        size_t gap_to = dir < 0 ? me->norm_start : o->norm_start;
        if (gap_to < gap_from) continue;
        int sep = 0;
        for (size_t s = 0; s < sizeof seps / sizeof *seps; s++)
            if (strlen(seps[s]) == gap_to - gap_from && memcmp(doc->text + gap_from, seps[s], gap_to - gap_from) == 0)
                sep = 1;
        if (!sep) continue;
        /* not "SHANGHAI, March 3": a dateline is no list, a month has a day */
        const char *key = doc->text + o->norm_start;
        size_t key_len = o->norm_end - o->norm_start;
        if (!has_lower(key, key_len)) continue;
        if (me->norm_end + 1 < doc->text_len && doc->text[me->norm_end] == ' ' &&
            doc->text[me->norm_end + 1] >= '0' && doc->text[me->norm_end + 1] <= '9')
            continue;
        if (!guard_kind(pt, key, key_len)) return 1;
    }
    return 0;
}

/* Is the fact the region or country after a city ("London, Ontario")? */
static int follows_city_in_region(fx_doc *doc, place_doc *pd, size_t index)
{
    const fx_fact *me = &doc->facts[index];
    if (index == 0) return 0;
    const fx_fact *prev = &doc->facts[index - 1];
    /* the region's text runs from after ", " to the fact's end: "Ontario",
     * "British Columbia" (whose "Columbia" is a city's name too) */
    size_t from = prev->norm_end + 2;
    if (prev->type != FX_CITY || from > me->norm_start || memcmp(doc->text + prev->norm_end, ", ", 2) != 0 ||
        !prev->candidate->entry || prev->candidate->rejected)
        return 0;
    const char *said = doc->text + from;
    size_t said_len = me->norm_end - from;
    const gathered *g = gather_row(doc, pd, prev->candidate->entry);
    const fx_city_choice *c = g->choices;
    for (size_t k = 0; k < g->n; k++) {
        const char *region = fx_place_field(c[k].row, c[k].table->region);
        if (strncmp(region, said, said_len) == 0 && (region[said_len] == '\0' || region[said_len] == ' ')) return 1;
    }
    return 0;
}

const char *fx_resolve_city(fx_resolve_env *env, fx_fact *fact)
{
    fx_doc *doc = env->doc;
    place_doc *pd = place_of(env);
    const fx_place_tables *pt = pd->pt;
    const fx_table_row *entry = fact->candidate->entry;
    const char *key;
    long key_len;
    if (entry) {
        key = entry->key;
        key_len = (long)entry->key_length;
    } else {
        key_len = fx_fact_group(doc, fact, "name", &key);
        if (key_len <= 0) return "no name in the match (its group 'name' is empty)";
    }
    size_t start = fact->norm_start, end = fact->norm_end;
    const char *text = doc->text + start;
    int caps = !has_lower(text, end - start) && has_lower(key, (size_t)key_len);

    if (!pd->read) read_document(env, pd);
    size_t ws, we;
    int has_after = word_after(doc->text, doc->text_len, end, " ", &ws, &we);
    uint32_t after = has_after ? roles_of(pt, doc->text + ws, we - ws) : 0;
    if (part_of_name(doc, pt, start, end, caps, after, has_after && is_upper_at(doc->text, doc->text_len, ws)))
        return "part of a longer name, or an acronym";
    if (is_feature_name(doc, pd, key, (size_t)key_len)) return "the name of a district in this document ('Tongzhou district')";
    /* "Washington state", "New York state": this mention is the region */
    if (after & ROLE_REGION) return "a region named with the word after it ('Washington state')";

    const city_fact *read = city_fact_read(pd, doc, env->index);
    gathered *g = read ? read->g : gather_cached(doc, pd, key, (size_t)key_len);
    const fx_city_choice *c = g->choices;
    size_t n = g->n;
    if (!n) return "no city of that name in the gazetteer";
    /* "Venezuela" the country (but Singapore the city-state), "Ontario" in
     * "London, Ontario" */
    const char *as_country = g->country;
    if (as_country) {
        int city_state = 0;
        for (size_t k = 0; k < n; k++) city_state |= strcmp(country_code(&c[k]), as_country) == 0;
        if (!city_state) return "the name of a country, not of a city-state";
    }
    if (follows_city_in_region(doc, pd, env->index)) return "the region or country after a city ('London, Ontario')";
    int named = read ? read->said : 0;
    const fx_city_choice *pick = read ? read->pick : named_after(doc, pd, end, c, n, &named);
    if (is_surname(doc, pd, text, end - start) && speaks(doc, pt, start, end) && !says_city(doc, pt, start, end, named))
        return "a person's surname in this document (after a first name or a title), speaking";

    const char *kind = g->guard;
    int region = !kind && g->region;
    if (region) kind = "word";
    if (kind) {
        /* a Title Case heading capitalises words too: "Why Mobile Phones Matter" */
        int needs = strcmp(kind, "initial") != 0 || caps || starts_sentence(doc, start) ||
                    in_title_line(doc->text, doc->text_len, start);
        /* "In Oregon, Portland is ...": a region before a city is no list */
        if (needs && !says_city(doc, pt, start, end, named) && !city_here(pd, key, (size_t)key_len) &&
            (region || !listed_with_city(doc, pt, env->index)))
            return region ? "also a region's name, and nothing around it says it is the city"
                          : "a word with other uses (a guarded name), and nothing around it says it is a city";
    }

    const char *evidence = pick ? "named by the country or region after it" : NULL;
    if (!pick && n == 1) {
        pick = &c[0];
        evidence = "the only city of that name";
    }
    if (!pick && (pick = sense_of(pd, key, (size_t)key_len, start)))
        evidence = "the document's sense of the name (a mention naming its country or region)";
    int decided = pick != NULL;
    double *score = NULL;
    if (!pick) {
        /* The country the article is about outweighs a somewhat larger
         * namesake, not a far larger one: score = log10(population) +
         * COUNTRY_WEIGHT * mentions / mentions of the top country +
         * REGION_WEIGHT if the article names the city's region, so
         * "London" in a Canadian article is London, Ontario, but "Paris"
         * in an article that names the United States twice stays Paris. */
        size_t top = 0;
        for (size_t i = 0; i < pd->countries.n; i++)
            if (pd->countries.at[i].count > top) top = pd->countries.at[i].count;
        score = fx_arena_alloc(&doc->arena, n * sizeof *score);
        size_t best = 0, second = n;
        for (size_t k = 0; k < n; k++) {
            score[k] = log10(c[k].population + 10.0);
            if (top) score[k] += COUNTRY_WEIGHT * (double)mentions_of(&pd->countries, country_code(&c[k])) / (double)top;
            if (region_named(pd->text, fx_place_field(c[k].row, c[k].table->region))) score[k] += REGION_WEIGHT;
            if (score[k] > score[best]) best = k;
        }
        for (size_t k = 0; k < n; k++)
            if (k != best && (second == n || score[k] > score[second])) second = k;
        pick = &c[best];
        /* a near tie (within a factor of ten) stays open: keep the candidates */
        decided = second == n || score[best] - score[second] >= 1.0;
        evidence = "the highest score: log10(population) + 1.5 x mentions of its country / mentions of the "
                   "article's top country + 1 if the article names its region";
    }
    fx_city_resolution *res = fx_arena_alloc(&doc->arena, sizeof *res);
    res->pick = pick;
    res->choices = c;
    res->choice_count = n;
    res->decided = decided;
    res->scores = score;
    res->evidence = evidence;
    fact->resolution = res;
    return NULL;
}

/* ---- misspellings ------------------------------------------------------- */

/* MIN_TYPO: the shortest word taken for a misspelling (a short name is one
 * slip from too many words); MAX_LETTERS: the longest word or city
 * compared; MAX_SPELT: the cities compared with each word, so that the
 * pass stays linear in the words. */
enum { MIN_TYPO = 6, MAX_LETTERS = 64, MAX_SPELT = 64 };

/* Misspellings found by the document pass: no pattern, no list. */
static const fx_rule typo_rule = {
    .id = "city.typo",
    .file = "src/resolve_city.c",
    .line = 1,
    .order = (size_t)-1,
    .type = FX_CITY,
    .priority = 0,
    .value_name = "city",
    .value_kind = FX_VALUE_CITY,
};

/* A city as the article spells it: its bytes in the text (compared with
 * a word's by fx_one_edit_apart_utf8, not decoded) and its letters. */
typedef struct spelt {
    const char *text;
    size_t len;
    size_t letters;
    size_t fact;                /* its first fact */
} spelt;

/* Is s[0..len) a word or name of its own: a place, a person's first name,
 * an organisation, a sentence's word, or an English word one slip from a
 * city ("Austen", "Maiden")? */
static int known_word(const fx_place_tables *pt, const char *s, size_t len)
{
    uint64_t h = fx_hash_bytes(s, len);     /* one hash for the twelve tables */
    return is_city_key_hashed(pt, s, len, h) || in_table_hashed(&pt->countries, s, len, h) ||
           in_table_hashed(&pt->country_aliases, s, len, h) || in_table_hashed(&pt->regions, s, len, h) ||
           in_table_hashed(&pt->given_names, s, len, h) || in_table_hashed(&pt->family_names, s, len, h) ||
           in_table_hashed(&pt->guards, s, len, h) || in_table_hashed(&pt->stopwords, s, len, h) ||
           in_table_hashed(&pt->org_list, s, len, h) || in_table_hashed(&pt->near_words, s, len, h);
}

/* The one-word cities the article names in mixed case, each spelling
 * once, at most MAX_SPELT; only a gazetteer match, whose table row a
 * misspelling's fact can carry. */
static size_t cities_spelt(fx_doc *doc, place_doc *pd, spelt *out)
{
    size_t n = 0;
    for (size_t f = 0; f < doc->fact_count && n < MAX_SPELT; f++) {
        const fx_fact *fact = &doc->facts[f];
        const char *s = doc->text + fact->norm_start;
        size_t len = fact->norm_end - fact->norm_start;
        /* fewer bytes than the letters kept: fewer letters too, not decoded */
        if (fact->type != FX_CITY || len < MIN_TYPO - 1 || !fact->resolution || !fact->candidate->entry ||
            !has_lower(s, len))
            continue;
        /* a spelling read before is not read again: its text is its
         * row's key (a list match's bytes: title case finds no key for a
         * word with a lower-case letter), whose gathered is the
         * document's one of those bytes, whatever the table, and has the
         * key's letters, counted where it was gathered (most often in
         * another document: the thread's cache) */
        gathered *g = gather_row(doc, pd, fact->candidate->entry);
        if (g->spelt) continue;
        g->spelt = 1;
        size_t letters = g->letters;
        if (letters >= MIN_TYPO - 1 && letters <= MAX_LETTERS)
            out[n++] = (spelt){.text = s, .len = len, .letters = letters, .fact = f};
    }
    return n;
}

void fx_resolve_city_typos(fx_resolve_env *env)
{
    fx_doc *doc = env->doc;
    place_doc *pd = env->place;
    if (!pd || !pd->read) return;   /* no city fact: nothing to misspell */
    const fx_place_tables *pt = pd->pt;
    spelt cities[MAX_SPELT];    /* on the stack, not zeroed in the arena for each document */
    size_t city_count = cities_spelt(doc, pd, cities);
    if (!city_count) return;
    /* The comparison's first tests, below, for all the cities at once:
     * per ASCII letter, the cities (a bit each: MAX_SPELT is 64) whose
     * first or second letter it is (by_lead), or whose last or last but
     * one (by_tail: of two words one slip apart, the last two letters
     * share one as the first two do); per length in letters, the cities
     * of that length or one letter more or less. A word is compared
     * only with the cities all three say (a word's first or last two
     * letters not both ASCII: the masks of those that are): most words
     * none, and every test of the comparison's own is then one of the
     * slips. */
    uint64_t by_lead[128] = {0}, by_tail[128] = {0}, by_length[MAX_LETTERS + 2] = {0};
    for (size_t c = 0; c < city_count; c++) {
        const unsigned char *u = (const unsigned char *)cities[c].text;
        size_t len = cities[c].len, n = cities[c].letters, last = len - 1;
        while ((u[last] & 0xC0) == 0x80) last--;    /* the last letter's first byte */
        /* a letter is ASCII where its first byte is: the first two
         * letters' first bytes, the last one's last and the one before it */
        unsigned char lead[2] = {u[0], u[fx_one_edit_char_length(u[0])]}, tail[2] = {u[len - 1], u[last - 1]};
        for (size_t i = 0; i < 2; i++) {
            if (lead[i] < 0x80) by_lead[lead[i]] |= 1ull << c;
            if (tail[i] < 0x80) by_tail[tail[i]] |= 1ull << c;
        }
        by_length[n - 1] |= 1ull << c;
        by_length[n] |= 1ull << c;
        by_length[n + 1] |= 1ull << c;
    }
    uint64_t every_city = city_count == 64 ? ~0ull : (1ull << city_count) - 1;
    const char *t = doc->text;
    size_t len = doc->text_len, f = 0;
    const fx_tokens *tokens = fx_doc_tokens(doc);
    const fx_words *words = tokens->words;
    fx_span *found = NULL;
    size_t *source = NULL, found_count = 0, found_cap = 0;
    /* locals, as read_text's: the calls below could change what they hold, as far as GCC knows */
    const size_t *capitals = tokens->capitals, *starts = words->start, *ends = words->end;
    size_t capital_count = tokens->capital_count, doc_fact_count = doc->fact_count;
    const fx_fact *doc_facts = doc->facts;
    for (size_t j = 0; j < capital_count; j++) {    /* a misspelling is capitalised */
        size_t s = starts[capitals[j]], e = ends[capitals[j]];
        /* the tests of the word's bytes first, then whether a fact has it;
         * fewer bytes than MIN_TYPO: fewer letters too, not decoded */
        if (e - s < MIN_TYPO) continue;
        unsigned char u0 = (unsigned char)t[s], u1 = (unsigned char)t[s + 1];
        unsigned char z0 = (unsigned char)t[e - 1], z1 = (unsigned char)t[e - 2];
        uint64_t near = every_city;
        if (u0 < 0x80 && u1 < 0x80) {
            near = by_lead[u0] | by_lead[u1];
            if (!near) continue;
        }
        if (z0 < 0x80 && z1 < 0x80) near &= by_tail[z0] | by_tail[z1];
        if (!near) continue;
        size_t n = fx_utf8_letters(t + s, e - s), c = city_count;
        if (n < MIN_TYPO || n > MAX_LETTERS || !(near &= by_length[n])) continue;
        while (f < doc_fact_count && doc_facts[f].norm_end <= s) f++;
        if (f < doc_fact_count && doc_facts[f].norm_start < e) continue;   /* a fact's word */
        if (!capital_is_upper(t, len, s) || !has_lower(t + s, e - s)) continue;
        for (; near; near &= near - 1) {
            c = (size_t)__builtin_ctzll(near);
            if (fx_one_edit_apart_utf8(t + s, e - s, cities[c].text, cities[c].len)) break;
        }
        /* "Parisa said": a person one letter from Paris */
        if (!near || known_word(pt, t + s, e - s) || speaks(doc, pt, s, e)) continue;
        size_t cap = found_cap;
        found = push_span(doc, found, &found_count, &found_cap, s, e);
        if (found_cap != cap)
            source = fx_arena_grow(&doc->arena, source, cap * sizeof *source, found_cap * sizeof *source);
        source[found_count - 1] = cities[c].fact;
    }
    if (!found_count) return;

    /* the new facts in text order among the others; the facts point at
     * candidates, which adding may move */
    size_t old_count = doc->fact_count, first_new = doc->candidate_count;
    size_t *index = fx_arena_alloc(&doc->arena, old_count * sizeof *index);
    for (size_t i = 0; i < old_count; i++) index[i] = (size_t)(doc->facts[i].candidate - doc->candidates);
    const fx_table_row **entry = fx_arena_alloc(&doc->arena, found_count * sizeof *entry);
    const fx_city_resolution **meant = fx_arena_alloc(&doc->arena, found_count * sizeof *meant);
    for (size_t i = 0; i < found_count; i++) {
        entry[i] = doc->facts[source[i]].candidate->entry;
        meant[i] = doc->facts[source[i]].resolution;
        fx_doc_add_candidate(doc, &typo_rule, found[i].start, found[i].end, 0);
    }
    fx_fact *facts = fx_arena_alloc(&doc->arena, (old_count + found_count) * sizeof *facts);
    size_t a = 0, b = 0, n = 0;
    size_t *new_at = fx_arena_alloc(&doc->arena, found_count * sizeof *new_at);
    while (a < old_count || b < found_count) {
        if (b == found_count || (a < old_count && doc->facts[a].norm_start < found[b].start)) {
            facts[n] = doc->facts[a];
            facts[n++].candidate = &doc->candidates[index[a++]];
            continue;
        }
        fx_candidate *cand = &doc->candidates[first_new + b];
        cand->entry = entry[b];
        fx_resolve_fact_init(doc, &facts[n], cand);
        new_at[b++] = n++;
    }
    doc->facts = facts;
    doc->fact_count = n;

    /* each new fact as the resolver decides a match of the city's name,
     * then the city its correct spelling named */
    int dropped = 0;
    for (size_t i = 0; i < found_count; i++) {
        fx_fact *fact = &doc->facts[new_at[i]];
        fx_candidate *cand = &doc->candidates[first_new + i];
        env->index = new_at[i];
        cand->rejected = fx_resolve_city(env, fact);
        if (!cand->rejected) cand->rejected = fx_resolve_nul_check(doc, fact);
        if (cand->rejected) {
            dropped = 1;
            continue;
        }
        fx_city_resolution *res = fx_arena_alloc(&doc->arena, sizeof *res);
        *res = *meant[i];
        res->evidence = "a misspelling (one letter apart) of a city the document names";
        fact->resolution = res;
    }
    if (dropped) {
        size_t kept = 0;
        for (size_t i = 0; i < doc->fact_count; i++)
            if (!doc->facts[i].candidate->rejected) doc->facts[kept++] = doc->facts[i];
        doc->fact_count = kept;
    }
}
