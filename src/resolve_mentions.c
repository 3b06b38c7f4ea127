/* resolve_mentions.c - the document pass for organisations, as GATE's
 * orthomatcher does it: the names the rules found are looked for again in
 * the same document, in the shorter forms articles use for later mentions,
 * and a name that the document shows to be a person's is not an
 * organisation.
 *
 * Other mentions. Each organisation fact (not an acronym: those are linked
 * by their definitions) gives the forms it may take later:
 *   - its text: "Kalmar" found once by a cue is "Kalmar" everywhere;
 *   - its text without trailing legal forms (ORG_LEGAL_SUFFIXES):
 *     "Fjordline Shipping ASA" -> "Fjordline Shipping";
 *   - the words before its first head, industry or legal word, when only
 *     such words follow them: "Fjordline Shipping ASA" -> "Fjordline",
 *     "Halvorsen Marine" -> "Halvorsen"; not "Aalborg" of "Aalborg
 *     University" (a university is not called by its town) nor a first
 *     word that is a place, a demonym, a generic modifier, a stop word or
 *     a first name (the tables below);
 *   - a company named after its town by the rest ("Hangzhou Lantern
 *     Technology Co., Ltd." -> "Lantern");
 *   - its head word alone, after "the" ("the European Commission" -> "the
 *     Commission", "the Ministry of Finance" -> "the Ministry");
 *   - the acronym the document defines for it, even where a gazetteer took
 *     it for a town ("Business Region Aarhus (BRA)");
 *   - each of these in capitals ("FJORDLINE").
 * A form is a mention where it stands as whole words (a possessive "'s"
 * may follow), no fact covers it, and it is not part of a longer
 * capitalised name or a person's name ("Lars Fjordline"). A form that two
 * organisations share goes with the nearer one before it. The forms are
 * indexed by hash and the text read once (each form searched for in the
 * whole text made long documents quadratic). A known name that goes on in
 * capitals is one name ("Goldman Sachs", "Volvo Cars"), and a known name
 * joined by "and" to a name a pattern rule took with it is two names
 * ("Goldman Sachs and Carnegie Investment Bank").
 *
 * Long forms. Before the resolvers, capitalised words that an acronym in
 * parentheses defines become a fact ("Hydrogen Europe (HE)"), so that the
 * organisation resolver links the acronym to them.
 *
 * Entities. Last, facts with the same name and facts found to be forms of
 * one another get one entity number and the fullest name among them.
 *
 * Lists. A capitalised name in a list with an organisation is one too:
 * "Ørsted, European Energy and Everfuel", "Maersk and Hapag-Lloyd". Between
 * two organisations of the list it may even be a name the gazetteer took
 * for a city ("Volvo, Kalmar and Scania"); as the last item it must not be
 * a place ("the EU and Norway").
 *
 * Mentions and list items are facts of the rule org.mention (below), which
 * has the flag person_guard.
 *
 * Persons. A fact of a rule with the flag person_guard is dropped (by the
 * organisation resolver, fx_org_person) when a first name or a title stands
 * right before it ("Lars Nielsen", "Mr Halvorsen"), when it is one word
 * that the document uses as a surname elsewhere ("Anna Berg ... Berg said
 * its"), or, for a pattern rule, when its first word is a first name and
 * it has two or three words without a head word ("Anna Berg's chief
 * executive").
 *
 * Tables (declared in rules/orgs*.rules; a missing table is empty):
 * GIVEN_NAMES, FAMILY_NAMES_FIRST, PERSON_TITLES, ORG_STOPWORDS, ORG_DEMONYMS,
 * ORG_GENERIC_MODIFIERS, ORG_HEADS, ORG_HEADS_INDUSTRY, ORG_LEGAL_SUFFIXES, ORG_EVENT_WORDS,
 * COUNTRIES, CITIES, CITY_ALIASES, CITY_SUPPLEMENT, ORGS, ORG_LIST.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "org.h"
#include "resolve_impl.h"
#include "words.h"

/* Mentions found by the document pass: no pattern, no list. */
static const fx_rule mention_rule = {
    .id = "org.mention",
    .file = "src/resolve_mentions.c",
    .line = 1,
    .order = (size_t)-1,
    .type = FX_ORG,
    .priority = 0,
    .flags = FX_RULE_PERSON_GUARD,
    .value_name = "org",
    .value_kind = FX_VALUE_ORG,
};

/* ---- an index of names -------------------------------------------------- */

/* Byte strings looked up in constant time, so that the document pass stays
 * linear: comparing each organisation with every other, or searching the
 * whole text once per organisation, made long documents quadratic. Open
 * addressing in the document's arena, doubled when half full; the strings
 * themselves are the caller's (the text, or arena copies). caseless: ASCII
 * letters compare without case. */
typedef struct name_slot {
    const char *text;       /* NULL: an empty slot */
    size_t len;
    size_t value;
    uint64_t hash;          /* hash_text of text (or the caller's): kept, so that growing
                               the index and probing hash no text again */
} name_slot;

typedef struct name_index {
    name_slot *slots;
    size_t slot_count, count;
    int caseless;
} name_index;

static unsigned char fold_case(unsigned char c, int caseless)
{
    return caseless ? fx_ascii_lower(c) : c;
}

/* Bit 0x20 of each of eight bytes: set, it lowers ASCII letters without
 * a test (a few other bytes hash alike too, which same_text tells apart). */
#define CASE_BITS 0x2020202020202020ull

/* A hash of s[0..n) eight bytes a step, each eight ORed with fold
 * (CASE_BITS, or 0 for the bytes as written), the last eight read where n
 * is no multiple of eight (fewer bytes when shorter), and its length: a
 * multiplication a step, where FNV-1a costs one a byte. Every byte counts:
 * by its ends alone, names alike at both ("Alpha12345 Kvarnholm ASA",
 * "Alpha12346 ...") shared one probe chain, as long as such names were
 * many (x9 the time for x4 such a text). The index only finds a text
 * again, and its comparison settles the rest. */
static uint64_t hash_folded(const char *s, size_t n, uint64_t fold)
{
    uint64_t h = n * 0x9E3779B97F4A7C15ull, word = 0;
    if (n < 8) {
        for (size_t i = 0; i < n; i++) word = word << 8 | (unsigned char)s[i];
        return ((word | fold) ^ h) * 0xC2B2AE3D27D4EB4Full;
    }
    for (size_t i = 0; i + 8 < n; i += 8) {
        memcpy(&word, s + i, 8);
        h = (h ^ (word | fold)) * 0x9E3779B97F4A7C15ull;
        h ^= h >> 32;
    }
    memcpy(&word, s + n - 8, 8);
    return (h ^ (word | fold)) * 0xC2B2AE3D27D4EB4Full;
}

/* The index's hash: caseless, hash_folded's (the entities' names, some 4,000
 * a MB); else FNV-1a (hash.h), as the tokens hash each word. */
static uint64_t hash_text(const char *s, size_t n, int caseless)
{
    return caseless ? hash_folded(s, n, CASE_BITS) : fx_hash_bytes(s, n);
}

static int same_text(const char *a, const char *b, size_t n, int caseless)
{
    if (!caseless) return memcmp(a, b, n) == 0;
    for (size_t i = 0; i < n; i++)
        if (fold_case((unsigned char)a[i], 1) != fold_case((unsigned char)b[i], 1)) return 0;
    return 1;
}

/* The slot holding s[0..n) (hash h), or the empty one where it would go.
 * Inline: some 45,000 probes a MB, and a call's saving and restoring of
 * registers cost more than most probes. */
static inline name_slot *index_probe(const name_index *x, const char *s, size_t n, uint64_t h)
{
    size_t mask = x->slot_count - 1;
    for (size_t i = (size_t)(h ^ (h >> 31)) & mask;; i = (i + 1) & mask) {
        name_slot *slot = &x->slots[i];
        if (!slot->text || (slot->hash == h && slot->len == n && same_text(slot->text, s, n, x->caseless)))
            return slot;
    }
}

/* The slot of s[0..n) whose hash is h, or NULL. */
static const name_slot *index_find_hashed(const name_index *x, const char *s, size_t n, uint64_t h)
{
    if (!x->count) return NULL;
    const name_slot *slot = index_probe(x, s, n, h);
    return slot->text ? slot : NULL;
}

/* x with twice the slots (32 at first: 16 names, which most documents'
 * indexes do not pass; the slots are zeroed, 32 bytes each, and 64 at
 * first cost more in zeroing than the moves of the indexes that grow
 * past 16), its names moved. */
static void index_grow(fx_arena *arena, name_index *x)
{
    name_index bigger = {.slot_count = x->slot_count ? 2 * x->slot_count : 32, .caseless = x->caseless};
    bigger.slots = fx_arena_alloc(arena, bigger.slot_count * sizeof *bigger.slots);
    for (size_t i = 0; i < x->slot_count; i++)
        if (x->slots[i].text) *index_probe(&bigger, x->slots[i].text, x->slots[i].len, x->slots[i].hash) = x->slots[i];
    bigger.count = x->count;
    *x = bigger;
}

/* The slot of s[0..n), whose hash is h: found, or added with value (s
 * must outlive x). Inline as index_probe. */
static inline name_slot *index_add_hashed(fx_arena *arena, name_index *x, const char *s, size_t n, uint64_t h,
                                          size_t value)
{
    if (2 * (x->count + 1) > x->slot_count) index_grow(arena, x);
    name_slot *slot = index_probe(x, s, n, h);
    if (!slot->text) {
        *slot = (name_slot){s, n, value, h};
        x->count++;
    }
    return slot;
}

static name_slot *index_add(fx_arena *arena, name_index *x, const char *s, size_t n, size_t value)
{
    return index_add_hashed(arena, x, s, n, hash_text(s, n, x->caseless), value);
}

/* ---- words and tables ------------------------------------------------- */

void fx_org_tables_find(const fx_context *ctx, fx_org_tables *tables)
{
    fx_org_tables t = {
        .given = fx_rules_table(ctx, "GIVEN_NAMES"),
        .family = fx_rules_table(ctx, "FAMILY_NAMES_FIRST"),
        .titles = fx_rules_table(ctx, "PERSON_TITLES"),
        .stop = fx_rules_table(ctx, "ORG_STOPWORDS"),
        .demonyms = fx_rules_table(ctx, "ORG_DEMONYMS"),
        .generic = fx_rules_table(ctx, "ORG_GENERIC_MODIFIERS"),
        .heads = fx_rules_table(ctx, "ORG_HEADS"),
        .industry = fx_rules_table(ctx, "ORG_HEADS_INDUSTRY"),
        .legal = fx_rules_table(ctx, "ORG_LEGAL_SUFFIXES"),
        .events = fx_rules_table(ctx, "ORG_EVENT_WORDS"),
        .function_words = fx_rules_table(ctx, "ORG_FUNCTION_WORDS"),
        .campus = fx_rules_table(ctx, "ORG_HEADS_CAMPUS"),
        .known = {fx_rules_table(ctx, "ORGS"), fx_rules_table(ctx, "ORG_LIST")},
        .places = {fx_rules_table(ctx, "COUNTRIES"), fx_rules_table(ctx, "CITIES"),
                   fx_rules_table(ctx, "CITY_ALIASES"), fx_rules_table(ctx, "CITY_SUPPLEMENT")},
    };
    for (int k = 0; k < 2; k++) {
        t.known_columns[k][FX_ORG_NAME] = t.known[k] ? fx_table_column(t.known[k], "name") : -1;
        t.known_columns[k][FX_ORG_ACRONYM_OF] = t.known[k] ? fx_table_column(t.known[k], "acronym_of") : -1;
    }
    *tables = t;
}

