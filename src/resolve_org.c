/* resolve_org.c - the organisation resolver: the name each organisation
 * fact goes by and, for acronyms, the long form they stand for (org.h);
 * values_org.c writes {name} and {acronym_of} from it.
 *
 * name is the canonical name: the table's name column for a known
 * organisation, the long form for an acronym whose long form is known, the
 * text otherwise, so repeated mentions of one organisation share it.
 *
 * An all-capitals word is an acronym of a long form when
 *   - it follows an organisation in parentheses or another defining shape:
 *     "Beijing Water Authority (BWA)", "(hereafter BWA)", "("BWA")",
 *     "Beijing Water Authority, or BWA,", or
 *   - an organisation follows it in parentheses or as an apposition: "WTA
 *     (World Technopolis Association)", "WTA, the World Technopolis
 *     Association,", or
 *   - an earlier mention with the same text was defined so (every later
 *     bare mention is linked), or
 *   - it is exactly the initials of an organisation named earlier ("the
 *     Danish Energy Agency ... the DEA"; three letters at least), or
 *   - the organisations table gives it an acronym_of column.
 * A definition must fit (see fx_org_acronym_fits), unless the capitals
 * stand in parentheses right after a name of three words or more: an
 * acronym of its name in another language ("... Economic Affairs (BMWK)").
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "org.h"
#include "resolve_impl.h"
#include "words.h"

/* Why an all-capitals word is dropped, as explain shows it (the words
 * from when the values stage made this decision, kept so that explain's
 * output stays the same). */

/* Case-insensitive ASCII comparison of s[0..len) with word. */
static int word_is(const char *s, size_t len, const char *word)
{
    size_t wl = strlen(word);
    if (wl != len) return 0;
    for (size_t i = 0; i < len; i++)
        if (tolower((unsigned char)s[i]) != tolower((unsigned char)word[i])) return 0;
    return 1;
}

/* Words left out of acronyms ("Ministry of Housing and ..." -> MOHURD
 * keeps "of" but drops "and"): they may be skipped for free. t: the
 * organisations' tables (NULL: no word is one). */
static int is_function_word(const fx_org_tables *t, const char *w, size_t n)
{
    /* the table's first filters first: most words' length and folded
     * first byte already say no */
    if (!t || !t->function_words || !n || !fx_table_may_be_key(t->function_words, fx_ascii_lower((unsigned char)w[0]), n))
        return 0;
    for (size_t k = 0; k < t->function_count; k++) {
        const fx_table_row *row = t->function_rows[k];   /* its key in lower case */
        size_t i = 0;
        if (row->key_length != n) continue;
        while (i < n && fx_ascii_lower((unsigned char)w[i]) == (unsigned char)row->key[i]) i++;
        if (i == n) return 1;
    }
    return 0;
}

#define MAX_WORDS 32

typedef struct {
    const char *text[MAX_WORDS];
    size_t len[MAX_WORDS];
    int function[MAX_WORDS];
    size_t count;
} word_list;

/* Split on spaces and hyphens ("Urban-Rural" gives two initials), and
 * commas; the bytes that split, one table lookup a byte. */
static const unsigned char splits_words[256] = {[' '] = 1, ['-'] = 1, [','] = 1};

static void split_words(const char *s, size_t n, word_list *w)
{
    w->count = 0;
    size_t i = 0;
    while (i < n && w->count < MAX_WORDS) {
        while (i < n && splits_words[(unsigned char)s[i]]) i++;
        size_t start = i;
        while (i < n && !splits_words[(unsigned char)s[i]]) i++;
        if (i > start) {
            w->text[w->count] = s + start;
            w->len[w->count] = i - start;
            w->count++;
        }
    }
}

/* Which of w's words are function words (is_function_word). */
static void mark_function_words(const fx_org_tables *tables, word_list *w)
{
    for (size_t j = 0; j < w->count; j++) w->function[j] = is_function_word(tables, w->text[j], w->len[j]);
}

