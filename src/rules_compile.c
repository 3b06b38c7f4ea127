/* rules_compile.c - a parsed rule made ready to match: its pattern
 * expanded and compiled, its table and value normaliser found; the defines
 * checked on their own; JIT compilation on first use. See rules_impl.h. */
#include "rules_impl.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "cache.h"
#include "clock.h"
#include "sha256.h"

/* The text the rules' hash is taken of, as parts: the expansions (some
 * 1 MB, the tables' tries in the organisation rules and their defines)
 * are hashed where they lie, not copied into one text first (a buffer
 * grown by reallocs: some 250 fresh pages at every start-up). */
typedef struct key_parts {
    fx_sha256_part *parts;
    size_t count, cap;
} key_parts;

static void key_add(key_parts *k, const char *s, size_t n) { *PUSH(k->parts, k->count, k->cap) = (fx_sha256_part){s, n}; }

const char *const fx_value_kind_names[FX_VALUE_KIND_COUNT] = {"date", "money", "percent",
                                                               "city", "org",   "acronym"};

static pthread_mutex_t jit_lock = PTHREAD_MUTEX_INITIALIZER;

int fx_rule_jit(const fx_rule *rule)
{
    /* jit_state is the one field that changes after loading (rules.h) */
    fx_rule *r = (fx_rule *)rule;
    int state = atomic_load_explicit(&r->jit_state, memory_order_acquire);
    if (state == FX_JIT_PENDING) {
        pthread_mutex_lock(&jit_lock);
        state = atomic_load_explicit(&r->jit_state, memory_order_relaxed);
        if (state == FX_JIT_PENDING) {
            double t0 = fx_clock_seconds();
            state = r->code && pcre2_jit_compile(r->code, PCRE2_JIT_COMPLETE) == 0 ? FX_JIT_ON : FX_JIT_OFF;
            r->jit_seconds = fx_clock_seconds() - t0;
            atomic_store_explicit(&r->jit_state, state, memory_order_release);
        }
        pthread_mutex_unlock(&jit_lock);
    }
    return state == FX_JIT_ON;
}

/* FACTX_JIT_BUDGET, for tests: 0 JIT-compiles a rule at its first search */
static size_t jit_budget(void)
{
    const char *v = getenv("FACTX_JIT_BUDGET");
    char *end;
    unsigned long long n = v ? strtoull(v, &end, 10) : 0;
    return v && *v && !*end && n <= SIZE_MAX ? (size_t)n : FX_JIT_BUDGET;
}

/* fx_rule_jit_after (rules.h) for a rule not JIT-compiled yet */
int fx_rule_jit_counted(const fx_rule *rule, size_t bytes)
{
    fx_rule *r = (fx_rule *)rule;    /* atomic_load takes no const (C11) */
    int state = atomic_load_explicit(&r->jit_state, memory_order_acquire);
    if (state != FX_JIT_PENDING) return state == FX_JIT_ON;
    /* relaxed: the count only decides when, the lock in fx_rule_jit orders the code */
    size_t cost = bytes + FX_JIT_SEARCH_COST;
    size_t left = atomic_fetch_sub_explicit(&r->jit_budget, cost, memory_order_relaxed);
    return left <= cost ? fx_rule_jit(rule) : 0;
}

int fx_rule_jit_allowed(const fx_rule *rule)
{
    fx_rule *r = (fx_rule *)rule;    /* atomic_load takes no const (C11) */
    return atomic_load_explicit(&r->jit_state, memory_order_acquire) != FX_JIT_OFF;
}

static void report_pcre_error(loader *ld, const char *file, source_pos at, const char *what, int code)
{
    PCRE2_UCHAR msg[256];
    pcre2_get_error_message(code, msg, sizeof msg);
    fx_diag_report(ld->diag, FX_ERROR, file, at.line, at.col, "%s: %s", what, (const char *)msg);
}

/* The options every pattern is compiled with (a change needs a new
 * CACHE_VERSION below). PCRE2_USE_OFFSET_LIMIT: match.c searches a rule
 * in windows and chunks with an offset limit; without a limit set it
 * matches as without the option. */
