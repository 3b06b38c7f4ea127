/* resolve_date.c - the date resolver: the TIMEX3 value of each date,
 * read against the document date and the last absolute date before it
 * (the anchor); a date that gives no value is dropped. values_date.c
 * writes what it decides (fx_date_resolution, values_date.h).
 *
 * Capture names a date rule may use (all optional):
 *   year month day                       an absolute date ("8 December 2014");
 *                                        a missing year comes from the
 *                                        document date, moved by the tense
 *                                        ("in March" said in February of a
 *                                        past event is last year's March)
 *   hour minute second ampm pod          a time, kept only with a day;
 *                                        pod: morning|afternoon|evening|night
 *   num1 num2 (with year)                "08/12/2014": day-first or
 *                                        month-first, decided by validity,
 *                                        then by the document's other dates;
 *                                        undecided: day-first plus the extra
 *                                        field "readings" with both values
 *   year2 month2 day2                    the end of a range (missing parts
 *                                        are shared with the start)
 *   holiday: a key of the table DATE_HOLIDAYS ("Christmas Day": 12-25)
 *   decade ("1990", "90"), century ("21st", "twenty-first"), season,
 *   quarter ("3", "third"), half ("1", "first"), fy (fiscal year: FY2020)
 *   deictic (today|yesterday|tomorrow|tonight)
 *   rel (this|next|last|coming|previous|following|same|that) with unit
 *     (year|month|week|weekend|quarter|day|decade) or season or weekday
 *     or quarter/half; "following", "previous", "same" and "that", and
 *     any rel with the capture anchor ("the next month"), resolve against
 *     the last absolute date mentioned (the anchor)
 *   count + unit + ago (ago|later|earlier|before|after|in): "two years
 *     ago", "in three weeks" (only in a future sentence)
 *   weekday alone: resolved by the tense around it
 *   mod: a qualifier outside the span, looked up in the table
 *     DATE_MODIFIERS and kept as the extra field "mod" (START, ON_OR_BEFORE...)
 *   zone (after hour): "CET" (table DATE_ZONES) or "+0100", kept as an offset
 *   quarters / months: "the first (two) quarters / (nine) months of" a year
 *   ytd: year to date, from 1 January to the document date
 *   TimeML mode only (rules flagged timeml): duration with count + unit
 *     ("five years" P5Y; no count and a plural unit: PXY), set with
 *     count + unit, weekday, season, month or pod ("every week" P1W,
 *     "every Monday" XXXX-WXX-1, "annually"), ref: a key of the table
 *     DATE_GENERIC_REFS ("now" PRESENT_REF)
 * Unknown parts are X. Tense cues come from the table DATE_TENSE_CUES,
 * number words ("three weeks ago") from AMOUNT_WORD (money.rules).
 * Without a document date, relative dates count from the last day the
 * text named (the extra field "anchor" gives its offset). In TimeML mode
 * every value gets the extra field "timex_type".
 */
#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "calendar.h"
#include "tense.h"
#include "resolve_impl.h"
#include "values_date.h"
#include "words.h"

/* Why a date is dropped, as explain shows it: its captures name no real
 * day, month, time or interval ("2014-13-45", a range that ends before it
 * starts). */
#define REJECTED "its captures give no valid date value"
/* A value the arithmetic would carry outside the years 0001-9999 ("the
 * day after" 9999-12-31): not produced, with a warning (calendar.h). */
enum { OUT_OF_RANGE = -2 };
#define OUT_OF_RANGE_REASON "its value would fall outside the years 0001-9999"

/* strcasecmp(s, word) == 0 and strncasecmp(s, word, n) == 0 (the C
 * locale's: ASCII case), their first bytes compared inline: most
 * comparisons end there, where each call cost some 40 instructions
 * (10,000 calls a MB). */
static inline int same_word(const char *s, const char *word)
{
    return fx_ascii_lower((unsigned char)*s) == fx_ascii_lower((unsigned char)*word) && strcasecmp(s, word) == 0;
}

static inline int starts_with_word(const char *s, const char *word, size_t n)
{
    return n == 0 ||
           (fx_ascii_lower((unsigned char)*s) == fx_ascii_lower((unsigned char)*word) && strncasecmp(s, word, n) == 0);
}

/* to_int past its plain digits: n of them read, not the whole of s. */
static int to_int_other(const char *s, size_t n, int *out)
{
    /* no digit, space or sign first ("January", ""): strtol reads none */
    if (!n && *s != '+' && *s != '-' && !isspace((unsigned char)*s)) return -1;
    char *end;
    long v = strtol(s, &end, 10);
    if (end == s) return -1;
    if (*end && !same_word(end, "st") && !same_word(end, "nd") && !same_word(end, "rd") && !same_word(end, "th"))
        return -1;
    *out = (int)v;
    return 0;
}

/* The number s is ("2014", "12", " 3", "21st"): 0, or -1 when it is none.
 * Most are plain digits, read here without strtol (which gives the same
 * for up to nine of them), inline: the call cost ~26 instructions of a
 * year's ~70 (6,000 calls in the 1 MB sample). */
static inline int to_int(const char *s, int *out)
{
    int digits = 0;
    size_t n = 0;
    while (n < 9 && fx_is_digit(s[n])) digits = digits * 10 + (s[n++] - '0');
    if (n && !s[n]) {
        *out = digits;
        return 0;
    }
    return to_int_other(s, n, out);
}

/* The tables the date values read and the tense cues indexed, found and
 * built once per context (fx_resolve_prepare), not per document. */
struct fx_date_tables {
    const fx_table *mods;       /* DATE_MODIFIERS */
    /* per row of mods: its mod is a bound ("since 2014", "by 2030": BEFORE,
     * AFTER), not the time the text tells about, so no anchor for "the
     * previous year"; found once, where each absolute date with a mod
     * searched its value for both words */
    unsigned char *bound_mods;
    const fx_table *amount_words;   /* AMOUNT_WORD: number words */
    const fx_table *names;      /* DATE_NAMES: months, weekdays, ordinals */
    int mod_column;
    /* DATE_NAMES' keys of three bytes (months, weekdays) with their
     * numbers in its month and weekday columns (-1: none), the first row
     * of a key only, as fx_table_find gives it: name_number compares three
     * bytes with each, not a table lookup and a column found by name per
     * date (1,600 a MB, 370 instructions each) */
    struct calendar_name { char key[3]; int number[2]; } *calendar_names;
    size_t calendar_name_count;
    const fx_tense_cues *cues;  /* NULL: no DATE_TENSE_CUES */
    /* per rule of the context (by its order), the field of each of its
     * groups (group_fields' index, -1: none), for the date rules only
     * (NULL for the others): read_groups then compares no names */
    const signed char **fields;
    /* per rule of the context: a date rule whose groups read no field but
     * year and year2 (fx_date_decided_alone) */
    unsigned char *years_only;
    size_t rule_count;
};

static int field_named(const char *name);