void fx_org_filters_build(fx_org_tables *t, fx_arena *arena)
{
    t->person_words = fx_table_keys_filter((const fx_table *const[3]){t->titles, t->given, t->family}, 3, arena);
    t->head_words = fx_table_keys_filter((const fx_table *const[3]){t->heads, t->industry, t->legal}, 3, arena);
    /* the function words as a lookup of the word folded to lower case
     * found them: a key in lower case (another is never found), its first
     * row, its "joins" a number >= 0 (fx_table_number_caseless) */
    const fx_table *fw = t->function_words;
    size_t rows = fw ? fw->row_count : 0;
    int joins = fw ? fx_table_column(fw, "joins") : -1;
    t->function_rows = fx_arena_alloc(arena, (rows ? rows : 1) * sizeof *t->function_rows);
    for (size_t r = 0; r < rows; r++) {
        const fx_table_row *row = &fw->rows[r];
        const char *field = joins >= 0 ? fx_table_row_field(row, (size_t)joins) : "";
        int lower = row->key_length < 32;   /* fx_table_number_caseless's longest */
        for (size_t i = 0; lower && i < row->key_length; i++)
            lower = fx_ascii_lower((unsigned char)row->key[i]) == (unsigned char)row->key[i];
        if (lower && fx_table_find(fw, row->key, row->key_length) == row && *field && atoi(field) >= 0)
            t->function_rows[t->function_count++] = row;
    }
}

/* May the word of hash h be a title, a given name or a family name? */
static int may_name_a_person(const fx_org_tables *t, uint64_t h)
{
    return fx_bloom_may_have(t->person_words.bits, t->person_words.mask, h);
}

static int in_table(const fx_table *t, const char *s, size_t n)
{
    return t && n && fx_table_find(t, s, n) != NULL;
}

/* Is s[0..n) a name known as written (ORGS, ORG_LIST)? */
static int is_known_name(const fx_org_tables *t, const char *s, size_t n)
{
    return in_table(t->known[0], s, n) || in_table(t->known[1], s, n);
}

/* in_table for a word whose fx_hash_bytes is h (tokens.h has every word's). */
static int in_table_hashed(const fx_table *t, const char *s, size_t n, uint64_t h)
{
    return fx_table_find_hashed(t, s, n, h) != NULL;
}

/* A function word that may join the capitalised words of a long form,
 * written as the table has it (lower case): "of", "and", "&". */
static int joins_long_form(const fx_org_tables *t, const char *s, size_t n)
{
    const fx_table_row *row = t->function_words && n ? fx_table_find(t->function_words, s, n) : NULL;
    return row && strcmp(fx_table_field(t->function_words, row, "joins"), "1") == 0;
}

static int is_upper_start(const char *s, size_t n)
{
    unsigned char c = (unsigned char)s[0];
    return n && ((c >= 'A' && c <= 'Z') || c >= 0xC0);
}

/* A word that starts a person's name: a first name that is not also a
 * stop word ("May", "June" are months), or a family name written first
 * ("Wang Yi"). */
static int is_given_name_hashed(const fx_org_tables *t, const char *s, size_t n, uint64_t h)
{
    return may_name_a_person(t, h) && (in_table_hashed(t->given, s, n, h) || in_table_hashed(t->family, s, n, h)) &&
           !in_table_hashed(t->stop, s, n, h);
}

static int is_given_name(const fx_org_tables *t, const char *s, size_t n)
{
    return is_given_name_hashed(t, s, n, fx_hash_bytes(s, n));
}

/* A word that makes what follows a person's name: a title or role ("Mr",
 * "Dr.", "chief executive") or a first name. */
static int names_a_person_hashed(const fx_org_tables *t, const char *s, size_t n, uint64_t h)
{
    return may_name_a_person(t, h) && (in_table_hashed(t->titles, s, n, h) || is_given_name_hashed(t, s, n, h));
}

static int names_a_person(const fx_org_tables *t, const char *s, size_t n)
{
    return names_a_person_hashed(t, s, n, fx_hash_bytes(s, n));
}

static int is_head_word_hashed(const fx_org_tables *t, const char *s, size_t n, uint64_t h)
{
    return fx_bloom_may_have(t->head_words.bits, t->head_words.mask, h) &&
           (in_table_hashed(t->heads, s, n, h) || in_table_hashed(t->industry, s, n, h) ||
            in_table_hashed(t->legal, s, n, h));
}

static int is_head_word(const fx_org_tables *t, const char *s, size_t n)
{
    return is_head_word_hashed(t, s, n, fx_hash_bytes(s, n));
}

/* Can this word alone stand for an organisation named with more words? */
static int distinctive(const fx_org_tables *t, const char *s, size_t n)
{
    if (n < 3 || !is_upper_start(s, n)) return 0;
    uint64_t h = fx_hash_bytes(s, n);   /* one hash for the twelve tables */
    if (is_head_word_hashed(t, s, n, h) || in_table_hashed(t->stop, s, n, h) || in_table_hashed(t->demonyms, s, n, h) ||
        in_table_hashed(t->generic, s, n, h) || is_given_name_hashed(t, s, n, h))
        return 0;
    for (size_t k = 0; k < sizeof t->places / sizeof *t->places; k++)
        if (in_table_hashed(t->places[k], s, n, h)) return 0;
    return 1;
}

/* The word before pos (skipping one space), as [*ws, *we); 0 if none. */
static int word_before(const char *text, size_t pos, size_t *ws, size_t *we)
{
    if (pos < 2 || text[pos - 1] != ' ') return 0;
    size_t e = pos - 1, s = e;
    if (s > 0 && text[s - 1] == '.') e = --s;     /* "Mr." */
    while (s > 0 && fx_is_word_byte((unsigned char)text[s - 1])) s--;
    if (s == e) return 0;
    *ws = s;
    *we = e;
    return 1;
}

/* The word after pos (after one space), as [*ws, *we); 0 if none. */
static int word_after(const char *text, size_t len, size_t pos, size_t *ws, size_t *we)
{
    if (pos + 1 >= len || text[pos] != ' ') return 0;
    size_t s = pos + 1, e = s;
    while (e < len && fx_is_word_byte((unsigned char)text[e])) e++;
    if (e == s) return 0;
    *ws = s;
    *we = e;
    return 1;
}

/* ---- persons ----------------------------------------------------------- */

/* What the text says, with the tables: the same in every round of a
 * document's resolution (resolve.h), so found once and kept across rounds
 * (env->org_text). */
struct fx_org_text {
    /* the capitalised words (the tokens' capitals) by their hash, for
     * is_surname: chains of indexes into the capitals, each + 1 (0 ends a
     * chain), from head[hash & mask]; built at the first need */
    size_t *head, *next, mask;
    /* per capitalised word: its text a surname (1), not (-1), not yet
     * asked (0); kept at the first word of its text on its chain, which
     * is_surname meets first */
    signed char *surname;
};

typedef struct fx_org_doc {
    fx_org_tables tables;
    struct fx_org_text *text;   /* env->org_text */
    /* organisation facts that name one organisation, found by the mention
     * pass (a form of one is the other's text), as spans: the facts move
     * when mentions are added */
    struct span_pair *same;
    size_t same_count, same_cap;
} fx_org_doc;

typedef struct span_pair { fx_span a, b; } span_pair;

static fx_org_doc *org_doc(fx_resolve_env *env)
{
    if (!env->org_doc) {
        env->org_doc = fx_arena_alloc(&env->doc->arena, sizeof *env->org_doc);
        memset(env->org_doc, 0, sizeof *env->org_doc);
        env->org_doc->tables = env->tables->org;
        if (!env->org_text) env->org_text = fx_arena_alloc(&env->doc->arena, sizeof *env->org_text);   /* zeroed */
        env->org_doc->text = env->org_text;
    }
    return env->org_doc;
}

/* Can word i, before a capitalised word, start a person's name by the
 * text alone: that word follows one space on, or one ". " on ("Dr. Berg")? */
static inline int before_name_word(const fx_words *w, const char *t, size_t i)
{
    size_t gap = w->start[i + 1] - w->end[i];
    return (gap == 1 && t[w->end[i]] == ' ') || (gap == 2 && t[w->end[i]] == '.');
}

/* Is word i, before word j (i < j <= i + 3), a word that names a person
 * ("Anna", "Mr") with only capitalised words joined to it up to j: "Anna
 * Maria Berg", "Anna M. Berg", "Lars Løkke Rasmussen", "Wang Yi"? */
static int names_person_before(const fx_org_tables *tables, const fx_tokens *tokens, const char *t, size_t i, size_t j)
{
    const fx_words *w = tokens->words;
    if (!may_name_a_person(tables, fx_token_hash(tokens, i)) || !before_name_word(w, t, i) ||
        !names_a_person_hashed(tables, t + w->start[i], w->end[i] - w->start[i], fx_token_hash(tokens, i)))
        return 0;
    for (size_t k = i + 1; k <= j; k++) {
        size_t gap = w->start[k] - w->end[k - 1], n = w->end[k] - w->start[k];
        /* one space, or ". " after an initial or a title ("Anna M.
         * Berg", "Dr. Berg"), which only the rare ". " asks */
        int joined = gap == 1 && t[w->end[k - 1]] == ' ';
        if (!joined && gap == 2 && t[w->end[k - 1]] == '.' && t[w->end[k - 1] + 1] == ' ')
            joined = w->end[k - 1] - w->start[k - 1] == 1 ||
                     (k == i + 1 && in_table(tables->titles, t + w->start[i], w->end[i] - w->start[i]));
        if (!joined || !is_upper_start(t + w->start[k], n) ||
            in_table_hashed(tables->stop, t + w->start[k], n, fx_token_hash(tokens, k)))
            return 0;
    }
    return 1;
}

/* The capitalised words' chains of od->text, by the tokens' hashes. */
static void index_capitals(struct fx_org_text *x, fx_doc *doc, const fx_tokens *tokens)
{
    size_t n = tokens->capital_count;
    x->mask = 15;
    while (x->mask < n) x->mask = 2 * x->mask + 1;
    x->head = fx_arena_alloc(&doc->arena, (x->mask + 1) * sizeof *x->head);    /* zeroed: empty chains */
    x->next = fx_arena_alloc_uninit(&doc->arena, (n ? n : 1) * sizeof *x->next);
    x->surname = fx_arena_alloc(&doc->arena, n ? n : 1);    /* zeroed: not asked */
    /* the arrays and the mask in locals: the chains' stores could be any
     * of them to the compiler, which would read them again at each word */
    size_t *heads = x->head, *next = x->next, mask = x->mask;
    const size_t *capitals = tokens->capitals;
    for (size_t k = 0; k < n; k++) {
        size_t *head = &heads[fx_token_hash(tokens, capitals[k]) & mask];
        next[k] = *head;
        *head = k + 1;
    }
}

