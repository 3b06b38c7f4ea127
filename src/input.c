/* input.c - see input.h. */
#include "input.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "arena.h"
#include "bytes16.h"
#include "normalise.h"

static void add_file(fx_input_list *list, const char *path, const char *name)
{
    if (list->count == list->capacity) {
        list->capacity = list->capacity ? list->capacity * 2 : 16;
        list->files = fx_xrealloc(list->files, list->capacity * sizeof *list->files);
    }
    fx_input_file *f = &list->files[list->count++];
    f->path = fx_xstrdup(path);
    size_t n = strlen(name);
    if (n > 4 && strcmp(name + n - 4, ".txt") == 0) n -= 4;
    f->name = fx_xstrndup(name, n);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

char **fx_input_dir_names(const char *dir, size_t *count)
{
    DIR *d = opendir(dir);
    if (!d) return NULL;
    char **names = fx_xmalloc(sizeof *names);
    size_t n = 0, cap = 1;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        if (n == cap) names = fx_xrealloc(names, (cap *= 2) * sizeof *names);
        names[n++] = fx_xstrdup(e->d_name);
    }
    closedir(d);
    if (n) qsort(names, n, sizeof *names, by_name);
    *count = n;
    return names;
}

void fx_input_names_free(char **names, size_t count)
{
    for (size_t i = 0; i < count; i++) free(names[i]);
    free(names);
}

/* What kind of file a stat result is, for a message. */
static const char *file_kind(mode_t mode)
{
    return S_ISFIFO(mode) ? "a FIFO" : S_ISSOCK(mode) ? "a socket" : S_ISCHR(mode) ? "a character device"
           : S_ISBLK(mode) ? "a block device" : "a special file";
}

int fx_input_regular_or_skip(const char *path, const struct stat *st, fx_diag *diag)
{
    if (S_ISREG(st->st_mode)) return 1;
    fx_diag_report(diag, FX_WARNING, path, 0, 0, "%s, not a regular file: skipped", file_kind(st->st_mode));
    return 0;
}

/* Is the symbolic link at path one to follow: does it lead inside root
 * (the real path of the directory given)? A link that cannot be resolved
 * (dangling, a loop) is left to the reader, which says what is wrong. */
static int link_inside(const char *path, const char *root, fx_diag *diag)
{
    char *target = realpath(path, NULL);
    if (!target) return 1;
    size_t n = strlen(root);
    int inside = strcmp(root, "/") == 0 || (strncmp(target, root, n) == 0 && (target[n] == '/' || !target[n]));
    if (!inside)
        fx_diag_report(diag, FX_WARNING, path, 0, 0,
                       "symbolic link to %s, outside the input directory %s: not followed", target, root);
    free(target);
    return inside;
}

/* Directory walk; visited device/inode pairs guard against symlink loops.
 * root is the real path of the directory given: links are followed only
 * inside it, so that a link to / does not walk /proc and /sys. */
typedef struct visited { dev_t dev; ino_t ino; } visited;

static int walk(const char *dir, const char *rel, const char *root, fx_input_list *list, fx_diag *diag,
                visited *seen, size_t depth)
{
    struct stat st;
    if (stat(dir, &st) != 0) return -1;
    for (size_t i = 0; i < depth; i++)
        if (seen[i].dev == st.st_dev && seen[i].ino == st.st_ino) {
            fx_diag_report(diag, FX_WARNING, dir, 0, 0, "directory loop (symbolic link?), skipped");
            return 0;
        }
    if (depth >= 64) {
        fx_diag_report(diag, FX_WARNING, dir, 0, 0, "directories nest too deeply, skipped");
        return 0;
    }
    seen[depth] = (visited){st.st_dev, st.st_ino};
    size_t n;
    char **names = fx_input_dir_names(dir, &n);
    if (!names) {
        fx_diag_report(diag, FX_ERROR, dir, 0, 0, "cannot open directory: %s", strerror(errno));
        return -1;
    }
    int status = 0;
    for (size_t i = 0; i < n; i++) {
        size_t plen = strlen(dir) + strlen(names[i]) + 2;
        size_t rlen = strlen(rel) + strlen(names[i]) + 2;
        char *path = fx_xmalloc(plen), *sub = fx_xmalloc(rlen);
        snprintf(path, plen, "%s/%s", dir, names[i]);
        snprintf(sub, rlen, "%s%s%s", rel, *rel ? "/" : "", names[i]);
        size_t nl = strlen(names[i]);
        int is_text = nl > 4 && strcmp(names[i] + nl - 4, ".txt") == 0;
        struct stat link;
        int found = stat(path, &st) == 0, is_dir = found && S_ISDIR(st.st_mode);
        if ((is_dir || is_text) && lstat(path, &link) == 0 && S_ISLNK(link.st_mode) && !link_inside(path, root, diag)) {
            /* outside the tree: said, not followed */
        } else if (is_dir) {
            if (walk(path, sub, root, list, diag, seen, depth + 1) < 0) status = -1;
        } else if (is_text && (!found || fx_input_regular_or_skip(path, &st, diag))) {
            add_file(list, path, sub);  /* one that cannot be read is reported when read */
        }
        free(path);
        free(sub);
    }
    fx_input_names_free(names, n);
    return status;
}

