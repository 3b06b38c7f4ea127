/* lint.h - checks on a rules directory for rule authors (`factx lint`).
 *
 * Loading already reports what makes rules unusable (bad patterns with
 * PCRE2's message, duplicate rule ids, undefined sub-patterns, unknown
 * tables); when the rules load, lint goes on with what only shows when
 * they run:
 *   - every example and reject text (fx_selftest)             error
 *   - defines no rule uses (fx_define.used)                   warning
 *   - shadowed rules: every [[span]] of the rule's own
 *     examples comes out from another rule                    warning
 *   - patterns that hit PCRE2's match or depth limit on
 *     adversarial inputs (catastrophic backtracking)          error
 *   - nested unbounded repetition ("(?:[a-z]+ )*"): slow
 *     below the match limit of any one attempt                warning
 *   - a table the resolvers need for a type that has rules
 *     is not loaded (DATE_NAMES: month names get no value)    error
 * Every finding goes to diag as FILE:LINE:COL: severity: message.
 */
#ifndef FX_LINT_H
#define FX_LINT_H

#include <stddef.h>

#include "diag.h"

typedef struct fx_lint_summary {
    size_t rules, examples_passed, examples_failed;
    size_t unused_defines, shadowed, backtracking, nested_repeats, missing_tables;
} fx_lint_summary;

/* The offset in pattern of a group under an unbounded quantifier that
 * itself holds one ("(?:[a-z]+ )*"), or -1 (lint.c says why). */
long fx_lint_nested_repeat(const char *pattern);

/* Lint rules_dir. Returns 0 when the rules loaded (findings are counted in
 * diag and summary), -1 when they did not load (errors already reported). */
int fx_lint(const char *rules_dir, fx_diag *diag, fx_lint_summary *summary);

#endif
