/* values.h - stage 6: a value for every resolved fact.
 *
 * Each rule names a value normaliser ("value:" in its rule file; by
 * default the name of its type). A normaliser reads the rule's named
 * captures and returns the fact's value as a new cJSON tree, or NULL to
 * reject the fact (an impossible date, a number that is no amount). It may
 * also set fact->extra (an object whose members are added to the fact).
 * Ownership: both trees pass to the document.
 *
 * Facts are valued in document order, so a normaliser can use what came
 * before (the last date mentioned, the acronyms defined so far).
 */
#ifndef FX_VALUES_H
#define FX_VALUES_H

#include <stddef.h>

#include "document.h"

struct cJSON;
struct fx_context;

typedef struct fx_value_env {
    const struct fx_context *ctx;
    fx_doc *doc;
    size_t index;               /* of the fact being valued */
    char anchor[64];            /* last absolute date value, "" if none */
    size_t valued;              /* facts[0..valued) are the kept facts before this one */
    struct fx_date_cache *date;     /* values_date.c's tense cues, indexed (arena) */
    const struct fx_words *words;   /* the document's words (values_common.c, arena) */
} fx_value_env;

typedef struct cJSON *(*fx_value_fn)(fx_value_env *env, fx_fact *fact);

/* Value every fact of doc; rejected facts are removed. */
void fx_values(const struct fx_context *ctx, fx_doc *doc);

#endif
