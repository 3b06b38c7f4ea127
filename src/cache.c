/* cache.c - see cache.h. */
#include "cache.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>

#include "arena.h"
#include "sha256.h"

/* Layout: MAGIC, the key (64 hex digits), the contents' length and
 * checksum (8 bytes each, little endian), the contents. MAGIC is part of
 * the key too: a file of another layout or checksum has another name, so
 * builds of both kinds sharing a cache directory never replace each
 * other's files. */
#define MAGIC "factx-cache 2\n"
#define MAGIC_LEN (sizeof MAGIC - 1)
#define HEAD_LEN (MAGIC_LEN + 64 + 16)

void fx_cache_open(fx_cache_file *c, const char *kind, const char *ext, const char *key_text, size_t len)
{
    *c = (fx_cache_file){kind, ext, NULL, NULL, {0}, FX_CACHE_KEEP};
    size_t kind_len = strlen(kind);
    char *text = fx_xmalloc(MAGIC_LEN + kind_len + 1 + len + 1);
    memcpy(text, MAGIC, MAGIC_LEN);
    memcpy(text + MAGIC_LEN, kind, kind_len);
    text[MAGIC_LEN + kind_len] = '\n';   /* a file of one kind never passes as another's */
    memcpy(text + MAGIC_LEN + kind_len + 1, key_text, len);
    fx_sha256_hex(text, MAGIC_LEN + kind_len + 1 + len, c->key);
    free(text);
    const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
    if (xdg && xdg[0] == '/') {
        c->dir = fx_xmalloc(strlen(xdg) + sizeof "/factx");
        sprintf(c->dir, "%s/factx", xdg);
    } else if (home && home[0] == '/') {
        c->dir = fx_xmalloc(strlen(home) + sizeof "/.cache/factx");
        sprintf(c->dir, "%s/.cache/factx", home);
    } else {
        return;
    }
    size_t plen = strlen(c->dir) + strlen(kind) + strlen(ext) + 40;
    c->path = fx_xmalloc(plen);
    snprintf(c->path, plen, "%s/%s-%.32s.%s", c->dir, kind, c->key, ext);
}

int fx_cache_machine_line(char *out, size_t size)
{
    const uint16_t one = 1;   /* its first byte: 1 little endian, 0 big */
    return snprintf(out, size, "%zu %d\n", sizeof(void *), *(const unsigned char *)&one);
}

void fx_cache_close(fx_cache_file *c)
{
    free(c->dir);
    free(c->path);
    c->dir = c->path = NULL;
}

static inline uint64_t rotate_left(uint64_t x, unsigned n) { return x << n | x >> (64 - n); }

/* Four lanes of FNV-1a over 64-bit words, each product rotated so that
 * its high bits reach the low bits of the next (without, a change of the
 * words' top bytes alone stays in the lane's top byte: two such changes
 * cancelled one time in 256). Each step (xor, multiply by an odd number,
 * rotate) is a bijection of the lane and of the word, and so is each
 * step of the lanes' merge, so a change in any one word always changes
 * the result. The lanes are independent chains of multiplies, four at a
 * time where one chain made ~6 GB/s: a gazetteer's cache (tables.c, 7
 * MB) is checked in about half a millisecond. */
/* (one step of a lane: the word at p) */
static inline uint64_t checksum_step(uint64_t lane, const unsigned char *p)
{
    uint64_t w;
    memcpy(&w, p, 8);
    return rotate_left((lane ^ w) * 1099511628211ull, 29);
}

unsigned long long fx_cache_checksum(const void *data, size_t len)
{
    const unsigned char *p = data;
    /* four variables, not an array: the compiler keeps them in registers */
    uint64_t a = 14695981039346656037ull ^ len, b = 1, c = 2, d = 3;
    for (; len >= 32; p += 32, len -= 32) {
        a = checksum_step(a, p);
        b = checksum_step(b, p + 8);
        c = checksum_step(c, p + 16);
        d = checksum_step(d, p + 24);
    }
    for (; len >= 8; p += 8, len -= 8) a = checksum_step(a, p);
    for (; len; p++, len--) a = rotate_left((a ^ *p) * 1099511628211ull, 29);
    uint64_t h = 0, lanes[4] = {a, b, c, d};
    for (int i = 0; i < 4; i++) {
        h = (h ^ lanes[i]) * 1099511628211ull;
        h ^= h >> 32;
    }
    return h;
}

static void put_u64(unsigned char *p, uint64_t v)
{
    for (int i = 0; i < 8; i++) p[i] = (unsigned char)(v >> (8 * i));
}

static uint64_t get_u64(const unsigned char *p)
{
    uint64_t v = 0;
    for (int i = 0; i < 8; i++) v |= (uint64_t)p[i] << (8 * i);
    return v;
}

