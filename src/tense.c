/* tense.c - see tense.h. */
#include "tense.h"

#include <ctype.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "rules.h"
#include "words.h"

long fx_find_word(const char *text, size_t n, const char *cue, int last)
{
    size_t cl = strlen(cue);
    long found = -1;
    unsigned char first = fx_ascii_lower((unsigned char)cue[0]);
    for (size_t i = 0; i + cl <= n; i++) {
        if (fx_ascii_lower((unsigned char)text[i]) != first || strncasecmp(text + i, cue, cl) != 0) continue;
        if (i > 0 && fx_is_cue_word_byte(text[i - 1]) && cue[0] != '\'') continue;
        if (i + cl < n && fx_is_cue_word_byte(text[i + cl])) continue;
        found = (long)i;
        if (!last) return found;
    }
    return found;
}

/* A verb in -ed among the three words before the fact ("closed at 8pm
 * on Sunday", "voted on Monday"): past, when no listed cue says more. */
static int past_participle_before(const char *text, size_t n)
{
    int words = 0;
    size_t i = n;
    while (i > 0 && words < 3) {
        while (i > 0 && !fx_is_cue_word_byte(text[i - 1])) i--;
        size_t end = i;
        while (i > 0 && fx_is_cue_word_byte(text[i - 1])) i--;
        if (end == i) break;
        words++;
        if (end - i > 4 && text[end - 2] == 'e' && text[end - 1] == 'd' && islower((unsigned char)text[i])) {
            /* "(will) be replaced", "being held": a passive, no tense */
            size_t k = i;
            while (k > 0 && text[k - 1] == ' ') k--;
            int passive = (k >= 3 && !strncasecmp(text + k - 3, " be", 3)) ||
                          (k >= 6 && !strncasecmp(text + k - 6, " being", 6)) ||
                          (k == 2 && !strncasecmp(text, "be", 2));
            return !passive;
        }
    }
    return 0;
}

/* DATE_TENSE_CUES indexed once per context by the lower-cased first
 * byte of each cue, so that a window is scanned once for all cues rather
 * than once per cue. */
typedef struct tense_cue {
    const char *text;
    size_t len;
    int tense;                  /* -1 past or report, 1 future, 0 other */
    int report;
    unsigned char second;       /* text[1], lowered (len > 1) */
} tense_cue;

/* The breaks of a clause (fx_tense_around): one byte, or ending in a
 * space. */
static const struct { const char *text; size_t len; } breaks[] = {
    {";", 1}, {":", 1}, {" and ", 5}, {" but ", 5}, {" while ", 7}, {" whereas ", 9}, {" - ", 3}};
enum { BREAKS = sizeof breaks / sizeof *breaks };

struct fx_tense_cues {
    tense_cue *cues;            /* in table order */
    size_t cue_count;
    size_t *by_first;           /* cue indexes, ascending within a bucket */
    size_t first[257];          /* bucket b is by_first[first[b] .. first[b + 1]) */
    /* bit c of seconds[b]: a cue of bucket b may start at a word whose
     * second byte, lowered, is c (its own second byte; every byte when it
     * is one byte long): most word starts of a window have a bucket but
     * no cue there, which one load says without comparing each cue */
    uint64_t seconds[256][4];
    /* the breaks (bit k: breaks[k]) of two bytes or more whose byte
     * before their closing space is the index, and those of one byte that
     * is the index: most places of a clause end none */
    unsigned char break_end[256], break_end_one[256];
    /* fx_is_cue_word_byte as a table: the scans ask it at each byte of a
     * window, where its five tests cost more than a load */
    unsigned char word_byte[256];
};