int fx_input_collect(const char *path, fx_input_list *list, fx_diag *diag)
{
    if (strcmp(path, "-") == 0) {
        add_file(list, "-", "stdin");
        return 0;
    }
    struct stat st;
    if (stat(path, &st) != 0) {
        fx_diag_report(diag, FX_ERROR, path, 0, 0, "%s", strerror(errno));
        return -1;
    }
    if (S_ISDIR(st.st_mode)) {
        visited seen[64];
        char *root = realpath(path, NULL);
        if (!root) {
            fx_diag_report(diag, FX_ERROR, path, 0, 0, "%s", strerror(errno));
            return -1;
        }
        int status = walk(path, "", root, list, diag, seen, 0);
        free(root);
        return status;
    }
    const char *base = strrchr(path, '/');
    add_file(list, path, base ? base + 1 : path);
    return 0;
}

void fx_input_list_free(fx_input_list *list)
{
    for (size_t i = 0; i < list->count; i++) {
        free(list->files[i].path);
        free(list->files[i].name);
    }
    free(list->files);
    list->files = NULL;
    list->count = list->capacity = 0;
}

/* The --max-doc-size limit; 0 means none. Set once, before any reading. */
static size_t max_doc_size;

void fx_input_set_max_size(size_t max_bytes) { max_doc_size = max_bytes; }
size_t fx_input_max_size(void) { return max_doc_size; }

/* Bytes that never occur in text: NUL and the C0 controls other than the
 * whitespace ones (tab, line feed, vertical tab, form feed, carriage return)
 * and escape (ANSI colour codes in captured logs). */
static int is_binary_byte(unsigned char c)
{
    return (c < 0x20 && !(c >= '\t' && c <= '\r') && c != 0x1B) || c == 0x7F;
}

/* A file is taken for binary when, in its first 8 KiB, more than 10% of
 * the bytes are control bytes, or more than 30% are control bytes or start
 * an invalid UTF-8 sequence. Text with a few stray NULs, and Latin-1 text
 * (an invalid sequence per accented letter), stay well under both; random
 * bytes, executables, images and archives are far over. Sets *percent. */
static int looks_binary(const char *buf, size_t len, unsigned *percent)
{
    size_t n = len < 8192 ? len : 8192, control = 0, invalid = 0, units = 0;
    const unsigned char *u = (const unsigned char *)buf;
    for (size_t i = 0; i < n; units++) {
        if (u[i] < 0x80) {
            control += is_binary_byte(u[i]);
            i++;
            continue;
        }
        int32_t cp;
        size_t step = fx_utf8_decode(u + i, n - i, &cp);
        /* a sequence cut by the 8 KiB window is not evidence */
        if (cp < 0 && i + step < n) invalid++;
        i += step;
    }
    if (units == 0) return 0;
    *percent = (unsigned)(100 * (control + invalid) / units);
    return control * 10 > units || (control + invalid) * 10 > units * 3;
}

static void put_utf8(char *out, size_t *k, uint32_t cp)
{
    if (cp < 0x80) out[(*k)++] = (char)cp;
    else if (cp < 0x800) {
        out[(*k)++] = (char)(0xC0 | cp >> 6);
        out[(*k)++] = (char)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out[(*k)++] = (char)(0xE0 | cp >> 12);
        out[(*k)++] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[(*k)++] = (char)(0x80 | (cp & 0x3F));
    } else {
        out[(*k)++] = (char)(0xF0 | cp >> 18);
        out[(*k)++] = (char)(0x80 | ((cp >> 12) & 0x3F));
        out[(*k)++] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[(*k)++] = (char)(0x80 | (cp & 0x3F));
    }
}

/* UTF-16 after its byte-order mark (big_endian or not) to a new UTF-8
 * buffer without the mark. Unpaired surrogates and an odd last byte become
 * U+FFFD; *replaced counts them. */
