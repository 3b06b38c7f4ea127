/* calendar.h - calendar arithmetic for date values: days counted from
 * 1970-01-01 in the proleptic Gregorian calendar, and the ISO 8601 /
 * TIMEX3 forms written and read by hand (the same digits, padding and
 * signs as printf and sscanf, without their cost). */
#ifndef FX_CALENDAR_H
#define FX_CALENDAR_H

#include <stddef.h>
#include <string.h>

#include "digits.h"

typedef struct fx_ymd { int y, m, d; } fx_ymd;

/* The years a value may name: 0001-9999, the four digits of ISO 8601
 * and TIMEX3 without a sign. Arithmetic that would leave them (the day
 * after 9999-12-31) gives no value. */
enum { FX_YEAR_MIN = 1, FX_YEAR_MAX = 9999 };
int fx_year_in_range(long y);
/* 1 when every year a TIMEX3 value names ("2014-12-08", "2014/2015",
 * "FY2020", "201" a decade) is in that range: not "0000-12-31",
 * "-001-12-31" or "10000-01-01", the forms fx_put_int writes for years
 * outside it. */
int fx_timex_in_range(const char *value);

int fx_days_in_month(int y, int m);
/* Days since 1970-01-01 (proleptic Gregorian) and back. */
long fx_days_from_civil(int y, int m, int d);
void fx_civil_from_days(long z, int *y, int *m, int *d);
/* 0 = Monday. */
int fx_weekday_of(long days);

/* How many leading parts of a TIMEX3 value are a known year, month, day
 * (0 to 3), read into *out (0 for the parts unknown). */
int fx_parse_iso(const char *s, fx_ymd *out);

/* fx_put_int for any v and width (a negative v, one past its width). */
char *fx_put_int_any(char *p, int v, int width);
/* printf's "%0<width>d" of v at p, NUL-terminated; returns the end.
 * Inline for a year of four digits and a month or day of two, where the
 * width is the caller's literal (a date value writes several: 7,000 in
 * the 1 MB sample, where each call cost ~38 instructions). */
static inline char *fx_put_int(char *p, int v, int width)
{
    if (width == 4 && (unsigned)v < 10000) {
        fx_put_four_digits(p, (unsigned)v);
        p[4] = '\0';
        return p + 4;
    }
    if (width == 2 && (unsigned)v < 100) {
        memcpy(p, fx_two_digits + 2 * v, 2);
        p[2] = '\0';
        return p + 2;
    }
    return fx_put_int_any(p, v, width);
}
/* s copied to p with its NUL; returns the end. Inline: its callers give
 * literals ("-", "-Q"), whose length and copy the compiler then knows. */
static inline char *fx_put_text(char *p, const char *s)
{
    size_t n = strlen(s);
    memcpy(p, s, n + 1);
    return p + n;
}
/* fx_put_ymd for a year past four digits or a month or day past two. */
char *fx_put_ymd_slow(char *p, int y, int m, int d);
/* "2014-12-08" at p, NUL-terminated; returns the end. The common case (a
 * year of four digits, a month and a day of two) two digits at a time,
 * with no count of the digits first; inline, as a date value writes two
 * (8,200 a MB). */
static inline char *fx_put_ymd(char *p, int y, int m, int d)
{
    if ((unsigned)y > 9999 || (unsigned)m > 99 || (unsigned)d > 99) return fx_put_ymd_slow(p, y, m, d);
    fx_put_four_digits(p, (unsigned)y);
    p[4] = '-';
    memcpy(p + 5, fx_two_digits + 2 * m, 2);
    p[7] = '-';
    memcpy(p + 8, fx_two_digits + 2 * d, 2);
    p[10] = '\0';
    return p + 10;
}
/* A day as "2014-12-08"; out has room for 11 bytes. */
void fx_format_day(char *out, size_t size, long days);
/* ISO week of a day, as "2014-W50" (the year of the week's Thursday). */
void fx_format_week(char *out, size_t size, long days);

#endif
