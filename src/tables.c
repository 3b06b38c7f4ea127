/* tables.c - see tables.h. */
#include "tables.h"

#include <assert.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "bytes16.h"
#include "cache.h"
#include "hash.h"
#include "input.h"
#include "normalise.h"
#include "words.h"

/* One entry of a hash index: the high 32 bits of the hash (the low bits
 * pick the slot) and what the entry stands for: in table->slots a row
 * index + 1 (in index_table's set of first words 1); 0 marks an empty
 * slot. Eight bytes, so probes stay in cache. */
struct fx_table_slot {
    uint32_t hash;
    uint32_t value;
};

/* The filters are blocked Bloom filters (hash.h): at 8 to 16 bits a key,
 * 2-5% of the hashes of no key pass. */
static void filter_add(struct fx_table_filter *f, uint64_t h)
{
    fx_bloom_add(f->bits, f->mask, h);
}

int fx_table_filter_may_have(const struct fx_table_filter *f, uint64_t h)
{
    return fx_bloom_may_have(f->bits, f->mask, h);
}

/* count zeroed elements of size bytes: in arena, or malloc'd (NULL) */
static void *zeroed(fx_arena *arena, size_t count, size_t size)
{
    return arena ? fx_arena_alloc(arena, count * size) : fx_xcalloc(count, size);
}

/* count zeroed elements of size bytes, their pages mapped now
 * (fx_pages_populate): an index's slots are read by a probe before they
 * are written, so each page of a calloc'd block would fault twice. */
static void *zeroed_mapped(size_t count, size_t size)
{
    void *p = fx_xcalloc(count, size);
    fx_pages_populate(p, count * size);
    return p;
}

/* size bytes, zeroed, in arena, their pages mapped now (the rows and
 * cells of a gazetteer: 2.7 MB). */
static void *arena_zeroed_mapped(fx_arena *arena, size_t size)
{
    void *p = fx_arena_alloc_uninit(arena, size);
    fx_pages_populate(p, size);
    return memset(p, 0, size);
}

/* An empty filter for up to n hashes: a word per eight (arena: as zeroed). */
static struct fx_table_filter filter_new(size_t n, fx_arena *arena)
{
    size_t words = 1;
    while (words * 8 < n) words *= 2;
    return (struct fx_table_filter){zeroed(arena, words, sizeof(uint64_t)), words - 1};
}

/* The length of key's first word (its leading run of word bytes,
 * words.h: "Xi" of "Xi'an"), its fx_hash_bytes in *hash; 0 when the key
 * starts with no word byte: such a key is never found word by word. */
static size_t first_word(const char *key, size_t len, uint64_t *hash)
{
    uint64_t h = FX_HASH_START;
    size_t i = 0;
    for (; i < len && fx_is_word_byte((unsigned char)key[i]); i++) h = fx_hash_byte(h, (unsigned char)key[i]);
    *hash = h;
    return i;
}

/* Hashes gathered before the filter that takes them is sized. */
typedef struct hash_list {
    uint64_t *hash;
    size_t count, capacity;
} hash_list;

static void hash_list_push(hash_list *list, uint64_t h)
{
    if (list->count == list->capacity) {
        list->capacity = list->capacity ? 2 * list->capacity : 64;
        list->hash = fx_xrealloc(list->hash, list->capacity * sizeof *list->hash);
    }
    list->hash[list->count++] = h;
}

/* The fx_hash_bytes of each beginning of key[0..len) that ends where a
 * word ends, past its first word (first bytes, of hash h), onto list.
 * Most keys are one word, which this costs nothing. */
static void push_word_prefixes(hash_list *list, const char *key, size_t len, size_t first, uint64_t h)
{
    int in_word = 0;    /* key[first] ends the first word */
    for (size_t i = first; i < len; i++) {
        int next_in_word = i + 1 < len && fx_is_word_byte((unsigned char)key[i + 1]);
        h = fx_hash_byte(h, (unsigned char)key[i]);
        if (in_word && !next_in_word) hash_list_push(list, h);
        in_word = next_in_word;
    }
}

/* A word's row is appended where it is first seen: its two bits'
 * entries, then its reaches, of every table where the word is in the
 * first group (count of them), of the second group's only where it is
 * not (count - split): the first group's tables come first, so a word
 * first seen in the second is in no table of the first. */
static void first_words_build(fx_table_first_words *w, const fx_table *const *tables, size_t count, size_t split)
{
    size_t n = 0, slots = 16, entries = 0;
    for (size_t t = 0; t < count; t++) {
        size_t words = tables[t] ? tables[t]->first_word_count : 0;
        n += words;
        entries += words * (2 + (t < split ? count : count - split));
    }
    /* a quarter full at most: a probe of a word in none of the tables
     * (half of the 36,000 capitalised words a MB) walks ~1.4 slots, where
     * half full it walked ~2.5, for 0.75 MB more */
    while (slots < 4 * n) slots *= 2;
    *w = (fx_table_first_words){.mask = slots - 1, .table_count = count, .split = split,
                                .first_bits = fx_table_first_words_bits(0, split)};
    w->check = zeroed_mapped(slots, sizeof *w->check);
    w->row = zeroed_mapped(slots, sizeof *w->row);
    /* (entries counts a word the tables share once a table: the shipped
     * tables' rows fill 95% of it) */
    w->reach = zeroed_mapped(entries + 2 + count, sizeof *w->reach);
    w->none = &w->reach[entries + 2];
    w->word_prefixes = fx_xcalloc(count + 1, sizeof *w->word_prefixes);
    hash_list prefixes = {0};
    size_t used = 0;
    for (size_t t = 0; t < count; t++) {
        for (size_t r = 0; tables[t] && r < tables[t]->row_count; r++) {
            const fx_table_row *key = &tables[t]->rows[r];
            /* a key the row before has (a gazetteer's rows of one name, in
             * a chain: index_table) adds nothing the row before did not */
            if (r && key[-1].next_same_key == (int32_t)r) continue;
            uint64_t h;
            size_t first = first_word(key->key, key->key_length, &h);
            if (!first) continue;
            push_word_prefixes(&prefixes, key->key, key->key_length, first, h);
            size_t at = fx_table_first_words_slot(w, h);
            if (!w->row[at]) {
                w->check[at] = (uint16_t)(h >> 48);
                w->row[at] = (uint32_t)(used + 2);
                used += 2 + (t < split ? count : count - split);
            }
            uint16_t *reach = &w->reach[w->row[at]];
            reach[-2] |= (uint16_t)fx_table_first_words_bit(t);
            if (first == key->key_length) reach[-1] |= (uint16_t)fx_table_first_words_bit(t);
            /* t's column: the second group's start after the first's where
             * the row has it (fx_table_first_words_second) */
            size_t column = t < split || (reach[-2] & w->first_bits) ? t : t - split;
            uint16_t len = key->key_length < UINT16_MAX ? (uint16_t)key->key_length : UINT16_MAX;
            if (len > reach[column]) reach[column] = len;
        }
        w->word_prefixes[t] = filter_new(prefixes.count, NULL);
        for (size_t p = 0; p < prefixes.count; p++) filter_add(&w->word_prefixes[t], prefixes.hash[p]);
        prefixes.count = 0;
    }
    free(prefixes.hash);
}

