/* values_date.c - TIMEX3 values for dates.
 *
 * Capture names a date rule may use (all optional):
 *   year month day hour minute second    an absolute date and time
 *   year2 month2 day2                    the end of a range (missing parts
 *                                        are shared with the start)
 *   decade ("1990s"), century ("21st"), season, quarter ("3", "third"),
 *   half ("1", "first")
 *   deictic (today|yesterday|tomorrow)
 *   rel (this|next|last|coming|previous|following|past) with unit
 *     (year|month|week|quarter) or season or weekday
 *   count + unit + ago (ago|later|before|after): "two years ago"
 *   weekday alone: resolved by the tense around it
 *   mod (early|mid|late|...): kept as extra field "mod"
 * Relative values resolve against the document date; "following" and
 * "previous" against the last absolute date mentioned. Unknown parts are X.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "values_impl.h"

static const char *const month_names[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                          "jul", "aug", "sep", "oct", "nov", "dec"};
static const char *const weekday_names[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
static const char *const number_words[] = {"zero", "one", "two", "three", "four", "five", "six",
                                           "seven", "eight", "nine", "ten", "eleven", "twelve"};
static const char *const ordinal_words[] = {"zeroth", "first", "second", "third", "fourth"};

static int to_int(const char *s, int *out)
{
    if (!*s) return -1;
    char *end;
    long v = strtol(s, &end, 10);
    if (*end && strcmp(end, "st") && strcmp(end, "nd") && strcmp(end, "rd") && strcmp(end, "th"))
        return -1;
    *out = (int)v;
    return 0;
}

static int prefix_index(const char *s, const char *const *names, int count)
{
    for (int i = 0; i < count; i++)
        if (strncasecmp(s, names[i], 3) == 0) return i;
    return -1;
}

static int parse_month(const char *s)
{
    int m;
    if (to_int(s, &m) == 0) return m >= 1 && m <= 12 ? m : -1;
    if (strlen(s) < 3) return -1;
    int i = prefix_index(s, month_names, 12);
    return i < 0 ? -1 : i + 1;
}

static int parse_count(const char *s)
{
    int n;
    if (to_int(s, &n) == 0) return n;
    for (int i = 0; i < 13; i++)
        if (strcasecmp(s, number_words[i]) == 0) return i;
    if (strcasecmp(s, "a") == 0 || strcasecmp(s, "an") == 0) return 1;
    for (int i = 1; i < 5; i++)
        if (strcasecmp(s, ordinal_words[i]) == 0) return i;
    return -1;
}

static int days_in_month(int y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
    return d[m - 1];
}

/* Days since 1970-01-01 (proleptic Gregorian) and back. */
static long days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
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

static int weekday_of(long days) { return (int)(((days % 7) + 7 + 3) % 7); }   /* 0 = Monday */

typedef struct ymd { int y, m, d; } ymd;

static int parse_iso(const char *s, ymd *out)
{
    out->y = out->m = out->d = 0;
    if (strlen(s) >= 10 && sscanf(s, "%4d-%2d-%2d", &out->y, &out->m, &out->d) == 3) return 3;
    if (strlen(s) >= 7 && sscanf(s, "%4d-%2d", &out->y, &out->m) == 2 && s[4] == '-' && s[5] != 'Q')
        return 2;
    if (strlen(s) >= 4 && sscanf(s, "%4d", &out->y) == 1 && s[0] != 'X') return 1;
    return 0;
}

static const char *season_code(const char *s)
{
    if (!strncasecmp(s, "spring", 6)) return "SP";
    if (!strncasecmp(s, "summer", 6)) return "SU";
    if (!strncasecmp(s, "autumn", 6) || !strncasecmp(s, "fall", 4)) return "FA";
    if (!strncasecmp(s, "winter", 6)) return "WI";
    return NULL;
}

/* Past, future or neither, from words before the fact in its sentence. */
static int tense_before(const fx_value_env *env, const fx_fact *fact)
{
    const fx_doc *doc = env->doc;
    size_t sentence_start = doc->sentence_count ? doc->sentences[fact->sentence].start : 0;
    size_t from = fact->norm_start > sentence_start + 80 ? fact->norm_start - 80 : sentence_start;
    char window[96];
    size_t n = fact->norm_start - from;
    memcpy(window, doc->text + from, n);
    window[n] = '\0';
    static const char *const future[] = {" will ", " shall ", " going to ", "'ll ", " next "};
    static const char *const past[] = {" has ", " had ", " was ", " were ", " did ", " last ", "ed on "};
    int tense = 0;
    for (size_t i = 0; i < sizeof future / sizeof *future; i++)
        if (strstr(window, future[i])) tense = 1;
    for (size_t i = 0; i < sizeof past / sizeof *past; i++)
        if (strstr(window, past[i])) tense = -1;
    return tense;
}