/* od->text with its capitalised words' chains, built at the first call. */
static struct fx_org_text *capitals_indexed(fx_org_doc *od, fx_doc *doc, const fx_tokens *tokens)
{
    if (!od->text->head) index_capitals(od->text, doc, tokens);
    return od->text;
}

/* Does the document use the word s[0..n) as a surname: is it, not a
 * first name, written after a word that names a person and up to two
 * capitalised words more (names_person_before)? Asked at the capitalised
 * words with its bytes, found by their hash, and kept: a pass that read
 * the word before each capitalised word cost some 5,000 instructions a
 * document. */
static int is_surname(fx_org_doc *od, fx_doc *doc, const char *s, size_t n)
{
    const fx_tokens *tokens = fx_doc_tokens(doc);
    const fx_words *w = tokens->words;
    const char *t = doc->text;
    struct fx_org_text *x = capitals_indexed(od, doc, tokens);
    uint64_t h = fx_hash_bytes(s, n);
    signed char *answer = NULL;     /* at the first word with s's text */
    for (size_t k = x->head[h & x->mask]; k; k = x->next[k - 1]) {
        size_t j = tokens->capitals[k - 1], at = w->start[j];
        if (fx_token_hash(tokens, j) != h || w->end[j] - at != n || memcmp(t + at, s, n) != 0) continue;
        if (!answer) {
            answer = &x->surname[k - 1];
            if (*answer) return *answer > 0;
            *answer = -1;
            if (n == 1 || is_given_name_hashed(&od->tables, s, n, h)) return 0;
        }
        /* from the word before it back: every word of a name after its
         * first is capitalised, so one in lower case ("said Berg") starts
         * none and neither does a word before it */
        for (size_t i = j, low = j > 3 ? j - 3 : 0; i-- > low;) {
            if (names_person_before(&od->tables, tokens, t, i, j)) return *answer = 1;
            if (!is_upper_start(t + w->start[i], w->end[i] - w->start[i])) break;
        }
    }
    return 0;
}

const char *fx_org_person(fx_resolve_env *env, const fx_fact *fact)
{
    const fx_candidate *c = fact->candidate;
    if (!(c->rule->flags & FX_RULE_PERSON_GUARD)) return NULL;
    fx_doc *doc = env->doc;
    fx_org_doc *od = org_doc(env);
    const char *t = doc->text;
    size_t s = c->start, e = c->end, ws, we;
    if (word_before(t, s, &ws, &we) && names_a_person(&od->tables, t + ws, we - ws))
        return "a person's name: a first name or a title comes before it";
    size_t words = 1, first_end = s;
    while (first_end < e && fx_is_word_byte((unsigned char)t[first_end])) first_end++;
    /* counted past the first word, to four: one, two or three are asked */
    for (size_t i = first_end; i < e && words < 4; i++) words += t[i] == ' ';
    if (words == 1 && (is_surname(od, doc, t + s, e - s) || in_table(od->tables.family, t + s, e - s)))
        return "a person's name: the document uses it as a surname";
    /* a list's entry, or a mention that is a known name ("Morgan Stanley") */
    int known = c->entry || is_known_name(&od->tables, t + s, e - s);
    if (!known && words >= 2 && words <= 3 && is_given_name(&od->tables, t + s, first_end - s)) {
        size_t last = e;
        while (last > s && t[last - 1] != ' ') last--;
        if (!is_head_word(&od->tables, t + last, e - last)) return "a person's name: it starts with a first name";
    }
    return NULL;
}

/* ---- other mentions ---------------------------------------------------- */

#define MAX_FORMS 8
#define MAX_FORM_LEN 200

/* A form is a span of the document's text, or its capitals in the
 * document's arena: both outlive the pass, so the form set keeps the
 * pointer, not a copy. */
typedef struct form {
    const char *text;
    size_t len;
    int after_the;      /* a head word alone: only as "the Commission" */
    int acronym;        /* the acronym the document defines for the name */
} form;

/* Length of text[0..n) without trailing legal forms ("Co., Ltd."). */
static size_t without_legal_forms(const fx_org_tables *t, const char *s, size_t n)
{
    for (int again = 1; again;) {
        again = 0;
        for (size_t i = n; i-- > 1;) {
            if (s[i] != ' ') continue;
            if (in_table(t->legal, s + i + 1, n - i - 1)) {
                n = i;
                while (n > 0 && s[n - 1] == ',') n--;
                again = 1;
            }
            break;
        }
    }
    return n;
}

/* The leading words of s[0..n) before its first head, industry or legal
 * word, when only such words follow; 0 when there is no such prefix. */
static size_t name_before_heads(const fx_org_tables *t, const char *s, size_t n)
{
    size_t prefix = 0, i = 0;
    while (i < n) {
        size_t ws = i;
        while (i < n && s[i] != ' ') i++;
        size_t we = i;
        while (we > ws && s[we - 1] == ',') we--;
        int legal_rest = in_table(t->legal, s + ws, n - ws);
        if (legal_rest || is_head_word(t, s + ws, we - ws)) {
            if (!prefix) prefix = ws ? ws - 1 : 0;
            if (legal_rest) break;
        } else if (prefix) {
            return 0;           /* a name word after a head: "Nordvik Energy Systems Park" */
        }
        i++;
    }
    return prefix;
}

static void add_form(form *forms, size_t *count, const char *s, size_t n)
{
    if (*count == MAX_FORMS || n == 0 || n >= MAX_FORM_LEN) return;
    for (size_t k = 0; k < *count; k++)
        if (forms[k].len == n && memcmp(forms[k].text, s, n) == 0) return;
    forms[(*count)++] = (form){s, n, 0, 0};
}

static int has_lower_ascii(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] >= 'a' && s[i] <= 'z') return 1;
    return 0;
}

/* s[0..n) in capitals, in arena, when it is ASCII with a lower-case
 * letter; else NULL. Eight bytes at a time (most seeds get a form in
 * capitals): in an ASCII byte, adding 0x80 - 'a' sets the high bit from
 * 'a' up and adding 0x80 - 'z' - 1 from past 'z', with no carry into the
 * next byte; a lower-case letter loses 0x20. */
static const char *ascii_capitals(fx_arena *arena, const char *s, size_t n)
{
    const uint64_t ones = 0x0101010101010101u, high = 0x80 * ones;
    char *upper = fx_arena_alloc_uninit(arena, (n + 7) & ~(size_t)7);
    uint64_t bytes = 0, lower_letters = 0;
    for (size_t i = 0; i < n; i += 8) {
        uint64_t x = 0;
        memcpy(&x, s + i, n - i < 8 ? n - i : 8);
        uint64_t lower = (x + (0x80 - 'a') * ones) & ~(x + (0x80 - 'z' - 1) * ones) & high;
        bytes |= x;
        lower_letters |= lower;
        x -= lower >> 2;
        memcpy(upper + i, &x, 8);
    }
    return (bytes & high) || !lower_letters ? NULL : upper;
}

static int is_place(const fx_org_tables *t, const char *s, size_t n);

/* The forms a seed's later mentions may take. */
static size_t forms_of(fx_arena *arena, const fx_org_tables *t, const char *s, size_t n, form *forms)
{
    size_t count = 0;
    add_form(forms, &count, s, n);
    size_t bare = without_legal_forms(t, s, n);
    if (bare < n) add_form(forms, &count, s, bare);
    size_t prefix = name_before_heads(t, s, n);
    if (prefix) {
        size_t first = 0;
        while (first < prefix && s[first] != ' ') first++;
        if (distinctive(t, s, first)) add_form(forms, &count, s, prefix);
        /* a company named after its town goes by the rest: "Hangzhou
         * Lantern Technology Co., Ltd." -> "Lantern"; a body named by its
         * demonym does not ("Danish Football Association" is no
         * "Football") */
        else if (first < prefix && is_place(t, s, first) && !in_table(t->demonyms, s, first)) {
            size_t second = first + 1, end = second;
            while (end < prefix && s[end] != ' ') end++;
            if (distinctive(t, s + second, end - second)) add_form(forms, &count, s + second, prefix - second);
        }
    }
    /* capitals of each, for ASCII names ("FJORDLINE") */
    size_t plain = count;
    for (size_t k = 0; k < plain; k++) {
        const char *upper = ascii_capitals(arena, forms[k].text, forms[k].len);
        if (upper) add_form(forms, &count, upper, forms[k].len);
    }
    /* the head word alone, capitalised after "the": "the European
     * Commission ... the Commission said", "the Ministry of Finance ...
     * the Ministry said" */
    size_t last = bare, first = 0;
    while (last > 0 && s[last - 1] != ' ') last--;
    while (first < n && s[first] != ' ') first++;
    size_t head_at = 0, head_len = 0;
    if (last > 0 && in_table(t->heads, s + last, bare - last)) head_at = last, head_len = bare - last;
    else if (first < n && in_table(t->heads, s, first) && n - first > 4 &&
             (memcmp(s + first, " of ", 4) == 0 || memcmp(s + first, " for ", 5) == 0))
        head_len = first;
    if (head_len) {
        size_t before = count;
        add_form(forms, &count, s + head_at, head_len);
        if (count > before) forms[count - 1].after_the = 1;
    }
    return count;
}

/* The index of the first fact that ends after pos (facts are sorted and
 * do not overlap), or fact_count. */
