/* test_tables.c - a large table's built form kept between runs (tables.c,
 * cache.h): a table read from its cache answers exactly as the one the
 * loader built; a cache file that is missing, damaged, truncated, not
 * consistent or of other bytes of the table is not trusted: the table is
 * built again and the file written again. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>

#include "cache.h"
#include "fixture.h"
#include "harness.h"
#include "hash.h"
#include "tables.h"
#include "words.h"

/* Rows with keys that normalisation changes (kept apart in the cache),
 * keys shared by several rows (chained), CR LF line ends, a missing
 * field, then plain rows until the file is large enough to be cached. */
static char *table_text(size_t *len, const char *last_key, size_t size)
{
    static const char *const keys[] = {
        "New York", " Padded ", "Two  Spaces", "Caf\xC3\xA9", "\xEF\xBC\xA6\xEF\xBC\xB5\xEF\xBC\xAC\xEF\xBC\xAC",
        "\xE2\x80\x9CQuoted\xE2\x80\x9D", "Xi'an", "New York", "St. Louis", "New", "K\xC3\xB8" "benhavn",
    };
    size_t cap = 200 * 1024, n = 0;
    char *s = malloc(cap);
    n += (size_t)snprintf(s + n, cap - n, "# a comment\tand a tab\nkey\tcode\textra\n");
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
        n += (size_t)snprintf(s + n, cap - n, "%s\t%zu%s%s\n", keys[i], i, i == 7 ? "" : "\tx", i % 2 ? "\r" : "");
    for (size_t i = 0; n < size; i++)
        n += (size_t)snprintf(s + n, cap - n, "Town %zu\t%zu\tsome field %zu\n", i / 2, i, i * 7);
    n += (size_t)snprintf(s + n, cap - n, "%s\t1\t2\n", last_key);
    *len = n;
    return s;
}

static void write_bytes(const char *path, const void *bytes, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f) return;
    fwrite(bytes, 1, len, f);
    fclose(f);
}

/* The one cache file in dir (the test's own) whose name starts with
 * prefix, or "" when none. */
static void cache_path_of(const char *dir, const char *prefix, char *path, size_t size)
{
    char sub[300];
    snprintf(sub, sizeof sub, "%s/factx", dir);
    path[0] = '\0';
    DIR *d = opendir(sub);
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL)
        if (strncmp(e->d_name, prefix, strlen(prefix)) == 0) snprintf(path, size, "%s/%s", sub, e->d_name);
    if (d) closedir(d);
}

/* The table cache's one file in dir, or "" when none. */
static void cache_path(const char *dir, char *path, size_t size)
{
    cache_path_of(dir, "table-", path, size);
}

static ino_t inode_of(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? st.st_ino : 0;
}

static int load(fx_table *t, fx_arena *arena, char *path)
{
    fx_diag diag;
    fx_diag_init(&diag, stderr);
    static char name[] = "T";
    *t = (fx_table){.name = name, .path = path};
    return fx_table_load(t, arena, &diag, "test.rules", 1, 1);
}

/* Do a and b answer every question alike: their rows, fields, lookups,
 * filters and an index of their first words? */
