/* test_cache.c - cache files (cache.h): a hit gives the contents back;
 * a damaged, truncated or foreign file is a miss; each kind keeps its
 * most recent files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cache.h"
#include "fixture.h"
#include "harness.h"

static const char contents[] = "compiled bytes: 0123456789 abcdefghijklmnopqrstuvwxyz";

static long file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

/* Is c's file read back (mapped) as exactly `contents`? */
static int hit(const fx_cache_file *c)
{
    size_t mapped_len;
    const unsigned char *mapped = fx_cache_map(c, &mapped_len);
    int mapped_ok = mapped && mapped_len == sizeof contents && memcmp(mapped, contents, mapped_len) == 0;
    fx_cache_unmap(mapped, mapped_len);
    return mapped_ok;
}

static void change_byte(const char *path, long at)
{
    FILE *f = fopen(path, "r+b");
    if (!f) return;
    fseek(f, at, SEEK_SET);
    int c = fgetc(f);
    fseek(f, at, SEEK_SET);
    fputc(c ^ 0x20, f);
    fclose(f);
}

static void copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    int c;
    while (in && out && (c = fgetc(in)) != EOF) fputc(c, out);
    if (in) fclose(in);
    if (out) fclose(out);
}

static void count_files(const char *dir, const char *kind, size_t *count)
{
    char command[600];
    snprintf(command, sizeof command, "ls %s/factx | grep -c '^%s-'", dir, kind);
    FILE *p = popen(command, "r");
    *count = 0;
    if (p) {
        if (fscanf(p, "%zu", count) != 1) *count = 0;
        pclose(p);
    }
}