static size_t first_ending_after(const fx_doc *doc, size_t pos)
{
    size_t lo = 0, hi = doc->fact_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (doc->facts[mid].norm_end <= pos) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

/* Is [s, e) covered (even in part) by a fact? */
static int covered(const fx_doc *doc, size_t s, size_t e)
{
    size_t k = first_ending_after(doc, s);
    return k < doc->fact_count && doc->facts[k].norm_start < e;
}

/* A mention stands as whole words and is no part of a longer capitalised
 * name or a person's name (in a line of capitals, "VESTAS DID NOT", every
 * word is capitalised: there only the word boundaries count). */
static int stands_alone(const fx_org_tables *t, const fx_doc *doc, size_t s, size_t e, int capitals)
{
    const char *text = doc->text;
    size_t ws, we;
    if (s > 0 && (fx_is_word_byte((unsigned char)text[s - 1]) || text[s - 1] == '-' || text[s - 1] == '&'))
        return 0;
    if (e < doc->text_len && (fx_is_word_byte((unsigned char)text[e]) || text[e] == '&')) return 0;
    if (e + 1 < doc->text_len && text[e] == '-' && fx_is_word_byte((unsigned char)text[e + 1]) &&
        is_upper_start(text + e + 1, 1))
        return 0;
    if (capitals) return 1;
    if (word_before(text, s, &ws, &we) && is_upper_start(text + ws, we - ws) && !in_table(t->stop, text + ws, we - ws))
        return 0;
    if (word_after(text, doc->text_len, e, &ws, &we) && is_upper_start(text + ws, we - ws) &&
        !in_table(t->stop, text + ws, we - ws))
        return 0;
    return 1;
}

/* ---- lists --------------------------------------------------------------- */

/* The end of a run of one to four capitalised words starting at pos
 * ("European Energy", "Hapag-Lloyd", "A.P."), or pos when there is none. A
 * stop word ends it. */
static size_t capitalised_run(const fx_org_tables *t, const char *text, size_t len, size_t pos)
{
    size_t end = pos, i = pos;
    for (int words = 0; words < 4 && i < len && is_upper_start(text + i, len - i); words++) {
        size_t e = i;
        while (e < len && (fx_is_word_byte((unsigned char)text[e]) ||
                           ((text[e] == '-' || text[e] == '&' || text[e] == '.') && e + 1 < len &&
                            fx_is_word_byte((unsigned char)text[e + 1]))))
            e++;
        if (in_table(t->stop, text + i, e - i)) break;
        end = e;
        if (e + 1 >= len || text[e] != ' ') break;
        i = e + 1;
    }
    return end;
}

/* The separators of a list's items, longest first where one begins
 * another; each starts with ',' or ' ' and ends with ' ', which the
 * functions below test first (most places are neither), then one byte of
 * each separator before the call that compares it (its last but one, or
 * its first going back: most separators tried are not there). */
static const struct { const char *text; size_t len; } list_seps[] = {
    {", and ", 6}, {", or ", 5}, {", ", 2}, {" and ", 5}, {" or ", 4}, {" & ", 3}};

/* Length of a list separator at pos: ", " ", and " " and " " or " ", or "
 * " & ", or 0. */
static size_t separator(const char *text, size_t len, size_t pos)
{
    if (pos + 1 >= len) return 0;
    /* the second byte tells most places apart: ", " or " a", " o", " &" */
    char c = text[pos + 1];
    if (text[pos] == ',' ? c != ' ' : text[pos] != ' ' || (c != 'a' && c != 'o' && c != '&')) return 0;
    for (size_t k = 0; k < sizeof list_seps / sizeof *list_seps; k++) {
        size_t n = list_seps[k].len;
        if (pos + n <= len && text[pos + n - 2] == list_seps[k].text[n - 2] &&
            memcmp(text + pos, list_seps[k].text, n) == 0)
            return n;
    }
    return 0;
}

/* The fact starting exactly at pos, or NULL. */
static const fx_fact *fact_at(const fx_doc *doc, size_t pos)
{
    size_t lo = 0, hi = doc->fact_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (doc->facts[mid].norm_start < pos) lo = mid + 1;
        else hi = mid;
    }
    return lo < doc->fact_count && doc->facts[lo].norm_start == pos ? &doc->facts[lo] : NULL;
}

static int is_place(const fx_org_tables *t, const char *s, size_t n)
{
    uint64_t h = fx_hash_bytes(s, n);
    for (size_t k = 0; k < sizeof t->places / sizeof *t->places; k++)
        if (in_table_hashed(t->places[k], s, n, h)) return 1;
    return in_table_hashed(t->demonyms, s, n, h);
}

/* A mention found: its span, whether it replaces the facts it covers, and
 * the organisation fact whose form it is (NULL for list items and long
 * forms). */
typedef struct mention {
    size_t start, end;
    int replaces;
    const fx_fact *seed;
    int acronym;        /* an acronym of the seed's name */
} mention;

static mention *push(fx_doc *doc, mention *found, size_t *count, size_t *cap, mention m)
{
    if (*count == *cap) {
        size_t ncap = *cap ? 2 * *cap : 16;
        found = fx_arena_grow_uninit(&doc->arena, found, *cap * sizeof *found, ncap * sizeof *found);
        *cap = ncap;
    }
    found[(*count)++] = m;
    return found;
}

/* May [s, e) be an item of a list with an organisation? flanked: there is
 * an organisation on both sides of it in the list. *replaces: it is a
 * city fact that the list shows to be an organisation. */
static int list_item_ok(const fx_org_tables *t, const fx_doc *doc, size_t s, size_t e, int flanked, int *replaces)
{
    const char *text = doc->text;
    size_t len = doc->text_len, first = s;
    while (first < e && text[first] != ' ') first++;
    const fx_fact *there = fact_at(doc, s);
    *replaces = 0;
    if (in_table(t->places[0], text + s, e - s)) return 0;     /* a country, even between companies */
    if (first == e && is_head_word(t, text + s, e - s)) return 0;     /* "Chase & Co.", "..., Ltd. and" */
    if (there) {
        if (!(flanked && there->norm_end == e && there->type == FX_CITY)) return 0;
        *replaces = 1;
    } else if (covered(doc, s, e)) {
        return 0;
    }
    if (!flanked && (is_place(t, text + s, first - s) || !stands_alone(t, doc, s, e, 0) ||
                     (e + 1 < len && text[e] == ' ' && is_upper_start(text + e + 1, len - e - 1))))
        return 0;
    /* "Danish companies", "Green Energy" are no names; "European Energy"
     * or "Mobile Industrial Robots" between two companies are */
    int modifier = in_table(t->demonyms, text + s, first - s) || in_table(t->generic, text + s, first - s);
    return !modifier || (flanked && first < e);
}

/* An organisation fact that is sure: an all-capitals word of the acronym
 * rule is one only once the resolver found it defined (it has a
 * resolution then). */
static int is_sure_org(const fx_fact *f)
{
    return f && f->type == FX_ORG && (f->resolution || f->candidate->rule->value_kind != FX_VALUE_ACRONYM);
}

static int is_org_at(const fx_doc *doc, size_t s, size_t e)
{
    const fx_fact *f = fact_at(doc, s);
    return is_sure_org(f) && f->norm_end == e;
}

/* Length of a list separator ending at pos, or 0. */
static size_t separator_before(const char *text, size_t pos)
{
    if (pos < 2 || text[pos - 1] != ' ') return 0;
    /* each ends in ", " "d " "r " or "& " */
    char c = text[pos - 2];
    if (c != ',' && c != 'd' && c != 'r' && c != '&') return 0;
    for (size_t k = 0; k < sizeof list_seps / sizeof *list_seps; k++) {
        size_t n = list_seps[k].len;
        if (pos >= n && text[pos - n] == list_seps[k].text[0] && memcmp(text + pos - n, list_seps[k].text, n) == 0)
            return n;
    }
    return 0;
}

/* The start of a run of one to four capitalised words ending at end, or
 * end when there is none (or it is longer). */
static size_t capitalised_run_before(const fx_org_tables *t, const char *text, size_t end)
{
    size_t start = end, e = end;
    for (int words = 0; words < 5; words++) {
        size_t s = e;
        while (s > 0 && (fx_is_word_byte((unsigned char)text[s - 1]) || text[s - 1] == '-' || text[s - 1] == '.'))
            s--;
        if (s == e || !is_upper_start(text + s, e - s) || in_table(t->stop, text + s, e - s)) break;
        if (words == 4) return end;     /* five capitalised words: part of something longer */
        start = s;
        if (s < 2 || text[s - 1] != ' ') break;
        e = s - 1;
    }
    return start;
}

/* An item's country after it, " of Finland" ("Kempower of Finland and
 * Zaptec of Norway"): the end of it from pos, or pos when there is none. */
static size_t country_after(const fx_org_tables *t, const char *text, size_t len, size_t pos)
{
    if (pos + 4 >= len || memcmp(text + pos, " of ", 4) != 0) return pos;
    size_t s = pos + 4, e = s;
    while (e < len && fx_is_word_byte((unsigned char)text[e])) e++;
    return e > s && in_table(t->places[0], text + s, e - s) ? e : pos;
}

/* The same before end: the start of " of Finland" ending at end, or end. */
static size_t country_before(const fx_org_tables *t, const char *text, size_t end)
{
    size_t s = end;
    while (s > 0 && fx_is_word_byte((unsigned char)text[s - 1])) s--;
    if (s == end || s < 4 || memcmp(text + s - 4, " of ", 4) != 0 || !in_table(t->places[0], text + s, end - s))
        return end;
    return s - 4;
}

/* The items of the list around the organisation at [name.start,
 * name.end) ("X, f and Y"): a
 * list needs an "and", "or" or "&" (a comma alone also joins appositions:
 * "Counsellor, Per Berg, Royal Danish Embassy"). Items inside the list are
 * flanked by others; the first and the last are checked harder. */
#define MAX_ITEMS 12

static mention *list_items(const fx_org_tables *t, fx_doc *doc, fx_span name, mention *found, size_t *count,
                           size_t *cap)
{
    const char *text = doc->text;
    size_t len = doc->text_len;
    fx_span before[MAX_ITEMS], after[MAX_ITEMS];
    size_t nb = 0, na = 0;
    int conjunction = 0;
    for (size_t pos = name.start; nb < MAX_ITEMS;) {
        size_t sep = separator_before(text, pos);
        if (!sep) break;
        size_t e = country_before(t, text, pos - sep), s = capitalised_run_before(t, text, e);
        if (s == e) break;
        conjunction |= sep > 2;
        before[nb++] = (fx_span){s, e};
        pos = s;
    }
    for (size_t pos = country_after(t, text, len, name.end); na < MAX_ITEMS;) {
        size_t sep = separator(text, len, pos);
        if (!sep) break;
        size_t s = pos + sep, e = capitalised_run(t, text, len, s);
        if (e == s) break;
        conjunction |= sep > 2;
        after[na++] = (fx_span){s, e};
        pos = country_after(t, text, len, e);
    }
    if (!conjunction || nb + na == 0) return found;
    /* in list order: before[nb-1] .. before[0], f, after[0] .. after[na-1] */
    size_t total = nb + 1 + na;
    for (size_t k = 0; k < total; k++) {
        if (k == nb) continue;
        fx_span it = k < nb ? before[nb - 1 - k] : after[k - nb - 1];
        if (is_org_at(doc, it.start, it.end)) continue;
        int replaces, flanked = k > 0 && k + 1 < total;
        if (list_item_ok(t, doc, it.start, it.end, flanked, &replaces))
            found = push(doc, found, count, cap, (mention){it.start, it.end, replaces, NULL, 0});
    }
    return found;
}

/* By start, then end; of two with one span, the one with a seed last
 * (merge_mentions keeps the last: a seed gives the name). */
static int by_start(const void *a, const void *b)
{
    const mention *x = a, *y = b;
    if (x->start != y->start) return x->start < y->start ? -1 : 1;
    if (x->end != y->end) return x->end < y->end ? -1 : 1;
    return (x->seed != NULL) - (y->seed != NULL);
}

/* A known name that goes on in capitals ("Goldman Sachs" from the list's
 * "Goldman", "Volvo Cars"): the end of the whole name, or f's end. The
 * name must end there (a lower-case word or punctuation follows) and have
 * at most three words, so that a headline ("Volvo Posts Record Profit")
 * stays as it is. */