#define G(name) fx_group_str(env, fact, #name, name##_buf, sizeof name##_buf)

cJSON *fx_value_date(fx_value_env *env, fx_fact *fact)
{
    char year_buf[16], month_buf[32], day_buf[16], hour_buf[8], minute_buf[8], second_buf[8];
    char year2_buf[16], month2_buf[32], day2_buf[16], decade_buf[16], century_buf[16];
    char season_buf[16], quarter_buf[16], half_buf[16], deictic_buf[16], rel_buf[16];
    char unit_buf[16], count_buf[16], ago_buf[16], weekday_buf[16], mod_buf[16];
    const char *year = G(year), *month = G(month), *day = G(day), *hour = G(hour);
    const char *minute = G(minute), *second = G(second), *year2 = G(year2), *month2 = G(month2);
    const char *day2 = G(day2), *decade = G(decade), *century = G(century), *season = G(season);
    const char *quarter = G(quarter), *half = G(half), *deictic = G(deictic), *rel = G(rel);
    const char *unit = G(unit), *count = G(count), *ago = G(ago), *weekday = G(weekday);
    const char *mod = G(mod);
    char out[128];
    ymd dct = {0};
    int dct_parts = parse_iso(env->doc->dct, &dct);
    ymd anchor = {0};
    int anchor_parts = parse_iso(env->anchor, &anchor);
    int absolute = 0;

    if (*mod) {
        fact->extra = cJSON_CreateObject();
        const char *m = !strncasecmp(mod, "early", 5) ? "START" : !strncasecmp(mod, "mid", 3) ? "MID"
                        : !strncasecmp(mod, "late", 4) ? "END" : mod;
        cJSON_AddStringToObject(fact->extra, "mod", m);
    }

    if (*decade) {
        int y;
        if (to_int(decade, &y) < 0) return NULL;
        if (y < 100) y += 1900;
        snprintf(out, sizeof out, "%03d", y / 10);
        absolute = 1;
    } else if (*century) {
        int c;
        if (to_int(century, &c) < 0 || c < 1 || c > 30) return NULL;
        snprintf(out, sizeof out, "%02d", c - 1);
        absolute = 1;
    } else if (*year || *year2 || *month || *day) {
        int y = 0, m = 0, d = 0, y2 = 0, m2 = 0, d2 = 0;
        if (*year && to_int(year, &y) < 0) return NULL;
        if (*year2 && to_int(year2, &y2) < 0) return NULL;
        if (*month && (m = parse_month(month)) < 0) return NULL;
        if (*month2 && (m2 = parse_month(month2)) < 0) return NULL;
        if (*day && to_int(day, &d) < 0) return NULL;
        if (*day2 && to_int(day2, &d2) < 0) return NULL;
        if (*year && strlen(year) == 2) y += y < 50 ? 2000 : 1900;
        if (*year2 && strlen(year2) <= 2 && y) y2 += y / 100 * 100;
        int ranged = *year2 || *month2 || *day2;
        if (ranged) {
            if (!y) y = y2;
            if (!y2) y2 = y;
            if (!m) m = m2;
            if (!m2) m2 = m;
            if (!*day) d2 = d2 ? d2 : 0;
        }
        if (!y && dct_parts) y = dct.y;     /* "8 December": the document's year */
        if (m && (m < 1 || m > 12)) return NULL;
        if (d && (!m || d < 1 || (y ? d > days_in_month(y, m) : d > 31))) return NULL;
        if (d2 && (!m2 || d2 < 1 || d2 > days_in_month(y2 ? y2 : 2000, m2))) return NULL;
        char start[32], end[32];
        int len = y ? snprintf(start, sizeof start, "%04d", y) : snprintf(start, sizeof start, "XXXX");
        if (m) len += snprintf(start + len, sizeof start - (size_t)len, "-%02d", m);
        if (d) snprintf(start + len, sizeof start - (size_t)len, "-%02d", d);
        if (*season && season_code(season)) snprintf(start + len, sizeof start - (size_t)len, "-%s", season_code(season));
        if (*quarter) {
            int q = parse_count(quarter);
            if (q < 1 || q > 4) return NULL;
            snprintf(start + len, sizeof start - (size_t)len, "-Q%d", q);
        }
        if (*half) {
            int h = parse_count(half);
            if (h < 1 || h > 2) return NULL;
            snprintf(start + len, sizeof start - (size_t)len, "-H%d", h);
        }
        if (ranged) {
            int l2 = snprintf(end, sizeof end, "%04d", y2);
            if (m2) l2 += snprintf(end + l2, sizeof end - (size_t)l2, "-%02d", m2);
            if (d2) snprintf(end + l2, sizeof end - (size_t)l2, "-%02d", d2);
            if (strcmp(start, end) >= 0) return NULL;   /* "2021-2018" is no range */
            snprintf(out, sizeof out, "%s/%s", start, end);
        } else if (*hour && d) {
            int h = atoi(hour), mi = *minute ? atoi(minute) : 0, s = *second ? atoi(second) : 0;
            if (h > 23 || mi > 59 || s > 60) return NULL;
            if (*second) snprintf(out, sizeof out, "%sT%02d:%02d:%02d", start, h, mi, s);
            else snprintf(out, sizeof out, "%sT%02d:%02d", start, h, mi);
        } else {
            snprintf(out, sizeof out, "%s", start);
        }
        absolute = y != 0;
    } else if (*deictic) {
        int shift = !strcasecmp(deictic, "yesterday") ? -1 : !strcasecmp(deictic, "tomorrow") ? 1 : 0;
        if (dct_parts == 3) {
            int y, m, d;
            civil_from_days(days_from_civil(dct.y, dct.m, dct.d) + shift, &y, &m, &d);
            snprintf(out, sizeof out, "%04d-%02d-%02d", y, m, d);
        } else {
            snprintf(out, sizeof out, "XXXX-XX-XX");
        }
    } else if (*count && *ago) {
        int n = parse_count(count);
        if (n < 0) return NULL;
        int sign = (!strcasecmp(ago, "ago") || !strcasecmp(ago, "before") || !strcasecmp(ago, "earlier")) ? -1 : 1;
        int from_anchor = strcasecmp(ago, "ago") != 0 && anchor_parts;   /* "two years later" */
        ymd base = from_anchor ? anchor : dct;
        int parts = from_anchor ? anchor_parts : dct_parts;
        if (!strncasecmp(unit, "year", 4)) {
            if (parts) snprintf(out, sizeof out, "%04d", base.y + sign * n);
            else snprintf(out, sizeof out, "XXXX");
        } else if (!strncasecmp(unit, "month", 5)) {
            if (parts >= 2) {
                int mm = base.y * 12 + base.m - 1 + sign * n;
                snprintf(out, sizeof out, "%04d-%02d", mm / 12, mm % 12 + 1);
            } else snprintf(out, sizeof out, "XXXX-XX");
        } else if (!strncasecmp(unit, "day", 3) || !strncasecmp(unit, "week", 4)) {
            int mult = !strncasecmp(unit, "week", 4) ? 7 : 1;
            if (parts == 3) {
                int y, m, d;
                civil_from_days(days_from_civil(base.y, base.m, base.d) + sign * n * mult, &y, &m, &d);
                snprintf(out, sizeof out, "%04d-%02d-%02d", y, m, d);
            } else snprintf(out, sizeof out, "XXXX-XX-XX");
        } else {
            return NULL;
        }
    } else if (*weekday) {
        int wd = prefix_index(weekday, weekday_names, 7);
        if (wd < 0) return NULL;
        int shift = 0;
        if (*rel) shift = (!strcasecmp(rel, "next") || !strcasecmp(rel, "coming")) ? 1
                          : (!strcasecmp(rel, "last") || !strcasecmp(rel, "past") || !strcasecmp(rel, "previous")) ? -1 : 0;
        else shift = tense_before(env, fact);
        if (dct_parts == 3) {
            long today = days_from_civil(dct.y, dct.m, dct.d);
            int today_wd = weekday_of(today);
            long target = today - today_wd + wd;    /* this week's */
            if (shift < 0 && target > today) target -= 7;
            if (shift > 0 && target <= today) target += 7;
            if (shift < 0 && *rel && target == today) target -= 7;
            int y, m, d;
            civil_from_days(target, &y, &m, &d);
            snprintf(out, sizeof out, "%04d-%02d-%02d", y, m, d);
        } else {
            snprintf(out, sizeof out, "XXXX-WXX-%d", wd + 1);
        }
    } else if (*rel) {
        int shift = (!strcasecmp(rel, "next") || !strcasecmp(rel, "coming") || !strcasecmp(rel, "following")) ? 1
                    : (!strcasecmp(rel, "last") || !strcasecmp(rel, "past") || !strcasecmp(rel, "previous")) ? -1 : 0;
        int use_anchor = (!strcasecmp(rel, "following") || !strcasecmp(rel, "previous")) && anchor_parts;
        ymd base = use_anchor ? anchor : dct;
        int parts = use_anchor ? anchor_parts : dct_parts;
        if (*season) {
            const char *code = season_code(season);
            if (!code) return NULL;
            if (parts) snprintf(out, sizeof out, "%04d-%s", base.y + shift, code);
            else snprintf(out, sizeof out, "XXXX-%s", code);
        } else if (!strncasecmp(unit, "year", 4)) {
            if (parts) snprintf(out, sizeof out, "%04d", base.y + shift);
            else snprintf(out, sizeof out, "XXXX");
        } else if (!strncasecmp(unit, "month", 5)) {
            if (parts >= 2) {
                int mm = base.y * 12 + base.m - 1 + shift;
                snprintf(out, sizeof out, "%04d-%02d", mm / 12, mm % 12 + 1);
            } else snprintf(out, sizeof out, "XXXX-XX");
        } else if (!strncasecmp(unit, "quarter", 7)) {
            if (parts >= 2) {
                int q = base.y * 4 + (base.m - 1) / 3 + shift;
                snprintf(out, sizeof out, "%04d-Q%d", q / 4, q % 4 + 1);
            } else snprintf(out, sizeof out, "XXXX-QX");
        } else if (!strncasecmp(unit, "week", 4)) {
            if (parts == 3) {
                long days = days_from_civil(base.y, base.m, base.d) + 7L * shift;
                int y, m, d;
                civil_from_days(days - weekday_of(days) + 3, &y, &m, &d);   /* ISO week's Thursday */
                long jan1 = days_from_civil(y, 1, 1);
                int week = (int)((days_from_civil(y, m, d) - jan1) / 7) + 1;
                snprintf(out, sizeof out, "%04d-W%02d", y, week);
            } else snprintf(out, sizeof out, "XXXX-WXX");
        } else {
            return NULL;
        }
    } else if (*season) {
        const char *code = season_code(season);
        if (!code) return NULL;
        snprintf(out, sizeof out, "XXXX-%s", code);
    } else {
        return NULL;
    }
    if (absolute) snprintf(env->anchor, sizeof env->anchor, "%.63s", out);
    return cJSON_CreateString(out);
}

