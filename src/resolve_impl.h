/* resolve_impl.h - the per-type resolvers behind resolve.h, one file per
 * type that has decisions to make. Internal to the resolve stage. */
#ifndef FX_RESOLVE_IMPL_H
#define FX_RESOLVE_IMPL_H

#include <stddef.h>
#include <string.h>

#include "calendar.h"
#include "match.h"
#include "place.h"
#include "resolve.h"
#include "rules.h"
#include "tokens.h"

/* Are the codes (ISO country or currency codes, NUL-terminated) the
 * same? Their first bytes first: most codes compared differ there, and
 * the test costs less than the call. */
static inline int fx_same_code(const char *a, const char *b) { return a[0] == b[0] && strcmp(a, b) == 0; }

/* The columns of ORGS and ORG_LIST that the organisation resolver reads. */
enum { FX_ORG_NAME, FX_ORG_ACRONYM_OF, FX_ORG_KNOWN_COLUMNS };

/* The organisations' pass's tables (resolve_mentions.c; NULL: not loaded,
 * as if empty). */
typedef struct fx_org_tables {
    const fx_table *given, *family, *titles, *stop, *demonyms, *generic, *heads, *industry, *legal, *events;
    const fx_table *function_words;     /* ORG_FUNCTION_WORDS */
    const fx_table *campus;             /* ORG_HEADS_CAMPUS: heads a campus town may follow */
    const fx_table *known[2];           /* ORGS, ORG_LIST: names known as written */
    int known_columns[2][FX_ORG_KNOWN_COLUMNS];     /* their columns read per fact, found once (-1: none) */
    const fx_table *places[4];
    /* The keys of PERSON_TITLES, GIVEN_NAMES and FAMILY_NAMES_FIRST in one
     * filter, and those of ORG_HEADS, ORG_HEADS_INDUSTRY and
     * ORG_LEGAL_SUFFIXES in another (fx_org_filters_build, in the
     * context's arena): a word the first does not pass (most capitalised
     * words) starts no person's name, one the second does not pass (most
     * words of a name) is no head word, without a probe of each table. */
    struct fx_table_filter person_words, head_words;
    /* The rows of ORG_FUNCTION_WORDS that the acronym tests count as
     * function words (fx_org_filters_build, in the context's arena): each
     * key's first row, in lower case, whose "joins" reads as a number >= 0.
     * A few short words, compared in turn: a lookup per word folded it,
     * probed the table and read that column by name. */
    const fx_table_row **function_rows;
    size_t function_count;
} fx_org_tables;

/* The tables the city resolver and the organisations' pass read, with
 * their columns: found by name once per context (fx_resolve_prepare), not
 * in each round of each document. */
typedef struct fx_resolve_tables {
    fx_place_tables place;
    fx_org_tables org;
    const struct fx_date_tables *date;  /* resolve_date.c's tables and tense cues */
    const unsigned char *ranges;        /* per rule of the context (ctx->rules): a range, of years? (resolve.c) */
    size_t rule_count;
} fx_resolve_tables;

void fx_place_tables_find(const struct fx_context *ctx, fx_arena *arena, fx_place_tables *pt);
void fx_org_tables_find(const struct fx_context *ctx, fx_org_tables *tables);
void fx_org_filters_build(fx_org_tables *t, fx_arena *arena);
const struct fx_date_tables *fx_date_tables_build(const struct fx_context *ctx, fx_arena *arena);

/* What a resolver sees: the document, the fact being decided
 * (doc->facts[index]; the facts before it are decided, those after it not
 * yet) and the resolvers' per-document findings. */
typedef struct fx_resolve_env {
    const struct fx_context *ctx;
    const fx_resolve_tables *tables;    /* the context's, found once */
    fx_scratch *scratch;                /* the thread's (NULL: none): resolve_city.c's fx_scratch_cities */
    fx_doc *doc;
    size_t index;
    struct place_doc *place;    /* resolve_city.c's findings (arena) */
    struct place_text *place_text;  /* of them, those from the text and tables only (arena; kept across rounds) */
    struct fx_money_cache *money;   /* resolve_money.c's findings, from the text and tables only (arena; kept across rounds) */
    struct fx_org_links *org;       /* resolve_org.c's acronyms and initials so far (arena) */
    struct fx_org_doc *org_doc;     /* resolve_mentions.c's findings (arena) */
    struct fx_org_text *org_text;   /* of them, those from the text and tables only (arena; kept across rounds) */
    struct years_decided *years_decided;    /* resolve_date.c's fx_date_decided_alone answers, per candidate (arena; kept across rounds) */
    char anchor[64];                /* the last absolute date value, "" if none (resolve_date.c) */
    size_t anchor_at;               /* where its fact starts, bytes in the original */
    char day_anchor[11];            /* the last absolute date that is a day, "" if none */
    size_t day_anchor_at;
    /* the three read as dates (fx_parse_iso) once, when set, not at each
     * date: the parts read, and the date (zero: "", no parts) */
    int anchor_parts, day_anchor_parts, dct_parts, dct_read;
    fx_ymd anchor_ymd, day_anchor_ymd, dct_ymd;
} fx_resolve_env;

/* A resolver keeps the fact (NULL; it may set fact->resolution) or says
 * why it is dropped. */