static size_t whole_name_end(const fx_org_tables *t, const fx_doc *doc, size_t fi)
{
    const fx_fact *f = &doc->facts[fi];
    const char *text = doc->text;
    size_t len = doc->text_len, e = f->norm_end, words = 1, ws, we;
    if (!f->candidate->rule->list) return e;
    /* a capitalised word after it first: most names have none */
    if (!word_after(text, len, e, &ws, &we) || !is_upper_start(text + ws, we - ws)) return e;
    if (e - f->norm_start <= 3 && !has_lower_ascii(text + f->norm_start, e - f->norm_start)) return e;   /* "the EU China summit" */
    for (size_t i = f->norm_start; i < e; i++) words += text[i] == ' ';
    size_t end = e;
    while (words < 3 && word_after(text, len, end, &ws, &we) && is_upper_start(text + ws, we - ws) &&
           !in_table(t->stop, text + ws, we - ws) && !in_table(t->demonyms, text + ws, we - ws) &&
           !is_given_name(t, text + ws, we - ws)) {
        end = we;
        words++;
    }
    if (end == e || (word_after(text, len, end, &ws, &we) && is_upper_start(text + ws, we - ws))) return e;
    /* a listed word inside goes with it ("Sachs" of "Goldman Sachs"); any
     * other fact there keeps the name as it is */
    for (size_t k = fi + 1; k < doc->fact_count && doc->facts[k].norm_start < end; k++)
        if (doc->facts[k].type != FX_ORG || !doc->facts[k].candidate->rule->list || doc->facts[k].norm_end > end)
            return e;
    return end;
}

/* A university or institute named with the town of its campus after its
 * head word: "Aalborg University Copenhagen", "Fraunhofer Institute
 * Dresden" (ORG_HEADS_CAMPUS). The town is a city of the gazetteer, of one
 * or two words, that no other fact covers (the city resolver drops a town
 * after a capitalised word) and that ends the name: no capitalised word
 * follows ("Aalborg University Copenhagen Campus Tour" is left as it is).
 * The end of the whole name, or f's end. */
static size_t campus_town_end(const fx_org_tables *t, const fx_doc *doc, const fx_fact *f)
{
    const char *text = doc->text;
    size_t len = doc->text_len, e = f->norm_end, hs = e, ws, we;
    if (f->candidate->rule->value_kind != FX_VALUE_ORG || !t->campus) return e;
    /* a capitalised word after it first (most names have none), then the
     * name's last word, which a walk back finds */
    if (!word_after(text, len, e, &ws, &we) || !is_upper_start(text + ws, we - ws)) return e;
    while (hs > f->norm_start && text[hs - 1] != ' ') hs--;
    if (!in_table(t->campus, text + hs, e - hs)) return e;
    size_t town_end = e, end = e;
    for (int words = 0; words < 2 && word_after(text, len, end, &ws, &we) && is_upper_start(text + ws, we - ws); words++) {
        end = we;
        if (in_table(t->places[1], text + e + 1, end - e - 1) || in_table(t->places[2], text + e + 1, end - e - 1) ||
            in_table(t->places[3], text + e + 1, end - e - 1))
            town_end = end;
    }
    if (town_end == e) return e;
    /* no fact there, or the town's own city fact, which the name replaces */
    const fx_fact *there = fact_at(doc, e + 1);
    if (there ? there->type != FX_CITY || there->norm_end != town_end : covered(doc, e, town_end)) return e;
    if (word_after(text, len, town_end, &ws, &we) && is_upper_start(text + ws, we - ws) &&
        !in_table(t->stop, text + ws, we - ws))
        return e;
    if (town_end < len && (text[town_end] == '-' || text[town_end] == '&')) return e;
    /* "the Danish Technological Institute Aarhus office" is the
     * institute's office in Aarhus */
    static const char *const branch_words[] = {"office", "offices", "branch", "branches", "site", "sites"};
    if (word_after(text, len, town_end, &ws, &we))
        for (size_t k = 0; k < sizeof branch_words / sizeof *branch_words; k++)
            if (we - ws == strlen(branch_words[k]) && memcmp(text + ws, branch_words[k], we - ws) == 0) return e;
    return town_end;
}

/* Does s[0..n) have a head word (ORG_HEADS) among its words? */
static int has_head_word(const fx_org_tables *t, const char *s, size_t n)
{
    for (size_t i = 0, ws = 0; i <= n; i++) {
        if (i < n && s[i] != ' ') continue;
        if (in_table(t->heads, s + ws, i - ws)) return 1;
        ws = i + 1;
    }
    return 0;
}

/* A pattern rule's match that is a known name, "and", and a name of two
 * words or more not starting with a head word: the two names ("Goldman
 * Sachs and Carnegie Investment Bank"; "Novo Nordisk and Aarhus
 * University" the pattern keeps apart itself, as the hand-made list is
 * short enough for it, the generated one is not); or a name with a head
 * word, "and", and a known name ("Norwegian Institute for Water Research
 * and SINTEF": the "of"/"for" tail of a head word takes the list's names
 * with it). 0 if it is not. */
static int known_and_name(const fx_org_tables *t, const fx_doc *doc, const fx_fact *f, fx_span *first, fx_span *second)
{
    const fx_rule *rule = f->candidate->rule;
    if (rule->list || rule->value_kind != FX_VALUE_ORG) return 0;
    const char *text = doc->text;
    size_t s = f->norm_start, e = f->norm_end;
    if (e < s + 7) return 0;    /* " and " after the first byte, a byte after it */
    /* the spaces by memchr, not a test a byte: a name has few */
    const char *last = text + e - 5;    /* " and " starts before it */
    for (const char *q = text + s + 1; q < last && (q = memchr(q, ' ', (size_t)(last - q))) != NULL; q++) {
        if (memcmp(q, " and ", 5) != 0) continue;
        size_t p = (size_t)(q - text), rest = p + 5, rest_first = rest;
        while (rest_first < e && text[rest_first] != ' ') rest_first++;
        int known_second = is_known_name(t, text + rest, e - rest) && has_head_word(t, text + s, p - s);
        if (!known_second && (rest_first == e || is_head_word(t, text + rest, rest_first - rest))) return 0;
        if (known_second || is_known_name(t, text + s, p - s)) {
            *first = (fx_span){s, p};
            *second = (fx_span){rest, e};
            return 1;
        }
    }
    return 0;
}

/* The name a mention goes by: its seed's (the organisation whose form it
 * is), or its own text. */
static const char *mention_name(fx_doc *doc, const mention *m)
{
    const fx_org_resolution *r = m->seed ? m->seed->resolution : NULL;
    if (r && r->name) return r->name;
    return fx_arena_strndup(&doc->arena, doc->text + m->start, m->end - m->start);
}

/* Add the mentions found (sorted here; one per place, the longest) as
 * facts of org.mention, in document order. A mention that replaces drops
 * the facts it covers. decided: the resolvers have run, so each new fact
 * is checked for a person's name and gets its resolution here; else the
 * resolvers do both. */
static void merge_mentions(fx_resolve_env *env, mention *found, size_t found_count, int decided)
{
    fx_doc *doc = env->doc;
    if (!found_count) return;
    qsort(found, found_count, sizeof *found, by_start);
    size_t kept = 0;
    for (size_t i = 0; i < found_count; i++) {
        if (kept && found[i].start < found[kept - 1].end) {
            if (found[i].start == found[kept - 1].start) found[kept - 1] = found[i];   /* longer */
            continue;
        }
        found[kept++] = found[i];
    }
    /* the facts point at candidates, which adding may move */
    size_t *index = fx_arena_alloc(&doc->arena, (doc->fact_count ? doc->fact_count : 1) * sizeof *index);
    for (size_t i = 0; i < doc->fact_count; i++) index[i] = (size_t)(doc->facts[i].candidate - doc->candidates);
    size_t first_new = doc->candidate_count;
    for (size_t i = 0; i < kept; i++) fx_doc_add_candidate(doc, &mention_rule, found[i].start, found[i].end, 1);
    fx_fact *facts = fx_arena_alloc(&doc->arena, (doc->fact_count + kept) * sizeof *facts);
    size_t a = 0, b = 0, n = 0;
    while (a < doc->fact_count || b < kept) {
        if (b == kept || (a < doc->fact_count && doc->facts[a].norm_start < found[b].start)) {
            facts[n] = doc->facts[a];
            facts[n++].candidate = &doc->candidates[index[a++]];
            continue;
        }
        fx_candidate *c = &doc->candidates[first_new + b];
        c->groups[0] = c->start;
        c->groups[1] = c->end;
        fx_fact *f = &facts[n];
        fx_resolve_fact_init(doc, f, c);
        c->rejected = decided ? fx_org_person(env, f) : NULL;
        if (!c->rejected && decided && fx_org_said_to_be_a_town(env, f)) c->rejected = fx_org_town_context;
        if (!c->rejected) c->rejected = fx_resolve_nul_check(doc, f);
        /* the second of two names split at "and" when the first was
         * dropped: the fact of both stays */
        if (!c->rejected && n && facts[n - 1].norm_end > found[b].start) c->rejected = "overlaps a fact kept";
        if (!c->rejected) {
            if (decided) {
                fx_org_resolution *r = fx_arena_alloc(&doc->arena, sizeof *r);
                memset(r, 0, sizeof *r);
                r->name = mention_name(doc, &found[b]);
                if (found[b].acronym) r->acronym_of = r->name;
                const fx_org_resolution *seed = found[b].seed ? found[b].seed->resolution : NULL;
                r->lasting = seed && seed->lasting && r->name == seed->name;
                f->resolution = r;
            }
            n++;
            while (found[b].replaces && a < doc->fact_count && doc->facts[a].norm_start < found[b].end) {
                const fx_fact *old = &doc->facts[a];
                doc->candidates[index[a]].rejected =
                    old->norm_start == found[b].start && old->norm_end == found[b].end
                        ? "a mention of an organisation named in the document (org.mention)"
                    : old->norm_end > found[b].end ? "two names joined by \"and\" (org.mention)"
                    : old->type == FX_ORG ? "part of a longer name (org.mention)"
                                          : "part of an organisation's name (org.mention)";
                a++;
            }
        }
        b++;
    }
    doc->facts = facts;
    doc->fact_count = n;
}

/* Long forms that only their acronym shows to be organisations: "Hydrogen
 * Europe (HE)", "Trade Region Aarhus (TRA)": capitalised words (with the
 * joining words of ORG_FUNCTION_WORDS, "of", "and", inside) right before an all-capitals
 * word in parentheses whose letters fit them (fx_org_acronym_fits). Runs
 * before the resolvers, which then link the acronym to it. */
