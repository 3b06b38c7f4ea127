/* api.c - the public accessors of factx.h over the internal structures
 * (document.h, input.h), so that callers never see inside an fx_doc. */
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "diag.h"
#include "document.h"
#include "factx.h"
#include "json_print.h"
#include "output_value.h"
#include "rules.h"

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
void fx_doc_set_timeml(fx_doc *doc, int on) { doc->timeml = on != 0; }

/* Digits in the right places and a day that exists: a year 0001-9999 (the
 * years a TIMEX3 value writes with four digits), a month 1-12, a day of
 * that month ("2014-02-31" and "0000-01-01" are refused). */
int fx_date_valid(const char *s, size_t len)
{
    if (!s || len != 10 || s[4] != '-' || s[7] != '-') return 0;
    for (size_t i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9')) return 0;
    fx_ymd d;
    char date[11];
    memcpy(date, s, 10);
    date[10] = '\0';
    fx_parse_iso(date, &d);
    return fx_year_in_range(d.y) && d.m >= 1 && d.m <= 12 && d.d >= 1 && d.d <= fx_days_in_month(d.y, d.m);
}

int fx_doc_set_dct(fx_doc *doc, const char *dct, fx_dct_source source)
{
    if (!dct || !fx_date_valid(dct, strlen(dct))) return -1;
    memcpy(doc->dct, dct, 10);
    doc->dct[10] = '\0';
    doc->dct_source = source;
    return 0;
}

const char *fx_doc_dct(const fx_doc *doc, fx_dct_source *source)
{
    if (source) *source = doc->dct_source;
    return doc->dct;
}

size_t fx_doc_fact_count(const fx_doc *doc) { return doc->fact_count; }

void fx_doc_fact_counts(const fx_doc *doc, size_t *counts, size_t n)
{
    size_t by_type[FX_TYPE_NONE + 1] = {0};     /* the last: none's, and a type out of the registry's */
    for (size_t i = 0; i < doc->fact_count; i++) {
        fx_type t = doc->facts[i].type;
        by_type[(unsigned)t < FX_TYPE_COUNT ? t : FX_TYPE_NONE]++;
    }
    for (size_t t = 0; t < n; t++) counts[t] = t < FX_TYPE_COUNT ? by_type[t] : 0;
}

int fx_doc_fact(const fx_doc *doc, size_t i, fx_fact_info *info)
{
    if (i >= doc->fact_count) return -1;
    const fx_fact *f = &doc->facts[i];
    info->type = fx_type_name(f->type);
    info->text = doc->src + f->start;
    info->start = f->start;
    info->end = f->end;
    info->rule = f->candidate->rule->id;
    info->sentence = f->sentence;
    return 0;
}

char *fx_doc_fact_value(const fx_doc *doc, size_t i)
{
    if (i >= doc->fact_count) return NULL;
    if (!doc->facts[i].value) return fx_xstrdup("null");   /* after fx_extract_json */
    cJSON *value = fx_output_value(doc->facts[i].type, doc->facts[i].value);
    char *s = fx_json_print(value, 0);
    cJSON_Delete(value);
    return s;
}

size_t fx_doc_warning_count(const fx_doc *doc) { return doc->warning_count; }

const char *fx_doc_warning(const fx_doc *doc, size_t i, size_t *line, size_t *column)
{
    if (i >= doc->warning_count) return NULL;
    const fx_warning *w = &doc->warnings[i];
    *line = w->line;
    *column = w->column;
    return w->message;
}
