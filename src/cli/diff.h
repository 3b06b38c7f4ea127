/* diff.h - regression diff between two runs of factx (`factx diff`).
 *
 * Each side is an output folder (every *.json below it, one document each,
 * matched by relative path), a JSON Lines file (one document a line,
 * matched by doc.id) or one document's .json file (matched by file name). Facts of the same type are paired per document:
 * equal spans first, then the largest overlap. A pair is "changed" when
 * the span, the value or the rule differs; the rest are "added" (only in
 * NEW) or "removed" (only in OLD). Changes are printed grouped by type and
 * rule, each with its sentence and the fact marked in it ([-old-], {+new+},
 * or colours), then one summary line.
 *
 * The sentence comes from the document text: DOCS_DIR/NAME.txt when a docs
 * folder is given, else the doc.path recorded in the output if the file
 * there still has doc.bytes bytes. Without the text only the fact is shown.
 */
#ifndef FX_DIFF_H
#define FX_DIFF_H

#include <stddef.h>
#include <stdio.h>

#include "diag.h"

typedef struct fx_diff_options {
    const char *docs_dir;   /* NULL: use doc.path */
    int color;              /* ANSI colours instead of [- -] / {+ +} */
} fx_diff_options;

typedef struct fx_diff_summary {
    size_t documents, only_old, only_new;
    size_t added, removed, changed, changed_span, changed_value, changed_rule, unchanged;
} fx_diff_summary;

/* Compare the runs at old_path and new_path and print the report to out.
 * Returns 0 (see summary for differences), -1 when a side is unreadable. */
int fx_diff(const char *old_path, const char *new_path, const fx_diff_options *options, FILE *out,
            fx_diag *diag, fx_diff_summary *summary);

/* 1 when the summary shows any difference. */
int fx_diff_differs(const fx_diff_summary *summary);

#endif