struct fx_table_filter fx_table_keys_filter(const fx_table *const *tables, size_t count, fx_arena *arena)
{
    size_t keys = 0;
    for (size_t t = 0; t < count; t++) keys += tables[t] ? tables[t]->row_count : 0;
    struct fx_table_filter f = filter_new(keys, arena);
    for (size_t t = 0; t < count; t++)
        for (size_t r = 0; tables[t] && r < tables[t]->row_count; r++)
            filter_add(&f, fx_hash_bytes(tables[t]->rows[r].key, tables[t]->rows[r].key_length));
    return f;
}

/* An index of first words over this many rows or more is kept between
 * runs: a hit reads its image and checks it (the shipped tables': 2.6 MB,
 * ~1 M instructions) where a build hashes every key's first word
 * (~13 M); a few tables' small index builds faster than a cache file is
 * opened. */
enum { FIRST_WORDS_CACHE_MIN = 1024 };
/* The image's layout and what first_words_build makes: a change to
 * either must change it. (The hash and the word bytes are in the key
 * themselves: first_words_cache_open.) */
#define FIRST_WORDS_CACHE_VERSION "first words 2"

/* The image: this head, then its sections at the offsets it gives, each
 * 16-byte aligned: check, row, reach (the none row last), each table's
 * word prefixes' filter size (mask + 1), then their bits, one after
 * another. No pointers: a hit points the index into the block it was
 * read into. */
typedef struct words_image {
    uint64_t table_count, split, slots, reach_count, prefix_words;
    uint64_t check_at, row_at, reach_at, prefix_sizes_at, prefix_bits_at, size;
} words_image;

static size_t align16(size_t n) { return (n + 15) & ~(size_t)15; }

/* A cached image (cache.h) read into its block, its head (head_size
 * bytes) copied out to be checked; NULL when there is none or it is
 * shorter than its head. The block is the caller's (fx_pages_free). */
static unsigned char *image_read(const fx_cache_file *c, void *head, size_t head_size, size_t *size)
{
    unsigned char *block = fx_cache_read_block(c, size);
    if (!block) return NULL;
    if (*size < head_size) {
        fx_pages_free(block, *size);
        return NULL;
    }
    memcpy(head, block, head_size);
    return block;
}

/* The sections' offsets and the image's size, from the counts in im. */
static void words_image_layout(words_image *im)
{
    im->check_at = align16(sizeof *im);
    im->row_at = im->check_at + align16(im->slots * sizeof(uint16_t));
    im->reach_at = im->row_at + align16(im->slots * sizeof(uint32_t));
    im->prefix_sizes_at = im->reach_at + align16(im->reach_count * sizeof(uint16_t));
    im->prefix_bits_at = im->prefix_sizes_at + align16(im->table_count * sizeof(uint64_t));
    im->size = im->prefix_bits_at + im->prefix_words * sizeof(uint64_t);
}

/* The head of the tables' cache keys (a large table's, the first words'
 * index's): the image's version, how the keys are normalised and the
 * machine's words. As snprintf; returns its length. */
static int tables_key_head(char *out, size_t size, const char *version)
{
    char machine[32];
    fx_cache_machine_line(machine, sizeof machine);
    return snprintf(out, size, "%s\n%s\n%s\n%s", version, FX_NORMALISE_VERSION, utf8proc_version(), machine);
}

/* The cache file of the index of these tables: besides their bytes, what
 * turns the bytes into an index (how keys are normalised, the hash, the
 * word bytes, the machine's words). */
static void first_words_cache_open(fx_cache_file *c, const fx_table *const *tables, size_t count, size_t split)
{
    uint64_t word_bytes[4] = {0};
    for (unsigned b = 0; b < 256; b++)
        if (fx_is_word_byte((unsigned char)b)) word_bytes[b / 64] |= 1ull << (b % 64);
    size_t cap = 512 + 48 * count;
    char *text = fx_xmalloc(cap);
    size_t n = (size_t)tables_key_head(text, cap, FIRST_WORDS_CACHE_VERSION);
    n += (size_t)snprintf(text + n, cap - n, "%016llx\n%016llx %016llx %016llx %016llx\n%zu %zu\n",
                          (unsigned long long)fx_hash_bytes("Xi'an New York", 14), (unsigned long long)word_bytes[0],
                          (unsigned long long)word_bytes[1], (unsigned long long)word_bytes[2],
                          (unsigned long long)word_bytes[3], count, split);
    for (size_t t = 0; t < count; t++)
        n += (size_t)(tables[t] ? snprintf(text + n, cap - n, "%zu %zu %016llx\n", tables[t]->row_count,
                                           tables[t]->file_size, tables[t]->file_checksum)
                                : snprintf(text + n, cap - n, "-\n"));
    fx_cache_open(c, "words", "words", text, n);
    free(text);
}

/* w (built) as an image in c's file; a cache not written only costs the
 * next start-up. */
