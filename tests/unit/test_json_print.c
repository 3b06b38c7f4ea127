/* test_json_print.c - fx_json_print must give exactly cJSON's bytes, in
 * both layouts: on tricky numbers and strings, and on the emitted tree of
 * every corpus article. */
#include <dirent.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <cjson/cJSON.h>

#include "document.h"
#include "emit.h"
#include "factx.h"
#include "fixture.h"
#include "harness.h"
#include "input.h"
#include "json_print.h"
#include "org.h"
#include "rules.h"
#include "tables.h"

static void same_as_cjson(const cJSON *tree)
{
    for (int formatted = 0; formatted <= 1; formatted++) {
        char *want = formatted ? cJSON_Print(tree) : cJSON_PrintUnformatted(tree);
        char *got = fx_json_print(tree, formatted);
        CHECK_STR(got, want);
        free(want);
        free(got);
    }
}

static void tricky_values(void)
{
    static const double numbers[] = {0.0, -0.0, 1, -5, 2147483647.0, 2147483648.0, -2147483649.0,
                                     2e12, 999999999999999.0, 1e15, 1e16, 12345678901234567890.0,
                                     0.1, 1.5, -2.25, 3.14159, 1.0 / 3, 2.0 / 3, 1e-7, 123456.789,
                                     0.30000000000000004, 1e300, -1e-300, 1e-4, 0.0001000000000000001,
                                     9.99999999999999e-5, 99999999999999.9, 999999999999999.9,
                                     55.67594, -122.41942, 0.1 + 0.2, 1.005, 4.35, 1e-5, 123456789.012345};
    cJSON *root = cJSON_CreateObject();
    cJSON *nums = cJSON_AddArrayToObject(root, "numbers");
    for (size_t i = 0; i < sizeof numbers / sizeof *numbers; i++)
        cJSON_AddItemToArray(nums, cJSON_CreateNumber(numbers[i]));
    cJSON_AddItemToArray(nums, cJSON_CreateNumber(NAN));
    cJSON_AddItemToArray(nums, cJSON_CreateNumber(INFINITY));
    cJSON_AddStringToObject(root, "escapes", "quote \" backslash \\ \b\f\n\r\t \x01\x1f\x7f caf\xC3\xA9 \xE2\x82\xAC");
    cJSON_AddStringToObject(root, "", "empty key");
    cJSON_AddItemToObject(root, "empty object", cJSON_CreateObject());
    cJSON_AddItemToObject(root, "empty array", cJSON_CreateArray());
    cJSON *nested = cJSON_AddArrayToObject(root, "nested");
    cJSON *inner = cJSON_CreateObject();
    cJSON_AddItemToObject(inner, "list", cJSON_CreateArray());
    cJSON_AddItemToArray(cJSON_GetObjectItem(inner, "list"), cJSON_CreateObject());
    cJSON_AddTrueToObject(inner, "t");
    cJSON_AddFalseToObject(inner, "f");
    cJSON_AddNullToObject(inner, "n");
    cJSON_AddRawToObject(inner, "raw", "[1,2]");
    cJSON_AddItemToArray(nested, inner);
    cJSON_AddItemToArray(nested, cJSON_CreateString(""));
    same_as_cjson(root);
    cJSON_Delete(root);
}

/* Strings of every length up to 40 (the writer copies pieces of 16, 8
 * and 4 bytes, the last overlapping the one before), plain or with a byte to
 * escape at each place, and whole numbers around every power of ten: one
 * tree, compared whole. */
static void strings_and_integers(void)
{
    static const char plain[] = "Ab cd\xC3\xA9" "fgh ijklmnopqrstuvwxyz 0123456789 ABCDEFGHIJ";
    static const char special[] = {'"', '\\', '\n', '\t', 0x01, 0x1f};
    cJSON *root = cJSON_CreateArray();
    for (size_t n = 0; n <= 40; n++) {
        char s[48];
        memcpy(s, plain, n);
        s[n] = '\0';
        cJSON_AddItemToArray(root, cJSON_CreateString(s));
        for (size_t at = 0; at < n; at++) {
            s[at] = special[(n + at) % sizeof special];
            cJSON_AddItemToArray(root, cJSON_CreateString(s));
            s[at] = plain[at];
        }
    }
    double ten = 1;
    for (int k = 0; k <= 15; k++, ten *= 10)
        for (double d = ten - 1; d <= ten + 1; d++) {
            cJSON_AddItemToArray(root, cJSON_CreateNumber(d));
            cJSON_AddItemToArray(root, cJSON_CreateNumber(-d));
        }
    same_as_cjson(root);
    cJSON_Delete(root);
}