const fx_tense_cues *fx_tense_cues_index(const fx_context *ctx, fx_arena *arena)
{
    const fx_table *t = fx_rules_table(ctx, "DATE_TENSE_CUES");
    if (!t) return NULL;
    struct fx_tense_cues *c = fx_arena_alloc(arena, sizeof *c);
    int column = fx_table_column(t, "tense");
    c->cues = fx_arena_alloc(arena, (t->row_count ? t->row_count : 1) * sizeof *c->cues);
    c->by_first = fx_arena_alloc(arena, (t->row_count ? t->row_count : 1) * sizeof *c->by_first);
    c->cue_count = t->row_count;
    size_t count[256] = {0};
    for (size_t r = 0; r < t->row_count; r++) {
        tense_cue *q = &c->cues[r];
        const char *tense = column >= 0 ? fx_table_row_field(&t->rows[r], (size_t)column) : "";
        q->text = t->rows[r].key;
        q->len = strlen(q->text);
        q->second = q->len > 1 ? fx_ascii_lower((unsigned char)q->text[1]) : 0;
        q->report = !strcmp(tense, "report");
        q->tense = !strcmp(tense, "past") || q->report ? -1 : !strcmp(tense, "future") ? 1 : 0;
        if (!q->len) continue;      /* the loader refuses empty keys */
        unsigned char b = fx_ascii_lower((unsigned char)q->text[0]);
        count[b]++;
        if (q->len == 1) memset(c->seconds[b], 0xFF, sizeof c->seconds[b]);
        else c->seconds[b][q->second >> 6] |= 1ull << (q->second & 63);
    }
    size_t total = 0;
    for (size_t b = 0; b < 256; b++) {
        c->first[b] = total;
        total += count[b];
    }
    c->first[256] = total;
    size_t fill[256];
    memcpy(fill, c->first, sizeof fill);
    for (size_t r = 0; r < t->row_count; r++)
        if (c->cues[r].len) c->by_first[fill[fx_ascii_lower((unsigned char)c->cues[r].text[0])]++] = r;
    for (int b = 0; b < 256; b++) c->word_byte[b] = (unsigned char)fx_is_cue_word_byte((char)b);
    for (size_t k = 0; k < BREAKS; k++) {
        const char *b = breaks[k].text;
        size_t n = breaks[k].len;
        if (n == 1) c->break_end_one[(unsigned char)b[0]] |= (unsigned char)(1u << k);
        else c->break_end[(unsigned char)b[n - 2]] |= (unsigned char)(1u << k);
    }
    return c;
}

/* Does cue q occur at text[i] as a whole word of text[0..n)? (As
 * find_word: the edges of the window count as word boundaries.) */
static int cue_at(const char *text, size_t n, size_t i, const tense_cue *q)
{
    /* the second byte first: it settles most places without a call */
    if (i + q->len > n || (q->len > 1 && fx_ascii_lower((unsigned char)text[i + 1]) != q->second) ||
        strncasecmp(text + i, q->text, q->len) != 0)
        return 0;
    if (i > 0 && fx_is_cue_word_byte(text[i - 1]) && q->text[0] != '\'') return 0;
    if (i + q->len < n && fx_is_cue_word_byte(text[i + q->len])) return 0;
    return 1;
}

enum { CUE_ANY, CUE_NO_REPORT, CUE_FUTURE };

/* The cue that starts at text[i] (a word start) among those that pass
 * the filter: its index, or -1; the later row first going back (last),
 * the earlier going forward. */
static long cue_starting_at(const fx_tense_cues *c, const char *text, size_t n, size_t i, int last, int filter)
{
    /* text[i + 1] is readable (the text's NUL at its end); a cue of two
     * bytes or more cannot fit where it is past the window */
    unsigned char b = fx_ascii_lower((unsigned char)text[i]), second = fx_ascii_lower((unsigned char)text[i + 1]);
    if (!(c->seconds[b][second >> 6] >> (second & 63) & 1)) return -1;
    size_t lo = c->first[b], hi = c->first[b + 1];
    for (size_t j = 0; j < hi - lo; j++) {
        size_t r = c->by_first[last ? hi - 1 - j : lo + j];
        const tense_cue *q = &c->cues[r];
        if (filter == CUE_NO_REPORT && q->report) continue;
        if (filter == CUE_FUTURE && q->tense != 1) continue;
        if (cue_at(text, n, i, q)) return (long)r;
    }
    return -1;
}

/* The cue closest to the end of text[0..n) (last set) or to its start,
 * among the cues that pass the filter: its index, or -1; *at is set to
 * where it starts. Of two cues at the same place, the later row wins
 * going back and the earlier row going forward, as when each cue's own
 * last or first occurrence is compared in table order. Inside a word only
 * a cue that starts with an apostrophe ("'ll") may start (cue_at): most
 * bytes of the window are inside one, and a loop per direction passes
 * them with a load and two tests each. */
