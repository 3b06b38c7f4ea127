/* values_impl.h - the value normalisers behind values.h, one file per
 * family, and the helpers they share (values_common.c). Internal to the
 * values stage: values.c -> values_<family>.c -> values_common.c. */
#ifndef FX_VALUES_IMPL_H
#define FX_VALUES_IMPL_H

#include <cjson/cJSON.h>

#include "rules.h"
#include "values.h"

cJSON *fx_value_date(fx_value_env *env, fx_fact *fact);
cJSON *fx_value_money(fx_value_env *env, fx_fact *fact);
cJSON *fx_value_percent(fx_value_env *env, fx_fact *fact);
cJSON *fx_value_city(fx_value_env *env, fx_fact *fact);
cJSON *fx_value_org(fx_value_env *env, fx_fact *fact);
cJSON *fx_value_acronym(fx_value_env *env, fx_fact *fact);

/* The words of the document: maximal runs of fx_is_word_byte (words.h:
 * ASCII letters and digits, bytes >= 0x80), in text order, [start[k], end[k]). Found at the first
 * need and kept for the document (the city and money values both read
 * them). */
typedef struct fx_words {
    size_t count;
    size_t *start, *end;
} fx_words;

const fx_words *fx_doc_words(fx_value_env *env);

/* Parse a number written with ',', '.', ' ' or '\'' separators; 0 on
 * success (values_money.c). Ambiguous "1.500" and "1,500" are read as thousands when
 * continental is set, English otherwise. */
int fx_parse_number(const char *s, size_t len, int continental, double *out);

/* strtod(s, NULL), without its cost for a plain decimal of at most 15
 * digits ("55.67594", "-3", "1000000"): those are read exactly here. */
double fx_parse_decimal(const char *s);

/* Building values with fewer allocations: a key is a string literal, kept
 * rather than copied (cJSON_AddItemToObjectCS), and a string that lives
 * as long as the document - its arena, the context's tables, a literal -
 * is referenced rather than copied. Strings on the stack go through
 * cJSON_CreateString as before. */
void fx_add(cJSON *object, const char *literal_key, cJSON *item);
void fx_add_lasting(cJSON *object, const char *literal_key, const char *lasting);
void fx_add_number(cJSON *object, const char *literal_key, double number);

/* Case-insensitive ASCII comparison of s[0..len) with word. */
int fx_word_is(const char *s, size_t len, const char *word);

/* The text of the named capture of fact's match: sets *text and returns its
 * length, or returns -1 when the group is unset or does not exist. */
long fx_fact_group(const fx_doc *doc, const fx_fact *fact, const char *name, const char **text);

/* Copy of a capture as a NUL-terminated string in buf ("" when unset). */
const char *fx_group_str(const fx_value_env *env, const fx_fact *fact, const char *name,
                         char *buf, size_t size);

#endif