static int same_letter(char a, char b)
{
    return toupper((unsigned char)a) == toupper((unsigned char)b);
}

/* Content words that may be left out of an acronym altogether
 * ("Beijing Municipal Commission of Urban Planning & Natural Resources"
 * is still BJMCPNR). */
#define SKIP_BUDGET 1

/* Can acr[ai..] be spelt from the words after the one being read (wi,
 * whose letters before pos are used)? wi == count means "before the
 * first word". */
static int spell(const char *acr, size_t an, size_t ai, const word_list *w, size_t wi, size_t pos,
                 int budget)
{
    size_t next = wi == w->count ? 0 : wi + 1;
    if (ai == an) {
        for (size_t j = next; j < w->count; j++)
            if (!w->function[j] && --budget < 0) return 0;
        return 1;
    }
    char c = acr[ai];
    /* a letter from inside the current word: "BJ" from "Beijing" */
    if (wi < w->count)
        for (size_t k = pos; k < w->len[wi]; k++)
            if (same_letter(w->text[wi][k], c) && spell(acr, an, ai + 1, w, wi, k + 1, budget))
                return 1;
    /* the initial of a following word; "&" also stands for "and" */
    for (size_t j = next; j < w->count; j++) {
        int hit = same_letter(w->text[j][0], c) || (c == '&' && word_is(w->text[j], w->len[j], "and"));
        if (hit && spell(acr, an, ai + 1, w, j, 1, budget)) return 1;
        if (!w->function[j] && --budget < 0) break;
    }
    return 0;
}

/* The letters of acr are the initials of the content words, in any
 * order: acronyms of a name in another language ("Technical University
 * of Denmark (DTU)" from "Danmarks Tekniske Universitet"). */
static int initials_in_any_order(const char *acr, size_t an, const word_list *w)
{
    size_t content = 0;
    for (size_t j = 0; j < w->count; j++) content += !w->function[j];
    if (content != an) return 0;
    int used[MAX_WORDS] = {0};
    for (size_t i = 0; i < an; i++) {
        size_t j = 0;
        for (; j < w->count; j++)
            if (!used[j] && !w->function[j] && same_letter(w->text[j][0], acr[i])) break;
        if (j == w->count) return 0;
        used[j] = 1;
    }
    return 1;
}

int fx_org_acronym_fits(const char *acr, size_t acr_len, const char *long_form, size_t long_len,
                        const fx_org_tables *tables)
{
    word_list w;
    split_words(long_form, long_len, &w);
    mark_function_words(tables, &w);
    if (acr_len < 2 || w.count == 0) return 0;
    if (spell(acr, acr_len, 0, &w, w.count, 0, SKIP_BUDGET)) return 1;
    if (initials_in_any_order(acr, acr_len, &w)) return 1;
    /* a longer acronym of a name in another language ("Danish Water and
     * Wastewater Association (DANVA)") keeps at least the first initial */
    return acr_len >= 3 && same_letter(acr[0], w.text[0][0]);
}

int fx_org_is_acronym(const char *s, size_t n)
{
    size_t caps = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z') caps++;
        else if (!(c >= '0' && c <= '9') && c != '&' && c != '-') return 0;
    }
    return caps >= 2;
}

static const char *fact_text(const fx_doc *doc, const fx_fact *f, size_t *n)
{
    *n = f->norm_end - f->norm_start;
    return doc->text + f->norm_start;
}

/* The name an organisation decided earlier goes by. */
static const char *name_of(const fx_fact *f)
{
    const fx_org_resolution *r = f->resolution;
    return r ? r->name : NULL;
}

/* A field of the table row a list rule matched (column FX_ORG_NAME or
 * FX_ORG_ACRONYM_OF), or "": ORGS' and ORG_LIST's columns found once
 * (fx_org_tables), another table's by name. */
