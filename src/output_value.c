/* output_value.c - see output_value.h. */
#include "output_value.h"

#include <stdint.h>
#include <string.h>

#include "calendar.h"
#include "digits.h"

const cJSON *fx_value_scalar(fx_type type, const cJSON *value)
{
    const char *key = type < FX_TYPE_COUNT ? fx_types[type].scalar_key : NULL;
    if (key && cJSON_IsObject(value)) return cJSON_GetObjectItemCaseSensitive(value, key);
    return value;
}

cJSON *fx_output_value(fx_type type, const cJSON *value)
{
    if (!value) return NULL;
    const fx_type_info *row = type < FX_TYPE_COUNT ? &fx_types[type] : NULL;
    if (!row || !row->scalar_key || cJSON_IsObject(value)) return cJSON_Duplicate(value, 1);
    cJSON *out = cJSON_CreateObject();
    cJSON_AddItemToObject(out, row->scalar_key, cJSON_Duplicate(value, 1));
    if (row->widen_date && cJSON_IsString(value)) fx_widen_date(out, value->valuestring);
    return out;
}

/* ---- a TIMEX3 value as an interval of days ---------------------------- */

/* Its first and last day as dates, not day numbers: they are written as
 * dates, and only an ISO week needs the day numbers. */
typedef struct interval {
    fx_ymd first, last;     /* valid dates, first <= last, when fixed */
    int fixed;              /* 0: the grain alone, for a value with unknown (X) or unfixed parts */
    const char *grain;      /* NULL: none */
} interval;

static int digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!fx_is_digit(s[i])) return 0;
    return 1;
}

/* Are the four bytes at s ASCII digits? One word's test (a value's year,
 * read first at each of the 4,863 dates a MB): a byte is one when its
 * high half is 3 and stays 3 with 6 added; while every high half is 3,
 * no addition carries into the next byte. */
static int four_digits(const char *s)
{
    uint32_t v;
    memcpy(&v, s, 4);
    return (v & 0xF0F0F0F0u) == 0x30303030u && ((v + 0x06060606u) & 0xF0F0F0F0u) == 0x30303030u;
}

/* The number two ASCII digits at s write (a year is two of them). */
static int two(const char *s) { return (s[0] - '0') * 10 + (s[1] - '0'); }

static interval days(int y1, int m1, int d1, int y2, int m2, int d2, const char *grain)
{
    return (interval){{y1, m1, d1}, {y2, m2, d2}, 1, grain};
}

/* Day numbers (fx_days_from_civil) first to last. */
static interval day_numbers(long first, long last, const char *grain)
{
    interval v = {.fixed = 1, .grain = grain};
    fx_civil_from_days(first, &v.first.y, &v.first.m, &v.first.d);
    fx_civil_from_days(last, &v.last.y, &v.last.m, &v.last.d);
    return v;
}

static interval grain_only(const char *grain) { return (interval){.fixed = 0, .grain = grain}; }

/* A date's place in time, for comparing two valid dates. */
static long ordinal(fx_ymd d) { return ((long)d.y * 16 + d.m) * 32 + d.d; }

/* One point of a TIMEX3 value, s[0, n): "2014", "2014-04", "2014-Q3",
 * "2014-W49-3", "2014-12-04T09:55", "201" (a decade), "19" (a century)...
 * Inline in widen, its one caller: the interval, 40 bytes, is then not
 * returned through memory (4,998 points a MB, 36 instructions each). */
