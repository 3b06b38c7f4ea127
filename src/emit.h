/* emit.h - stage 7: a document as one JSON object.
 *
 *   {"schema_version": "2.0",
 *    "doc": {"id", "path", "bytes", "sha256", "dct", "dct_source"},
 *    "facts": [{"type", "text", "start", "end", "cp_start", "cp_end",
 *               "value", "rule", "sentence", "sentence_start",
 *               "sentence_end", ...extra}],
 *    "warnings": [{"offset", "line", "column", "message"}]}
 *
 * Facts are sorted by start; start/end are byte offsets into the original
 * input, cp_start/cp_end code-point offsets; sentence_start/sentence_end
 * the byte range of the fact's sentence in the original input. Same
 * input, same bytes out.
 */
#ifndef FX_EMIT_H
#define FX_EMIT_H

#include "document.h"   /* and through it factx.h: FX_SCHEMA_VERSION, fx_emit_json */

struct cJSON;

/* A new cJSON tree for doc; the caller owns it (cJSON_Delete).
 * fx_emit_json writes the same bytes as printing it (json_print.h), but
 * straight from the document, without the tree. */
struct cJSON *fx_emit_tree(const fx_doc *doc);

/* fx_emit_json for a document whose values were not made (fx_extract_json
 * in factx.h): each fact's value is written straight into the text as the
 * fact is (values.h), with no tree; the same bytes as fx_values then
 * fx_emit_json. When value_seconds is not NULL, the time spent writing
 * values (and their extra fields) is added to it. keeper (json_print.h,
 * or NULL): where texts made from the context's tables are kept across
 * the documents one thread writes. */
struct fx_json_keeper;
char *fx_emit_json_valuing(const fx_doc *doc, int compact, struct fx_json_keeper *keeper, double *value_seconds);

#endif
