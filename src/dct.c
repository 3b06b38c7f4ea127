/* dct.c - see dct.h. */
#include "dct.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bytes16.h"
#include "calendar.h"
#include "match.h"
#include "rules.h"
#include "tense.h"
#include "values_date.h"

enum {
    TOP = 1200,         /* the top of the page: where datelines, bylines and stamps stand */
    SHORT_LINE = 200,   /* longer lines are prose, not a page's furniture */
    LIST_HEAD = 48,     /* a list item's date stands in its first bytes */
    LABEL_LINE = 80,    /* a label's line below the top: "Last modified: 14 October 2021" */
    MAX_DATES = 64,     /* candidates read at once (on one line) */
};

/* A line of the normalised text, without the '\n'. */
typedef struct line {
    size_t start, end;
} line;

/* The date on a line that may be the article's (day_in): kept apart from
 * the line, as every line is read and few hold one (its value is 128
 * bytes, cleared and copied per line when it was a part of the line). */
typedef struct line_date {
    size_t start, end;
    char value[128];            /* its TIMEX3 value; the first 10 bytes are the day */
    int yearless;               /* value is XXXX-MM-DD: a wire dateline's "March 3" */
} line_date;

/* The stage's tables, found once per context (fx_dct_prepare). */
struct fx_dct_tables {
    const fx_table *cues;       /* DATE_DCT_CUES; NULL without it or its column "cue" */
    size_t cue_column;
    /* the cues' keys' first two bytes, ASCII's case folded (bit c1 & 31
     * of pairs[c0 & 31]; a one-byte key: every bit of its first's): a
     * filter that most word starts fail, where every row was tried at each */
    uint32_t pairs[32];
    const fx_table *names;      /* DATE_NAMES */
};

void fx_dct_prepare(fx_context *ctx)
{
    fx_dct_tables *t = fx_arena_alloc(&ctx->arena, sizeof *t);   /* zeroed */
    t->names = fx_rules_table(ctx, "DATE_NAMES");
    const fx_table *cues = fx_rules_table(ctx, "DATE_DCT_CUES");
    int column = cues ? fx_table_column(cues, "cue") : -1;
    if (column >= 0) {
        t->cues = cues;
        t->cue_column = (size_t)column;
        for (size_t r = 0; r < cues->row_count; r++) {
            const fx_table_row *row = &cues->rows[r];
            unsigned char c0 = (unsigned char)row->key[0], c1 = row->key_length > 1 ? (unsigned char)row->key[1] : 0;
            t->pairs[c0 & 31] |= row->key_length > 1 ? 1u << (c1 & 31) : ~0u;
        }
    }
    ctx->dct = t;
}

static int blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

/* Where the line starting at pos ends (its '\n', or the text's end). */
static size_t line_end(const fx_doc *doc, size_t pos)
{
    const char *nl = memchr(doc->text + pos, '\n', doc->text_len - pos);
    return nl ? (size_t)(nl - doc->text) : doc->text_len;
}

/* The line text[pos, end), without surrounding blanks. */
static line line_at(const fx_doc *doc, size_t pos, size_t end)
{
    size_t s = pos, e = end;
    while (s < e && blank(doc->text[s])) s++;
    while (e > s && blank(doc->text[e - 1])) e--;
    return (line){s, e};
}

/* Sixteen bytes at a time: asked of most lines (bytes16.h). */
static int has_digit(const char *s, size_t n)
{
    size_t i = 0;
    for (; n - i >= 16; i += 16)
        if (fx_bytes16_in(fx_bytes16_load(s + i), '0', 9)) return 1;
    for (; i < n; i++)
        if (isdigit((unsigned char)s[i])) return 1;
    return 0;
}

/* The date rules' matches in a span of the text (a line). The date
 * rules run on the span alone (match.h): the document date comes before
 * the match stage. Only lines with a digit, and only the rules that can
 * give a whole day, cost anything. */
typedef struct dates {
    fx_candidate found[MAX_DATES];
    size_t count;
} dates;

/* A date rule that can give a day: it captures a day, or the numbers of
 * a numeric date. */