static const char *row_field(const fx_resolve_env *env, const fx_fact *f, int column)
{
    static const char *const names[FX_ORG_KNOWN_COLUMNS] = {[FX_ORG_NAME] = "name", [FX_ORG_ACRONYM_OF] = "acronym_of"};
    const fx_table_row *row = f->candidate->entry;
    const fx_table *t = f->candidate->rule->list;
    if (!row || !t) return "";
    const fx_org_tables *org = &env->tables->org;
    for (int k = 0; k < 2; k++)
        if (t == org->known[k]) {
            int c = org->known_columns[k][column];
            return c < 0 ? "" : fx_table_row_field(row, (size_t)c);
        }
    return fx_table_field(t, row, names[column]);
}

/* The canonical name of a fact that is not an acronym (arena string). */
static const char *plain_name(const fx_resolve_env *env, const fx_fact *f)
{
    const char *canonical = row_field(env, f, FX_ORG_NAME);
    if (*canonical) return canonical;
    size_t n;
    const char *text = fact_text(env->doc, f, &n);
    return fx_arena_strndup(&env->doc->arena, text, n);
}

static int is_org_fact(const fx_fact *f)
{
    return f->type == FX_ORG && f->candidate->rule->value_kind == FX_VALUE_ORG;
}

/* What may stand between a long form and its acronym ("Long Name (LN)",
 * "Long Name (hereafter LN)", "Long Name ("LN")", "Long Name, or LN,") or
 * between an acronym and its long form ("LN (Long Name)", "LN, the Long
 * Name,"), and what may close the definition. Quotes are ASCII here: the
 * normaliser folds the others. */
typedef struct { const char *text; size_t len; } connector;
#define CONNECTOR(s) {s, sizeof s - 1}
static const connector long_then_acronym[] = {
    CONNECTOR(" ("), CONNECTOR("("), CONNECTOR(" (hereafter "), CONNECTOR(" (hereinafter "),
    CONNECTOR(" (hereafter referred to as "), CONNECTOR(" (hereinafter referred to as "), CONNECTOR(" (\""),
    CONNECTOR(" (hereafter \""), CONNECTOR(" (hereinafter \""), CONNECTOR(" (the "), CONNECTOR(" (the \""),
    CONNECTOR(", or "), CONNECTOR(" or "), CONNECTOR(", also known as "), CONNECTOR(" (also known as "),
    CONNECTOR(" (known as "), CONNECTOR(" - "),
};
static const connector acronym_then_long[] = {
    CONNECTOR(" ("), CONNECTOR(", the "), CONNECTOR(", "), CONNECTOR(" - the "), CONNECTOR(" - "),
};
static const connector definition_closers[] = {
    CONNECTOR(")"), CONNECTOR("\")"), CONNECTOR(","), CONNECTOR(";"), CONNECTOR("\","), CONNECTOR("\";"),
};
#undef CONNECTOR

/* Is one of the strings at text + at, ending at end (whole) or by it?
 * The length and first byte before the call that compares the rest: most
 * places tried hold none (1,496 closer tests a MB). */
static int connector_at(const char *text, size_t at, size_t end, const connector *strings, size_t count, int whole)
{
    for (size_t k = 0; k < count; k++) {
        size_t n = strings[k].len;
        if ((whole ? at + n == end : at + n <= end) && text[at] == strings[k].text[0] &&
            memcmp(text + at, strings[k].text, n) == 0)
            return 1;
    }
    return 0;
}

/* Does text[from..to) equal one of the strings? */
static int one_of(const char *text, size_t from, size_t to, const connector *strings, size_t count)
{
    return connector_at(text, from, to, strings, count, 1);
}

/* Does a definition closer start at pos (or the text end there)? */
static int closes_definition(const fx_doc *doc, size_t pos)
{
    return pos >= doc->text_len ||
           connector_at(doc->text, pos, doc->text_len, definition_closers,
                        sizeof definition_closers / sizeof *definition_closers, 0);
}

