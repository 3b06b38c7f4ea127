/* test_resolve.c - the resolve stage's own structures, against plain
 * definitions of what they compute. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "harness.h"
#include "resolve_impl.h"
#include "values_date.h"

/* A small deterministic generator (xorshift), so a failure repeats. */
static uint32_t next_random(uint32_t *state)
{
    uint32_t x = *state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return *state = x;
}

static int by_length_down(const void *a, const void *b)
{
    const fx_candidate *x = *(const fx_candidate *const *)a, *y = *(const fx_candidate *const *)b;
    size_t lx = x->end - x->start, ly = y->end - y->start;
    return lx != ly ? (lx > ly ? -1 : 1) : x < y ? -1 : x > y;
}

/* Overlap resolution against its definition: in order, a candidate is
 * kept unless it overlaps (shares a byte with, or for an empty span lies
 * strictly inside) a span kept before it; what beats it is the leftmost
 * of those. Random spans over short texts, so that most overlap, some
 * empty, many of one length, half of the trials two spans. */
static void test_overlaps(void)
{
    enum { TRIALS = 3000, MAX_N = 48 };
    fx_candidate cands[MAX_N];
    fx_candidate *order[MAX_N];
    const fx_candidate *got[MAX_N], *want[MAX_N];
    uint32_t state = 2463534242u;
    int wrong = 0, kept_some = 0, beaten_some = 0;
    for (int trial = 0; trial < TRIALS; trial++) {
        /* every other trial two spans: decide_within tests them without its map */
        size_t text_len = 1 + next_random(&state) % 90, n = trial % 2 ? 2 : next_random(&state) % (MAX_N + 1);
        for (size_t i = 0; i < n; i++) {
            size_t s = next_random(&state) % (text_len + 1), room = text_len - s;
            size_t len = next_random(&state) % 16;
            if (len > room) len = room;
            cands[i] = (fx_candidate){.start = s, .end = s + len};
            order[i] = &cands[i];
        }
        qsort(order, n, sizeof *order, by_length_down);
        fx_resolve_decide_overlaps(order, n, text_len, got);
        for (size_t i = 0; i < n; i++) {
            want[i] = NULL;
            for (size_t j = 0; j < i; j++) {
                const fx_candidate *k = order[j], *c = order[i];
                if (want[j] || !(k->start < c->end && k->end > c->start)) continue;
                if (c->start == c->end && !(k->start < c->start && k->end > c->start)) continue;
                if (!want[i] || k->start < want[i]->start) want[i] = k;
            }
            wrong += got[i] != want[i];
            kept_some += !want[i];
            beaten_some += want[i] != NULL;
        }
    }
    CHECK(wrong == 0);
    CHECK(kept_some > 0 && beaten_some > 0);
}

/* The definitions of the two orders: strongest first (longest, highest
 * priority, earliest rule, leftmost, then found first), and text order
 * (then found first). */
static int by_strength_plain(const void *a, const void *b)
{
    const fx_candidate *x = *(const fx_candidate *const *)a, *y = *(const fx_candidate *const *)b;
    size_t lx = x->end - x->start, ly = y->end - y->start;
    if (lx != ly) return lx > ly ? -1 : 1;
    if (x->rule->priority != y->rule->priority) return x->rule->priority > y->rule->priority ? -1 : 1;
    if (x->rule->order != y->rule->order) return x->rule->order < y->rule->order ? -1 : 1;
    if (x->start != y->start) return x->start < y->start ? -1 : 1;
    return x < y ? -1 : x > y;
}

static int by_start_plain(const void *a, const void *b)
{
    const fx_candidate *x = *(const fx_candidate *const *)a, *y = *(const fx_candidate *const *)b;
    if (x->start != y->start) return x->start < y->start ? -1 : 1;
    return x < y ? -1 : x > y;
}

/* fx_resolve_rank against those definitions: random candidates of a few
 * rules (negative priorities, the synthetic rules' order (size_t)-1), so
 * that many tie on every key but their index; up to 300 of them, past the
 * insertion sort's short runs. */
