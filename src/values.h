/* values.h - stage 6: a value for every fact resolve kept.
 *
 * Each rule names a value kind ("value:" in its rule file; by default the
 * name of its type), and each kind has a value function: the fact as its
 * resolver decided it (fact->resolution, see resolve.h) in, its value out
 * as a new cJSON tree, and optionally *extra, an object whose members are
 * added to the fact. It decides nothing (no fact is dropped here, none
 * changed but its own value and extra fields) and reads nothing but the
 * fact. Ownership: both trees pass to the document.
 */
#ifndef FX_VALUES_H
#define FX_VALUES_H

#include "document.h"

struct cJSON;

typedef struct cJSON *(*fx_value_fn)(const fx_fact *fact, struct cJSON **extra);

/* Value every fact of doc. */
void fx_values(fx_doc *doc);

/* The value of one fact (and *extra, which the caller sets to NULL
 * first), as fx_values gives it; both trees are the caller's. */
struct cJSON *fx_value_of(const fx_fact *fact, struct cJSON **extra);

#endif
