/* lint.c - see lint.h. */
#include "lint.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "factx.h"
#include "rules.h"
#include "selftest.h"

/* Adversarial subjects are this long: enough for cubic backtracking (n^3
 * steps) to pass the match limit of a million, short enough to keep lint
 * quick on rules that are merely quadratic. At most OWN_SPANS distinct
 * spans of a rule's examples are tried. */
enum { SUBJECT_BYTES = 1000, OWN_SPANS = 16 };

/* Units repeated into generic adversarial subjects: the runs that number,
 * name and date patterns tend to loop over (digits, separators, words). */
static const char *const generic_units[] = {
    "1", "1 ", "1,", "1.", "1-", "12 345 ", "1,000,", "a", "A", "Aa ", "A ", "Aa-", "Aa. ",
    " ", "-", ".", "'", "A1", "1a",
};

/* Tables the resolvers read by name, each for a capture that a rule may
 * have: without the table, such a rule's facts quietly get no value (a
 * table is optional to the loader, so that a rules directory may hold
 * one type only). */
static const struct needed_table {
    const char *name, *group, *without;
} needed_tables[] = {
    {"DATE_NAMES", "month", "dates with month names get no value"},
    {"DATE_NAMES", "weekday", "dates with weekday names get no value"},
    {"DATE_MODIFIERS", "mod", "dates get no mod (\"early 2014\")"},
    {"DATE_HOLIDAYS", "holiday", "holidays get no value"},
    {"DATE_GENERIC_REFS", "ref", "generic references (\"now\") get no value"},
    {"AMOUNT_WORD", "count", "number words (\"three weeks ago\") give no value"},
    {"AMOUNT_WORD", "words", "amounts in words give no value"},
    {"CURRENCY_SYMBOL", "cur", "sums get no currency"},
    {"SCALE", "scale", "sums with a scale word (\"million\") get no value"},
};

/* The first rule with a capture named group, or NULL. */
static const fx_rule *rule_capturing(const fx_context *ctx, const char *group)
{
    for (size_t r = 0; r < ctx->rule_count; r++)
        if (ctx->rules[r].code && fx_rule_group(&ctx->rules[r], group) >= 0) return &ctx->rules[r];
    return NULL;
}

/* A table the resolvers need for a capture some rule has, not loaded:
 * reported once per table, at the first such rule. */
static void missing_tables(const fx_context *ctx, fx_diag *diag, fx_lint_summary *sum)
{
    size_t count = sizeof needed_tables / sizeof *needed_tables;
    for (size_t t = 0; t < count; t++) {
        const struct needed_table *need = &needed_tables[t];
        const fx_rule *rule = fx_rules_table(ctx, need->name) ? NULL : rule_capturing(ctx, need->group);
        for (size_t u = 0; u < t && rule; u++)      /* an earlier row reported this table */
            if (!strcmp(needed_tables[u].name, need->name) && rule_capturing(ctx, needed_tables[u].group)) rule = NULL;
        if (!rule) continue;
        fx_diag_report(diag, FX_ERROR, rule->file, rule->line, 1,
                       "table %s is not loaded (no 'table %s FILE' line), and rule %s captures %s: %s", need->name,
                       need->name, rule->id, need->group, need->without);
        sum->missing_tables++;
    }
}

/* Nested unbounded repetition: an unbounded quantifier (*, +, {n,}) on a
 * group that holds one, as in "(?:[a-z]+ )*": the ways to split a run
 * among the iterations grow with its length, and a search that fails
 * tries them from every start (quadratic or worse, below the match
 * limit of any one attempt). Possessive quantifiers and atomic groups
 * give nothing back and are safe. Returns the offset of the outer group
 * in pattern, or -1. */
