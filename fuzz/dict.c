/* dict.c - a libFuzzer dictionary from the rules: every rule's prefilter
 * literals (the words and symbols its pattern cannot match without) and
 * the keys of the small tables (month names, currency symbols and codes,
 * scales), one "entry" a line. fuzz/run.sh passes it with -dict, so that
 * the fuzzers reach the rules past their first literal instead of
 * guessing "million" byte by byte. Built and run by `make fuzz`; the
 * dictionary follows the rules (build/fuzz/rules.dict, not committed).
 *
 * usage: fuzz-dict RULES_DIR > FILE     (duplicates are left to sort -u) */
#include <stdio.h>

#include "factx.h"
#include "prefilter.h"
#include "rules.h"

/* Tables past this many rows are gazetteers: their names are words the
 * fuzzer does not need spelled out. */
enum { SMALL_TABLE = 500, MAX_ENTRY = 64 };

static void entry(const char *s)
{
    size_t n = 0;
    while (s[n] && s[n] != '\t') n++;
    if (n == 0 || n > MAX_ENTRY) return;
    putchar('"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') printf("\\%c", c);
        else if (c < 0x20 || c >= 0x7F) printf("\\x%02X", c);
        else putchar(c);
    }
    puts("\"");
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s RULES_DIR\n", argv[0]);
        return 2;
    }
    fx_diag diag = {0};
    fx_diag_init(&diag, stderr);
    fx_context *ctx = fx_rules_load(argv[1], &diag);
    if (!ctx) return 1;
    for (size_t r = 0; r < ctx->rule_count; r++) {
        const fx_rule *rule = &ctx->rules[r];
        if (!rule->expanded) continue;
        fx_prefilter f;
        fx_prefilter_build(rule->expanded, (rule->flags & FX_RULE_CASELESS) != 0,
                           fx_rules_table(ctx, FX_PREFILTER_COMMON_WORDS), &f);
        for (size_t i = 0; i < f.count; i++) entry(f.literals[i]);
        fx_prefilter_free(&f);
    }
    for (size_t t = 0; t < ctx->table_count; t++) {
        const fx_table *table = &ctx->tables[t];
        if (table->row_count > SMALL_TABLE) continue;
        for (size_t i = 0; i < table->row_count; i++) entry(table->rows[i].key);
    }
    fx_rules_free(ctx);
    return fflush(stdout) == 0 ? 0 : 1;
}
