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

#include "input.h"
#include "invariants.h"

static int check_doc(const char *json_path, const char *txt_path)
{
    fx_diag diag;
    fx_diag_init(&diag, stderr);
    char *json, *text;
    size_t jlen, tlen;
    if (fx_input_read(json_path, &json, &jlen, &diag) < 0) return 0;
    if (fx_input_read(txt_path, &text, &tlen, &diag) < 0) { free(json); return 0; }
    char why[512];
    int ok = fx_invariants_check(json, jlen, text, tlen, why, sizeof why) == 0;
    if (!ok) fprintf(stderr, "%s: %s\n", json_path, why);
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
