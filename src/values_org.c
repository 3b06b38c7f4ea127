/* values_org.c - organisation values: {name} and, for acronyms,
 * {acronym_of}.
 *
 * A list rule's table may give the canonical name (column name). An
 * all-capitals mention right after an organisation, in parentheses
 * ("Beijing Water Authority (BWA)"), defines an acronym; a later mention
 * with the same text is linked to the same long form.
 */
#include <stdlib.h>
#include <string.h>

#include "values_impl.h"

static int is_acronym(const char *s, size_t n)
{
    size_t caps = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z') caps++;
        else if (!(c >= '0' && c <= '9') && c != '&' && c != '-') return 0;
    }
    return caps >= 2;
}

static const char *fact_name(const fx_fact *f)
{
    cJSON *name = f->value ? cJSON_GetObjectItemCaseSensitive(f->value, "name") : NULL;
    return cJSON_IsString(name) ? name->valuestring : NULL;
}

/* The long form this acronym mention stands for, or NULL. */
static const char *acronym_long_form(const fx_value_env *env, const fx_fact *fact)
{
    const fx_doc *doc = env->doc;
    const char *text = doc->text + fact->norm_start;
    size_t n = fact->norm_end - fact->norm_start;
    /* "Long Name (ACR)": the previous valued fact ends just before " (" */
    if (env->index > 0 && fact->norm_start >= 2 && doc->text[fact->norm_start - 1] == '(') {
        for (size_t j = env->index; j-- > 0;) {
            const fx_fact *prev = &doc->facts[j];
            if (!prev->value) continue;
            if (prev->type == FX_ORG && prev->norm_end + 2 >= fact->norm_start &&
                prev->norm_end <= fact->norm_start)
                return fact_name(prev);
            break;
        }
    }
    /* a later mention of an acronym defined earlier */
    for (size_t j = 0; j < env->index; j++) {
        const fx_fact *prev = &doc->facts[j];
        if (!prev->value || prev->type != FX_ORG || prev->norm_end - prev->norm_start != n) continue;
        if (memcmp(doc->text + prev->norm_start, text, n) != 0) continue;
        cJSON *of = cJSON_GetObjectItemCaseSensitive(prev->value, "acronym_of");
        if (cJSON_IsString(of)) return of->valuestring;
    }
    return NULL;
}

cJSON *fx_value_org(fx_value_env *env, fx_fact *fact)
{
    const fx_doc *doc = env->doc;
    const char *text = doc->text + fact->norm_start;
    size_t n = fact->norm_end - fact->norm_start;
    const fx_table_row *row = fact->candidate->entry;
    const fx_table *t = fact->candidate->rule->list;
    cJSON *v = cJSON_CreateObject();
    const char *canonical = row && t ? fx_table_field(t, row, "name") : "";
    const char *long_form = is_acronym(text, n) ? acronym_long_form(env, fact) : NULL;
    if (long_form) {
        cJSON_AddStringToObject(v, "name", long_form);
        cJSON_AddStringToObject(v, "acronym_of", long_form);
    } else if (*canonical) {
        cJSON_AddStringToObject(v, "name", canonical);
    } else {
        char *name = strndup(text, n);
        cJSON_AddStringToObject(v, "name", name);
        free(name);
    }
    return v;
}

/* An all-capitals word is an organisation only as a defined acronym. */
cJSON *fx_value_acronym(fx_value_env *env, fx_fact *fact)
{
    const char *text = env->doc->text + fact->norm_start;
    size_t n = fact->norm_end - fact->norm_start;
    if (!is_acronym(text, n) || !acronym_long_form(env, fact)) return NULL;
    return fx_value_org(env, fact);
}