static int same_table(const fx_table *a, const fx_table *b)
{
    if (a->row_count != b->row_count || a->column_count != b->column_count || a->slot_count != b->slot_count ||
        a->first_word_count != b->first_word_count || a->max_words != b->max_words || a->lengths != b->lengths ||
        memcmp(a->first_bytes, b->first_bytes, sizeof a->first_bytes) != 0 ||
        a->key_filter.mask != b->key_filter.mask ||
        memcmp(a->key_filter.bits, b->key_filter.bits, (a->key_filter.mask + 1) * sizeof(uint64_t)) != 0)
        return 0;
    for (size_t c = 0; c < a->column_count; c++)
        if (strcmp(a->columns[c], b->columns[c]) != 0) return 0;
    for (size_t r = 0; r < a->row_count; r++) {
        const fx_table_row *x = &a->rows[r], *y = &b->rows[r];
        if (x->key_length != y->key_length || strcmp(x->key, y->key) != 0 || x->text != y->text ||
            x->line != y->line || x->next_same_key != y->next_same_key)
            return 0;
        for (size_t c = 0; c < a->column_count; c++)
            if (strcmp(fx_table_row_field(x, c), fx_table_row_field(y, c)) != 0) return 0;
        if (fx_table_find(a, x->key, x->key_length) - a->rows != fx_table_find(b, y->key, y->key_length) - b->rows)
            return 0;
    }
    if (fx_table_find(b, "Nowhere", 7) != NULL) return 0;
    fx_table_first_words wa, wb;
    fx_table_first_words_init(&wa, (const fx_table *const[1]){a}, 1);
    fx_table_first_words_init(&wb, (const fx_table *const[1]){b}, 1);
    int same = wa.mask == wb.mask && memcmp(wa.check, wb.check, (wa.mask + 1) * sizeof *wa.check) == 0 &&
               memcmp(wa.row, wb.row, (wa.mask + 1) * sizeof *wa.row) == 0 &&
               memcmp(wa.reach, wb.reach, (size_t)(wa.none - wa.reach + 1) * sizeof *wa.reach) == 0;
    fx_table_first_words_free(&wa);
    fx_table_first_words_free(&wb);
    return same;
}

/* Load the table at path and compare it with built; was its cache file
 * left as it was (a hit), or written again (a miss)? */
static void check_load(const fx_table *built, char *path, const char *dir, int want_hit)
{
    char file[600];
    cache_path(dir, file, sizeof file);
    ino_t before = inode_of(file);
    fx_arena arena;
    fx_arena_init(&arena);
    fx_table t;
    CHECK(load(&t, &arena, path) == 0);
    CHECK(same_table(built, &t));
    cache_path(dir, file, sizeof file);
    CHECK((inode_of(file) == before) == want_hit);
    fx_table_free(&t);
    fx_arena_free(&arena);
}

/* Replace the contents of the cache file at path by its contents edited
 * by edit, under a checksum that matches (cache.c's layout: a 14-byte
 * magic line, the key's 64 digits, the length and the checksum). */
static void rewrite_contents(const char *path, void (*edit)(unsigned char *contents, size_t len))
{
    enum { HEAD = 14 + 64 + 16 };
    FILE *f = fopen(path, "rb");
    if (!f) return;
    fseek(f, 0, SEEK_END);
    size_t size = (size_t)ftell(f);
    rewind(f);
    unsigned char *bytes = malloc(size);
    size_t got = fread(bytes, 1, size, f);
    fclose(f);
    if (got == size && size > HEAD) {
        edit(bytes + HEAD, size - HEAD);
        unsigned long long sum = fx_cache_checksum(bytes + HEAD, size - HEAD);
        for (int i = 0; i < 8; i++) bytes[HEAD - 8 + i] = (unsigned char)(sum >> (8 * i));
        write_bytes(path, bytes, size);
    }
    free(bytes);
}

/* The image's head (tables.c) starts with the file's length, the row
 * count and the column count, 8 bytes each. */
static void more_rows(unsigned char *contents, size_t len)
{
    (void)len;
    contents[8] += 1;
}

/* The first row's key (the image's rows follow its head and its columns)
 * moved far past every section: found by the relocation's check. */
static void key_outside(unsigned char *contents, size_t len)
{
    uint64_t rows_at;
    memcpy(&rows_at, contents + 8 * 15, sizeof rows_at);  /* after 12 counts: data_at, data_size, columns_at, rows_at */
    if (rows_at + 8 <= len) memset(contents + rows_at + 4, 0x7F, 4);
}

/* Are a and b the same index of first words: sizes, arrays and filters? */
static int same_words(const fx_table_first_words *a, const fx_table_first_words *b)
{
    if (a->mask != b->mask || a->table_count != b->table_count || a->split != b->split ||
        a->first_bits != b->first_bits || a->none - a->reach != b->none - b->reach)
        return 0;
    size_t slots = a->mask + 1, reaches = (size_t)(a->none - a->reach) + a->table_count;
    if (memcmp(a->check, b->check, slots * sizeof *a->check) != 0 ||
        memcmp(a->row, b->row, slots * sizeof *a->row) != 0 ||
        memcmp(a->reach, b->reach, reaches * sizeof *a->reach) != 0)
        return 0;
    for (size_t t = 0; t < a->table_count; t++)
        if (a->word_prefixes[t].mask != b->word_prefixes[t].mask ||
            memcmp(a->word_prefixes[t].bits, b->word_prefixes[t].bits,
                   (a->word_prefixes[t].mask + 1) * sizeof(uint64_t)) != 0)
            return 0;
    return 1;
}