static char *utf16_to_utf8(const char *buf, size_t len, int big_endian, size_t *out_len, size_t *replaced)
{
    const unsigned char *u = (const unsigned char *)buf;
    char *out = fx_xmalloc((len / 2) * 3 + 4);   /* 3 UTF-8 bytes per unit at most */
    size_t k = 0;
    *replaced = 0;
    for (size_t i = 2; i < len; i += 2) {
        if (i + 1 >= len) {
            put_utf8(out, &k, 0xFFFD);
            (*replaced)++;
            break;
        }
        uint32_t unit = big_endian ? (uint32_t)(u[i] << 8 | u[i + 1]) : (uint32_t)(u[i + 1] << 8 | u[i]);
        if (unit >= 0xD800 && unit < 0xDC00 && i + 3 < len) {
            uint32_t low = big_endian ? (uint32_t)(u[i + 2] << 8 | u[i + 3]) : (uint32_t)(u[i + 3] << 8 | u[i + 2]);
            if (low >= 0xDC00 && low < 0xE000) {
                put_utf8(out, &k, 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00));
                i += 2;
                continue;
            }
        }
        if (unit >= 0xD800 && unit < 0xE000) {
            unit = 0xFFFD;
            (*replaced)++;
        }
        put_utf8(out, &k, unit);
    }
    out[k] = '\0';
    *out_len = k;
    return out;
}

/* UTF-32 after its byte-order mark to a new UTF-8 buffer without the
 * mark. Surrogates, values past U+10FFFF and a cut last unit become
 * U+FFFD; *replaced counts them. */
static char *utf32_to_utf8(const char *buf, size_t len, int big_endian, size_t *out_len, size_t *replaced)
{
    const unsigned char *u = (const unsigned char *)buf;
    char *out = fx_xmalloc(len + 4);    /* 4 UTF-8 bytes per unit at most */
    size_t k = 0;
    *replaced = 0;
    for (size_t i = 4; i < len; i += 4) {
        uint32_t cp = 0xFFFD;
        if (i + 3 < len)
            cp = big_endian ? (uint32_t)u[i] << 24 | (uint32_t)u[i + 1] << 16 | (uint32_t)u[i + 2] << 8 | u[i + 3]
                            : (uint32_t)u[i + 3] << 24 | (uint32_t)u[i + 2] << 16 | (uint32_t)u[i + 1] << 8 | u[i];
        if (i + 3 >= len || cp > 0x10FFFF || (cp >= 0xD800 && cp < 0xE000)) {
            cp = 0xFFFD;
            (*replaced)++;
        }
        put_utf8(out, &k, cp);
    }
    out[k] = '\0';
    *out_len = k;
    return out;
}

/* What a document's bytes are, once read: UTF-32 or UTF-16 with a
 * byte-order mark is transcoded (offsets then count in the UTF-8 text,
 * said in a warning), a binary file is refused. Returns 0, or -1 after a
 * diagnostic. */
static int check_text(const char *path, char **bytes, size_t *len, fx_diag *diag)
{
    const unsigned char *u = (const unsigned char *)*bytes;
    /* UTF-32LE's mark FF FE 00 00 begins like UTF-16LE's: it is tried first
     * (UTF-16 text starting with U+0000 is not text) */
    int utf32 = *len >= 4 && ((u[0] == 0xFF && u[1] == 0xFE && u[2] == 0 && u[3] == 0) ||
                              (u[0] == 0 && u[1] == 0 && u[2] == 0xFE && u[3] == 0xFF));
    int utf16 = !utf32 && *len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF));
    if (utf32 || utf16) {
        int big_endian = u[0] != 0xFF;
        size_t out_len, replaced;
        char *out = utf32 ? utf32_to_utf8(*bytes, *len, big_endian, &out_len, &replaced)
                          : utf16_to_utf8(*bytes, *len, big_endian, &out_len, &replaced);
        char bad[64] = "";
        if (replaced) snprintf(bad, sizeof bad, " (%zu bad code units replaced by U+FFFD)", replaced);
        fx_diag_report(diag, FX_WARNING, path, 0, 0,
                       "UTF-%d%s with a byte-order mark, transcoded to UTF-8%s; offsets count in the UTF-8 text",
                       utf32 ? 32 : 16, big_endian ? "BE" : "LE", bad);
        free(*bytes);
        *bytes = out;
        *len = out_len;
        return 0;
    }
    unsigned percent = 0;
    if (looks_binary(*bytes, *len, &percent)) {
        fx_diag_report(diag, FX_WARNING, path, 0, 0,
                       "binary file (%u%% of the first 8 KiB is not text), skipped", percent);
        return -1;
    }
    return 0;
}

/* All of f, NUL-terminated, in one malloc'd buffer: sized from the file
 * when it is a regular one, grown for a pipe. With a limit (0: none) it
 * stops once past it and sets *over_limit. NULL on a read error (errno). */
