/* selftest.h - every rule's examples run through the whole pipeline.
 *
 * Each example is a tiny document; it passes when the facts of the rule's
 * type are exactly its [[spans]] with the given values (see rules.h).
 * Failures are reported to diag as FILE:LINE: error: ... with what came out.
 */
#ifndef FX_SELFTEST_H
#define FX_SELFTEST_H

#include <stddef.h>

#include "diag.h"
#include "factx.h"

/* Run the examples of every rule (or only of rule only_rule when not NULL),
 * adding to *passed and *failed; failures go to diag. Returns 0, -1 on
 * setup failure. */
int fx_selftest(const fx_context *ctx, fx_diag *diag, const char *only_rule, size_t *passed, size_t *failed);


#endif