void fx_resolve_org_definitions(fx_resolve_env *env)
{
    fx_doc *doc = env->doc;
    if (!(doc->types & (1u << FX_ORG))) return;
    const char *text = doc->text;
    mention *found = NULL;
    size_t found_count = 0, found_cap = 0;
    for (size_t i = 0; i < doc->fact_count; i++) {
        const fx_fact *f = &doc->facts[i];
        size_t s = f->norm_start, e = f->norm_end;
        /* in brackets (the text's tests first: most facts are not), an
         * acronym rule's match, or capitals a gazetteer took for a town */
        if (s < 3 || text[s - 1] != '(' || text[s - 2] != ' ' || e >= doc->text_len || text[e] != ')') continue;
        int capitals = f->type == FX_ORG ? f->candidate->rule->value_kind == FX_VALUE_ACRONYM
                                         : f->type == FX_CITY && fx_org_is_acronym(text + s, e - s);
        if (!capitals) continue;
        fx_org_doc *od = org_doc(env);
        /* the run of words before " (": capitalised, or joining words inside */
        size_t end = s - 2, start = end, pos = end, words = 0;
        while (pos > 0 && words < 10) {
            size_t ws = pos;
            while (ws > 0 && (fx_is_word_byte((unsigned char)text[ws - 1]) || text[ws - 1] == '-' || text[ws - 1] == '&'))
                ws--;
            if (ws == pos) break;
            int capital = is_upper_start(text + ws, pos - ws), joiner = joins_long_form(&od->tables, text + ws, pos - ws);
            if ((!capital && !joiner) || (capital && in_table(od->tables.stop, text + ws, pos - ws))) break;
            words++;
            if (capital) start = ws;
            if (ws < 2 || text[ws - 1] != ' ') break;
            pos = ws - 1;
        }
        if (start == end || words < 2) continue;
        /* no organisation fact there already; facts inside must be cities */
        int blocked = 0;
        for (size_t k = first_ending_after(doc, start); k < doc->fact_count && doc->facts[k].norm_start < end; k++)
            blocked |= doc->facts[k].type != FX_CITY || doc->facts[k].norm_start < start;
        if (blocked) continue;
        size_t first = start, last = end;
        while (first < end && text[first] != ' ') first++;
        while (last > start && text[last - 1] != ' ') last--;
        if (in_table(od->tables.demonyms, text + start, first - start) && first == end) continue;
        if (in_table(od->tables.events, text + last, end - last)) continue;    /* "Beijing Design Week (BJDW)" */
        if (!fx_org_acronym_fits(text + s, e - s, text + start, end - start, &od->tables)) continue;
        found = push(doc, found, &found_count, &found_cap, (mention){start, end, 1, NULL, 0});
    }
    merge_mentions(env, found, found_count, 0);
}

/* a and b name one organisation (a form of a's is b's text). */
static void same_organisation(fx_doc *doc, fx_org_doc *od, const fx_fact *a, const fx_fact *b)
{
    if (od->same_count == od->same_cap) {
        size_t cap = od->same_cap ? 2 * od->same_cap : 8;
        od->same = fx_arena_grow(&doc->arena, od->same, od->same_cap * sizeof *od->same, cap * sizeof *od->same);
        od->same_cap = cap;
    }
    od->same[od->same_count++] = (span_pair){{a->norm_start, a->norm_end}, {b->norm_start, b->norm_end}};
}

/* " (LN)" right after f, LN in capitals: the span of LN, or 0. */
static int acronym_after(const fx_doc *doc, const fx_fact *f, size_t *as, size_t *ae)
{
    const char *t = doc->text;
    size_t s = f->norm_end + 2, e = s;
    if (s >= doc->text_len || t[s - 2] != ' ' || t[s - 1] != '(') return 0;
    while (e < doc->text_len && e - s < 10 && ((t[e] >= 'A' && t[e] <= 'Z') || (e > s && t[e] >= '0' && t[e] <= '9')))
        e++;
    if (e - s < 2 || e >= doc->text_len || t[e] != ')') return 0;
    *as = s;
    *ae = e;
    return 1;
}

/* "Long Name (LN)" where LN fits the name but no rule's match of it made
 * a fact (a gazetteer took "BRA" for a town): the span of LN, or 0. */
static int acronym_defined_after(const fx_org_tables *tables, const fx_doc *doc, const fx_fact *f, size_t *as, size_t *ae)
{
    const char *t = doc->text;
    size_t s, e;
    if (!acronym_after(doc, f, &s, &e)) return 0;
    const fx_fact *there = fact_at(doc, s);
    if (there && there->type == FX_ORG) return 0;       /* linked by the resolver */
    if (!fx_org_acronym_fits(t + s, e - s, t + f->norm_start, f->norm_end - f->norm_start, tables))
        return 0;
    *as = s;
    *ae = e;
    return 1;
}

/* The forms of the document's organisations, each text once, with the
 * seeds that have it (in document order: a form shared by two
 * organisations is taken for the nearer one before it). */
typedef struct form_use {
    const fx_fact *seed;
    int after_the, acronym;     /* as in form */
} form_use;

typedef struct form_entry {
    const char *text;           /* the first form's (it outlives the pass) */
    size_t len;
    form_use *uses;
    size_t use_count, use_cap;
} form_entry;

enum { FIRST_WORD_FILTER_MASK = 15 };   /* 16 words: 1 Kib, on the stack */

typedef struct form_set {
    name_index by_text;         /* text -> entries[value] */
    name_index first_words;     /* the first word of each form -> the
                                   longest form it starts (bytes) */
    /* A Bloom filter of first_words (hash.h): find_forms probes the
     * index at the few words it passes, not at every word of the text */
    uint64_t first_word_bits[FIRST_WORD_FILTER_MASK + 1];
    /* some first word does not start with a capital (fx_token_capital:
     * "eBay"): find_forms then tries every word, not the capitals only */
    int lower_first;
    form_entry *entries;
    size_t count, cap;
} form_set;

/* A text's hash and its first word's (the bytes before its first
 * non-word byte), made in one pass. */
typedef struct form_key {
    uint64_t hash, first_hash;
    size_t first;
} form_key;

static form_key key_of(const char *s, size_t n)
{
    form_key key = {.hash = FX_HASH_START};
    while (key.first < n && fx_is_word_byte((unsigned char)s[key.first]))
        key.hash = fx_hash_byte(key.hash, (unsigned char)s[key.first++]);
    key.first_hash = key.hash;
    for (size_t i = key.first; i < n; i++) key.hash = fx_hash_byte(key.hash, (unsigned char)s[i]);
    return key;
}

static void add_use(fx_doc *doc, form_set *set, const form *fm, form_key key, const fx_fact *seed)
{
    size_t first = key.first;
    /* found, or added (most forms are new) */
    size_t before = set->by_text.count;
    name_slot *slot = index_add_hashed(&doc->arena, &set->by_text, fm->text, fm->len, key.hash, set->count);
    if (set->by_text.count > before) {
        if (set->count == set->cap) {
            size_t cap = set->cap ? 2 * set->cap : 16;
            set->entries = fx_arena_grow(&doc->arena, set->entries, set->cap * sizeof *set->entries,
                                         cap * sizeof *set->entries);
            set->cap = cap;
        }
        form_entry *entry = &set->entries[set->count++];
        entry->text = fm->text;
        entry->len = fm->len;
        /* room for two uses at once: most forms have one */
        entry->uses = fx_arena_alloc_uninit(&doc->arena, 2 * sizeof *entry->uses);
        entry->use_cap = 2;
        if (first) {
            name_slot *longest = index_add_hashed(&doc->arena, &set->first_words, entry->text, first, key.first_hash, 0);
            if (fm->len > longest->value) longest->value = fm->len;
            fx_bloom_add(set->first_word_bits, FIRST_WORD_FILTER_MASK, key.first_hash);
            set->lower_first |= !fx_token_capital((unsigned char)entry->text[0]);
        }
    }
    form_entry *entry = &set->entries[slot->value];
    if (entry->use_count == entry->use_cap) {
        size_t cap = entry->use_cap ? 2 * entry->use_cap : 2;
        entry->uses = fx_arena_grow_uninit(&doc->arena, entry->uses, entry->use_cap * sizeof *entry->uses,
                                           cap * sizeof *entry->uses);
        entry->use_cap = cap;
    }
    entry->uses[entry->use_count++] = (form_use){seed, fm->after_the, fm->acronym};
}

/* The use of a form found at pos: the last seed before pos, else the
 * first (a headline may name a company before its article does). */
static const form_use *use_at(const form_entry *entry, size_t pos)
{
    size_t lo = 0, hi = entry->use_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (entry->uses[mid].seed->norm_start < pos) lo = mid + 1;
        else hi = mid;
    }
    return &entry->uses[lo ? lo - 1 : 0];
}

/* The form entry at [s, e) is a mention of its seed there, unless the
 * place says otherwise. next: the first fact that ends after s (NULL:
 * none), for both fact_at and covered: the facts are sorted, not empty and
 * do not overlap, so a fact that starts at s is that one, and [s, e) is
 * covered if that one starts before e. */
static mention *form_found(fx_doc *doc, fx_org_doc *od, const form_entry *entry, size_t s, const fx_fact *next,
                           mention *found, size_t *count, size_t *cap)
{
    const char *text = doc->text;
    size_t e = s + entry->len;
    const form_use *use = use_at(entry, s);
    const fx_fact *f = use->seed, *there = next && next->norm_start == s ? next : NULL;
    if (there && there != f && there->type == FX_ORG && there->norm_end == e) {
        same_organisation(doc, od, f, there);   /* found by a rule already */
        return found;
    }
    int capitals = !has_lower_ascii(entry->text, entry->len) && entry->len > 3 &&
                   has_lower_ascii(text + f->norm_start, f->norm_end - f->norm_start);
    if ((next && next->norm_start < e) || !stands_alone(&od->tables, doc, s, e, capitals)) return found;
    if (use->after_the &&
        (s < 4 || (memcmp(text + s - 4, "the ", 4) != 0 && memcmp(text + s - 4, "The ", 4) != 0) ||
         (e + 4 <= doc->text_len &&
          (memcmp(text + e, " of ", 4) == 0 || memcmp(text + e, " for", 4) == 0 || memcmp(text + e, " on ", 4) == 0))))
        return found;
    size_t ws, we;
    if (word_before(text, s, &ws, &we) && names_a_person(&od->tables, text + ws, we - ws)) return found;
    return push(doc, found, count, cap, (mention){s, e, 0, f, use->acronym});
}

/* May a form start at s, whose first fact ending after it is next (or
 * NULL)? Where no fact covers it, and where an organisation fact starts
 * (a form a fact covers is nothing, form_found, unless it is exactly an
 * organisation's fact). */
static int open_at(const fx_fact *next, size_t s)
{
    return !next || next->norm_start > s || (next->norm_start == s && next->type == FX_ORG);
}

/* Where a capitalised word stands among the facts (capital_places):
 * free of them, at an organisation fact's start, or closed (open_at's
 * other words). */
enum { PLACE_FREE, PLACE_ORG_START, PLACE_CLOSED };

/* A bit of 64 for a word's length and first byte in capitals. */
static uint64_t capitals_bit(const char *text, size_t s, size_t e)
{
    size_t n = e - s < 63 ? e - s : 63;
    unsigned char c = (unsigned char)text[s];
    return 1ull << ((n * 7 + (c >= 'a' && c <= 'z' ? c - 0x20u : c)) & 63);
}

/* May the capitalised word `word` (of the tokens' words, starting at s,
 * ending at end[word]) be another's capitals
 * (capitals_hash): one letter, or its second and last bytes no lower-case
 * letters? Most capitalised words are in title case ("London"): a
 * lower-case second byte (a word byte, so not the word's end; text is
 * NUL-terminated, so s + 1 is inside it) answers before the end is read.
 * Then the word's capitals_bit, else 0. */
static inline uint64_t capitals_bit_if_may_be(const char *text, size_t s, const size_t *end, size_t word)
{
    if (text[s + 1] >= 'a' && text[s + 1] <= 'z') return 0;
    size_t e = end[word];
    return e - s == 1 || text[e - 1] < 'a' || text[e - 1] > 'z' ? capitals_bit(text, s, e) : 0;
}