static char *read_stream(FILE *f, size_t limit, size_t *len, int *over_limit)
{
    struct stat st;
    size_t cap = fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0
                     ? (size_t)st.st_size + 2 : 1 << 16, n = 0;
    char *buf = fx_xmalloc(cap);
    fx_pages_populate(buf, cap - 1);   /* a large regular file's: all written by the reads */
    for (;;) {
        if (n + 1 >= cap) buf = fx_xrealloc(buf, cap *= 2);
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0) break;
        /* a pipe or a growing file: stop reading once past the limit */
        if (limit && n > limit) {
            *over_limit = 1;
            break;
        }
    }
    if (ferror(f)) {
        int saved = errno;
        free(buf);
        errno = saved;
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

char *fx_input_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    int over_limit = 0;
    char *buf = read_stream(f, 0, len, &over_limit);
    int saved = errno;
    fclose(f);
    errno = saved;
    return buf;
}

int fx_input_view_file(const char *path, fx_input_view *view)
{
    *view = (fx_input_view){NULL, 0, 0};
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    struct stat st;
    void *mapped = MAP_FAILED;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= FX_POPULATE_MIN)
        mapped = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    int saved = errno;
    close(fd);
    errno = saved;
    if (mapped != MAP_FAILED) {
        *view = (fx_input_view){mapped, (size_t)st.st_size, 1};
        return 0;
    }
    char *buf = fx_input_read_file(path, &view->len);
    view->bytes = buf;
    return buf ? 0 : -1;
}

void fx_input_view_free(fx_input_view *view)
{
    if (view->mapped) munmap((void *)view->bytes, view->len);
    else free((void *)view->bytes);
    *view = (fx_input_view){NULL, 0, 0};
}

long fx_input_first_bad_byte(const char *s, size_t len)
{
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    size_t i = 0;
    while (i < len) {
        /* ASCII bytes but NUL (most of a gazetteer) sixteen at a time, up
         * to the next byte that needs decoding (a loop of its own: the
         * tables' 3.9 MB are 240,000 steps); eight at a time near the
         * end (and in a short text: an id, a file name) */
        unsigned stops = 0;
        for (; len - i >= 16; i += 16) {
            fx_bytes16 x = fx_bytes16_load(s + i);
            if ((stops = fx_bytes16_high(x) | fx_bytes16_eq(x, 0))) break;
        }
        if (stops) {
            i += (size_t)__builtin_ctz(stops);
        } else if (len - i >= 8) {
            uint64_t v;
            memcpy(&v, s + i, 8);
            if (((v | ((v - ones) & ~v)) & highs) == 0) {
                i += 8;
                continue;
            }
        } else if (i == len) {
            break;
        }
        int32_t cp;     /* a letter of two or three bytes inline (normalise.h) */
        size_t n = fx_utf8_decode_inline((const unsigned char *)s + i, len - i, &cp);
        if (cp <= 0) return (long)i;
        i += n;
    }
    return -1;
}

char *fx_input_utf8_repaired(const char *s)
{
    size_t len = strlen(s);
    if (fx_input_first_bad_byte(s, len) < 0) return NULL;
    char *out = fx_xmalloc(3 * len + 1), *o = out;   /* a U+FFFD (3 bytes) per byte at most */
    for (size_t i = 0; i < len;) {
        int32_t cp;
        size_t n = fx_utf8_decode((const unsigned char *)s + i, len - i, &cp);
        const char *piece = cp < 0 ? "\xEF\xBF\xBD" : s + i;
        size_t piece_len = cp < 0 ? 3 : n;
        memcpy(o, piece, piece_len);
        o += piece_len;
        i += n;
    }
    *o = '\0';
    return out;
}

int fx_input_read(const char *path, char **bytes, size_t *len, fx_diag *diag)
{
    int is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        fx_diag_report(diag, FX_ERROR, path, 0, 0, "cannot open: %s", strerror(errno));
        return -1;
    }
    struct stat st;
    if (max_doc_size && fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size > max_doc_size) {
        fx_diag_report(diag, FX_ERROR, path, 0, 0, "%lld bytes, over the document size limit of %zu (--max-doc-size)",
                       (long long)st.st_size, max_doc_size);
        if (!is_stdin) fclose(f);
        return -1;
    }
    size_t n;
    int too_big = 0;
    char *buf = read_stream(f, max_doc_size, &n, &too_big);
    int saved = errno;
    if (!is_stdin) fclose(f);
    if (!buf || too_big) {
        if (too_big)
            fx_diag_report(diag, FX_ERROR, path, 0, 0, "over the document size limit of %zu bytes (--max-doc-size)",
                           max_doc_size);
        else
            fx_diag_report(diag, FX_ERROR, path, 0, 0, "read error: %s", strerror(saved));
        free(buf);
        return -1;
    }
    buf[n] = '\0';
    if (check_text(path, &buf, &n, diag) < 0) {
        free(buf);
        return -1;
    }
    *bytes = buf;
    *len = n;
    return 0;
}

