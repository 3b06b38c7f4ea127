/* json_print.c - see json_print.h. Mirrors print_value & co. of cJSON
 * 1.7.x: objects put each member on its own line indented by tabs (depth
 * counts arrays too), arrays separate elements with ", " when formatted. */
#include "json_print.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "arena.h"
#include "bytes16.h"
#include "digits.h"

typedef fx_json_writer out;

void fx_json_grow(out *o, size_t extra)
{
    size_t want = o->capacity ? o->capacity : 1024;
    while (want < o->len + extra) want *= 2;
    o->data = fx_xrealloc(o->data, want);
    o->capacity = want;
}

static inline void reserve(out *o, size_t extra)
{
    if (o->len + extra > o->capacity) fx_json_grow(o, extra);
}

static inline void put(out *o, const char *s, size_t n)
{
    if (n == 0) return;     /* o->data may still be NULL: memcpy(NULL, ...) is undefined */
    reserve(o, n);
    memcpy(o->data + o->len, s, n);
    o->len += n;
}

static inline void put_char(out *o, char c)
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

/* p[0..end - p) with cJSON's escapes at d; returns the new end of d. */
static char *escape_bytes(char *d, const unsigned char *p, const unsigned char *end)
{
    static const char hex[] = "0123456789abcdef";
    while (p < end) {
        unsigned char c = *p++;
        if (c >= 32 && c != '"' && c != '\\') {
            *d++ = (char)c;
            continue;
        }
        *d++ = '\\';
        switch (c) {
        case '"': *d++ = '"'; break;
        case '\\': *d++ = '\\'; break;
        case '\b': *d++ = 'b'; break;
        case '\f': *d++ = 'f'; break;
        case '\n': *d++ = 'n'; break;
        case '\r': *d++ = 'r'; break;
        case '\t': *d++ = 't'; break;
        default:
            *d++ = 'u';
            *d++ = '0';
            *d++ = '0';
            *d++ = hex[c >> 4];
            *d++ = hex[c & 15];
        }
    }
    return d;
}

/* s[0..n) in quotes with cJSON's escapes; s has no NUL byte: what
 * fx_json_string_bytes does not write inline (json_print.h: 4 to 16
 * bytes with none to escape). A longer string is tested and copied
 * sixteen bytes at a time (bytes16.h), the last sixteen the ones ending
 * at s's end (they overlap bytes already copied as they are when they
 * hold no byte to escape); a piece holding a byte to escape, or a
 * shorter string, is written byte by byte. No byte is read past s's end. */
static void put_escaped(out *o, const char *s, size_t n)
{
    /* at most 6 bytes out per byte in, and the quotes */
    reserve(o, 6 * n + 2);
    char *d = o->data + o->len;
    *d++ = '"';
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    if (n >= 16) {
        for (; end - p > 16; p += 16) {
            fx_bytes16 x = fx_bytes16_load(p);
            if (fx_json_escapes16(x)) {
                d = escape_bytes(d, p, p + 16);
            } else {
                fx_bytes16_store(d, x);
                d += 16;
            }
        }
        fx_bytes16 last = fx_bytes16_load(end - 16);
        if (!fx_json_escapes16(last)) {
            /* the bytes before p among these were copied as they are */
            fx_bytes16_store(d - (16 - (end - p)), last);
            d += end - p;
        } else {
            d = escape_bytes(d, p, end);
        }
    } else {
        d = escape_bytes(d, p, end);
    }
    *d++ = '"';
    o->len = (size_t)(d - o->data);
}

static void put_string(out *o, const char *s)
{
    if (!s) {
        put(o, "\"\"", 2);
        return;
    }
    fx_json_string_bytes(o, s, strlen(s));
}

/* v's digits at d; returns their end. Under 10^8 (every offset and count
 * of a document, most numbers written) as two groups of four digits, with
 * no count of the digits and no loop; else counted first, then filled in
 * from the last, two at a time. */
static char *integer_at(char *d, long long v)
{
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    if (v < 0) *d++ = '-';
    if (u < 100000000) {
        uint32_t low = (uint32_t)u;
        if (low < 10000) return fx_json_below_10000_at(d, low);
        uint32_t high = low / 10000;
        low -= 10000 * high;
        d = fx_json_below_10000_at(d, high);
        fx_put_four_digits(d, low);
        return d + 4;
    }
    /* the digits: log10 from the bit length (1233 / 4096 is about log10(2)), one less below that power of ten */
    static const unsigned long long tens[] = {1,    1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,
                                              1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19};
    unsigned long long nonzero = u | 1;
    size_t t = (size_t)(64 - __builtin_clzll(nonzero)) * 1233 >> 12;
    size_t n = t + 1 - (nonzero < tens[t]);
    char *p = d + n;
    while (u > UINT32_MAX) {
        p -= 2;
        memcpy(p, fx_two_digits + 2 * (u % 100), 2);
        u /= 100;
    }
    uint32_t small = (uint32_t)u;      /* the cheaper division from here on (every offset) */
    while (small >= 100) {
        p -= 2;
        memcpy(p, fx_two_digits + 2 * (small % 100), 2);
        small /= 100;
    }
    if (small >= 10) memcpy(p - 2, fx_two_digits + 2 * small, 2);
    else p[-1] = (char)('0' + small);
    return d + n;
}

