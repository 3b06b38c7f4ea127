/* tables.h - the data tables rule files name ("table NAME FILE"): UTF-8
 * TSV files loaded once and looked up by key.
 *
 * A table file is UTF-8 TSV: '#' lines are comments, the first other line
 * names the columns, the first column is the key (normalised like
 * documents). Several rows may share a key.
 *
 * Ownership: a table belongs to the context that loaded it (rules.h); its
 * cells and columns live in the context's arena; the file's bytes
 * (t->data), its rows and the hash index of the keys share one block
 * (fx_pages_alloc: a gazetteer's is mostly huge pages), which
 * fx_table_free gives back with the key filter. A table of 16 KiB or more
 * is kept built between runs (tables.c, cache.h: keyed by its bytes);
 * read back, its block also holds its cells and the keys that
 * normalisation changed.
 */
#ifndef FX_TABLES_H
#define FX_TABLES_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "hash.h"

/* The fields of a table's rows but their keys (in the context's arena,
 * where it stays when the fx_table moves): per row, where its fields 1 ..
 * per_row start, in bytes from its line's start in data (a missing field:
 * at the line's final NUL). Two bytes a field, not a pointer's eight:
 * GeoNames' rows are most of factx's memory. */
typedef struct fx_table_cells {
    const char *data;                   /* the table's bytes (fx_table.data) */
    const struct fx_table_row *rows;    /* its rows (fx_table.rows) */
    size_t per_row;                     /* column_count - 1 */
    uint16_t offset[];                  /* row_count * per_row */
} fx_table_cells;

typedef struct fx_table_row {
    const char *key;            /* column 0, normalised like documents */
    const fx_table_cells *cells;    /* the others (fx_table_row_field) */
    uint32_t key_length;        /* strlen(key) */
    uint32_t text;              /* where the row's line starts in data */
    uint32_t line;              /* its line number in the file */
    int32_t next_same_key;      /* index of the next row with this key, or -1 */
} fx_table_row;

typedef struct fx_table {
    char *name;
    char *path;
    char **columns;
    size_t column_count;
    fx_table_row *rows;
    size_t row_count;
    char *data;                 /* the file's bytes (in block), tabs and line ends made NULs: the fields */
    fx_table_cells *cells;      /* where the rows' fields are (arena; in block when read from the cache) */
    struct fx_table_slot *slots;        /* hash index of the keys (tables.c; in block) */
    size_t slot_count;
    void *block;                /* data, rows and slots (fx_pages_alloc) */
    size_t block_size;
    /* A Bloom filter in front of the index (tables.c): most words looked
     * up are in no table, and the index's slots (16 bytes a key) of a
     * large table are rarely in the cache, while its filter (one or two
     * bytes a key) more often is. */
    struct fx_table_filter { uint64_t *bits; size_t mask; } key_filter;
    /* The distinct first words of the keys (fx_table_first_words: a
     * table has no index of its own, which only the indexes of several
     * tables' first words read) */
    size_t first_word_count;
    size_t max_words;           /* longest key, in space-separated words */
    /* The file's length and fx_cache_checksum (cache.h): what the table
     * is made from, so a thing built from it can be cached under these
     * (the first words' index) */
    size_t file_size;
    unsigned long long file_checksum;
    /* A filter in front of the index: most lookups are of words no key
     * could be (a lower-case word in a table of names, a length no key
     * has), which these say without hashing the word or reading the
     * index. A bit per byte value that starts a key, and per key length
     * (bit 63: 63 bytes or more). */
    uint64_t first_bytes[4];
    uint64_t lengths;
    char *regex;                /* {NAME} of the table: its keys as a trie (rules_expand.c), built once */
    char *regex_exact_case;     /* the same where matched case-sensitively: regex itself unless keys differ only in case (NULL: not built yet) */
} fx_table;

/* Read t->path into t; rows and columns go to arena. Problems go to diag
 * (a missing file at file:line:col, where the rule file names it); -1 if
 * there was any. */
int fx_table_load(fx_table *t, fx_arena *arena, fx_diag *diag, const char *file, size_t line, size_t col);
/* The malloc'd parts of t (its bytes and indexes). */
void fx_table_free(fx_table *t);

