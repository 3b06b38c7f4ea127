/* test_pipeline.c - whole documents through every stage, checking offsets
 * into the original bytes and values. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "arena.h"
#include "document.h"
#include "factx.h"
#include "fixture.h"
#include "harness.h"
#include "tables.h"

static fx_doc *run(const char *text, size_t len, const char *dct)
{
    return fx_fixture_run(text, len, dct, 0);
}

/* Every fact's offsets must point at its text in the original. */
static void check_offsets(const fx_doc *doc)
{
    for (size_t i = 0; i < doc->fact_count; i++) {
        const fx_fact *f = &doc->facts[i];
        CHECK(f->start < f->end && f->end <= doc->src_len);
        if (i) CHECK(doc->facts[i - 1].end <= f->start);
    }
}

static const fx_fact *fact_of(const fx_doc *doc, fx_type type, size_t index)
{
    for (size_t i = 0; i < doc->fact_count; i++)
        if (doc->facts[i].type == type && index-- == 0) return &doc->facts[i];
    return NULL;
}

/* The fact of doc whose text is want, or NULL. */
static const fx_fact *fact_with_text(const fx_doc *doc, const char *want)
{
    for (size_t i = 0; i < doc->fact_count; i++) {
        const fx_fact *f = &doc->facts[i];
        if (f->end - f->start == strlen(want) && memcmp(doc->src + f->start, want, f->end - f->start) == 0) return f;
    }
    return NULL;
}

/* Issue 21, failure 13: a winner whose value is rejected (a reversed
 * range) hid every match inside it; they are decided again without it. */
static void test_rejected_winner(void)
{
    static const char dates[] = "December 5, 2014 - January 1, 2014 was the period.";
    fx_doc *doc = run(dates, sizeof dates - 1, NULL);
    const fx_fact *a = fact_with_text(doc, "December 5, 2014"), *b = fact_with_text(doc, "January 1, 2014");
    CHECK(a && cJSON_IsString(a->value) && strcmp(a->value->valuestring, "2014-12-05") == 0);
    CHECK(b && cJSON_IsString(b->value) && strcmp(b->value->valuestring, "2014-01-01") == 0);
    CHECK(doc->fact_count == 2 && doc->warning_count == 0);
    size_t set_aside = 0;       /* the range, with its reason for explain */
    for (size_t i = 0; i < doc->candidate_count; i++)
        set_aside += doc->candidates[i].rejected && strstr(doc->candidates[i].rejected, "decided again") &&
                     doc->candidates[i].end - doc->candidates[i].start == strlen("December 5, 2014 - January 1, 2014");
    CHECK(set_aside == 1);
    fx_doc_free(doc);

    static const char money[] = "It cost $5-3 million.";
    doc = run(money, sizeof money - 1, NULL);
    const fx_fact *m = fact_with_text(doc, "$5");
    CHECK(m && m->type == FX_MONEY);
    const cJSON *amount = m ? cJSON_GetObjectItemCaseSensitive(m->value, "amount") : NULL;
    CHECK(cJSON_IsNumber(amount) && amount->valuedouble == 5.0);
    check_offsets(doc);
    fx_doc_free(doc);

    /* an impossible day is no range: it frees nothing ("February 2014") */
    static const char impossible[] = "On 31 February 2014 nothing happened.";
    doc = run(impossible, sizeof impossible - 1, NULL);
    CHECK(doc->fact_count == 0);
    fx_doc_free(doc);

    /* a range that has a value keeps what it covers hidden */
    static const char range[] = "From 8 December to 10 January 2015 it rained.";
    doc = run(range, sizeof range - 1, NULL);
    CHECK(doc->fact_count == 1 && fact_with_text(doc, "8 December to 10 January 2015") != NULL);
    fx_doc_free(doc);
}

/* The arena (issue 21, failure 12): a large allocation has a block of its
 * own, which a grow reallocates keeping the contents and zeroing the rest;
 * small ones go on in the shared blocks; all zeroed. */