static pcre2_code *compile(const char *pattern, size_t len, unsigned flags, int *error, size_t *offset)
{
    uint32_t options = PCRE2_UTF | PCRE2_NO_UTF_CHECK | PCRE2_DUPNAMES | PCRE2_USE_OFFSET_LIMIT;
    if (flags & FX_RULE_CASELESS) options |= PCRE2_CASELESS;
    PCRE2_SIZE off = 0;
    pcre2_code *code = pcre2_compile((PCRE2_SPTR)pattern, len, options, error, &off, NULL);
    *offset = off;
    return code;
}

/* A pattern rule: one whose pattern is compiled (a list takes precedence). */
static int has_pattern(const pending_rule *pr) { return pr->pattern && !pr->list_name; }

/* The tables that s[0..n) names as "{NAME}", escaped or not, marked in seen */
static void mark_named_tables(const fx_context *ctx, const char *s, size_t n, unsigned char *seen)
{
    for (const char *open = memchr(s, '{', n); open; open = memchr(open + 1, '{', (size_t)(s + n - open - 1))) {
        size_t i = (size_t)(open - s), j = i + 1;
        while (j < n && fx_rules_is_name_char(s[j], j == i + 1)) j++;
        const fx_table *t = j > i + 1 && j < n && s[j] == '}' ? fx_rules_named_table(ctx, s + i + 1, j - i - 1) : NULL;
        if (t) seen[t - ctx->tables] = 1;
    }
}

void fx_rules_hash(const fx_context *ctx, const pending_rule *pending, size_t count, const char *expander_version,
                   char hex[65])
{
    key_parts key = {0};
    /* a line of numbers before each rule, define and table: a place that
     * does not move while parts point into it */
    enum { LINE = 64 };
    char *lines = fx_xmalloc((count + ctx->define_count + ctx->table_count + 1) * LINE);
    char *line = lines;
    unsigned char *seen = fx_xcalloc(ctx->table_count + 1, 1);
    const char *utf8proc = utf8proc_version();
    key_add(&key, expander_version, strlen(expander_version));
    key_add(&key, "\nutf8proc ", 10);
    key_add(&key, utf8proc, strlen(utf8proc));
    key_add(&key, "\n", 1);
    for (size_t i = 0; i < count; i++) {
        const pending_rule *pr = &pending[i];
        line += LINE;
        if (!has_pattern(pr)) {
            key_add(&key, line, (size_t)snprintf(line, LINE, "rule %zu %u list\n", i, pr->rule->flags));
            continue;
        }
        key_add(&key, line, (size_t)snprintf(line, LINE, "rule %zu %u %zu\n", i, pr->rule->flags, pr->pattern_len));
        key_add(&key, pr->pattern, pr->pattern_len);
        mark_named_tables(ctx, pr->pattern, pr->pattern_len, seen);
    }
    for (size_t i = 0; i < ctx->define_count; i++) {
        const fx_define *d = &ctx->defines[i];
        size_t len = strlen(d->body);
        line += LINE;
        key_add(&key, line, (size_t)snprintf(line, LINE, "define %zu %zu\n", strlen(d->name), len));
        key_add(&key, d->name, strlen(d->name));
        key_add(&key, d->body, len);
        mark_named_tables(ctx, d->body, len, seen);
    }
    for (size_t i = 0; i < ctx->table_count; i++) {
        const fx_table *t = &ctx->tables[i];
        line += LINE;
        if (!seen[i]) continue;
        /* the keys as the expander reads them: normalised, in row order */
        key_add(&key, line, (size_t)snprintf(line, LINE, "table %zu %zu\n", strlen(t->name), t->row_count));
        key_add(&key, t->name, strlen(t->name));
        for (size_t r = 0; r < t->row_count; r++) {
            key_add(&key, t->rows[r].key, t->rows[r].key_length);
            key_add(&key, "\n", 1);
        }
    }
    fx_sha256_hex_parts(key.parts, key.count, hex);
    free(seen);
    free(key.parts);
    free(lines);
}

void fx_rules_expand_all(loader *ld, pending_rule *pending, size_t pending_count)
{
    fx_context *ctx = ld->ctx;
    for (size_t i = 0; i < pending_count; i++) {
        pending_rule *pr = &pending[i];
        if (!has_pattern(pr)) continue;
        /* positions only when a compile error needs them (error_position) */
        pr->expanded.rule_pattern = 1;
        pr->expanded.rule_caseless = (pr->rule->flags & FX_RULE_CASELESS) != 0;
        fx_rules_expand(ctx, &pr->expanded, pr->pattern, pr->pattern_len, pr->pattern_pos, pr->pattern_pos[0], 0);
    }
    ld->define_expansions = fx_xcalloc(ctx->define_count + 1, sizeof *ld->define_expansions);
    for (size_t i = 0; i < ctx->define_count; i++) {
        fx_define *d = &ctx->defines[i];
        int used = d->used;
        fx_rules_expand(ctx, &ld->define_expansions[i], d->body, strlen(d->body), NULL, (source_pos){d->line, d->col}, 0);
        d->used = used;
    }
}

