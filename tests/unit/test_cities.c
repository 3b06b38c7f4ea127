/* test_cities.c - the city gazetteer and its disambiguation through the
 * whole pipeline: table size and lookups, words that are no cities, the
 * country an article is about, candidates kept for unresolved ties. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <utf8proc.h>

#include "document.h"
#include "factx.h"
#include "fixture.h"
#include "harness.h"
#include "hash.h"
#include "match.h"
#include "normalise.h"
#include "one_edit.h"
#include "place.h"
#include "rules.h"
#include "tables.h"
#include "tokens.h"
#include "words.h"

static const fx_context *ctx;

static fx_doc *extract(const char *text)
{
    return fx_fixture_run(text, strlen(text), NULL, 0);
}

static size_t city_count(const fx_doc *doc)
{
    size_t n = 0;
    for (size_t i = 0; i < doc->fact_count; i++) n += doc->facts[i].type == FX_CITY;
    return n;
}

static const fx_fact *city(const fx_doc *doc, size_t index)
{
    for (size_t i = 0; i < doc->fact_count; i++)
        if (doc->facts[i].type == FX_CITY && index-- == 0) return &doc->facts[i];
    return NULL;
}

static const char *field(const fx_fact *f, const char *name)
{
    const cJSON *v = f ? cJSON_GetObjectItemCaseSensitive(f->value, name) : NULL;
    return cJSON_IsString(v) ? v->valuestring : "";
}

static void test_gazetteer(void)
{
    const fx_table *t = fx_rules_table(ctx, "CITIES");
    CHECK(t != NULL);
    if (!t) return;
    CHECK(t->row_count > 24000);      /* GeoNames cities15000, not a stub */
    const fx_table_row *r = fx_table_find(t, "Beijing", 7);
    CHECK(r != NULL);
    if (r) CHECK_STR(fx_table_field(t, r, "country_code"), "CN");
    /* same-name rows chained, most populous first */
    r = fx_table_find(t, "Reading", 7);
    CHECK(r != NULL && r->next_same_key >= 0);
    if (r && r->next_same_key >= 0) {
        double first = strtod(fx_table_field(t, r, "population"), NULL);
        double second = strtod(fx_table_field(t, &t->rows[r->next_same_key], "population"), NULL);
        CHECK(first >= second);
    }
    CHECK(fx_rules_table(ctx, "CITY_GUARDS") && fx_table_find(fx_rules_table(ctx, "CITY_GUARDS"), "March", 5));
}

static void test_no_false_cities(void)
{
    static const char *const texts[] = {
        ("In March, the Police Union met at the University of Reading; the Green party said Most of "
         "the Union members agree."),   /* one text: clang asks for the parentheses */
        "Of course. March is cold. Reading is fun. Mobile phones were banned. Nice weather helped.",
        "MARCH 2015 REPORT ON THE POLICE UNION\nVictoria said Florence agreed.",
        "He toured Copenhagen City Hall, the Beijing Design Week and Greater Copenhagen.",
        "the NOVI science park; a Tongzhou district plan; Tongzhou residents",
    };
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        fx_doc *doc = extract(texts[i]);
        CHECK(city_count(doc) == 0);
        if (city_count(doc)) fprintf(stderr, "  false city in: %s\n", texts[i]);
        fx_doc_free(doc);
    }
}

/* A capitalised word before each feature word of CITY_CONTEXT ("Tongzhou
 * district", "Tongzhou prefecture") names no city: the text pass reads
 * the word after a capitalised one only where its length is a feature
 * word's, so each must pass that test. */
static void test_feature_words(void)
{
    const fx_table *context = fx_rules_table(ctx, "CITY_CONTEXT");
    size_t features = 0, cities = 0;
    for (size_t r = 0; context && r < context->row_count; r++) {
        if (strstr(fx_table_field(context, &context->rows[r], "role"), "feature") == NULL) continue;
        char text[128];
        snprintf(text, sizeof text, "a Tongzhou %s plan", context->rows[r].key);
        fx_doc *doc = extract(text);
        features++;
        cities += city_count(doc);
        fx_doc_free(doc);
    }
    CHECK(features >= 5 && cities == 0);
    fx_doc *doc = extract("a Tongzhou plan");   /* (a city without one) */
    CHECK(city_count(doc) == 1);
    fx_doc_free(doc);
}

