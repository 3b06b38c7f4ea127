/* fuzz_rules.c - the rule-file parser and compiler on any bytes.
 *
 * The input becomes test.rules in a private directory beside a small table
 * (t.tsv, as table T). Loading either succeeds with no error reported, or
 * fails with at least one; a loaded context then runs over a short text so
 * that whatever compiled also matches within its limits. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "factx.h"
#include "fuzz.h"
#include "rules.h"
#include "scan.h"

static char dir[64], rules_path[96];

static void write_file(const char *path, const void *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0) {
        perror(path);
        exit(2);
    }
}

static void remove_dir(void)
{
    char path[96];
    unlink(rules_path);
    snprintf(path, sizeof path, "%s/t.tsv", dir);
    unlink(path);
    rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    snprintf(dir, sizeof dir, "/tmp/factx-fuzz-rules-XXXXXX");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        exit(2);
    }
    char path[96];
    snprintf(path, sizeof path, "%s/t.tsv", dir);
    static const char table[] = "key\tcode\tcountry_code\nabc\tX\tGB\nNew York\tY\tUS\n";
    write_file(path, table, sizeof table - 1);
    snprintf(rules_path, sizeof rules_path, "%s/test.rules", dir);
    atexit(remove_dir);
    /* the PCRE2 path: a Vectorscan database per input would be compiled
     * (seconds for some patterns) and cached (a file per input); the
     * translation for Vectorscan is checked on every rule below */
    setenv("FACTX_NO_VECTORSCAN", "1", 1);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    write_file(rules_path, data, size);
    fx_diag diag;
    fx_diag_init(&diag, NULL);
    fx_context *ctx = fx_context_load(dir, &diag);
    if (ctx && diag.errors) fx_fuzz_fail("rules loaded despite %zu errors", diag.errors);
    if (!ctx && !diag.errors) fx_fuzz_fail("rules refused without an error");
    if (!ctx) return 0;
    for (size_t r = 0; r < ctx->rule_count; r++) {
        int superset;
        size_t head = 0;
        char *translated = ctx->rules[r].expanded ? fx_scan_translate(ctx->rules[r].expanded, &superset, &head) : NULL;
        if (translated && head >= strlen(translated)) fx_fuzz_fail("the translation is all head: %s", translated);
        if (translated) free(fx_scan_prefix(translated + head));
        free(translated);
    }
    static const char text[] = "On 4 December 2014 abc paid $12 million (7%) in New York. ABC, NEW YORK\n";
    fx_scratch *scratch = fx_scratch_new(ctx);
    fx_doc *doc = fx_doc_new("fuzz", NULL, text, sizeof text - 1);
    fx_extract(ctx, scratch, doc, NULL);
    fx_fuzz_check_facts(doc);
    char *json = fx_emit_json(doc, 1);
    fx_fuzz_check_json(json, doc->src, doc->src_len);
    free(json);
    fx_doc_free(doc);
    fx_scratch_free(scratch);
    fx_context_free(ctx);
    return 0;
}