enum { MONTH, WEEKDAY };    /* struct calendar_name's numbers */

static void list_calendar_names(struct fx_date_tables *c, fx_arena *arena)
{
    const fx_table *t = c->names;
    size_t rows = t ? t->row_count : 0;
    c->calendar_names = fx_arena_alloc(arena, (rows ? rows : 1) * sizeof *c->calendar_names);
    int column[2] = {t ? fx_table_column(t, "month") : -1, t ? fx_table_column(t, "weekday") : -1};
    for (size_t r = 0; r < rows; r++) {
        const fx_table_row *row = &t->rows[r];
        if (row->key_length != 3 || fx_table_find(t, row->key, 3) != row) continue;
        struct calendar_name *name = &c->calendar_names[c->calendar_name_count++];
        memcpy(name->key, row->key, 3);
        for (int k = 0; k < 2; k++) {
            const char *field = column[k] >= 0 ? fx_table_row_field(row, (size_t)column[k]) : "";
            name->number[k] = *field ? atoi(field) : -1;
        }
    }
}

const struct fx_date_tables *fx_date_tables_build(const fx_context *ctx, fx_arena *arena)
{
    struct fx_date_tables *c = fx_arena_alloc(arena, sizeof *c);
    c->mods = fx_rules_table(ctx, "DATE_MODIFIERS");
    c->mod_column = c->mods ? fx_table_column(c->mods, "mod") : -1;
    size_t mod_rows = c->mods ? c->mods->row_count : 0;
    c->bound_mods = fx_arena_alloc(arena, mod_rows ? mod_rows : 1);
    for (size_t r = 0; r < mod_rows && c->mod_column >= 0; r++) {
        const char *mod = fx_table_row_field(&c->mods->rows[r], (size_t)c->mod_column);
        c->bound_mods[r] = strstr(mod, "BEFORE") || strstr(mod, "AFTER");
    }
    c->amount_words = fx_rules_table(ctx, "AMOUNT_WORD");
    c->names = fx_rules_table(ctx, "DATE_NAMES");
    list_calendar_names(c, arena);
    c->cues = fx_tense_cues_index(ctx, arena);
    c->rule_count = ctx->rule_count;
    c->fields = fx_arena_alloc(arena, (ctx->rule_count ? ctx->rule_count : 1) * sizeof *c->fields);
    c->years_only = fx_arena_alloc(arena, ctx->rule_count ? ctx->rule_count : 1);
    for (size_t r = 0; r < ctx->rule_count; r++) {
        const fx_rule *rule = &ctx->rules[r];
        if (rule->value_kind != FX_VALUE_DATE) continue;
        signed char *f = fx_arena_alloc(arena, (rule->group_count ? rule->group_count : 1) * sizeof *f);
        c->years_only[r] = 1;
        for (size_t k = 0; k < rule->group_count; k++) {
            const char *name = rule->group_names[k];
            f[k] = (signed char)(name ? field_named(name) : -1);
            if (f[k] >= 0 && strcmp(name, "year") != 0 && strcmp(name, "year2") != 0) c->years_only[r] = 0;
        }
        c->fields[r] = f;
    }
    return c;
}

static const struct fx_date_tables *date_tables(const fx_resolve_env *env)
{
    return env->tables->date;
}

/* The number DATE_NAMES gives a month or weekday name (which: MONTH or
 * WEEKDAY; 1 for January and Monday) by its first three letters, ASCII
 * case ignored, or -1 (as fx_table_number_caseless). */
static int name_number(fx_resolve_env *env, int which, const char *s)
{
    if (strnlen(s, 3) < 3) return -1;
    char key[3] = {(char)fx_ascii_lower((unsigned char)s[0]), (char)fx_ascii_lower((unsigned char)s[1]),
                   (char)fx_ascii_lower((unsigned char)s[2])};
    const struct fx_date_tables *c = date_tables(env);
    for (size_t i = 0; i < c->calendar_name_count; i++)
        if (memcmp(c->calendar_names[i].key, key, 3) == 0) return c->calendar_names[i].number[which];
    return -1;
}

/* The weekday of a name, 0 for Monday, or -1. */
static int weekday_index(fx_resolve_env *env, const char *s)
{
    int n = name_number(env, WEEKDAY, s);
    return n < 0 ? -1 : n - 1;
}

static int parse_month(fx_resolve_env *env, const char *s)
{
    int m;
    if (to_int(s, &m) == 0) return m >= 1 && m <= 12 ? m : -1;
    return name_number(env, MONTH, s);
}

/* A number word ("three", "forty", "a") as the table AMOUNT_WORD has it
 * (the money rules' number words): its whole value below a hundred, or -1. */
static int number_word(const fx_table *amount_words, const char *s)
{
    char key[16];
    size_t n = 0;
    for (; s[n] && n + 1 < sizeof key; n++) key[n] = (char)tolower((unsigned char)s[n]);
    if (s[n] || !amount_words) return -1;
    const fx_table_row *row = fx_table_find(amount_words, key, n);
    const char *value = row ? fx_table_field(amount_words, row, "value") : "";
    int v;
    if (!*value || to_int(value, &v) < 0 || v < 1 || v > 99) return -1;
    return v;
}

/* "3", "three", "third", "a", "twenty-first" -> the number; -1 if none.
 * words: the number words (AMOUNT_WORD) and ordinals (DATE_NAMES). */
static int parse_count(const struct fx_date_tables *words, const char *s)
{
    int n;
    if (to_int(s, &n) == 0) return n;
    if (same_word(s, "a couple of") || same_word(s, "couple of")) return 2;
    if (same_word(s, "a hundred")) return 100;
    if ((n = number_word(words->amount_words, s)) >= 0) return n;
    if ((n = fx_table_number_caseless(words->names, s, strlen(s), "ordinal")) >= 0) return n;
    if (starts_with_word(s, "twenty", 6) && (s[6] == '-' || s[6] == ' ')) {
        n = parse_count(words, s + 7);
        return n >= 1 && n <= 9 ? 20 + n : -1;
    }
    return -1;
}

/* Quarter or half number: "3", "third", and "final"/"last" for the last
 * of count. */
static int period_number(const struct fx_date_tables *words, const char *s, int count)
{
    if (same_word(s, "final") || same_word(s, "last")) return count;
    return parse_count(words, s);
}

static const char *season_code(const char *s)
{
    if (starts_with_word(s, "spring", 6)) return "SP";
    if (starts_with_word(s, "summer", 6)) return "SU";
    if (starts_with_word(s, "autumn", 6) || starts_with_word(s, "fall", 4)) return "FA";
    if (starts_with_word(s, "winter", 6)) return "WI";
    return NULL;
}

/* Where a season falls in the year, comparable with month * 32 + day;
 * winter counts as the year's end (December of the year it starts). */
static int season_part(const char *code)
{
    return !strcmp(code, "SP") ? 4 * 32 : !strcmp(code, "SU") ? 7 * 32 : !strcmp(code, "FA") ? 10 * 32 : 12 * 32 + 31;
}