/* Does w answer as built for every key of t: its first word's reaches
 * and bits, and each beginning's filter? And for a word of no key? */
static int same_answers(const fx_table_first_words *w, const fx_table_first_words *built, const fx_table *t)
{
    size_t width = 2 + w->table_count;
    for (size_t r = 0; r < t->row_count; r++) {
        const char *key = t->rows[r].key;
        size_t first = 0;
        while (first < t->rows[r].key_length && fx_is_word_byte((unsigned char)key[first])) first++;
        uint64_t h = fx_hash_bytes(key, first), whole = fx_hash_bytes(key, t->rows[r].key_length);
        const uint16_t *x = fx_table_first_words_reach(w, h), *y = fx_table_first_words_reach(built, h);
        if (!first) continue;
        if (!x || !y || memcmp(x - 2, y - 2, width * sizeof *x) != 0) return 0;
        for (size_t i = 0; i < w->table_count; i++)
            if (fx_table_first_words_may_begin(w, i, whole) != fx_table_first_words_may_begin(built, i, whole))
                return 0;
    }
    return fx_table_first_words_reach(w, fx_hash_bytes("Nowhere", 7)) ==
           fx_table_first_words_reach(built, fx_hash_bytes("Nowhere", 7));
}

/* The index of table and of no table (count 2, split 1) from dir's
 * cache or built, as want_hit says, the same as built's; was its cache
 * file left (a hit) or written again (a miss)? */
static void check_words(const fx_table *table, const fx_table_first_words *built, const char *dir, int want_hit)
{
    char file[600];
    cache_path_of(dir, "words-", file, sizeof file);
    ino_t before = inode_of(file);
    fx_table_first_words w;
    fx_table_first_words_init_split(&w, (const fx_table *const[2]){table, NULL}, 2, 1);
    CHECK((w.block != NULL) == want_hit);
    CHECK(same_words(&w, built));
    CHECK(same_answers(&w, built, table));
    cache_path_of(dir, "words-", file, sizeof file);
    CHECK(file[0] != '\0');
    CHECK((inode_of(file) == before) == want_hit);
    fx_table_first_words_free(&w);
}

/* The image's head (tables.c) starts with the count of tables. */
static void more_tables(unsigned char *contents, size_t len)
{
    (void)len;
    contents[0] += 1;
}

/* The first words' index of a table of 1,024 rows or more is kept in the
 * cache (kind "words"): read back it is the index built; a file missing,
 * damaged, short, empty or not consistent is not trusted (built and
 * written again); an index of other tables or another split is another
 * file. */
static void test_words_cache(const fx_table *table, const char *dir)
{
    char file[600];
    for (cache_path_of(dir, "words-", file, sizeof file); file[0]; cache_path_of(dir, "words-", file, sizeof file))
        CHECK(unlink(file) == 0);   /* same_table's */
    fx_table_first_words built;
    fx_table_first_words_init_split(&built, (const fx_table *const[2]){table, NULL}, 2, 1);
    CHECK(built.block == NULL);   /* no file yet: built, then written */
    CHECK(table->row_count >= 1024 && fx_table_first_words_reach(&built, fx_hash_bytes("Town", 4)) != NULL);
    check_words(table, &built, dir, 1);

    cache_path_of(dir, "words-", file, sizeof file);
    struct stat st;
    CHECK(stat(file, &st) == 0);
    FILE *f = fopen(file, "r+b");
    if (f) {
        fseek(f, st.st_size / 2, SEEK_SET);
        int c = fgetc(f);
        fseek(f, st.st_size / 2, SEEK_SET);
        fputc(c ^ 0x10, f);
        fclose(f);
    }
    check_words(table, &built, dir, 0);
    check_words(table, &built, dir, 1);
    cache_path_of(dir, "words-", file, sizeof file);
    CHECK(truncate(file, st.st_size / 3) == 0);
    check_words(table, &built, dir, 0);
    cache_path_of(dir, "words-", file, sizeof file);
    CHECK(truncate(file, 0) == 0);
    check_words(table, &built, dir, 0);
    cache_path_of(dir, "words-", file, sizeof file);
    rewrite_contents(file, more_tables);
    check_words(table, &built, dir, 0);
    check_words(table, &built, dir, 1);

    /* another split of the same tables: a file of its own, built */
    fx_table_first_words other;
    fx_table_first_words_init_split(&other, (const fx_table *const[2]){table, NULL}, 2, 2);
    CHECK(other.block == NULL && other.split == 2);
    fx_table_first_words_free(&other);
    fx_table_first_words_init_split(&other, (const fx_table *const[2]){table, NULL}, 2, 2);
    CHECK(other.block != NULL && other.split == 2);
    fx_table_first_words_free(&other);
    fx_table_first_words_free(&built);
}