static void test_arena(void)
{
    fx_arena a;
    fx_arena_init(&a);
    unsigned char *small = fx_arena_alloc(&a, 100);
    memset(small, 7, 100);
    size_t n = FX_ARENA_LARGE;
    unsigned char *big = fx_arena_alloc(&a, n);
    CHECK(big[0] == 0 && big[n - 1] == 0);
    for (size_t i = 0; i < n; i++) big[i] = (unsigned char)i;
    for (int round = 0; round < 4; round++, n *= 2) {
        big = fx_arena_grow(&a, big, n, 2 * n);
        int kept = 1, zero = 1;
        for (size_t i = 0; i < n; i++) kept &= big[i] == (unsigned char)i;
        for (size_t i = n; i < 2 * n; i++) zero &= big[i] == 0;
        CHECK(kept && zero);
        for (size_t i = n; i < 2 * n; i++) big[i] = (unsigned char)i;
    }
    unsigned char *after = fx_arena_alloc(&a, 64);
    CHECK(after[0] == 0 && after[63] == 0 && small[99] == 7);
    /* memory not zeroed is aligned as the rest; a small grow copies the
     * bytes and zeroes only those past them */
    unsigned char *filled = fx_arena_alloc_uninit(&a, 48);
    CHECK(((size_t)filled & 15) == 0 && filled != after);
    memset(filled, 0xEE, 48);
    unsigned char *grown = fx_arena_grow(&a, small, 100, 300);
    int copied = 1, zeroed = 1;
    for (size_t i = 0; i < 100; i++) copied &= grown[i] == 7;
    for (size_t i = 100; i < 300; i++) zeroed &= grown[i] == 0;
    CHECK(copied && zeroed && grown != small);
    char *dup = fx_arena_strndup(&a, "abcdef", 3);
    CHECK_STR(dup, "abc");
    size_t total = fx_arena_total(&a);
    CHECK(total >= 16 * (size_t)FX_ARENA_LARGE && total < 17 * (size_t)FX_ARENA_LARGE + 2048);
    fx_arena_free(&a);
    /* the bytes handed out, each allocation rounded to 16, a large one's
     * grown in place counted at its new size */
    fx_arena_init(&a);
    CHECK(fx_arena_total(&a) == 0);
    fx_arena_alloc_uninit(&a, 1);
    fx_arena_alloc(&a, 16);
    fx_arena_alloc_uninit(&a, 17);
    fx_arena_strndup(&a, "abc", 3);
    CHECK(fx_arena_total(&a) == 16 + 16 + 32 + 16);
    void *large = fx_arena_alloc_uninit(&a, FX_ARENA_LARGE);
    fx_arena_grow_uninit(&a, large, FX_ARENA_LARGE, FX_ARENA_LARGE + 1);
    CHECK(fx_arena_total(&a) == 80 + FX_ARENA_LARGE + 16);
    fx_arena_free(&a);
}

/* The JSON of texts[0..count) through rules loaded with FACTX_JIT_BUDGET
 * at budget, one string; *jit set to how many rules ended JIT-compiled. */
static char *extract_with_budget(const char *budget, char **texts, const size_t *lens, size_t count, size_t *jit)
{
    char *saved = getenv("FACTX_JIT_BUDGET") ? strdup(getenv("FACTX_JIT_BUDGET")) : NULL;
    setenv("FACTX_JIT_BUDGET", budget, 1);
    fx_diag diag;
    fx_diag_init(&diag, NULL);
    fx_context *ctx = fx_context_load("rules", &diag);
    if (saved) setenv("FACTX_JIT_BUDGET", saved, 1);
    else unsetenv("FACTX_JIT_BUDGET");
    free(saved);
    CHECK(ctx != NULL);
    if (!ctx) return NULL;
    fx_scratch *scratch = fx_scratch_new(ctx);
    size_t n = 0, cap = 1;
    char *all = calloc(1, cap);
    for (size_t i = 0; i < count; i++) {
        fx_doc *doc = fx_doc_new("t", NULL, texts[i], lens[i]);
        char *json = fx_extract_json(ctx, scratch, doc, 1, NULL);
        size_t len = json ? strlen(json) : 0;
        all = realloc(all, cap += len);
        memcpy(all + n, json, len);
        all[n += len] = 0;
        free(json);
        fx_doc_free(doc);
    }
    *jit = 0;
    for (size_t r = 0; r < ctx->rule_count; r++) *jit += ctx->rules[r].jit_state == FX_JIT_ON;
    fx_scratch_free(scratch);
    fx_context_free(ctx);
    return all;
}

/* JIT-compiling a rule only once used enough (rules.h, fx_rule_jit_after)
 * changes no output: the same JSON with every rule JIT-compiled at its
 * first search (budget 0), never (interpreted throughout; a search
 * stopped by a limit is done again JIT-compiled), and some midway. */