static const char *pod_code(const char *s)
{
    if (starts_with_word(s, "morning", 7)) return "MO";
    if (starts_with_word(s, "afternoon", 9)) return "AF";
    if (starts_with_word(s, "evening", 7)) return "EV";
    if (starts_with_word(s, "night", 5) || starts_with_word(s, "tonight", 7)) return "NI";
    return NULL;
}

static int tense_around(fx_resolve_env *env, const fx_fact *fact, int look_after)
{
    return fx_tense_around(date_tables(env)->cues, env->doc, fact, look_after);
}

/* A qualifier ("early", "by", "the end of") as the extra field "mod".
 * Whether it is a bound (struct fx_date_tables' bound_mods). */
static int set_mod(fx_resolve_env *env, fx_date_resolution *r, const char *mod)
{
    const struct fx_date_tables *c = date_tables(env);
    const fx_table *mods = c->mods;
    char key[32];
    size_t n = 0;
    for (; mod[n] && n + 1 < sizeof key; n++) key[n] = (char)tolower((unsigned char)mod[n]);
    key[n] = '\0';
    const fx_table_row *row = mods ? fx_table_find(mods, key, n) : NULL;
    const char *value = row && c->mod_column >= 0 ? fx_table_row_field(row, (size_t)c->mod_column) : "";
    if (!*value) return 0;
    r->mod = value;     /* a table field */
    return c->bound_mods[row - mods->rows];
}

/* "08/12/2014": 1 when the document reads such dates day-first, -1 when
 * month-first, 0 when it does not say. Numeric dates that only one
 * reading makes valid count most; written dates ("8 December" against
 * "December 8") count too. */
static int document_day_first(const fx_resolve_env *env)
{
    const fx_doc *doc = env->doc;
    int numeric = 0, written = 0;
    for (size_t i = 0; i < doc->fact_count; i++) {
        const fx_fact *f = &doc->facts[i];
        if (f->type != FX_DATE || f->candidate->rejected) continue;
        const char *a, *b;
        long la = fx_fact_group(doc, f, "num1", &a), lb = fx_fact_group(doc, f, "num2", &b);
        if (la > 0 && lb > 0) {
            int x = atoi(a), y = atoi(b);
            if (x > 12 && y <= 12) numeric++;
            if (y > 12 && x <= 12) numeric--;
            continue;
        }
        long ld = fx_fact_group(doc, f, "day", &a), lm = fx_fact_group(doc, f, "month", &b);
        if (ld > 0 && lm > 0 && isalpha((unsigned char)b[0])) written += a < b ? 1 : -1;
    }
    if (numeric) return numeric > 0 ? 1 : -1;
    return written > 0 ? 1 : written < 0 ? -1 : 0;
}

/* Year for a date given without one: the document's, moved back when a
 * past sentence names a later part of the year (and ahead for a future
 * one). part and now are comparable positions within a year. */
static int year_for(fx_resolve_env *env, const fx_fact *fact, const char *rel, const fx_ymd *dct, int part,
                    int now)
{
    if (*rel && same_word(rel, "last")) return part < now ? dct->y : dct->y - 1;   /* "last March" */
    if (*rel && same_word(rel, "next")) return part > now ? dct->y : dct->y + 1;
    if (*rel || part == now) return dct->y;     /* "this March"; the tense moves no other part */
    int tense = tense_around(env, fact, 1);
    if (tense < 0 && part > now) return dct->y - 1;
    if (tense > 0 && part < now) return dct->y + 1;
    return dct->y;
}

/* The fields a date rule's groups are read into (read_groups), each a
 * NUL-terminated copy of its capture, "" when unset: name and size, once
 * for the struct, its table by name and its clearing. */
#define GROUP_FIELDS(X)                                                                                  \
    X(year, 16) X(month, 32) X(day, 16) X(hour, 8) X(minute, 8) X(second, 8) X(ampm, 8) X(pod, 16)      \
    X(num1, 8) X(num2, 8) X(year2, 16) X(month2, 32) X(day2, 16) X(decade, 16) X(century, 32)            \
    X(season, 16) X(quarter, 16) X(half, 16) X(fy, 16) X(deictic, 16) X(rel, 16) X(unit, 16)            \
    X(count, 24) X(ago, 16) X(weekday, 16) X(mod, 32) X(anchor, 8) X(holiday, 48)                       \
    X(zone, 8) X(quarters, 16) X(months, 16) X(ytd, 16) X(duration, 40) X(set, 40) X(ref, 32)

typedef struct groups {
#define FIELD(name, size) char name[size];
    GROUP_FIELDS(FIELD)
#undef FIELD
} groups;

#define GROUP(name, size) {#name, offsetof(groups, name), size},
static const struct group_field { const char *name; size_t offset, size; } group_fields[] = {GROUP_FIELDS(GROUP)};
#undef GROUP

/* Every field "": its first byte cleared, a store each (a clear of the
 * whole 736 bytes cost ~93 instructions a date, 5,400 dates a MB); the
 * readers read a field up to its NUL only. */
static void clear_groups(groups *g)
{
#define CLEAR(name, size) g->name[0] = '\0';
    GROUP_FIELDS(CLEAR)
#undef CLEAR
}

/* The index in group_fields of the field named name, or -1. */
static int field_named(const char *name)
{
    /* the fields (index + 1; 0 ends a list) by the first letter of their
     * names: a name is compared with a few of them only */
    static const unsigned char by_letter[26][5] = {
        ['a' - 'a'] = {7, 24, 27},  ['c' - 'a'] = {15, 23},    ['d' - 'a'] = {3, 13, 14, 20, 33},
        ['f' - 'a'] = {19},         ['h' - 'a'] = {4, 18, 28}, ['m' - 'a'] = {2, 5, 12, 26, 31},
        ['n' - 'a'] = {9, 10},      ['p' - 'a'] = {8},         ['q' - 'a'] = {17, 30},
        ['r' - 'a'] = {21, 35},         ['s' - 'a'] = {6, 16, 34},     ['u' - 'a'] = {22},
        ['w' - 'a'] = {25},         ['y' - 'a'] = {1, 11, 32},
        ['z' - 'a'] = {29},
    };
    if (name[0] < 'a' || name[0] > 'z') return -1;
    const unsigned char *candidates = by_letter[name[0] - 'a'];
    for (int j = 0; j < 5 && candidates[j]; j++)
        if (strcmp(group_fields[candidates[j] - 1u].name, name) == 0) return candidates[j] - 1;
    return -1;
}

/* Every capture into its field of g, as fx_group_str would copy it (the
 * first set group of a name; "" when unset or too long), in one pass over
 * the rule's groups instead of one per field; each group's field from
 * the date tables' map for a rule of the context (built once), else by
 * its name. The pass goes back from the last group, so that the first
 * set group of a name writes its field last, with no record of the
 * fields written. */
