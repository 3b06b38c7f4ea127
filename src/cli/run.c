/* run.c - see run.h. */
#include "run.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>

#include "arena.h"
#include "input.h"

static int read_dir(const char *dir, const char *rel, int depth, fx_run_each_fn each, void *user, fx_diag *diag)
{
    size_t n = 0;
    char **names = depth > 32 ? NULL : fx_input_dir_names(dir, &n);
    if (!names) {
        fx_diag_report(diag, FX_ERROR, dir, 0, 0, "cannot open directory");
        return -1;
    }
    int status = 0;
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(names[i]);
        char *path = fx_xmalloc(strlen(dir) + len + 2), *key = fx_xmalloc(strlen(rel) + len + 2);
        sprintf(path, "%s/%s", dir, names[i]);
        sprintf(key, "%s%s%s", rel, *rel ? "/" : "", names[i]);
        struct stat st;
        int found = stat(path, &st) == 0;
        if (found && S_ISDIR(st.st_mode)) {
            if (read_dir(path, key, depth + 1, each, user, diag) < 0) status = -1;
        } else if (len > 5 && strcmp(names[i] + len - 5, ".json") == 0 &&
                   (!found || fx_input_regular_or_skip(path, &st, diag))) {   /* a FIFO would block */
            char *bytes;
            size_t blen;
            if (fx_input_read(path, &bytes, &blen, diag) == 0) {
                cJSON *root = cJSON_ParseWithLength(bytes, blen);
                free(bytes);
                key[strlen(key) - 5] = '\0';
                if (root) each(key, root, path, user);
                else {
                    fx_diag_report(diag, FX_ERROR, path, 0, 0, "not valid JSON");
                    status = -1;
                }
            } else {
                status = -1;
            }
        }
        free(path);
        free(key);
    }
    fx_input_names_free(names, n);
    return status;
}

/* The whole buffer as one JSON value, or NULL when anything but white
 * space follows the first value (cJSON_ParseWithLength alone would stop
 * after the first line of a JSON Lines file and call it the whole). */
static cJSON *parse_whole(const char *bytes, size_t len)
{
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(bytes, len, &end, 0);
    if (!root) return NULL;
    while (end < bytes + len && (*end == ' ' || *end == '\t' || *end == '\n' || *end == '\r')) end++;
    if (end == bytes + len) return root;
    cJSON_Delete(root);
    return NULL;
}

static int read_file(const char *path, fx_run_each_fn each, void *user, fx_diag *diag)
{
    char *bytes;
    size_t len;
    if (fx_input_read(path, &bytes, &len, diag) < 0) return -1;
    /* one document written with -o (indented JSON): keyed like a folder's */
    const char *newline = memchr(bytes, '\n', len);
    cJSON *whole = newline && newline < bytes + len - 1 ? parse_whole(bytes, len) : NULL;
    if (cJSON_IsObject(whole) && cJSON_GetObjectItemCaseSensitive(whole, "facts")) {
        const char *base = strrchr(path, '/');
        char *key = fx_xstrdup(base ? base + 1 : path);
        size_t kl = strlen(key);
        if (kl > 5 && strcmp(key + kl - 5, ".json") == 0) key[kl - 5] = '\0';
        each(key, whole, path, user);
        free(key);
        free(bytes);
        return 0;
    }
    cJSON_Delete(whole);
    int status = 0;
    size_t line = 0;
    for (char *p = bytes, *end; p < bytes + len; p = end + 1) {
        end = memchr(p, '\n', (size_t)(bytes + len - p));
        if (!end) end = bytes + len;
        line++;
        if (end == p) continue;
        cJSON *root = cJSON_ParseWithLength(p, (size_t)(end - p));
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(root, "doc"), "id");
        if (!root || !cJSON_IsString(id)) {
            if (!root || !cJSON_GetObjectItemCaseSensitive(root, "error")) {
                fx_diag_report(diag, FX_ERROR, path, line, 0, "not a factx document");
                status = -1;
            }
            cJSON_Delete(root);
            continue;
        }
        each(id->valuestring, root, path, user);
    }
    free(bytes);
    return status;
}

int fx_run_read(const char *path, fx_run_each_fn each, void *user, fx_diag *diag)
{
    struct stat st;
    if (strcmp(path, "-") != 0 && stat(path, &st) != 0) {
        fx_diag_report(diag, FX_ERROR, path, 0, 0, "no such file or directory");
        return -1;
    }
    if (strcmp(path, "-") != 0 && S_ISDIR(st.st_mode)) return read_dir(path, "", 0, each, user, diag);
    return read_file(path, each, user, diag);
}

char *fx_run_text(const cJSON *root, const char *key, const char *docs_dir, size_t *len)
{
    fx_diag quiet;
    fx_diag_init(&quiet, NULL);
    const cJSON *doc = cJSON_GetObjectItemCaseSensitive(root, "doc");
    double bytes = cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(doc, "bytes"));
    const char *doc_path = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(doc, "path"));
    char *path = NULL, *text = NULL;
    if (docs_dir) {
        path = fx_xmalloc(strlen(docs_dir) + strlen(key) + 6);
        sprintf(path, "%s/%s.txt", docs_dir, key);
    } else if (doc_path) {
        path = fx_xstrdup(doc_path);
    }
    if (path && strcmp(path, "-") != 0 && fx_input_read(path, &text, len, &quiet) == 0 && (double)*len != bytes) {
        free(text);     /* a different file now: its offsets would lie */
        text = NULL;
    }
    free(path);
    return text;
}