/* The organisations' tables, found once per context (below). */
static const fx_org_tables *org_tables(fx_resolve_env *env);

/* "German Federal Ministry for Economic Affairs (BMWK)": capitals in
 * parentheses right after a name of three words or more stand for it even
 * when their letters do not fit, as acronyms of its name in another
 * language do; not a currency code ("(EUR)") or an exchange ("(NYSE)"). */
static int in_another_language(fx_resolve_env *env, const fx_fact *name, const fx_fact *acronym)
{
    const fx_doc *doc = env->doc;
    const char *t = doc->text;
    size_t s = acronym->norm_start, e = acronym->norm_end, words = 1;
    if (e - s < 3 || e - s > 8 || s != name->norm_end + 2 || t[s - 2] != ' ' || t[s - 1] != '(' ||
        e >= doc->text_len || t[e] != ')')
        return 0;
    for (size_t i = name->norm_start; i < name->norm_end; i++) words += t[i] == ' ';
    const fx_table *currencies = fx_rules_table(env->ctx, "CURRENCY_CODE");
    const fx_table *exchanges = fx_rules_table(env->ctx, "ORG_EXCHANGES");
    return words >= 3 && !(currencies && fx_table_find(currencies, t + s, e - s)) &&
           !(exchanges && fx_table_find(exchanges, t + s, e - s));
}

/* "Long Name (ACR)" and the other shapes above: the last kept fact before
 * this one is an organisation, and only a connector stands between. */
static const char *defined_after_long_form(fx_resolve_env *env, const fx_fact *fact)
{
    const fx_doc *doc = env->doc;
    size_t s = fact->norm_start, e = fact->norm_end;
    if (!closes_definition(doc, e)) return NULL;
    size_t p = env->index;
    while (p > 0 && doc->facts[p - 1].candidate->rejected) p--;     /* dropped ones */
    if (p == 0) return NULL;
    const fx_fact *prev = &doc->facts[p - 1];
    if (prev->type != FX_ORG || prev->norm_end >= s || s - prev->norm_end > 40) return NULL;
    if (!one_of(doc->text, prev->norm_end, s, long_then_acronym,
                sizeof long_then_acronym / sizeof *long_then_acronym))
        return NULL;
    /* "(" needs its ")": "Long Name (ACR" is not closed by a comma */
    if (memchr(doc->text + prev->norm_end, '(', s - prev->norm_end) && doc->text[e] != ')' &&
        !(doc->text[e] == '"' && e + 1 < doc->text_len && doc->text[e + 1] == ')'))
        return NULL;
    size_t n, ln;
    const char *acr = fact_text(doc, fact, &n), *lf = fact_text(doc, prev, &ln);
    if (!fx_org_acronym_fits(acr, n, lf, ln, org_tables(env)) && !in_another_language(env, prev, fact))
        return NULL;
    return name_of(prev);
}

/* "ACR (Long Name)", "ACR, the Long Name,": the next fact is an
 * organisation after a connector; it is not decided yet, so its name is
 * worked out here. */
static const char *defined_before_long_form(fx_resolve_env *env, const fx_fact *fact)
{
    fx_doc *doc = env->doc;
    if (env->index + 1 >= doc->fact_count) return NULL;
    const fx_fact *next = &doc->facts[env->index + 1];
    size_t e = fact->norm_end;
    if (!is_org_fact(next) || next->norm_start <= e ||
        !one_of(doc->text, e, next->norm_start, acronym_then_long, sizeof acronym_then_long / sizeof *acronym_then_long))
        return NULL;
    int paren = doc->text[e + 1] == '(';
    if (paren ? next->norm_end >= doc->text_len || doc->text[next->norm_end] != ')'
              : !closes_definition(doc, next->norm_end) || doc->text[next->norm_end] == ')')
        return NULL;
    size_t n, ln;
    const char *acr = fact_text(doc, fact, &n), *lf = fact_text(doc, next, &ln);
    if (fx_org_is_acronym(lf, ln) || !fx_org_acronym_fits(acr, n, lf, ln, org_tables(env)))
        return NULL;
    return plain_name(env, next);
}