typedef const char *(*fx_resolver_fn)(fx_resolve_env *env, fx_fact *fact);

const char *fx_resolve_date(fx_resolve_env *env, fx_fact *fact);
const char *fx_resolve_city(fx_resolve_env *env, fx_fact *fact);
const char *fx_resolve_money(fx_resolve_env *env, fx_fact *fact);
const char *fx_resolve_percent(fx_resolve_env *env, fx_fact *fact);
const char *fx_resolve_org(fx_resolve_env *env, fx_fact *fact);
const char *fx_resolve_acronym(fx_resolve_env *env, fx_fact *fact);

/* Is the date fact's decision the same whatever the document and the
 * facts around it say? 1 if so, with *why the reason it is dropped (NULL:
 * kept without a warning), else 0: a range of two years ("2026-1990",
 * "2012-2020") of a rule that reads no other group. fx_resolve sets the
 * dropped ones aside before a round, where the round would decide every
 * fact and undo it. */
int fx_date_decided_alone(fx_resolve_env *env, const fx_fact *fact, const char **why);
/* Does the context's rule ctx->rules[order] read no date group but year
 * and year2 (the rules fx_date_decided_alone decides, when a range)? */
int fx_date_years_only(const struct fx_date_tables *t, size_t order);

/* The city pass once every fact is decided (resolve_city.c): a capitalised
 * word one typing slip from a city the document names is a fact of that
 * city ("Gothenburg ... Gothenbrug"). */
void fx_resolve_city_typos(fx_resolve_env *env);

/* Overlap resolution (resolve.h): order[0..n) are candidates over a text
 * of text_len bytes, strongest first and so longest first; each in turn
 * is kept unless it overlaps a span kept before it. beaten_by[i] is set to
 * the leftmost kept span overlapping order[i], or NULL when it is kept.
 * (An empty span is beaten only by a span around it, not one at its
 * position's start or end.) */
void fx_resolve_decide_overlaps(fx_candidate *const *order, size_t n, size_t text_len,
                                const fx_candidate **beaten_by);

/* Sort c[0..n) strongest first, as overlap resolution takes them
 * (longest, then highest priority, then earliest rule, then leftmost,
 * then as given), or with by_start in text order (then as found: by
 * address, in doc->candidates). */
void fx_resolve_rank(fx_candidate **c, size_t n, int by_start);

/* The candidates c[0..n) (doc->candidates), starting at max at most, in
 * text order (then in address order) into sorted[0..n): the first sort of
 * a document's candidates, read where they lie (no array of pointers to
 * them made first). positions[i] (n entries) is set to sorted[i]'s index
 * in c. */
void fx_resolve_sort_by_start(fx_candidate *c, size_t n, size_t max, fx_candidate **sorted, size_t *positions);

/* The overlaps of doc's candidates decided (a round's start, resolve.c):
 * the kept spans of those not set aside (aside[i] nonzero for candidate
 * i; aside NULL: none) into doc->facts, in text order, and a reason on
 * each beaten one (the others' reasons cleared). *ranked: the candidates'
 * indexes in text order, sorted (arena) when NULL, else read. The first
 * call (*ranked NULL) takes the candidates as the match stage left them,
 * with no reason (fx_doc_add_candidate's), and clears none. */
void fx_resolve_overlaps(fx_doc *doc, const unsigned char *aside, size_t **ranked);

/* The same, after a call of it (or of this) with no resolver since, when
 * the candidates with aside[i] == round were not yet set aside then: only
 * the clusters that held those are decided again; the others' facts and
 * reasons are copied. Not for a document with a NUL byte (whose warnings
 * fx_resolve_overlaps makes again). */
void fx_resolve_overlaps_again(fx_doc *doc, const unsigned char *aside, unsigned char round, const size_t *ranked);

/* A fact for candidate c, its offsets mapped to the original and its
 * sentence found; no value or resolution yet. */
void fx_resolve_fact_init(const fx_doc *doc, fx_fact *f, const fx_candidate *c);

/* NULL, or why f is dropped: its original text holds a NUL byte, which a
 * JSON string cannot carry (warned on doc). */
const char *fx_resolve_nul_check(fx_doc *doc, const fx_fact *f);

/* The document pass for organisations (resolve_mentions.c), as GATE's
 * orthomatcher: before the resolvers, long forms that only their acronym
 * shows to be organisations ("Hydrogen Europe (HE)"); after them, the
 * other mentions of the organisations found (facts of the rule
 * org.mention, each with its resolution), then one entity id and the
 * fullest name for all mentions of one organisation. */
void fx_resolve_org_definitions(fx_resolve_env *env);
void fx_resolve_org_mentions(fx_resolve_env *env);
void fx_resolve_org_entities(fx_resolve_env *env);
/* Why an organisation fact of a person_guard rule is a person's name in
 * this document, or NULL (the organisation resolver asks). */
const char *fx_org_person(fx_resolve_env *env, const fx_fact *fact);
/* Is the organisation fact a town's name where the text says it is the
 * town (resolve_org.c)? Why such a fact is dropped (one string, so that
 * fx_resolve knows the reason by its address and frees the span): */
int fx_org_said_to_be_a_town(const fx_resolve_env *env, const fx_fact *fact);
extern const char fx_org_town_context[];

#endif
