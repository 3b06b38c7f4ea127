/* output_files.c - see output_files.h. */
#include "output_files.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include "arena.h"

/* Output names may not leave the output directory: no absolute paths, no
 * "..", no control bytes. */
static char *safe_name(const char *name)
{
    size_t n = strlen(name);
    char *s = fx_xmalloc(n + 2);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)name[i];
        int segment_start = k == 0 || s[k - 1] == '/';
        if (c == '/' && segment_start) continue;               /* "//", leading "/" */
        if (c == '.' && segment_start) { s[k++] = '_'; continue; }   /* "..", hidden files */
        s[k++] = (c < 0x20 || c == 0x7F || c == '\\') ? '_' : (char)c;
    }
    if (k == 0) s[k++] = '_';
    s[k] = '\0';
    return s;
}

char *fx_output_path(const char *dir, const char *name)
{
    char *safe = safe_name(name);
    size_t n = strlen(dir) + strlen(safe) + 7;
    char *path = fx_xmalloc(n);
    snprintf(path, n, "%s/%s.json", dir, safe);
    free(safe);
    return path;
}

int fx_output_dir_check(const char *dir, fx_diag *diag)
{
    struct stat st;
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        fx_diag_report(diag, FX_ERROR, dir, 0, 0, "cannot create output directory: %s", strerror(errno));
        return -1;
    }
    int found = stat(dir, &st) == 0;
    if (!found || !S_ISDIR(st.st_mode)) {
        fx_diag_report(diag, FX_ERROR, dir, 0, 0, "cannot use as output directory: %s", strerror(found ? ENOTDIR : errno));
        return -1;
    }
    /* a file made and dropped at once says what access() cannot: a
     * read-only file system, an ACL, a root-squashed share */
    int fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
    if (fd < 0 && (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL)) {   /* no O_TMPFILE there */
        size_t n = strlen(dir) + 32;
        char *probe = fx_xmalloc(n);
        snprintf(probe, n, "%s/.factx-probe-XXXXXX", dir);
        fd = mkstemp(probe);
        if (fd >= 0) unlink(probe);
        free(probe);
    }
    if (fd < 0) {
        fx_diag_report(diag, FX_ERROR, dir, 0, 0, "cannot write in the output directory: %s", strerror(errno));
        return -1;
    }
    close(fd);
    return 0;
}

static int make_parents(const char *path)
{
    char *copy = fx_xstrdup(path);
    for (char *p = copy + 1; *p; p++) {
        if (*p != '/') continue;
        *p = '\0';
        if (mkdir(copy, 0777) != 0 && errno != EEXIST) {
            free(copy);
            return -1;
        }
        *p = '/';
    }
    free(copy);
    return 0;
}

/* json and a line feed, in one write when it can. */
static int write_all(int fd, const char *json, size_t len)
{
    static char line_feed[] = "\n";
    struct iovec v[2] = {{(void *)json, len}, {line_feed, 1}};
    int i = 0;
    while (i < 2) {
        ssize_t n = writev(fd, v + i, 2 - i);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return -1;
        for (; i < 2 && (size_t)n >= v[i].iov_len; i++) n -= (ssize_t)v[i].iov_len;
        if (i < 2) {
            v[i].iov_base = (char *)v[i].iov_base + n;
            v[i].iov_len -= (size_t)n;
        }
    }
    return 0;
}

/* The temporary name beside path: PATH.tmp.PID. malloc'd. */
static char *temporary_name(const char *path)
{
    size_t n = strlen(path) + 32;
    char *tmp = fx_xmalloc(n);
    snprintf(tmp, n, "%s.tmp.%ld", path, (long)getpid());
    return tmp;
}

/* Give the complete unnamed file fd the name path: linked there at once
 * when path is new (one step, so no temporary name and no rename per
 * file, the cost of a run writing many small files), else linked under
 * a temporary name and renamed over the old file. */
