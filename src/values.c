/* values.c - see values.h: the registry and the stage driver. */
#include "values.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "values_impl.h"

static const struct { const char *name; fx_value_fn fn; } registry[] = {
    {"date", fx_value_date},   {"money", fx_value_money}, {"percent", fx_value_percent},
    {"city", fx_value_city},   {"org", fx_value_org},     {"acronym", fx_value_acronym},
};

fx_value_fn fx_values_find(const char *name)
{
    for (size_t i = 0; i < sizeof registry / sizeof *registry; i++)
        if (strcmp(registry[i].name, name) == 0) return registry[i].fn;
    return NULL;
}

long fx_fact_group(const fx_doc *doc, const fx_fact *fact, const char *name, const char **text)
{
    const fx_candidate *c = fact->candidate;
    const fx_rule *rule = c->rule;
    for (size_t g = 0; g < c->group_count; g++) {
        if (!rule->group_names[g] || strcmp(rule->group_names[g], name) != 0) continue;
        if (c->groups[2 * g] == FX_UNSET) continue;     /* a duplicate name may be set */
        *text = doc->text + c->groups[2 * g];
        return (long)(c->groups[2 * g + 1] - c->groups[2 * g]);
    }
    return -1;
}

const char *fx_group_str(const fx_value_env *env, const fx_fact *fact, const char *name,
                         char *buf, size_t size)
{
    const char *t;
    long n = fx_fact_group(env->doc, fact, name, &t);
    if (n < 0 || (size_t)n >= size) n = 0;
    if (n > 0) memcpy(buf, t, (size_t)n);
    buf[n > 0 ? n : 0] = '\0';
    return buf;
}

int fx_word_is(const char *s, size_t len, const char *word)
{
    size_t wl = strlen(word);
    if (wl != len) return 0;
    for (size_t i = 0; i < len; i++)
        if (tolower((unsigned char)s[i]) != tolower((unsigned char)word[i])) return 0;
    return 1;
}

int fx_parse_number(const char *s, size_t len, int continental, double *out)
{
    char digits[128];
    size_t n = 0;
    /* the decimal mark: the last '.' or ',' unless it groups thousands */
    long last_dot = -1, last_comma = -1;
    size_t dots = 0, commas = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '.') { last_dot = (long)i; dots++; }
        if (s[i] == ',') { last_comma = (long)i; commas++; }
    }
    long mark = -1;
    if (dots && commas) mark = last_dot > last_comma ? last_dot : last_comma;
    else if (dots == 1 || commas == 1) {
        long at = dots ? last_dot : last_comma;
        size_t after = len - (size_t)at - 1;
        int ambiguous = after == 3;
        int english_mark = dots == 1;
        if (!ambiguous) mark = at;
        else if (continental ? !english_mark : english_mark) mark = at;
    }
    for (size_t i = 0; i < len && n + 2 < sizeof digits; i++) {
        char c = s[i];
        if (c >= '0' && c <= '9') digits[n++] = c;
        else if ((long)i == mark) digits[n++] = '.';
        else if (c == ',' || c == '.' || c == ' ' || c == '\'') continue;
        else return -1;
    }
    if (n == 0) return -1;
    digits[n] = '\0';
    char *end;
    *out = strtod(digits, &end);
    return *end ? -1 : 0;
}

int fx_values(const struct fx_context *ctx, fx_doc *doc)
{
    fx_value_env env = {0};
    env.ctx = ctx;
    env.doc = doc;
    if (!doc->dct[0]) fx_values_detect_dct(&env);
    size_t kept = 0;
    for (size_t i = 0; i < doc->fact_count; i++) {
        fx_fact *f = &doc->facts[i];
        env.index = i;
        cJSON *value = f->candidate->rule->value(&env, f);
        if (!value) {
            ((fx_candidate *)f->candidate)->rejected = "its value normaliser rejected it";
            cJSON_Delete(f->extra);
            f->extra = NULL;
            continue;
        }
        f->value = value;
        doc->facts[kept++] = *f;
    }
    doc->fact_count = kept;
    return 0;
}