static long closest_cue(const fx_tense_cues *c, const char *text, size_t n, int last, int filter, long *at)
{
    const unsigned char *word_byte = c->word_byte;
    long r = -1;
    size_t i = 0;
    if (last) {
        for (i = n; i-- > 0;)
            if ((i == 0 || !word_byte[(unsigned char)text[i - 1]] || text[i] == '\'') &&
                (r = cue_starting_at(c, text, n, i, last, filter)) >= 0)
                break;
    } else {
        for (i = 0; i < n; i++)
            if ((i == 0 || !word_byte[(unsigned char)text[i - 1]] || text[i] == '\'') &&
                (r = cue_starting_at(c, text, n, i, last, filter)) >= 0)
                break;
    }
    if (r >= 0) *at = (long)i;
    return r;
}

int fx_tense_around(const fx_tense_cues *cues, const fx_doc *doc, const fx_fact *fact, int look_after)
{
    if (!cues) return 0;
    size_t s_start = 0, s_end = doc->text_len;
    if (doc->sentence_count && fact->sentence < doc->sentence_count) {
        s_start = doc->sentences[fact->sentence].start;
        size_t last = fx_doc_sentence_at(doc, fact->norm_end - 1);   /* "at 5 p.m. Monday" spans a split */
        s_end = doc->sentences[last < doc->sentence_count ? last : fact->sentence].end;
    }
    if (s_start > fact->norm_start) s_start = fact->norm_start;
    if (s_end < fact->norm_end) s_end = fact->norm_end;
    size_t before_from = fact->norm_start > s_start + 120 ? fact->norm_start - 120 : s_start;
    /* only the date's own clause: "won on Saturday, and face Barcelona on April 2".
     * Each break in turn moves before_from past its nearest occurrence
     * that starts at or after before_from; all are found in one pass back
     * (the breaks that may end at a place told by its last two bytes),
     * then applied in turn: an occurrence nearer than the nearest one that
     * starts early enough does not exist. */
    const char *t = doc->text;
    size_t nearest[BREAKS] = {0};   /* where the nearest occurrence ends; 0: none */
    for (size_t i = fact->norm_start; i > before_from; i--) {
        unsigned c = (unsigned char)t[i - 1];
        unsigned may = c == ' ' ? (i >= 2 ? cues->break_end[(unsigned char)t[i - 2]] : 0) : cues->break_end_one[c];
        for (size_t k = 0; may; k++, may >>= 1)
            if ((may & 1) && !nearest[k] && i >= before_from + breaks[k].len &&
                memcmp(t + i - breaks[k].len, breaks[k].text, breaks[k].len) == 0)
                nearest[k] = i;
    }
    for (size_t k = 0; k < BREAKS; k++)
        if (nearest[k] && nearest[k] >= before_from + breaks[k].len) before_from = nearest[k];
    size_t after_to = s_end > fact->norm_end + 120 ? fact->norm_end + 120 : s_end;
    long best_before = -1, best_after = -1;
    const char *before = doc->text + before_from;
    long r = closest_cue(cues, before, fact->norm_start - before_from, 1, CUE_ANY, &best_before);
    int tense_before = r >= 0 ? cues->cues[r].tense : 0;
    if (best_before < 0 && past_participle_before(before, fact->norm_start - before_from)) return -1;
    if (best_before < 0) {
        if (!look_after) return 0;
        r = closest_cue(cues, doc->text + fact->norm_end, after_to - fact->norm_end, 0, CUE_NO_REPORT, &best_after);
        return r >= 0 ? cues->cues[r].tense : 0;
    }
    if (tense_before < 0) {
        /* "will be held", "is expected to have signed": a participle after a future cue */
        size_t near = (size_t)best_before > 12 ? (size_t)best_before - 12 : 0;
        long at;
        if (closest_cue(cues, before + near, (size_t)best_before - near, 0, CUE_FUTURE, &at) >= 0) return 1;
    }
    return tense_before;
}