static int gives_a_day(const fx_rule *rule)
{
    return rule->type == FX_DATE && (fx_rule_group(rule, "day") >= 0 || fx_rule_group(rule, "num1") >= 0);
}

static void find_dates(const fx_context *ctx, fx_scratch *scratch, fx_doc *doc, size_t from, size_t to, dates *d)
{
    d->count = to > from && has_digit(doc->text + from, to - from)
                   ? fx_match_span(ctx, scratch, doc, gives_a_day, from, to, d->found, MAX_DATES)
                   : 0;
}

/* How the text writes dates in words: 1 day first ("8 December"), -1
 * month first ("December 8"), 0 when it does not say. The values stage
 * asks the dates found; the page's date is read before them, so this
 * looks at the month names themselves. */
static int written_order(const fx_context *ctx, const fx_doc *doc)
{
    const fx_table *names = ctx->dct->names;
    const char *t = doc->text;
    size_t n = doc->text_len;
    int order = 0;
    for (size_t i = 0; i + 3 <= n; i++) {
        if (!isupper((unsigned char)t[i]) || (i > 0 && isalpha((unsigned char)t[i - 1]))) continue;
        if (fx_table_number_caseless(names, t + i, 3, "month") < 0) continue;
        size_t e = i;
        while (e < n && (isalpha((unsigned char)t[e]) || t[e] == '.')) e++;
        if (i >= 2 && t[i - 1] == ' ' && isdigit((unsigned char)t[i - 2])) order++;
        if (e + 1 < n && t[e] == ' ' && isdigit((unsigned char)t[e + 1])) order--;
        i = e;
    }
    return order > 0 ? 1 : order < 0 ? -1 : 0;
}

/* A numeric date both readings allow ("05/12/2019"), read day-first by
 * the values: month-first when the text writes "December 5". */
static void order_as_written(const fx_context *ctx, const fx_doc *doc, const fx_candidate *c, char *value)
{
    fx_fact fact = {.type = FX_DATE, .candidate = c};
    const char *a, *b;
    if (fx_fact_group(doc, &fact, "num1", &a) <= 0 || fx_fact_group(doc, &fact, "num2", &b) <= 0) return;
    int x = atoi(a), y = atoi(b);
    if (x == y || x > 12 || y > 12 || written_order(ctx, doc) >= 0) return;
    char swap[2] = {value[5], value[6]};
    value[5] = value[8];
    value[6] = value[9];
    value[8] = swap[0];
    value[9] = swap[1];
}

/* The longest of the dates d inside text[from, to) whose value is one
 * whole day (not a range, not a month): into out, 1 when there is one. */
static int day_in(const fx_context *ctx, fx_doc *doc, const dates *d, size_t from, size_t to, line_date *out)
{
    int best = -1;
    char value[128];
    fx_ymd day;
    for (size_t i = 0; i < d->count; i++) {
        const fx_candidate *c = &d->found[i];
        if (c->start < from || c->end > to) continue;
        if (best >= 0 && (c->end - c->start < out->end - out->start ||
                          (c->end - c->start == out->end - out->start && c->start >= out->start)))
            continue;
        fx_fact fact = {.type = FX_DATE, .candidate = c, .norm_start = c->start, .norm_end = c->end};
        if (fx_date_value_alone(ctx, doc, &fact, value, sizeof value) != 0 || strchr(value, '/')) continue;
        char leap_year[11] = "2000";      /* a year in which every "XXXX-MM-DD" is a day */
        memcpy(leap_year + 4, value + 4, 6);
        int yearless = !strncmp(value, "XXXX-", 5) && strlen(value) == 10 && fx_parse_iso(leap_year, &day) == 3;
        if (!yearless && fx_parse_iso(value, &day) != 3) continue;
        if (!yearless) order_as_written(ctx, doc, c, value);
        best = (int)i;
        out->yearless = yearless;
        out->start = c->start;
        out->end = c->end;
        memcpy(out->value, value, strlen(value) + 1);
    }
    return best >= 0;
}