int fx_jsonl_next(FILE *in, fx_jsonl_record *rec, size_t *line_number)
{
    char *line;
    size_t n;
    memset(rec, 0, sizeof *rec);
    if (!fx_jsonl_read_line(in, &line, &n, line_number)) return 0;
    fx_jsonl_parse(line, n, *line_number, rec);
    free(line);
    return 1;
}

/* Up to max bytes of in's line into b, stopping after its newline: how
 * many. *c is the last byte taken, or EOF at the input's end. With glibc,
 * whole runs of the stream's buffer are searched (memchr) and copied,
 * through the fields its own getc_unlocked macro reads; elsewhere byte by
 * byte. */
static size_t take_line_part(FILE *in, char *b, size_t max, int *c)
{
    size_t n = 0;
    while (n < max) {
#ifdef __GLIBC__
        size_t buffered = (size_t)(in->_IO_read_end - in->_IO_read_ptr);
        if (buffered > 0) {
            size_t want = buffered < max - n ? buffered : max - n;
            const char *nl = memchr(in->_IO_read_ptr, '\n', want);
            size_t take = nl ? (size_t)(nl - in->_IO_read_ptr) + 1 : want;
            memcpy(b + n, in->_IO_read_ptr, take);
            in->_IO_read_ptr += take;
            n += take;
            *c = (unsigned char)b[n - 1];
            if (nl) break;
            continue;
        }
#endif
        if ((*c = getc_unlocked(in)) == EOF) break;     /* refills the buffer */
        b[n++] = (char)*c;
        if (*c == '\n') break;
    }
    return n;
}

/* One line of in (its newline included) into *buf, growing it, but
 * holding at most limit bytes (0: no limit): a longer line is read to its
 * end and only counted. Returns the line's length, 0 at end of input;
 * *kept says whether all of it is in *buf. */
static size_t read_bounded_line(FILE *in, char **buf, size_t *cap, size_t limit, int *kept)
{
    size_t n = 0;
    int c = 0;
    *kept = 1;
    flockfile(in);
    while (c != '\n') {
        if (limit && n == limit) {      /* full: the rest is only counted */
            if ((c = getc_unlocked(in)) == EOF) break;
            *kept = 0;
            n++;
            while (c != '\n' && (c = getc_unlocked(in)) != EOF) n++;
            break;
        }
        if (n + 2 > *cap) *buf = fx_xrealloc(*buf, *cap = *cap ? *cap * 2 : 4096);
        size_t stop = *cap - 1;     /* room for the NUL */
        if (limit && stop > limit) stop = limit;
        n += take_line_part(in, *buf + n, stop - n, &c);
        if (c == EOF) break;
    }
    funlockfile(in);
    if (*kept && n) (*buf)[n] = '\0';
    return n;
}

int fx_jsonl_read_line(FILE *in, char **line, size_t *len, size_t *line_number)
{
    char *buf = NULL;
    size_t cap = 0;
    for (;;) {
        int kept;
        size_t n = read_bounded_line(in, &buf, &cap, max_doc_size, &kept);
        if (n == 0) {
            free(buf);
            return 0;
        }
        (*line_number)++;
        if (!kept) {    /* over the limit: a record that says so */
            free(buf);
            *line = NULL;
            *len = n;
            return 1;
        }
        size_t k = 0;
        while (k < n && (buf[k] == ' ' || buf[k] == '\t' || buf[k] == '\r' || buf[k] == '\n')) k++;
        if (k < n) {
            *line = buf;
            *len = n;
            return 1;
        }
    }
}

/* cJSON decodes "\u0000" but its strings end at the first NUL. Before
 * parsing, each such escape becomes a noncharacter (U+FDD0..U+FDEF) that
 * the line does not hold, written as an escape or as bytes; after
 * parsing, the text gets its NULs back, so that it keeps its length.
 * Returns the line to parse (line itself when it has no such escape, else
 * a malloc'd copy in *copy) and sets *marker to the noncharacter's UTF-8
 * bytes, or returns NULL when every noncharacter is taken. */