/* A date with a day, near the top of the article, on a short line: a
 * byline ("By ..., December 08, 2014") or a dateline ("Published: ..."). */
void fx_values_detect_dct(fx_value_env *env)
{
    fx_doc *doc = env->doc;
    enum { TOP = 600, SHORT_LINE = 160 };
    for (size_t i = 0; i < doc->fact_count; i++) {
        fx_fact *f = &doc->facts[i];
        if (f->norm_start > TOP) break;
        if (f->type != FX_DATE) continue;
        size_t ls = f->norm_start, le = f->norm_end;
        while (ls > 0 && doc->text[ls - 1] != '\n') ls--;
        while (le < doc->text_len && doc->text[le] != '\n') le++;
        if (le - ls > SHORT_LINE) continue;
        fx_value_env probe = *env;
        probe.anchor[0] = '\0';
        fx_fact copy = *f;
        cJSON *v = f->candidate->rule->value(&probe, &copy);
        cJSON_Delete(copy.extra);
        ymd date;
        if (v && cJSON_IsString(v) && parse_iso(v->valuestring, &date) == 3 && strchr(v->valuestring, '/') == NULL) {
            snprintf(doc->dct, sizeof doc->dct, "%04d-%02d-%02d", date.y, date.m, date.d);
            doc->dct_source = FX_DCT_TEXT;
            cJSON_Delete(v);
            return;
        }
        cJSON_Delete(v);
    }
}