/* A key's letters where it is one word, which the city resolver's
 * misspellings count once a key (fx_table_key_letters): code points, not
 * bytes; 0 for a key of several words, whatever joins them. */
static void test_key_letters(void)
{
    static const struct { const char *key; size_t letters; } keys[] = {
        {"Gothenburg", 10}, {"Malm\xC3\xB6", 5}, {"Z\xC3\xBCrich", 6}, {"New York", 0},
        {"Xi'an", 0}, {"Saint-Denis", 0}, {"", 0},
    };
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
        CHECK(fx_table_key_letters(keys[i].key, strlen(keys[i].key)) == keys[i].letters);
}

/* Two keys' bytes compared without a memcmp call (fx_table_same_bytes,
 * which the index's probe and the city resolver's keys use): the same at
 * every length to 40, and a difference at any one byte seen, reading
 * nothing outside either (each key in a block of its own length: the
 * sanitizer build would say). */
static void test_same_bytes(void)
{
    for (size_t len = 0; len <= 40; len++) {
        char *a = malloc(len ? len : 1), *b = malloc(len ? len : 1);
        if (!a || !b) {
            free(a);
            free(b);
            CHECK(0);
            return;
        }
        for (size_t i = 0; i < len; i++) a[i] = b[i] = (char)('a' + i % 26);
        CHECK(fx_table_same_bytes(a, b, len));
        for (size_t i = 0; i < len; i++) {
            b[i] = (char)(b[i] ^ 0x20);
            CHECK(!fx_table_same_bytes(a, b, len));
            b[i] = a[i];
        }
        free(a);
        free(b);
    }
}