__attribute__((always_inline)) static inline interval point(const char *s, size_t n)
{
    if (n >= 2 && s[0] == 'F' && s[1] == 'Y') return grain_only("fiscal_year");
    size_t y = n >= 4 && four_digits(s) ? 4 : 0;  /* the loop goes on from there */
    int unknown = 0;    /* an X anywhere: in the year's digits, then in the rest */
    for (; y < n && (fx_is_digit(s[y]) || s[y] == 'X'); y++) unknown |= s[y] == 'X';
    if (y == 0) return grain_only(NULL);        /* PRESENT_REF, PAST_REF, FUTURE_REF */
    if (!unknown && y < n) unknown = memchr(s + y, 'X', n - y) != NULL;   /* a year alone has no rest */
    if (y == 2) return unknown ? grain_only("century") : days(two(s) * 100, 1, 1, two(s) * 100 + 99, 12, 31, "century");
    if (y == 3) {
        int decade = two(s) * 10 + (s[2] - '0');
        return unknown ? grain_only("decade") : days(decade * 10, 1, 1, decade * 10 + 9, 12, 31, "decade");
    }
    if (y != 4) return grain_only(NULL);
    int year = unknown ? 0 : two(s) * 100 + two(s + 2);     /* no X: the four are digits */
    const char *r = s + 4;
    size_t rest = n - 4;
    interval v;
    if (rest == 0) {
        v = days(year, 1, 1, year, 12, 31, "year");
    } else if (r[0] != '-' || rest < 3) {
        return grain_only(NULL);
    } else if (r[1] == 'Q' && rest == 3) {
        int q = r[2] - '0';
        if (q < 1 || q > 4) return grain_only("quarter");
        v = days(year, 3 * q - 2, 1, year, 3 * q, fx_days_in_month(year, 3 * q), "quarter");
    } else if (r[1] == 'H' && rest == 3) {
        int h = r[2] - '0';
        if (h < 1 || h > 2) return grain_only("half");
        v = days(year, 6 * h - 5, 1, year, 6 * h, h == 1 ? 30 : 31, "half");
    } else if (r[1] == 'W' && rest >= 4) {
        if (!digits(r + 2, 2) || unknown) return grain_only(rest > 4 ? "day" : "week");
        /* ISO week 1 holds the year's first Thursday */
        long jan4 = fx_days_from_civil(year, 1, 4);
        long monday = jan4 - fx_weekday_of(jan4) + 7L * (two(r + 2) - 1);
        if (rest == 4) return day_numbers(monday, monday + 6, "week");
        if (rest == 6 && r[4] == '-' && r[5] >= '1' && r[5] <= '7') {
            long day = monday + (r[5] - '1');
            return day_numbers(day, day, "day");
        }
        if (rest == 7 && r[4] == '-' && r[5] == 'W' && r[6] == 'E') return day_numbers(monday + 5, monday + 6, "weekend");
        return grain_only(NULL);
    } else if (rest == 3 && (!memcmp(r + 1, "SP", 2) || !memcmp(r + 1, "SU", 2) || !memcmp(r + 1, "FA", 2) ||
                             !memcmp(r + 1, "WI", 2))) {
        return grain_only("season");    /* no fixed days: meteorological, astronomical, hemisphere */
    } else if (rest >= 3 && (fx_is_digit(r[1]) || r[1] == 'X') && (fx_is_digit(r[2]) || r[2] == 'X')) {
        int month = digits(r + 1, 2) ? two(r + 1) : 0;
        if (rest == 3) {
            if (unknown || month < 1 || month > 12) return grain_only("month");
            v = days(year, month, 1, year, month, fx_days_in_month(year, month), "month");
        } else if (rest >= 6 && r[3] == '-') {
            const char *grain = rest == 6 ? "day" : r[6] == 'T' ? "time" : NULL;
            if (!grain) return grain_only(NULL);
            if (unknown || !digits(r + 4, 2) || month < 1 || month > 12) return grain_only(grain);
            int day = two(r + 4);
            if (day < 1 || day > fx_days_in_month(year, month)) return grain_only(grain);
            v = days(year, month, day, year, month, day, grain);
        } else {
            return grain_only(NULL);
        }
    } else {
        return grain_only(NULL);
    }
    return unknown ? grain_only(v.grain) : v;
}

/* What fx_widen_date adds: the first point's first day to the last
 * point's last, when both are fixed and in that order; the first point's
 * grain. Inline in its two callers, as point is in it: the interval is
 * then not returned through memory (4,863 date values a MB). */
__attribute__((always_inline)) static inline interval widen(const char *timex, size_t len)
{
    const char *slash = memchr(timex, '/', len);
    size_t n = slash ? (size_t)(slash - timex) : len;
    interval a = point(timex, n), b = slash ? point(slash + 1, len - n - 1) : a;
    interval w = {.first = a.first, .last = b.last, .grain = a.grain};
    w.fixed = a.fixed && b.fixed && ordinal(a.first) <= ordinal(b.last);
    return w;
}