/* fx_json_short_string_at writes a string of 4 to 16 bytes with none to
 * escape as fx_json_string does, and no byte past its closing quote; any
 * other (shorter, longer, or with a byte to escape at any place) it
 * leaves to the caller, writing nothing. */
static void short_strings_at(void)
{
    static const char plain[] = "Xy z\xC3\xA9" "bcdefghijklmnopq";
    static const char special[] = {'"', '\\', '\n', 0x01, 0x1f};
    for (size_t n = 0; n <= 20; n++)
        for (size_t at = 0; at <= n; at++) {   /* at == n: no special byte */
            char s[24], d[40];
            memcpy(s, plain, n);
            s[n] = '\0';
            if (at < n) s[at] = special[(n + at) % sizeof special];
            memset(d, '#', sizeof d);
            char *end = fx_json_short_string_at(d, s, n);
            size_t untouched = 0;
            if (n >= 4 && n <= 16 && at == n) {
                fx_json_writer w;
                fx_json_writer_init(&w, 0, 64);
                fx_json_string(&w, s);
                char *want = fx_json_writer_finish(&w);
                CHECK(end == d + n + 2);
                if (end) {
                    *end = '\0';
                    CHECK_STR(d, want);
                    untouched = n + 3;
                }
                free(want);
            } else {
                CHECK(end == NULL);
            }
            while (untouched < sizeof d && d[untouched] == '#') untouched++;
            CHECK(untouched == sizeof d);
        }
}

/* A member written with the lead of its depth (fx_json_lead_at and
 * FX_JSON_MEMBER, as emit.c writes a fact's) is the text that
 * fx_json_plain_key writes, in both layouts at every depth a lead holds. */
static void members_led_as_keys(void)
{
    for (int formatted = 0; formatted <= 1; formatted++)
        for (size_t depth = 1; depth <= 5; depth++) {
            fx_json_writer keyed, led;
            fx_json_writer_init(&keyed, formatted, 16);
            fx_json_writer_init(&led, formatted, 16);
            fx_json_writer *both[2] = {&keyed, &led};
            for (size_t i = 0; i < 2; i++) {
                for (size_t k = 1; k < depth; k++) fx_json_begin_array(both[i]);
                fx_json_begin_object(both[i]);
                FX_JSON_KEY(both[i], "first");
                fx_json_count(both[i], 1);
            }
            FX_JSON_KEY(&keyed, "sentence_start");
            fx_json_count(&keyed, 12345);
            const fx_json_lead lead = fx_json_lead_at(&led, led.depth);
            char *d = fx_json_room(&led, FX_JSON_MEMBER_ROOM + FX_JSON_NUMBER_MAX);
            fx_json_end_at(&led, fx_json_count_at(FX_JSON_MEMBER(d, &lead, "sentence_start"), 12345));
            char *want = fx_json_writer_finish(&keyed), *got = fx_json_writer_finish(&led);
            CHECK_STR(got, want);
            free(want);
            free(got);
        }
}

/* A seeded generator of its own, so that every run checks the same numbers. */
static unsigned long long next_random(unsigned long long *state)
{
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    return *state;
}

/* Numbers that take the short-decimal path (a decimal of at most 15
 * digits read by strtod, as the gazetteer's latitudes), the digits around
 * its edges (16 and 17 digits, 1e-4, 1e15) and arbitrary doubles. */
static void many_numbers(void)
{
    unsigned long long state = 20141204;
    for (int round = 0; round < 100; round++) {
        cJSON *list = cJSON_CreateArray();
        for (int i = 0; i < 1000; i++) {
            unsigned long long r = next_random(&state);
            double d;
            if (i % 4 == 3) {
                memcpy(&d, &r, sizeof d);
                if (isnan(d) || isinf(d)) d = 0.5;
            } else {
                char text[64];
                int digits = 1 + (int)(r % 17), point = (int)((r >> 8) % 24) - 6;
                unsigned long long limit = 1;
                for (int k = 0; k < digits; k++) limit *= 10;
                snprintf(text, sizeof text, "%s%llue%d", r & (1ULL << 40) ? "-" : "",
                         next_random(&state) % limit, point - digits);
                d = strtod(text, NULL);
            }
            cJSON_AddItemToArray(list, cJSON_CreateNumber(d));
        }
        same_as_cjson(list);
        cJSON_Delete(list);
    }
}