/* Can a key be len bytes long? Not 0: tables.c refuses an empty key. */
static inline int fx_table_may_be_length(const fx_table *table, size_t len)
{
    return table->lengths >> (len < 63 ? len : 63) & 1;
}
/* Can a key start with the byte c? */
static inline int fx_table_may_start(const fx_table *table, unsigned char c)
{
    return table->first_bytes[c >> 6] >> (c & 63) & 1;
}
/* Can a key be len bytes long and start with the byte c? (0: no key is,
 * so no lookup of such a key finds a row.) */
static inline int fx_table_may_be_key(const fx_table *table, unsigned char c, size_t len)
{
    return fx_table_may_be_length(table, len) && fx_table_may_start(table, c);
}

/* Are the first and the last w bytes (w is 1, 2, 4 or 8, w <= len <= 2 w:
 * every byte between them) of a and b the same? */
static inline int fx_table_same_edges(const char *a, const char *b, size_t len, size_t w)
{
    uint64_t a0 = 0, a1 = 0, b0 = 0, b1 = 0;
    memcpy(&a0, a, w);
    memcpy(&a1, a + len - w, w);
    memcpy(&b0, b, w);
    memcpy(&b1, b + len - w, w);
    return ((a0 ^ b0) | (a1 ^ b1)) == 0;
}
/* Are two keys' bytes a[0..len) and b[0..len) the same? Most keys
 * compared are of 4 to 16 bytes: two overlapping loads of each, not a
 * memcmp call (some 42,000 a MB in fx_table_probe, one per key found,
 * and 6,600 by the city resolver's keys gathered); a longer one eight
 * bytes at a time, so that fx_table_probe calls nothing and saves no
 * registers (some 32,000 probes a MB). Reads no byte outside either. */
static inline int fx_table_same_bytes(const char *a, const char *b, size_t len)
{
    if (len >= 8 && len <= 16) return fx_table_same_edges(a, b, len, 8);
    if (len >= 4 && len < 8) return fx_table_same_edges(a, b, len, 4);
    if (len < 4) return len >= 2 ? fx_table_same_edges(a, b, len, 2) : len == 0 || a[0] == b[0];
    for (size_t i = 0; i + 8 < len; i += 8)
        if (!fx_table_same_edges(a + i, b + i, 8, 8)) return 0;
    return fx_table_same_edges(a + len - 8, b + len - 8, 8, 8);
}

/* The parts of fx_table_find(_hashed) past their first filters (tables.c):
 * the key's row in the index, its filters passed; the hash, the key
 * filter and the probe of the index. */
const fx_table_row *fx_table_probe(const fx_table *table, const char *key, size_t len, uint64_t hash);
const fx_table_row *fx_table_find_unfiltered(const fx_table *table, const char *key, size_t len);

/* First row whose key is key[0..len), or NULL; follow next_same_key.
 * Inline, and the same for the one below: most keys looked up are in no
 * table (some 350,000 lookups a MB), which the first filters say without
 * a call and the saving of registers that probing needs. */
static inline const fx_table_row *fx_table_find(const fx_table *table, const char *key, size_t len)
{
    /* the length first: key[0] is read only when a key may be as long */
    if (!table || !fx_table_may_be_length(table, len) || !fx_table_may_start(table, (unsigned char)key[0])) return NULL;
    return fx_table_find_unfiltered(table, key, len);
}
/* The same for a key whose fx_hash_bytes (hash.h) is hash: a caller that
 * has the hash (tokens.h has every word's) or looks one key up in several
 * tables hashes it once. */
static inline const fx_table_row *fx_table_find_hashed(const fx_table *table, const char *key, size_t len,
                                                       uint64_t hash)
{
    if (!table || !fx_table_may_be_length(table, len) || !fx_table_may_start(table, (unsigned char)key[0]) ||
        !fx_bloom_may_have(table->key_filter.bits, table->key_filter.mask, hash))
        return NULL;
    return fx_table_probe(table, key, len, hash);
}
/* The field of row in column (0: its key; column < table->column_count). */
static inline const char *fx_table_row_field(const fx_table_row *row, size_t column)
{
    const fx_table_cells *c = row->cells;
    if (column == 0) return row->key;
    return c->data + row->text + c->offset[(size_t)(row - c->rows) * c->per_row + column - 1];
}
/* The letters (code points) of key[0..len), well-formed UTF-8, where it
 * is one word (word bytes only, words.h: "Gothenburg", "Malmö"), else 0
 * ("New York", "Xi'an"): the city resolver compares a misspelling with
 * the one-word keys it names, and counts a key's letters once where it
 * gathers the key (resolve_city.c), not at each document. */