void test_tables(void)
{
    test_key_letters();
    test_same_bytes();
    char dir[48], *saved;
    if (!fx_fixture_cache_dir_open(dir, sizeof dir, &saved)) return;
    char path[400];
    snprintf(path, sizeof path, "%s/t.tsv", dir);
    size_t len;
    char *text = table_text(&len, "Last", 80 * 1024);
    write_bytes(path, text, len);

    /* built (no cache file yet: one is written), then read from it */
    fx_arena arena;
    fx_arena_init(&arena);
    fx_table built;
    CHECK(load(&built, &arena, path) == 0);
    char file[600];
    cache_path(dir, file, sizeof file);
    CHECK(file[0] != '\0');
    CHECK(built.row_count > 2000 && strcmp(fx_table_field(&built, &built.rows[1], "code"), "1") == 0);
    check_load(&built, path, dir, 1);

    /* damaged, truncated, emptied: built again, and the file written again */
    struct stat st;
    CHECK(stat(file, &st) == 0);
    FILE *f = fopen(file, "r+b");
    if (f) {
        fseek(f, st.st_size / 2, SEEK_SET);
        fputc(0x55, f);
        fclose(f);
    }
    check_load(&built, path, dir, 0);
    CHECK(truncate(file, st.st_size / 3) == 0);
    check_load(&built, path, dir, 0);
    CHECK(truncate(file, 0) == 0);
    check_load(&built, path, dir, 0);
    check_load(&built, path, dir, 1);

    /* whole (the checksum right) but not consistent: a head whose sizes
     * do not add up, a row's key outside the image */
    rewrite_contents(file, more_rows);
    check_load(&built, path, dir, 0);
    rewrite_contents(file, key_outside);
    check_load(&built, path, dir, 0);
    check_load(&built, path, dir, 1);

    test_words_cache(&built, dir);

    /* the table's bytes changed (its last key, the same length): another
     * key, so the old file is not read; the new rows are the new file's */
    free(text);
    text = table_text(&len, "Lost", 80 * 1024);
    write_bytes(path, text, len);
    fx_table edited;
    CHECK(load(&edited, &arena, path) == 0);
    CHECK(fx_table_find(&edited, "Lost", 4) != NULL && fx_table_find(&edited, "Last", 4) == NULL);
    CHECK(!same_table(&built, &edited));
    fx_arena edited_arena;
    fx_arena_init(&edited_arena);
    fx_table again;
    CHECK(load(&again, &edited_arena, path) == 0);
    CHECK(same_table(&edited, &again));
    fx_table_first_words words;   /* of the edited table: its own file, not the old one's */
    fx_table_first_words_init(&words, (const fx_table *const[1]){&edited}, 1);
    CHECK(fx_table_first_words_reach(&words, fx_hash_bytes("Lost", 4)) != NULL);
    CHECK(fx_table_first_words_reach(&words, fx_hash_bytes("Last", 4)) == NULL);
    fx_table_first_words_free(&words);
    fx_table_free(&again);
    fx_arena_free(&edited_arena);
    fx_table_free(&edited);

    fx_table_free(&built);
    fx_arena_free(&arena);
    free(text);

    /* a table of 16 KiB is kept too (given_names.tsv's 59 KB is) */
    text = table_text(&len, "Small", 16 * 1024);
    write_bytes(path, text, len);
    for (cache_path(dir, file, sizeof file); file[0]; cache_path(dir, file, sizeof file))
        CHECK(unlink(file) == 0);   /* the 80 KB tables' */
    fx_arena_init(&arena);
    CHECK(load(&built, &arena, path) == 0);
    cache_path(dir, file, sizeof file);
    CHECK(len < 17 * 1024 && file[0] != '\0');
    check_load(&built, path, dir, 1);
    fx_table_free(&built);
    fx_arena_free(&arena);
    free(text);

    /* more large tables than cache.h's FX_CACHE_KEEP (a build has six;
     * builds with edited tables add theirs): none pushes another out */
    char first[600];
    snprintf(first, sizeof first, "%s", file);
    ino_t first_inode = inode_of(first);
    struct utimbuf an_hour_ago = {time(NULL) - 3600, time(NULL) - 3600};
    CHECK(utime(first, &an_hour_ago) == 0);    /* the least recently used: pruned first */
    for (int k = 0; k < FX_CACHE_KEEP; k++) {
        char last_key[32];
        snprintf(last_key, sizeof last_key, "Other %d", k);
        text = table_text(&len, last_key, 16 * 1024);
        write_bytes(path, text, len);
        free(text);
        fx_arena_init(&arena);
        CHECK(load(&built, &arena, path) == 0);
        fx_table_free(&built);
        fx_arena_free(&arena);
    }
    CHECK(inode_of(first) == first_inode && first_inode != 0);

    /* what normalisation does to a code point, kept per slot of
     * cp % 1024 (tables.c's kept_points): U+133A (Ethiopic, kept) and
     * U+FF3A (a fullwidth Z, which becomes Z) share a slot; the second
     * asked is not given the first's answer */
    static const char two_points[] = "key\tcode\n\xE1\x8C\xBAtest\t1\n\xEF\xBC\xBAoo\t2\n";
    write_bytes(path, two_points, sizeof two_points - 1);
    fx_arena_init(&arena);
    CHECK(load(&built, &arena, path) == 0);
    CHECK(fx_table_find(&built, "\xE1\x8C\xBAtest", 7) != NULL);
    CHECK(fx_table_find(&built, "Zoo", 3) != NULL);
    fx_table_free(&built);
    fx_arena_free(&arena);
    CHECK(fx_fixture_cache_dir_close(dir, &saved));
}