static void add_or_null(cJSON *out, const char *key, const char *s)
{
    if (s && *s) cJSON_AddStringToObject(out, key, s);
    else cJSON_AddNullToObject(out, key);
}

void fx_widen_date(cJSON *out, const char *timex)
{
    interval w = widen(timex, strlen(timex));
    char start[16] = "", end[16] = "";
    if (w.fixed) {
        fx_put_ymd(start, w.first.y, w.first.m, w.first.d);
        fx_put_ymd(end, w.last.y, w.last.m, w.last.d);
    }
    add_or_null(out, "start", start);
    add_or_null(out, "end", end);
    add_or_null(out, "grain", w.grain);
}

/* The row of a type whose scalar values the output puts in an object, or NULL. */
static const fx_type_info *scalar_row(fx_type type)
{
    const fx_type_info *row = type < FX_TYPE_COUNT ? &fx_types[type] : NULL;
    return row && row->scalar_key ? row : NULL;
}

/* A day as a JSON string at d ("YYYY-MM-DD" needs no escape), or null
 * when the interval is not fixed; returns the end. */
static char *day_at(char *d, const interval *w, fx_ymd day)
{
    if (!w->fixed) {
        memcpy(d, "null", 4);
        return d + 4;
    }
    *d++ = '"';
    d = fx_put_ymd(d, day.y, day.m, day.d);     /* and a NUL after, written over */
    *d++ = '"';
    return d;
}

/* The interval of the date row's widen function, as members after the
 * value's first (its TIMEX3 string), written by one room's check. */
static void write_widened(fx_json_writer *out, const char *timex, size_t len)
{
    interval w = widen(timex, len);
    const fx_json_lead lead = fx_json_lead_at(out, out->depth);
    size_t grain_len = w.grain ? strlen(w.grain) : 0;   /* a literal of point's */
    char *d = fx_json_room(out, 3 * FX_JSON_MEMBER_ROOM + 2 * 16 + grain_len + 4);
    d = day_at(FX_JSON_MEMBER(d, &lead, "start"), &w, w.first);
    d = day_at(FX_JSON_MEMBER(d, &lead, "end"), &w, w.last);
    d = FX_JSON_MEMBER(d, &lead, "grain");
    if (w.grain) {
        *d++ = '"';
        memcpy(d, w.grain, grain_len);
        d += grain_len;
        *d++ = '"';
    } else {
        memcpy(d, "null", 4);
        d += 4;
    }
    fx_json_end_at(out, d);
}

void fx_output_value_write(fx_json_writer *out, fx_type type, const cJSON *value)
{
    const fx_type_info *row = scalar_row(type);
    if (!row || cJSON_IsObject(value)) {
        fx_json_value(out, value);
        return;
    }
    fx_json_begin_object(out);
    fx_json_plain_key(out, row->scalar_key, strlen(row->scalar_key));   /* a literal: no escape */
    fx_json_value(out, value);
    if (row->widen_date && cJSON_IsString(value)) write_widened(out, value->valuestring, strlen(value->valuestring));
    fx_json_end_object(out);
}

void fx_output_string_write(fx_json_writer *out, fx_type type, const char *s)
{
    const fx_type_info *row = scalar_row(type);
    if (!row) {
        fx_json_string(out, s);
        return;
    }
    fx_json_begin_object(out);
    fx_json_plain_key(out, row->scalar_key, strlen(row->scalar_key));   /* a literal: no escape */
    const char *text = s ? s : "";      /* as fx_json_string writes NULL */
    size_t len = strlen(text);          /* once, for both */
    fx_json_string_bytes(out, text, len);
    if (row->widen_date) write_widened(out, text, len);
    fx_json_end_object(out);
}

void fx_output_number_write(fx_json_writer *out, fx_type type, double number)
{
    const fx_type_info *row = scalar_row(type);
    if (!row) {
        fx_json_number(out, number);
        return;
    }
    fx_json_begin_object(out);
    fx_json_plain_key(out, row->scalar_key, strlen(row->scalar_key));   /* a literal: no escape */
    fx_json_number(out, number);
    fx_json_end_object(out);
}