static void first_words_cache_write(const fx_table_first_words *w, const fx_cache_file *c)
{
    words_image head = {.table_count = w->table_count, .split = w->split, .slots = w->mask + 1,
                        .reach_count = (size_t)(w->none - w->reach) + w->table_count};
    for (size_t t = 0; t < w->table_count; t++) head.prefix_words += w->word_prefixes[t].mask + 1;
    words_image_layout(&head);
    unsigned char *image = fx_xcalloc(1, head.size);
    memcpy(image, &head, sizeof head);
    memcpy(image + head.check_at, w->check, head.slots * sizeof *w->check);
    memcpy(image + head.row_at, w->row, head.slots * sizeof *w->row);
    memcpy(image + head.reach_at, w->reach, head.reach_count * sizeof *w->reach);
    uint64_t *sizes = (uint64_t *)(image + head.prefix_sizes_at), *bits = (uint64_t *)(image + head.prefix_bits_at);
    for (size_t t = 0; t < w->table_count; t++) {
        sizes[t] = w->word_prefixes[t].mask + 1;
        memcpy(bits, w->word_prefixes[t].bits, sizes[t] * sizeof *bits);
        bits += sizes[t];
    }
    fx_cache_write(c, image, head.size);
    free(image);
}

/* w from c's image, or 0 when there is none, it is not whole (cache.h)
 * or its sizes are not consistent with each other and with the index
 * asked for (count tables, split). The checksum vouches for the rest
 * (the slots' rows, the reaches). */
static int first_words_cache_read(fx_table_first_words *w, const fx_cache_file *c, size_t count, size_t split)
{
    size_t size;
    words_image head;
    unsigned char *block = image_read(c, &head, sizeof head, &size);
    if (!block) return 0;
    words_image expected = head;
    if (head.table_count != count || head.split != split || head.slots < 16 || head.slots > UINT32_MAX ||
        (head.slots & (head.slots - 1)) || head.reach_count < 2 + count || head.reach_count > size ||
        head.prefix_words > size)
        goto miss;
    words_image_layout(&expected);
    if (memcmp(&expected, &head, sizeof head) != 0 || head.size != size) goto miss;
    const uint64_t *sizes = (const uint64_t *)(block + head.prefix_sizes_at);
    uint64_t *bits = (uint64_t *)(block + head.prefix_bits_at);
    size_t words = 0;
    for (size_t t = 0; t < count; t++) {
        if (sizes[t] == 0 || (sizes[t] & (sizes[t] - 1)) || sizes[t] > head.prefix_words - words) goto miss;
        words += sizes[t];
    }
    if (words != head.prefix_words) goto miss;
    *w = (fx_table_first_words){.check = (uint16_t *)(block + head.check_at),
                                .row = (uint32_t *)(block + head.row_at),
                                .reach = (uint16_t *)(block + head.reach_at),
                                .mask = head.slots - 1, .table_count = count, .split = split,
                                .first_bits = fx_table_first_words_bits(0, split),
                                .block = block, .block_size = size};
    w->none = w->reach + head.reach_count - count;
    w->word_prefixes = fx_xcalloc(count + 1, sizeof *w->word_prefixes);
    for (size_t t = 0; t < count; t++) {
        w->word_prefixes[t] = (struct fx_table_filter){bits, sizes[t] - 1};
        bits += sizes[t];
    }
    return 1;
miss:
    fx_pages_free(block, size);
    return 0;
}

static void first_words_init(fx_table_first_words *w, const fx_table *const *tables, size_t count, size_t split)
{
    size_t rows = 0;
    for (size_t t = 0; t < count; t++) rows += tables[t] ? tables[t]->row_count : 0;
    if (rows < FIRST_WORDS_CACHE_MIN) {
        first_words_build(w, tables, count, split);
        return;
    }
    fx_cache_file c;
    first_words_cache_open(&c, tables, count, split);
    if (!first_words_cache_read(w, &c, count, split)) {
        first_words_build(w, tables, count, split);
        first_words_cache_write(w, &c);
    }
    fx_cache_close(&c);
}

void fx_table_first_words_init(fx_table_first_words *w, const fx_table *const *tables, size_t count)
{
    first_words_init(w, tables, count, count);
}

void fx_table_first_words_init_split(fx_table_first_words *w, const fx_table *const *tables, size_t count,
                                     size_t split)
{
    assert(split == count || split <= 15);   /* the first group's bits of its own */
    first_words_init(w, tables, count, split);
}

void fx_table_first_words_free(fx_table_first_words *w)
{
    if (w->block) {
        fx_pages_free(w->block, w->block_size);   /* the arrays and the prefixes' bits */
    } else {
        for (size_t t = 0; w->word_prefixes && t < w->table_count; t++) free(w->word_prefixes[t].bits);
        free(w->check);
        free(w->row);
        free(w->reach);
    }
    free(w->word_prefixes);
    *w = (fx_table_first_words){0};
}

const fx_table_row *fx_table_probe(const fx_table *table, const char *key, size_t len, uint64_t h)
{
    const struct fx_table_slot *slots = table->slots;
    const fx_table_row *rows = table->rows;
    uint32_t check = (uint32_t)(h >> 32);
    size_t mask = table->slot_count - 1;
    for (size_t i = (size_t)h & mask; slots[i].value; i = (i + 1) & mask) {
        const fx_table_row *row = &rows[slots[i].value - 1];
        if (slots[i].hash == check && row->key_length == len && fx_table_same_bytes(row->key, key, len)) return row;
    }
    return NULL;
}

size_t fx_table_key_letters(const char *key, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!fx_is_word_byte((unsigned char)key[i])) return 0;
    return fx_utf8_letters(key, len);
}

const fx_table_row *fx_table_find_unfiltered(const fx_table *table, const char *key, size_t len)
{
    uint64_t h = fx_hash_bytes(key, len);
    return fx_bloom_may_have(table->key_filter.bits, table->key_filter.mask, h) ? fx_table_probe(table, key, len, h)
                                                                               : NULL;
}

int fx_table_column(const fx_table *table, const char *column)
{
    /* the first bytes first: most columns compared differ there, and the
     * test costs less than the call (lookups by name ask per fact) */
    for (size_t i = 0; i < table->column_count; i++)
        if (table->columns[i][0] == column[0] && strcmp(table->columns[i], column) == 0) return (int)i;
    return -1;
}

const char *fx_table_field(const fx_table *table, const fx_table_row *row, const char *column)
{
    int c = fx_table_column(table, column);
    return c < 0 ? "" : fx_table_row_field(row, (size_t)c);
}

#define PROBE_AHEAD 16   /* rows whose slots are fetched ahead: the probes miss the cache */

