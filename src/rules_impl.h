/* rules_impl.h - the rule loader's parts, shared by its files and by
 * nothing else:
 *
 *   rules.c          the loader: files in sorted order, then each rule
 *                    finished, then checks that need everything loaded
 *   rules_lookup.c   tables, rules and groups found by name
 *   rules_parse.c    the line format of rule files (rules.h), examples
 *   rules_expand.c   {NAME} expansion: defines, and tables as tries
 *   rules_compile.c  a rule's pattern compiled, defines checked, the JIT
 *                    lock
 *   tables.c         the TSV tables (tables.h)
 *
 * Everything here runs at load time, on one thread. */
#ifndef FX_RULES_IMPL_H
#define FX_RULES_IMPL_H

#include "rules.h"

/* Where a rule's pattern text came from, to place compile errors. */
typedef struct source_pos { size_t line, col; } source_pos;

/* small growable arrays: a pointer to the new last element */
#define PUSH(arr, count, cap)                                                   \
    (((count) == (cap) ? ((cap) = (cap) ? (cap) * 2 : 16,                       \
                          (arr) = fx_xrealloc((arr), (cap) * sizeof *(arr)))    \
                       : 0),                                                    \
     &(arr)[(count)++])

/* rules_expand.c: a pattern with its {NAME}s expanded. */
typedef struct expansion {
    char *out;                  /* malloc'd; the caller frees it */
    size_t len, cap;
    source_pos *pos;            /* per output byte, NULL when not tracked */
    const char *error;          /* message, or NULL */
    char error_name[128];
    /* A rule's pattern (its flags say whether it starts caseless): a
     * table whose keys differ only in case ("EUR", "Eur") is still
     * written as a trie where it falls in a case-sensitive part
     * (rules_expand.c). 0: a define's body alone, every such table flat. */
    int rule_pattern, rule_caseless;
    struct case_mode {          /* out[0..read) read for its case mode (rules_expand.c) */
        size_t read, depth;
        int caseless, unknown;
        unsigned char outer[64];    /* the mode outside each open group */
    } mode;
} expansion;

typedef struct loader {
    fx_context *ctx;
    fx_diag *diag;
    size_t rule_cap, table_cap, define_cap;
    expansion *define_expansions;   /* per define, its body expanded on its own (rules_compile.c; NULL on a cache hit) */
    int from_cache;                 /* the patterns came from the cache: they compiled before */
} loader;


/* A rule as parsed, before it is finished (rules_compile.c). */
typedef struct pending_rule {
    size_t rule_index;          /* into ctx->rules, which moves while parsing */
    fx_rule *rule;              /* set once parsing is over */
    char *pattern;              /* joined pattern lines (malloc) */
    source_pos *pattern_pos;    /* one per byte of pattern */
    size_t pattern_len;
    char *list_name;
    size_t list_line, list_col;
    char *value_name;
    size_t value_line, value_col;
    fx_example *examples;
    size_t example_count, example_cap;
    char dct[11];
    expansion expanded;         /* the pattern, {NAME}s expanded (fx_rules_expand_all; not on a cache hit) */
    pcre2_code *code;           /* from the cache, until the rule takes it */
} pending_rule;

/* A character of a {NAME}: capitals and '_', digits after the first. */
static inline int fx_rules_is_name_char(char c, int first)
{
    return (c >= 'A' && c <= 'Z') || c == '_' || (!first && c >= '0' && c <= '9');
}

/* rules_parse.c: one rule file; its rules are appended to ctx->rules and
 * to *pending, its defines and tables to the context. -1 on any error
 * (each reported). */
int fx_rules_parse_file(loader *ld, const char *path, pending_rule **pending, size_t *pending_count,
                        size_t *pending_cap);

/* rules_lookup.c: the context's table of that name, which the loader may still
 * change (its regex), or NULL. */
fx_table *fx_rules_loader_table(const fx_context *ctx, const char *name);
/* The same for "{NAME}", name[0..len), as the expander looks it up (the
 * name cut to 119 bytes). */
fx_table *fx_rules_named_table(const fx_context *ctx, const char *name, size_t len);

/* Append s[0..n) to e with every {NAME} expanded; pos gives the source of
 * each byte of s (NULL: all at here). Errors go to e->error. */
void fx_rules_expand(fx_context *ctx, expansion *e, const char *s, size_t n, const source_pos *pos,
                     source_pos here, int depth);
/* The expander's version: changed with anything in rules_expand.c that
 * changes an expansion's text for the same rules, defines and tables (the
 * tries' layout, the root's split, the escapes). The caches are keyed by
 * the expansions' inputs and this (fx_rules_hash); test_rules.c pins the
 * expansions of a fixed rule set to it and fails until both change. */
#define FX_RULES_EXPAND_VERSION "expand 1"

/* rules_compile.c: the caches' key (ctx->rules_hash's 64 hex digits and a
 * NUL in hex) for pending[0..count) with ctx's defines and tables: a
 * SHA-256 of what the expansions are made from, so that a load whose
 * patterns come from the cache expands nothing. expander_version (in
 * fx_rules_load: FX_RULES_EXPAND_VERSION), utf8proc's version (the tries'
 * case variants), every rule's flags and pattern as written, every
 * define's name and body, and the keys of each table that a pattern or a
 * define body names as "{NAME}" anywhere (escaped or not: at least every
 * table the expander reads). */
void fx_rules_hash(const fx_context *ctx, const pending_rule *pending, size_t count, const char *expander_version,
                   char hex[65]);
/* Every pattern rule's pattern and every define's body expanded (errors
 * are reported later, in order, by fx_rules_finish_rule and
 * fx_rules_check_defines): on a miss of the cache below. */
void fx_rules_expand_all(loader *ld, pending_rule *pending, size_t pending_count);
/* The patterns compiled before with the same rules' hash, from the cache
 * (cache.h): their codes into pending[i].code, their expansions into
 * pending[i].rule->expanded (in the cache's mapping, which ctx keeps),
 * which defines were used into ctx->defines; sets ld->from_cache. */
void fx_rules_cache_read(loader *ld, pending_rule *pending, size_t pending_count);
/* The rules' compiled patterns, their expansions and the defines' use
 * stored in the cache: after a load without errors that compiled them. */
void fx_rules_cache_write(const fx_context *ctx);
/* compile (or take from the cache) what the rule needs; the number of
 * errors, each reported. */
int fx_rules_finish_rule(loader *ld, pending_rule *pr);
/* Every define on its own: duplicates, names of tables, expansion and
 * compile errors (unless its patterns came from the cache); the number of
 * errors. */
int fx_rules_check_defines(loader *ld);

#endif