static const char *escape_nuls(const char *line, size_t n, char **copy, size_t *copy_len, char marker[4])
{
    size_t nuls = 0;
    /* from backslash to backslash (memchr), each with the character it escapes */
    for (const char *b = memchr(line, '\\', n); b && b + 1 < line + n; b = memchr(b + 2, '\\', (size_t)(line + n - b - 2)))
        if (b[1] == 'u' && (size_t)(b - line) + 6 <= n && memcmp(b + 2, "0000", 4) == 0) nuls++;
    *copy = NULL;
    *copy_len = n;
    marker[0] = '\0';
    if (!nuls) return line;
    for (unsigned last = 0xD0; last <= 0xEF; last++) {
        char bytes[4] = {(char)0xEF, (char)0xB7, (char)(0x80 | (last & 0x3F)), 0}, escape[7];
        snprintf(escape, sizeof escape, "ufd%02x", last);
        int taken = memmem(line, n, bytes, 3) != NULL;
        for (size_t i = 0; !taken && i + 5 < n; i++)
            taken = line[i] == '\\' && strncasecmp(line + i + 1, escape, 5) == 0;
        if (taken) continue;
        char *out = fx_xmalloc(n + 1), *o = out;
        for (size_t i = 0; i < n; i++) {
            if (line[i] == '\\' && i + 1 < n) {
                if (line[i + 1] == 'u' && i + 6 <= n && memcmp(line + i + 2, "0000", 4) == 0) {
                    memcpy(o, "\\", 1);
                    memcpy(o + 1, escape, 5);
                    o += 6;
                    i += 5;
                    continue;
                }
                *o++ = line[i++];
            }
            *o++ = line[i];
        }
        *copy = out;
        *copy_len = (size_t)(o - out);
        memcpy(marker, bytes, 4);
        return out;
    }
    return NULL;
}

/* s[0..*len) with each marker (3 bytes) made a NUL again, in place. */
static void restore_nuls(char *s, size_t *len, const char *marker)
{
    size_t k = 0;
    for (size_t i = 0; i < *len; i++) {
        if (i + 3 <= *len && memcmp(s + i, marker, 3) == 0) {
            s[k++] = '\0';
            i += 2;
        } else {
            s[k++] = s[i];
        }
    }
    s[k] = '\0';
    *len = k;
}

/* The first problem found is the one reported. */
static void fail(fx_jsonl_record *rec, const char *message)
{
    if (!rec->error) rec->error = fx_xstrdup(message);
}

/* A number as an id: an integer in full (up to 2^53, where doubles hold
 * every integer), any other number in the fewest digits that read back as
 * the same double, as JavaScript prints it ("1.5", "1e+300"): two
 * different numbers never get one id ("%.0f" made 1.5 and 2.4 both "2"). */
static char *number_id(double v)
{
    char buf[40];
    if (fabs(v) <= 9007199254740992.0 && v == floor(v)) {
        snprintf(buf, sizeof buf, "%lld", (long long)v);
        return fx_xstrdup(buf);
    }
    for (int digits = 1; digits <= 17; digits++) {
        snprintf(buf, sizeof buf, "%.*g", digits, v);
        if (strtod(buf, NULL) == v) break;
    }
    return fx_xstrdup(buf);
}

/* The id of a record without one: "line-N". */
static char *line_id(size_t line)
{
    char buf[32];
    snprintf(buf, sizeof buf, "line-%zu", line);
    return fx_xstrdup(buf);
}

/* ---- the common line, read without cJSON -------------------------------
 * {"id": "...", "text": "...", "dct": "YYYY-MM-DD"}, in any order, with
 * other members whose values are strings or null. A line that is exactly
 * that is read here to the record cJSON's path would make; any other (a
 * number, a nested value, a key with an escape, a NUL or "\u0000", a
 * surrogate escape, a bad dct, anything malformed) goes that path, which
 * makes the record and says what is wrong. */

typedef struct json_span { const char *start, *end; } json_span;     /* a string's bytes between its quotes */

/* Blanks between tokens: cJSON skips every byte up to 32; here only
 * these four are taken, the rest left to cJSON. */
static const char *skip_blanks(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')) p++;
    return p;
}

/* The first quote, backslash or NUL in p[0..end - p), or end: where a
 * string's plain run stops (an article's text runs some 300 bytes to its
 * next "\n"). Thirty-two bytes at a time, each sixteen's compares or'ed
 * before their mask is taken (bytes16.h; the set's third byte is the
 * literal's NUL), then sixteen. */
static const char *plain_run_end(const char *p, const char *end)
{
    for (; end - p >= 32; p += 32) {
        unsigned stops = fx_bytes16_eq_any(fx_bytes16_load(p), "\"\\", 3) |
                         fx_bytes16_eq_any(fx_bytes16_load(p + 16), "\"\\", 3) << 16;
        if (stops) return p + __builtin_ctz(stops);
    }
    for (; end - p >= 16; p += 16) {
        unsigned stops = fx_bytes16_eq_any(fx_bytes16_load(p), "\"\\", 3);
        if (stops) return p + __builtin_ctz(stops);
    }
    while (p < end && *p != '"' && *p != '\\' && *p) p++;
    return p;
}