/* The hash index of the keys (rows sharing a key chained in file order),
 * and the count of distinct first words (a set made and freed here: the
 * indexes of first words, fx_table_first_words, are sized by it and
 * built from the rows). The hashes are computed first (a key's first
 * word's hash is its hash up to that word's end: one pass over each key)
 * so that the slots of the rows PROBE_AHEAD further on are fetched while
 * this row's probe waits for memory; rows repeating the key before them
 * (gazetteers sort by key) join its chain without a probe. */
static size_t index_slots(size_t rows)
{
    size_t slots = 16;
    while (slots < rows * 2) slots *= 2;
    return slots;
}

/* (t->slots: index_slots(t->row_count) of them, zeroed, in t's block) */
static void index_table(fx_table *t)
{
    size_t slots = index_slots(t->row_count);
    size_t mask = slots - 1;
    t->slot_count = slots;
    /* the scratch, in one block (a gazetteer's 2.5 MB: a huge page and
     * 0.5 MB, fx_pages_alloc): the set of first words (value 1), per key
     * slot its chain's last row, per row its key's and first word's hashes */
    size_t hashes_size = (t->row_count + 1) * sizeof(uint64_t);
    size_t scratch_size = slots * sizeof(struct fx_table_slot) + slots * sizeof(uint32_t) + 2 * hashes_size;
    unsigned char *scratch = fx_pages_alloc(scratch_size);
    struct fx_table_slot *first_words = (struct fx_table_slot *)scratch;
    uint64_t *key_hash = (uint64_t *)(scratch + slots * sizeof *first_words);
    uint64_t *word_hash = (uint64_t *)((unsigned char *)key_hash + hashes_size);
    uint32_t *chain_end = (uint32_t *)((unsigned char *)word_hash + hashes_size);
    for (size_t r = 0; r < t->row_count; r++) {
        const unsigned char *key = (const unsigned char *)t->rows[r].key;
        size_t len = t->rows[r].key_length, words = 1, i = 0;
        uint64_t h = FX_HASH_START;
        for (; i < len && fx_is_word_byte(key[i]); i++) h = fx_hash_byte(h, key[i]);
        word_hash[r] = h;   /* of the first word (none: never found word by word) */
        for (; i < len; i++) {
            words += key[i] == ' ';
            h = fx_hash_byte(h, key[i]);
        }
        t->first_bytes[key[0] >> 6] |= 1ull << (key[0] & 63);     /* keys are never empty */
        t->lengths |= 1ull << (len < 63 ? len : 63);
        key_hash[r] = h;
        if (words > t->max_words) t->max_words = words;
    }
    size_t last_slot = 0;   /* the slot of the row before */
    for (size_t r = 0; r < t->row_count; r++) {
        if (r + PROBE_AHEAD < t->row_count) {
            __builtin_prefetch(&t->slots[key_hash[r + PROBE_AHEAD] & mask]);
            __builtin_prefetch(&first_words[word_hash[r + PROBE_AHEAD] & mask]);
        }
        fx_table_row *row = &t->rows[r];
        const char *key = row->key;
        size_t len = row->key_length;
        uint64_t h = key_hash[r];
        uint32_t check = (uint32_t)(h >> 32);
        const fx_table_row *before = r ? &t->rows[r - 1] : NULL;
        if (before && key_hash[r - 1] == h && before->key_length == len && memcmp(before->key, key, len) == 0) {
            t->rows[chain_end[last_slot]].next_same_key = (int32_t)r;
            chain_end[last_slot] = (uint32_t)r;
        } else {
            for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
                struct fx_table_slot *slot = &t->slots[i];
                if (!slot->value) {
                    *slot = (struct fx_table_slot){check, (uint32_t)(r + 1)};
                    chain_end[i] = (uint32_t)r;
                    last_slot = i;
                    break;
                }
                const fx_table_row *first = &t->rows[slot->value - 1];
                if (slot->hash == check && first->key_length == len && memcmp(first->key, key, len) == 0) {
                    t->rows[chain_end[i]].next_same_key = (int32_t)r;
                    chain_end[i] = (uint32_t)r;
                    last_slot = i;
                    break;
                }
            }
        }
        if (len == 0 || !fx_is_word_byte((unsigned char)key[0])) continue;    /* never found word by word */
        h = word_hash[r];
        check = (uint32_t)(h >> 32);
        for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
            struct fx_table_slot *slot = &first_words[i];
            if (slot->value && slot->hash != check) continue;
            if (!slot->value) {
                *slot = (struct fx_table_slot){check, 1};
                t->first_word_count++;
            }
            break;
        }
    }
    t->key_filter = filter_new(t->row_count, NULL);
    for (size_t r = 0; r < t->row_count; r++) filter_add(&t->key_filter, key_hash[r]);
    fx_pages_free(scratch, scratch_size);
}

/* The tabs and line feeds of a table's bytes in order, found sixteen
 * bytes at a time (bytes16.h): the mask of those of the block at offset
 * base not yet returned. Fields are short (a gazetteer's row is eight
 * fields in some 60 bytes), so each block's mask serves several fields,
 * one bit each. */
typedef struct separators {
    char *buf;
    size_t len, base, next;     /* next: the offset of the block after base's */
    unsigned mask;
} separators;

static unsigned separators_in(fx_bytes16 x) { return fx_bytes16_eq(x, '\t') | fx_bytes16_eq(x, '\n'); }

/* The separators of the last n < 16 bytes at p (padded with NULs: no
 * separator). Not inlined: its buffer would cost every call of
 * next_separator a stack guard. */
__attribute__((noinline)) static unsigned separators_in_tail(const char *p, size_t n)
{
    char tail[16] = {0};
    memcpy(tail, p, n);
    return separators_in(fx_bytes16_load(tail));
}

/* The next tab or line feed after the last one returned, else the end. */
static inline char *next_separator(separators *s)
{
    while (!s->mask) {
        if (s->next >= s->len) return s->buf + s->len;
        s->mask = s->len - s->next >= 16 ? separators_in(fx_bytes16_load(s->buf + s->next))
                                         : separators_in_tail(s->buf + s->next, s->len - s->next);
        s->base = s->next;
        s->next += 16;
    }
    size_t at = s->base + (size_t)__builtin_ctz(s->mask);
    s->mask &= s->mask - 1;
    return s->buf + at;
}