static int link_complete(int fd, const char *path)
{
    char proc[64];
    snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
    if (linkat(AT_FDCWD, proc, AT_FDCWD, path, AT_SYMLINK_FOLLOW) == 0) return 0;
    if (errno != EEXIST) return -1;
    char *tmp = temporary_name(path);
    int status = linkat(AT_FDCWD, proc, AT_FDCWD, tmp, AT_SYMLINK_FOLLOW);
    if (status == 0 && rename(tmp, path) != 0) {
        int saved = errno;
        unlink(tmp);
        errno = saved;
        status = -1;
    }
    free(tmp);
    return status;
}

/* json and a line feed into path so that a reader never sees it
 * half-written: written unnamed (O_TMPFILE) in dir, the directory of
 * path, and named only when complete, so a run killed at any moment
 * leaves no partial file behind. Where the file system has no O_TMPFILE
 * or /proc is missing, written under a temporary name and renamed.
 * Fails with errno ENOENT when dir does not exist. */
static int write_complete(const char *dir, const char *path, const char *json)
{
    size_t len = strlen(json);
    int fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
    if (fd < 0 && errno == ENOENT) return -1;
    if (fd >= 0) {
        int ok = write_all(fd, json, len) == 0 && link_complete(fd, path) == 0;
        int saved = errno;
        close(fd);
        errno = saved;
        if (ok) return 0;
        if (errno != ENOENT) return -1;     /* ENOENT: no /proc, write it by name */
    }
    char *tmp = temporary_name(path);
    fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    int ok = fd >= 0 && write_all(fd, json, len) == 0;
    int saved = errno;
    if (fd >= 0) ok = close(fd) == 0 && ok;
    ok = ok && rename(tmp, path) == 0;
    if (!ok) {
        if (errno == 0) errno = saved;
        saved = errno;
        if (fd >= 0) unlink(tmp);
        errno = saved;
    }
    free(tmp);
    return ok ? 0 : -1;
}

/* The parent directories are made only when the file cannot be: a run
 * writing many files into one directory makes no mkdir call per file. */
int fx_output_write(const char *path, const char *json, fx_diag *diag)
{
    char *parent = fx_xstrdup(path);
    *strrchr(parent, '/') = '\0';
    int status = write_complete(parent, path, json);
    if (status < 0 && errno == ENOENT && make_parents(path) == 0) status = write_complete(parent, path, json);
    if (status < 0) fx_diag_report(diag, FX_ERROR, path, 0, 0, "cannot write: %s", strerror(errno));
    free(parent);
    return status;
}

/* An open-addressing hash set of paths, doubled when half full. */
typedef struct claim {
    char *path, *input;
} claim;

struct fx_output_claims {
    claim *slots;
    size_t size, count;     /* size: a power of two */
};

fx_output_claims *fx_output_claims_new(void)
{
    fx_output_claims *c = fx_xcalloc(1, sizeof *c);
    c->size = 64;
    c->slots = fx_xcalloc(c->size, sizeof *c->slots);
    return c;
}

void fx_output_claims_free(fx_output_claims *c)
{
    if (!c) return;
    for (size_t i = 0; i < c->size; i++) {
        free(c->slots[i].path);
        free(c->slots[i].input);
    }
    free(c->slots);
    free(c);
}

static uint64_t hash(const char *s)
{
    uint64_t h = 14695981039346656037ull;     /* FNV-1a */
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

static claim *find(claim *slots, size_t size, const char *path)
{
    size_t i = (size_t)hash(path) & (size - 1);
    while (slots[i].path && strcmp(slots[i].path, path) != 0) i = (i + 1) & (size - 1);
    return &slots[i];
}

const char *fx_output_claim(fx_output_claims *c, const char *path, const char *input)
{
    claim *s = find(c->slots, c->size, path);
    if (s->path) return s->input;
    s->path = fx_xstrdup(path);
    s->input = fx_xstrdup(input);
    if (++c->count * 2 > c->size) {
        claim *old = c->slots;
        size_t old_size = c->size;
        c->size *= 2;
        c->slots = fx_xcalloc(c->size, sizeof *c->slots);
        for (size_t i = 0; i < old_size; i++)
            if (old[i].path) *find(c->slots, c->size, old[i].path) = old[i];
        free(old);
    }
    return NULL;
}
