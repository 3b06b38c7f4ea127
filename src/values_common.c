/* values_common.c - helpers the value normalisers share (values_impl.h):
 * captures, numbers, cJSON building, the document's words. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "values_impl.h"

long fx_fact_group(const fx_doc *doc, const fx_fact *fact, const char *name, const char **text)
{
    const fx_candidate *c = fact->candidate;
    const fx_rule *rule = c->rule;
    for (size_t g = 0; g < c->group_count; g++) {
        const char *group = rule->group_names[g];
        if (!group || group[0] != name[0] || strcmp(group, name) != 0) continue;
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

double fx_parse_decimal(const char *s)
{
    static const double powers_of_ten[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                           1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
    /* [-]digits[.digits], 15 digits at most: m and 10^k are exact doubles,
     * so m / 10^k rounds once, to the nearest double, as strtod does */
    const char *p = s;
    int negative = *p == '-';
    p += negative;
    unsigned long long m = 0;
    size_t digits = 0, decimals = 0;
    for (; *p >= '0' && *p <= '9'; p++, digits++) m = m * 10 + (unsigned long long)(*p - '0');
    if (digits == 0) return strtod(s, NULL);
    if (*p == '.') {
        const char *f = ++p;
        for (; *p >= '0' && *p <= '9'; p++, digits++) m = m * 10 + (unsigned long long)(*p - '0');
        decimals = (size_t)(p - f);
        if (decimals == 0) return strtod(s, NULL);
    }
    if (*p || digits > 15) return strtod(s, NULL);
    double v = (double)m / powers_of_ten[decimals];
    return negative ? -v : v;
}

void fx_add(cJSON *object, const char *literal_key, cJSON *item)
{
    cJSON_AddItemToObjectCS(object, literal_key, item);
}

void fx_add_lasting(cJSON *object, const char *literal_key, const char *lasting)
{
    cJSON_AddItemToObjectCS(object, literal_key, cJSON_CreateStringReference(lasting));
}

void fx_add_number(cJSON *object, const char *literal_key, double number)
{
    cJSON_AddItemToObjectCS(object, literal_key, cJSON_CreateNumber(number));
}

const fx_words *fx_doc_words(fx_value_env *env)
{
    if (env->words) return env->words;
    fx_doc *doc = env->doc;
    const unsigned char *t = (const unsigned char *)doc->text;
    size_t n = doc->text_len;
    unsigned char word[256];
    for (int c = 0; c < 256; c++) word[c] = (unsigned char)fx_is_word_byte((unsigned char)c);
    /* counted first, so that the arrays are no longer than the words (a
     * big document is one long text); both passes store and count without
     * a branch to mispredict at each word's edges */
    size_t count = 0;
    unsigned prev = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned in = word[t[i]];
        count += in & ~prev;
        prev = in;
    }
    fx_words *w = fx_arena_alloc(&doc->arena, sizeof *w);
    w->start = fx_arena_alloc(&doc->arena, (count + 1) * sizeof *w->start);
    w->end = fx_arena_alloc(&doc->arena, (count + 1) * sizeof *w->end);
    size_t k = 0, ends = 0;
    prev = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned in = word[t[i]];
        w->start[k] = i;    /* kept only where a word starts: k moves on */
        k += in & ~prev;
        w->end[ends] = i;
        ends += prev & ~in;
        prev = in;
    }
    w->end[ends] = n;   /* the last word runs to the end */
    w->count = k;
    env->words = w;
    return w;
}

int fx_word_is(const char *s, size_t len, const char *word)
{
    size_t wl = strlen(word);
    if (wl != len) return 0;
    for (size_t i = 0; i < len; i++)
        if (tolower((unsigned char)s[i]) != tolower((unsigned char)word[i])) return 0;
    return 1;
}