static void test_rank(void)
{
    enum { TRIALS = 600, MAX_N = 300, RULES = 5 };
    static fx_candidate cands[MAX_N];
    static fx_rule rules[RULES];
    static fx_candidate *want[MAX_N], *got[MAX_N];
    uint32_t state = 88172645u;
    int wrong = 0;
    for (int trial = 0; trial < TRIALS; trial++) {
        for (size_t k = 0; k < RULES; k++) {
            rules[k].priority = (int)(next_random(&state) % 5) - 2;
            rules[k].order = next_random(&state) % 4 ? next_random(&state) % 3 : (size_t)-1;
        }
        size_t n = next_random(&state) % (MAX_N + 1), text_len = 1 + next_random(&state) % 40;
        for (size_t i = 0; i < n; i++) {
            size_t s = next_random(&state) % text_len, len = next_random(&state) % 4;
            cands[i] = (fx_candidate){.start = s, .end = s + len, .rule = &rules[next_random(&state) % RULES]};
        }
        for (int by_start = 0; by_start <= 1; by_start++) {
            for (size_t i = 0; i < n; i++) {
                want[i] = got[i] = &cands[i];
            }
            qsort(want, n, sizeof *want, by_start ? by_start_plain : by_strength_plain);
            fx_resolve_rank(got, n, by_start);
            for (size_t i = 0; i < n; i++) wrong += got[i] != want[i];
        }
    }
    CHECK(wrong == 0);
}

/* fx_resolve_sort_by_start against by_start_plain, with each candidate's
 * position before the sort: the candidates' array itself, in address
 * order as the match stage leaves it (runs of rising starts), over
 * texts short and long; every third trial with a dense stretch of many
 * candidates within a few bytes (a bucket too full for the insertion
 * sort: the radix sort's passes), and many equal starts, whose address
 * order must stay. */
static void test_sort_by_start(void)
{
    enum { TRIALS = 900, MAX_N = 600 };
    static fx_candidate cands[MAX_N];
    static fx_candidate *want[MAX_N], *got[MAX_N];
    static size_t positions[MAX_N];
    uint32_t state = 521288629u;
    int wrong = 0;
    for (int trial = 0; trial < TRIALS; trial++) {
        size_t n = next_random(&state) % (MAX_N + 1), max = next_random(&state) % (trial % 2 ? 60000 : 3000);
        size_t dense_from = next_random(&state) % (max + 1), dense_bytes = 1 + next_random(&state) % 8;
        size_t s = 0;
        for (size_t i = 0; i < n; i++) {
            if (next_random(&state) % 8 == 0) s = next_random(&state) % (max + 1);   /* a new run */
            else s += next_random(&state) % 50;
            if (trial % 3 == 0 && next_random(&state) % 2) s = dense_from + next_random(&state) % dense_bytes;
            if (s > max) s = max;
            cands[i] = (fx_candidate){.start = s, .end = s + 1};
            want[i] = &cands[i];
            got[i] = NULL;      /* each written by the sort, from the array */
        }
        qsort(want, n, sizeof *want, by_start_plain);
        fx_resolve_sort_by_start(cands, n, max, got, positions);
        for (size_t i = 0; i < n; i++) wrong += got[i] != want[i] || positions[i] >= n || &cands[positions[i]] != want[i];
    }
    CHECK(wrong == 0);
}

/* A document of more candidates than overlap resolution keeps on the
 * stack (256): each of 300 years is a fact with its value, in text order. */
static void test_many_candidates(void)
{
    enum { YEARS = 300 };
    char *text = malloc(YEARS * 16 + 1);
    size_t len = 0;
    for (int k = 0; k < YEARS; k++) len += (size_t)sprintf(text + len, "Sales in %d. ", 1800 + k);
    fx_doc *doc = fx_fixture_context() ? fx_fixture_run(text, len, NULL, 0) : NULL;
    size_t dates = 0, wrong = 0;
    for (size_t i = 0; doc && i < doc->fact_count; i++) {
        const fx_fact *f = &doc->facts[i];
        if (f->type != FX_DATE) continue;
        const fx_date_resolution *r = f->resolution;
        char want[16];
        snprintf(want, sizeof want, "%u", 1800u + (unsigned)(dates++ % YEARS));
        wrong += !(r && r->value && strcmp(r->value, want) == 0 && f->end - f->start == 4 &&
                   memcmp(text + f->start, want, 4) == 0);
    }
    CHECK(doc && doc->candidate_count > 256 && dates == YEARS && wrong == 0);
    fx_doc_free(doc);
    free(text);
}

/* A fact over a NUL byte is dropped, whether the normaliser found the
 * byte (valid UTF-8) or overlap resolution looks for it (the text holds
 * invalid UTF-8 too); the same date without the NUL is kept. */
