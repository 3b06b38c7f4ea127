/* json_print.c - see json_print.h. Mirrors print_value & co. of cJSON
 * 1.7.x: objects put each member on its own line indented by tabs (depth
 * counts arrays too), arrays separate elements with ", " when formatted. */
#include "json_print.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "arena.h"

typedef struct out {
    char *data;
    size_t len, capacity;
} out;

static void reserve(out *o, size_t extra)
{
    if (o->len + extra <= o->capacity) return;
    size_t want = o->capacity ? o->capacity : 1024;
    while (want < o->len + extra) want *= 2;
    o->data = fx_xrealloc(o->data, want);
    o->capacity = want;
}

static void put(out *o, const char *s, size_t n)
{
    if (n == 0) return;     /* o->data may still be NULL: memcpy(NULL, ...) is undefined */
    reserve(o, n);
    memcpy(o->data + o->len, s, n);
    o->len += n;
}

static void put_char(out *o, char c)
{
    reserve(o, 1);
    o->data[o->len++] = c;
}

static void put_tabs(out *o, size_t n)
{
    reserve(o, n);
    memset(o->data + o->len, '\t', n);
    o->len += n;
}

static void put_string(out *o, const char *s)
{
    if (!s) {
        put(o, "\"\"", 2);
        return;
    }
    put_char(o, '"');
    const unsigned char *p = (const unsigned char *)s;
    for (;;) {
        /* copy the run of bytes that need no escape in one go */
        const unsigned char *run = p;
        while (*p >= 32 && *p != '"' && *p != '\\') p++;
        put(o, (const char *)run, (size_t)(p - run));
        if (*p == '\0') break;
        char esc[8];
        switch (*p) {
        case '"': put(o, "\\\"", 2); break;
        case '\\': put(o, "\\\\", 2); break;
        case '\b': put(o, "\\b", 2); break;
        case '\f': put(o, "\\f", 2); break;
        case '\n': put(o, "\\n", 2); break;
        case '\r': put(o, "\\r", 2); break;
        case '\t': put(o, "\\t", 2); break;
        default:
            snprintf(esc, sizeof esc, "\\u%04x", *p);
            put(o, esc, 6);
        }
        p++;
    }
    put_char(o, '"');
}

static void put_integer(out *o, long long v)
{
    char buf[24], *e = buf + sizeof buf, *p = e;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0) *--p = '-';
    put(o, p, (size_t)(e - p));
}

/* cJSON's rule: %1.15g if it reads back (within DBL_EPSILON, relative),
 * else %1.17g. An integral value below 1e15 prints its plain digits under
 * %1.15g, so it skips sprintf (and -0 stays "-0", as in cJSON). */
static void put_number(out *o, const cJSON *item)
{
    double d = item->valuedouble;
    if (isnan(d) || isinf(d)) {
        put(o, "null", 4);
        return;
    }
    if (d == floor(d) && fabs(d) < 1e15) {
        if (d == 0 && signbit(d)) put(o, "-0", 2);
        else put_integer(o, (long long)d);
        return;
    }
    char buf[32];
    int n = snprintf(buf, sizeof buf, "%1.15g", d);
    double back = strtod(buf, NULL);
    double larger = fabs(back) > fabs(d) ? fabs(back) : fabs(d);
    if (!(fabs(back - d) <= larger * DBL_EPSILON)) n = snprintf(buf, sizeof buf, "%1.17g", d);
    put(o, buf, (size_t)n);
}

static void put_value(out *o, const cJSON *item, int formatted, size_t depth)
{
    switch (item->type & 0xFF) {
    case cJSON_NULL: put(o, "null", 4); return;
    case cJSON_False: put(o, "false", 5); return;
    case cJSON_True: put(o, "true", 4); return;
    case cJSON_Number: put_number(o, item); return;
    case cJSON_Raw:
        if (item->valuestring) put(o, item->valuestring, strlen(item->valuestring));
        return;
    case cJSON_String: put_string(o, item->valuestring); return;
    case cJSON_Array:
        put_char(o, '[');
        for (const cJSON *c = item->child; c; c = c->next) {
            put_value(o, c, formatted, depth + 1);
            if (c->next) put(o, ", ", formatted ? 2 : 1);
        }
        put_char(o, ']');
        return;
    case cJSON_Object:
        put_char(o, '{');
        if (formatted) put_char(o, '\n');
        for (const cJSON *c = item->child; c; c = c->next) {
            if (formatted) put_tabs(o, depth + 1);
            put_string(o, c->string);
            put(o, ":\t", formatted ? 2 : 1);
            put_value(o, c, formatted, depth + 1);
            if (c->next) put_char(o, ',');
            if (formatted) put_char(o, '\n');
        }
        if (formatted) put_tabs(o, depth);
        put_char(o, '}');
        return;
    default:
        put(o, "null", 4);   /* cJSON_Invalid: cJSON fails; never built by emit */
    }
}

char *fx_json_print(const cJSON *item, int formatted)
{
    out o = {fx_xmalloc(1024), 0, 1024};
    put_value(&o, item, formatted, 0);
    put_char(&o, '\0');
    return o.data;
}
