/* place.h - what the city resolver (resolve_city.c) decides and the city
 * value (values_place.c) describes: the gazetteer rows a name may mean. */
#ifndef FX_PLACE_H
#define FX_PLACE_H

#include <stddef.h>
#include <stdint.h>

#include "tables.h"

/* A table and the indexes of the columns read (-1: no such column, the
 * field reads as ""), found once per document rather than by name per
 * field. */
typedef struct fx_place_columns {
    const fx_table *t;
    int name, country_code, region, target, kind, role, lat, lon, population, geonames_id, geonames_name;
    /* per row, its country_code as a number (resolve_city.c's
     * code_number): COUNTRIES' and COUNTRY_ALIASES' only, else NULL */
    const uint32_t *code_numbers;
} fx_place_columns;

typedef struct fx_place_tables {
    fx_place_columns cities, supplement, aliases, guards, context, countries, country_aliases, regions,
        region_aliases, org_heads, given_names, family_names, stopwords, reporting_verbs, near_words, org_list;
    const uint32_t *context_roles;      /* per row of context: its key's roles (resolve_city.c) */
    /* The keys of context with the role feature ("district", "county") in
     * a one-word Bloom filter (hash.h, mask 0): the word after each
     * capitalised word is asked, and most are none (resolve_city.c). */
    uint64_t feature_words;
    /* Their lengths per first byte, a bit each (63: 63 bytes or more):
     * most words after a capitalised word ("said", "and") fail on their
     * first byte and length, before their hash is made (resolve_city.c). */
    uint64_t feature_lengths[256];
    /* The index of the first words of the keys of the tables the text
     * pass asks of a capitalised word (fx_place_word_tables), the
     * context's list_words (rules.h): one probe a word, shared with the
     * list rules, says which of them may have the word or a name it
     * starts, most often none. Theirs are its first group's columns
     * (fx_table_first_words_bit: word_bits). */
    const fx_table_first_words *words;
    unsigned word_bits;
} fx_place_tables;

/* The tables of fx_place_tables.words, in its columns' order: the first
 * FX_PLACE_WORD_TABLES columns of the context's list_words, its first
 * group (rules.c puts the list rules' tables after them). */
enum {
    FX_IN_COUNTRIES, FX_IN_COUNTRY_ALIASES, FX_IN_REGIONS, FX_IN_REGION_ALIASES, FX_IN_CONTEXT, FX_IN_GIVEN_NAMES,
    FX_IN_FAMILY_NAMES, FX_PLACE_WORD_TABLES
};
extern const char *const fx_place_word_tables[FX_PLACE_WORD_TABLES];

/* What the city resolver gathered of each key (its cities, guard,
 * country, region), kept across the documents of one thread: made by
 * fx_scratch_cities (match.h) for its scratch, which frees it. */
typedef struct fx_city_cache fx_city_cache;
fx_city_cache *fx_city_cache_new(void);
void fx_city_cache_free(fx_city_cache *cache);

/* A city a name may mean: a row of CITIES or CITY_SUPPLEMENT. */
typedef struct fx_city_choice {
    const fx_place_columns *table;
    const fx_table_row *row;
    const char *name;           /* canonical name */
    double population;
} fx_city_choice;

/* The city resolver's decision for a city fact (fx_fact.resolution), in
 * the document's arena. */
typedef struct fx_city_resolution {
    const fx_city_choice *pick;         /* the city */
    const fx_city_choice *choices;      /* every city the name may mean, most populous first */
    size_t choice_count;
    int decided;                        /* 0: a near tie; the value lists the choices */
    const double *scores;               /* per choice, when scores chose (else NULL) */
    const char *evidence;               /* what chose, in words (a literal) */
} fx_city_resolution;

/* The field of row in column (an index from fx_place_columns), as
 * fx_table_field. */
static inline const char *fx_place_field(const fx_table_row *row, int column)
{
    return column < 0 ? "" : fx_table_row_field(row, (size_t)column);
}

#endif