/* An object {"name": s, "n": 7} as a value, in w (a text written again
 * and again by what makes it, as a city's). */
static void small_object(fx_json_writer *w, const char *s)
{
    fx_json_begin_object(w);
    FX_JSON_KEY(w, "name");
    fx_json_string(w, s);
    FX_JSON_KEY(w, "n");
    fx_json_count(w, 7);
    fx_json_end_object(w);
}

/* The arrays open in got and want ended: the same bytes written. */
static void same_arrays(fx_json_writer *got, fx_json_writer *want)
{
    fx_json_end_array(got);
    fx_json_end_array(want);
    char *g = fx_json_writer_finish(got), *w = fx_json_writer_finish(want);
    CHECK_STR(g, w);
    free(g);
    free(w);
}

/* The writer's copies of texts written before (fx_json_lasting_string,
 * fx_json_copy_written) give the bytes of writing them again: with more
 * strings than the cache has slots, strings to escape, the same object
 * at two depths (a formatted text indents it differently), and NULL;
 * fx_json_count_at past 10^15 prints as fx_json_number. */
static void written_again(void)
{
    static char strings[300][16];
    for (int i = 0; i < 300; i++) snprintf(strings[i], sizeof strings[i], i % 3 ? "s%d" : "q\"%d\n", i);
    for (int formatted = 0; formatted <= 1; formatted++) {
        fx_json_writer got, want;
        fx_json_writer_init(&got, formatted, 16);
        fx_json_writer_init(&want, formatted, 16);
        fx_json_begin_array(&got);
        fx_json_begin_array(&want);
        for (int i = 0; i < 2000; i++) {
            const char *s = strings[(i * 7 + i / 300) % 300];
            fx_json_element(&got);
            fx_json_element(&want);
            fx_json_lasting_string(&got, s);
            fx_json_string(&want, s);
        }
        fx_json_element(&got);
        fx_json_element(&want);
        fx_json_lasting_string(&got, NULL);
        fx_json_string(&want, NULL);
        int copies = 0;
        for (int round = 0; round < 5; round++) {   /* the last at a depth of its own: written again */
            int deeper = round == 4;
            fx_json_element(&got);
            fx_json_element(&want);
            if (deeper) {
                fx_json_begin_array(&got);
                fx_json_begin_array(&want);
            }
            const char *s = strings[round % 2];
            if (fx_json_copy_written(&got, s, strings[2])) {
                copies++;
            } else {
                size_t at = got.len;
                small_object(&got, s);
                fx_json_note_written(&got, s, strings[2], at);
            }
            small_object(&want, s);
            if (deeper) {
                fx_json_end_array(&got);
                fx_json_end_array(&want);
            }
        }
        CHECK(copies == 2);
        static const size_t counts[] = {0, 9, 10, 99, 100, 999, 1000, 1009, 9999, 10000, 10001, 100100, 999999,
                                        1000000, 9999999, 10000000, 12345678, 99999999, 100000000, 100000001,
                                        999999999999999ull, 1000000000000000ull, 123456789012345678ull, SIZE_MAX};
        for (size_t i = 0; i < sizeof counts / sizeof *counts; i++) {
            fx_json_element(&got);
            fx_json_element(&want);
            fx_json_end_at(&got, fx_json_count_at(fx_json_room(&got, FX_JSON_NUMBER_MAX), counts[i]));
            fx_json_number(&want, (double)counts[i]);
        }
        same_arrays(&got, &want);
        /* every count under 10^6, and some up to past 10^8, as printf writes them */
        int same = 1;
        for (size_t n = 0; n < 200000000; n += n < 1000000 ? 1 : 997) {
            char digits[FX_JSON_NUMBER_MAX + 1], printed[32];
            *fx_json_count_at(digits, n) = '\0';
            snprintf(printed, sizeof printed, "%zu", n);
            same &= strcmp(digits, printed) == 0;
        }
        CHECK(same);
    }
}

/* A keeper (fx_json_keep, fx_json_copy_kept) keeps every text it was
 * given while it holds fewer than half its slots' worth, whatever slots
 * their addresses pick (300 objects, each found again on its second
 * round and written as before), and writes the same bytes as writing
 * each text again past that (1,500 strings, kept anew as it fills up),
 * formatted or not. */
