/* output_value.c - see output_value.h. */
#include "output_value.h"

#include <pthread.h>
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

/* An interval's grain, and its name: copied as a word of 12 bytes (the
 * longest name and its NUL) and its length, where a grain as a literal
 * cost a strlen and a memcpy call per date value. */
typedef enum grain_id {
    NO_GRAIN, CENTURY, DECADE, YEAR, QUARTER, HALF, WEEK, DAY, WEEKEND, TIME, MONTH, SEASON, FISCAL_YEAR
} grain_id;
static const struct {
    char name[12];
    size_t len;
} grains[] = {
    [NO_GRAIN] = {"", 0},        [CENTURY] = {"century", 7}, [DECADE] = {"decade", 6},   [YEAR] = {"year", 4},
    [QUARTER] = {"quarter", 7},  [HALF] = {"half", 4},       [WEEK] = {"week", 4},       [DAY] = {"day", 3},
    [WEEKEND] = {"weekend", 7},  [TIME] = {"time", 4},       [MONTH] = {"month", 5},     [SEASON] = {"season", 6},
    [FISCAL_YEAR] = {"fiscal_year", 11},
};

/* Its first and last day as dates, not day numbers: they are written as
 * dates, and only an ISO week needs the day numbers. */
typedef struct interval {
    fx_ymd first, last;     /* valid dates, first <= last, when fixed */
    int fixed;              /* 0: the grain alone, for a value with unknown (X) or unfixed parts */
    grain_id grain;
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

static interval days(int y1, int m1, int d1, int y2, int m2, int d2, grain_id grain)
{
    return (interval){{y1, m1, d1}, {y2, m2, d2}, 1, grain};
}

/* Day numbers (fx_days_from_civil) first to last. */
static interval day_numbers(long first, long last, grain_id grain)
{
    interval v = {.fixed = 1, .grain = grain};
    fx_civil_from_days(first, &v.first.y, &v.first.m, &v.first.d);
    fx_civil_from_days(last, &v.last.y, &v.last.m, &v.last.d);
    return v;
}

static interval grain_only(grain_id grain) { return (interval){.fixed = 0, .grain = grain}; }

/* A date's place in time, for comparing two valid dates. */
static long ordinal(fx_ymd d) { return ((long)d.y * 16 + d.m) * 32 + d.d; }

/* One point of a TIMEX3 value, s[0, n): "2014", "2014-04", "2014-Q3",
 * "2014-W49-3", "2014-12-04T09:55", "201" (a decade), "19" (a century)...
 * Inline in widen, its one caller: the interval, 40 bytes, is then not
 * returned through memory (4,998 points a MB, 36 instructions each). */
__attribute__((always_inline)) static inline interval point(const char *s, size_t n)
{
    if (n >= 2 && s[0] == 'F' && s[1] == 'Y') return grain_only(FISCAL_YEAR);
    size_t y = n >= 4 && four_digits(s) ? 4 : 0;  /* the loop goes on from there */
    int unknown = 0;    /* an X anywhere: in the year's digits, then in the rest */
    for (; y < n && (fx_is_digit(s[y]) || s[y] == 'X'); y++) unknown |= s[y] == 'X';
    if (y == 0) return grain_only(NO_GRAIN);        /* PRESENT_REF, PAST_REF, FUTURE_REF */
    if (!unknown && y < n) unknown = memchr(s + y, 'X', n - y) != NULL;   /* a year alone has no rest */
    if (y == 2) return unknown ? grain_only(CENTURY) : days(two(s) * 100, 1, 1, two(s) * 100 + 99, 12, 31, CENTURY);
    if (y == 3) {
        int decade = two(s) * 10 + (s[2] - '0');
        return unknown ? grain_only(DECADE) : days(decade * 10, 1, 1, decade * 10 + 9, 12, 31, DECADE);
    }
    if (y != 4) return grain_only(NO_GRAIN);
    int year = unknown ? 0 : two(s) * 100 + two(s + 2);     /* no X: the four are digits */
    const char *r = s + 4;
    size_t rest = n - 4;
    interval v;
    if (rest == 0) {
        v = days(year, 1, 1, year, 12, 31, YEAR);
    } else if (r[0] != '-' || rest < 3) {
        return grain_only(NO_GRAIN);
    } else if (r[1] == 'Q' && rest == 3) {
        int q = r[2] - '0';
        if (q < 1 || q > 4) return grain_only(QUARTER);
        v = days(year, 3 * q - 2, 1, year, 3 * q, fx_days_in_month(year, 3 * q), QUARTER);
    } else if (r[1] == 'H' && rest == 3) {
        int h = r[2] - '0';
        if (h < 1 || h > 2) return grain_only(HALF);
        v = days(year, 6 * h - 5, 1, year, 6 * h, h == 1 ? 30 : 31, HALF);
    } else if (r[1] == 'W' && rest >= 4) {
        if (!digits(r + 2, 2) || unknown) return grain_only(rest > 4 ? DAY : WEEK);
        /* ISO week 1 holds the year's first Thursday */
        long jan4 = fx_days_from_civil(year, 1, 4);
        long monday = jan4 - fx_weekday_of(jan4) + 7L * (two(r + 2) - 1);
        if (rest == 4) return day_numbers(monday, monday + 6, WEEK);
        if (rest == 6 && r[4] == '-' && r[5] >= '1' && r[5] <= '7') {
            long day = monday + (r[5] - '1');
            return day_numbers(day, day, DAY);
        }
        if (rest == 7 && r[4] == '-' && r[5] == 'W' && r[6] == 'E') return day_numbers(monday + 5, monday + 6, WEEKEND);
        return grain_only(NO_GRAIN);
    } else if (rest == 3 && (!memcmp(r + 1, "SP", 2) || !memcmp(r + 1, "SU", 2) || !memcmp(r + 1, "FA", 2) ||
                             !memcmp(r + 1, "WI", 2))) {
        return grain_only(SEASON);    /* no fixed days: meteorological, astronomical, hemisphere */
    } else if (rest >= 3 && (fx_is_digit(r[1]) || r[1] == 'X') && (fx_is_digit(r[2]) || r[2] == 'X')) {
        int month = digits(r + 1, 2) ? two(r + 1) : 0;
        if (rest == 3) {
            if (unknown || month < 1 || month > 12) return grain_only(MONTH);
            v = days(year, month, 1, year, month, fx_days_in_month(year, month), MONTH);
        } else if (rest >= 6 && r[3] == '-') {
            grain_id grain = rest == 6 ? DAY : r[6] == 'T' ? TIME : NO_GRAIN;
            if (grain == NO_GRAIN) return grain_only(NO_GRAIN);
            if (unknown || !digits(r + 4, 2) || month < 1 || month > 12) return grain_only(grain);
            int day = two(r + 4);
            if (day < 1 || day > fx_days_in_month(year, month)) return grain_only(grain);
            v = days(year, month, day, year, month, day, grain);
        } else {
            return grain_only(NO_GRAIN);
        }
    } else {
        return grain_only(NO_GRAIN);
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
    add_or_null(out, "grain", grains[w.grain].name);
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
    char *d = fx_json_room(out, 3 * FX_JSON_MEMBER_ROOM + 2 * 16 + sizeof grains[0].name + 2);
    d = day_at(FX_JSON_MEMBER(d, &lead, "start"), &w, w.first);
    d = day_at(FX_JSON_MEMBER(d, &lead, "end"), &w, w.last);
    d = FX_JSON_MEMBER(d, &lead, "grain");
    if (w.grain != NO_GRAIN) {
        *d++ = '"';
        memcpy(d, grains[w.grain].name, sizeof grains[0].name);
        d += grains[w.grain].len;
        *d++ = '"';
    } else {
        memcpy(d, "null", 4);
        d += 4;
    }
    fx_json_end_at(out, d);
}

/* The TIMEX3 strings of a year, a month and a day ("2014", "2014-04",
 * "2014-12-04": three in four of the 4,863 date values a MB), written
 * with their interval from their own bytes, as widen and write_widened
 * would write them: the string is the start's first len bytes, and so
 * needs no escape test, and the start and end are it and a fixed tail (a
 * month's last day from its table), not parsed into numbers and printed
 * again (some 350 instructions a value). Returns 0, writing nothing, for
 * any other string, or a month or day that is no date's (widen's nulls). */
static int write_plain_date(fx_json_writer *out, const char *s, size_t len)
{
    if ((len != 4 && len != 7 && len != 10) || !four_digits(s)) return 0;
    char first[10], last[10];   /* "YYYY-MM-DD" */
    memcpy(first, s, 4);
    grain_id grain = YEAR;
    if (len == 4) {
        memcpy(first + 4, "-01-01", 6);
        memcpy(last, s, 4);
        memcpy(last + 4, "-12-31", 6);
    } else {
        if (s[4] != '-' || !fx_is_digit(s[5]) || !fx_is_digit(s[6])) return 0;
        int year = two(s) * 100 + two(s + 2), month = two(s + 5);
        if (month < 1 || month > 12) return 0;
        int month_days = fx_days_in_month(year, month);
        memcpy(first + 4, s + 4, 3);
        if (len == 7) {
            memcpy(first + 7, "-01", 3);
            memcpy(last, first, 8);
            memcpy(last + 8, fx_two_digits + 2 * month_days, 2);
            grain = MONTH;
        } else {
            if (s[7] != '-' || !fx_is_digit(s[8]) || !fx_is_digit(s[9])) return 0;
            int day = two(s + 8);
            if (day < 1 || day > month_days) return 0;
            memcpy(first + 7, s + 7, 3);
            memcpy(last, first, 10);
            grain = DAY;
        }
    }
    const fx_json_lead lead = fx_json_lead_at(out, out->depth);
    char *d = fx_json_room(out, 2 + 10 + 3 * FX_JSON_MEMBER_ROOM + 2 * 12 + sizeof grains[0].name + 2);
    *d++ = '"';
    memcpy(d, first, 10);   /* its first len bytes are s */
    d[len] = '"';
    d = FX_JSON_MEMBER(d + len + 1, &lead, "start");
    *d = '"';
    memcpy(d + 1, first, 10);
    d[11] = '"';
    d = FX_JSON_MEMBER(d + 12, &lead, "end");
    *d = '"';
    memcpy(d + 1, last, 10);
    d[11] = '"';
    d = FX_JSON_MEMBER(d + 12, &lead, "grain");
    *d++ = '"';
    memcpy(d, grains[grain].name, sizeof grains[0].name);
    d += grains[grain].len;
    *d++ = '"';
    fx_json_end_at(out, d);
    return 1;
}

/* Each type's scalar key (a literal of types.c: no escape, at most 16
 * bytes) in a word of 16 bytes and its length, made once: its members'
 * key copied as one word, where fx_json_plain_key took its strlen and a
 * memcpy call for each of the 6,195 scalar values a MB. */
enum { SCALAR_KEY_MAX = 16 };
static struct {
    char bytes[SCALAR_KEY_MAX];
    size_t len;
} scalar_keys[FX_TYPE_COUNT];
static pthread_once_t scalar_keys_once = PTHREAD_ONCE_INIT;

static void make_scalar_keys(void)
{
    for (size_t t = 0; t < FX_TYPE_COUNT; t++) {
        const char *key = fx_types[t].scalar_key;
        size_t len = key ? strlen(key) : 0;
        assert(len <= SCALAR_KEY_MAX);
        memcpy(scalar_keys[t].bytes, key ? key : "", len);
        scalar_keys[t].len = len;
    }
}

/* A scalar value's object opened and its key written, as
 * fx_json_begin_object and fx_json_plain_key write them (the object's
 * first member: its lead with the brace in place of the comma), by one
 * room's check. type has a scalar key (scalar_row). */
__attribute__((always_inline)) static inline void open_scalar(fx_json_writer *out, fx_type type)
{
    if (out->depth >= 5) {  /* deeper than a lead reaches (fx_json_lead_at): not emit's, at 3 */
        fx_json_begin_object(out);
        fx_json_plain_key(out, fx_types[type].scalar_key, strlen(fx_types[type].scalar_key));
        return;
    }
    pthread_once(&scalar_keys_once, make_scalar_keys);
    const fx_json_lead lead = fx_json_lead_at(out, out->depth + 1);
    char *d = fx_json_room(out, sizeof lead.bytes + SCALAR_KEY_MAX + 4);
    memcpy(d, lead.bytes, sizeof lead.bytes);
    *d = '{';
    d += lead.len;
    memcpy(d, scalar_keys[type].bytes, SCALAR_KEY_MAX);
    d += scalar_keys[type].len;
    memcpy(d, "\":\t", 4);
    fx_json_end_at(out, d + lead.colon);
    fx_json_opened_object(out);
}

void fx_output_value_write(fx_json_writer *out, fx_type type, const cJSON *value)
{
    const fx_type_info *row = scalar_row(type);
    if (!row || cJSON_IsObject(value)) {
        fx_json_value(out, value);
        return;
    }
    open_scalar(out, type);
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
    open_scalar(out, type);
    const char *text = s ? s : "";      /* as fx_json_string writes NULL */
    size_t len = strlen(text);          /* once, for both */
    if (!row->widen_date || !write_plain_date(out, text, len)) {
        fx_json_string_bytes(out, text, len);
        if (row->widen_date) write_widened(out, text, len);
    }
    fx_json_end_object(out);
}

void fx_output_number_write(fx_json_writer *out, fx_type type, double number)
{
    const fx_type_info *row = scalar_row(type);
    if (!row) {
        fx_json_number(out, number);
        return;
    }
    open_scalar(out, type);
    fx_json_number(out, number);
    fx_json_end_object(out);
}