/* The PLACE_ of each capitalised word (the tokens' capitals), in one walk
 * of the facts with a cursor over the capitals: those before a fact are
 * free, those inside it closed, but for an organisation fact's first word.
 * In first_capital[i] (per fact) the first capitalised word at or after
 * fact i's start; in *capitals the capitals_bit of each open one that may
 * be another's capitals. In the document's arena. (A walk of the capitals
 * with a cursor over the facts tested the cursor's fact at each word, and
 * seed_filters_build walked them again for each fact's first.) */
static unsigned char *capital_places(fx_doc *doc, const fx_tokens *tokens, size_t *first_capital, uint64_t *capitals)
{
    const char *text = doc->text;
    const size_t *capital = tokens->capitals, *start = tokens->words->start, *end = tokens->words->end;
    size_t n = tokens->capital_count, k = 0;
    unsigned char *place = fx_arena_alloc_uninit(&doc->arena, n ? n : 1);
    const fx_fact *facts = doc->facts;
    size_t fact_count = doc->fact_count;
    uint64_t bits = 0;
    /* where word k starts (SIZE_MAX past the last), kept: most facts hold
     * no capitalised word, which one comparison with it tells */
    size_t at = n ? start[capital[0]] : SIZE_MAX;
#define NEXT_CAPITAL() (at = ++k < n ? start[capital[k]] : SIZE_MAX)
    for (size_t i = 0; i <= fact_count; i++) {
        /* the words before fact i (after the last: the rest) */
        size_t before = i < fact_count ? facts[i].norm_start : SIZE_MAX;
        for (; at < before; NEXT_CAPITAL()) {
            place[k] = PLACE_FREE;
            bits |= capitals_bit_if_may_be(text, at, end, capital[k]);
        }
        if (i == fact_count) break;
        first_capital[i] = k;
        const fx_fact *f = &facts[i];
        if (at >= f->norm_end) continue;
        if (at == f->norm_start && f->type == FX_ORG) {
            place[k] = PLACE_ORG_START;
            bits |= capitals_bit_if_may_be(text, at, end, capital[k]);
            NEXT_CAPITAL();
        }
        for (; at < f->norm_end; NEXT_CAPITAL()) place[k] = PLACE_CLOSED;
    }
#undef NEXT_CAPITAL
    *capitals |= bits;
    return place;
}

/* The forms of set at word i, which starts with the form's first word
 * first (of set->first_words) and may start one (open_at: next is the
 * first fact that ends after it): each span from it up to the longest
 * form first starts that ends before a non-word byte is looked up (its
 * hash grows with it from the word's, the tokens'), none that reaches
 * into the next fact. */
static mention *forms_at(fx_doc *doc, fx_org_doc *od, const form_set *set, const name_slot *first, size_t i,
                         const fx_fact *next, mention *found, size_t *count, size_t *cap)
{
    const fx_tokens *tokens = fx_doc_tokens(doc);
    const fx_words *w = tokens->words;
    const char *text = doc->text;
    size_t s = w->start[i];
    size_t only_end = next && next->norm_start == s ? next->norm_end : 0;  /* 0: any end */
    size_t limit = doc->text_len - s < first->value ? doc->text_len : s + first->value;
    if (next && (only_end ? only_end : next->norm_start) < limit) limit = only_end ? only_end : next->norm_start;
    uint64_t h = fx_token_hash(tokens, i);
    for (size_t e = w->end[i];;) {
        const name_slot *slot = !only_end || e == only_end ? index_find_hashed(&set->by_text, text + s, e - s, h) : NULL;
        if (slot) found = form_found(doc, od, &set->entries[slot->value], s, next, found, count, cap);
        if (e >= limit) break;
        do h = fx_hash_byte(h, (unsigned char)text[e++]);
        while (e < limit && fx_is_word_byte((unsigned char)text[e]));
        if (e < doc->text_len && fx_is_word_byte((unsigned char)text[e])) break;   /* the limit, inside a word */
    }
    return found;
}

/* Every place a form stands as whole words. Where each form's first word
 * is capitalised (most documents), at the capitalised words with a first
 * word's hash (od->text's chains), not at every capitalised word of the
 * text: then sorted into text order, the order of the walk below, so
 * that merge_mentions' sort meets them as it did. Else (a first word in
 * lower case, "eBay": rare) in one pass over the words, with a cursor
 * over the facts. */
static mention *find_forms(fx_resolve_env *env, fx_org_doc *od, const form_set *set, const unsigned char *place,
                           mention *found, size_t *count, size_t *cap)
{
    fx_doc *doc = env->doc;
    const fx_tokens *tokens = fx_doc_tokens(doc);
    const fx_words *w = tokens->words;
    const char *text = doc->text;
    if (!set->lower_first) {
        const struct fx_org_text *x = capitals_indexed(od, doc, tokens);
        size_t before = *count;
        for (size_t b = 0; b < set->first_words.slot_count; b++) {
            const name_slot *first = &set->first_words.slots[b];
            if (!first->text) continue;
            for (size_t k = x->head[first->hash & x->mask]; k; k = x->next[k - 1]) {
                size_t i = tokens->capitals[k - 1], s = w->start[i];
                if (fx_token_hash(tokens, i) != first->hash || w->end[i] - s != first->len ||
                    memcmp(text + s, first->text, first->len) != 0 || place[k - 1] == PLACE_CLOSED)
                    continue;
                size_t f = first_ending_after(doc, s);
                found = forms_at(doc, od, set, first, i, f < doc->fact_count ? &doc->facts[f] : NULL, found, count, cap);
            }
        }
        if (*count - before > 1) qsort(found + before, *count - before, sizeof *found, by_start);
        return found;
    }
    /* the cursor a pointer, not an index: a fact's address from an index
     * costs a multiplication at each test (a fact is 80 bytes) */
    const fx_fact *next = doc->facts, *end = doc->facts + doc->fact_count;
    for (size_t i = 0; i < w->count; i++) {
        size_t s = w->start[i];
        while (next < end && next->norm_end <= s) next++;
        const fx_fact *fact = next < end ? next : NULL;
        /* first_words is case-sensitive: its hash is the word's own */
        if (!open_at(fact, s) || !fx_bloom_may_have(set->first_word_bits, FIRST_WORD_FILTER_MASK, fx_token_hash(tokens, i)))
            continue;
        const name_slot *first = index_find_hashed(&set->first_words, text + s, w->end[i] - s, fx_token_hash(tokens, i));
        if (first) found = forms_at(doc, od, set, first, i, fact, found, count, cap);
    }
    return found;
}

/* ---- the seeds whose forms can do something ------------------------------ */

/* A seed's forms start with one of its words (find_forms looks a form up
 * at the word it starts with): its first word, a later capitalised one
 * ("Lantern", "the Commission"), one of those in capitals ("FJORDLINE"),
 * or the acronym after it. A form found at the seed's own start, where its
 * own fact stands, does nothing (form_found), unless another seed has that
 * form too (the use there may be the other's). So the forms of a seed
 * whose words stand nowhere else free of facts or at an organisation
 * fact's start, and whose first word can start no other organisation's
 * form, do nothing: they are not made (1,990 of the 3,199 seeds of the 1
 * MB sample). Filters (hash.h) of the organisations' words, and the
 * capitalised words' places (a free one found by its hash, stands_free),
 * built at the first seed: a false positive only makes the forms as
 * before. */
typedef struct seed_filters {
    uint64_t *starts;       /* the capitalised words organisation facts start with */
    uint64_t *starts_twice; /* those that start two of them or more */
    uint64_t *later;        /* the other words their forms may start with:
                               later capitalised ones, those in capitals, acronyms */
    size_t mask;
    /* capitals_bit of each open capitalised word that may be another's
     * capitals: a word's capitals are hashed only where they may be one
     * of these */
    uint64_t capitals;
    const unsigned char *place;     /* capital_places', which find_forms reads too */
    size_t *first_capital;          /* per organisation fact (by its index): its first
                                       capitalised word, an index into the tokens' capitals */
    signed char *free_word;         /* stands_free's answers, per capitalised word */
    int off;                /* every seed's forms are made */
} seed_filters;

/* The hash of the word text[s, e) in ASCII capitals, when that differs
 * from the word; else 0. */
static uint64_t capitals_hash_made(const char *text, size_t s, size_t e)
{
    uint64_t h = FX_HASH_START;
    int differs = 0;
    for (size_t i = s; i < e; i++) {
        unsigned char c = (unsigned char)text[i], lower = c >= 'a' && c <= 'z';
        differs |= lower;
        h = fx_hash_byte(h, (unsigned char)(c - 0x20 * lower));
    }
    return differs ? h : 0;
}

/* capitals_hash_made, when a word of the document may be written so;
 * else 0. The filter inline: it ends five calls in six (11,837 a MB). */
static inline uint64_t capitals_hash(const seed_filters *sf, const char *text, size_t s, size_t e)
{
    return sf->capitals & capitals_bit(text, s, e) ? capitals_hash_made(text, s, e) : 0;
}

/* Is pos inside a word of text[0..len)? */
static int inside_word(const char *text, size_t len, size_t pos)
{
    return pos > 0 && pos < len && fx_is_word_byte((unsigned char)text[pos - 1]) && fx_is_word_byte((unsigned char)text[pos]);
}

static seed_filters seed_filters_build(fx_doc *doc, const fx_org_tables *tables)
{
    const fx_tokens *tokens = fx_doc_tokens(doc);
    const fx_words *w = tokens->words;
    const size_t *capitals = tokens->capitals;
    const char *text = doc->text;
    seed_filters sf = {.mask = 7};
    sf.first_capital = fx_arena_alloc_uninit(&doc->arena, (doc->fact_count ? doc->fact_count : 1) * sizeof *sf.first_capital);
    sf.place = capital_places(doc, tokens, sf.first_capital, &sf.capitals);
    sf.free_word = fx_arena_alloc(&doc->arena, tokens->capital_count ? tokens->capital_count : 1);   /* zeroed: not asked */
    while (sf.mask + 1 < tokens->capital_count / 2) sf.mask = 2 * sf.mask + 1;
    uint64_t *bits = fx_arena_alloc(&doc->arena, 3 * (sf.mask + 1) * sizeof *bits);     /* zeroed */
    sf.starts = bits;
    sf.starts_twice = bits + (sf.mask + 1);
    sf.later = bits + 2 * (sf.mask + 1);
    /* a head word in lower case could start a form ("the commission"):
     * a key of ORG_HEADS that does not start with a capital */
    const fx_table *heads = tables->heads;
    if (heads && (heads->first_bytes[0] | (heads->first_bytes[1] & ~0x7fffffeull) | heads->first_bytes[2])) {
        sf.off = 1;
        return sf;
    }
    /* the arrays and counts in locals: the filters' stores could be any
     * size_t to the compiler, which would read them again at each word */
    const fx_fact *facts = doc->facts;
    size_t fact_count = doc->fact_count, capital_count = tokens->capital_count;
    const size_t *start = w->start, *end = w->end;
    for (size_t i = 0; i < fact_count; i++) {
        const fx_fact *f = &facts[i];
        if (f->type != FX_ORG) continue;
        /* a fact that starts or ends inside a word: its forms' words may
         * be none of the tokens' words (rare) */
        if (inside_word(text, doc->text_len, f->norm_start) || inside_word(text, doc->text_len, f->norm_end)) {
            sf.off = 1;
            return sf;
        }
        /* a first word in lower case ("eBay") has forms in capitals too ("EBAY") */
        unsigned char first = (unsigned char)text[f->norm_start];
        if (first >= 'a' && first <= 'z') {
            size_t e = f->norm_start;
            while (e < f->norm_end && fx_is_word_byte((unsigned char)text[e])) e++;
            uint64_t upper = capitals_hash(&sf, text, f->norm_start, e);
            if (upper) fx_bloom_add(sf.later, sf.mask, upper);
        }
        size_t k = sf.first_capital[i];
        for (size_t c = k; c < capital_count && start[capitals[c]] < f->norm_end; c++) {
            size_t s = start[capitals[c]];
            uint64_t h = fx_token_hash(tokens, capitals[c]);
            if (s == f->norm_start) fx_bloom_add(fx_bloom_may_have(sf.starts, sf.mask, h) ? sf.starts_twice : sf.starts, sf.mask, h);
            else if (text[s - 1] == ' ') fx_bloom_add(sf.later, sf.mask, h);
            else continue;
            uint64_t upper = capitals_hash(&sf, text, s, end[capitals[c]]);
            if (upper) fx_bloom_add(sf.later, sf.mask, upper);
        }
        size_t as, ae;
        if (acronym_after(doc, f, &as, &ae)) fx_bloom_add(sf.later, sf.mask, fx_hash_bytes(text + as, ae - as));
    }
    return sf;
}