static void kept_across_texts(void)
{
    static char strings[1500][16];
    for (int i = 0; i < 1500; i++) snprintf(strings[i], sizeof strings[i], i % 5 ? "k%d" : "k\"%d", i);
    for (int formatted = 0; formatted <= 1; formatted++) {
        fx_json_keeper *keeper = fx_json_keeper_new();
        fx_json_writer got, want;
        fx_json_writer_init(&got, formatted, 16);
        fx_json_writer_init(&want, formatted, 16);
        got.keeper = keeper;
        fx_json_begin_array(&got);
        fx_json_begin_array(&want);
        int found = 0;
        for (int round = 0; round < 2; round++)
            for (int i = 0; i < 300; i++) {
                fx_json_element(&got);
                fx_json_element(&want);
                if (fx_json_copy_kept(&got, strings[i], strings[i + 1])) {
                    found++;
                } else {
                    size_t at = got.len;
                    small_object(&got, strings[i]);
                    fx_json_keep(&got, strings[i], strings[i + 1], at);
                }
                small_object(&want, strings[i]);
            }
        CHECK(found == 300);
        for (int round = 0; round < 3; round++)
            for (int i = 0; i < 1500; i++) {
                fx_json_element(&got);
                fx_json_element(&want);
                fx_json_lasting_string(&got, strings[(i * 7 + round) % 1500]);
                fx_json_string(&want, strings[(i * 7 + round) % 1500]);
            }
        same_arrays(&got, &want);
        fx_json_keeper_free(keeper);
    }
}

/* Strings kept by number (fx_json_kept_numbered_at, then
 * fx_json_lasting_numbered on a miss) write the bytes of fx_json_string,
 * over three texts that share a keeper, formatted or not: numbers past
 * FX_JSON_NUMBERED, texts of 2 to 46 bytes (some with a quote to escape)
 * about FX_JSON_NUMBERED_ROOM, and in the third text each number with
 * another string than before, which must not be taken for the first.
 * Found again: every number's text in the second that fits its room, none
 * in the third. With no keeper, nothing is found. */
static void kept_by_number(void)
{
    enum { NUMBERS = FX_JSON_NUMBERED + 44 };
    static char strings[NUMBERS + 1][48];
    for (int i = 0; i <= NUMBERS; i++) {
        int len = i % 41;
        for (int j = 0; j < len; j++) strings[i][j] = (char)('a' + (i + j) % 26);
        if (i % 4 == 0 && len) strings[i][len / 2] = '"';
        strings[i][len] = '\0';
    }
    for (int formatted = 0; formatted <= 1; formatted++) {
        fx_json_keeper *keeper = fx_json_keeper_new();
        int found[3] = {0}, fitting = 0;
        for (int text = 0; text < 4; text++) {
            fx_json_writer got, want;
            fx_json_writer_init(&got, formatted, 16);
            fx_json_writer_init(&want, formatted, 16);
            got.keeper = text < 3 ? keeper : NULL;
            fx_json_begin_array(&got);
            fx_json_begin_array(&want);
            for (int number = 0; number < NUMBERS; number++) {
                const char *s = strings[number + (text == 2)];
                fx_json_element(&got);
                fx_json_element(&want);
                size_t at = want.len;
                fx_json_string(&want, s);
                fitting += text == 0 && number < FX_JSON_NUMBERED && want.len - at <= FX_JSON_NUMBERED_ROOM;
                char *end = fx_json_kept_numbered_at(&got, fx_json_room(&got, FX_JSON_NUMBERED_ROOM), (size_t)number, s);
                if (end) {
                    fx_json_end_at(&got, end);
                    found[text < 3 ? text : 0]++;
                } else {
                    fx_json_lasting_numbered(&got, (size_t)number, s);
                }
            }
            same_arrays(&got, &want);
        }
        CHECK(found[0] == 0 && found[1] == fitting && found[2] == 0 && fitting > 100);
        fx_json_keeper_free(keeper);
    }
}

/* fx_emit_json writes the document directly: the same bytes as printing
 * fx_emit_tree's tree with cJSON, in both layouts. */
static void emitted_as_tree(const fx_doc *doc)
{
    cJSON *tree = fx_emit_tree(doc);
    for (int formatted = 0; formatted <= 1; formatted++) {
        char *want = formatted ? cJSON_Print(tree) : cJSON_PrintUnformatted(tree);
        char *got = fx_emit_json(doc, !formatted);
        CHECK_STR(got, want);
        free(want);
        free(got);
    }
    cJSON_Delete(tree);
}