void test_cache(void)
{
    char dir[48], *saved;
    if (!fx_fixture_cache_dir_open(dir, sizeof dir, &saved)) return;

    fx_cache_file c, other;
    fx_cache_open(&c, "test", "bin", "rules hash 1", 12);
    CHECK(c.path && strstr(c.path, "/factx/test-") && strstr(c.path, ".bin"));
    CHECK(!hit(&c));                                      /* no file yet */
    CHECK(fx_cache_write(&c, contents, sizeof contents) == 0);
    CHECK(hit(&c));
    long size = file_size(c.path);

    /* damaged: any byte of the contents, or of the header */
    change_byte(c.path, size - 10);
    CHECK(!hit(&c));
    change_byte(c.path, size - 10);
    CHECK(hit(&c));
    change_byte(c.path, 3);
    CHECK(!hit(&c));
    CHECK(fx_cache_write(&c, contents, sizeof contents) == 0);
    CHECK(hit(&c));

    /* a mapping stays whole while the file is written again (a rename
     * replaces it), and empty contents map to no bytes */
    size_t mapped_len;
    const unsigned char *mapped = fx_cache_map(&c, &mapped_len);
    CHECK(fx_cache_write(&c, "other", 5) == 0);
    CHECK(mapped && mapped_len == sizeof contents && memcmp(mapped, contents, sizeof contents) == 0);
    fx_cache_unmap(mapped, mapped_len);
    CHECK(!hit(&c));
    CHECK(fx_cache_write(&c, "", 0) == 0);
    mapped = fx_cache_map(&c, &mapped_len);
    CHECK(mapped != NULL && mapped_len == 0);
    fx_cache_unmap(mapped, mapped_len);
    CHECK(fx_cache_write(&c, contents, sizeof contents) == 0);
    CHECK(hit(&c));

    /* truncated, or with bytes added */
    CHECK(truncate(c.path, size - 1) == 0);
    CHECK(!hit(&c));
    CHECK(truncate(c.path, 20) == 0);
    CHECK(!hit(&c));
    CHECK(truncate(c.path, 0) == 0);
    CHECK(!hit(&c));
    CHECK(fx_cache_write(&c, contents, sizeof contents) == 0);
    CHECK(truncate(c.path, size + 1) == 0);
    CHECK(!hit(&c));

    /* foreign: another key's file, or another kind's with the same key text */
    fx_cache_open(&other, "test", "bin", "rules hash 2", 12);
    CHECK(strcmp(other.path, c.path) != 0);
    CHECK(fx_cache_write(&other, contents, sizeof contents) == 0);
    copy_file(other.path, c.path);
    CHECK(file_size(c.path) == size);
    CHECK(!hit(&c));
    fx_cache_close(&other);
    fx_cache_open(&other, "tset", "bin", "rules hash 1", 12);
    CHECK(strcmp(other.key, c.key) != 0);
    CHECK(fx_cache_write(&other, contents, sizeof contents) == 0);
    copy_file(other.path, c.path);
    CHECK(!hit(&c));
    fx_cache_close(&other);

    /* the checksum sees a change in any one word */
    unsigned char bytes[48];
    memcpy(bytes, contents, sizeof bytes);
    unsigned long long sum = fx_cache_checksum(bytes, sizeof bytes);
    int all_seen = 1;
    for (size_t i = 0; i < sizeof bytes; i++) {
        bytes[i] ^= 1;
        all_seen &= fx_cache_checksum(bytes, sizeof bytes) != sum;
        bytes[i] ^= 1;
    }
    CHECK(all_seen);
    CHECK(fx_cache_checksum(bytes, sizeof bytes - 1) != sum);
    /* and two changes of words' top bytes (FNV-1a over words alone keeps
     * such a change in its top byte: one pair in 256 cancelled) */
    int pairs_seen = 1;
    for (unsigned x = 1; x < 256; x++)
        for (unsigned y = 1; y < 256; y++) {
            bytes[7] ^= (unsigned char)x;
            bytes[15] ^= (unsigned char)y;
            pairs_seen &= fx_cache_checksum(bytes, sizeof bytes) != sum;
            bytes[7] ^= (unsigned char)x;
            bytes[15] ^= (unsigned char)y;
        }
    CHECK(pairs_seen);

    /* each kind keeps its FX_CACHE_KEEP most recent files */
    for (int k = 0; k < FX_CACHE_KEEP + 3; k++) {
        char key[32];
        snprintf(key, sizeof key, "key %d", k);
        fx_cache_open(&other, "many", "bin", key, strlen(key));
        CHECK(fx_cache_write(&other, contents, sizeof contents) == 0);
        fx_cache_close(&other);
    }
    size_t many, tests;
    count_files(dir, "many", &many);
    count_files(dir, "test", &tests);
    CHECK(many == FX_CACHE_KEEP);
    CHECK(tests == 2);

    /* a kind whose caller keeps more (tables.c's) */
    for (int k = 0; k < FX_CACHE_KEEP + 3; k++) {
        char key[32];
        snprintf(key, sizeof key, "key %d", k);
        fx_cache_open(&other, "more", "bin", key, strlen(key));
        CHECK(other.keep == FX_CACHE_KEEP);
        other.keep = FX_CACHE_KEEP + 2;
        CHECK(fx_cache_write(&other, contents, sizeof contents) == 0);
        fx_cache_close(&other);
    }
    size_t more;
    count_files(dir, "more", &more);
    CHECK(more == FX_CACHE_KEEP + 2);

    /* the machine's line in every key: the bytes the keys held before it
     * was one function ("8 1\n" on x86-64), so no cached file changes name */
    char machine[32], want[32];
    snprintf(want, sizeof want, "%zu %d\n", sizeof(void *), __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__);
    CHECK(fx_cache_machine_line(machine, sizeof machine) == (int)strlen(want) && strcmp(machine, want) == 0);
    CHECK(fx_cache_machine_line(machine, 2) == (int)strlen(want) && machine[0] == want[0] && machine[1] == 0);

    /* no cache directory: a miss, and writing says so */
    fx_cache_close(&c);
    unsetenv("XDG_CACHE_HOME");
    const char *home = getenv("HOME");
    char *home_copy = home ? strdup(home) : NULL;
    unsetenv("HOME");
    fx_cache_open(&c, "test", "bin", "rules hash 1", 12);
    CHECK(c.path == NULL);
    CHECK(!hit(&c));
    CHECK(fx_cache_write(&c, contents, sizeof contents) == -1);
    fx_cache_close(&c);
    if (home_copy) setenv("HOME", home_copy, 1);
    free(home_copy);

    CHECK(fx_fixture_cache_dir_close(dir, &saved));
}