static size_t words_in(const char *s, size_t n)
{
    size_t words = 0;
    for (size_t i = 0; i < n; i++)
        if (fx_is_cue_word_byte(s[i]) && (i == 0 || !fx_is_cue_word_byte(s[i - 1]))) words++;
    return words;
}

/* Is the row's key the whole word (or words) at text[i] of text[0, n),
 * as fx_find_word finds it (a word byte before i is allowed only before
 * a key that starts with an apostrophe)? */
static int cue_at(const fx_table_row *row, const char *text, size_t n, size_t i)
{
    size_t len = row->key_length, end = i + len;
    return end <= n && (text[i] | 0x20) == (row->key[0] | 0x20) &&    /* ASCII case: a filter */
           strncasecmp(text + i, row->key, len) == 0 && (end == n || !fx_is_cue_word_byte(text[end])) &&
           (i == 0 || !fx_is_cue_word_byte(text[i - 1]) || row->key[0] == '\'');
}

/* The cue of DATE_DCT_CUES ("label", "byline", "agency") one of whose
 * words occurs in text[0, n) (the first row that does), or NULL. The
 * rows are tried at each place a word may start, not each row over the
 * whole text. at_start: only at the start, before the text's first
 * letter or digit or at it; as the keys are words (a letter or digit
 * first), that is at that letter or digit. */
static const char *cue_in(const fx_context *ctx, const char *text, size_t n, int at_start)
{
    const fx_dct_tables *t = ctx->dct;
    const fx_table *cues = t->cues;
    if (!cues) return NULL;
    size_t from = 0, to = n;    /* where a cue may start */
    if (at_start) {
        while (from < n && !isalnum((unsigned char)text[from])) from++;
        to = from + 1;
    }
    size_t best = cues->row_count;  /* the first row found so far */
    for (size_t i = from; i < to && i < n && best > 0; i++) {
        if (i > 0 && fx_is_cue_word_byte(text[i - 1]) && text[i] != '\'') continue;   /* inside a word */
        unsigned char c1 = i + 1 < n ? (unsigned char)text[i + 1] : 0;
        if (!(t->pairs[(unsigned char)text[i] & 31] >> (c1 & 31) & 1)) continue;
        for (size_t r = 0; r < best; r++)
            if (cue_at(&cues->rows[r], text, n, i)) best = r;
    }
    return best < cues->row_count ? fx_table_row_field(&cues->rows[best], t->cue_column) : NULL;
}

/* "OSLO, ", "Aarhus ", "BEIJING, Dec. 4" before the date: one to four
 * capitalised words (a place, maybe "(Country)"), ending in ", " or " ". */
static int place_before(const char *s, size_t n)
{
    size_t words = 0;
    for (size_t i = 0; i < n; i++) {
        if (isalpha((unsigned char)s[i]) && (i == 0 || !isalpha((unsigned char)s[i - 1]))) {
            if (!isupper((unsigned char)s[i])) return 0;
            words++;
        } else if (!isalpha((unsigned char)s[i]) && !strchr(" ,()/-", s[i]) && ((unsigned char)s[i] < 0x80) == 1) {
            return 0;
        }
    }
    return words >= 1 && words <= 4 && n > 0 && (s[n - 1] == ' ' || s[n - 1] == ',');
}

/* What may follow a dateline's date: nothing, an agency in brackets, a
 * dash or a colon ("(Agency) -", "—", ":"). */
static int dateline_after(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && s[i] == ' ') i++;
    if (i == n) return 1;
    if (s[i] == '(') return 1;
    if (s[i] == '-' || s[i] == ':' || s[i] == '/' || s[i] == '|') return 1;
    return n - i >= 3 && (!memcmp(s + i, "\xe2\x80\x94", 3) || !memcmp(s + i, "\xe2\x80\x93", 3));
}

/* A line that is only a place and a dash: "SEOUL —", the dateline whose
 * date stands on the next line. */
