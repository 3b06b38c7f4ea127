/* values.h - stage 6: a value for every fact resolve kept.
 *
 * Each rule names a value kind ("value:" in its rule file; by default the
 * name of its type), and each kind has a value function: the fact as its
 * resolver decided it (fact->resolution, see resolve.h) in, its value out,
 * and optionally extra fields added to the fact. It decides nothing (no
 * fact is dropped here, none changed but its own value and extra fields)
 * and reads nothing but the fact. The value is made as cJSON trees for the
 * library's facts (fx_values, fx_value_of), or written as JSON text
 * straight into emit's writer (fx_value_write, fx_value_extra_write): the
 * same logic, without a tree per fact.
 */
#ifndef FX_VALUES_H
#define FX_VALUES_H

#include "document.h"
#include "json_print.h"

struct cJSON;

/* Value every fact of doc. */
void fx_values(fx_doc *doc);

/* The value of one fact (and *extra, an object of its extra fields, or
 * NULL when it has none), as fx_values gives it; both trees are the
 * caller's. */
struct cJSON *fx_value_of(const fx_fact *fact, struct cJSON **extra);

enum { FX_VALUE_MAX_LEVEL = 4 };    /* nesting inside a value: a city's candidates, a range's other end */

/* Where a value goes (values_impl.h's calls fill it). With json set, its
 * text is written there: a value (a string, a number or an object) in the
 * output's shape for type (output_value.h), or extra fields as members of
 * the object open in the writer. Without, a cJSON tree is built in root:
 * the value itself, or an object made by the first extra field (none:
 * root stays NULL). */
typedef struct fx_value_out {
    fx_json_writer *json;
    fx_type type;
    unsigned level;                         /* objects and arrays open inside the value */
    struct cJSON *root;
    struct cJSON *open[FX_VALUE_MAX_LEVEL];
} fx_value_out;

/* Into out, made once for a document's facts as {.json = w} (each write
 * sets its type and leaves level 0), the same bytes as
 * fx_output_value_write(w, fact->type, fx_value_of(fact)) (output_value.h):
 * the fact's value in the output's shape. */
void fx_value_write(fx_value_out *out, const fx_fact *fact);

/* The fact's extra fields as members of the object open in out->json:
 * the same bytes as writing each member of fx_value_of's *extra (whose
 * keys are never a fact's own nor repeated). */
void fx_value_extra_write(fx_value_out *out, const fx_fact *fact);

#endif