/* ---- the cache of compiled patterns (cache.h) ---- */

/* Changed with compile()'s options or the contents' layout. */
#define CACHE_VERSION "pcre2 3"

/* Keyed by the rules' hash and PCRE2's version; serialised code also
 * depends on the width of pointers and the byte order. */
static void cache_open(const fx_context *ctx, fx_cache_file *c)
{
    char version[64] = "";
    pcre2_config(PCRE2_CONFIG_VERSION, version);
    char machine[32], text[300];
    fx_cache_machine_line(machine, sizeof machine);
    int n = snprintf(text, sizeof text, "%s\n%s\n%s%s\n", CACHE_VERSION, version, machine, ctx->rules_hash);
    fx_cache_open(c, "pcre2", "pcre2", text, (size_t)n);
}

/* Contents: the length of the serialised codes (8 bytes, little endian),
 * pcre2_serialize_encode of the pattern rules' codes in rule order, each
 * pattern rule's expansion and a NUL in the same order, then a byte per
 * define, 1 when a pattern or a define's body uses it (lint). A hit
 * expands nothing: the key is made of what the expansions are. */
enum { CODES_LENGTH = 8 };

void fx_rules_cache_read(loader *ld, pending_rule *pending, size_t pending_count)
{
    fx_context *ctx = ld->ctx;
    size_t expected = 0;
    for (size_t i = 0; i < pending_count; i++) expected += has_pattern(&pending[i]);
    if (expected == 0) return;
    fx_cache_file cache;
    cache_open(ctx, &cache);
    size_t len;
    const unsigned char *bytes = fx_cache_map(&cache, &len);
    fx_cache_close(&cache);
    uint64_t codes_len = 0;
    for (int b = 0; bytes && len >= CODES_LENGTH && b < CODES_LENGTH; b++) codes_len |= (uint64_t)bytes[b] << (8 * b);
    /* the expansions: each ends before the defines' bytes */
    const unsigned char *at = bytes && len >= CODES_LENGTH && codes_len <= len - CODES_LENGTH ? bytes + CODES_LENGTH + codes_len : NULL;
    const unsigned char *end = bytes ? bytes + len : NULL;   /* no file: NULL + 0 is undefined */
    const char **expansions = fx_xcalloc(expected, sizeof *expansions);
    for (size_t k = 0; at && k < expected; k++) {
        const unsigned char *nul = memchr(at, '\0', (size_t)(end - at));
        expansions[k] = (const char *)at;
        at = nul ? nul + 1 : NULL;
    }
    pcre2_code **codes = fx_xcalloc(expected, sizeof *codes);
    if (!at || (size_t)(end - at) != ctx->define_count ||
        pcre2_serialize_get_number_of_codes(bytes + CODES_LENGTH) != (int32_t)expected ||
        pcre2_serialize_decode(codes, (int32_t)expected, bytes + CODES_LENGTH, NULL) != (int32_t)expected) {
        fx_cache_unmap(bytes, len);
        free(codes);
        free(expansions);
        return;
    }
    size_t k = 0;
    for (size_t i = 0; i < pending_count; i++)
        if (has_pattern(&pending[i])) {
            pending[i].code = codes[k];
            pending[i].rule->expanded = expansions[k++];
        }
    for (size_t i = 0; i < ctx->define_count; i++) ctx->defines[i].used = at[i];
    ctx->patterns_cache = bytes;
    ctx->patterns_cache_len = len;
    ld->from_cache = 1;
    free(codes);
    free(expansions);
}

