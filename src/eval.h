/* eval.h - scoring against gold files (../shared/spec/SCORING.md).
 *
 * For each GOLD_DIR/NAME.json, OUT_DIR/NAME.json is compared fact by fact:
 * strict and lenient precision, recall and F1 per type and overall, value
 * accuracy among lenient matches (organisations not valued), and, when
 * DOCS_DIR holds NAME.txt, the facts whose text is not input[start:end].
 */
#ifndef FX_EVAL_H
#define FX_EVAL_H

#include <stdio.h>

#include "diag.h"

/* fx_eval (print the table or JSON to out) is declared in factx.h. */
#include "factx.h"

#endif