static void test_jit_budget(void)
{
    size_t count = 0;
    char **paths = fx_fixture_corpus_paths(4, &count);
    char *texts[4];
    size_t lens[4];
    for (size_t i = 0; i < count; i++) texts[i] = fx_fixture_read(paths[i], &lens[i]);
    CHECK(count == 4);
    size_t at_once = 0, never = 0, midway = 0;
    char *a = extract_with_budget("0", texts, lens, count, &at_once);
    char *b = extract_with_budget("18446744073709551615", texts, lens, count, &never);
    char *c = extract_with_budget("3000", texts, lens, count, &midway);
    CHECK(a && strstr(a, "\"facts\""));
    CHECK_STR(b, a);
    CHECK_STR(c, a);
    if (!getenv("FACTX_NO_JIT")) CHECK(never == 0 && midway > 0 && midway < at_once);
    free(a);
    free(b);
    free(c);
    for (size_t i = 0; i < count; i++) free(texts[i]);
    fx_fixture_free_paths(paths, count);
}

/* A wire dateline's year-less date takes the year the text names most
 * (dct.c, year_named_most, which skips to the next '1' or '2' sixteen
 * bytes at a time): the years moved across those sixteen-byte steps,
 * each of the two that win after bytes with no '1' or '2', the last one
 * in the text's last bytes, and look-alikes that are no years. */