/* Whether normalisation leaves a code point as it is, for the code
 * points last asked: slot cp % KEPT_SLOTS holds cp + 1 (0: none yet) and
 * the answer. A table's non-ASCII keys reuse a few hundred letters (the
 * gazetteer's 9,000 keys with diacritics), which KEPT_SLOTS holds apart
 * from U+0080 to U+03FF; a verdict per code point of the Basic
 * Multilingual Plane was 64 KiB zeroed per table, more than the small
 * tables' few dozen questions cost. */
enum { KEPT_SLOTS = 1024 };
typedef struct kept_points {
    int32_t point[KEPT_SLOTS];
    unsigned char kept[KEPT_SLOTS];
} kept_points;

/* Does normalisation leave the character s[0..n) (one valid code point
 * cp, not ASCII) as it is? Normalisation reads a character that is no
 * whitespace alone (normalise.c: it stays, folds or goes, whatever is
 * around it), so the character alone says it; the answer is kept. */
static int point_kept(kept_points *k, const char *s, size_t n, int32_t cp)
{
    size_t slot = (size_t)cp % KEPT_SLOTS;
    if (k->point[slot] == cp + 1) return k->kept[slot];
    size_t out_len;
    char *out = fx_normalise_string(s, n, &out_len);
    int kept = out_len == n && memcmp(out, s, n) == 0;
    free(out);
    k->point[slot] = cp + 1;
    k->kept[slot] = (unsigned char)kept;
    return kept;
}

/* Does normalisation (normalise.h) leave s[0..len) as it is (valid UTF-8,
 * NUL-terminated, end: the end of the readable bytes after it)? Yes for
 * printable ASCII with single spaces between words and no space at either
 * end, as most keys are, tested sixteen bytes at a time; and for such a
 * key with non-ASCII characters that normalisation keeps (point_kept: the
 * gazetteer's 9,000 keys with diacritics). The others go through
 * fx_normalise_string. */
static int normalised_already(const char *s, size_t len, const char *end, kept_points *k)
{
    if (len == 0 || s[len - 1] == ' ') return 0;
    size_t i = 0;
    unsigned space_before = 1;  /* a space at the start is never kept */
    for (; end - (s + i) >= 16 && i < len; i += 16) {
        fx_bytes16 x = fx_bytes16_load(s + i);
        unsigned want = len - i >= 16 ? 0xFFFF : (1u << (len - i)) - 1;
        unsigned spaces = fx_bytes16_eq(x, ' ') & want;
        if ((fx_bytes16_in(x, ' ', '~' - ' ') & want) != want) break;  /* a byte to read one at a time */
        if (spaces & (spaces << 1 | space_before)) return 0;
        space_before = spaces >> 15;
    }
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) {
            int32_t cp;
            size_t n = fx_utf8_decode((const unsigned char *)s + i, len - i, &cp);
            if (!point_kept(k, s + i, n, cp)) return 0;
            i += n;
            continue;
        }
        if (c < ' ' || c > '~' || (c == ' ' && (i == 0 || s[i - 1] == ' '))) return 0;
        i++;
    }
    return 1;
}

/* The keys of rows[pending[0..n)], which normalised_already refused,
 * normalised into arena. fx_normalise_string builds a document per call
 * (the tables have a few hundred such keys), so they go through it as one
 * text, "x\nKEY1\n...\nKEYn\nx".
 * There each line break lies in a whitespace run between two texts: the
 * run takes in the whitespace at the keys' ends (which a key alone loses)
 * and becomes one "\n" when it holds one break and no other; the rest of
 * normalisation reads one character at a time. So n + 2 pieces, none
 * empty, the sentinel "x" at both ends, are the keys as each alone would
 * give them; anything else (a key holding a line break, or only
 * whitespace) sends each key through alone. -1 when a key normalises to
 * nothing. */
static int normalise_keys(fx_table *t, fx_arena *arena, const size_t *pending, size_t n)
{
    size_t len = 4 + n;
    for (size_t i = 0; i < n; i++) len += t->rows[pending[i]].key_length;
    char *joined = fx_xmalloc(len), *w = joined;
    *w++ = 'x';
    for (size_t i = 0; i < n; i++) {
        *w++ = '\n';
        memcpy(w, t->rows[pending[i]].key, t->rows[pending[i]].key_length);
        w += t->rows[pending[i]].key_length;
    }
    memcpy(w, "\nx", 2);
    size_t out_len;
    char *out = fx_normalise_string(joined, (size_t)(w + 2 - joined), &out_len);
    free(joined);
    char **piece = fx_xmalloc((n + 2) * sizeof *piece);
    size_t count = 0;
    for (char *p = out, *end = out + out_len;;) {
        char *q = memchr(p, '\n', (size_t)(end - p));
        if (!q) q = end;
        if (q == p || count == n + 2) {   /* an empty piece, or too many */
            count = 0;
            break;
        }
        *q = '\0';
        piece[count++] = p;
        if (q == end) break;
        p = q + 1;
    }
    int together = count == n + 2 && strcmp(piece[0], "x") == 0 && strcmp(piece[n + 1], "x") == 0;
    int result = 0;
    for (size_t i = 0; i < n; i++) {
        fx_table_row *row = &t->rows[pending[i]];
        size_t key_length;
        char *alone = together ? NULL : fx_normalise_string(row->key, row->key_length, &key_length);
        const char *key = together ? piece[i + 1] : alone;
        if (together) key_length = strlen(key);
        if (key_length == 0) result = -1;
        row->key = fx_arena_strndup(arena, key, key_length);
        row->key_length = (uint32_t)key_length;
        free(alone);
    }
    free(piece);
    free(out);
    return result;
}

/* The file's bytes (t->data, NUL-terminated: tabs and line ends become
 * the fields' NULs), its rows and its index's slots in one block
 * (t->block), sized from the file before any of it is written: the rows
 * from its lines (an upper bound), the slots from the rows. A gazetteer's
 * block (6.3 MB) is then three huge pages and 0.3 MB (fx_pages_alloc).
 * -1 after a diagnostic when the file is too large. */
