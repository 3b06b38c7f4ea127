/* dct.c - see dct.h. */
#include "dct.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "calendar.h"
#include "rules.h"
#include "tense.h"
#include "values_date.h"

/* Does the line text[ls..le) around a date at [ds..de) say it is the
 * article's own date? A cue word from DATE_DCT_CUES ("Published:", "By
 * ..."), a dateline ("BEIJING, Dec. 4, 2014 -"), or a line that is little
 * more than the date. A headline that mentions a date says none of this. */
static int dates_the_article(const fx_context *ctx, const char *text, size_t ls, size_t le, size_t ds, size_t de)
{
    int words = 0;
    for (size_t i = ls; i < le; i++)
        if ((i < ds || i >= de) && fx_is_cue_word_byte(text[i]) && (i == ls || !fx_is_cue_word_byte(text[i - 1]) || i == de)) words++;
    if (words <= 2) return 1;
    int caps = 1;
    size_t i = ls;
    for (; i < ds && text[i] != ','; i++)
        if (islower((unsigned char)text[i])) caps = 0;
    if (caps && i < ds && i > ls) return 1;   /* "BEIJING, " before the date */
    const fx_table *cues = fx_rules_table(ctx, "DATE_DCT_CUES");
    for (size_t r = 0; cues && r < cues->row_count; r++)
        if (fx_find_word(text + ls, le - ls, cues->rows[r].fields[0], 0) >= 0) return 1;
    return 0;
}

/* A date with a day, near the top of the article, on a short line that
 * says it is the article's date: a byline ("By ..., December 08, 2014") or
 * a dateline ("Published: ...", "Date: 25/06/2013"). A date further down
 * (a related-article card, a date in the story) is not the document's. */
void fx_dct(const fx_context *ctx, fx_doc *doc)
{
    if (doc->dct[0]) return;    /* given: --dct, the JSONL field */
    enum { TOP = 600, SHORT_LINE = 160 };
    for (size_t i = 0; i < doc->fact_count; i++) {
        const fx_fact *f = &doc->facts[i];
        if (f->norm_start > TOP) break;
        if (f->type != FX_DATE) continue;
        size_t ls = f->norm_start, le = f->norm_end;
        while (ls > 0 && doc->text[ls - 1] != '\n') ls--;
        while (le < doc->text_len && doc->text[le] != '\n') le++;
        if (le - ls > SHORT_LINE || !dates_the_article(ctx, doc->text, ls, le, f->norm_start, f->norm_end)) continue;
        char value[128];
        fx_ymd date;
        if (fx_date_value_alone(ctx, doc, f, value, sizeof value) == 0 && fx_parse_iso(value, &date) == 3 &&
            strchr(value, '/') == NULL) {
            snprintf(doc->dct, sizeof doc->dct, "%04d-%02d-%02d", date.y, date.m, date.d);
            doc->dct_source = FX_DCT_TEXT;
            return;
        }
    }
}