void fx_rules_cache_write(const fx_context *ctx)
{
    size_t count = 0, expanded_len = 0;
    const pcre2_code **codes = fx_xcalloc(ctx->rule_count + 1, sizeof *codes);
    for (size_t i = 0; i < ctx->rule_count; i++)
        if (ctx->rules[i].code) {
            codes[count++] = ctx->rules[i].code;
            expanded_len += strlen(ctx->rules[i].expanded) + 1;
        }
    uint8_t *serialised = NULL;
    PCRE2_SIZE len = 0;
    if (count && pcre2_serialize_encode(codes, (int32_t)count, &serialised, &len, NULL) == (int32_t)count) {
        size_t size = CODES_LENGTH + len + expanded_len + ctx->define_count;
        unsigned char *contents = fx_xmalloc(size), *at = contents;
        for (int b = 0; b < CODES_LENGTH; b++) *at++ = (unsigned char)((uint64_t)len >> (8 * b));
        memcpy(at, serialised, len);
        at += len;
        for (size_t i = 0; i < ctx->rule_count; i++)
            if (ctx->rules[i].code) {
                size_t n = strlen(ctx->rules[i].expanded) + 1;
                memcpy(at, ctx->rules[i].expanded, n);
                at += n;
            }
        for (size_t i = 0; i < ctx->define_count; i++) *at++ = ctx->defines[i].used != 0;
        fx_cache_file cache;
        cache_open(ctx, &cache);
        fx_cache_write(&cache, contents, size);   /* a cache not written only costs the next compile */
        fx_cache_close(&cache);
        free(contents);
    }
    pcre2_serialize_free(serialised);
    free(codes);
}

int fx_rules_check_defines(loader *ld)
{
    int errors = 0;
    fx_context *ctx = ld->ctx;
    for (size_t i = 0; i < ctx->define_count; i++) {
        fx_define *d = &ctx->defines[i];
        for (size_t j = 0; j < i; j++)
            if (strcmp(ctx->defines[j].name, d->name) == 0) {
                fx_diag_report(ld->diag, FX_ERROR, d->file, d->line, 1,
                               "define %s already defined at %s:%zu", d->name,
                               ctx->defines[j].file, ctx->defines[j].line);
                errors++;
            }
        if (fx_rules_table(ctx, d->name)) {
            fx_diag_report(ld->diag, FX_ERROR, d->file, d->line, 1,
                           "define %s has the name of a table", d->name);
            errors++;
        }
        expansion *e = ld->define_expansions ? &ld->define_expansions[i] : NULL;
        if (!e) continue;   /* from the cache: they expanded and compiled then */
        if (e->error) {
            fx_diag_report(ld->diag, FX_ERROR, d->file, d->line, d->col, "in define %s: %s%s%s",
                           d->name, e->error, e->error_name[0] ? " " : "", e->error_name);
            errors++;
        } else {
            int code;
            size_t off;
            pcre2_code *re = compile(e->out, e->len, 0, &code, &off);
            if (!re) {
                PCRE2_UCHAR msg[256];
                pcre2_get_error_message(code, msg, sizeof msg);
                fx_diag_report(ld->diag, FX_ERROR, d->file, d->line, d->col,
                               "in define %s, at offset %zu of its expansion: %s", d->name, off,
                               (const char *)msg);
                errors++;
            }
            pcre2_code_free(re);
        }
        free(e->out);
    }
    free(ld->define_expansions);
    ld->define_expansions = NULL;
    return errors;
}

/* Where in the rule file byte off of its expanded pattern came from: the
 * pattern expanded again, tracking positions (only for an error). */
static source_pos error_position(fx_context *ctx, const pending_rule *pr, size_t off)
{
    expansion e = {.rule_pattern = 1, .rule_caseless = (pr->rule->flags & FX_RULE_CASELESS) != 0};
    e.pos = fx_xmalloc(sizeof *e.pos);
    fx_rules_expand(ctx, &e, pr->pattern, pr->pattern_len, pr->pattern_pos, pr->pattern_pos[0], 0);
    source_pos at = e.len ? e.pos[off < e.len ? off : e.len - 1] : pr->pattern_pos[0];
    free(e.out);
    free(e.pos);
    return at;
}