static void test_nul_facts(void)
{
    static const char with_nul[] = "Sales rose on 12 March\0" "2014 in Paris.";
    static const char invalid_too[] = "Sales \xff rose on 12 March\0" "2014 in Paris.";
    static const char without[] = "Sales rose on 12 March 2014 in Paris.";
    const char *texts[] = {with_nul, invalid_too, without};
    size_t lens[] = {sizeof with_nul - 1, sizeof invalid_too - 1, sizeof without - 1};
    for (int k = 0; k < 3; k++) {
        fx_doc *doc = fx_fixture_context() ? fx_fixture_run(texts[k], lens[k], NULL, 0) : NULL;
        size_t dates = 0, dropped = 0;
        for (size_t i = 0; doc && i < doc->fact_count; i++) dates += doc->facts[i].type == FX_DATE;
        for (size_t i = 0; doc && i < doc->warning_count; i++)
            dropped += strstr(doc->warnings[i].message, "its text holds a NUL byte") != NULL;
        CHECK(doc && dates == (k == 2) && dropped == (k != 2));
        fx_doc_free(doc);
    }
}

/* fx_resolve_overlaps_again against fx_resolve_overlaps: a real
 * document's candidates (dates within dates, ranges, names), some set
 * aside by an earlier round (1), some by this one (2), at random. After a
 * decision without this round's (as the round before made it), deciding
 * again only their clusters gives the facts and the reasons of a whole
 * decision without them: a candidate kept once a range over it is set
 * aside loses the reason that range gave it. Every candidate's reason is
 * spoiled before each call, so that one left undecided shows. Returns 1
 * when all agree. */
static int test_overlaps_again(void)
{
    static const char text[] = "Revenue rose 5% on 12 March 2014 in Paris. Sales in 2026-1990 fell; from March 2019 to "
                               "May 2020 and between 3 and 5 April 2015 Acme Corp. paid $5-7 million, up 3.5-4%.\n"
                               "In 1999-1998 the BBC said London's 2040-2039 plan failed on Tuesday, 5 May 2016.";
    static const char spoiled[] = "not decided";
    enum { TRIALS = 400 };
    fx_doc *doc = fx_fixture_context() ? fx_fixture_run(text, sizeof text - 1, NULL, 0) : NULL;
    size_t n = doc ? doc->candidate_count : 0;
    unsigned char *aside = malloc(n + 1), *before = malloc(n + 1);
    const char **reasons = malloc((n + 1) * sizeof *reasons), **reasons_before = malloc((n + 1) * sizeof *reasons);
    size_t *ranked = NULL;
    uint32_t state = 1597334677u;
    size_t wrong = 0, kept_again = 0;   /* candidates beaten before, kept once decided again */
    /* the document owns its facts' values: its own facts are put back */
    fx_fact *facts = doc ? doc->facts : NULL;
    size_t fact_count = doc ? doc->fact_count : 0;
    /* the first call takes the candidates without reasons, as the match
     * stage leaves them */
    for (size_t i = 0; i < n; i++) doc->candidates[i].rejected = NULL;
    if (doc) fx_resolve_overlaps(doc, NULL, &ranked);
    for (int trial = 0; doc && trial < TRIALS; trial++) {
        uint32_t this_round = 1 + (uint32_t)trial % 6;    /* in 16 candidates; an earlier round's: 2 */
        for (size_t i = 0; i < n; i++) {
            uint32_t r = next_random(&state) % 16;
            aside[i] = r < 2 ? 1 : r < 2 + this_round ? 2 : 0;
            before[i] = aside[i] == 2 ? 0 : aside[i];
        }
        for (size_t i = 0; i < n; i++) doc->candidates[i].rejected = spoiled;
        fx_resolve_overlaps(doc, before, &ranked);
        for (size_t i = 0; i < n; i++) reasons_before[i] = doc->candidates[i].rejected;
        fx_resolve_overlaps_again(doc, aside, 2, ranked);
        const fx_fact *again = doc->facts;
        size_t again_count = doc->fact_count;
        for (size_t i = 0; i < n; i++) {
            reasons[i] = doc->candidates[i].rejected;
            kept_again += !aside[i] && reasons_before[i] && !reasons[i];
        }
        for (size_t i = 0; i < n; i++) doc->candidates[i].rejected = spoiled;
        fx_resolve_overlaps(doc, aside, &ranked);
        wrong += again_count != doc->fact_count;
        for (size_t i = 0; i < again_count && i < doc->fact_count; i++) {
            const fx_fact *a = &again[i], *w = &doc->facts[i];
            wrong += a->candidate != w->candidate || a->type != w->type || a->start != w->start || a->end != w->end ||
                     a->norm_start != w->norm_start || a->norm_end != w->norm_end || a->sentence != w->sentence;
        }
        for (size_t i = 0; i < n; i++) {
            const char *a = reasons[i], *w = doc->candidates[i].rejected;
            if (!aside[i]) wrong += !a != !w || (a && strcmp(a, w) != 0);
        }
    }
    CHECK(doc && n > 30 && kept_again > TRIALS);
    CHECK(wrong == 0);
    free(aside);
    free(before);
    free(reasons);
    free(reasons_before);
    if (doc) {
        doc->facts = facts;
        doc->fact_count = fact_count;
    }
    fx_doc_free(doc);
    return doc && wrong == 0;
}