long fx_lint_nested_repeat(const char *pattern)
{
    enum { MAX_DEPTH = 64 };
    struct { size_t at; int unbounded, atomic; } open[MAX_DEPTH];
    size_t depth = 0;
    int last_unbounded = 0, last_atomic = 0;    /* the atom just read: a group's contents */
    size_t last_at = 0;
    int have_atom = 0, inner_unbounded = 0;     /* inner: anywhere in the current group */
    for (size_t i = 0; pattern[i];) {
        char c = pattern[i];
        if (c == '\\') {
            if (pattern[i + 1] == 'Q') {
                const char *e = strstr(pattern + i + 2, "\\E");
                i = e ? (size_t)(e - pattern) + 2 : strlen(pattern);
            } else {
                i += pattern[i + 1] ? 2 : 1;
            }
            have_atom = 1;
            last_unbounded = 0;
            continue;
        }
        if (c == '[') {
            size_t j = i + 1;
            if (pattern[j] == '^') j++;
            if (pattern[j] == ']') j++;
            while (pattern[j] && pattern[j] != ']') {
                if (pattern[j] == '\\' && pattern[j + 1]) j++;
                else if (pattern[j] == '[' && pattern[j + 1] == ':') {
                    const char *e = strstr(pattern + j + 2, ":]");
                    if (e) j = (size_t)(e - pattern) + 1;
                }
                j++;
            }
            i = pattern[j] ? j + 1 : j;
            have_atom = 1;
            last_unbounded = 0;
            continue;
        }
        if (c == '(') {
            if (pattern[i + 1] == '?' && pattern[i + 2] == '#') {
                const char *e = strchr(pattern + i, ')');
                i = e ? (size_t)(e - pattern) + 1 : strlen(pattern);
                continue;
            }
            if (depth < MAX_DEPTH) {
                open[depth].at = i;
                open[depth].unbounded = inner_unbounded;
                open[depth].atomic = pattern[i + 1] == '?' && pattern[i + 2] == '>';
                depth++;
            }
            inner_unbounded = 0;
            have_atom = 0;
            i++;
            continue;
        }
        if (c == ')') {
            if (depth > 0) {
                depth--;
                last_unbounded = inner_unbounded;
                last_atomic = open[depth].atomic;
                last_at = open[depth].at;
                inner_unbounded = open[depth].unbounded || inner_unbounded;
                have_atom = 1;
            }
            i++;
            continue;
        }
        int unbounded = 0;
        size_t q = i;
        if (c == '*' || c == '+') {
            unbounded = 1;
            q = i + 1;
        } else if (c == '?') {
            q = i + 1;
        } else if (c == '{' && have_atom) {
            size_t j = i + 1;
            while (pattern[j] >= '0' && pattern[j] <= '9') j++;
            if (j > i + 1 && pattern[j] == '}') q = j + 1;
            else if (j > i + 1 && pattern[j] == ',' && pattern[j + 1] == '}') { q = j + 2; unbounded = 1; }
            else if (j > i + 1 && pattern[j] == ',') {
                size_t k = j + 1;
                while (pattern[k] >= '0' && pattern[k] <= '9') k++;
                if (pattern[k] == '}' && k > j + 1) q = k + 1;
            }
        }
        if (q == i || !have_atom) {     /* a plain character */
            have_atom = 1;
            last_unbounded = 0;
            i++;
            continue;
        }
        int possessive = pattern[q] == '+';
        if (pattern[q] == '+' || pattern[q] == '?') q++;
        if (unbounded && !possessive) {
            if (last_unbounded && !last_atomic) return (long)last_at;
            inner_unbounded = 1;
        }
        have_atom = 0;
        last_unbounded = 0;
        i = q;
    }
    return -1;
}

static void nested_repeat(const fx_rule *rule, fx_diag *diag, fx_lint_summary *sum)
{
    if (!rule->code || !rule->expanded) return;
    long at = fx_lint_nested_repeat(rule->expanded);
    if (at < 0) return;
    fx_diag_report(diag, FX_WARNING, rule->file, rule->line, 1,
                   "rule %s: nested unbounded repetition at \"%.40s\" (backtracking risk: a failing search "
                   "tries every split of a run from every start; make the inner or outer quantifier "
                   "possessive, or bound it)", rule->id, rule->expanded + at);
    sum->nested_repeats++;
}

