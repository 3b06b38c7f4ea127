/* test_values_fast.c - the shortcuts the values stage takes for speed
 * give what the plain code gave: decimals read without strtod, the
 * document's words, and the money evidence and tense cues read with
 * indexes (checked through the facts of documents built to need them). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "calendar.h"
#include "factx.h"
#include "fixture.h"
#include "harness.h"
#include "hash.h"
#include "resolve_impl.h"
#include "values_impl.h"

static unsigned long long next_random(unsigned long long *state)
{
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    return *state;
}

static void decimals_as_strtod(void)
{
    static const char *const odd[] = {"", "-", ".5", "5.", "-0", "0", "007", "1e5", " 3", "+3", "3 ", "abc",
                                      "123456789012345", "1234567890123456", "0.000000000000001",
                                      "55.67594", "-122.41942", "1.005", "99999999999999.9", "-.5"};
    int differ = 0;
    for (size_t i = 0; i < sizeof odd / sizeof *odd; i++) {
        double a = fx_parse_decimal(odd[i]), b = strtod(odd[i], NULL);
        differ += memcmp(&a, &b, sizeof a) != 0;
    }
    unsigned long long state = 4601;
    for (int i = 0; i < 200000; i++) {
        char s[40];
        unsigned long long r = next_random(&state);
        int digits = 1 + (int)(r % 18), point = (int)((r >> 8) % (unsigned)(digits + 1));
        size_t n = 0;
        if (r & (1ull << 40)) s[n++] = '-';
        for (int d = 0; d < digits; d++) {
            if (d == point && d > 0) s[n++] = '.';
            s[n++] = (char)('0' + next_random(&state) % 10);
        }
        s[n] = '\0';
        double a = fx_parse_decimal(s), b = strtod(s, NULL);
        differ += memcmp(&a, &b, sizeof a) != 0;
    }
    CHECK(differ == 0);
}

/* The words of a document and its tokens (tokens.h: each word's hash,
 * the capitalised words) against a byte-by-byte reading. */
static void words_of(const char *text)
{
    fx_doc *doc = fx_fixture_run(text, strlen(text), NULL, 0);
    if (!doc) return;
    const fx_words *w = fx_words_find(&doc->arena, doc->text, doc->text_len, fx_token_capitals);
    const fx_tokens *tokens = fx_doc_tokens(doc);
    CHECK(fx_doc_tokens(doc) == tokens);    /* once per document */
    CHECK(tokens->words->count == w->count);
    size_t k = 0, capitals = 0, ok = 1;
    for (size_t i = 0; i < doc->text_len;) {
        if (!fx_is_word_byte((unsigned char)doc->text[i])) {
            i++;
            continue;
        }
        size_t e = i;
        while (e < doc->text_len && fx_is_word_byte((unsigned char)doc->text[e])) e++;
        if (k >= w->count || w->start[k] != i || w->end[k] != e) ok = 0;
        if (k < tokens->words->count && (tokens->words->start[k] != i || tokens->words->end[k] != e ||
                                         fx_token_hash(tokens, k) != fx_hash_bytes(doc->text + i, e - i)))
            ok = 0;
        unsigned char c = (unsigned char)doc->text[i];
        if ((c >= 'A' && c <= 'Z') || c >= 0xC0) {
            if (capitals >= tokens->capital_count || tokens->capitals[capitals] != k) ok = 0;
            capitals++;
        }
        k++;
        i = e;
    }
    CHECK(ok && k == w->count && capitals == tokens->capital_count);
    fx_doc_free(doc);
}

/* Each word's hash, made at its first read (fx_token_hash), against
 * fx_hash_bytes: read last word first and twice, and in a document whose
 * stages read no token (dates only) after one whose stages read many,
 * whose arena's blocks malloc may hand on: a slot not cleared, or filled
 * for another word, gives a wrong hash. */
static void hashes_of(const char *first, const char *then)
{
    fx_doc *doc = fx_fixture_run(first, strlen(first), NULL, 0);
    if (!doc) return;
    fx_doc_free(doc);
    doc = fx_fixture_run(then, strlen(then), NULL, 1u << FX_DATE);
    if (!doc) return;
    const fx_tokens *tokens = fx_doc_tokens(doc);
    const fx_words *w = tokens->words;
    size_t wrong = 0;
    for (int pass = 0; pass < 2; pass++)
        for (size_t k = w->count; k-- > 0;)
            wrong += fx_token_hash(tokens, k) != fx_hash_bytes(doc->text + w->start[k], w->end[k] - w->start[k]);
    CHECK(w->count > 0 && wrong == 0);
    fx_doc_free(doc);
}

static const char *string_member(const cJSON *o, const char *key)
{
    const cJSON *s = o ? cJSON_GetObjectItemCaseSensitive(o, key) : NULL;
    return cJSON_IsString(s) ? s->valuestring : "";
}

/* The currency of the sum written as span in text. */
static void currency_is(const char *text, const char *span, const char *want)
{
    fx_doc *doc = fx_fixture_run(text, strlen(text), "2014-12-04", 0);
    if (!doc) return;
    const fx_fact *f = fx_fixture_fact_at(doc, text, span);
    CHECK(f != NULL);
    CHECK_STR(f ? string_member(f->value, "currency") : "", want);
    fx_doc_free(doc);
}