size_t fx_table_key_letters(const char *key, size_t len);
/* May a key of the filter (a table's key_filter, an index's of first
 * words) have the fx_hash_bytes h? 0 means certainly not; 1 is wrong for
 * a few percent of the hashes of no key. */
int fx_table_filter_may_have(const struct fx_table_filter *filter, uint64_t h);
/* The keys of count tables (NULL: not loaded) in one filter, sized as a
 * table's own, in arena: a word it does not pass is a key of none of
 * them, without a probe of each. */
struct fx_table_filter fx_table_keys_filter(const fx_table *const *tables, size_t count, fx_arena *arena);
/* The keys' first words of several tables in one index (match.c's list
 * rules probe each capitalised word once, not once per table): per word
 * (the leading run of word bytes of a key, words.h: "Xi" for "Xi'an"),
 * the length in bytes of the longest key it starts in each table, or
 * more where two words share a slot (fx_table_first_words_slot; a lookup
 * of a longer key then finds nothing), never less: a caller can skip
 * every lookup of a longer key that starts with the word. The tables come
 * in two groups, [0, split) and [split, table_count), and a word's row
 * has the first group's reaches only where it starts a key of one of its
 * tables: most words start keys of the second only (the list rules'
 * cities, not the city resolver's names), and a row of every table's
 * would be mostly zeros (0.65 MB of 1.65). */
typedef struct fx_table_first_words {
    uint16_t *check;        /* per slot: the word's hash's top 16 bits */
    uint32_t *row;          /* per slot: its row's reaches' offset in reach (never 0), 0: empty */
    /* Per word: [-2] fx_table_first_words_in, [-1] fx_table_first_words_alone,
     * then the first group's reaches (fx_table_first_words_max) where it
     * starts a key of that group, then the second's (fx_table_first_words_second) */
    uint16_t *reach;
    const uint16_t *none;   /* the reaches of a word in none of the tables: all 0, both groups */
    /* Per table, the keys' beginnings that end where a word ends, past
     * the first word ("New York" and "New York City" of "New York City"):
     * fx_table_first_words_may_begin */
    struct fx_table_filter *word_prefixes;
    size_t mask, table_count, split;
    unsigned first_bits;    /* the first group's tables' fx_table_first_words_bit */
    /* Read from the cache: the block that check, row, reach and the
     * prefixes' bits lie in (fx_pages_alloc); NULL: built, each malloc'd */
    void *block;
    size_t block_size;
} fx_table_first_words;
/* The index of count tables (NULL: not loaded) in one group. An index
 * of many rows (the shipped tables': ~13 M instructions to build) is
 * kept between runs (cache.h, kind "words"), keyed by its tables' bytes
 * (fx_table.file_size and file_checksum) in their order and the split. */
void fx_table_first_words_init(fx_table_first_words *w, const fx_table *const *tables, size_t count);
/* The same in two groups, tables [0, split) and [split, count); split is
 * count or at most 15 (the first group's tables have bits of their own in
 * fx_table_first_words_in, which says whether a row has their reaches). */
void fx_table_first_words_init_split(fx_table_first_words *w, const fx_table *const *tables, size_t count,
                                     size_t split);
void fx_table_first_words_free(fx_table_first_words *w);
/* The slot of the word of fx_hash_bytes hash: its own, or the empty one
 * where it would go. The slots keep their words' hashes' top 16 bits
 * only, 256 KB less than 32: two words whose probes meet a slot of the
 * same 16 bits share it (a few of the 59,000 words of the shipped tables
 * may), which costs only lookups that find nothing. */
static inline size_t fx_table_first_words_slot(const fx_table_first_words *w, uint64_t hash)
{
    size_t i = (size_t)(hash >> 32) & w->mask;
    uint16_t check = (uint16_t)(hash >> 48);
    while (w->row[i] && w->check[i] != check) i = (i + 1) & w->mask;
    return i;
}
/* fx_table_first_words_reach (below) of an index that was built (its
 * init ran, from tables or the cache: its slots are never NULL then),
 * without the test for one that was not at each probe: for the callers
 * that probe every capitalised word of a document (match.c's list rules,
 * the city resolver) in an index their context always builds
 * (fx_context's list_words, rules.c). */