/* A round undone before it starts (ranges of years reversed, set aside
 * early: no other range in the text) decides again only the clusters
 * that held them: the same facts, values and reasons as a whole
 * decision, which a document with a NUL byte still makes (the same text
 * with one at its end); and the year inside a range is decided again
 * (kept, then dropped by its resolver), not left beaten. */
static void test_set_aside_again(void)
{
    static const char text[] = "Revenue rose 5% on 12 March 2014 in Paris. Sales in 2026-1990 fell; in 2012-2020 it "
                               "grew, and in 2030-2010 too. Then on 3 April 2015 Acme Corp. paid $5 million.\n"
                               "In 1999-1998 the BBC said London's 2040-2039 plan failed on 5 May 2016, up 3.5%.\0";
    fx_doc *again = fx_fixture_context() ? fx_fixture_run(text, sizeof text - 2, NULL, 0) : NULL;
    fx_doc *whole = fx_fixture_context() ? fx_fixture_run(text, sizeof text - 1, NULL, 0) : NULL;
    CHECK(again && whole && again->fact_count == whole->fact_count && again->fact_count >= 8 &&
          again->candidate_count == whole->candidate_count);
    size_t wrong = 0, inside = 0;
    for (size_t i = 0; again && whole && i < again->fact_count && i < whole->fact_count; i++) {
        const fx_fact *a = &again->facts[i], *w = &whole->facts[i];
        char *va = fx_doc_fact_value(again, i), *vw = fx_doc_fact_value(whole, i);
        wrong += a->start != w->start || a->end != w->end || a->sentence != w->sentence ||
                 a->candidate->rule != w->candidate->rule || !va || !vw || strcmp(va, vw) != 0;
        free(va);
        free(vw);
    }
    for (size_t i = 0; again && whole && i < again->candidate_count && i < whole->candidate_count; i++) {
        const fx_candidate *a = &again->candidates[i], *w = &whole->candidates[i];
        wrong += a->start != w->start || a->end != w->end || !a->rejected != !w->rejected ||
                 (a->rejected && strcmp(a->rejected, w->rejected) != 0);
        /* "1990" of "2026-1990": a fact of the round after, dropped by its resolver */
        if (a->start == (size_t)(strstr(text, "1990 fell") - text) && a->end == a->start + 4)
            inside += a->rejected && !strstr(a->rejected, "overlaps") && !strstr(a->rejected, "set aside");
    }
    CHECK(wrong == 0 && inside == 1);
    fx_doc_free(again);
    fx_doc_free(whole);
}

/* A document with a NUL byte decides whole after a range is set aside
 * (not only the range's clusters): the warnings rewound with the round
 * are made again, so the fact over the NUL byte is still dropped with
 * its warning, once. */
static void test_set_aside_nul(void)
{
    static const char text[] = "Sales in 2026-1990 fell on 12 March\0" "2014 in Paris.";
    fx_doc *doc = fx_fixture_context() ? fx_fixture_run(text, sizeof text - 1, NULL, 0) : NULL;
    size_t set_aside = 0, dropped = 0;
    for (size_t i = 0; doc && i < doc->candidate_count; i++) {
        const char *why = doc->candidates[i].rejected;
        set_aside += why && strstr(why, FX_SET_ASIDE_NOTE) != NULL;
    }
    for (size_t i = 0; doc && i < doc->warning_count; i++)
        dropped += strstr(doc->warnings[i].message, "its text holds a NUL byte") != NULL;
    CHECK(doc && set_aside == 1 && dropped == 1);
    fx_doc_free(doc);
}

void test_resolve(void)
{
    /* the parts first, then whole documents: a part that fails its check
     * here may crash a later stage of the pipeline */
    test_overlaps();
    test_rank();
    test_sort_by_start();
    /* a wrong fx_resolve_overlaps_again may leave facts of the whole
     * pipeline undecided, which the values stage would crash on */
    if (test_overlaps_again()) test_set_aside_again();
    test_set_aside_nul();
    test_nul_facts();
    test_many_candidates();
}
