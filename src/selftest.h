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

/* fx_selftest is declared in factx.h. */

#endif
