/* calendar.c - see calendar.h. */
#include "calendar.h"

#include <string.h>

#include "digits.h"

int fx_year_in_range(long y) { return y >= FX_YEAR_MIN && y <= FX_YEAR_MAX; }


int fx_timex_in_range(const char *value)
{
    for (const char *p = value; *p;) {
        if (p[0] == 'F' && p[1] == 'Y') p += 2;
        if (*p == '-') return 0;
        size_t digits = 0;
        long year = 0;
        if (fx_is_digit(p[0]) && fx_is_digit(p[1]) && fx_is_digit(p[2]) && fx_is_digit(p[3]) && !fx_is_digit(p[4])) {
            /* the four digits of most values' years, with no loop (a NUL
             * is no digit: nothing past one is read) */
            digits = 4;
            year = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
        } else {
            while (fx_is_digit(p[digits])) year = year * 10 + (p[digits++] - '0');
        }
        if (digits > 4 || (digits == 4 && !fx_year_in_range(year))) return 0;
        p += digits;
        while (*p && *p != '/') p++;   /* the next point (short values: no strchr call) */
        if (!*p) break;
        p++;
    }
    return 1;
}

int fx_days_in_month(int y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
    return d[m - 1];
}

/* Days since 1970-01-01 (proleptic Gregorian) and back. */
long fx_days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void fx_civil_from_days(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long yy = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yy + (*m <= 2));
}

int fx_weekday_of(long days) { return (int)(((days % 7) + 7 + 3) % 7); }   /* 0 = Monday */

/* The number in the digits at s, at most max of them (sscanf's "%<max>d"
 * after a digit). */
static int leading_number(const char *s, int max)
{
    int v = 0;
    for (int i = 0; i < max && s[i] >= '0' && s[i] <= '9'; i++) v = v * 10 + (s[i] - '0');
    return v;
}

/* How many leading parts of a TIMEX3 value are a known year, month, day. */
int fx_parse_iso(const char *s, fx_ymd *out)
{
    /* its length is asked of the bytes read in turn (a NUL is none of
     * the digits and '-' tested), not counted by strlen */
    out->y = out->m = out->d = 0;
    if (!fx_is_digit(s[0]) || !s[1] || !s[2] || !s[3]) return 0;
    out->y = leading_number(s, 4);
    if (s[4] != '-' || !fx_is_digit(s[5]) || !s[6]) return 1;
    out->m = leading_number(s + 5, 2);
    if (s[7] != '-' || !fx_is_digit(s[8]) || !s[9]) return 2;
    out->d = leading_number(s + 8, 2);
    return 3;
}

/* (The values are small: every buffer here has room for them.) */
char *fx_put_int_any(char *p, int v, int width)
{
    if (v >= 0 && v < 10000 && width <= 4) {   /* a year, a month, a day: two digits at a time, no loop */
        unsigned w = (unsigned)v;
        char digits[4];
        fx_put_four_digits(digits, w);
        int n = w >= 1000 ? 4 : w >= 100 ? 3 : w >= 10 ? 2 : 1;
        if (n < width) n = width;
        switch (n) {    /* a copy of known size each */
        case 4: memcpy(p, digits, 4); break;
        case 3: memcpy(p, digits + 1, 3); break;
        case 2: memcpy(p, digits + 2, 2); break;
        default: p[0] = digits[3];
        }
        p[n] = '\0';
        return p + n;
    }
    unsigned u = v < 0 ? 0u - (unsigned)v : (unsigned)v;
    int n = 1;      /* the digits: v's, or the width's with the padding */
    for (unsigned t = u; t >= 10; t /= 10) n++;
    if (v < 0) *p++ = '-';
    if (n < width - (v < 0)) n = width - (v < 0);
    /* filled from the last digit; once u runs out its digits are the padding's '0's */
    char *end = p + n;
    *end = '\0';
    for (char *q = end; q > p; u /= 10) *--q = (char)('0' + u % 10);
    return end;
}

char *fx_put_ymd_slow(char *p, int y, int m, int d)
{
    p = fx_put_int(p, y, 4);
    *p++ = '-';
    p = fx_put_int(p, m, 2);
    *p++ = '-';
    return fx_put_int(p, d, 2);
}

void fx_format_day(char *out, size_t size, long days)
{
    (void)size;     /* 11 bytes at most for the years civil_from_days gives here */
    int y, m, d;
    fx_civil_from_days(days, &y, &m, &d);
    fx_put_ymd(out, y, m, d);
}

/* ISO week of a day, as "2014-W50" (the year of the week's Thursday). */
void fx_format_week(char *out, size_t size, long days)
{
    long thursday = days - fx_weekday_of(days) + 3;
    int y, m, d;
    fx_civil_from_days(thursday, &y, &m, &d);
    int week = (int)((thursday - fx_days_from_civil(y, 1, 1)) / 7) + 1;
    (void)size;
    char *p = fx_put_int(out, y, 4);
    p = fx_put_text(p, "-W");
    fx_put_int(p, week, 2);
}
