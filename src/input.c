/* input.c - see input.h. */
#include "input.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>

#include "arena.h"

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

/* Directory walk; visited device/inode pairs guard against symlink loops. */
typedef struct visited { dev_t dev; ino_t ino; } visited;

static int walk(const char *dir, const char *rel, fx_input_list *list, fx_diag *diag,
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
    DIR *d = opendir(dir);
    if (!d) {
        fx_diag_report(diag, FX_ERROR, dir, 0, 0, "cannot open directory: %s", strerror(errno));
        return -1;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        if (n == cap) names = fx_xrealloc(names, (cap = cap ? cap * 2 : 32) * sizeof *names);
        names[n++] = fx_xstrdup(e->d_name);
    }
    closedir(d);
    if (n) qsort(names, n, sizeof *names, by_name);
    int status = 0;
    for (size_t i = 0; i < n; i++) {
        size_t plen = strlen(dir) + strlen(names[i]) + 2;
        size_t rlen = strlen(rel) + strlen(names[i]) + 2;
        char *path = fx_xmalloc(plen), *sub = fx_xmalloc(rlen);
        snprintf(path, plen, "%s/%s", dir, names[i]);
        snprintf(sub, rlen, "%s%s%s", rel, *rel ? "/" : "", names[i]);
        size_t nl = strlen(names[i]);
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
            if (walk(path, sub, list, diag, seen, depth + 1) < 0) status = -1;
        } else if (nl > 4 && strcmp(names[i] + nl - 4, ".txt") == 0) {
            add_file(list, path, sub);
        }
        free(path);
        free(sub);
        free(names[i]);
    }
    free(names);
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
        return walk(path, "", list, diag, seen, 0);
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

int fx_input_read(const char *path, char **bytes, size_t *len, fx_diag *diag)
{
    int is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        fx_diag_report(diag, FX_ERROR, path, 0, 0, "cannot open: %s", strerror(errno));
        return -1;
    }
    size_t cap = 1 << 16, n = 0;
    char *buf = fx_xmalloc(cap);
    for (;;) {
        if (n + 1 >= cap) buf = fx_xrealloc(buf, cap *= 2);
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0) break;
    }
    int failed = ferror(f);
    int saved = errno;
    if (!is_stdin) fclose(f);
    if (failed) {
        fx_diag_report(diag, FX_ERROR, path, 0, 0, "read error: %s", strerror(saved));
        free(buf);
        return -1;
    }
    buf[n] = '\0';
    *bytes = buf;
    *len = n;
    return 0;
}

static int valid_date(const char *s)
{
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-') return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9')) return 0;
    int m = atoi(s + 5), d = atoi(s + 8);
    return m >= 1 && m <= 12 && d >= 1 && d <= 31;
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

int fx_jsonl_read_line(FILE *in, char **line, size_t *len, size_t *line_number)
{
    char *buf = NULL;
    size_t cap = 0;
    for (;;) {
        ssize_t n = getline(&buf, &cap, in);
        if (n < 0) {
            free(buf);
            return 0;
        }
        (*line_number)++;
        size_t k = 0;
        while (k < (size_t)n && (buf[k] == ' ' || buf[k] == '\t' || buf[k] == '\r' || buf[k] == '\n')) k++;
        if (k < (size_t)n) {
            *line = buf;
            *len = (size_t)n;
            return 1;
        }
    }
}

void fx_jsonl_parse(const char *line, size_t n, size_t line_number, fx_jsonl_record *rec)
{
    memset(rec, 0, sizeof *rec);
    rec->line = line_number;
    cJSON *o = cJSON_ParseWithLength(line, n);
    if (!o || !cJSON_IsObject(o)) {
        rec->error = fx_xstrdup("not a JSON object");
    } else {
        cJSON *id = cJSON_GetObjectItemCaseSensitive(o, "id");
        cJSON *text = cJSON_GetObjectItemCaseSensitive(o, "text");
        cJSON *dct = cJSON_GetObjectItemCaseSensitive(o, "dct");
        if (cJSON_IsString(id)) rec->id = fx_xstrdup(id->valuestring);
        else if (cJSON_IsNumber(id)) {
            char buf[32];
            snprintf(buf, sizeof buf, "%.0f", id->valuedouble);
            rec->id = fx_xstrdup(buf);
        }
        if (!cJSON_IsString(text)) rec->error = fx_xstrdup("missing string field \"text\"");
        else {
            rec->text_len = strlen(text->valuestring);
            rec->text = fx_xstrndup(text->valuestring, rec->text_len);
        }
        if (dct && !cJSON_IsNull(dct)) {
            if (cJSON_IsString(dct) && valid_date(dct->valuestring)) memcpy(rec->dct, dct->valuestring, 11);
            else if (!rec->error) rec->error = fx_xstrdup("field \"dct\" is not YYYY-MM-DD");
        }
    }
    cJSON_Delete(o);
    if (!rec->id) {
        char buf[32];
        snprintf(buf, sizeof buf, "line-%zu", rec->line);
        rec->id = fx_xstrdup(buf);
    }
}

void fx_jsonl_record_free(fx_jsonl_record *rec)
{
    free(rec->id);
    free(rec->text);
    free(rec->error);
    memset(rec, 0, sizeof *rec);
}