/* A fact's member "rule" is copied from the document's first fact of
 * the rule, found by the rule's load order: rules whose orders share a
 * slot, in turn, each with its own id. */
static void emitted_rules_in_turn(void)
{
    static const char text[] = "In May 2014 it cost $5 million, up 5.5% in June 2015 and 7% in 2016.";
    fx_doc *doc = fx_fixture_run(text, sizeof text - 1, "2014-12-04", 0);
    if (!doc) return;
    CHECK(doc->fact_count >= 4);
    fx_rule rules[3];
    fx_candidate candidates[3];
    static const char *const ids[3] = {"test.first", "test.same_slot",   /* the last: a member over 64 bytes */
                                       "test.next_slot_whose_id_is_long_enough_for_its_member_to_take_over_64_bytes"};
    static const size_t orders[3] = {7, 7 + 256, 8};
    for (size_t r = 0; r < 3; r++) {
        rules[r] = *doc->facts[0].candidate->rule;
        rules[r].id = ids[r];
        rules[r].order = orders[r];
        candidates[r] = *doc->facts[0].candidate;
        candidates[r].rule = &rules[r];
    }
    for (size_t i = 0; i < doc->fact_count; i++) doc->facts[i].candidate = &candidates[i % 3 == 2 ? 2 : i % 2];
    emitted_as_tree(doc);
    char *got = fx_emit_json(doc, 1);
    CHECK(strstr(got, "\"rule\":\"test.same_slot\"") != NULL);
    free(got);
    fx_doc_free(doc);
}

/* Offsets of five and six digits (written by another path than those
 * under 10000), code points behind them that are not bytes, and the
 * members copied from the fact before (its rule, its sentence) in a
 * long text. */
static void emitted_far_offsets(void)
{
    static const char sentence[] = "In May 2014 the caf\xC3\xA9 cost $5 million, up 5.5% in June. ";
    size_t n = sizeof sentence - 1, count = 2000;
    char *text = malloc(n * count);
    for (size_t i = 0; i < count; i++) memcpy(text + i * n, sentence, n);
    fx_doc *doc = fx_fixture_run(text, n * count, "2014-12-04", 0);
    free(text);
    if (!doc) return;
    CHECK(doc->fact_count > 3 * count / 2 && doc->facts[doc->fact_count - 1].start > 100000);
    emitted_as_tree(doc);
    fx_doc_free(doc);
}

/* Hostile bytes, no path, warnings, and extra fields named like the
 * fixed ones (those are left out) or like each other (the first stays). */
static void emitted_edge_cases(void)
{
    static const char text[] = "BEIJING, Dec. 4, 2014 \"quoted\" \\ tab\there\x01" " caf\xC3\xA9 \xFF" " bad, "
                               "it cost \xE2\x82\xAC" "2 million in Aalborg on Monday, up 5.5%.\x00" " after NUL";
    fx_doc *doc = fx_fixture_run(text, sizeof text - 1, "2014-12-04", 0);
    if (!doc) return;
    CHECK(doc->fact_count >= 3);
    emitted_as_tree(doc);
    fx_doc_warn(doc, FX_UNSET, "a warning without an offset: \"%s\"", "quoted");
    fx_doc_warn(doc, 3, "a warning at byte 3");
    if (doc->fact_count > 0) {
        fx_fact *f = &doc->facts[0];
        if (!f->extra) f->extra = cJSON_CreateObject();
        cJSON_AddStringToObject(f->extra, "type", "not printed");
        cJSON_AddNumberToObject(f->extra, "value", 1);
        cJSON_AddNumberToObject(f->extra, "extra one", 0.25);
        cJSON_AddStringToObject(f->extra, "extra one", "a second with this name: left out");
        cJSON_AddItemToObject(f->extra, "nested", cJSON_Parse("{\"a\": [1, {\"b\": null}], \"c\": {}}"));
    }
    if (doc->fact_count > 1) {
        fx_fact *f = &doc->facts[1];
        cJSON_Delete(f->value);
        f->value = NULL;    /* no value: no "value" member, so an extra may take the name */
        if (!f->extra) f->extra = cJSON_CreateObject();
        cJSON_AddStringToObject(f->extra, "value", "from the extra fields");
    }
    /* a text with a NUL byte in it ends there, as a C string does */
    if (doc->fact_count) doc->facts[doc->fact_count - 1].end = doc->src_len;
    emitted_as_tree(doc);
    fx_doc_free(doc);
    /* under sixteen bytes: code points counted without a sixteen-byte load */
    static const char tiny_text[] = "\xC3\xA9 May 2014.";
    fx_doc *tiny = fx_fixture_run(tiny_text, sizeof tiny_text - 1, "2014-12-04", 0);
    if (tiny) {
        CHECK(tiny->fact_count == 1);
        emitted_as_tree(tiny);
        fx_doc_free(tiny);
    }
    fx_doc *bare = fx_doc_new("no \"path\"", NULL, "", 0);
    emitted_as_tree(bare);
    fx_doc_free(bare);
}

