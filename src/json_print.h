/* json_print.h - cJSON trees to text, fast and byte-identical to cJSON.
 *
 * cJSON_Print / cJSON_PrintUnformatted format every number through
 * sprintf("%1.15g") and check it with sscanf, and grow their buffer by
 * reallocation; on news articles that was a fifth of the run time. These
 * print the same bytes (tests/unit checks it against cJSON on the corpus)
 * with integers formatted by hand and one buffer that grows geometrically.
 *
 * Ownership: the returned string is the caller's to free().
 */
#ifndef FX_JSON_PRINT_H
#define FX_JSON_PRINT_H

struct cJSON;

/* As cJSON_PrintUnformatted (formatted == 0) or cJSON_Print (formatted). */
char *fx_json_print(const struct cJSON *item, int formatted);

#endif