const unsigned char *fx_cache_map(const fx_cache_file *c, size_t *len)
{
    *len = 0;
    int fd = c->path ? open(c->path, O_RDONLY | O_CLOEXEC) : -1;
    if (fd < 0) return NULL;
    struct stat st;
    unsigned char *file = MAP_FAILED;
    if (fstat(fd, &st) == 0 && st.st_size >= (off_t)HEAD_LEN)
        file = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (file == MAP_FAILED) return NULL;
    size_t n = (size_t)st.st_size - HEAD_LEN;
    const unsigned char *contents = file + HEAD_LEN;
    if (memcmp(file, MAGIC, MAGIC_LEN) != 0 || memcmp(file + MAGIC_LEN, c->key, 64) != 0 ||
        get_u64(file + MAGIC_LEN + 64) != n || fx_cache_checksum(contents, n) != get_u64(file + MAGIC_LEN + 72)) {
        munmap(file, (size_t)st.st_size);
        return NULL;
    }
    utime(c->path, NULL);   /* recently used: kept by prune */
    *len = n;
    return contents;
}

void fx_cache_unmap(const unsigned char *contents, size_t len)
{
    if (contents) munmap((void *)(contents - HEAD_LEN), len + HEAD_LEN);
}

/* read() count bytes at offset, however many calls it takes */
static int read_fully(int fd, void *buf, size_t count, off_t offset)
{
    for (size_t done = 0; done < count;) {
        ssize_t n = pread(fd, (char *)buf + done, count - done, offset + (off_t)done);
        if (n <= 0) return -1;
        done += (size_t)n;
    }
    return 0;
}

void *fx_cache_read_block(const fx_cache_file *c, size_t *len)
{
    *len = 0;
    int fd = c->path ? open(c->path, O_RDONLY | O_CLOEXEC) : -1;
    if (fd < 0) return NULL;
    unsigned char head[HEAD_LEN];
    struct stat st;
    void *block = NULL;
    size_t n = 0;
    if (fstat(fd, &st) == 0 && read_fully(fd, head, HEAD_LEN, 0) == 0 && memcmp(head, MAGIC, MAGIC_LEN) == 0 &&
        memcmp(head + MAGIC_LEN, c->key, 64) == 0 && (n = get_u64(head + MAGIC_LEN + 64)) > 0 &&
        (uint64_t)st.st_size - HEAD_LEN == n) {
        block = fx_pages_alloc(n);
        if (read_fully(fd, block, n, HEAD_LEN) != 0 || fx_cache_checksum(block, n) != get_u64(head + MAGIC_LEN + 72)) {
            fx_pages_free(block, n);
            block = NULL;
        }
    }
    close(fd);
    if (!block) return NULL;
    utime(c->path, NULL);   /* recently used: kept by prune */
    *len = n;
    return block;
}

typedef struct cache_entry {
    char *path;
    time_t used;
} cache_entry;

static int newer_first(const void *a, const void *b)
{
    const cache_entry *x = a, *y = b;
    return (x->used < y->used) - (x->used > y->used);
}

/* Keep the c->keep most recently used files of c's kind. */
static void prune(const fx_cache_file *c)
{
    DIR *d = opendir(c->dir);
    if (!d) return;
    size_t kind_len = strlen(c->kind), ext_len = strlen(c->ext), count = 0;
    cache_entry *files = NULL;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (len < kind_len + ext_len + 3 || strncmp(e->d_name, c->kind, kind_len) != 0 ||
            e->d_name[kind_len] != '-' || e->d_name[len - ext_len - 1] != '.' ||
            strcmp(e->d_name + len - ext_len, c->ext) != 0)
            continue;
        char *path = fx_xmalloc(strlen(c->dir) + len + 2);
        sprintf(path, "%s/%s", c->dir, e->d_name);
        struct stat st;
        if (stat(path, &st) != 0) {
            free(path);
            continue;
        }
        files = fx_xrealloc(files, (count + 1) * sizeof *files);
        files[count++] = (cache_entry){path, st.st_mtime};
    }
    closedir(d);
    if (count) qsort(files, count, sizeof *files, newer_first);
    for (size_t k = 0; k < count; k++) {
        if (k >= c->keep) unlink(files[k].path);
        free(files[k].path);
    }
    free(files);
}

int fx_cache_write(const fx_cache_file *c, const void *contents, size_t len)
{
    if (!c->path) {
        errno = ENOENT;
        return -1;
    }
    char *parent = fx_xstrdup(c->dir), *slash = strrchr(parent, '/');
    if (slash && slash != parent) {
        *slash = '\0';
        mkdir(parent, 0700);   /* ~/.cache may not exist yet */
    }
    free(parent);
    mkdir(c->dir, 0700);
    unsigned char head[HEAD_LEN];
    memcpy(head, MAGIC, MAGIC_LEN);
    memcpy(head + MAGIC_LEN, c->key, 64);
    put_u64(head + MAGIC_LEN + 64, len);
    put_u64(head + MAGIC_LEN + 72, fx_cache_checksum(contents, len));
    char *tmp = fx_xmalloc(strlen(c->path) + 8);
    sprintf(tmp, "%s.XXXXXX", c->path);
    int fd = mkstemp(tmp), rc = -1;
    FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;
    if (f) {
        int ok = fwrite(head, 1, HEAD_LEN, f) == HEAD_LEN && fwrite(contents, 1, len, f) == len;
        ok = fclose(f) == 0 && ok;
        rc = ok && rename(tmp, c->path) == 0 ? 0 : -1;
        if (rc != 0) {
            int saved = errno;
            unlink(tmp);
            errno = saved;
        }
    } else if (fd >= 0) {
        int saved = errno;
        close(fd);
        unlink(tmp);
        errno = saved;
    }
    free(tmp);
    if (rc == 0) prune(c);
    return rc;
}