/* fx_extract_json, each value written straight into the text as it is
 * made (values.h): the same bytes as the values made as trees
 * (fx_extract, fx_emit_json), in both layouts. doc has been through
 * fx_extract. */
static void written_as_valued(const fx_context *ctx, fx_scratch *scratch, const fx_doc *doc)
{
    for (int compact = 0; compact <= 1; compact++) {
        char *want = fx_emit_json(doc, compact);
        fx_doc *again = fx_doc_new(doc->id, doc->path, doc->src, doc->src_len);
        fx_profile profile = {0};
        char *got = fx_extract_json(ctx, scratch, again, compact, compact ? &profile : NULL);
        CHECK_STR(got, want);
        CHECK(again->fact_count == doc->fact_count);
        if (again->fact_count) {
            char *value = fx_doc_fact_value(again, 0);   /* none kept */
            CHECK_STR(value, "null");
            free(value);
        }
        CHECK(!compact || profile.documents == 1);
        free(got);
        free(want);
        fx_doc_free(again);
    }
}

/* An organisation's value made of a table's fields (fx_org_resolution's
 * lasting: a known name, a known acronym's long form, a mention of one)
 * is kept across documents by the scratch's keeper; one made of the
 * text's bytes, which live in the document's arena, is not. The flag
 * for each kind, and the texts of documents written in turn with one
 * scratch, the second's text names at the addresses the first's had
 * (the same lengths; a kept arena name would be copied). */
static void kept_organisations(const fx_context *ctx, fx_scratch *scratch)
{
    static const char *const texts[] = {
        "Novo Nordisk said that Acme Widget Holdings Ltd will buy the Danish Energy Agency (DEA) unit. "
        "The DEA, the IMF and Novo Nordisk agreed.\n",
        "Novo Nordisk said that Zeta Gadget Holdings Ltd will buy the Danish Energy Agency (DEA) unit. "
        "The DEA, the IMF and Novo Nordisk agreed.\n",
        "Novo Nordisk said that Acme Widget Holdings Ltd will buy the Swedish Energy Agency (SEA) unit. "
        "The SEA, the IMF and Novo Nordisk agreed.\n",
    };
    for (size_t t = 0; t < sizeof texts / sizeof *texts; t++) {
        fx_doc *doc = fx_doc_new("orgs", NULL, texts[t], strlen(texts[t]));
        fx_extract(ctx, scratch, doc, NULL);
        size_t lasting = 0, not_lasting = 0;
        for (size_t i = 0; i < doc->fact_count; i++) {
            const fx_fact *f = &doc->facts[i];
            if (f->type != FX_ORG) continue;
            const fx_org_resolution *r = f->resolution;
            const char *text = doc->src + f->start;
            int known = strncmp(text, "Novo", 4) == 0 || strncmp(text, "IMF", 3) == 0;
            CHECK(r->lasting == known);
            lasting += r->lasting;
            not_lasting += !r->lasting;
        }
        CHECK(lasting == 3 && not_lasting == 4);
        written_as_valued(ctx, scratch, doc);
        fx_doc_free(doc);
    }
}

/* The value fields the corpus lacks, written both ways: a range's ends,
 * two readings of a date, percentage points, an equivalent sum, a city's
 * candidates, guessed currencies. */