static int place_and_dash(const fx_doc *doc, const line *l)
{
    const char *s = doc->text + l->start;
    size_t n = l->end - l->start;
    size_t i = 0;
    while (i < n && (isupper((unsigned char)s[i]) || s[i] == ' ' || s[i] == ',' || (unsigned char)s[i] >= 0x80)) i++;
    if (i < 2 || !isupper((unsigned char)s[0])) return 0;
    while (i < n && s[i] == ' ') i++;
    return (n - i == 1 && s[i] == '-') || (n - i == 2 && !memcmp(s + i, "--", 2)) ||
           (n - i == 3 && (!memcmp(s + i, "\xe2\x80\x94", 3) || !memcmp(s + i, "\xe2\x80\x93", 3)));
}

/* The cue that makes the date d on line l, near the top of the page, the
 * article's own date, or FX_DCT_NONE. A headline that mentions a date
 * has none. first: l is the page's first line; previous: the line
 * before it, if any. */
static fx_dct_source top_cue(const fx_context *ctx, const fx_doc *doc, const line *l, const line_date *d,
                             const line *previous, int first)
{
    const char *t = doc->text;
    size_t before = d->start - l->start, after = l->end - d->end;
    if (after > 0 && isalpha((unsigned char)t[d->end])) return FX_DCT_GLUED;
    const char *cue = cue_in(ctx, t + l->start, before, 0);
    if (cue && !strcmp(cue, "label")) return FX_DCT_LABEL;
    if (cue && !strcmp(cue, "byline") && fx_find_word(t + l->start, before, "by", 0) == 0) return FX_DCT_BYLINE;
    if (before > 0 && place_before(t + l->start, before) && dateline_after(t + d->end, after))
        return FX_DCT_DATELINE;
    if (cue && !strcmp(cue, "agency")) return FX_DCT_DATELINE;
    const char *cue_after = cue_in(ctx, t + d->end, after, 0);
    if (cue_after && !strcmp(cue_after, "agency")) return FX_DCT_DATELINE;
    if (before == 0 && after > 0 && strchr(d->value, 'T')) return FX_DCT_TIMESTAMP;
    /* little more than the date; a line that opens with a date and goes
     * on is a list item (the news list below) or a headline */
    size_t words_after = words_in(t + d->end, after);
    if (words_in(t + l->start, before) + words_after <= 2 && !(before == 0 && words_after > 0))
        return previous && place_and_dash(doc, previous) ? FX_DCT_DATELINE : FX_DCT_TEXT;
    if (first && before == 0 && isdigit((unsigned char)t[l->start])) return FX_DCT_PAGE_STAMP;
    return FX_DCT_NONE;
}

/* The year a text names most often (the later of a tie; 0 for none): a
 * wire dateline's "March 3" is of the year the story is about. */
static int year_named_most(const fx_doc *doc)
{
    int counts[200] = {0}, best = 0;
    const char *t = doc->text;
    for (size_t i = 0; i + 4 <= doc->text_len; i++) {
        if (doc->text_len - i >= 16) {  /* to the next '1' or '2', sixteen bytes at a time: most bytes are neither */
            fx_bytes16 x = fx_bytes16_load(t + i);
            unsigned ones_twos = fx_bytes16_eq(x, '1') | fx_bytes16_eq(x, '2');
            if (!ones_twos) {
                i += 15;
                continue;
            }
            i += (size_t)__builtin_ctz(ones_twos);
            if (i + 4 > doc->text_len) break;
        }
        if (!((t[i] == '1' && t[i + 1] == '9') || (t[i] == '2' && t[i + 1] == '0'))) continue;
        if (!isdigit((unsigned char)t[i + 2]) || !isdigit((unsigned char)t[i + 3])) continue;
        if ((i > 0 && isalnum((unsigned char)t[i - 1])) || (i + 4 < doc->text_len && isalnum((unsigned char)t[i + 4])))
            continue;
        int y = (t[i] - '0') * 1000 + (t[i + 1] - '0') * 100 + (t[i + 2] - '0') * 10 + (t[i + 3] - '0');
        counts[y - 1900]++;
        if (!best || counts[y - 1900] > counts[best - 1900] || (counts[y - 1900] == counts[best - 1900] && y > best))
            best = y;
    }
    return best;
}