static inline const uint16_t *fx_table_first_words_reach_built(const fx_table_first_words *w, uint64_t hash)
{
    size_t at = fx_table_first_words_slot(w, hash);
    return w->row[at] ? &w->reach[w->row[at]] : NULL;
}

/* The reaches of the word of fx_hash_bytes `hash`, or NULL when it starts
 * no key: [t] is table t's of the first group where the word starts a
 * key of one of its tables (fx_table_first_words_in), the second group's
 * by fx_table_first_words_second; read each with fx_table_first_words_max.
 * Inline: some 36,000 capitalised words a MB are probed (the list rules;
 * the city resolver reads their reaches). No filter in front of it: two
 * in three of those words are in the index, and a Bloom filter's test (16
 * instructions a word) cost more than the probes it ended (29% of them).
 * A word of no key whose probe meets a key's slot and 16 bits gets that
 * key's reaches, as a word sharing a slot does: lookups that find nothing. */
static inline const uint16_t *fx_table_first_words_reach(const fx_table_first_words *w, uint64_t hash)
{
    return w->row ? fx_table_first_words_reach_built(w, hash) : NULL;
}
/* Table t's bit in fx_table_first_words_alone: its own for the first 15,
 * bit 15 shared by the others. */
static inline unsigned fx_table_first_words_bit(size_t t) { return 1u << (t < 15 ? t : 15); }
/* The tables (a fx_table_first_words_bit each) of which the word with
 * these reaches (fx_table_first_words_reach, or none's) is a key by
 * itself ("Beijing", not "New" of "New York"): a lookup of the word alone
 * in another table finds nothing, so a caller need not make it (a bit
 * that several tables share says only that one of them may). */
static inline unsigned fx_table_first_words_alone(const fx_table_first_words *w, const uint16_t *reach)
{
    (void)w;
    return reach[-1];
}
/* The bits of tables from .. to - 1. */
static inline unsigned fx_table_first_words_bits(size_t from, size_t to)
{
    unsigned bits = 0;
    for (size_t t = from; t < to; t++) bits |= fx_table_first_words_bit(t);
    return bits;
}
/* The tables (a fx_table_first_words_bit each) with a key that the word
 * with these reaches starts: one index serves callers that each read some
 * of its tables (the list rules, the city resolver), and a word in none
 * of a caller's is skipped by one test. */
static inline unsigned fx_table_first_words_in(const fx_table_first_words *w, const uint16_t *reach)
{
    (void)w;
    return reach[-2];
}
/* The second group's reaches of the word with these reaches (every row
 * has them, all 0 where it starts no key of that group): [t - split] is
 * table t's. */
static inline const uint16_t *fx_table_first_words_second(const fx_table_first_words *w, const uint16_t *reach)
{
    return fx_table_first_words_in(w, reach) & w->first_bits ? reach + w->split : reach;
}
/* A reach in bytes (16 bits a table: a key of 65,535 bytes or more makes
 * it SIZE_MAX, which only costs lookups that find nothing). */
static inline size_t fx_table_first_words_max(uint16_t reach) { return reach == UINT16_MAX ? SIZE_MAX : reach; }
/* May a key of tables[table] begin with a span of fx_hash_bytes h that
 * ends where a word ends, past its first word? 0: no key does, nor begins
 * with any longer span, so a caller extending the span a word at a time
 * (the words joined by one byte, as in the keys it can find) stops. */
static inline int fx_table_first_words_may_begin(const fx_table_first_words *w, size_t table, uint64_t h)
{
    const struct fx_table_filter *f = &w->word_prefixes[table];
    return fx_bloom_may_have(f->bits, f->mask, h);
}
/* Column index by name, or -1. */
int fx_table_column(const fx_table *table, const char *column);
/* Field of row in the named column; "" when the column does not exist. */
const char *fx_table_field(const fx_table *table, const fx_table_row *row, const char *column);

/* The whole number in the named column of the first row whose key is
 * s[0..len) with its ASCII letters lowered ("Sep" finds "sep"), or -1 when
 * no such row or the field is empty; keys of 31 bytes at most. */
int fx_table_number_caseless(const fx_table *table, const char *s, size_t len, const char *column);

/* strtod(s, NULL) for a table field, without its cost for a plain decimal
 * of at most 15 digits ("55.67594", "-3", "1000000"): those are read
 * exactly here. */
double fx_parse_decimal(const char *s);

#endif