/* Per-document index of what the facts decided so far tell about
 * acronyms, so that linking stays linear in the number of facts: the
 * long form each acronym text was linked to, and the name of the latest
 * organisation with given initials. Later entries shadow earlier ones.
 * Each table doubles when it gets full (a fixed size made long documents
 * quadratic). */
typedef struct link_entry {
    const char *key;            /* acronym text, or initials (upper case) */
    size_t key_len;
    const char *value;          /* long form, or organisation name */
    struct link_entry *next;
} link_entry;

typedef struct link_table {
    link_entry **buckets;       /* in the document's arena */
    size_t bucket_count, entry_count;
} link_table;

/* A name remembered for its initials (remember): its text and the name. */
typedef struct named { const char *text; size_t len; const char *name; } named;

struct fx_org_links {
    link_table acronyms, initials;
    /* the names whose initials are not in initials yet: they are read
     * only by an acronym that nothing else defines, which most documents
     * do not have, so they are added at its first lookup (in their order,
     * as remember would have) */
    named *pending;
    size_t pending_count, pending_cap;
};

/* FNV-1a with its high bits folded in: the bucket is the low bits, and
 * keys that share them under a weaker hash must not share a bucket. */
static size_t hash(const char *key, size_t n)
{
    uint64_t h = FX_HASH_START;
    for (size_t i = 0; i < n; i++) h = fx_hash_byte(h, (unsigned char)toupper((unsigned char)key[i]));
    return (size_t)(h ^ (h >> 29) ^ (h >> 47));
}

static const char *link_find(const link_table *table, const char *key, size_t n)
{
    if (!table->bucket_count) return NULL;
    for (const link_entry *e = table->buckets[hash(key, n) % table->bucket_count]; e; e = e->next)
        if (e->key_len == n && memcmp(e->key, key, n) == 0) return e->value;
    return NULL;
}

/* Twice the buckets (64 at first), each chain keeping its order so that
 * later entries still shadow earlier ones. */
static void link_grow(fx_doc *doc, link_table *table)
{
    size_t count = table->bucket_count ? table->bucket_count * 2 : 64;
    link_entry **buckets = fx_arena_alloc(&doc->arena, count * sizeof *buckets);
    link_entry **tails = fx_arena_alloc(&doc->arena, count * sizeof *tails);
    for (size_t b = 0; b < table->bucket_count; b++)
        for (link_entry *e = table->buckets[b], *next; e; e = next) {
            next = e->next;
            size_t to = hash(e->key, e->key_len) % count;
            e->next = NULL;
            if (buckets[to]) tails[to]->next = e;
            else buckets[to] = e;
            tails[to] = e;
        }
    table->buckets = buckets;
    table->bucket_count = count;
}

/* key and value are kept, not copied: they are the document's text, or
 * in its arena or a table, and outlive the table. */
static void link_add(fx_doc *doc, link_table *table, const char *key, size_t n, const char *value)
{
    if (table->entry_count >= table->bucket_count) link_grow(doc, table);
    link_entry *e = fx_arena_alloc(&doc->arena, sizeof *e);
    e->key = key;
    e->key_len = n;
    e->value = value;
    size_t b = hash(key, n) % table->bucket_count;
    e->next = table->buckets[b];
    table->buckets[b] = e;
    table->entry_count++;
}

static struct fx_org_links *links(fx_resolve_env *env)
{
    if (!env->org) env->org = fx_arena_alloc(&env->doc->arena, sizeof *env->org);
    return env->org;
}

/* The organisations' tables (ORG_FUNCTION_WORDS and the rest), found
 * once per context (fx_resolve_prepare), not by name once per document. */
static const fx_org_tables *org_tables(fx_resolve_env *env)
{
    return &env->tables->org;
}

