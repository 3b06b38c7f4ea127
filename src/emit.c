/* emit.c - see emit.h. */
#include "emit.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "diag.h"
#include "json_print.h"
#include "normalise.h"
#include "rules.h"
#include "sha256.h"

static cJSON *string_or_null(const char *s)
{
    return s ? cJSON_CreateString(s) : cJSON_CreateNull();
}

cJSON *fx_emit_tree(const fx_doc *doc)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "schema_version", FX_SCHEMA_VERSION);
    cJSON *d = cJSON_AddObjectToObject(root, "doc");
    cJSON_AddStringToObject(d, "id", doc->id);
    cJSON_AddItemToObject(d, "path", string_or_null(doc->path));
    cJSON_AddNumberToObject(d, "bytes", (double)doc->src_len);
    char hex[65];
    fx_sha256_hex(doc->src, doc->src_len, hex);
    cJSON_AddStringToObject(d, "sha256", hex);
    cJSON_AddItemToObject(d, "dct", string_or_null(doc->dct[0] ? doc->dct : NULL));
    cJSON_AddStringToObject(d, "dct_source", fx_dct_source_name(doc->dct_source));

    cJSON *facts = cJSON_AddArrayToObject(root, "facts");
    size_t cp_pos = 0, byte_pos = 0;   /* facts are sorted: count code points once */
    for (size_t i = 0; i < doc->fact_count; i++) {
        const fx_fact *f = &doc->facts[i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "type", fx_type_name(f->type));
        char *text = fx_xstrndup(doc->src + f->start, f->end - f->start);
        cJSON_AddStringToObject(o, "text", text);
        free(text);
        cJSON_AddNumberToObject(o, "start", (double)f->start);
        cJSON_AddNumberToObject(o, "end", (double)f->end);
        cp_pos += fx_utf8_count(doc->src + byte_pos, f->start - byte_pos);
        byte_pos = f->start;
        size_t cp_end = cp_pos + fx_utf8_count(doc->src + f->start, f->end - f->start);
        cJSON_AddNumberToObject(o, "cp_start", (double)cp_pos);
        cJSON_AddNumberToObject(o, "cp_end", (double)cp_end);
        cJSON_AddItemToObject(o, "value", cJSON_Duplicate(f->value, 1));
        cJSON_AddStringToObject(o, "rule", f->candidate->rule->id);
        cJSON_AddNumberToObject(o, "sentence", (double)f->sentence);
        if (f->extra)
            for (cJSON *e = f->extra->child; e; e = e->next)
                if (!cJSON_GetObjectItemCaseSensitive(o, e->string))
                    cJSON_AddItemToObject(o, e->string, cJSON_Duplicate(e, 1));
        cJSON_AddItemToArray(facts, o);
    }

    cJSON *warnings = cJSON_AddArrayToObject(root, "warnings");
    for (size_t i = 0; i < doc->warning_count; i++) {
        const fx_warning *w = &doc->warnings[i];
        cJSON *o = cJSON_CreateObject();
        if (w->offset == FX_UNSET) {
            cJSON_AddNullToObject(o, "offset");
        } else {
            size_t line, col;
            fx_line_col(doc->src, doc->src_len, w->offset, &line, &col);
            cJSON_AddNumberToObject(o, "offset", (double)w->offset);
            cJSON_AddNumberToObject(o, "line", (double)line);
            cJSON_AddNumberToObject(o, "column", (double)col);
        }
        cJSON_AddStringToObject(o, "message", w->message);
        cJSON_AddItemToArray(warnings, o);
    }
    return root;
}

char *fx_emit_json(const fx_doc *doc, int compact)
{
    cJSON *root = fx_emit_tree(doc);
    char *s = fx_json_print(root, !compact);
    cJSON_Delete(root);
    return s;
}