static void valued_fields(const fx_context *ctx, fx_scratch *scratch)
{
    static const char text[] = "A loan of between $4 million and $6 million was agreed on 03/05/2019 in Springfield.\n"
                               "Turnout rose 2 percentage points to 61%, from 40 to 45 per cent, and fell by about "
                               "1.5 percentage points in Richmond.\n"
                               "The ticket cost 50 euros (about 60 US dollars), or 40 kr. at the door.\n";
    fx_doc *doc = fx_doc_new("fields", NULL, text, sizeof text - 1);
    fx_extract(ctx, scratch, doc, NULL);
    char *json = fx_emit_json(doc, 1);
    static const char *const keys[] = {"\"range\":", "\"readings\":", "\"unit\":", "\"equivalent\":",
                                       "\"candidates\":", "\"currency_candidates\":"};
    for (size_t k = 0; k < sizeof keys / sizeof *keys; k++) CHECK(strstr(json, keys[k]) != NULL);
    free(json);
    written_as_valued(ctx, scratch, doc);
    fx_doc_free(doc);
}

/* fx_json_number_text writes text only when fx_json_number would have
 * written the same for the value in it; check that on texts near each
 * edge and on every field of the gazetteers, whose numbers it writes. */
/* Does fx_json_number_text write text as fx_json_number writes its value
 * (or nothing), and write it exactly when `plain` says (-1: either)? */
static int number_text_agrees(const char *text, int plain)
{
    fx_json_writer as_text, as_number;
    fx_json_writer_init(&as_text, 0, 64);
    fx_json_writer_init(&as_number, 0, 64);
    int written = fx_json_number_text(&as_text, text);
    fx_json_number(&as_number, fx_parse_decimal(text));
    char *got = fx_json_writer_finish(&as_text), *want = fx_json_writer_finish(&as_number);
    int agrees = (plain < 0 || written == plain) && strcmp(got, written ? want : "") == 0;
    if (!agrees) fprintf(stderr, "  number text \"%s\": wrote \"%s\", the number prints \"%s\"\n", text, got, want);
    free(got);
    free(want);
    return agrees;
}

static void numbers_as_text(const fx_context *ctx)
{
    static const struct { const char *text; int plain; } cases[] = {
        {"0", 1}, {"-0", 1}, {"7", 1}, {"-3", 1}, {"55.67594", 1}, {"-122.41942", 1}, {"0.5", 1},
        {"0.0001", 1}, {"-0.0001", 1}, {"0.00012", 1}, {"999999999999999", 1}, {"1.23456789012345", 1},
        {"12345678.9012345", 1}, {"2950159", 1}, {"0.00001", 0}, {"1000000000000000", 0},
        {"1.234567890123456", 0}, {"1.50", 0}, {"1.0", 0}, {"-0.0", 0}, {"05", 0}, {"00.5", 0}, {".5", 0},
        {"5.", 0}, {"+5", 0}, {"1e5", 0}, {"", 0}, {"-", 0}, {"12 ", 0}, {"0x10", 0}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) CHECK(number_text_agrees(cases[i].text, cases[i].plain));
    /* every numeric field of the gazetteers: one check for all of them */
    static const char *const gazetteers[] = {"CITIES", "CITY_SUPPLEMENT"};
    size_t fields = 0, disagreeing = 0;
    for (size_t g = 0; g < sizeof gazetteers / sizeof *gazetteers; g++) {
        const fx_table *t = fx_rules_table(ctx, gazetteers[g]);
        CHECK(t != NULL);
        if (!t) continue;
        for (size_t r = 0; r < t->row_count; r++)
            for (size_t c = 1; c < t->column_count; c++) {
                const char *field = fx_table_row_field(&t->rows[r], c);
                if ((*field >= '0' && *field <= '9') || *field == '-') {
                    fields++;
                    disagreeing += !number_text_agrees(field, -1);
                }
            }
    }
    CHECK(fields > 1000);
    CHECK(disagreeing == 0);
}

/* The facts' code point offsets (emit.c: in a source of valid UTF-8 by
 * the normaliser's list of continuation bytes, else counted, where a run
 * of non-ASCII bytes counts its lead bytes) as the tree's fx_utf8_count
 * gives them: letters of two, three and four bytes before and inside
 * facts, in valid sources and in ones with an invalid byte (a stray
 * continuation byte, a cut sequence, a bad lead) before, between or
 * after the facts; then a BOM, a NUL byte in a valid source, and facts
 * made to end and to start inside a letter (counted from there on). */