static int load_block(fx_table *t, const fx_input_view *view, fx_diag *diag, size_t *len, size_t *lines)
{
    if (view->len > UINT32_MAX) {     /* rows store where their line starts in 32 bits */
        fx_diag_report(diag, FX_ERROR, t->path, 1, 1, "table larger than 4 GiB");
        return -1;
    }
    const char *bytes = view->bytes;
    *len = view->len;
    *lines = 1;
    for (const char *q = bytes; (q = memchr(q, '\n', (size_t)(bytes + *len - q))) != NULL; q++) ++*lines;
    /* the rows: at most one a line but the header's */
    size_t data_size = (*len + 1 + 15) & ~(size_t)15, rows_size = *lines * sizeof *t->rows;
    t->block_size = data_size + rows_size + index_slots(*lines - 1) * sizeof *t->slots;
    t->block = fx_pages_alloc(t->block_size);
    t->data = memcpy(t->block, bytes, *len);    /* the NUL after it: the block is zeroed */
    t->rows = (fx_table_row *)((char *)t->block + data_size);
    t->slots = (struct fx_table_slot *)((char *)t->block + data_size + rows_size);
    return 0;
}

/* The fields are in t->data (load_block); the rows' cells are allocated
 * once for the whole file. one_by_one: each key that needs it normalised
 * as its line is read (else after the file, together: normalise_keys). */
static int load(fx_table *t, const fx_input_view *view, fx_arena *arena, fx_diag *diag, int one_by_one)
{
    size_t len, lines;  /* lines: an upper bound on the rows */
    if (load_block(t, view, diag, &len, &lines) < 0) return -1;
    char *buf = t->data;
    long bad = fx_input_first_bad_byte(buf, len);
    if (bad >= 0) {
        size_t l, c;
        fx_line_col(buf, len, (size_t)bad, &l, &c);
        fx_diag_report(diag, FX_ERROR, t->path, l, c, "table is not valid UTF-8 text");
        return -1;
    }
    fx_table_cells *cells = NULL;   /* set by the header line */
    size_t *pending = NULL, pending_count = 0, pending_cap = 0;   /* rows whose keys normalise_keys does */
    size_t lineno = 0;
    int errors = 0;
    char *p = buf, *end = buf + len;
    separators seps = {.buf = buf, .len = len};   /* every separator is read, in order */
    kept_points kept = {{0}, {0}};
    while (p < end) {
        char *line_start = p;
        lineno++;
        if (*p == '#') {   /* a comment */
            char *eol;
            while ((eol = next_separator(&seps)) < end && *eol != '\n') {}
            p = eol < end ? eol + 1 : end;
            continue;
        }
        /* split on tabs, in place: the line's separators in order */
        const char *fields[64];
        size_t nf = 0;
        char *f = p, *q;
        for (;;) {
            q = next_separator(&seps);
            if (q == end || *q == '\n') break;
            *q = '\0';
            if (nf < 64) fields[nf++] = f;
            f = q + 1;
        }
        char *eol = q, *stop = q > p && q[-1] == '\r' ? q - 1 : q;   /* the last field ends before a CR */
        if (stop == p) {   /* a blank line */
            p = eol + 1;
            continue;
        }
        *stop = '\0';   /* '\r', '\n' or the final NUL */
        if (nf < 64) fields[nf++] = f;
        p = eol + 1;
        if (!cells) {   /* the first line that is not a comment is the header */
            t->column_count = nf;
            t->columns = fx_arena_alloc(arena, nf * sizeof *t->columns);
            for (size_t i = 0; i < nf; i++) t->columns[i] = (char *)fields[i];
            t->cells = cells = arena_zeroed_mapped(arena, sizeof *cells + lines * (nf - 1) * sizeof *cells->offset);
            cells->data = buf;
            cells->rows = t->rows;
            cells->per_row = nf - 1;
            continue;
        }
        if (nf > t->column_count) {
            fx_diag_report(diag, FX_ERROR, t->path, lineno, 1,
                           "%zu fields but the header names %zu columns", nf, t->column_count);
            errors++;
        }
        const char *key = fields[0];     /* to the first tab, or to the line's end */
        size_t key_length = nf > 1 ? (size_t)(fields[1] - key) - 1 : (size_t)(stop - key);
        int later = 0;   /* normalised after the file (normalise_keys) */
        if (!normalised_already(key, key_length, end, &kept)) {
            if (!one_by_one && key_length > 0) {
                later = 1;
            } else {
                char *normalised = fx_normalise_string(key, key_length, &key_length);
                key = fx_arena_strndup(arena, normalised, key_length);
                free(normalised);
            }
        }
        if (key_length == 0) {
            fx_diag_report(diag, FX_ERROR, t->path, lineno, 1, "empty key");
            errors++;
            continue;
        }
        if ((size_t)(stop - line_start) > UINT16_MAX) {   /* cells are two bytes */
            fx_diag_report(diag, FX_ERROR, t->path, lineno, 1, "line longer than %u bytes", UINT16_MAX);
            errors++;
            continue;
        }
        if (t->row_count == INT32_MAX) {   /* the index stores row + 1 in 32 bits, next_same_key a row in 31 */
            fx_diag_report(diag, FX_ERROR, t->path, lineno, 1, "too many rows");
            errors++;
            break;
        }
        uint16_t *offset = cells->offset + t->row_count * cells->per_row;
        size_t i = 1, given = nf < t->column_count ? nf : t->column_count;
        for (; i < given; i++) offset[i - 1] = (uint16_t)(fields[i] - line_start);
        for (; i < t->column_count; i++) offset[i - 1] = (uint16_t)(stop - line_start);  /* missing: "" */
        if (later) {
            if (pending_count == pending_cap) {
                pending_cap = pending_cap ? 2 * pending_cap : 64;
                pending = fx_xrealloc(pending, pending_cap * sizeof *pending);
            }
            pending[pending_count++] = t->row_count;
        }
        t->rows[t->row_count++] = (fx_table_row){.key = key, .cells = cells, .key_length = (uint32_t)key_length,
                                                 .text = (uint32_t)(line_start - buf), .line = (uint32_t)lineno,
                                                 .next_same_key = -1};
    }
    /* a key normalised to nothing is an error that one_by_one reports in its place */
    if (!errors && pending_count && normalise_keys(t, arena, pending, pending_count) < 0) errors++;
    free(pending);
    if (!cells) {
        fx_diag_report(diag, FX_ERROR, t->path, 1, 1, "table has no header line");
        return -1;
    }
    index_table(t);
    return errors ? -1 : 0;
}