static const double powers_of_ten[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                       1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                       1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/* "%1.15g" of a non-integral d in [1e-4, 1e15) that is the double nearest
 * to a decimal of at most 15 significant digits (a latitude, "1.5"): that
 * decimal, found without printf. When m / 10^k (both exact doubles, so
 * the division rounds once, as strtod does) gives back d, m / 10^k is
 * such a decimal, and there is only one (DBL_DIG is 15), so it is what
 * rounding d to 15 digits gives; %g then drops the trailing zeros, and
 * uses no exponent between 1e-4 and 1e15. Returns the length written to
 * buf, or 0 when d is not such a double (printf decides then). */
static int short_decimal(double d, char *buf)
{
    double a = fabs(d);
    if (!(a >= 1e-4 && a < 1e15)) return 0;
    for (size_t k = 1; k < sizeof powers_of_ten / sizeof *powers_of_ten; k++) {
        double scaled = a * powers_of_ten[k];
        if (scaled >= 1e15) return 0;       /* more than 15 digits */
        double m = nearbyint(scaled);
        if (m / powers_of_ten[k] != a) continue;
        unsigned long long digits = (unsigned long long)m;
        char tmp[24], *e = tmp + sizeof tmp, *p = e;
        size_t decimals = k;
        while (decimals > 0 && digits % 10 == 0) {  /* none expected: k is the least that works */
            digits /= 10;
            decimals--;
        }
        for (size_t i = 0; i < decimals; i++) {
            *--p = (char)('0' + digits % 10);
            digits /= 10;
        }
        if (decimals) *--p = '.';
        do {
            *--p = (char)('0' + digits % 10);
            digits /= 10;
        } while (digits);
        if (d < 0) *--p = '-';
        int n = (int)(e - p);
        memcpy(buf, p, (size_t)n);
        return n;
    }
    return 0;
}

/* cJSON's rule: %1.15g if it reads back (within DBL_EPSILON, relative),
 * else %1.17g. An integral value below 1e15 prints its plain digits under
 * %1.15g, so it skips sprintf (and -0 stays "-0", as in cJSON); so does a
 * short decimal (short_decimal). Written at d (FX_JSON_NUMBER_MAX bytes
 * at most); returns the end. */
static char *number_at(char *d, double v)
{
    if (isnan(v) || isinf(v)) {
        memcpy(d, "null", 4);
        return d + 4;
    }
    if (v == floor(v) && fabs(v) < 1e15) {
        if (v == 0 && signbit(v)) {
            memcpy(d, "-0", 2);
            return d + 2;
        }
        return integer_at(d, (long long)v);
    }
    char buf[FX_JSON_NUMBER_MAX];
    int n = short_decimal(v, buf);
    if (n == 0) {
        n = snprintf(buf, sizeof buf, "%1.15g", v);
        double back = strtod(buf, NULL);
        double larger = fabs(back) > fabs(v) ? fabs(back) : fabs(v);
        if (!(fabs(back - v) <= larger * DBL_EPSILON)) n = snprintf(buf, sizeof buf, "%1.17g", v);
    }
    memcpy(d, buf, (size_t)n);
    return d + n;
}

static void put_number(out *o, double d)
{
    reserve(o, FX_JSON_NUMBER_MAX);
    o->len = (size_t)(number_at(o->data + o->len, d) - o->data);
}

/* Is s, a decimal's text, exactly what put_number prints for the double
 * nearest to it? It is when s is [-](0|[1-9][0-9]*)[.[0-9]*[1-9]] with 15
 * digits at most and, unless it is a whole number, at least 1e-4: a whole
 * number below 1e15 prints as its digits, and the other decimals of at
 * most 15 significant digits come back from the nearest double as they
 * were (DBL_DIG is 15: short_decimal or %1.15g find that decimal, and %g
 * uses no exponent from 1e-4 on). Returns s's length, or 0. */
static size_t as_printed(const char *s)
{
    const char *p = s + (*s == '-');
    const char *whole = p;
    while (*p >= '0' && *p <= '9') p++;
    size_t whole_digits = (size_t)(p - whole);
    if (whole_digits == 0 || (whole_digits > 1 && *whole == '0')) return 0;
    if (*p == '.') {
        const char *fraction = ++p;
        while (*p >= '0' && *p <= '9') p++;
        size_t decimals = (size_t)(p - fraction);
        if (decimals == 0 || p[-1] == '0' || whole_digits + decimals > 15) return 0;
        if (*whole == '0') {    /* below 1: a nonzero digit among the first four decimals */
            size_t zeros = 0;
            while (fraction[zeros] == '0') zeros++;
            if (zeros > 3) return 0;
        }
    } else if (whole_digits > 15) {
        return 0;
    }
    return *p ? 0 : (size_t)(p - s);
}

static void put_value(out *o, const cJSON *item, int formatted, size_t depth)
{
    switch (item->type & 0xFF) {
    case cJSON_NULL: put(o, "null", 4); return;
    case cJSON_False: put(o, "false", 5); return;
    case cJSON_True: put(o, "true", 4); return;
    case cJSON_Number: put_number(o, item->valuedouble); return;
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
    out o;
    fx_json_writer_init(&o, formatted, 1024);
    put_value(&o, item, formatted, 0);
    return fx_json_writer_finish(&o);
}

/* ---- the writer ------------------------------------------------------------ */

void fx_json_writer_init(fx_json_writer *w, int formatted, size_t size)
{
    w->capacity = size < 64 ? 64 : size;
    w->data = fx_xmalloc(w->capacity);
    w->len = 0;
    w->formatted = formatted;
    w->depth = 0;
    w->first = 1;
    memset(w->written_used, 0, sizeof w->written_used);
    w->keeper = NULL;
}

char *fx_json_writer_finish(fx_json_writer *w)
{
    put_char(w, '\0');
    char *s = w->data;
    w->data = NULL;
    w->len = w->capacity = 0;
    return s;
}

void fx_json_key(fx_json_writer *w, const char *key)
{
    if (!w->first) {
        put_char(w, ',');
        if (w->formatted) put_char(w, '\n');
    }
    w->first = 0;
    if (w->formatted) put_tabs(w, w->depth);
    put_string(w, key);
    put(w, ":\t", w->formatted ? 2 : 1);
}

void fx_json_element(fx_json_writer *w)
{
    if (!w->first) put(w, ", ", w->formatted ? 2 : 1);
    w->first = 0;
}

void fx_json_string(fx_json_writer *w, const char *s) { put_string(w, s); }

/* The slot of a text made from key and key2 among 2^bits: their bits
 * mixed by a multiplication, the top ones taken. */
static size_t slot_of(const void *key, const void *key2, unsigned bits)
{
    uint64_t h = (uint64_t)(uintptr_t)key ^ (uint64_t)(uintptr_t)key2 * 0xC2B2AE3D27D4EB4Full;
    return (size_t)(h * 0x9E3779B97F4A7C15ull >> (64 - bits));
}

static size_t written_slot(const void *key, const void *key2)
{
    _Static_assert(FX_JSON_WRITTEN_SLOTS == 256, "eight bits of slot");
    return slot_of(key, key2, 8);
}

int fx_json_copy_written(fx_json_writer *w, const void *key, const void *key2)
{
    const size_t slot = written_slot(key, key2);
    if (!key || !(w->written_used[slot / 64] >> slot % 64 & 1) || w->written[slot].key != key ||
        w->written[slot].key2 != key2 || w->written[slot].depth != w->depth)
        return 0;
    size_t n = w->written[slot].len;
    reserve(w, n);
    memcpy(w->data + w->len, w->data + w->written[slot].at, n);
    w->len += n;
    return 1;
}

void fx_json_note_written(fx_json_writer *w, const void *key, const void *key2, size_t at)
{
    const size_t slot = written_slot(key, key2);
    w->written_used[slot / 64] |= 1ull << slot % 64;
    w->written[slot].key = key;
    w->written[slot].key2 = key2;
    w->written[slot].depth = w->depth;
    w->written[slot].at = at;
    w->written[slot].len = w->len - at;
}

/* The keeper's texts in an open-addressed table of 2^KEPT_BITS slots: a
 * text sits at its slot (slot_of) or the first free one after it, and
 * stays until the table is half full, when every text is let go. With
 * one slot per text and no probing, two texts used in turn that fell
 * into one slot wrote each other out (the 1 MB sample has 78 texts, 50
 * cities and 28 rule ids; some 280 of the 360 texts it kept were such
 * pairs', which of them depending on the addresses of the build). */
enum { KEPT_BITS = 10, KEPT_MAX = 1 << (KEPT_BITS - 1) };

typedef struct kept_text {
    const void *key, *key2;     /* key NULL: a free slot */
    size_t depth;
    int formatted;
    char *text;                 /* malloc'd */
    size_t len;
} kept_text;

struct fx_json_kept {
    kept_text slot[1 << KEPT_BITS];
    size_t count;               /* slots taken, up to KEPT_MAX */
};

fx_json_keeper *fx_json_keeper_new(void)
{
    fx_json_keeper *k = fx_xcalloc(1, sizeof *k);
    k->kept = fx_xcalloc(1, sizeof *k->kept);
    return k;
}

static void let_go(struct fx_json_kept *k)
{
    for (size_t i = 0; i < sizeof k->slot / sizeof k->slot[0]; i++) free(k->slot[i].text);
}

void fx_json_keeper_free(fx_json_keeper *k)
{
    if (!k) return;
    let_go(k->kept);
    free(k->kept);
    free(k);
}

/* The slot of the text made from key (not NULL) and key2 at w's depth and
 * format, or the free slot where it would go. */
static inline kept_text *kept_slot(struct fx_json_kept *k, const fx_json_writer *w, const void *key, const void *key2)
{
    const size_t mask = (1 << KEPT_BITS) - 1;
    size_t i = slot_of(key, key2, KEPT_BITS);
    for (;; i = (i + 1) & mask) {   /* a free slot ends it: at most half are taken */
        kept_text *t = &k->slot[i];
        if (!t->key ||
            (t->key == key && t->key2 == key2 && t->depth == w->depth && t->formatted == w->formatted))
            return t;
    }
}

int fx_json_copy_kept(fx_json_writer *w, const void *key, const void *key2)
{
    if (!w->keeper) return fx_json_copy_written(w, key, key2);
    if (!key) return 0;
    const kept_text *t = kept_slot(w->keeper->kept, w, key, key2);
    if (!t->key) return 0;
    put(w, t->text, t->len);
    return 1;
}

void fx_json_keep(fx_json_writer *w, const void *key, const void *key2, size_t at)
{
    if (!w->keeper) {
        fx_json_note_written(w, key, key2, at);
        return;
    }
    if (!key) return;
    struct fx_json_kept *k = w->keeper->kept;
    kept_text *t = kept_slot(k, w, key, key2);
    if (!t->key && k->count == KEPT_MAX) {   /* full: start again */
        let_go(k);
        memset(k, 0, sizeof *k);
        t = kept_slot(k, w, key, key2);
    }
    k->count += !t->key;
    free(t->text);
    const size_t len = w->len - at;
    *t = (kept_text){.key = key, .key2 = key2, .depth = w->depth, .formatted = w->formatted,
                     .text = memcpy(fx_xmalloc(len ? len : 1), w->data + at, len), .len = len};
}

void fx_json_lasting_string(fx_json_writer *w, const char *s)
{
    if (!s) {
        put_string(w, s);
        return;
    }
    if (fx_json_copy_kept(w, s, NULL)) return;
    size_t at = w->len;
    fx_json_string_bytes(w, s, strlen(s));
    fx_json_keep(w, s, NULL, at);
}

void fx_json_lasting_numbered(fx_json_writer *w, size_t number, const char *s)
{
    size_t at = w->len;
    fx_json_lasting_string(w, s);
    size_t len = w->len - at;
    if (!w->keeper || number >= FX_JSON_NUMBERED || !s || len > FX_JSON_NUMBERED_ROOM) return;
    fx_json_numbered *t = &w->keeper->numbered[number];
    t->key = s;
    t->len = len;
    memcpy(t->text, w->data + at, len);
}

void fx_json_escaped_bytes(fx_json_writer *w, const char *s, size_t len) { put_escaped(w, s, len); }

void fx_json_number(fx_json_writer *w, double d) { put_number(w, d); }

int fx_json_number_text(fx_json_writer *w, const char *s)
{
    size_t n = as_printed(s);
    if (n) put(w, s, n);
    return n != 0;
}

char *fx_json_count_from_10000_at(char *d, size_t n)
{
    if (n < 1000000000000000ull) return integer_at(d, (long long)n);   /* what number_at prints for it */
    return number_at(d, (double)n);
}

void fx_json_count(fx_json_writer *w, size_t n)
{
    reserve(w, FX_JSON_NUMBER_MAX);
    w->len = (size_t)(fx_json_count_at(w->data + w->len, n) - w->data);
}

void fx_json_null(fx_json_writer *w) { put(w, "null", 4); }

void fx_json_value(fx_json_writer *w, const cJSON *item)
{
    put_value(w, item, w->formatted, w->depth);
}