static void test_dateline_year(void)
{
    static const char *const years[] = {"2016", "1996"};     /* each named twice, 2019 once */
    for (size_t y = 0; y < 2; y++)
        for (int pad = 0; pad < 40; pad++) {
            char text[256], want[16];
            snprintf(text, sizeof text,
                     "BEIJING, Dec. 4 (Xinhua) -- The plan was set.\n%.*sIn 2019 x2013, 20134 and 2120 were no help. "
                     "The harbour was quiet all season. %s was better, and so will be %s",
                     pad, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", years[y], years[y]);
            snprintf(want, sizeof want, "%s-12-04", years[y]);
            fx_doc *doc = run(text, strlen(text), NULL);
            CHECK_STR(doc->dct, want);
            CHECK(doc->dct_source == FX_DCT_DATELINE);
            fx_doc_free(doc);
        }
}

/* A line's digits found sixteen bytes at a time (dct.c, has_digit: a line
 * with none is not searched for dates): the date moved across those
 * sixteen-byte steps and into the last bytes after them. */
static void test_label_digits(void)
{
    for (int pad = 0; pad < 40; pad++) {
        char text[256];
        snprintf(text, sizeof text, "Harbour news\nPublished (%.*s): 1999-09-09\nThe board met.", pad,
                 "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
        fx_doc *doc = run(text, strlen(text), NULL);
        CHECK_STR(doc->dct, "1999-09-09");
        CHECK(doc->dct_source == FX_DCT_LABEL);
        fx_doc_free(doc);
    }
}

/* The document date's cues (dct.c, cue_in, whose filter of a key's first
 * two bytes folds ASCII's case): labels in either case, an agency's two
 * letters last on the line, and words that only begin like one. */
static void test_dct_cues(void)
{
    static const struct {
        const char *line;
        fx_dct_source want;
    } lines[] = {
        {"PUBLISHED: 1999-09-09", FX_DCT_LABEL},
        {"last Modified 1999-09-09", FX_DCT_LABEL},
        {"The board met on 1999-09-09, AP", FX_DCT_DATELINE},
        {"The board met on 1999-09-09 in town. tt", FX_DCT_DATELINE},
        {"The board met on 1999-09-09, Apple", FX_DCT_NONE},
        {"The board met on 1999-09-09, A", FX_DCT_NONE},
    };
    for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
        char text[256];
        snprintf(text, sizeof text, "Harbour news\n%s\nThe board met in town.", lines[i].line);
        fx_doc *doc = run(text, strlen(text), NULL);
        CHECK(doc->dct_source == lines[i].want);
        CHECK_STR(doc->dct, lines[i].want == FX_DCT_NONE ? "" : "1999-09-09");
        fx_doc_free(doc);
    }

    /* every row of the table passes the filter made once per context
     * (fx_dct_prepare): a label or a byline before the date, an agency
     * after it, as the table writes the key and in capitals */
    const fx_table *cues = fx_rules_table(fx_fixture_context(), "DATE_DCT_CUES");
    int column = cues ? fx_table_column(cues, "cue") : -1;
    CHECK(column >= 0 && cues->row_count > 20);
    for (size_t r = 0; column >= 0 && r < cues->row_count; r++)
        for (int upper = 0; upper < 2; upper++) {
            const char *key = cues->rows[r].key, *cue = fx_table_row_field(&cues->rows[r], (size_t)column);
            char word[64], text[256];
            size_t n = strlen(key) < sizeof word - 1 ? strlen(key) : sizeof word - 1;
            for (size_t k = 0; k < n; k++) word[k] = upper ? (char)toupper((unsigned char)key[k]) : key[k];
            word[n] = '\0';
            int agency = !strcmp(cue, "agency");
            snprintf(text, sizeof text, agency ? "Harbour news\nThe board met on 1999-09-09, %s\nIn town."
                                               : "Harbour news\n%s: 1999-09-09\nThe board met in town.", word);
            fx_doc *doc = run(text, strlen(text), NULL);
            CHECK(doc->dct_source == (agency                   ? FX_DCT_DATELINE
                                      : !strcmp(cue, "byline") ? FX_DCT_BYLINE
                                                               : FX_DCT_LABEL));
            CHECK_STR(doc->dct, "1999-09-09");
            fx_doc_free(doc);
        }
}

void test_pipeline(void)
{
    if (!fx_fixture_context()) return;
    test_dateline_year();
    test_label_digits();
    test_dct_cues();

    /* a sum behind a BOM, a curly quote and an NBSP: offsets into the original */
    const char text[] = "\xEF\xBB\xBF\xE2\x80\x9CIt\xE2\x80\x99s \xE2\x82\xAC" "470\xC2\xA0million,\xE2\x80\x9D he said.";
    fx_doc *doc = run(text, sizeof text - 1, NULL);
    check_offsets(doc);
    const fx_fact *m = fact_of(doc, FX_MONEY, 0);
    CHECK(m != NULL);
    if (m) {
        CHECK(m->end - m->start == strlen("\xE2\x82\xAC" "470\xC2\xA0million"));
        CHECK(memcmp(doc->src + m->start, "\xE2\x82\xAC" "470\xC2\xA0million", m->end - m->start) == 0);
        cJSON *amount = cJSON_GetObjectItemCaseSensitive(m->value, "amount");
        CHECK(cJSON_IsNumber(amount) && amount->valuedouble == 470000000.0);
    }
    fx_doc_free(doc);

    /* the document date from a byline resolves "next year" */
    const char article[] = "Headline\n\nBy Press Officer, December 08, 2014\n\nNext year it grows.";
    doc = run(article, sizeof article - 1, NULL);
    CHECK_STR(doc->dct, "2014-12-08");
    CHECK(doc->dct_source == FX_DCT_BYLINE);
    const fx_fact *d = fact_of(doc, FX_DATE, 1);
    CHECK(d && cJSON_IsString(d->value) && strcmp(d->value->valuestring, "2015") == 0);
    fx_doc_free(doc);

    /* a given date wins over the text, and facts carry sentence indexes */
    doc = run(article, sizeof article - 1, "2020-01-01");
    CHECK_STR(doc->dct, "2020-01-01");
    d = fact_of(doc, FX_DATE, 1);
    CHECK(d && strcmp(d->value->valuestring, "2021") == 0);
    CHECK(d && d->sentence == 2);
    fx_doc_free(doc);

    /* the JSON is deterministic */
    doc = run(article, sizeof article - 1, NULL);
    char *a = fx_emit_json(doc, 1);
    fx_doc_free(doc);
    doc = run(article, sizeof article - 1, NULL);
    char *b = fx_emit_json(doc, 1);
    fx_doc_free(doc);
    CHECK_STR(a, b);
    free(a);
    free(b);

    /* binary junk: no crash, offsets stay inside */
    char junk[512];
    for (size_t i = 0; i < sizeof junk; i++) junk[i] = (char)((i * 7919u) & 0xFF);
    doc = run(junk, sizeof junk, NULL);
    check_offsets(doc);
    CHECK(doc->warning_count > 0);
    fx_doc_free(doc);

    test_rejected_winner();
    test_arena();
    test_jit_budget();
}
