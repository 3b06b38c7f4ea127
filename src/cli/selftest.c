/* selftest.c - see selftest.h. */
#include "selftest.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "rules.h"

/* Does got hold what want asks for? Objects compare on want's keys. */
static int value_matches(const cJSON *want, const cJSON *got)
{
    if (!got) return 0;
    if (cJSON_IsObject(want)) {
        if (!cJSON_IsObject(got)) return 0;
        for (const cJSON *w = want->child; w; w = w->next)
            if (!value_matches(w, cJSON_GetObjectItemCaseSensitive(got, w->string))) return 0;
        return 1;
    }
    if (cJSON_IsNumber(want) && cJSON_IsString(got)) {
        /* "=> 2015" for a date: the bare value reads as a number */
        char buf[64];
        snprintf(buf, sizeof buf, "%.17g", want->valuedouble);
        return strcmp(buf, got->valuestring) == 0;
    }
    if (cJSON_IsNumber(want)) {
        if (!cJSON_IsNumber(got)) return 0;
        double a = want->valuedouble, b = got->valuedouble;
        return fabs(a - b) <= 1e-9 * fmax(1.0, fmax(fabs(a), fabs(b)));
    }
    if (cJSON_IsString(want))
        return cJSON_IsString(got) && strcmp(want->valuestring, got->valuestring) == 0;
    return cJSON_Compare(want, got, 1);
}

/* "[[text]]=value (rule), ..." for the facts of one type (or all). */
static char *describe(const fx_doc *doc, int type)
{
    size_t cap = 256, len = 0;
    char *out = fx_xmalloc(cap);
    out[0] = '\0';
    for (size_t i = 0; i < doc->fact_count; i++) {
        const fx_fact *f = &doc->facts[i];
        if (type >= 0 && (int)f->type != type) continue;
        char *v = cJSON_PrintUnformatted(f->value);
        int n = snprintf(NULL, 0, "%s%s [[%.*s]] => %s (%s)", len ? "," : "", fx_type_name(f->type),
                         (int)(f->end - f->start), doc->src + f->start, v, f->candidate->rule->id);
        while (len + (size_t)n + 1 > cap) out = fx_xrealloc(out, cap *= 2);
        snprintf(out + len, cap - len, "%s%s [[%.*s]] => %s (%s)", len ? "," : "", fx_type_name(f->type),
                 (int)(f->end - f->start), doc->src + f->start, v, f->candidate->rule->id);
        len += (size_t)n;
        free(v);
    }
    if (!len) snprintf(out, cap, "nothing");
    return out;
}

/* A blocking rule's example: no fact overlaps a marked span; a reject
 * gives no fact of type (any type: -1). */
static const char *check_blocked(const fx_example *ex, const fx_doc *doc, int type)
{
    for (size_t s = 0; s < ex->span_count; s++)
        for (size_t i = 0; i < doc->fact_count; i++)
            if (doc->facts[i].start < ex->spans[s].end && ex->spans[s].start < doc->facts[i].end)
                return "a fact overlaps a blocked span";
    for (size_t i = 0; ex->reject && i < doc->fact_count; i++)
        if (type < 0 || (int)doc->facts[i].type == type) return "expected no facts";
    return NULL;
}

/* NULL when the example holds, else what went wrong (static text). A
 * TimeML-only rule (FX_RULE_TIMEML) is checked twice: outside TimeML
 * mode (timeml 0) its spans only block, in TimeML mode they are facts. */
static const char *check(const fx_rule *rule, const fx_example *ex, const fx_doc *doc, int timeml)
{
    if (rule->type == FX_TYPE_NONE) return check_blocked(ex, doc, -1);
    if ((rule->flags & FX_RULE_TIMEML) && !timeml) return check_blocked(ex, doc, (int)rule->type);
    size_t k = 0;
    for (size_t i = 0; i < doc->fact_count; i++) {
        const fx_fact *f = &doc->facts[i];
        if (f->type != rule->type) continue;
        if (ex->reject) return "expected no fact of this type";
        if (k >= ex->span_count) return "an unexpected fact";
        if (f->start != ex->spans[k].start || f->end != ex->spans[k].end) return "a span differs";
        cJSON *want = fx_example_value(ex, k);
        int differs = want && !value_matches(want, f->value);
        cJSON_Delete(want);
        if (differs) return "a value differs";
        k++;
    }
    if (k < ex->span_count) return "an expected fact is missing";
    return NULL;
}

int fx_selftest(const fx_context *ctx, fx_diag *diag, const char *only_rule, size_t *passed, size_t *failed)
{
    fx_scratch *scratch = fx_scratch_new(ctx);
    if (!scratch) return -1;
    for (size_t r = 0; r < ctx->rule_count; r++) {
        const fx_rule *rule = &ctx->rules[r];
        if (only_rule && strcmp(only_rule, rule->id) != 0) continue;
        for (size_t e = 0; e < rule->example_count; e++) {
            const fx_example *ex = &rule->examples[e];
            fx_doc *doc = NULL;
            const char *problem = NULL;
            for (int timeml = 0; timeml <= ((rule->flags & FX_RULE_TIMEML) != 0) && !problem; timeml++) {
                fx_doc_free(doc);
                doc = fx_doc_new("example", NULL, ex->text, ex->text_len);
                doc->timeml = timeml;
                if (ex->dct[0]) {
                    memcpy(doc->dct, ex->dct, sizeof doc->dct);
                    doc->dct_source = FX_DCT_OPTION;
                }
                fx_extract(ctx, scratch, doc, NULL);
                problem = check(rule, ex, doc, timeml);
            }
            if (!problem) {
                (*passed)++;
            } else {
                (*failed)++;
                char *got = describe(doc, rule->type == FX_TYPE_NONE || ex->reject ? -1 : (int)rule->type);
                fx_diag_report(diag, FX_ERROR, rule->file, ex->line, ex->col, "rule %s: %s %s; got %s",
                               rule->id, ex->reject ? "reject" : "example", problem, got);
                free(got);
            }
            fx_doc_free(doc);
        }
    }
    fx_scratch_free(scratch);
    return 0;
}
