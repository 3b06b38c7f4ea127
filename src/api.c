/* api.c - the public accessors of factx.h over the internal structures
 * (document.h, input.h), so that callers never see inside an fx_doc. */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "diag.h"
#include "document.h"
#include "factx.h"

const char *fx_version(void) { return FACTX_VERSION; }

int fx_types_parse(const char *list, unsigned *types)
{
    unsigned set = 0;
    const char *p = list;
    while (*p) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        int t = fx_type_from_name(p, n);
        if (t < 0 || t >= FX_TYPE_COUNT) return -1;
        set |= 1u << t;
        p += n + (comma ? 1 : 0);
    }
    if (!set) return -1;
    *types = set;
    return 0;
}

void fx_doc_set_types(fx_doc *doc, unsigned types) { doc->types = types & FX_ALL_TYPES; }

/* Digits in the right places and a month and day that can exist. */
static int valid_date(const char *s)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-') return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9')) return 0;
    int m = atoi(s + 5), d = atoi(s + 8);
    return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

int fx_doc_set_dct(fx_doc *doc, const char *dct, fx_dct_source source)
{
    if (!valid_date(dct)) return -1;
    memcpy(doc->dct, dct, 10);
    doc->dct[10] = '\0';
    doc->dct_source = source;
    return 0;
}

size_t fx_doc_fact_count(const fx_doc *doc) { return doc->fact_count; }

size_t fx_doc_warning_count(const fx_doc *doc) { return doc->warning_count; }

const char *fx_doc_warning(const fx_doc *doc, size_t i, size_t *line, size_t *column)
{
    if (i >= doc->warning_count) return NULL;
    const fx_warning *w = &doc->warnings[i];
    *line = *column = 0;
    if (w->offset != FX_UNSET) fx_line_col(doc->src, doc->src_len, w->offset, line, column);
    return w->message;
}

char *fx_jsonl_error_json(const fx_jsonl_record *rec)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "schema_version", FX_SCHEMA_VERSION);
    cJSON_AddStringToObject(o, "id", rec->id ? rec->id : "");
    cJSON_AddNumberToObject(o, "line", (double)rec->line);
    cJSON_AddStringToObject(o, "error", rec->error ? rec->error : "malformed record");
    char *s = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    return s;
}