int fx_rules_finish_rule(loader *ld, pending_rule *pr)
{
    fx_context *ctx = ld->ctx;
    fx_rule *r = pr->rule;
    int errors = 0;
    if (r->type > FX_TYPE_NONE) {
        fx_diag_report(ld->diag, FX_ERROR, r->file, r->line, 1, "rule %s has no type:", r->id);
        return 1;
    }
    for (size_t i = 0; i < (size_t)(r - ctx->rules); i++)
        if (strcmp(ctx->rules[i].id, r->id) == 0) {
            fx_diag_report(ld->diag, FX_ERROR, r->file, r->line, 6, "duplicate rule id %s (first at %s:%zu)",
                           r->id, ctx->rules[i].file, ctx->rules[i].line);
            errors++;
        }
    const char *vname = pr->value_name ? pr->value_name : fx_type_name(r->type);
    r->value_name = fx_arena_strdup(&ctx->arena, vname);
    if (r->type != FX_TYPE_NONE) {
        size_t kind = 0;
        while (kind < FX_VALUE_KIND_COUNT && strcmp(fx_value_kind_names[kind], vname) != 0) kind++;
        r->value_kind = (fx_value_kind)kind;
        if (kind == FX_VALUE_KIND_COUNT) {
            fx_diag_report(ld->diag, FX_ERROR, r->file, pr->value_name ? pr->value_line : r->line,
                           pr->value_name ? pr->value_col : 1, "rule %s: unknown value normaliser '%s'",
                           r->id, vname);
            errors++;
        }
    }
    if (pr->list_name) {
        r->list = fx_rules_table(ctx, pr->list_name);
        if (!r->list) {
            fx_diag_report(ld->diag, FX_ERROR, r->file, pr->list_line, pr->list_col,
                           "rule %s: unknown table '%s'", r->id, pr->list_name);
            errors++;
        }
        r->group_count = 1;
        r->group_names = fx_arena_alloc(&ctx->arena, sizeof *r->group_names);
    } else if (!pr->pattern) {
        fx_diag_report(ld->diag, FX_ERROR, r->file, r->line, 1, "rule %s has no pattern: or list:", r->id);
        errors++;
    } else {
        r->pattern = fx_arena_strndup(&ctx->arena, pr->pattern, pr->pattern_len);
        const expansion *e = &pr->expanded;
        if (e->error) {
            source_pos at = pr->pattern_pos[0];
            fx_diag_report(ld->diag, FX_ERROR, r->file, at.line, at.col, "rule %s: %s%s%s", r->id,
                           e->error, e->error_name[0] ? " " : "", e->error_name);
            errors++;
        } else {
            int code = 0;
            size_t off = 0;
            r->code = pr->code ? pr->code : compile(e->out, e->len, r->flags, &code, &off);
            pr->code = NULL;   /* the rule owns it */
            if (!r->code) {
                char what[200];
                snprintf(what, sizeof what, "rule %s: bad pattern", r->id);
                report_pcre_error(ld, r->file, error_position(ctx, pr, off), what, code);
                errors++;
            } else {
                if (!r->expanded) r->expanded = fx_arena_strndup(&ctx->arena, e->out, e->len);   /* else the cache's */
                /* FACTX_NO_JIT keeps PCRE2's interpreter: valgrind cannot follow JIT code */
                atomic_init(&r->jit_state, getenv("FACTX_NO_JIT") ? FX_JIT_OFF : FX_JIT_PENDING);
                atomic_init(&r->jit_budget, jit_budget());
                uint32_t captures = 0, names = 0, entry_size = 0;
                PCRE2_SPTR table = NULL;
                pcre2_pattern_info(r->code, PCRE2_INFO_CAPTURECOUNT, &captures);
                pcre2_pattern_info(r->code, PCRE2_INFO_NAMECOUNT, &names);
                pcre2_pattern_info(r->code, PCRE2_INFO_NAMEENTRYSIZE, &entry_size);
                pcre2_pattern_info(r->code, PCRE2_INFO_NAMETABLE, &table);
                r->group_count = captures + 1;
                r->group_names = fx_arena_alloc(&ctx->arena, r->group_count * sizeof *r->group_names);
                for (uint32_t k = 0; k < names; k++) {
                    const unsigned char *entry = table + (size_t)k * entry_size;
                    size_t group = ((size_t)entry[0] << 8) | entry[1];
                    if (group < r->group_count)
                        r->group_names[group] = fx_arena_strdup(&ctx->arena, (const char *)entry + 2);
                }
            }
        }
    }
    r->examples = fx_arena_alloc(&ctx->arena, (pr->example_count ? pr->example_count : 1) * sizeof *r->examples);
    if (pr->example_count) memcpy(r->examples, pr->examples, pr->example_count * sizeof *pr->examples);
    r->example_count = pr->example_count;
    return errors;
}

