/* rules.h - rule files and data tables: loaded once, shared read-only.
 *
 * A rules directory holds *.rules files (read in sorted order, also from
 * subdirectories) and the data tables they name. Format, one item a line:
 *
 *   # a comment
 *   define MONTH  (?:January|February|...)    shared sub-pattern
 *   table  CURRENCY currencies.tsv            a TSV data table
 *   rule money.symbol_before                  starts a rule; its keys follow
 *     type:     money                         date|money|percent|city|org|none
 *     priority: 10                            higher wins among equal spans
 *     pattern:  (?<cur>{CURRENCY_SYMBOL}) ... PCRE2; repeated lines concatenate
 *     list:     CITIES                        instead of pattern: table lookup
 *     flags:    caseless allcaps person_guard pattern/list options
 *     value:    money                         value normaliser (default: type)
 *     dct:      2014-12-04                    document date for its examples
 *     example:  cost [[€470 million]] => {"amount":470000000,"currency":"EUR"}
 *     reject:   1500 MW of power
 *
 * {NAME} in a pattern stands for a define, or for a table's keys as an
 * alternation (longest first). Definitions are global across files.
 * Examples: every [[span]] must come out as a fact of the rule's type, and
 * no other fact of that type; each "=> VALUE" (JSON, or a bare string) is
 * compared with the value of the span in the same position; object values
 * compare on the keys given. "\n" in an example is a line break. For a rule
 * of type none, no fact of any type may overlap a marked span. A reject
 * text must give no fact of the rule's type.
 *
 * Tables: tables.h.
 *
 * Ownership: fx_rules_load returns a context that owns every rule, table
 * and compiled pattern; fx_rules_free releases it. Nothing in it changes
 * after loading but the JIT code of a pattern, added once under a lock
 * (fx_rule_jit), and the budget counted down until then, so threads share
 * it freely.
 */
#ifndef FX_RULES_H
#define FX_RULES_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "diag.h"
#include "document.h"
#include "tables.h"
#include "words.h"

typedef struct fx_example {
    const char *text;           /* markers removed, escapes applied */
    size_t text_len;
    fx_span *spans;             /* byte spans in text */
    size_t span_count;
    const char **value_texts;   /* span_count entries: each span's value as written after " => "
                                   (in the context's arena), NULL = not checked; fx_example_value */
    int reject;
    char dct[11];
    size_t line;
    size_t col;                 /* of the text after "example:" / "reject:" */
} fx_example;

/* The value ex gives its span k, parsed now as JSON (text that is not
 * JSON, as "=> Paris", is that string), or NULL when it gives none. The
 * caller frees it (cJSON_Delete). Only what checks examples reads them
 * (selftest), so a load keeps their text. */
struct cJSON *fx_example_value(const fx_example *ex, size_t k);

/* flags: caseless (the pattern ignores case), allcaps (a list also finds
 * "BEIJING"), person_guard (an organisation the resolve stage drops when
 * the document shows it is a person's name: resolve_mentions.c), timeml
 * (the rule's facts are kept only in TimeML mode, fx_doc_set_timeml:
 * durations, sets, generic references; otherwise its matches block
 * overlapping ones as a rule of type none does). */
enum { FX_RULE_CASELESS = 1, FX_RULE_ALLCAPS = 2, FX_RULE_PERSON_GUARD = 4, FX_RULE_TIMEML = 8 };

/* The value normalisers a rule may name ("value:", by default its type's
 * name): part of the rule language, so the loader knows them by name
 * (fx_value_kind_names); the values stage has a function for each. */
typedef enum {
    FX_VALUE_DATE, FX_VALUE_MONEY, FX_VALUE_PERCENT, FX_VALUE_CITY, FX_VALUE_ORG, FX_VALUE_ACRONYM,
    FX_VALUE_KIND_COUNT
} fx_value_kind;

extern const char *const fx_value_kind_names[FX_VALUE_KIND_COUNT];
enum { FX_JIT_PENDING, FX_JIT_ON, FX_JIT_OFF };

typedef struct fx_rule {
    const char *id;
    const char *file;
    size_t line;
    size_t order;               /* position in load order */
    fx_type type;
    int priority;
    unsigned flags;
    const char *pattern;        /* as written */
    const char *expanded;       /* after {NAME} expansion (in the arena, or in ctx->patterns_cache) */
    pcre2_code *code;           /* NULL for list rules; match it only after fx_rule_jit(_after) */
    _Atomic int jit_state;      /* FX_JIT_...: JIT-compiled once used enough (fx_rule_jit_after) */
    _Atomic size_t jit_budget;  /* bytes of interpreted search left before it is (fx_rule_jit_after) */
    double jit_seconds;         /* how long its JIT compile took, set with jit_state (--profile) */
    size_t group_count;         /* capture groups including group 0 */
    const char **group_names;   /* group_count entries, NULL when unnamed */
    const fx_table *list;       /* list rules: the table looked up */
    size_t list_column;         /* list rules: the table's column in fx_context.list_words */
    const char *value_name;
    fx_value_kind value_kind;   /* unused for type none */
    fx_example *examples;
    size_t example_count;
} fx_rule;

typedef struct fx_define {
    const char *name;
    const char *body;
    const char *file;
    size_t line, col;
    int used;
} fx_define;