static void test_which_city(void)
{
    /* the article's country decides among same-name cities */
    fx_doc *doc = extract("The Canadian delegation visited Toronto and then London.");
    CHECK(city_count(doc) == 2);
    CHECK_STR(field(city(doc, 1), "country_code"), "CA");
    fx_doc_free(doc);
    doc = extract("A Greek ship sailed from Athens.");
    CHECK_STR(field(city(doc, 0), "country_code"), "GR");
    CHECK(city(doc, 0) && city(doc, 0)->extra == NULL);       /* decided: no candidates */
    fx_doc_free(doc);
    /* a far larger namesake outweighs a country named in passing */
    doc = extract("Officials from the United States and America's allies met in Paris.");
    CHECK_STR(field(city(doc, 0), "country_code"), "FR");
    fx_doc_free(doc);

    /* Colombo, in Sri Lanka or (smaller) in Brazil, by the countries the
     * text names: Brazil's name alone outweighs the size; a country named
     * before more words that join it counts ("Sri Lanka", the longest key
     * "Sri" starts, then "Telecom"); a city's name counts its country when
     * all its cities lie there ("Redencao": two in Brazil), not when they
     * lie in several ("Embu": Brazil's and Kenya's) */
    static const struct {
        const char *text;
        size_t city;
        const char *country;
    } colombo[] = {
        {"Officials of Brazil met in Colombo.", 0, "BR"},
        {"Officials of Sri Lanka Telecom and of Brazil met in Colombo.", 0, "LK"},
        {"Traders from Redencao met in Colombo.", 1, "BR"},
        {"Traders from Embu met in Colombo.", 1, "LK"},
    };
    for (size_t i = 0; i < sizeof colombo / sizeof *colombo; i++) {
        doc = extract(colombo[i].text);
        CHECK_STR(field(city(doc, colombo[i].city), "country_code"), colombo[i].country);
        fx_doc_free(doc);
    }

    /* ", Region" decides */
    doc = extract("A plant in Reading, Pennsylvania.");
    CHECK_STR(field(city(doc, 0), "region"), "Pennsylvania");
    fx_doc_free(doc);

    /* nothing but population: the most populous, the others kept */
    doc = extract("The train to Reading was late.");
    const fx_fact *f = city(doc, 0);
    CHECK_STR(field(f, "country_code"), "GB");
    const cJSON *candidates = f && f->extra ? cJSON_GetObjectItemCaseSensitive(f->extra, "candidates") : NULL;
    CHECK(cJSON_IsArray(candidates) && cJSON_GetArraySize(candidates) >= 2);
    fx_doc_free(doc);

    /* aliases and all-caps headings give the canonical name and map data */
    doc = extract("PEKING\nThe mayor of Kjøbenhavn met colleagues in Århus.");
    CHECK(city_count(doc) == 3);
    CHECK_STR(field(city(doc, 0), "name"), "Beijing");
    CHECK_STR(field(city(doc, 1), "name"), "Copenhagen");
    CHECK_STR(field(city(doc, 2), "name"), "Aarhus");
    const cJSON *lat = city(doc, 1) ? cJSON_GetObjectItemCaseSensitive(city(doc, 1)->value, "lat") : NULL;
    CHECK(cJSON_IsNumber(lat) && lat->valuedouble > 55 && lat->valuedouble < 56);
    fx_doc_free(doc);
}

/* A city's region is the division it lies in today, even where a country
 * renumbered its divisions between the two GeoNames snapshots the gazetteer
 * is built from (tools/gazetteer.c "Regions"): Vietnam in 2025, Norway in
 * 2024. */