/* A large table's built form is kept between runs (cache.h, kind
 * "table"), keyed by the file's bytes: a hit is a read of the cache file
 * into the table's block and a pass over its rows, where a load splits
 * every line, checks and hashes every key and builds the index (the
 * gazetteer: ~10 ms at start-up; ~55 instructions a byte of a small
 * table). 16 KiB: the shipped tables' six largest (given_names.tsv,
 * city_near_words.tsv and city_aliases.tsv besides the three largest:
 * 4.7 M instructions less at start-up); a smaller table's load costs
 * less than its file's opening. A build has six such files, so the kind
 * keeps four builds' worth: under cache.h's FX_CACHE_KEEP (8), the
 * builds of worktrees that edit a table each pushed out a file another
 * build reads, at every run. */
enum { TABLE_CACHE_MIN = 16 * 1024, TABLE_CACHE_KEEP = 24 };
/* The image's layout and what load builds: a change to either (or to how
 * its keys are normalised: FX_NORMALISE_VERSION) must change it. */
#define TABLE_CACHE_VERSION "table 1"

/* The image: this head, then its sections at the offsets it gives, each
 * 16-byte aligned: the file's bytes as load leaves them (t->data), the
 * columns, the rows, the cells, the index's slots, the keys that
 * normalisation changed (each NUL-terminated) and the key filter's words.
 * In the image a pointer (a row's key, a column, the cells' data and
 * rows) holds its offset from the image's start; a hit makes them
 * pointers into the block it was read into, which becomes t->block. */
typedef struct table_image {
    uint64_t file_len, row_count, column_count, slot_count, filter_words, first_word_count, max_words;
    uint64_t first_bytes[4], lengths;
    uint64_t data_at, data_size, columns_at, rows_at, cells_at, slots_at, keys_at, keys_size, filter_at, size;
} table_image;

/* The sections' offsets and the image's size, from the counts in im. */
static void image_layout(table_image *im)
{
    size_t per_row = im->column_count - 1;
    im->data_at = align16(sizeof *im);
    im->columns_at = im->data_at + im->data_size;
    im->rows_at = im->columns_at + align16(im->column_count * sizeof(char *));
    im->cells_at = im->rows_at + im->row_count * sizeof(fx_table_row);
    im->slots_at = im->cells_at + align16(sizeof(fx_table_cells) + im->row_count * per_row * sizeof(uint16_t));
    im->keys_at = im->slots_at + im->slot_count * sizeof(struct fx_table_slot);
    im->filter_at = im->keys_at + align16(im->keys_size);
    im->size = im->filter_at + im->filter_words * sizeof(uint64_t);
}

/* The cache file of the table whose file is len bytes of that checksum. */
static void table_cache_open(fx_cache_file *c, size_t len, unsigned long long checksum)
{
    char text[256];
    int n = tables_key_head(text, sizeof text, TABLE_CACHE_VERSION);
    n += snprintf(text + n, sizeof text - (size_t)n, "%zu %016llx\n", len, checksum);
    fx_cache_open(c, "table", "table", text, (size_t)n);
    c->keep = TABLE_CACHE_KEEP;
}

/* Is p[0..len) inside the image's section at [at, at + size)? */
static int within(uintptr_t p, size_t len, size_t at, size_t size) { return p >= at && p < at + size && len < at + size - p; }

/* t (loaded, no errors) as an image in c's file; a cache not written only
 * costs the next load. */
static void table_cache_write(const fx_table *t, const fx_cache_file *c, size_t file_len)
{
    uintptr_t data = (uintptr_t)t->data;
    size_t data_size = align16(file_len + 1), per_row = t->column_count - 1;
    table_image head = {.file_len = file_len, .row_count = t->row_count, .column_count = t->column_count,
                        .slot_count = t->slot_count, .filter_words = t->key_filter.mask + 1,
                        .first_word_count = t->first_word_count, .max_words = t->max_words,
                        .lengths = t->lengths, .data_size = data_size};
    memcpy(head.first_bytes, t->first_bytes, sizeof head.first_bytes);
    for (size_t r = 0; r < t->row_count; r++)
        if (!within((uintptr_t)t->rows[r].key, t->rows[r].key_length, data, data_size))
            head.keys_size += t->rows[r].key_length + 1;
    image_layout(&head);
    unsigned char *image = fx_xcalloc(1, head.size);
    memcpy(image, &head, sizeof head);
    memcpy(image + head.data_at, t->data, file_len);
    uintptr_t *columns = (uintptr_t *)(image + head.columns_at);
    for (size_t i = 0; i < t->column_count; i++) columns[i] = (uintptr_t)t->columns[i] - data + head.data_at;
    fx_table_row *rows = (fx_table_row *)(image + head.rows_at);
    size_t keys_used = 0;
    for (size_t r = 0; r < t->row_count; r++) {
        const fx_table_row *row = &t->rows[r];
        uintptr_t key = (uintptr_t)row->key - data + head.data_at;
        if (!within((uintptr_t)row->key, row->key_length, data, data_size)) {
            key = head.keys_at + keys_used;
            memcpy(image + key, row->key, row->key_length);    /* the NUL: the image is zeroed */
            keys_used += row->key_length + 1;
        }
        rows[r] = *row;
        rows[r].key = (const char *)key;
        rows[r].cells = (const fx_table_cells *)head.cells_at;
    }
    fx_table_cells *cells = (fx_table_cells *)(image + head.cells_at);
    cells->data = (const char *)head.data_at;
    cells->rows = (const fx_table_row *)head.rows_at;
    cells->per_row = per_row;
    memcpy(cells->offset, t->cells->offset, t->row_count * per_row * sizeof *cells->offset);
    memcpy(image + head.slots_at, t->slots, t->slot_count * sizeof *t->slots);
    memcpy(image + head.filter_at, t->key_filter.bits, head.filter_words * sizeof(uint64_t));
    fx_cache_write(c, image, head.size);
    free(image);
}

/* t from c's image, or 0 when there is none, or it is not whole (cache.h)
 * or not consistent: its sizes, and where each row's key lies. The
 * checksum vouches for the rest (the slots, the cells' offsets). */