/* Does a capitalised word whose hash is h stand free of facts somewhere
 * (od->text's chains)? The answer kept (1 yes, -1 no) at the first word
 * of the chain with that hash: seeds that share a word which stands in
 * facts many times do not walk them again. */
static int stands_free(const seed_filters *sf, fx_org_doc *od, fx_doc *doc, const fx_tokens *tokens, uint64_t h)
{
    const struct fx_org_text *x = capitals_indexed(od, doc, tokens);
    signed char *answer = NULL;
    for (size_t k = x->head[h & x->mask]; k; k = x->next[k - 1]) {
        if (fx_token_hash(tokens, tokens->capitals[k - 1]) != h) continue;
        if (!answer) {
            answer = &sf->free_word[k - 1];
            if (*answer) return *answer > 0;
            *answer = -1;
        }
        if (sf->place[k - 1] == PLACE_FREE) return *answer = 1;
    }
    return 0;
}

/* May a form of seed fi (a fact's index) do something in find_forms? */
static int forms_may_matter(const seed_filters *sf, fx_org_doc *od, fx_doc *doc, size_t fi)
{
    const char *text = doc->text;
    const fx_fact *f = &doc->facts[fi];
    if (sf->off || !fx_token_capital((unsigned char)text[f->norm_start])) return 1;     /* "eBay" */
    const fx_tokens *tokens = fx_doc_tokens(doc);
    const fx_words *w = tokens->words;
    const size_t *capitals = tokens->capitals;
    size_t k = sf->first_capital[fi];
    /* the first is f's first word (f starts at a word: seed_filters_build) */
    for (size_t c = k; c < tokens->capital_count && w->start[capitals[c]] < f->norm_end; c++) {
        size_t s = w->start[capitals[c]];
        uint64_t h = fx_token_hash(tokens, capitals[c]);
        if (c == k) {
            if (fx_bloom_may_have(sf->starts_twice, sf->mask, h) || fx_bloom_may_have(sf->later, sf->mask, h) ||
                stands_free(sf, od, doc, tokens, h))
                return 1;
        } else if (text[s - 1] != ' ') {
            continue;
        } else if (fx_bloom_may_have(sf->starts, sf->mask, h) || stands_free(sf, od, doc, tokens, h)) {
            return 1;
        }
        uint64_t upper = capitals_hash(sf, text, s, w->end[capitals[c]]);
        if (upper && (fx_bloom_may_have(sf->starts, sf->mask, upper) || stands_free(sf, od, doc, tokens, upper)))
            return 1;
    }
    return 0;
}

void fx_resolve_org_mentions(fx_resolve_env *env)
{
    fx_doc *doc = env->doc;
    if (!(doc->types & (1u << FX_ORG))) return;
    mention *found = NULL;
    size_t found_count = 0, found_cap = 0;
    form_set set = {.count = 0};
    /* the texts of the seeds so far: one set of forms each; hashed by
     * hash_folded, not key_of's FNV-1a (a multiplication a byte), which
     * only the seeds whose forms are made need (1,251 of 3,692 a MB) */
    name_index seeds = {.count = 0};
    fx_org_doc *od = NULL;
    seed_filters filters;
    int filters_built = 0;
    for (size_t i = 0; i < doc->fact_count; i++) {
        const fx_fact *f = &doc->facts[i];
        if (f->type != FX_ORG) continue;
        od = org_doc(env);
        fx_span first, second;
        if (known_and_name(&od->tables, doc, f, &first, &second)) {
            found = push(doc, found, &found_count, &found_cap, (mention){first.start, first.end, 1, NULL, 0});
            found = push(doc, found, &found_count, &found_cap, (mention){second.start, second.end, 1, NULL, 0});
            continue;
        }
        /* a known name that goes on in capitals is one name, and the list
         * it is in goes on from its end ("Bosch Rexroth, Festo and ...") */
        size_t whole = whole_name_end(&od->tables, doc, i);
        if (whole == f->norm_end) whole = campus_town_end(&od->tables, doc, f);
        found = list_items(&od->tables, doc, (fx_span){f->norm_start, whole}, found, &found_count, &found_cap);
        if (whole > f->norm_end) {
            found = push(doc, found, &found_count, &found_cap, (mention){f->norm_start, whole, 1, NULL, 0});
            continue;
        }
        if (f->candidate->rule->value_kind != FX_VALUE_ORG) continue;   /* acronyms: by their definitions */
        size_t before_seeds = seeds.count, n = f->norm_end - f->norm_start;
        index_add_hashed(&doc->arena, &seeds, doc->text + f->norm_start, n, hash_folded(doc->text + f->norm_start, n, 0), i);
        if (seeds.count == before_seeds) continue;      /* its forms are known */
        size_t as = 0, ae = 0;
        int acronym = acronym_defined_after(&od->tables, doc, f, &as, &ae);
        if (acronym) {
            const fx_fact *there = fact_at(doc, as);
            found = push(doc, found, &found_count, &found_cap, (mention){as, ae, there != NULL, f, 1});
        }
        if (!filters_built) {
            filters = seed_filters_build(doc, &od->tables);
            filters_built = 1;
        }
        if (!acronym && !forms_may_matter(&filters, od, doc, i)) continue;
        form forms[MAX_FORMS];
        size_t nf = forms_of(&doc->arena, &od->tables, doc->text + f->norm_start, n, forms);
        if (acronym) {
            size_t before = nf;
            add_form(forms, &nf, doc->text + as, ae - as);
            if (nf > before) forms[nf - 1].acronym = 1;
        }
        for (size_t k = 0; k < nf; k++) add_use(doc, &set, &forms[k], key_of(forms[k].text, forms[k].len), f);
    }
    if (set.count) found = find_forms(env, od, &set, filters.place, found, &found_count, &found_cap);
    merge_mentions(env, found, found_count, 1);
}

/* ---- entities ---------------------------------------------------------- */

/* parent[i]: 0 when fact i is its own root, else its parent + 1, so that
 * the arena's zeroed array is the start (no pass setting each its own) */
static size_t find_root(size_t *parent, size_t i)
{
    while (parent[i]) {
        size_t up = parent[i] - 1;
        if (!parent[up]) return up;
        i = (parent[i] = parent[up]) - 1;   /* halving: on to the grandparent */
    }
    return i;
}

static void unite(size_t *parent, size_t a, size_t b)
{
    a = find_root(parent, a);
    b = find_root(parent, b);
    if (a != b) parent[a > b ? a : b] = (a < b ? a : b) + 1;     /* the earlier fact is the root */
}

static size_t fact_index_at(const fx_doc *doc, fx_span span)
{
    const fx_fact *f = fact_at(doc, span.start);
    return f && f->norm_end == span.end ? (size_t)(f - doc->facts) : (size_t)-1;
}

/* Is name a better "fullest name" than best: longer, and written with
 * lower-case letters rather than in capitals. */
static int fuller(const char *name, const char *best)
{
    size_t n = strlen(name), m = strlen(best);
    int lower_n = has_lower_ascii(name, n) || !fx_all_ascii(name, n), lower_m = has_lower_ascii(best, m) || !fx_all_ascii(best, m);
    if (lower_n != lower_m) return lower_n;
    return n > m;
}

/* One entity per organisation: facts with the same name (any case; an
 * acronym's name is its long form, a mention's its seed's), and facts the
 * mention pass found to name one organisation. Entities are numbered from
 * 1 in the order of their first mention; every mention goes by the
 * fullest name found. */
void fx_resolve_org_entities(fx_resolve_env *env)
{
    fx_doc *doc = env->doc;
    size_t n = doc->fact_count;
    if (!n || !(doc->types & (1u << FX_ORG))) return;
    size_t *parent = fx_arena_alloc(&doc->arena, n * sizeof *parent);    /* zeroed: each its own root */
    name_index names = {.caseless = 1};     /* each name (any case) -> its first fact */
    /* the organisation facts with a resolution (org[0..m), in text order):
     * the passes below read those only, not every fact of the document */
    size_t *org = fx_arena_alloc_uninit(&doc->arena, n * sizeof *org), m = 0;
    for (size_t i = 0; i < n; i++) {
        const fx_org_resolution *r = doc->facts[i].resolution;
        if (doc->facts[i].type != FX_ORG || !r) continue;
        org[m++] = i;
        unite(parent, i, index_add(&doc->arena, &names, r->name, strlen(r->name), i)->value);
    }
    if (!m) return;
    if (env->org_doc)
        for (size_t p = 0; p < env->org_doc->same_count; p++) {
            size_t a = fact_index_at(doc, env->org_doc->same[p].a), b = fact_index_at(doc, env->org_doc->same[p].b);
            if (a != (size_t)-1 && b != (size_t)-1) unite(parent, a, b);
        }
    /* the fullest name and the number of each entity, at its root */
    const char **fullest = fx_arena_alloc(&doc->arena, n * sizeof *fullest);
    size_t *number = fx_arena_alloc(&doc->arena, n * sizeof *number);
    size_t entities = 0;
    for (size_t j = 0; j < m; j++) {
        size_t i = org[j];
        const fx_org_resolution *r = doc->facts[i].resolution;
        size_t root = find_root(parent, i);
        if (root == i) {
            fullest[i] = r->name;
            number[i] = ++entities;
        } else if (fuller(r->name, fullest[root])) {
            fullest[root] = r->name;
        }
    }
    for (size_t j = 0; j < m; j++) {
        size_t i = org[j];
        const fx_org_resolution *r = doc->facts[i].resolution;
        size_t root = find_root(parent, i);
        fx_org_resolution *e = fx_arena_alloc(&doc->arena, sizeof *e);
        *e = *r;
        e->name = fullest[root];
        e->lasting = r->lasting && e->name == r->name;
        e->entity = number[root];
        doc->facts[i].resolution = e;
    }
}