static void take(fx_doc *doc, const line_date *date, fx_dct_source source)
{
    if (date->yearless) {
        int y = year_named_most(doc);
        if (!y) return;
        fx_put_int(doc->dct, y, 4);
        memcpy(doc->dct + 4, date->value + 4, 6);
    } else {
        memcpy(doc->dct, date->value, 10);
    }
    doc->dct[10] = '\0';
    doc->dct_source = source;
}

/* Does a line open as a date does: a digit, a month or a weekday? */
static int opens_with_date_word(const fx_context *ctx, const char *s, size_t n)
{
    if (n > 0 && isdigit((unsigned char)s[0])) return 1;
    if (n < 3 || !isupper((unsigned char)s[0])) return 0;
    const fx_table *names = ctx->dct->names;
    return fx_table_number_caseless(names, s, 3, "month") > 0 || fx_table_number_caseless(names, s, 3, "weekday") > 0;
}

/* Skip a list item's bullet: "- ", "* ", "• ". */
static size_t after_bullet(const fx_doc *doc, const line *l)
{
    size_t s = l->start;
    const char *t = doc->text;
    if (s + 1 < l->end && (t[s] == '-' || t[s] == '*') && t[s + 1] == ' ') return s + 2;
    if (s + 3 < l->end && !memcmp(t + s, "\xe2\x80\xa2", 3)) return s + 3 + (t[s + 3] == ' ');
    return s;
}

void fx_dct(const fx_context *ctx, fx_scratch *scratch, fx_doc *doc)
{
    if (doc->dct[0]) return;    /* given: --dct, the JSONL field */
    const char *t = doc->text;

    /* the top of the page: every cue, the first line that has one wins */
    dates found;
    line previous = {0};
    int have_previous = 0, first = 1;
    for (size_t pos = 0, end; pos < doc->text_len && pos < TOP; pos = end + 1) {
        end = line_end(doc, pos);
        line l = line_at(doc, pos, end);
        if (l.start == l.end) continue;
        line_date d;
        if (l.end - l.start <= SHORT_LINE) find_dates(ctx, scratch, doc, l.start, l.end, &found);
        if (l.end - l.start <= SHORT_LINE && day_in(ctx, doc, &found, l.start, l.end, &d)) {
            fx_dct_source cue = top_cue(ctx, doc, &l, &d, have_previous ? &previous : NULL, first);
            if (cue != FX_DCT_NONE && (!d.yearless || cue == FX_DCT_DATELINE)) {
                take(doc, &d, cue);
                if (doc->dct[0]) return;
            }
        }
        previous = l;
        have_previous = 1;
        first = 0;
    }

    /* further down: a label opening a line ("Last modified: ..."), then
     * the first item of a list of dated news (two lines or more that
     * open with a date). A date alone near the end is not taken: it is
     * as often a related article's card as the page's own stamp. */
    line_date item;
    int items = 0;
    for (size_t pos = 0, end; pos < doc->text_len; pos = end + 1) {
        end = line_end(doc, pos);
        line l = line_at(doc, pos, end);
        size_t n = l.end - l.start;
        if (n == 0 || n > SHORT_LINE) continue;
        const char *cue = n <= LABEL_LINE && isalpha((unsigned char)t[l.start])
                              ? cue_in(ctx, t + l.start, n < 24 ? n : 24, 1) : NULL;
        line_date d;
        if (cue && !strcmp(cue, "label")) {
            find_dates(ctx, scratch, doc, l.start, l.end, &found);
            if (day_in(ctx, doc, &found, l.start, l.end, &d) && !d.yearless) {
                take(doc, &d, FX_DCT_LABEL);
                return;
            }
        }
        size_t head = after_bullet(doc, &l);
        size_t to = l.end - head < LIST_HEAD ? l.end : head + LIST_HEAD;
        if (items < 2 && has_digit(t + head, to - head) && opens_with_date_word(ctx, t + head, to - head)) {
            find_dates(ctx, scratch, doc, head, to, &found);
            if (day_in(ctx, doc, &found, head, to, &d) && !d.yearless && d.start == head && d.end < l.end &&
                items++ == 0)
                item = d;
        }
    }
    if (items >= 2) take(doc, &item, FX_DCT_NEWS_LIST);
}