static void read_groups(const fx_resolve_env *env, const fx_fact *fact, groups *g)
{
    clear_groups(g);
    const fx_candidate *c = fact->candidate;
    const fx_rule *rule = c->rule;
    const struct fx_date_tables *t = date_tables(env);
    const signed char *fields = rule->order < t->rule_count && &env->ctx->rules[rule->order] == rule
                                ? t->fields[rule->order] : NULL;
    for (size_t k = c->group_count; k-- > 0;) {
        if (c->groups[2 * k] == FX_UNSET) continue;
        const char *name = rule->group_names[k];
        int f = fields ? fields[k] : name ? field_named(name) : -1;
        if (f < 0) continue;
        const struct group_field *gf = &group_fields[f];
        size_t n = c->groups[2 * k + 1] - c->groups[2 * k];
        char *out = (char *)g + gf->offset;
        if (n >= gf->size) n = 0;   /* too long: "", over a later group's */
        memcpy(out, env->doc->text + c->groups[2 * k], n);
        out[n] = '\0';
    }
}

/* The UTC offset of a zone after a clock time: "Z", "+01:00" (the table
 * DATE_ZONES for names, "+0100" and "+01:00" as written); NULL if none. */
static const char *zone_offset(const fx_resolve_env *env, const char *zone, char *buf)
{
    if (!*zone) return NULL;
    /* the offset's bytes only: past a field's NUL lies what an earlier
     * date left there (read_groups clears first bytes only) */
    size_t n = strlen(zone);
    if ((zone[0] == '+' || zone[0] == '-') && isdigit((unsigned char)zone[1])) {
        if (n < 5 || n != (zone[3] == ':' ? 6u : 5u)) return NULL;   /* "+0100" or "+01:00" */
        const char *minutes = zone[3] == ':' ? zone + 4 : zone + 3;
        buf[0] = zone[0];
        memcpy(buf + 1, zone + 1, 2);
        buf[3] = ':';
        memcpy(buf + 4, minutes, 2);
        buf[6] = '\0';
        return buf;
    }
    const fx_table *zones = fx_rules_table(env->ctx, "DATE_ZONES");
    const fx_table_row *row = zones ? fx_table_find(zones, zone, n) : NULL;
    return row ? fx_table_field(zones, row, "offset") : NULL;
}

/* Append "T10:30", "T10:30:05", "T10:30+01:00" or "TNI" to a day value;
 * 0 or -1 when the time is impossible. */
static int append_time(const fx_resolve_env *env, const groups *g, char *out, size_t size)
{
    size_t len = strlen(out);
    if (*g->hour) {
        int h = atoi(g->hour), mi = *g->minute ? atoi(g->minute) : 0, s = *g->second ? atoi(g->second) : 0;
        if (*g->ampm) {
            if (h < 1 || h > 12) return -1;
            int pm = tolower((unsigned char)g->ampm[0]) == 'p';
            h = h % 12 + (pm ? 12 : 0);
        }
        if (h > 23 || mi > 59 || s > 60) return -1;
        if (len + 10 > size) return -1;     /* never: the callers' buffers hold 128 bytes */
        char *p = out + len;
        *p++ = 'T';
        p = fx_put_int(p, h, 2);
        *p++ = ':';
        p = fx_put_int(p, mi, 2);
        if (*g->second) {
            *p++ = ':';
            p = fx_put_int(p, s, 2);
        }
        char buf[8];
        const char *offset = zone_offset(env, g->zone, buf);
        if (offset && strlen(out) + strlen(offset) < size) fx_put_text(p, offset);
    } else if (*g->pod && pod_code(g->pod)) {
        snprintf(out + len, size - len, "T%s", pod_code(g->pod));
    }
    return 0;
}

static int shift_of(const char *rel)
{
    static const char *const ahead[] = {"next", "coming", "following", "upcoming", "after"};
    static const char *const back[] = {"last", "past", "previous", "preceding", "before"};
    for (size_t i = 0; i < sizeof ahead / sizeof *ahead; i++)
        if (same_word(rel, ahead[i])) return 1;
    for (size_t i = 0; i < sizeof back / sizeof *back; i++)
        if (same_word(rel, back[i])) return -1;
    return 0;
}

/* "following", "previous", "same", "that": relative to the text's own
 * last date rather than to the document date. */