static void unused_defines(const fx_context *ctx, fx_diag *diag, fx_lint_summary *sum)
{
    for (size_t i = 0; i < ctx->define_count; i++) {
        const fx_define *d = &ctx->defines[i];
        if (d->used) continue;
        fx_diag_report(diag, FX_WARNING, d->file, d->line, 1,
                       "define %s is not used by any rule (delete it, or use it as {%s})", d->name, d->name);
        sum->unused_defines++;
    }
}

/* The candidate of rule at exactly [start, end), or NULL. */
static const fx_candidate *candidate_of(const fx_doc *doc, const fx_rule *rule, size_t start, size_t end)
{
    for (size_t i = 0; i < doc->candidate_count; i++) {
        const fx_candidate *c = &doc->candidates[i];
        if (c->rule == rule && c->start == start && c->end == end) return c;
    }
    return NULL;
}

/* A rule is shadowed when each [[span]] of its examples comes out as a fact
 * of another rule: the examples pass, but the rule itself is never needed
 * for them. Examples that fail are left to the selftest report. */
static void shadowed_rule(const fx_context *ctx, fx_scratch *scratch, const fx_rule *rule, fx_diag *diag,
                          fx_lint_summary *sum)
{
    if (rule->type == FX_TYPE_NONE) return;
    size_t spans = 0, others = 0;
    char first[512] = "";
    for (size_t e = 0; e < rule->example_count; e++) {
        const fx_example *ex = &rule->examples[e];
        if (ex->reject || ex->span_count == 0) continue;
        fx_doc *doc = fx_doc_new("example", NULL, ex->text, ex->text_len);
        if (ex->dct[0]) {
            memcpy(doc->dct, ex->dct, sizeof doc->dct);
            doc->dct_source = FX_DCT_OPTION;
        }
        fx_extract(ctx, scratch, doc, NULL);
        for (size_t s = 0; s < ex->span_count; s++) {
            spans++;
            for (size_t i = 0; i < doc->fact_count; i++) {
                const fx_fact *f = &doc->facts[i];
                if (f->type != rule->type || f->start != ex->spans[s].start || f->end != ex->spans[s].end) continue;
                const fx_rule *winner = f->candidate->rule;
                if (winner == rule) break;
                others++;
                if (!first[0]) {
                    const fx_candidate *own = candidate_of(doc, rule, f->norm_start, f->norm_end);
                    snprintf(first, sizeof first, "\"%.*s\" (line %zu) comes from %s (%s:%zu) %s%s",
                             (int)(f->end - f->start), doc->src + f->start, ex->line, winner->id, winner->file,
                             winner->line, own ? "because this rule's match " : "and this rule does not match it",
                             own ? (own->rejected ? own->rejected : "was dropped") : "");
                }
                break;
            }
        }
        fx_doc_free(doc);
    }
    if (spans == 0 || others != spans) return;
    fx_diag_report(diag, FX_WARNING, rule->file, rule->line, 1,
                   "rule %s is shadowed: every fact its examples mark (%zu) comes from another rule; e.g. %s",
                   rule->id, spans, first);
    sum->shadowed++;
}

static char *repeat_unit(const char *unit, size_t unit_len, size_t *len)
{
    size_t n = unit_len ? SUBJECT_BYTES / unit_len + 1 : 0;
    char *s = fx_xmalloc(n * unit_len + 1);
    for (size_t i = 0; i < n; i++) memcpy(s + i * unit_len, unit, unit_len);
    *len = n * unit_len;
    s[*len] = '\0';
    return s;
}

/* Run rule over subject the way the match stage does (every match, left to
 * right). Returns 0, or the PCRE2 error code that stopped it. */
static int run_over(const fx_rule *rule, pcre2_match_data *md, pcre2_match_context *mc, const char *s, size_t len)
{
    size_t offset = 0;
    while (offset <= len) {
        int rc = pcre2_match(rule->code, (PCRE2_SPTR)s, len, offset, PCRE2_NO_UTF_CHECK, md, mc);
        if (rc == PCRE2_ERROR_NOMATCH) return 0;
        if (rc < 0) return rc;
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
        offset = ov[1] > offset ? ov[1] : offset + 1;
        while (offset < len && ((unsigned char)s[offset] & 0xC0) == 0x80) offset++;
    }
    return 0;
}