typedef struct fx_context {
    char *rules_dir;
    fx_arena arena;
    fx_rule *rules;
    size_t rule_count;
    fx_table *tables;
    size_t table_count;
    fx_define *defines;
    size_t define_count;
    pcre2_match_context *match_context;   /* limits; read-only when matching */
    struct fx_match_index *match_index;   /* prefilters (match.h); NULL: none */
    struct fx_money_context *money;       /* the money resolver's tables and currency forms (money.h) */
    const struct fx_resolve_tables *resolve_tables;   /* the city and organisation resolvers' tables (resolve.h), in arena */
    const struct fx_dct_tables *dct;      /* the document date's tables (dct.h), in arena */
    const fx_table *abbreviations;        /* ABBREVIATIONS, or NULL (segment.h) */
    size_t match_limit, depth_limit;
    fx_table_first_words list_words;   /* the list rules' tables' first words (match.c) */
    char rules_hash[65];        /* the caches' key (cache.h): a SHA-256 of what the patterns are expanded from (rules_impl.h) */
    /* The patterns' cache contents, mapped while the rules' expanded
     * point into them (a load from the cache), or NULL (rules_compile.c) */
    const unsigned char *patterns_cache;
    size_t patterns_cache_len;
} fx_context;

/* Load and compile every rule file under dir. Reports every problem found
 * to diag as FILE:LINE:COL and returns NULL if there was any error. */
fx_context *fx_rules_load(const char *dir, fx_diag *diag);
void fx_rules_free(fx_context *ctx);

const fx_table *fx_rules_table(const fx_context *ctx, const char *name);
const fx_rule *fx_rules_find(const fx_context *ctx, const char *id);

/* JIT-compile the rule's pattern now if not done yet; 1 when its code
 * runs JIT-compiled, 0 when PCRE2's interpreter runs it (no JIT support,
 * FACTX_NO_JIT set at load, or a list rule). Compiling changes the code,
 * so it happens once, under a lock, and callers that find it done only
 * read. */
int fx_rule_jit(const fx_rule *rule);
/* Whether to search rule->code JIT-compiled (1) or interpreted (0) over
 * `bytes` of subject (from the start offset to the end of the window or
 * text the search is limited to): JIT-compiled once the interpreted
 * searches' bytes pass the rule's budget (FX_JIT_BUDGET, or
 * FACTX_JIT_BUDGET read at load). Compiling a rule costs 0.1 to 25 M
 * instructions, 330 M for the rules a run uses: a run over a few
 * articles is cheaper interpreted, a long one JIT-compiled. The
 * interpreter gives the same matches; a search it stops at a limit must
 * be done again JIT-compiled (fx_rule_jit), so that any stop is the
 * JIT's. Call it (or fx_rule_jit) before every pcre2_match of rule->code. */
int fx_rule_jit_counted(const fx_rule *rule, size_t bytes);
/* 1 when the rule's code is JIT-compiled now, without counting: it stays
 * so, so a caller that searches it many times may ask once. */
static inline int fx_rule_jit_on(const fx_rule *rule)
{
    fx_rule *r = (fx_rule *)rule;    /* atomic_load takes no const (C11) */
    return atomic_load_explicit(&r->jit_state, memory_order_acquire) == FX_JIT_ON;
}
static inline int fx_rule_jit_after(const fx_rule *rule, size_t bytes)
{
    /* inline for the JIT-compiled rule, most searches: one load, no count */
    return fx_rule_jit_on(rule) || fx_rule_jit_counted(rule, bytes);
}
/* Each search counts its bytes plus FX_JIT_SEARCH_COST (most are of a
 * small window; the interpreter's cost per search is high). Measured
 * (BENCHMARKS.md, lazyjit8): with 16 K, the first 5 documents of the 1 MB
 * sample 240 M -> 16 M instructions, the 1 MB sample the same as JIT at
 * first use; 32 K or 64 K cost 5% or 11% more on it. */
#define FX_JIT_BUDGET ((size_t)16384)
#define FX_JIT_SEARCH_COST ((size_t)256)
/* 0 when the rule's code is never JIT-compiled (FACTX_NO_JIT set at load,
 * a list rule, or JIT failed on it), without compiling it: code that
 * JIT-compiles its own copy of the pattern follows this. */
int fx_rule_jit_allowed(const fx_rule *rule);

/* Named group of a rule: index or -1 (first of duplicates). */
int fx_rule_group(const fx_rule *rule, const char *name);

/* A character class in a pattern's text, pattern[i] its '[': the index
 * past its ']', or 0 when it does not close before pattern[n]. A ']'
 * first (after '^') is a member; an escape is read with the character it
 * escapes (the braces of \p{Lu} or \x{80} hold no ']'), a POSIX name
 * ([:alpha:]) whole. The one reader of classes for every module that
 * reads patterns. */
size_t fx_pattern_class_end(const char *pattern, size_t n, size_t i);
/* The ASCII characters the class pattern[0, n) ("[...]") matches as one
 * character, asked of PCRE2 with these compile options: bit c % 64 of
 * ascii[c / 64]. 0 when it does not compile. */
int fx_pattern_class_ascii(const char *pattern, size_t n, uint32_t options, uint64_t ascii[2]);

#endif