static int hex_digit(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* The string whose opening quote is at p, decoded as cJSON decodes it
 * into out when out is not NULL (room for its raw length): its decoded
 * length, its raw bytes in *raw, or -1 when this path leaves it to cJSON.
 * An escape \uXXXX is taken when it is a code point from U+0001 to U+FFFF
 * but a surrogate, written in UTF-8 as cJSON writes it. */
static long read_string(const char *p, const char *end, json_span *raw, char *out)
{
    const char *s = ++p;
    size_t n = 0;
    for (;;) {
        const char *run = p;
        p = plain_run_end(p, end);
        if (out) memcpy(out + n, run, (size_t)(p - run));
        n += (size_t)(p - run);
        if (p == end || !*p) return -1;
        if (*p == '"') break;
        if (end - p < 2) return -1;
        /* what each one-letter escape stands for (0: none is) */
        static const char meaning[256] = {['"'] = '"', ['\\'] = '\\', ['/'] = '/', ['b'] = '\b',
                                          ['f'] = '\f', ['n'] = '\n', ['r'] = '\r', ['t'] = '\t'};
        char m = meaning[(unsigned char)p[1]];
        if (m) {
            if (out) out[n] = m;
            n++;
            p += 2;
            continue;
        }
        if (p[1] != 'u' || end - p < 6) return -1;
        long cp = 0;
        for (int k = 2; k < 6; k++) {
            int h = hex_digit(p[k]);
            if (h < 0) return -1;
            cp = cp * 16 + h;
        }
        if (cp == 0 || (cp >= 0xD800 && cp < 0xE000)) return -1;
        char utf8[3];
        size_t len = cp < 0x80 ? 1 : cp < 0x800 ? 2 : 3;
        if (len == 1) utf8[0] = (char)cp;
        else if (len == 2) {
            utf8[0] = (char)(0xC0 | cp >> 6);
            utf8[1] = (char)(0x80 | (cp & 0x3F));
        } else {
            utf8[0] = (char)(0xE0 | cp >> 12);
            utf8[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
            utf8[2] = (char)(0x80 | (cp & 0x3F));
        }
        if (out) memcpy(out + n, utf8, len);
        n += len;
        p += 6;
    }
    raw->start = s;
    raw->end = p;
    return (long)n;
}

/* A member the record reads: its first value (as in cJSON, the first
 * member of a name counts). */
typedef struct member {
    enum { ABSENT, NULL_VALUE, STRING } kind;
    json_span value;
} member;

/* The common line into rec: 1, or 0 (rec untouched) for cJSON's path.
 * The text is decoded as it is read, into room for the rest of the line. */
static int parse_common(const char *line, size_t n, size_t line_number, fx_jsonl_record *rec)
{
    const char *end = line + n, *p = skip_blanks(line, end);
    member id = {0}, text = {0}, dct = {0};
    char *text_out = NULL;
    long text_len = 0;
    if (p == end || *p != '{') return 0;
    p = skip_blanks(p + 1, end);
    for (;;) {
        json_span key, value = {0};
        if (p == end || *p != '"' || read_string(p, end, &key, NULL) < 0 || memchr(key.start, '\\', (size_t)(key.end - key.start)))
            goto not_common;    /* a key with an escape is cJSON's */
        size_t kl = (size_t)(key.end - key.start);
        member *m = kl == 2 && !memcmp(key.start, "id", 2)     ? &id
                    : kl == 4 && !memcmp(key.start, "text", 4) ? &text
                    : kl == 3 && !memcmp(key.start, "dct", 3)  ? &dct
                                                               : NULL;
        if (m && m->kind != ABSENT) m = NULL;
        p = skip_blanks(key.end + 1, end);
        if (p == end || *p != ':') goto not_common;
        p = skip_blanks(p + 1, end);
        if (end - p >= 4 && memcmp(p, "null", 4) == 0) {
            p += 4;
            if (m) m->kind = NULL_VALUE;
        } else {
            char *out = m == &text ? text_out = fx_xmalloc((size_t)(end - p)) : NULL;
            long len = p < end && *p == '"' ? read_string(p, end, &value, out) : -1;
            if (len < 0) goto not_common;
            if (out) text_len = len;
            if (m) *m = (member){STRING, value};
            p = value.end + 1;
        }
        p = skip_blanks(p, end);
        if (p == end || *p != ',') break;
        p = skip_blanks(p + 1, end);
    }
    if (p == end || *p != '}' || skip_blanks(p + 1, end) != end || text.kind != STRING) goto not_common;
    json_span *day = dct.kind == STRING ? &dct.value : NULL;
    if (day && (day->end - day->start != 10 || !fx_date_valid(day->start, 10))) goto not_common;  /* escaped or bad */
    memset(rec, 0, sizeof *rec);
    rec->line = line_number;
    rec->text = text_out;
    rec->text[text_len] = '\0';
    rec->text_len = (size_t)text_len;
    if (id.kind == STRING) {
        rec->id = fx_xmalloc((size_t)(id.value.end - id.value.start) + 1);
        rec->id[read_string(id.value.start - 1, id.value.end + 1, &id.value, rec->id)] = '\0';
    } else {
        rec->id = line_id(line_number);
    }
    if (day) memcpy(rec->dct, day->start, 10);
    return 1;
not_common:
    free(text_out);
    return 0;
}

void fx_jsonl_parse(const char *line, size_t n, size_t line_number, fx_jsonl_record *rec)
{
    if (!line || !parse_common(line, n, line_number, rec)) fx_jsonl_parse_general(line, n, line_number, rec);
}

void fx_jsonl_parse_general(const char *line, size_t n, size_t line_number, fx_jsonl_record *rec)
{
    memset(rec, 0, sizeof *rec);
    rec->line = line_number;
    char *copy = NULL, marker[4] = "", error[128];
    size_t parse_len = n;
    const char *parse = line ? escape_nuls(line, n, &copy, &parse_len, marker) : NULL;
    const char *end = NULL;
    cJSON *o = parse ? cJSON_ParseWithLengthOpts(parse, parse_len, &end, 0) : NULL;
    if (!line) {
        snprintf(error, sizeof error, "line of %zu bytes, over the document size limit of %zu (--max-doc-size)", n,
                 max_doc_size);
        fail(rec, error);
    } else if (!parse) {
        fail(rec, "too many distinct \\u0000 markers needed"); /* all 32 noncharacters in the line */
    } else if (!o || !cJSON_IsObject(o)) {
        fail(rec, "not a JSON object");
    } else {
        /* one object a line: what follows it is not dropped in silence */
        size_t after = (size_t)(end - parse);
        while (after < parse_len && strchr(" \t\r\n", parse[after]) && parse[after]) after++;
        if (after < parse_len) {
            snprintf(error, sizeof error, "data after the JSON object at byte %zu of the line", after + 1);
            fail(rec, error);
        }
        cJSON *id = cJSON_GetObjectItemCaseSensitive(o, "id");
        cJSON *text = cJSON_GetObjectItemCaseSensitive(o, "text");
        cJSON *dct = cJSON_GetObjectItemCaseSensitive(o, "dct");
        if (cJSON_IsString(id) && *marker && strstr(id->valuestring, marker))
            fail(rec, "field \"id\" holds U+0000");
        else if (cJSON_IsString(id)) rec->id = fx_xstrdup(id->valuestring);
        else if (cJSON_IsNumber(id)) rec->id = number_id(id->valuedouble);
        if (!cJSON_IsString(text)) {
            fail(rec, "missing string field \"text\"");
        } else {
            rec->text_len = strlen(text->valuestring);
            rec->text = fx_xstrndup(text->valuestring, rec->text_len);
            if (*marker) restore_nuls(rec->text, &rec->text_len, marker);
        }
        if (dct && !cJSON_IsNull(dct)) {
            if (cJSON_IsString(dct) && fx_date_valid(dct->valuestring, strlen(dct->valuestring))) memcpy(rec->dct, dct->valuestring, 11);
            else fail(rec, "field \"dct\" is not a day YYYY-MM-DD of the years 0001-9999");
        }
    }
    cJSON_Delete(o);
    free(copy);
    if (!rec->id) rec->id = line_id(rec->line);
}

void fx_jsonl_record_free(fx_jsonl_record *rec)
{
    free(rec->id);
    free(rec->text);
    free(rec->error);
    memset(rec, 0, sizeof *rec);
}

char *fx_jsonl_error_json(const fx_jsonl_record *rec)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "schema_version", FX_SCHEMA_VERSION);
    cJSON_AddStringToObject(o, "id", rec->id ? rec->id : "");
    cJSON_AddNumberToObject(o, "line", (double)rec->line);
    cJSON_AddStringToObject(o, "error", rec->error ? rec->error : "malformed record");
    cJSON_AddArrayToObject(o, "facts");     /* so jq '.facts[]' runs over a whole run */
    char *s = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    return s;
}