static int table_cache_read(fx_table *t, fx_arena *arena, const fx_cache_file *c, size_t file_len)
{
    size_t size;
    table_image head;
    unsigned char *block = image_read(c, &head, sizeof head, &size);
    if (!block) return 0;
    table_image expected = head;
    if (head.file_len != file_len || head.data_size != align16(file_len + 1) || head.column_count == 0 ||
        head.column_count > 64 || head.row_count > INT32_MAX || head.slot_count < 2 * head.row_count ||
        (head.slot_count & (head.slot_count - 1)) || head.filter_words == 0 ||
        (head.filter_words & (head.filter_words - 1)) || head.keys_size > size)
        goto miss;
    image_layout(&expected);
    if (memcmp(&expected, &head, sizeof head) != 0 || head.size != size) goto miss;
    uintptr_t base = (uintptr_t)block;
    fx_table_cells *cells = (fx_table_cells *)(block + head.cells_at);
    fx_table_row *rows = (fx_table_row *)(block + head.rows_at);
    for (size_t r = 0; r < head.row_count; r++) {
        fx_table_row *row = &rows[r];
        uintptr_t key = (uintptr_t)row->key;
        if ((!within(key, row->key_length, head.data_at, head.data_size) &&
             !within(key, row->key_length, head.keys_at, head.keys_size)) ||
            row->text >= file_len || row->next_same_key >= (int32_t)head.row_count)
            goto miss;
        row->key = (const char *)(base + key);
        row->cells = cells;
    }
    cells->data = (const char *)(block + head.data_at);
    cells->rows = rows;
    char **columns = (char **)(block + head.columns_at);
    for (size_t i = 0; i < head.column_count; i++) {
        uintptr_t at = (uintptr_t)columns[i];
        if (!within(at, 0, head.data_at, head.data_size)) goto miss;
        columns[i] = (char *)(base + at);
    }
    t->columns = fx_arena_alloc_uninit(arena, head.column_count * sizeof *t->columns);
    memcpy(t->columns, columns, head.column_count * sizeof *t->columns);
    t->column_count = head.column_count;
    t->rows = rows;
    t->row_count = head.row_count;
    t->data = (char *)(block + head.data_at);
    t->cells = cells;
    t->slots = (struct fx_table_slot *)(block + head.slots_at);
    t->slot_count = head.slot_count;
    t->block = block;
    t->block_size = size;
    t->key_filter.bits = fx_xmalloc(head.filter_words * sizeof(uint64_t));
    memcpy(t->key_filter.bits, block + head.filter_at, head.filter_words * sizeof(uint64_t));
    t->key_filter.mask = head.filter_words - 1;
    t->first_word_count = head.first_word_count;
    t->max_words = head.max_words;
    memcpy(t->first_bytes, head.first_bytes, sizeof t->first_bytes);
    t->lengths = head.lengths;
    return 1;
miss:
    fx_pages_free(block, size);
    return 0;
}

int fx_table_load(fx_table *t, fx_arena *arena, fx_diag *diag, const char *file, size_t line, size_t col)
{
    fx_input_view view;
    if (fx_input_view_file(t->path, &view) < 0) {
        fx_diag_report(diag, FX_ERROR, file, line, col, "cannot read table %s: %s", t->path, strerror(errno));
        return -1;
    }
    unsigned long long checksum = fx_cache_checksum(view.bytes, view.len);
    fx_cache_file cache = {0};
    int cached = view.len >= TABLE_CACHE_MIN && view.len <= UINT32_MAX;
    if (cached) {
        table_cache_open(&cache, view.len, checksum);
        if (table_cache_read(t, arena, &cache, view.len)) {
            t->file_size = view.len;
            t->file_checksum = checksum;
            fx_cache_close(&cache);
            fx_input_view_free(&view);
            return 0;
        }
    }
    /* keys normalised together, the problems only counted; a table with
     * any is read again as it always was, one key at a time, to report
     * them in order (what the first try left in the arena stays there
     * until the context, which fails to load, is freed) */
    fx_diag count_only;
    fx_diag_init(&count_only, NULL);
    int rc = load(t, &view, arena, &count_only, 0);
    if (rc == 0 && cached) table_cache_write(t, &cache, view.len);
    if (rc != 0) {
        fx_table_free(t);
        *t = (fx_table){.name = t->name, .path = t->path};
        rc = load(t, &view, arena, diag, 1);
    }
    t->file_size = view.len;
    t->file_checksum = checksum;
    if (cached) fx_cache_close(&cache);
    fx_input_view_free(&view);
    return rc;
}

void fx_table_free(fx_table *t)
{
    if (t->block) fx_pages_free(t->block, t->block_size);
    free(t->key_filter.bits);
}

int fx_table_number_caseless(const fx_table *table, const char *s, size_t len, const char *column)
{
    char key[32];
    if (!table || len == 0 || len >= sizeof key) return -1;
    for (size_t i = 0; i < len; i++) key[i] = (char)fx_ascii_lower((unsigned char)s[i]);
    const fx_table_row *row = fx_table_find(table, key, len);
    const char *field = row ? fx_table_field(table, row, column) : "";
    return *field ? atoi(field) : -1;
}

double fx_parse_decimal(const char *s)
{
    static const double powers_of_ten[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                           1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
    /* [-]digits[.digits], 15 digits at most: m and 10^k are exact doubles,
     * so m / 10^k rounds once, to the nearest double, as strtod does */
    const char *p = s;
    int negative = *p == '-';
    p += negative;
    unsigned long long m = 0;
    size_t digits = 0, decimals = 0;
    for (; *p >= '0' && *p <= '9'; p++, digits++) m = m * 10 + (unsigned long long)(*p - '0');
    if (digits == 0) return strtod(s, NULL);
    if (*p == '.') {
        const char *f = ++p;
        for (; *p >= '0' && *p <= '9'; p++, digits++) m = m * 10 + (unsigned long long)(*p - '0');
        decimals = (size_t)(p - f);
        if (decimals == 0) return strtod(s, NULL);
    }
    if (*p || digits > 15) return strtod(s, NULL);
    double v = (double)m / powers_of_ten[decimals];
    return negative ? -v : v;
}