/* Record a decided organisation: an acronym's long form, or a name whose
 * initials (with and without its function words) may be an implied
 * acronym ("the Danish Energy Agency ... the DEA"; add_initials). */
static void remember(fx_resolve_env *env, const fx_fact *fact, const char *name, const char *acronym_of)
{
    size_t n;
    const char *text = fact_text(env->doc, fact, &n);
    if (acronym_of) {
        link_add(env->doc, &links(env)->acronyms, text, n, acronym_of);
        return;
    }
    struct fx_org_links *l = links(env);
    if (l->pending_count == l->pending_cap) {
        size_t cap = l->pending_cap ? 2 * l->pending_cap : 16;
        l->pending = fx_arena_grow_uninit(&env->doc->arena, l->pending, l->pending_cap * sizeof *l->pending,
                                          cap * sizeof *l->pending);
        l->pending_cap = cap;
    }
    l->pending[l->pending_count++] = (named){text, n, name};
}

/* The initials of the names remembered so far, in links->initials. */
static void add_initials(fx_resolve_env *env)
{
    struct fx_org_links *l = links(env);
    for (size_t i = 0; i < l->pending_count; i++) {
        word_list w;
        split_words(l->pending[i].text, l->pending[i].len, &w);
        /* fewer than three words have fewer than three initials, which
         * give none (most names): their function words are not asked */
        if (w.count < 3) continue;
        mark_function_words(org_tables(env), &w);
        for (int with_function = 0; with_function < 2; with_function++) {
            char initials[MAX_WORDS];
            size_t k = 0;
            for (size_t j = 0; j < w.count; j++)
                if (with_function || !w.function[j]) initials[k++] = (char)toupper((unsigned char)w.text[j][0]);
            /* three letters at least, so that chance matches stay rare */
            if (k >= 3)
                link_add(env->doc, &l->initials, fx_arena_strndup(&env->doc->arena, initials, k), k, l->pending[i].name);
            /* no function word: both are the same, and a second entry
             * would only shadow the first with itself */
            if (k == w.count) break;
        }
    }
    l->pending_count = 0;
}

/* The latest earlier mention with the same text that was linked. */
static const char *defined_earlier(fx_resolve_env *env, const fx_fact *fact)
{
    size_t n;
    const char *text = fact_text(env->doc, fact, &n);
    return link_find(&links(env)->acronyms, text, n);
}

/* Not defined, but exactly the initials of an organisation named earlier:
 * "the Danish Energy Agency ... The DEA has worked with China". */
static const char *implied_by_earlier_name(fx_resolve_env *env, const fx_fact *fact)
{
    size_t n;
    const char *acr = fact_text(env->doc, fact, &n);
    add_initials(env);
    return link_find(&links(env)->initials, acr, n);
}

/* The long form this acronym mention stands for in this document, or
 * NULL. */
static const char *acronym_long_form(fx_resolve_env *env, const fx_fact *fact)
{
    const char *lf = defined_after_long_form(env, fact);
    if (!lf) lf = defined_before_long_form(env, fact);
    if (!lf) lf = defined_earlier(env, fact);
    if (!lf) lf = implied_by_earlier_name(env, fact);
    return lf;
}

/* The name fact goes by, and the long form when it is an acronym
 * (long_form: acronym_long_form's, NULL when it gives none or the fact's
 * text is no acronym). */
static void decide(fx_resolve_env *env, fx_fact *fact, const char *long_form)
{
    fx_org_resolution *r = fx_arena_alloc(&env->doc->arena, sizeof *r);
    const char *known = row_field(env, fact, FX_ORG_ACRONYM_OF);     /* the table's long form, or "" */
    if (!long_form && *known) long_form = known;
    if (long_form) {
        /* a known acronym keeps its table name unless the text defines it */
        const char *name = *known && strcmp(known, long_form) == 0 ? row_field(env, fact, FX_ORG_NAME) : long_form;
        r->name = *name ? name : long_form;
        r->acronym_of = long_form;
        r->lasting = long_form == known;
        remember(env, fact, NULL, long_form);
    } else {
        r->name = plain_name(env, fact);
        r->lasting = *row_field(env, fact, FX_ORG_NAME) != 0;
        remember(env, fact, r->name, NULL);
    }
    fact->resolution = r;
}