static void date_is(const char *text, const char *span, const char *want)
{
    fx_doc *doc = fx_fixture_run(text, strlen(text), "2014-12-04", 0);
    if (!doc) return;
    const fx_fact *f = fx_fixture_fact_at(doc, text, span);
    CHECK(f != NULL);
    CHECK_STR(f && cJSON_IsString(f->value) ? f->value->valuestring : "", want);
    fx_doc_free(doc);
}

/* fx_put_int's two-digit path (0 to 9999, widths up to 4: a value's
 * year, month, day) is printf's "%0<width>d" at every value and width,
 * and ends where it says, with nothing written past the NUL. */
static void put_int_as_printf(void)
{
    int failed = 0;
    for (int width = -1; width <= 5; width++)
        for (int v = 0; v <= 10000; v++) {
            char got[16], want[16];
            memset(got, 'x', sizeof got);
            char *end = fx_put_int(got, v, width);
            int n = snprintf(want, sizeof want, "%0*d", width < 0 ? 0 : width, v);
            failed += strcmp(got, want) != 0 || end != got + n || got[n + 1] != 'x';
        }
    CHECK(failed == 0);
    /* fx_put_ymd, inline for four-digit years, two-digit months and days,
     * is fx_put_int's three parts at every edge of that */
    static const int years[] = {-1, 0, 1, 999, 1000, 2014, 9999, 10000, 123456};
    static const int parts[] = {-1, 0, 1, 9, 10, 12, 31, 99, 100};
    failed = 0;
    for (size_t y = 0; y < sizeof years / sizeof *years; y++)
        for (size_t m = 0; m < sizeof parts / sizeof *parts; m++)
            for (size_t d = 0; d < sizeof parts / sizeof *parts; d++) {
                char got[40], want[40];
                char *end = fx_put_ymd(got, years[y], parts[m], parts[d]);
                int n = snprintf(want, sizeof want, "%04d-%02d-%02d", years[y], parts[m], parts[d]);
                failed += strcmp(got, want) != 0 || end != got + n;
            }
    CHECK(failed == 0);
}

/* fx_timex_in_range reads most years as four digits at once: the same
 * answers at the edges of that, in each point of a range. */
static void years_in_range(void)
{
    static const char *const in[] = {"2014", "0001-01-01", "9999-12-31T23:59", "FY2014", "201", "19", "1",
                                     "2014/2015", "2014-12-04/9999", "XXXX-12-04", "PRESENT_REF", ""};
    static const char *const out[] = {"0000", "10000", "12345-01-01", "-001-12-31", "FY0000", "2014/0000",
                                      "2014/10000", "2014-12-04/-001"};
    int failed = 0;
    for (size_t i = 0; i < sizeof in / sizeof *in; i++) failed += !fx_timex_in_range(in[i]);
    for (size_t i = 0; i < sizeof out / sizeof *out; i++) failed += fx_timex_in_range(out[i]);
    CHECK(failed == 0);
}

void test_values_fast(void)
{
    years_in_range();
    decimals_as_strtod();
    put_int_as_printf();
    words_of("");
    words_of("word");
    words_of("  two words, 3 more; caf\xC3\xA9 na\xC3\xAFve x");
    words_of("a-b c'd e.f\n\ng\th 12.5% \xE2\x82\xAC" "2");
    words_of("The Bank of China, \xC3\x89vian and \xC3\xA9t\xC3\xA9 in New York-Newark; McDonald's X");
    hashes_of("Sarah Houston of Acme Corp met officials of Paris, France, and the Bank of China in Oslo on Monday.",
              "sarah houston of acme corp met officials of paris, france, and the bank of china in oslo on monday.");
    hashes_of("Reuters reported that Acme Corp rose 5% in New York.", "reuters reported that acme corp rose 5% in new york.");
    /* the capitals' table (tokens.c) is the two ranges, at every byte */
    int capitals_ok = 1;
    for (unsigned c = 0; c < 256; c++) capitals_ok &= fx_token_capital((unsigned char)c) == ((c >= 'A' && c <= 'Z') || c >= 0xC0);
    CHECK(capitals_ok);
    /* evidence: a currency's unambiguous forms, whole words only, in any
     * case for names; a country's words decide a bare "$" */
    currency_is("The deal is worth $5 million. Hong Kong dollars were used: HK$3 billion.", "$5 million", "HKD");
    currency_is("The deal is worth $5 million. HK$ traders ... HKD", "$5 million", "HKD");
    currency_is("The deal is worth $5 million in total.", "$5 million", "USD");
    currency_is("Sydney, Australia: it costs $5 million, say Australian officials in Canberra.", "$5 million", "USD");
    currency_is("It cost 5 million kroner, officials in Oslo, Norway, said. Norwegian banks agreed.",
                "5 million kroner", "NOK");
    currency_is("It cost 5 million kroner, officials in Copenhagen said.", "5 million kroner", "DKK");
    currency_is("Prices rose to \xC2\xA5" "300 million in Tokyo, Japan.", "\xC2\xA5" "300 million", "JPY");
    currency_is("Prices rose to \xC2\xA5" "300 million in Beijing, China.", "\xC2\xA5" "300 million", "CNY");
    /* tense cues: the closest one before the date, else the first after */
    date_is("The plant was opened on Monday.", "Monday", "2014-12-01");
    date_is("The plant will open on Monday.", "Monday", "2014-12-08");
    date_is("On Monday the plant opened, it said.", "Monday", "2014-12-01");
}