static void code_points_around_bytes(const fx_context *ctx, fx_scratch *scratch)
{
    static const char *const letters[] = {"\xC3\xA9", "\xE2\x80\x94", "\xF0\x9F\x98\x80", "\xC3\xA9\xE2\x82\xAC"};
    static const char *const bad[] = {"", "\x80", "\xE2\x82 ", "\xC3", "\xFF\xBF"};
    for (size_t l = 0; l < sizeof letters / sizeof *letters; l++)
        for (size_t b = 0; b < sizeof bad / sizeof *bad; b++)
            for (int where = 0; where < 3; where++) {
                char text[512];
                snprintf(text, sizeof text,
                         "%sCaf%s news: the %s fund paid $5 million%s in Oslo on 3 May 2019, %s"
                         "%s \xE2\x82\xAC""470 million in Paris.%s",
                         where == 0 ? bad[b] : "", letters[l], letters[l], letters[l], where == 1 ? bad[b] : "",
                         letters[l], where == 2 ? bad[b] : "");
                fx_doc *doc = fx_doc_new("cp", NULL, text, strlen(text));
                fx_extract(ctx, scratch, doc, NULL);
                CHECK(doc->fact_count >= 3);
                CHECK((doc->src_invalid_utf8 == 0) == (bad[b][0] == '\0'));
                emitted_as_tree(doc);
                written_as_valued(ctx, scratch, doc);
                fx_doc_free(doc);
            }
    static const char text[] = "\xEF\xBB\xBF" "Caf\xC3\xA9 news: the \xF0\x9F\x98\x80 fund paid $5 million in Oslo "
                               "on 3 May 2019, \xE2\x82\xAC" "470 million in Paris.\x00" " after";
    fx_doc *doc = fx_doc_new("cp", NULL, text, sizeof text - 1);
    fx_extract(ctx, scratch, doc, NULL);
    const char *euro = strstr(text + 3, "\xE2\x82\xAC");
    size_t at_euro = (size_t)(euro - text), k = 0;
    while (k < doc->fact_count && doc->facts[k].start != at_euro) k++;
    CHECK(k >= 1 && k + 1 < doc->fact_count);     /* the date, "€470 million", then Paris */
    CHECK(doc->src_continuations != NULL && doc->src_nul == (size_t)((const char *)memchr(text, '\0', sizeof text - 1) - text));
    if (k >= 1 && k + 1 < doc->fact_count) {
        doc->facts[k - 1].end = at_euro + 2;    /* the date's end inside the euro sign */
        emitted_as_tree(doc);
        doc->facts[k].start = at_euro + 1;      /* the sum's start inside it */
        doc->facts[doc->fact_count - 1].end = doc->src_len;     /* past the NUL: cut there */
        emitted_as_tree(doc);
    }
    fx_doc_free(doc);
}

static void corpus_documents(void)
{
    fx_diag diag;
    fx_diag_init(&diag, stderr);
    fx_context *ctx = fx_context_load("rules", &diag);
    CHECK(ctx != NULL);
    if (!ctx) return;
    fx_scratch *scratch = fx_scratch_new(ctx);
    fx_input_list list = {0};
    fx_diag quiet;      /* the hostile files warn as they are read */
    fx_diag_init(&quiet, NULL);
    fx_input_collect("corpus", &list, &diag);
    fx_input_collect("tests/hostile/documents", &list, &diag);
    CHECK(list.count > 0);
    for (size_t i = 0; i < list.count; i++) {
        char *bytes;
        size_t len;
        if (fx_input_read(list.files[i].path, &bytes, &len, &quiet) < 0) continue;
        fx_doc *doc = fx_doc_new(list.files[i].name, list.files[i].path, bytes, len);
        fx_extract(ctx, scratch, doc, NULL);
        cJSON *tree = fx_emit_tree(doc);
        same_as_cjson(tree);
        cJSON_Delete(tree);
        emitted_as_tree(doc);
        written_as_valued(ctx, scratch, doc);
        free(bytes);
        fx_doc_free(doc);
    }
    fx_input_list_free(&list);
    valued_fields(ctx, scratch);
    kept_organisations(ctx, scratch);
    code_points_around_bytes(ctx, scratch);
    numbers_as_text(ctx);
    fx_scratch_free(scratch);
    fx_context_free(ctx);
}

void test_json_print(void)
{
    tricky_values();
    strings_and_integers();
    short_strings_at();
    members_led_as_keys();
    many_numbers();
    written_again();
    kept_across_texts();
    kept_by_number();
    corpus_documents();
    emitted_edge_cases();
    emitted_rules_in_turn();
    emitted_far_offsets();
}