static void test_regions(void)
{
    static const struct {
        const char *text, *region;
    } cases[] = {
        {"Our correspondent flew to Hanoi on Tuesday.", "Hanoi"},
        {"Ferry traffic at Ho Chi Minh City was slow.", "Ho Chi Minh City (HCMC)"},
        {"A new bridge opened in Da Nang last week.", "Da Nang City"},
        {"The council of Drammen voted on the budget.", "Buskerud"},
        {"Rents in Guadalajara rose again.", "Jalisco"},
        {"Traders in Mumbai sold rupees.", "Maharashtra"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        fx_doc *doc = extract(cases[i].text);
        CHECK(city_count(doc) == 1);
        CHECK_STR(field(city(doc, 0), "region"), cases[i].region);
        fx_doc_free(doc);
    }
}

/* One typing slip as one_edit.h defines it, on code points: the
 * reference the UTF-8 form (read on bytes) is checked against. */
static int one_edit_code_points(const int32_t *a, size_t an, const int32_t *b, size_t bn)
{
    if (an > bn) return one_edit_code_points(b, bn, a, an);   /* a is the shorter */
    if (bn - an > 1) return 0;
    size_t i = 0;
    while (i < an && a[i] == b[i]) i++;     /* the common prefix */
    if (an < bn) return memcmp(a + i, b + i + 1, (an - i) * sizeof *a) == 0;   /* b has one more */
    if (i == an) return 0;
    if (memcmp(a + i + 1, b + i + 1, (an - i - 1) * sizeof *a) == 0) return 1;
    return i + 1 < an && a[i] == b[i + 1] && a[i + 1] == b[i] &&
           memcmp(a + i + 2, b + i + 2, (an - i - 2) * sizeof *a) == 0;
}

/* one typing slip: each kind, and what is not one; the code point form
 * and the UTF-8 form agree */
static int one_edit(const char *a, const char *b)
{
    int32_t x[64], y[64];
    size_t an = strlen(a), bn = strlen(b);
    for (size_t i = 0; i < an; i++) x[i] = (unsigned char)a[i];
    for (size_t i = 0; i < bn; i++) y[i] = (unsigned char)b[i];
    int apart = one_edit_code_points(x, an, y, bn);
    CHECK(fx_one_edit_apart_utf8(a, an, b, bn) == apart);
    return apart;
}

/* The UTF-8 form gives the code point form's answer for every pair of
 * words of up to four letters from letters of one to four bytes, among
 * them two that share a lead byte ("é", "è"), two their first two bytes
 * ("€", "₤") and two their last byte ("é", "©"): where the bytes first or
 * last agree inside a letter, the slip is read from the letter's edge. */
static void test_one_edit_utf8(void)
{
    static const char *const letters[] = {"a", "\xC3\xA9", "\xC3\xA8", "\xC2\xA9", "\xE2\x82\xAC", "\xE2\x82\xA4",
                                          "\xF0\x9F\x98\x80"};
    enum { LETTERS = sizeof letters / sizeof *letters, MAX_WORD = 4, WORDS = 1 + 7 + 49 + 343 + 2401 };
    static struct {
        char bytes[4 * MAX_WORD];
        size_t len, n;
        int32_t cp[MAX_WORD];
    } words[WORDS];
    size_t count = 0;
    for (size_t n = 0; n <= MAX_WORD; n++) {
        size_t combos = 1;
        for (size_t i = 0; i < n; i++) combos *= LETTERS;
        for (size_t k = 0; k < combos; k++) {
            size_t rest = k, len = 0;
            for (size_t i = 0; i < n; i++, rest /= LETTERS) {
                const char *l = letters[rest % LETTERS];
                size_t ll = strlen(l);
                memcpy(words[count].bytes + len, l, ll);
                fx_utf8_decode((const unsigned char *)l, ll, &words[count].cp[i]);
                len += ll;
            }
            words[count].len = len;
            words[count].n = n;
            count++;
        }
    }
    CHECK(count == WORDS);
    size_t differ = 0, apart = 0;
    for (size_t i = 0; i < count; i++)
        for (size_t j = 0; j < count; j++) {
            int want = one_edit_code_points(words[i].cp, words[i].n, words[j].cp, words[j].n);
            apart += want;
            differ += fx_one_edit_apart_utf8(words[i].bytes, words[i].len, words[j].bytes, words[j].len) != want;
        }
    CHECK(differ == 0);
    CHECK(apart > 0);
}

static void test_one_edit(void)
{
    CHECK(one_edit("Gothenburg", "Gothenbrug"));     /* transposition */
    CHECK(one_edit("Gothenburg", "Gothenbug"));      /* deletion */
    CHECK(one_edit("Gothenburg", "Gothenbuurg"));    /* insertion */
    CHECK(one_edit("Gothenburg", "Gothenburh"));     /* substitution, last */
    CHECK(one_edit("Gothenburg", "Xothenburg"));     /* substitution, first */
    CHECK(one_edit("Gothenburg", "othenburg"));      /* deletion, first */
    CHECK(one_edit("Gothenburg", "Gothenburgs"));    /* insertion, last */
    CHECK(one_edit("Gothenburg", "oGthenburg"));     /* transposition, first */
    CHECK(!one_edit("Gothenburg", "Gothenburg"));    /* the same */
    CHECK(!one_edit("Gothenburg", "Gothenbrgu"));    /* two slips */
    CHECK(!one_edit("Gothenburg", "Gotenbrug"));
    CHECK(!one_edit("Gothenburg", "Gothenburgsk"));  /* two more letters */
    CHECK(!one_edit("Gothenburg", "Gthnburg"));
    CHECK(!one_edit("abcde", "acdxe"));              /* a deletion and an insertion */
    CHECK(!one_edit("abcd", "badc"));                /* two transpositions */
    CHECK(one_edit("", "a") && !one_edit("", ""));
}

/* a misspelt city resolves to the city the article spells right; the
 * same word without the right spelling, or a person's name, is no city */
static void test_misspelt(void)
{
    fx_doc *doc = extract("Flights from Gothenburg resumed. The Gothenbrug airport reopened.");
    CHECK(city_count(doc) == 2);
    CHECK_STR(field(city(doc, 1), "name"), "Gothenburg");
    CHECK(city(doc, 1) && strcmp(city(doc, 1)->candidate->rule->id, "city.typo") == 0);
    fx_doc_free(doc);
    doc = extract("The Gothenbrug airport reopened.");
    CHECK(city_count(doc) == 0);
    fx_doc_free(doc);
    /* each kind of slip, at either end and inside: the pass compares a
     * word only with the cities of its first two letters, its last two
     * and its length within one (an ASCII word), which each keeps */
    static const char *const slips[] = {"Gothenbug", "Gothenburgh", "Gothenburh", "Gothenbugr", "Xothenburg",
                                        "Gtohenburg", "Gothemburg", "G\xC3\xB6thenburg", "Gothenburg\xC3\xB6"};
    for (size_t i = 0; i < sizeof slips / sizeof *slips; i++) {
        char text[128];
        snprintf(text, sizeof text, "Flights from Gothenburg resumed. The %s airport reopened.", slips[i]);
        doc = extract(text);
        CHECK(city_count(doc) == 2 && city(doc, 1) && strcmp(city(doc, 1)->candidate->rule->id, "city.typo") == 0);
        fx_doc_free(doc);
    }
    doc = extract("In Paris, Ms. Parisa met Parisa Tabriz. Parisa said so.");
    CHECK(city_count(doc) == 1);
    fx_doc_free(doc);
    /* a spelling is compared once however often the article has it: a
     * city named more often than the pass keeps cities (64) leaves room
     * for the next one */
    {
        static const char one_city[] = "Ships reach Gothenburg. ";
        static const char then[] = "Flights from Stockholm resumed. The Stokholm airport reopened.";
        size_t times = 70, at = 0;
        char *text = malloc(times * strlen(one_city) + sizeof then);
        for (size_t i = 0; i < times; i++, at += strlen(one_city)) memcpy(text + at, one_city, strlen(one_city));
        memcpy(text + at, then, sizeof then);
        doc = extract(text);
        const fx_fact *last = city(doc, times + 1);
        CHECK(city_count(doc) == times + 2 && last && strcmp(last->candidate->rule->id, "city.typo") == 0);
        CHECK_STR(field(last, "name"), "Stockholm");
        fx_doc_free(doc);
        free(text);
    }
    /* a far longer article: each word compared with the few cities found */
    size_t reps = 2000, one = strlen("Ships reach Gothenburg and Gothenbrug. ");
    char *big = malloc(reps * one + 1);
    for (size_t i = 0; i < reps; i++) memcpy(big + i * one, "Ships reach Gothenburg and Gothenbrug. ", one);
    big[reps * one] = '\0';
    doc = extract(big);
    CHECK(city_count(doc) == 2 * reps);
    fx_doc_free(doc);
    free(big);
}

/* The city resolver keeps what the tables say of each name across a
 * thread's documents (a bounded cache, emptied when full: 256 keys): a
 * document decides the same whether its names were kept or not, and its
 * facts keep their cities after a later document has emptied the cache. */
static void test_kept_across_documents(void)
{
    const fx_table *t = fx_rules_table(ctx, "CITIES");
    if (!t) return;
    size_t cap = 64 * 1024, len = 0, keys = 0;
    char *text = malloc(cap);
    for (size_t r = 0; r < t->row_count && keys < 600; r++) {
        const fx_table_row *row = &t->rows[r];
        if (r && strcmp(t->rows[r - 1].key, row->key) == 0) continue;   /* a key's other rows */
        int n = snprintf(text + len, cap - len, "Ships reach %s today. ", row->key);
        if (n < 0 || (size_t)n >= cap - len) break;
        len += (size_t)n;
        keys++;
    }
    fx_doc *first = extract(text), *again = extract(text);
    CHECK(first && again && city_count(first) > 256);
    CHECK(first && again && city_count(first) == city_count(again));
    for (size_t i = 0; first && again && i < city_count(first) && i < city_count(again); i++) {
        const fx_city_resolution *a = city(first, i)->resolution, *b = city(again, i)->resolution;
        CHECK(a && b && a->choice_count == b->choice_count && a->pick->row == b->pick->row);
        /* the first document's choices are its own, not the cache's */
        CHECK(a && a->choices != b->choices);
        CHECK_STR(a ? a->pick->name : "", field(city(first, i), "name"));
    }
    fx_doc_free(again);
    fx_doc_free(first);
    free(text);
}

/* A document remembers the gathered of the last gazetteer rows asked (a
 * few slots, by the row's address): with more rows than slots, each
 * mention of a key that only one row of CITIES has (no alias, no
 * supplement, no namesake) is that row's city, the only choice. */
static void test_rows_remembered(void)
{
    const fx_table *t = fx_rules_table(ctx, "CITIES"), *supplement = fx_rules_table(ctx, "CITY_SUPPLEMENT"),
                   *aliases = fx_rules_table(ctx, "CITY_ALIASES");
    if (!t) return;
    size_t cap = 16 * 1024, len = 0, keys = 0;
    char *text = malloc(cap);
    for (int round = 0; round < 2; round++) {   /* each key twice */
        keys = 0;
        for (size_t r = 1; r < t->row_count && keys < 96; r += 97) {
            const fx_table_row *row = &t->rows[r];
            if (row->next_same_key >= 0 || strcmp(t->rows[r - 1].key, row->key) == 0 ||
                fx_table_find(supplement, row->key, row->key_length) || fx_table_find(aliases, row->key, row->key_length))
                continue;
            int n = snprintf(text + len, cap - len, "Ships reach %s today. ", row->key);
            if (n < 0 || (size_t)n >= cap - len) break;
            len += (size_t)n;
            keys++;
        }
    }
    fx_doc *doc = extract(text);
    size_t checked = 0, right = 0;
    for (size_t i = 0; i < city_count(doc); i++) {
        const fx_fact *f = city(doc, i);
        const fx_table_row *entry = f->candidate->entry;
        if (!f->resolution || !entry || entry < t->rows || entry >= t->rows + t->row_count) continue;
        const fx_city_resolution *res = f->resolution;
        checked++;
        right += res->choice_count == 1 && res->pick->row == entry;
    }
    CHECK(keys == 96 && checked > 96 && right == checked);
    fx_doc_free(doc);
    free(text);
}

/* An index's reaches of no word (fx_table_first_words.none, what a list
 * start reads for a table its word starts no key of) are 0 in every
 * table, and no word's: every key's first word has a reach of its own,
 * as long as the key at least. A key of one word has its table's bit
 * among the tables that have the word alone (fx_table_first_words_alone),
 * and a first word that is no key of the table ("New" of "New York") has
 * it not (but where it shares its hash's top 32 bits with one that is).
 * Every key's first word has its table's bit among the tables it starts
 * a key of (fx_table_first_words_in): a list start's lists, which a list
 * rule reads before its reaches (match.c). */
static void test_no_word_reaches(void)
{
    const fx_table_first_words *w = &ctx->list_words;
    CHECK(w->none != NULL && w->table_count >= 3);
    for (size_t t = 0; w->none && t < w->table_count; t++) CHECK(w->none[t] == 0);
    CHECK(w->none && fx_table_first_words_in(w, w->none) == 0 && fx_table_first_words_alone(w, w->none) == 0);
    CHECK(w->none && fx_table_first_words_second(w, w->none) == w->none);
    size_t keys = 0, own = 0, in = 0, alone = 0, words = 0, not_alone = 0, starting = 0;
    for (size_t r = 0; r < ctx->rule_count; r++) {
        const fx_table *table = ctx->rules[r].list;
        unsigned bit = fx_table_first_words_bit(ctx->rules[r].list_column);
        /* every row: the index skips a key the row before has */
        for (size_t k = 0; table && k < table->row_count; k++) {
            const char *key = table->rows[k].key;
            size_t first = 0;
            while (first < table->rows[k].key_length && fx_is_word_byte((unsigned char)key[first])) first++;
            if (!first) continue;   /* "'Afrin": no first word */
            const uint16_t *reach = fx_table_first_words_reach(w, fx_hash_bytes(key, first));
            keys++;
            own += reach && reach != w->none &&
                   fx_table_first_words_second(w, reach)[ctx->rules[r].list_column - w->split] >= table->rows[k].key_length;
            if (!reach) continue;
            in += (fx_table_first_words_in(w, reach) & bit) != 0;
            if (first == table->rows[k].key_length) {
                words++;
                alone += (fx_table_first_words_alone(w, reach) & bit) != 0;
            } else if (!fx_table_find(table, key, first)) {
                starting++;
                not_alone += !(fx_table_first_words_alone(w, reach) & bit);
            }
        }
    }
    CHECK(keys > 35000 && own == keys && in == keys);
    CHECK(words > 30000 && alone == words);
    CHECK(starting > 1000 && not_alone > starting * 99 / 100);
}

/* The list rules' filters of the keys' beginnings (tables.h): every
 * beginning of every key of their tables that ends where a word ends,
 * past the first word, passes (a miss would lose a match: the list rule
 * stops extending a span there), and few spans of no key do. */
static void test_word_prefixes(void)
{
    size_t missed = 0, checked = 0, passed = 0, tried = 0;
    for (size_t r = 0; r < ctx->rule_count; r++) {
        const fx_rule *rule = &ctx->rules[r];
        if (!rule->list) continue;
        for (size_t k = 0; k < rule->list->row_count; k++) {
            const char *key = rule->list->rows[k].key;
            size_t len = rule->list->rows[k].key_length, first = 0;
            while (first < len && fx_is_word_byte((unsigned char)key[first])) first++;
            for (size_t end = first + 1; first && end <= len; end++) {
                if (!fx_is_word_byte((unsigned char)key[end - 1]) ||
                    (end < len && fx_is_word_byte((unsigned char)key[end])))
                    continue;
                checked++;
                missed += !fx_table_first_words_may_begin(&ctx->list_words, rule->list_column, fx_hash_bytes(key, end));
            }
        }
        for (int i = 0; i < 1000; i++) {
            char span[32];
            int n = snprintf(span, sizeof span, "New Other%d", i);
            passed += (size_t)fx_table_first_words_may_begin(&ctx->list_words, rule->list_column,
                                                            fx_hash_bytes(span, (size_t)n));
            tried++;
        }
    }
    CHECK(checked > 10000 && missed == 0);
    CHECK(passed < tried / 5);
    /* a beginning of no key ends the span, not the keys found before it
     * or found again after it */
    const char *text = "The mayor of New York City met the mayor of New Other Town, then flew to Washington D.C. and New York.";
    fx_doc *doc = extract(text);
    CHECK(doc && city_count(doc) == 3);
    CHECK_STR(field(fx_fixture_fact_at(doc, text, "New York City"), "name"), "New York City");
    CHECK(fx_fixture_fact_at(doc, text, "Washington D.C.") != NULL);
    CHECK_STR(field(city(doc, 2), "name"), "New York");
    fx_doc_free(doc);
}

/* Words that start keys of several list tables: each list rule finds
 * every one of its table's keys among them (each start's lists name its
 * tables, match.c), whatever the other tables hold. */
static void test_list_columns(void)
{
    static const char *const names[] = {"Copenhagen", "Xinhua", "Danfoss", "Aarhus", "Santander", "Toyota",
                                        "Nokia", "Geneva", "Hanover", "China"};
    char text[512];
    size_t len = 0, at[sizeof names / sizeof *names];
    for (size_t k = 0; k < sizeof names / sizeof *names; k++) {
        at[k] = len + 5;   /* after "Then " */
        len += (size_t)snprintf(text + len, sizeof text - len, "Then %s said so. ", names[k]);
    }
    fx_doc *doc = fx_fixture_run(text, len, NULL, 0);
    CHECK(doc != NULL);
    size_t found = 0, lists = 0;
    for (size_t r = 0; doc && r < ctx->rule_count; r++) {
        const fx_rule *rule = &ctx->rules[r];
        if (!rule->list) continue;
        lists++;
        for (size_t k = 0; k < sizeof names / sizeof *names; k++) {
            const char *end = strchr(text + at[k], ' ');
            int key = fx_table_find(rule->list, text + at[k], (size_t)(end - text) - at[k]) != NULL;
            int candidate = 0;
            for (size_t c = 0; c < doc->candidate_count; c++)
                candidate |= doc->candidates[c].rule == rule && doc->candidates[c].start == at[k] &&
                             text + doc->candidates[c].end == end;
            CHECK(candidate == key);
            found += (size_t)key;
        }
    }
    CHECK(lists >= 3 && found > sizeof names / sizeof *names);   /* some words in several tables */
    fx_doc_free(doc);
}

/* A word in capitals is a candidate of an allcaps list rule just when
 * the rule's table has the word in title case ("BEIJING": "Beijing"),
 * the word's other letters lowered; none when a letter is lower case
 * ("BEIJiNG"), whose title case is none. ASCII words, words with
 * digits, words whose letters are not all ASCII, a key of two words
 * whose first is one letter. */
static void test_all_caps(void)
{
    static const char *const words[][2] = {
        {"BEIJING", "Beijing"}, {"GENEVA", "Geneva"}, {"ZÜRICH", "Zürich"}, {"KØBENHAVN", "København"},
        {"ÅRHUS", "Århus"},     {"OSLO", "Oslo"},     {"BEIJiNG", NULL},    {"ZÜRiCH", NULL},
        {"A380", "A380"},       {"G7", "G7"},         {"B", "B"},
        {"A CORUÑA", "A Coruña"},   /* a first word of one letter, its own title case */
    };
    enum { WORDS = sizeof words / sizeof *words };
    char text[512];
    size_t len = 0, at[WORDS];
    for (size_t k = 0; k < WORDS; k++) {
        at[k] = len + 5;   /* after "Then " */
        len += (size_t)snprintf(text + len, sizeof text - len, "Then %s said so. ", words[k][0]);
    }
    fx_doc *doc = fx_fixture_run(text, len, NULL, 0);
    CHECK(doc != NULL);
    size_t found = 0, rules = 0;
    for (size_t r = 0; doc && r < ctx->rule_count; r++) {
        const fx_rule *rule = &ctx->rules[r];
        if (!rule->list || !(rule->flags & FX_RULE_ALLCAPS)) continue;
        rules++;
        for (size_t k = 0; k < WORDS; k++) {
            const char *title = words[k][1];
            int key = title && (fx_table_find(rule->list, title, strlen(title)) ||
                                fx_table_find(rule->list, words[k][0], strlen(words[k][0])));
            int candidate = 0;
            for (size_t c = 0; c < doc->candidate_count; c++)
                candidate |= doc->candidates[c].rule == rule && doc->candidates[c].start == at[k] &&
                             doc->candidates[c].end == at[k] + strlen(words[k][0]);
            CHECK(candidate == key);
            found += (size_t)key;
        }
    }
    CHECK(rules >= 3 && found >= 3);    /* Beijing, Geneva, Oslo in CITIES at least */
    fx_doc_free(doc);
}

/* A list rule reads the words after a start only while a key of its
 * table, as written or title-cased, may be longer than the span so far:
 * it stops at a span as long as both reaches ("BEIJING" before "-based")
 * and goes on where either is longer ("NEW YORK CITY", whose written
 * reach is none: "NEW" starts no key as written). */
static void test_list_reach(void)
{
    static const char text[] = "Then NEW YORK CITY said so. Then New York-based firms grew. Then BEIJING-based "
                               "firms grew. Then SAN FRANCISCO said so. Then Washington D.C. said so.";
    static const char *const spans[] = {"NEW YORK CITY", "New York", "BEIJING", "SAN FRANCISCO", "Washington D.C."};
    fx_doc *doc = fx_fixture_run(text, sizeof text - 1, NULL, 0);
    CHECK(doc != NULL);
    for (size_t k = 0; doc && k < sizeof spans / sizeof *spans; k++) {
        size_t at = (size_t)(strstr(text, spans[k]) - text), end = at + strlen(spans[k]);
        int found = 0;
        for (size_t c = 0; c < doc->candidate_count; c++)
            found |= doc->candidates[c].rule->list && doc->candidates[c].start == at && doc->candidates[c].end == end;
        CHECK(found);
    }
    fx_doc_free(doc);
}

/* Load the table file at path (its bytes: text) into t; what the loader
 * reported goes to *report (malloc'd). */
static int load_table(fx_table *t, fx_arena *arena, char *path, const char *text, size_t len, char **report)
{
    FILE *f = fopen(path, "wb");
    if (!f) return -1;
    fwrite(text, 1, len, f);
    fclose(f);
    size_t report_len;
    FILE *mem = open_memstream(report, &report_len);
    fx_diag diag;
    fx_diag_init(&diag, mem);
    static char name[] = "T";
    *t = (fx_table){.name = name, .path = path};
    int loaded = fx_table_load(t, arena, &diag, "test.rules", 1, 1);
    fclose(mem);
    return loaded;
}

/* The tables' loader (tables.c) against its definition: each row's key
 * is the key normalised as a document is (fx_normalise_string), whatever
 * non-ASCII character it holds and wherever (the loader keeps a key
 * whose characters normalisation keeps, asking each character alone);
 * the fields split at every place around the sixteen bytes read at a
 * time, in lines ending in LF or CR LF or neither, among comments with
 * tabs; a key that normalises to nothing is reported at its line. */
static void test_table_keys(void)
{
    char path[] = "/tmp/factx-test-table-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) return;
    close(fd);
    size_t cap = 4 << 20, len = 0;
    char *text = malloc(cap), **keys = malloc(70000 * sizeof *keys);
    size_t count = 0;
    len += (size_t)snprintf(text, cap, "# a comment\twith a tab\nkey\tindex\textra\n");
    /* every character from U+0080 to U+30FF and from U+FB00 (ligatures,
     * full widths, the BOM) to U+FFFF, and some past it, at the start,
     * between two letters, alone between spaces and at the end */
    static const int32_t astral[] = {0x10000, 0x1D400, 0x1F600, 0x10FFFD};
    for (int32_t cp = 0x80; cp < 0x10000 + 4; cp++) {
        if (cp == 0x3100) cp = 0xFB00;
        if (cp >= 0xD800 && cp < 0xE000) continue;
        int32_t c = cp < 0x10000 ? cp : astral[cp - 0x10000];
        utf8proc_uint8_t u[5] = {0};
        utf8proc_encode_char(c, u);
        for (int f = 0; f < 4; f++) {
            char key[32];
            const char *c8 = (const char *)u;
            if (f == 0) snprintf(key, sizeof key, "%sa", c8);
            else if (f == 1) snprintf(key, sizeof key, "x%sy", c8);
            else if (f == 2) snprintf(key, sizeof key, "z %s z", c8);
            else snprintf(key, sizeof key, "Ab%s", c8);
            keys[count] = strdup(key);
            /* a comment now and then; every other line ends in CR LF, the last in nothing */
            if (count % 97 == 0) len += (size_t)snprintf(text + len, cap - len, "#\t%zu\n", count);
            len += (size_t)snprintf(text + len, cap - len, "%s\t%zu%s%s", key, count, count % 3 ? "\tx" : "",
                                    count % 2 ? "\r\n" : "\n");
            count++;
        }
    }
    len--;  /* the last line's line feed */
    fx_arena arena;
    fx_arena_init(&arena);
    fx_table t;
    char *report = NULL;
    CHECK(load_table(&t, &arena, path, text, len, &report) == 0 && t.row_count == count);
    size_t wrong = 0;
    for (size_t i = 0; i < count && i < t.row_count; i++) {
        size_t want_len;
        char *want = fx_normalise_string(keys[i], strlen(keys[i]), &want_len);
        const fx_table_row *row = &t.rows[i];
        char index[24];
        snprintf(index, sizeof index, "%zu", i);
        int right = row->key_length == want_len && memcmp(row->key, want, want_len) == 0 &&
                    strcmp(fx_table_row_field(row, 1), index) == 0 &&
                    strcmp(fx_table_row_field(row, 2), i % 3 ? "x" : "") == 0;
        if (!right && wrong++ < 5) fprintf(stderr, "  table key %zu: \"%s\" -> \"%s\"\n", i, keys[i], row->key);
        free(want);
    }
    CHECK(wrong == 0);
    /* no key is empty: a lookup of 0 bytes finds nothing by the lengths'
     * filter, before it reads a byte of the key (ASan: none past its end) */
    CHECK(!(t.lengths & 1));
    char *nothing = malloc(1);
    char *volatile past = nothing + 1;  /* volatile: the compiler's bounds check cannot see the filter */
    CHECK(fx_table_find(&t, past, 0) == NULL);
    CHECK(fx_table_find_hashed(&t, past, 0, fx_hash_bytes(nothing, 0)) == NULL);
    free(nothing);
    fx_table_free(&t);
    free(report);
    /* a key of a no-break space alone normalises to nothing: its line is
     * reported (the second reading, one key at a time) */
    static const char empty[] = "key\tv\nCaf\xC3\xA9\t1\n\xC2\xA0\t2\n";
    CHECK(load_table(&t, &arena, path, empty, sizeof empty - 1, &report) != 0);
    CHECK(report && strstr(report, ":3:1: error: empty key"));
    fx_table_free(&t);
    free(report);
    fx_arena_free(&arena);
    for (size_t i = 0; i < count; i++) free(keys[i]);
    free(keys);
    free(text);
    remove(path);
}

/* The probe of a table's index compares a key's bytes at every length
 * (1 to 40: one, two, four and eight bytes at a time) and every place:
 * given a key's own hash, a text of its length that differs from it in
 * one byte is not the key (each text in a buffer of its own length, so
 * that ASan sees any read past it). */
static void test_probe_compare(void)
{
    static const char letters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN";
    enum { LONGEST = 40 };
    char path[] = "/tmp/factx-test-table-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) return;
    close(fd);
    char text[2048];
    int len = snprintf(text, sizeof text, "key\n");
    for (int n = 1; n <= LONGEST; n++) len += snprintf(text + len, sizeof text - (size_t)len, "%.*s\n", n, letters);
    fx_arena arena;
    fx_arena_init(&arena);
    fx_table t;
    char *report = NULL;
    CHECK(load_table(&t, &arena, path, text, (size_t)len, &report) == 0 && t.row_count == LONGEST);
    int wrong = 0;
    for (size_t n = 1; n <= LONGEST && t.row_count == LONGEST; n++) {
        char *copy = malloc(n);
        memcpy(copy, letters, n);
        uint64_t h = fx_hash_bytes(copy, n);
        const fx_table_row *row = fx_table_probe(&t, copy, n, h);
        wrong += !row || row->key_length != n;
        for (size_t at = 0; at < n; at++) {
            copy[at] ^= 0x20;   /* the other case */
            wrong += fx_table_probe(&t, copy, n, h) != NULL;
            copy[at] ^= 0x20;
        }
        free(copy);
    }
    CHECK(wrong == 0);
    fx_table_free(&t);
    free(report);
    fx_arena_free(&arena);
    remove(path);
}

/* Two words whose probes meet in one slot with the same top 16 bits of
 * their hashes share it (fx_table_first_words_slot): each finds the
 * shared reaches, as long as the longer of their keys at least, and the
 * filter in front of the slots passes each (a word's bits are set where
 * it shares a slot too, or it would find nothing). */
static void test_shared_slot(void)
{
    /* two such words for an index of two (16 slots: the hash's bits 32 to
     * 35 pick the first), among 4,096 words: some 8 pairs expected */
    enum { WORDS = 4096 };
    uint32_t *seen = malloc(WORDS * sizeof *seen);
    char a[24] = "", b[24] = "";   /* "W" and a size_t: at most 21 bytes */
    for (size_t i = 0; i < WORDS && !*a; i++) {
        snprintf(b, sizeof b, "W%zu", i);
        uint64_t h = fx_hash_bytes(b, strlen(b));
        seen[i] = (uint32_t)(h >> 32 & 15) | (uint32_t)(h >> 48) << 4;
        for (size_t j = 0; j < i && !*a; j++)
            if (seen[j] == seen[i]) snprintf(a, sizeof a, "W%zu", j);
    }
    free(seen);
    CHECK(*a != '\0');
    char path[] = "/tmp/factx-test-table-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0 || !*a) return;
    close(fd);
    char text[64];
    int len = snprintf(text, sizeof text, "key\n%s\n%s Town Hall\n", a, b);
    fx_arena arena;
    fx_arena_init(&arena);
    fx_table t;
    char *report = NULL;
    CHECK(load_table(&t, &arena, path, text, (size_t)len, &report) == 0 && t.row_count == 2);
    const fx_table *tables[] = {&t};
    fx_table_first_words w;
    fx_table_first_words_init(&w, tables, 1);
    uint64_t ha = fx_hash_bytes(a, strlen(a)), hb = fx_hash_bytes(b, strlen(b));
    CHECK(w.mask == 15 && fx_table_first_words_slot(&w, ha) == fx_table_first_words_slot(&w, hb));
    const uint16_t *ra = fx_table_first_words_reach(&w, ha), *rb = fx_table_first_words_reach(&w, hb);
    CHECK(ra && ra == rb && fx_table_first_words_max(ra[0]) >= strlen(b) + strlen(" Town Hall"));
    CHECK(ra && (fx_table_first_words_alone(&w, ra) & 1));
    fx_table_first_words_free(&w);
    fx_table_free(&t);
    free(report);
    fx_arena_free(&arena);
    remove(path);
}

/* fx_table_first_words_reach probes the index alone (no filter in front
 * of it: most words probed are in the index): every key's first word is
 * found, and a word of none not */
static void test_unfiltered_reach(void)
{
    char path[] = "/tmp/factx-test-table-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) return;
    close(fd);
    static const char text[] = "key\nOslo\nSan Jose\nXi'an\n";
    fx_arena arena;
    fx_arena_init(&arena);
    fx_table t;
    char *report = NULL;
    CHECK(load_table(&t, &arena, path, text, strlen(text), &report) == 0 && t.row_count == 3);
    const fx_table *tables[] = {&t};
    fx_table_first_words w;
    fx_table_first_words_init(&w, tables, 1);
    static const char *const words[] = {"Oslo", "San", "Xi"};
    for (size_t i = 0; i < 3; i++) {
        const uint16_t *reach = fx_table_first_words_reach(&w, fx_hash_bytes(words[i], strlen(words[i])));
        CHECK(reach && fx_table_first_words_max(reach[0]) >= strlen(words[i]));
    }
    CHECK(fx_table_first_words_reach(&w, fx_hash_bytes("Jose", 4)) == NULL);
    fx_table_first_words_free(&w);
    fx_table_free(&t);
    free(report);
    fx_arena_free(&arena);
    remove(path);
}

/* Table t's reach in a word's row of the index (fx_table_first_words_reach). */
static size_t reach_of(const fx_table_first_words *w, const uint16_t *reach, size_t t)
{
    if (t >= w->split) return fx_table_first_words_second(w, reach)[t - w->split];
    return fx_table_first_words_in(w, reach) & w->first_bits ? reach[t] : 0;
}

/* The city resolver's tables are the index's first group (place.h), a
 * column each, the list rules' its second: every key's first word reaches
 * as far as the key in its table, and a word's tables
 * (fx_table_first_words_in) are those where its reach is not 0, for the
 * list rules' columns as for the resolver's: each skips a word in none
 * of its own by them. A word of the list rules' tables only has no
 * columns of the resolver's ("Shenzhen": its second group's reaches are
 * where the first's would be), a word of both has both ("New"). The
 * capitalised words' reaches a document's list rules probed
 * (fx_scratch_capital_reaches, which the resolver reads) are the index's;
 * the probe without the test for an index not built answers as the one
 * with it. */
static void test_place_words(void)
{
    const fx_table_first_words *w = &ctx->list_words;
    CHECK(w->table_count > FX_PLACE_WORD_TABLES && w->split == FX_PLACE_WORD_TABLES);
    size_t keys = 0, own = 0, tables_right = 0, built_same = 0;
    for (size_t p = 0; p < w->table_count; p++) {
        const fx_table *table = p < FX_PLACE_WORD_TABLES ? fx_rules_table(ctx, fx_place_word_tables[p]) : NULL;
        for (size_t r = 0; !table && r < ctx->rule_count; r++)
            if (ctx->rules[r].list && ctx->rules[r].list_column == p) table = ctx->rules[r].list;
        CHECK(table != NULL);
        for (size_t k = 0; table && k < table->row_count; k++) {
            const char *key = table->rows[k].key;
            size_t first = 0;
            while (first < table->rows[k].key_length && fx_is_word_byte((unsigned char)key[first])) first++;
            if (!first) continue;
            const uint16_t *reach = fx_table_first_words_reach(w, fx_hash_bytes(key, first));
            keys++;
            built_same += fx_table_first_words_reach_built(w, fx_hash_bytes(key, first)) == reach;
            own += reach && (fx_table_first_words_in(w, reach) & fx_table_first_words_bit(p)) &&
                   reach_of(w, reach, p) >= table->rows[k].key_length;
            size_t right = 0;
            for (size_t t = 0; reach && t < w->table_count && t < 15; t++)
                right += !(fx_table_first_words_in(w, reach) & fx_table_first_words_bit(t)) == !reach_of(w, reach, t);
            tables_right += reach && right == (w->table_count < 15 ? w->table_count : 15);
        }
    }
    CHECK(keys > 40000 && own == keys && tables_right == keys && built_same == keys);
    CHECK(fx_table_first_words_in(w, w->none) == 0);
    const uint16_t *list_only = fx_table_first_words_reach(w, fx_hash_bytes("Shenzhen", 8)),
                   *both = fx_table_first_words_reach(w, fx_hash_bytes("New", 3));
    CHECK(list_only && !(fx_table_first_words_in(w, list_only) & w->first_bits) &&
          fx_table_first_words_second(w, list_only) == list_only);
    CHECK(both && (fx_table_first_words_in(w, both) & w->first_bits) &&
          (fx_table_first_words_in(w, both) & ~w->first_bits) && fx_table_first_words_second(w, both) == both + w->split);

    static const char text[] = "Sarah Wang flew from Paris to Cairo, Egypt, and NEW YORK; the Texas County "
                               "sheriff met New South Wales officials in Zzyzxq.";
    fx_scratch *s = fx_scratch_new(ctx);
    fx_doc *doc = fx_doc_new("t", NULL, text, strlen(text));
    fx_normalise(doc);
    fx_match(ctx, s, doc);
    const fx_tokens *tokens = fx_doc_tokens(doc);
    const uint16_t *const *kept = fx_scratch_capital_reaches(s);
    CHECK(kept != NULL && tokens->capital_count >= 12);
    size_t same = 0, found = 0;
    for (size_t c = 0; kept && c < tokens->capital_count; c++) {
        uint64_t h = fx_token_hash(tokens, tokens->capitals[c]);
        const uint16_t *reach = fx_table_first_words_reach(w, h);
        same += kept[c] == reach && fx_table_first_words_reach_built(w, h) == reach;
        found += reach != NULL;
    }
    CHECK(same == tokens->capital_count && found >= 10 && found < tokens->capital_count);
    fx_doc_free(doc);
    fx_scratch_free(s);
}

/* The index the list rules probe with every capitalised word is at most
 * a quarter full (tables.c, first_words_build): a probe of a word in none
 * of its tables, half of the words, walks fewer slots. */
static void test_place_words_room(void)
{
    const fx_table_first_words *w = &ctx->list_words;
    size_t used = 0;
    for (size_t i = 0; i <= w->mask; i++) used += w->row[i] != 0;
    CHECK(used > 40000 && 4 * used <= w->mask + 1);
}

void test_cities(void)
{
    ctx = fx_fixture_context();
    if (!ctx) return;
    test_gazetteer();
    test_no_false_cities();
    test_feature_words();
    test_which_city();
    test_regions();
    test_one_edit();
    test_one_edit_utf8();
    test_misspelt();
    test_kept_across_documents();
    test_rows_remembered();
    test_word_prefixes();
    test_no_word_reaches();
    test_place_words();
    test_place_words_room();
    test_list_columns();
    test_all_caps();
    test_list_reach();
    test_table_keys();
    test_probe_compare();
    test_shared_slot();
    test_unfiltered_reach();
}
