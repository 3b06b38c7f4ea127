/* rules.c - see rules.h. The loader: every rule file parsed first (all
 * files, all errors reported), then each rule finished, then the checks
 * that need everything loaded. Its parts are listed in rules_impl.h. */
#include "rules_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cache.h"
#include "input.h"
#include "place.h"

enum { MATCH_LIMIT = 1000000, DEPTH_LIMIT = 10000 };

/* Every *.rules file under dir, sorted, recursing into subdirectories; one
 * that is not a regular file (a FIFO would block the load) is skipped
 * with a warning. */
static void list_rule_files(const char *dir, char ***files, size_t *count, size_t *cap, int depth, fx_diag *diag)
{
    if (depth > 8) return;
    size_t n;
    char **names = fx_input_dir_names(dir, &n);
    if (!names) return;
    for (size_t i = 0; i < n; i++) {
        size_t plen = strlen(dir) + strlen(names[i]) + 2;
        char *path = fx_xmalloc(plen);
        snprintf(path, plen, "%s/%s", dir, names[i]);
        struct stat st;
        size_t nl = strlen(names[i]);
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
            list_rule_files(path, files, count, cap, depth + 1, diag);
            free(path);
        } else if (nl > 6 && strcmp(names[i] + nl - 6, ".rules") == 0 &&
                   (stat(path, &st) != 0 || fx_input_regular_or_skip(path, &st, diag))) {
            *PUSH(*files, *count, *cap) = path;
        } else {
            free(path);
        }
    }
    fx_input_names_free(names, n);
}

/* The city resolver's tables' first words (place.h), then the list
 * rules' tables', in one index of two groups, a column per table: the
 * capitalised words are probed once for both (match.c) */
static void list_words_init(fx_context *ctx)
{
    const fx_table **tables = fx_xcalloc(ctx->rule_count + FX_PLACE_WORD_TABLES, sizeof *tables);
    size_t count = 0;
    for (size_t p = 0; p < FX_PLACE_WORD_TABLES; p++) tables[count++] = fx_rules_table(ctx, fx_place_word_tables[p]);
    for (size_t r = 0; r < ctx->rule_count; r++) {
        fx_rule *rule = &ctx->rules[r];
        if (!rule->list) continue;
        rule->list_column = FX_PLACE_WORD_TABLES;
        while (rule->list_column < count && tables[rule->list_column] != rule->list) rule->list_column++;
        if (rule->list_column == count) tables[count++] = rule->list;
    }
    fx_table_first_words_init_split(&ctx->list_words, tables, count, FX_PLACE_WORD_TABLES);
    free(tables);
}

static void free_pending(pending_rule *pr)
{
    free(pr->pattern);
    free(pr->pattern_pos);
    free(pr->list_name);
    free(pr->value_name);
    free(pr->examples);
    free(pr->expanded.out);
    pcre2_code_free(pr->code);
}

fx_context *fx_rules_load(const char *dir, fx_diag *diag)
{
    fx_context *ctx = fx_xcalloc(1, sizeof *ctx);
    fx_arena_init(&ctx->arena);
    ctx->rules_dir = fx_xstrdup(dir);
    loader ld = {ctx, diag, 0, 0, 0, NULL, 0};
    size_t errors_before = diag->errors;

    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        fx_diag_report(diag, FX_ERROR, dir, 0, 0, "rules directory not found");
        fx_rules_free(ctx);
        return NULL;
    }
    char **files = NULL;
    size_t file_count = 0, file_cap = 0;
    list_rule_files(dir, &files, &file_count, &file_cap, 0, diag);
    if (file_count == 0) fx_diag_report(diag, FX_ERROR, dir, 0, 0, "no *.rules files");

    pending_rule *pending = NULL;
    size_t pending_count = 0, pending_cap = 0;
    for (size_t i = 0; i < file_count; i++) {
        fx_rules_parse_file(&ld, files[i], &pending, &pending_count, &pending_cap);
        free(files[i]);
    }
    free(files);

    /* rules no longer move: turn stored indices into pointers */
    for (size_t i = 0; i < pending_count; i++) pending[i].rule = &ctx->rules[pending[i].rule_index];
    for (size_t i = 0; i < ctx->rule_count; i++) ctx->rules[i].order = i;
    for (size_t i = 0; i < ctx->table_count; i++)
        for (size_t j = 0; j < i; j++)
            if (strcmp(ctx->tables[i].name, ctx->tables[j].name) == 0)
                fx_diag_report(diag, FX_ERROR, ctx->tables[i].path, 0, 0, "table %s declared twice",
                               ctx->tables[i].name);

    fx_rules_hash(ctx, pending, pending_count, FX_RULES_EXPAND_VERSION, ctx->rules_hash);
    fx_rules_cache_read(&ld, pending, pending_count);
    if (!ld.from_cache) fx_rules_expand_all(&ld, pending, pending_count);
    for (size_t i = 0; i < pending_count; i++) fx_rules_finish_rule(&ld, &pending[i]);
    fx_rules_check_defines(&ld);
    for (size_t i = 0; i < pending_count; i++) free_pending(&pending[i]);
    free(pending);
    if (!ld.from_cache && diag->errors == errors_before) fx_rules_cache_write(ctx);

    ctx->match_limit = MATCH_LIMIT;
    ctx->depth_limit = DEPTH_LIMIT;
    ctx->match_context = pcre2_match_context_create(NULL);
    pcre2_set_match_limit(ctx->match_context, (uint32_t)ctx->match_limit);
    pcre2_set_depth_limit(ctx->match_context, (uint32_t)ctx->depth_limit);
    list_words_init(ctx);

    if (diag->errors > errors_before) {
        fx_rules_free(ctx);
        return NULL;
    }
    return ctx;
}

void fx_rules_free(fx_context *ctx)
{
    if (!ctx) return;
    for (size_t i = 0; i < ctx->rule_count; i++) pcre2_code_free(ctx->rules[i].code);
    for (size_t i = 0; i < ctx->table_count; i++) {
        fx_table_free(&ctx->tables[i]);
    }
    fx_cache_unmap(ctx->patterns_cache, ctx->patterns_cache_len);
    pcre2_match_context_free(ctx->match_context);
    fx_table_first_words_free(&ctx->list_words);
    free(ctx->rules);
    free(ctx->tables);
    free(ctx->defines);
    free(ctx->rules_dir);
    fx_arena_free(&ctx->arena);
    free(ctx);
}