static int anchored(const char *rel)
{
    static const char *const words[] = {"following", "previous", "preceding", "same", "that", "the", "before", "after"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (same_word(rel, words[i])) return 1;
    return 0;
}

/* A relative unit ("next year", "three weeks ago") from a base date with
 * parts known parts; 0 on success, OUT_OF_RANGE or -1. */
static int shifted_unit(const char *unit, const fx_ymd *base, int parts, int shift, char *out, size_t size)
{
    if (starts_with_word(unit, "decade", 6)) {
        /* three digits: a decade past 9999 would read as a year, one before
         * 0010 would hold the year 0 */
        if (parts && (base->y + 10 * shift < 10 || !fx_year_in_range(base->y + 10 * shift))) return OUT_OF_RANGE;
        if (parts) fx_put_int(out, (base->y + 10 * shift) / 10, 3);
        else snprintf(out, size, "XXX");
    } else if (starts_with_word(unit, "year", 4)) {
        if (parts) fx_put_int(out, base->y + shift, 4);
        else snprintf(out, size, "XXXX");
    } else if (starts_with_word(unit, "quarter", 7)) {
        if (parts >= 2) {
            int q = base->y * 4 + (base->m - 1) / 3 + shift;
            char *p = fx_put_text(fx_put_int(out, q / 4, 4), "-Q");
            fx_put_int(p, q % 4 + 1, 1);
        } else snprintf(out, size, "XXXX-QX");
    } else if (starts_with_word(unit, "month", 5)) {
        if (parts >= 2) {
            int mm = base->y * 12 + base->m - 1 + shift;
            char *p = fx_put_int(out, mm / 12, 4);
            *p++ = '-';
            fx_put_int(p, mm % 12 + 1, 2);
        } else snprintf(out, size, "XXXX-XX");
    } else if (starts_with_word(unit, "weekend", 7)) {
        if (parts == 3) {
            fx_format_week(out, size, fx_days_from_civil(base->y, base->m, base->d) + 7L * shift);
            strncat(out, "-WE", size - strlen(out) - 1);
        } else snprintf(out, size, "XXXX-WXX-WE");
    } else if (starts_with_word(unit, "week", 4)) {
        if (parts == 3) fx_format_week(out, size, fx_days_from_civil(base->y, base->m, base->d) + 7L * shift);
        else snprintf(out, size, "XXXX-WXX");
    } else if (starts_with_word(unit, "day", 3) || pod_code(unit)) {
        if (parts == 3) fx_format_day(out, size, fx_days_from_civil(base->y, base->m, base->d) + shift);
        else snprintf(out, size, "XXXX-XX-XX");
    } else {
        return -1;
    }
    return 0;
}

/* Absolute and year-less calendar dates, ranges, periods of a year. */
static int value_calendar(fx_resolve_env *env, const fx_fact *fact, fx_date_resolution *r, const groups *g,
                          const fx_ymd *dct, int dct_parts, char *out, size_t size, int *absolute, int *counted)
{
    int y = 0, m = 0, d = 0, y2 = 0, m2 = 0, d2 = 0;
    if (*g->year && to_int(g->year, &y) < 0) return -1;
    if (*g->year2 && to_int(g->year2, &y2) < 0) return -1;
    if (*g->month && (m = parse_month(env, g->month)) < 0) return -1;
    if (*g->month2 && (m2 = parse_month(env, g->month2)) < 0) return -1;
    if (*g->day && to_int(g->day, &d) < 0) return -1;
    if (*g->day2 && to_int(g->day2, &d2) < 0) return -1;
    if (*g->holiday) {
        const fx_table *days = fx_rules_table(env->ctx, "DATE_HOLIDAYS");
        const fx_table_row *row = days ? fx_table_find(days, g->holiday, strlen(g->holiday)) : NULL;
        if (!row) return -1;
        m = atoi(fx_table_field(days, row, "month"));
        d = atoi(fx_table_field(days, row, "day"));
    }
    /* two bytes: "14" (the fields' lengths by their bytes, not strlen) */
    if (*g->year && g->year[1] && !g->year[2]) y += *g->fy ? 2000 : (y < 50 ? 2000 : 1900);
    if (*g->year2 && (!g->year2[1] || !g->year2[2]) && y) y2 += y / 100 * 100;

    char readings[2][40] = {"", ""};
    if (*g->num1 && *g->num2) {
        int a = atoi(g->num1), b = atoi(g->num2);
        int day_first_ok = b >= 1 && b <= 12 && a >= 1 && a <= fx_days_in_month(y, b);
        int month_first_ok = a >= 1 && a <= 12 && b >= 1 && b <= fx_days_in_month(y, a);
        if (!day_first_ok && !month_first_ok) return -1;
        int day_first = day_first_ok;
        if (day_first_ok && month_first_ok && a != b) {
            int order = document_day_first(env);
            if (order < 0) day_first = 0;
            if (order == 0) {
                snprintf(readings[0], sizeof readings[0], "%04d-%02d-%02d", y, b, a);
                snprintf(readings[1], sizeof readings[1], "%04d-%02d-%02d", y, a, b);
            }
        }
        d = day_first ? a : b;
        m = day_first ? b : a;
    }

    int ranged = *g->year2 || *g->month2 || *g->day2;
    int year_inherited = 0;
    if (ranged) {
        if (!y && y2) { y = y2; year_inherited = 1; }
        if (!y2) y2 = y;
        if (!m) m = m2;
        if (!m2 && d2) m2 = m;
    }
    int year_guessed = 0;
    if (!y && dct_parts && !*g->fy) {
        /* a month, day, quarter or season without its year */
        /* compared at the date's own precision: "in March" said on 18 March is this March */
        int part = m ? m * 32 + d : 0, now = dct->m * 32 + (d ? dct->d : 0);
        if (*g->quarter) { part = period_number(date_tables(env), g->quarter, 4) * 3 * 32; now = ((dct->m - 1) / 3 + 1) * 3 * 32; }
        if (*g->half) { part = period_number(date_tables(env), g->half, 2) * 6 * 32; now = ((dct->m - 1) / 6 + 1) * 6 * 32; }
        if (*g->season && season_code(g->season)) {
            static const char *const by_month[] = {"WI", "WI", "SP", "SP", "SP", "SU", "SU", "SU", "FA", "FA", "FA", "WI"};
            part = season_part(season_code(g->season));
            now = season_part(by_month[dct->m - 1]);
        }
        /* a base date that is only a year (a narrative's anchor) gives its year */
        y = part && dct_parts >= 2 ? year_for(env, fact, g->rel, dct, part, now) : dct->y;
        if (ranged && !y2) y2 = y;
        year_guessed = 1;
        *counted = 1;
    }
    if (year_guessed && d && *g->weekday && m >= 1 && m <= 12) {
        /* "Monday, January 12": the year in which that day is a Monday */
        int wd = weekday_index(env, g->weekday);
        static const int tries[] = {0, 1, -1};
        for (size_t i = 0; wd >= 0 && i < sizeof tries / sizeof *tries; i++) {
            int yy = y + tries[i];
            if (d <= fx_days_in_month(yy, m) && fx_weekday_of(fx_days_from_civil(yy, m, d)) == wd) {
                y = yy;
                break;
            }
        }
    }
    /* a year moved by the tense or the range past 0001-9999 (0 would read as unknown) */
    if ((year_guessed || year_inherited) && !fx_year_in_range(y)) return OUT_OF_RANGE;
    if (m && (m < 1 || m > 12)) return -1;
    if (d && (!m || d < 1 || d > fx_days_in_month(y ? y : 2000, m))) return -1;
    if (d2 && (!m2 || d2 < 1 || d2 > fx_days_in_month(y2 ? y2 : 2000, m2))) return -1;
    if (ranged && year_inherited && (m > m2 || (m == m2 && d > d2))) y--;   /* "8 December to 10 January 2015" */
    if (year_inherited && !fx_year_in_range(y)) return OUT_OF_RANGE;
    if (ranged && year_guessed && y == y2 && (m > m2 || (m == m2 && d > d2))) y2++;   /* "20 December - 5 January" */

    char start[40], end[40];
    char *p = start;
    if (y) p = fx_put_int(*g->fy ? fx_put_text(p, "FY") : p, y, 4);
    else p = fx_put_text(p, "XXXX");
    if (m) p = fx_put_int(fx_put_text(p, "-"), m, 2);
    if (d) p = fx_put_int(fx_put_text(p, "-"), d, 2);
    if (*g->season) {
        if (!season_code(g->season)) return -1;
        p = fx_put_text(fx_put_text(p, "-"), season_code(g->season));
    }
    if (*g->quarter) {
        int q = period_number(date_tables(env), g->quarter, 4);
        if (q < 1 || q > 4) return -1;
        p = fx_put_int(fx_put_text(p, "-Q"), q, 1);
    }
    if (*g->half) {
        int h = period_number(date_tables(env), g->half, 2);
        if (h < 1 || h > 2) return -1;
        p = fx_put_int(fx_put_text(p, "-H"), h, 1);
    }
    if (ranged) {
        char *e = fx_put_int(end, y2, 4);
        if (m2) e = fx_put_int(fx_put_text(e, "-"), m2, 2);
        if (d2) fx_put_int(fx_put_text(e, "-"), d2, 2);
        if (strncmp(start, end, strlen(end) < strlen(start) ? strlen(end) : strlen(start)) >= 0)
            return -1;   /* "2021-2018" is no range */
        fx_put_text(fx_put_text(fx_put_text(out, start), "/"), end);
    } else {
        fx_put_text(out, start);
        if (d && append_time(env, g, out, size) < 0) return -1;
    }
    if (readings[0][0]) {
        r->readings[0] = fx_arena_strdup(&env->doc->arena, readings[0]);
        r->readings[1] = fx_arena_strdup(&env->doc->arena, readings[1]);
    }
    *absolute = y != 0 && !*g->fy;
    return 0;
}

/* The first part of a year: "the first two quarters of 2021"
 * (2021-Q1/2021-Q2), "the first nine months of 2019" (2019-01/2019-09),
 * "year to date" (from 1 January to the document date). Without a year,
 * the document date's. */
static int value_leading_part(fx_resolve_env *env, const groups *g, const fx_ymd *dct, int dct_parts, char *out,
                              size_t size)
{
    int y = 0;
    if (*g->year && to_int(g->year, &y) < 0) return -1;
    if (!y && dct_parts) y = dct->y;
    char year[8] = "XXXX";
    if (y) fx_put_int(year, y, 4);
    if (*g->ytd) {
        if (dct_parts == 3 && (!*g->year || y == dct->y))
            snprintf(out, size, "%s-01-01/%04d-%02d-%02d", year, dct->y, dct->m, dct->d);
        else
            snprintf(out, size, "%s-01-01/%s-XX-XX", year, year);
        return 0;
    }
    int n = parse_count(date_tables(env), *g->quarters ? g->quarters : g->months);
    if (n < 2 || n > (*g->quarters ? 3 : 11)) return -1;
    if (*g->quarters) snprintf(out, size, "%s-Q1/%s-Q%d", year, year, n);
    else snprintf(out, size, "%s-01/%s-%02d", year, year, n);
    return 0;
}

static int value_weekday(fx_resolve_env *env, const fx_fact *fact, const groups *g, const fx_ymd *dct, int dct_parts,
                         char *out, size_t size)
{
    int wd = weekday_index(env, g->weekday);
    if (wd < 0) return -1;
    if (dct_parts < 3) {
        snprintf(out, size, "XXXX-WXX-%d", wd + 1);
        return 0;
    }
    int shift = *g->rel ? shift_of(g->rel) : tense_around(env, fact, 1);
    long today = fx_days_from_civil(dct->y, dct->m, dct->d);
    long target = today - fx_weekday_of(today) + wd;    /* this week's */
    if (shift < 0 && target > today) target -= 7;
    if (shift > 0 && target <= today) target += 7;
    if (shift < 0 && *g->rel && target == today) target -= 7;
    fx_format_day(out, size, target);
    return append_time(env, g, out, size);
}

/* The ISO 8601 designator of a unit of time ("years" -> "Y", "hours" ->
 * "H" after a T), how many of it one of the unit makes (a quarter: 3
 * months), and whether it is a time unit. NULL when unit is none. */
static const char *duration_unit(const char *unit, int *times, int *clock)
{
    static const struct { const char *word, *code; int times, clock; } units[] = {
        {"centur", "CE", 1, 0}, {"decade", "DE", 1, 0}, {"year", "Y", 1, 0},    {"quarter", "M", 3, 0},
        {"month", "M", 1, 0},   {"weekend", "WE", 1, 0}, {"week", "W", 1, 0},   {"day", "D", 1, 0},
        {"night", "D", 1, 0},   {"hour", "H", 1, 1},    {"minute", "M", 1, 1}, {"second", "S", 1, 1},
        {"annual", "Y", 1, 0},
    };
    for (size_t i = 0; i < sizeof units / sizeof *units; i++)
        if (starts_with_word(unit, units[i].word, strlen(units[i].word))) {
            *times = units[i].times;
            *clock = units[i].clock;
            return units[i].code;
        }
    return NULL;
}

/* TimeML mode: a duration ("five years" P5Y, "three hours" PT3H, "the
 * coming years" PXY), a set ("every week" P1W, "every Monday" XXXX-WXX-1,
 * "annually" P1Y) or a generic reference ("now" PRESENT_REF, from the
 * table DATE_GENERIC_REFS). -1 when the captures give none of them. */
static int value_timeml_only(fx_resolve_env *env, const groups *g, char *out, size_t size)
{
    if (*g->ref) {
        const fx_table *refs = fx_rules_table(env->ctx, "DATE_GENERIC_REFS");
        char key[32];
        size_t n = 0;
        for (; g->ref[n] && n + 1 < sizeof key; n++) key[n] = (char)tolower((unsigned char)g->ref[n]);
        key[n] = '\0';
        const fx_table_row *row = refs ? fx_table_find(refs, key, n) : NULL;
        if (!row) return -1;
        snprintf(out, size, "%s", fx_table_field(refs, row, "value"));
        return 0;
    }
    const char *pod = *g->pod ? pod_code(g->pod) : NULL;
    if (*g->set && *g->weekday) {
        int wd = weekday_index(env, g->weekday);
        if (wd < 0) return -1;
        snprintf(out, size, "XXXX-WXX-%d%s%s", wd + 1, pod ? "T" : "", pod ? pod : "");
        return 0;
    }
    if (*g->set && pod) {
        snprintf(out, size, "XXXX-XX-XXT%s", pod);
        return 0;
    }
    if (*g->set && *g->season) {
        if (!season_code(g->season)) return -1;
        snprintf(out, size, "XXXX-%s", season_code(g->season));
        return 0;
    }
    if (*g->set && *g->month) {
        int m = parse_month(env, g->month);
        if (m < 1) return -1;
        snprintf(out, size, "XXXX-%02d", m);
        return 0;
    }
    const char *unit = *g->unit ? g->unit : g->set;    /* "annually": the set word is its unit */
    int times, clock;
    const char *code = duration_unit(unit, &times, &clock);
    if (!code) return -1;
    int n = *g->count ? parse_count(date_tables(env), g->count) : 1;
    size_t len = strlen(unit);
    /* "years", "several months": a number the text does not give */
    int plural = len > 1 && tolower((unsigned char)unit[len - 1]) == 's';
    int unknown = (*g->count && n < 0) || (!*g->count && !*g->set && plural);
    if (unknown) snprintf(out, size, "P%sX%s", clock ? "T" : "", code);
    else snprintf(out, size, "P%s%d%s", clock ? "T" : "", n * times, code);
    return 0;
}

/* TimeML's type of a date: a set, a duration, a time (a value with a time
 * of day: "2014-12-04T09:55", "XXXX-XX-XXTNI") or a date. */
static const char *timex_type(const groups *g, const char *value)
{
    if (*g->set) return "SET";
    if (*g->duration) return "DURATION";
    if (!*g->ref && !strchr(value, '/') && strchr(value, 'T')) return "TIME";
    return "DATE";
}

/* A value out[0..len) (len < VALUE_SIZE, out a buffer of VALUE_SIZE bytes)
 * copied into the arena. One of up to 15 bytes fills the 16 the arena
 * rounds its room to, and is moved as 16 bytes from out (readable past
 * its NUL), a move of fixed size made inline: most values are that
 * short, where fx_arena_strndup's call and memcpy cost some 45
 * instructions a date. */
enum { VALUE_SIZE = 128 };

static const char *value_copy(fx_arena *arena, const char *out, size_t len)
{
    if (len >= 16) return fx_arena_strndup(arena, out, len);
    char *value = fx_arena_alloc_uninit(arena, 16);
    memcpy(value, out, 16);
    return value;
}

/* An absolute date's value[0..len) becomes the anchor of the dates after
 * it (and of a day's, the day anchor). */
static void set_anchor(fx_resolve_env *env, const fx_fact *fact, const char *value, size_t len)
{
    size_t n = len < sizeof env->anchor - 1 ? len : sizeof env->anchor - 1;
    memcpy(env->anchor, value, n);
    env->anchor[n] = '\0';
    env->anchor_at = fact->start;
    env->anchor_parts = fx_parse_iso(env->anchor, &env->anchor_ymd);
    /* fx_parse_iso reads ten bytes at most: the value, the anchor and a
     * day's first ten bytes read alike, so they are read once */
    if (env->anchor_parts == 3 && !strchr(value, '/')) {
        memcpy(env->day_anchor, value, 10);
        env->day_anchor[10] = '\0';
        env->day_anchor_at = fact->start;
        env->day_anchor_parts = 3;
        env->day_anchor_ymd = env->anchor_ymd;
    }
}

/* The value of fact into r (r->value in the arena): 0, or -1 when the
 * captures give no date, OUT_OF_RANGE when it would leave the years
 * 0001-9999. An absolute date becomes the anchor. */
static int timex(fx_resolve_env *env, const fx_fact *fact, fx_date_resolution *r)
{
    groups g;
    read_groups(env, fact, &g);
    char out[VALUE_SIZE];
    if (!env->dct_read) {
        env->dct_parts = fx_parse_iso(env->doc->dct, &env->dct_ymd);
        env->dct_read = 1;
    }
    fx_ymd dct = env->dct_ymd;
    int dct_parts = env->dct_parts;
    fx_ymd anchor = env->anchor_ymd;
    int anchor_parts = env->anchor_parts;
    /* No document date: relative dates count from the last day the text
     * named before them, as HeidelTime does for narratives (r->anchor says
     * which). A year or a month alone is a background to the story more
     * often than its time ("founded in 1988"), so it sets none. */
    fx_ymd day = env->day_anchor_ymd;
    int narrative = dct_parts == 0 && env->day_anchor_parts == 3;
    if (narrative) {
        dct = day;
        dct_parts = 3;
    }
    int absolute = 0;
    int counted = 0;            /* the value counts from the document date (or the narrative's day) */
    int from_text = 0;          /* the value counts from the last date in the text */
    r->anchor = -1;

    int bound = *g.mod && set_mod(env, r, g.mod);

    if (*g.duration || *g.set || *g.ref) {
        if (value_timeml_only(env, &g, out, sizeof out) < 0) return -1;
    } else if (*g.decade) {
        int y;
        if (to_int(g.decade, &y) < 0) return -1;
        if (y < 100) y += 1900;
        fx_put_int(out, y / 10, 3);
        absolute = 1;
    } else if (*g.century) {
        int c = parse_count(date_tables(env), g.century);
        if (c < 1 || c > 30) return -1;
        fx_put_int(out, c - 1, 2);
        absolute = 1;
    } else if (*g.quarters || *g.months || *g.ytd) {
        if (value_leading_part(env, &g, &dct, dct_parts, out, sizeof out) < 0) return -1;
        counted = !*g.year;
    } else if (*g.year || *g.year2 || *g.month || *g.day || *g.num1 || *g.fy || *g.holiday ||
               ((*g.quarter || *g.half) && !*g.rel) || (*g.season && !*g.rel)) {
        int calendar = value_calendar(env, fact, r, &g, &dct, dct_parts, out, sizeof out, &absolute, &counted);
        if (calendar < 0) return calendar;
    } else if (*g.deictic) {
        counted = 1;
        int shift = same_word(g.deictic, "yesterday") ? -1 : same_word(g.deictic, "tomorrow") ? 1 : 0;
        if (dct_parts == 3) fx_format_day(out, sizeof out, fx_days_from_civil(dct.y, dct.m, dct.d) + shift);
        else snprintf(out, sizeof out, "XXXX-XX-XX");
        if (same_word(g.deictic, "tonight")) strcat(out, "TNI");
        else if (append_time(env, &g, out, sizeof out) < 0) return -1;
    } else if (*g.count && *g.ago) {
        int n = parse_count(date_tables(env), g.count);
        if (n < 0) return -1;
        int sign = (same_word(g.ago, "ago") || same_word(g.ago, "before") || same_word(g.ago, "earlier")) ? -1 : 1;
        int in_future = same_word(g.ago, "in") || same_word(g.ago, "within");
        if (in_future && tense_around(env, fact, 1) <= 0) return -1;   /* "in 10 years" may be a duration */
        int from_anchor = !in_future && !same_word(g.ago, "ago") && anchor_parts;   /* "two years later" */
        const fx_ymd *base = from_anchor ? &anchor : &dct;
        int parts = from_anchor ? anchor_parts : dct_parts;
        counted = 1;
        from_text = from_anchor;
        int shifted = shifted_unit(g.unit, base, parts, sign * n, out, sizeof out);
        if (shifted < 0) return shifted;
    } else if (*g.weekday) {
        counted = 1;
        if (value_weekday(env, fact, &g, &dct, dct_parts, out, sizeof out) < 0) return -1;
    } else if (*g.rel) {
        int shift = shift_of(g.rel);
        int use_anchor = (anchored(g.rel) || *g.anchor) && anchor_parts;
        const fx_ymd *base = use_anchor ? &anchor : &dct;
        int parts = use_anchor ? anchor_parts : dct_parts;
        counted = 1;
        from_text = use_anchor;
        if (same_word(g.rel, "the") && starts_with_word(g.unit, "weekend", 7)) {
            /* "over the weekend": the last one in a past sentence, else this week's */
            from_text = 0;
            if (dct_parts < 3) snprintf(out, sizeof out, "XXXX-WXX-WE");
            else {
                long today = fx_days_from_civil(dct.y, dct.m, dct.d);
                int past = fx_weekday_of(today) < 5 && tense_around(env, fact, 1) < 0;
                fx_format_week(out, sizeof out, today - (past ? 7 : 0));
                strcat(out, "-WE");
            }
        } else if (*g.season) {
            const char *code = season_code(g.season);
            if (!code) return -1;
            if (parts) snprintf(out, sizeof out, "%04d-%s", base->y + shift, code);
            else snprintf(out, sizeof out, "XXXX-%s", code);
        } else if (*g.quarter || *g.half) {
            int k = period_number(date_tables(env), *g.quarter ? g.quarter : g.half, *g.quarter ? 4 : 2);
            if (k < 1 || k > (*g.quarter ? 4 : 2)) return -1;
            if (parts) snprintf(out, sizeof out, "%04d-%c%d", base->y + shift, *g.quarter ? 'Q' : 'H', k);
            else snprintf(out, sizeof out, "XXXX-%c%d", *g.quarter ? 'Q' : 'H', k);
        } else {
            int shifted = shifted_unit(g.unit, base, parts, shift, out, sizeof out);
            if (shifted < 0) return shifted;
        }
        if (starts_with_word(g.unit, "day", 3) || pod_code(g.unit))
            if (append_time(env, &g, out, sizeof out) < 0) return -1;
    } else if (*g.unit) {
        /* "the year" after "the end of": the text's own year, else the document's */
        const fx_ymd *base = anchor_parts ? &anchor : &dct;
        counted = 1;
        from_text = anchor_parts > 0;
        int shifted = shifted_unit(g.unit, base, anchor_parts ? anchor_parts : dct_parts, 0, out, sizeof out);
        if (shifted < 0) return shifted;
    } else {
        return -1;
    }
    if (!fx_timex_in_range(out)) return OUT_OF_RANGE;
    if (counted && (from_text || narrative) && out[0] != 'X')
        r->anchor = (long)(from_text ? env->anchor_at : env->day_anchor_at);
    size_t len = strlen(out);   /* for the anchor and the copy, read once */
    if (absolute && !bound) set_anchor(env, fact, out, len);
    r->value = value_copy(&env->doc->arena, out, len);
    r->timex_type = env->doc->timeml ? timex_type(&g, out) : NULL;
    return 0;
}

/* fx_date_decided_alone's answer for each candidate of a document, asked
 * once: it reads the candidate's groups alone, and set_aside_early asks
 * each range of each round, a kept one twice (507 asks a MB, 380
 * candidates). A kept range's value is kept for the date resolver too
 * (known_range), whose timex asked value_calendar the same again. */
enum { NOT_ASKED, NOT_ALONE, ALONE_KEPT, ALONE_DROPPED };

struct years_decided {
    size_t count;                   /* the document's candidates when made */
    struct years_answer { const char *value; unsigned char answer; } *at;   /* value: ALONE_KEPT's, in the arena */
};

/* The answer of fact's candidate, room for it made at the document's first
 * ask; NULL for a candidate made after that (none is asked). */
static struct years_answer *years_answer_of(fx_resolve_env *env, const fx_fact *fact)
{
    fx_doc *doc = env->doc;
    struct years_decided *d = env->years_decided;
    if (!d) {
        d = env->years_decided = fx_arena_alloc(&doc->arena, sizeof *d);
        d->count = doc->candidate_count;
        d->at = fx_arena_alloc(&doc->arena, (d->count ? d->count : 1) * sizeof *d->at);   /* zeroed: NOT_ASKED */
    }
    size_t i = (size_t)(fact->candidate - doc->candidates);
    return i < d->count ? &d->at[i] : NULL;
}

/* The value of a range of years fx_date_decided_alone kept, or NULL. */
static const char *decided_value(const fx_resolve_env *env, const fx_fact *fact)
{
    const struct years_decided *d = env->years_decided;
    if (!d) return NULL;
    size_t i = (size_t)(fact->candidate - env->doc->candidates);
    return i < d->count ? d->at[i].value : NULL;
}

/* timex of a range of years fx_date_decided_alone kept (its value):
 * value_calendar gave it of the groups, year and year2 alone, and timex
 * would ask the same again. The range is absolute and counts from no
 * date; its type is read off the value, as no group sets one. */
static void known_range(fx_resolve_env *env, const fx_fact *fact, fx_date_resolution *r, const char *value)
{
    static const groups none;
    r->anchor = -1;
    set_anchor(env, fact, value, strlen(value));
    r->value = value;
    r->timex_type = env->doc->timeml ? timex_type(&none, value) : NULL;
}

const char *fx_resolve_date(fx_resolve_env *env, fx_fact *fact)
{
    fx_date_resolution *r = fx_arena_alloc(&env->doc->arena, sizeof *r);
    const char *known = decided_value(env, fact);
    if (known) {
        known_range(env, fact, r, known);
        fact->resolution = r;
        return NULL;
    }
    int rc = timex(env, fact, r);
    if (rc == OUT_OF_RANGE) {
        fx_doc_warn(env->doc, fact->start, "%s match dropped: its value would fall outside the years 0001-9999 "
                    "(document date %s)", fact->candidate->rule->id, env->doc->dct[0] ? env->doc->dct : "none");
        return OUT_OF_RANGE_REASON;
    }
    if (rc < 0) return REJECTED;
    fact->resolution = r;
    return NULL;
}

int fx_date_decided_alone(fx_resolve_env *env, const fx_fact *fact, const char **why)
{
    const struct fx_date_tables *t = date_tables(env);
    const fx_rule *rule = fact->candidate->rule;
    if (rule->order >= t->rule_count || &env->ctx->rules[rule->order] != rule || !t->years_only[rule->order]) return 0;
    struct years_answer *a = years_answer_of(env, fact);
    if (a && a->answer != NOT_ASKED) {
        *why = a->answer == ALONE_DROPPED ? REJECTED : NULL;
        return a->answer != NOT_ALONE;
    }
    groups g;
    read_groups(env, fact, &g);
    /* two years, neither 0: timex asks value_calendar alone, which then
     * reads no date of the document's or of the text's */
    int y, y2;
    if (to_int(g.year, &y) < 0 || to_int(g.year2, &y2) < 0 || !y || !y2) {
        if (a) a->answer = NOT_ALONE;
        return 0;
    }
    fx_date_resolution r = {0};
    const fx_ymd no_date = {0};
    char out[VALUE_SIZE];
    int absolute = 0, counted = 0;
    int rc = value_calendar(env, fact, &r, &g, &no_date, 0, out, sizeof out, &absolute, &counted);
    *why = rc == -1 ? REJECTED : NULL;
    int kept = rc == 0 && fx_timex_in_range(out);
    if (a) {
        a->answer = rc == -1 ? ALONE_DROPPED : kept ? ALONE_KEPT : NOT_ALONE;
        if (kept) a->value = value_copy(&env->doc->arena, out, strlen(out));
    }
    return rc == -1 || kept;
}

int fx_date_years_only(const struct fx_date_tables *t, size_t order)
{
    return order < t->rule_count && t->years_only[order];
}

int fx_date_value_alone(const struct fx_context *ctx, fx_doc *doc, const fx_fact *fact, char *out, size_t size)
{
    fx_resolve_env env = {.ctx = ctx, .tables = ctx->resolve_tables, .doc = doc};
    fx_date_resolution r = {0};
    if (timex(&env, fact, &r) < 0 || strlen(r.value) >= size) return -1;
    memcpy(out, r.value, strlen(r.value) + 1);
    return 0;
}
