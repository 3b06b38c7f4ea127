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

#include "document.h"

/* Score OUT_DIR/NAME.json against GOLD_DIR/NAME.json (shared/spec/SCORING.md);
 * DOCS_DIR (may be NULL) holds NAME.txt for offset checks. Prints a table
 * (or JSON) to out. Returns 0, -1 when gold is unreadable. */
int fx_eval(const char *gold_dir, const char *out_dir, const char *docs_dir, int as_json, FILE *out,
            fx_diag *diag);


struct cJSON;

/* The pieces of fx_eval, for reports that score one document at a time
 * (factx html). */
typedef struct fx_eval_counts {
    size_t gold, system, strict, lenient, value_checked, value_ok, offset_errors;
} fx_eval_counts;

enum { FX_EVAL_UNMATCHED, FX_EVAL_STRICT, FX_EVAL_LENIENT };

typedef struct fx_eval_fact {
    int type;                   /* fx_type */
    long start, end;
    const struct cJSON *value;  /* borrowed from the tree it was read from */
    int used;                   /* FX_EVAL_UNMATCHED, _STRICT or _LENIENT after scoring */
    long partner;               /* index of the matched fact in the other list, or -1 */
    int value_ok;               /* matched, and the values agree (SCORING.md) */
} fx_eval_fact;

/* The scored facts of a gold or output document (other types skipped), in
 * its order; the caller frees the array. */
fx_eval_fact *fx_eval_facts(const struct cJSON *root, size_t *count);
/* Pair gold with system facts, type by type: equal spans first, then the
 * largest overlap; adds to per[type] and marks both lists. */
void fx_eval_score(fx_eval_fact *gold, size_t gold_count, fx_eval_fact *sys, size_t sys_count,
                   fx_eval_counts per[FX_TYPE_COUNT]);
/* 1 when values of this type are compared (its registry row, types.h),
 * 0 for a type whose values are not scored (org). */
int fx_eval_scores_values(int type);
/* All types together (values of unscored types left out). */
fx_eval_counts fx_eval_total(const fx_eval_counts per[FX_TYPE_COUNT]);

typedef struct fx_eval_metrics {
    double precision, recall, f1, lenient_precision, lenient_recall, lenient_f1, value_accuracy;
} fx_eval_metrics;

fx_eval_metrics fx_eval_metrics_of(const fx_eval_counts *counts);

#endif