/* Try rule on generic subjects and on subjects made from its own examples
 * (each span repeated, with and without its last character). Reports the
 * first subject that stops it. */
static void backtracking(const fx_rule *rule, pcre2_match_context *mc, fx_diag *diag,
                         fx_lint_summary *sum)
{
    if (!rule->code) return;
    fx_rule_jit(rule);   /* as the match stage runs it */
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(rule->code, NULL);
    size_t generic = sizeof generic_units / sizeof *generic_units;
    /* the distinct spans of the rule's examples (many examples share one) */
    const char *spans[OWN_SPANS];
    size_t span_lens[OWN_SPANS], own = 0;
    for (size_t e = 0; e < rule->example_count; e++)
        for (size_t k = 0; k < rule->examples[e].span_count && own < OWN_SPANS; k++) {
            const fx_example *ex = &rule->examples[e];
            const char *t = ex->text + ex->spans[k].start;
            size_t n = ex->spans[k].end - ex->spans[k].start, seen = 0;
            for (size_t i = 0; i < own && !seen; i++) seen = span_lens[i] == n && memcmp(spans[i], t, n) == 0;
            if (!seen && n) {
                spans[own] = t;
                span_lens[own++] = n;
            }
        }
    for (size_t k = 0; k < generic + 3 * own; k++) {
        const char *unit;
        size_t unit_len;
        char spaced[256];
        if (k < generic) {
            unit = generic_units[k];
            unit_len = strlen(unit);
        } else {
            size_t which = (k - generic) / 3, variant = (k - generic) % 3;
            unit = spans[which];
            unit_len = span_lens[which];
            if (variant == 1 && unit_len > 1) unit_len--;
            if (variant == 2 && unit_len + 2 < sizeof spaced) {
                memcpy(spaced, unit, unit_len);
                spaced[unit_len++] = ' ';
                unit = spaced;
            }
        }
        size_t len;
        char *subject = repeat_unit(unit, unit_len, &len);
        int rc = run_over(rule, md, mc, subject, len);
        free(subject);
        if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT || rc == PCRE2_ERROR_JIT_STACKLIMIT ||
            rc == PCRE2_ERROR_HEAPLIMIT) {
            PCRE2_UCHAR msg[200];
            pcre2_get_error_message(rc, msg, sizeof msg);
            fx_diag_report(diag, FX_ERROR, rule->file, rule->line, 1,
                           "rule %s: %s on %zu bytes of \"%.*s\" repeated (catastrophic backtracking: "
                           "look for nested or overlapping quantifiers)",
                           rule->id, (const char *)msg, len, (int)(unit_len < 40 ? unit_len : 40), unit);
            sum->backtracking++;
            break;
        }
    }
    pcre2_match_data_free(md);
}

int fx_lint(const char *rules_dir, fx_diag *diag, fx_lint_summary *sum)
{
    memset(sum, 0, sizeof *sum);
    fx_context *ctx = fx_context_load(rules_dir, diag);
    if (!ctx) return -1;
    sum->rules = ctx->rule_count;
    missing_tables(ctx, diag, sum);     /* first: it explains the examples that then fail */
    fx_selftest(ctx, diag, NULL, &sum->examples_passed, &sum->examples_failed);
    unused_defines(ctx, diag, sum);
    fx_scratch *scratch = fx_scratch_new(ctx);
    /* the limits of the match stage, with a JIT stack of the same size as
     * its scratch, so that lint fails exactly where extraction would */
    pcre2_match_context *mc = pcre2_match_context_copy(ctx->match_context);
    pcre2_jit_stack *stack = pcre2_jit_stack_create(32 * 1024, 1024 * 1024, NULL);
    pcre2_jit_stack_assign(mc, NULL, stack);
    for (size_t r = 0; r < ctx->rule_count; r++) {
        shadowed_rule(ctx, scratch, &ctx->rules[r], diag, sum);
        backtracking(&ctx->rules[r], mc, diag, sum);
        nested_repeat(&ctx->rules[r], diag, sum);
    }
    pcre2_jit_stack_free(stack);
    pcre2_match_context_free(mc);
    fx_scratch_free(scratch);
    fx_context_free(ctx);
    return 0;
}