/* resolve_impl.h. An organisation named like a town ("Santander",
 * "Nokia", "Kalmar") is the town where the text says so: "the city of
 * Santander", "Santander, Spain" (not "Nokia, Finland's biggest
 * company"). */
const char fx_org_town_context[] = "a town named like an organisation, where the text says it is the town";

int fx_org_said_to_be_a_town(const fx_resolve_env *env, const fx_fact *fact)
{
    const fx_org_tables *t = &env->tables->org;
    const char *text = env->doc->text;
    size_t s = fact->norm_start, e = fact->norm_end, len = env->doc->text_len;
    if (!t->places[0] || !t->places[1]) return 0;
    /* the text's tests before the lookup of the name: most names have
     * neither before or after them (each of town_of ends in "of ") */
    static const char *const town_of[] = {"city of ", "town of ", "port of ", "village of "};
    int town = 0;
    for (size_t k = 0; k < sizeof town_of / sizeof *town_of && !town && s >= 3 && memcmp(text + s - 3, "of ", 3) == 0; k++) {
        size_t n = strlen(town_of[k]);
        town = s >= n && memcmp(text + s - n, town_of[k], n) == 0;
    }
    if (!town && (e + 2 >= len || text[e] != ',' || text[e + 1] != ' ')) return 0;
    if (!fx_table_find(t->places[1], text + s, e - s)) return 0;
    if (town) return 1;
    size_t ws = e + 2, we = ws;
    while (we < len && fx_is_word_byte((unsigned char)text[we])) we++;
    return we > ws && (we == len || text[we] != '\'') && fx_table_find(t->places[0], text + ws, we - ws) != NULL;
}

/* A pattern rule's fact that is one head word and no known name
 * ("Parliament agreed to buy ..."): a kind of body, not a name. (The
 * document pass's "the Commission" is a mention of a name given in full.) */
static int is_head_word_alone(const fx_resolve_env *env, const fx_fact *fact)
{
    const fx_org_tables *t = &env->tables->org;
    const char *text = env->doc->text + fact->norm_start;
    size_t n = fact->norm_end - fact->norm_start;
    if (!fact->candidate->rule->pattern || !t->heads || memchr(text, ' ', n)) return 0;
    if (!fx_table_find(t->heads, text, n)) return 0;
    for (size_t k = 0; k < sizeof t->known / sizeof *t->known; k++)
        if (t->known[k] && fx_table_find(t->known[k], text, n)) return 0;
    return 1;
}

const char *fx_resolve_org(fx_resolve_env *env, fx_fact *fact)
{
    const char *person = fx_org_person(env, fact);
    if (person) return person;
    if (fx_org_said_to_be_a_town(env, fact)) return fx_org_town_context;
    if (is_head_word_alone(env, fact)) return "a head word alone names no organisation";
    size_t n;
    const char *text = fact_text(env->doc, fact, &n);
    decide(env, fact, fx_org_is_acronym(text, n) ? acronym_long_form(env, fact) : NULL);
    return NULL;
}

/* An all-capitals word is an organisation only as a defined acronym. */
const char *fx_resolve_acronym(fx_resolve_env *env, fx_fact *fact)
{
    size_t n;
    const char *text = fact_text(env->doc, fact, &n);
    if (!fx_org_is_acronym(text, n)) return "not shaped as an acronym";
    /* found once: decide is given it, not asked again */
    const char *long_form = acronym_long_form(env, fact);
    if (!long_form) return "an acronym whose long form the document does not give";
    decide(env, fact, long_form);
    return NULL;
}
