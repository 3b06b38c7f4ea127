/* check_invariants.c - every output is valid JSON, and for every fact
 * text == input[start:end], code-point offsets agree, facts are sorted and
 * do not overlap.
 *
 * usage: check-invariants OUT_DIR DOCS_DIR     (OUT_DIR/NAME.json vs DOCS_DIR/NAME.txt)
 * Prints "invariants: N passed, N failed" (one test per document). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "input.h"
#include "normalise.h"

static int check_doc(const char *json_path, const char *txt_path)
{
    fx_diag diag;
    fx_diag_init(&diag, stderr);
    char *json, *text;
    size_t jlen, tlen;
    if (fx_input_read(json_path, &json, &jlen, &diag) < 0) return 0;
    if (fx_input_read(txt_path, &text, &tlen, &diag) < 0) { free(json); return 0; }
    cJSON *root = cJSON_ParseWithLength(json, jlen);
    int ok = root != NULL;
    if (!ok) fprintf(stderr, "%s: not valid JSON\n", json_path);
    const cJSON *facts = root ? cJSON_GetObjectItemCaseSensitive(root, "facts") : NULL;
    if (root && !cJSON_IsArray(facts)) { ok = 0; fprintf(stderr, "%s: no facts array\n", json_path); }
    double prev_end = 0;
    const cJSON *f;
    cJSON_ArrayForEach(f, facts) {
        const cJSON *t = cJSON_GetObjectItemCaseSensitive(f, "text");
        double s = cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(f, "start"));
        double e = cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(f, "end"));
        double cs = cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(f, "cp_start"));
        double ce = cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(f, "cp_end"));
        if (!cJSON_IsString(t) || !(s >= 0 && e > s && e <= (double)tlen)) {
            fprintf(stderr, "%s: fact with bad offsets %.0f-%.0f\n", json_path, s, e);
            ok = 0;
            continue;
        }
        size_t a = (size_t)s, b = (size_t)e;
        if (strlen(t->valuestring) != b - a || memcmp(t->valuestring, text + a, b - a) != 0) {
            fprintf(stderr, "%s: text \"%s\" != input[%zu:%zu]\n", json_path, t->valuestring, a, b);
            ok = 0;
        }
        if ((double)fx_utf8_count(text, a) != cs || (double)fx_utf8_count(text, b) != ce) {
            fprintf(stderr, "%s: code-point offsets %.0f-%.0f disagree at bytes %zu-%zu\n", json_path, cs, ce, a, b);
            ok = 0;
        }
        if (s < prev_end) {
            fprintf(stderr, "%s: facts overlap or are unsorted at byte %zu\n", json_path, a);
            ok = 0;
        }
        prev_end = e;
    }
    cJSON_Delete(root);
    free(json);
    free(text);
    return ok;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fputs("usage: check-invariants OUT_DIR DOCS_DIR\n", stderr);
        return 2;
    }
    DIR *d = opendir(argv[1]);
    if (!d) { perror(argv[1]); return 2; }
    int passed = 0, failed = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t n = strlen(e->d_name);
        if (n < 6 || strcmp(e->d_name + n - 5, ".json") != 0) continue;
        char jp[4096], tp[4096];
        snprintf(jp, sizeof jp, "%s/%s", argv[1], e->d_name);
        snprintf(tp, sizeof tp, "%s/%.*s.txt", argv[2], (int)(n - 5), e->d_name);
        if (check_doc(jp, tp)) passed++;
        else failed++;
    }
    closedir(d);
    printf("invariants: %d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
