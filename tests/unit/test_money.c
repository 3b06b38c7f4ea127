/* test_money.c - number parsing and the extra fields of money and percent
 * facts (ranges, equivalents, qualifiers, guessed currencies), which rule
 * examples do not check. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "factx.h"
#include "fixture.h"
#include "harness.h"
#include "money.h"
#include "resolve_impl.h"
#include "rules.h"
#include "tables.h"
#include "values_impl.h"

static fx_doc *run(const char *text)
{
    return fx_fixture_run(text, strlen(text), NULL, 0);
}


static const cJSON *extra(const fx_fact *f, const char *key)
{
    return f && f->extra ? cJSON_GetObjectItemCaseSensitive(f->extra, key) : NULL;
}

static double num_of(const cJSON *o, const char *key)
{
    const cJSON *n = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsNumber(n) ? n->valuedouble : NAN;
}

static const char *str_of(const cJSON *o, const char *key)
{
    const cJSON *s = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(s) ? s->valuestring : NULL;
}

static double parsed(const char *s, int continental)
{
    double v;
    return fx_parse_number(s, strlen(s), continental, &v) == 0 ? v : NAN;
}

static void test_numbers(void)
{
    CHECK(parsed("1,300,000", 0) == 1300000);
    CHECK(parsed("1.300.000", 0) == 1300000);
    CHECK(parsed("1 300 000", 0) == 1300000);
    CHECK(parsed("1'000", 0) == 1000);
    CHECK(parsed("1,5", 0) == 1.5);
    CHECK(parsed("1.5", 1) == 1.5);
    CHECK(parsed("1,234.56", 1) == 1234.56);
    CHECK(parsed("1.234,56", 0) == 1234.56);
    /* the ambiguous group of three: the caller decides */
    CHECK(parsed("1.500", 1) == 1500);
    CHECK(parsed("1.500", 0) == 1.5);
    CHECK(parsed("1,500", 0) == 1500);
    CHECK(parsed("1,500", 1) == 1.5);
    CHECK(isnan(parsed("12a", 0)));
    CHECK(isnan(parsed("", 0)));
}

static void test_ranges(void)
{
    const char *t = "It will cost 400-700 million kroner in Aalborg.";
    fx_doc *doc = run(t);
    const fx_fact *low = fx_fixture_fact_at(doc, t, "400"), *high = fx_fixture_fact_at(doc, t, "700 million kroner");
    CHECK(low && high);
    if (low && high) {
        CHECK(num_of(low->value, "amount") == 400e6);
        CHECK_STR(str_of(low->value, "currency"), "DKK");
        const cJSON *r = extra(low, "range");
        CHECK_STR(str_of(r, "role"), "low");
        CHECK(num_of(r, "high") == 700e6);
        CHECK(num_of(cJSON_GetObjectItemCaseSensitive(r, "other"), "start") == (double)high->start);
        CHECK_STR(str_of(extra(high, "range"), "role"), "high");
        CHECK(num_of(cJSON_GetObjectItemCaseSensitive(extra(high, "range"), "other"), "end") == (double)low->end);
    }
    fx_doc_free(doc);

    t = "Between $5m and $7m was raised.";
    doc = run(t);
    low = fx_fixture_fact_at(doc, t, "$5m");
    high = fx_fixture_fact_at(doc, t, "$7m");
    CHECK(extra(low, "range") && extra(high, "range"));
    CHECK(num_of(extra(high, "range"), "low") == 5e6);
    fx_doc_free(doc);

    /* two sums side by side that are no range: no extra field */
    t = "It paid $7m and $5m.";
    doc = run(t);
    CHECK(fx_fixture_fact_at(doc, t, "$7m") && !extra(fx_fixture_fact_at(doc, t, "$7m"), "range"));
    fx_doc_free(doc);

    t = "Growth of 10-20 pct. is expected.";
    doc = run(t);
    low = fx_fixture_fact_at(doc, t, "10");
    high = fx_fixture_fact_at(doc, t, "20 pct.");
    CHECK(low && high && low->type == FX_PERCENT);
    CHECK_STR(str_of(extra(low, "range"), "role"), "low");
    CHECK(num_of(extra(high, "range"), "low") == 10);
    fx_doc_free(doc);
}

static void test_equivalents_and_qualifiers(void)
{
    const char *t = "Invest 1.3 trillion yuan (USD 203 billion), (1 euro = 1.25 US dollars)";
    fx_doc *doc = run(t);
    const fx_fact *a = fx_fixture_fact_at(doc, t, "1.3 trillion yuan"), *b = fx_fixture_fact_at(doc, t, "USD 203 billion");
    CHECK(a && b);
    CHECK(num_of(extra(a, "equivalent"), "start") == (double)(b ? b->start : 0));
    CHECK(num_of(extra(b, "equivalent"), "end") == (double)(a ? a->end : 0));
    const fx_fact *c = fx_fixture_fact_at(doc, t, "1 euro"), *d = fx_fixture_fact_at(doc, t, "1.25 US dollars");
    CHECK(num_of(extra(c, "equivalent"), "start") == (double)(d ? d->start : 0));
    CHECK(extra(d, "equivalent") != NULL);
    /* the yuan sum and the euro are not equivalents of each other */
    CHECK(num_of(extra(c, "equivalent"), "start") != (double)(b ? b->start : 0));
    fx_doc_free(doc);

    t = "up to 70 per cent, around \xE2\x82\xAC" "43 billion and more than $5m (about DKK 30m)";
    doc = run(t);
    const fx_fact *p = fx_fixture_fact_at(doc, t, "70 per cent");
    CHECK_STR(str_of(p ? p->extra : NULL, "qualifier"), "up to");
    CHECK_STR(str_of(p ? p->extra : NULL, "mod"), "EQUAL_OR_LESS");
    const fx_fact *m = fx_fixture_fact_at(doc, t, "\xE2\x82\xAC" "43 billion");
    CHECK_STR(str_of(m ? m->extra : NULL, "mod"), "APPROX");
    m = fx_fixture_fact_at(doc, t, "$5m");
    CHECK_STR(str_of(m ? m->extra : NULL, "qualifier"), "more than");
    const fx_fact *dkk = fx_fixture_fact_at(doc, t, "DKK 30m");
    CHECK_STR(str_of(dkk ? dkk->extra : NULL, "qualifier"), "about");
    CHECK(extra(dkk, "equivalent") && extra(m, "equivalent"));
    fx_doc_free(doc);
}

/* The currency of the fact whose text is span in t; absent: an extra
 * field it must not have, or NULL. */
static void check_currency(const char *t, const char *span, const char *want, const char *absent)
{
    fx_doc *doc = run(t);
    const fx_fact *f = fx_fixture_fact_at(doc, t, span);
    CHECK_STR(f ? str_of(f->value, "currency") : NULL, want);
    if (absent) CHECK(f && !extra(f, absent));
    fx_doc_free(doc);
}

static void test_ambiguous_currencies(void)
{
    /* a Chinese context: CNY, and no guess to report */
    const char *t = "Beijing and Shanghai: the Chinese plan costs \xC2\xA5" "20m.";
    fx_doc *doc = run(t);
    const fx_fact *f = fx_fixture_fact_at(doc, t, "\xC2\xA5" "20m");
    CHECK_STR(f ? str_of(f->value, "currency") : NULL, "CNY");
    CHECK(f && !extra(f, "currency_candidates"));
    fx_doc_free(doc);

    /* no context at all: the usual reading, with the candidates listed */
    t = "It costs \xC2\xA5" "500.";
    doc = run(t);
    f = fx_fixture_fact_at(doc, t, "\xC2\xA5" "500");
    CHECK_STR(f ? str_of(f->value, "currency") : NULL, "CNY");
    const cJSON *c = extra(f, "currency_candidates");
    CHECK(cJSON_IsArray(c) && cJSON_GetArraySize(c) == 2);
    fx_doc_free(doc);

    /* bare $ is USD unless the text makes another dollar plain */
    t = "The A$2 billion plan adds $300 million.";
    doc = run(t);
    f = fx_fixture_fact_at(doc, t, "$300 million");
    CHECK_STR(f ? str_of(f->value, "currency") : NULL, "AUD");
    CHECK(extra(f, "currency_candidates") != NULL);
    fx_doc_free(doc);

    check_currency("The plan adds $300 million.", "$300 million", "USD", "currency_candidates");
    /* a one-letter form's word is found by the byte after it: "C$" at the
     * text's end counts, a letter alone ("C") or before another byte does not */
    check_currency("Plan C adds $300 million, C: paid in C$", "$300 million", "CAD", NULL);
    check_currency("Plan C adds $300 million, C: paid in C", "$300 million", "USD", "currency_candidates");
    /* a form that ends in a symbol counts where its word goes on ("JP¥20m"),
     * not inside another word */
    check_currency("Sony paid JP\xC2\xA5" "20m and then \xC2\xA5" "500.", "\xC2\xA5" "500", "JPY", "currency_candidates");
    check_currency("Sony paid XJP\xC2\xA5" "20 and then \xC2\xA5" "500.", "\xC2\xA5" "500", "CNY", NULL);

    /* a bare $ in brackets after another dollar is the US conversion */
    t = "It costs HK$5 billion ($640 million).";
    doc = run(t);
    f = fx_fixture_fact_at(doc, t, "$640 million");
    CHECK_STR(f ? str_of(f->value, "currency") : NULL, "USD");
    fx_doc_free(doc);
}

static void test_number_style(void)
{
    /* the document's continental numbers decide "1.500 mio." */
    const char *t = "Budget: 2.500.000 kr. in 2015 and 1.500 mio. kr. later.";
    fx_doc *doc = run(t);
    const fx_fact *f = fx_fixture_fact_at(doc, t, "1.500 mio. kr.");
    CHECK(f && num_of(f->value, "amount") == 1.5e9);
    fx_doc_free(doc);

    /* English numbers elsewhere: "1.500 million" is one and a half */
    t = "Budget: 2,500,000 euros in 2015 and 1.500 million euros later.";
    doc = run(t);
    f = fx_fixture_fact_at(doc, t, "1.500 million euros");
    CHECK(f && num_of(f->value, "amount") == 1.5e6);
    fx_doc_free(doc);

    /* nothing else to go by: the currency's own decimal mark */
    t = "It costs DKK 1.500 mio.";
    doc = run(t);
    f = fx_fixture_fact_at(doc, t, "DKK 1.500 mio.");
    CHECK(f && num_of(f->value, "amount") == 1.5e9);
    fx_doc_free(doc);
    t = "It costs USD 1.500 million.";
    doc = run(t);
    f = fx_fixture_fact_at(doc, t, "USD 1.500 million");
    CHECK(f && num_of(f->value, "amount") == 1.5e6);
    fx_doc_free(doc);
}

static void test_changes(void)
{
    /* a written minus makes the value negative; words only say the direction */
    const char *t = "Exports were down 3 per cent, output changed by minus four percent, "
                    "the index closed at -0.6% and sales rose by about 12% after a 5% rise; "
                    "support fell 2 percentage points; prices rose to 7% and a loss of $2m.";
    fx_doc *doc = run(t);
    const fx_fact *f = fx_fixture_fact_at(doc, t, "3 per cent");
    CHECK(f && cJSON_IsNumber(f->value) && f->value->valuedouble == 3);
    CHECK_STR(str_of(f ? f->extra : NULL, "direction"), "down");
    f = fx_fixture_fact_at(doc, t, "minus four percent");
    CHECK(f && f->value->valuedouble == -4);
    CHECK(f && !extra(f, "direction"));
    f = fx_fixture_fact_at(doc, t, "-0.6%");
    CHECK(f && f->value->valuedouble == -0.6);
    f = fx_fixture_fact_at(doc, t, "12%");
    CHECK_STR(str_of(f ? f->extra : NULL, "direction"), "up");
    CHECK_STR(str_of(f ? f->extra : NULL, "qualifier"), "about");
    f = fx_fixture_fact_at(doc, t, "5%");
    CHECK_STR(str_of(f ? f->extra : NULL, "direction"), "up");
    f = fx_fixture_fact_at(doc, t, "2 percentage points");
    CHECK_STR(str_of(f ? f->extra : NULL, "unit"), "pp");
    CHECK_STR(str_of(f ? f->extra : NULL, "direction"), "down");
    CHECK(f && f->value->valuedouble == 2);
    /* a level is no change */
    f = fx_fixture_fact_at(doc, t, "7%");
    CHECK(f && !extra(f, "direction") && !extra(f, "unit"));
    f = fx_fixture_fact_at(doc, t, "$2m");
    CHECK(f && num_of(f->value, "amount") == 2e6);
    CHECK_STR(str_of(f ? f->extra : NULL, "direction"), "down");
    fx_doc_free(doc);

    /* the longest key of the two tables ("an approximate", 14 bytes)
     * right before the amount, and the same bytes ending a longer word,
     * which are no key: the walk back reads one byte past the longest key */
    t = "Tariffs saw an approximate 5% rise and a Xan approximate 6% rise.";
    doc = run(t);
    f = fx_fixture_fact_at(doc, t, "5%");
    CHECK_STR(str_of(f ? f->extra : NULL, "mod"), "APPROX");
    f = fx_fixture_fact_at(doc, t, "6%");
    CHECK(f && !extra(f, "mod") && !extra(f, "qualifier"));
    fx_doc_free(doc);

    t = "It paid a 10% down payment.";
    doc = run(t);
    f = fx_fixture_fact_at(doc, t, "10%");
    CHECK(f && !extra(f, "direction"));
    fx_doc_free(doc);
}

/* A rule that is not the context's own (a copy) has its captures found by
 * name: the sum resolves as through the captures listed per rule. */
static void test_captures_by_name(void)
{
    const char *t = "The plant cost about 2.5 billion yuan ($350m).";
    fx_doc *doc = run(t);
    const fx_fact *f = fx_fixture_fact_at(doc, t, "2.5 billion yuan");
    CHECK(f && f->resolution);
    if (f && f->resolution) {
        fx_rule rule = *f->candidate->rule;
        fx_candidate c = *f->candidate;
        c.rule = &rule;
        fx_fact copy = *f;
        copy.candidate = &c;
        copy.resolution = NULL;
        const fx_context *ctx = fx_fixture_context();
        fx_resolve_env env = {.ctx = ctx, .tables = ctx->resolve_tables, .doc = doc, .index = (size_t)(f - doc->facts)};
        CHECK(fx_resolve_money(&env, &copy) == NULL);
        const fx_amount_resolution *a = copy.resolution, *b = f->resolution;
        CHECK(a && a->value == 2.5e9 && a->value == b->value);
        CHECK_STR(a ? a->currency : NULL, "CNY");
        CHECK_STR(a ? a->qualifier : NULL, "about");
    }
    fx_doc_free(doc);
}

static void test_currency_evidence(void)
{
    /* a symbol glued to its number is a mention of its currency: the
     * cents are euro cents */
    const char *t = "A ticket costs \xE2\x82\xAC" "20 and 75 cents for a stamp.";
    fx_doc *doc = run(t);
    const fx_fact *f = fx_fixture_fact_at(doc, t, "75 cents");
    CHECK_STR(f ? str_of(f->value, "currency") : NULL, "EUR");
    CHECK(f && num_of(f->value, "amount") == 0.75);
    fx_doc_free(doc);

    /* "$2.3 million, or 12 cents a share" is no conversion into another currency */
    check_currency("The loss narrowed to $2.3 million, or 12 cents a share.", "12 cents", "USD", "equivalent");

    /* a text without capitals names places in lower case */
    check_currency("the dish costs \xC2\xA5 800 in tokyo .", "\xC2\xA5 800", "JPY", NULL);
    /* a name counts in any case: the index keeps the words of each case of
     * its first word's first two bytes ("AUSTRALIAN", not only "australian") */
    check_currency("The permit costs $ 40, paid in AUSTRALIAN DOLLAR notes.", "$ 40", "AUD", NULL);
    /* a form as written before a folded one: pence, not pesos */
    check_currency("Shares closed at 450p in London.", "450p", "GBP", NULL);

    /* a guess lists the chosen currency first */
    t = "In the US they paid a $ 40 for each permit, said a Sydney firm.";
    doc = run(t);
    f = fx_fixture_fact_at(doc, t, "a $ 40");
    const cJSON *c = extra(f, "currency_candidates");
    CHECK(cJSON_IsArray(c) && cJSON_GetArraySize(c) == 2);
    CHECK_STR(f ? str_of(f->value, "currency") : NULL, c ? cJSON_GetArrayItem(c, 0)->valuestring : NULL);
    fx_doc_free(doc);
}

/* Every currency a form names (its code and its candidates) has its row in
 * CURRENCY_CODE, and an ambiguous form's code is its first candidate. */
static void test_currency_tables(void)
{
    const fx_context *ctx = fx_fixture_context();
    const fx_table *codes = fx_rules_table(ctx, "CURRENCY_CODE");
    const char *forms[] = {"CURRENCY_SYMBOL", "CURRENCY_NAME"};
    CHECK(codes != NULL);
    for (size_t f = 0; codes && f < 2; f++) {
        const fx_table *t = fx_rules_table(ctx, forms[f]);
        CHECK(t != NULL);
        for (size_t r = 0; t && r < t->row_count; r++) {
            const fx_table_row *row = &t->rows[r];
            const char *code = fx_table_field(t, row, "code");
            if (!fx_table_find(codes, code, strlen(code))) {
                fprintf(stderr, "%s: %s names unknown currency %s\n", forms[f], row->key, code);
                CHECK(0);
            }
            const char *list = fx_table_field(t, row, "candidates");
            size_t first = strcspn(list, "|");
            if (*list && (first != strlen(code) || strncmp(list, code, first) != 0)) {
                fprintf(stderr, "%s: %s: code %s is not its first candidate\n", forms[f], row->key, code);
                CHECK(0);
            }
            for (const char *c = list; *c;) {
                size_t n = strcspn(c, "|");
                if (!fx_table_find(codes, c, n)) {
                    fprintf(stderr, "%s: %s: unknown candidate %.*s\n", forms[f], row->key, (int)n, c);
                    CHECK(0);
                }
                c += n + (c[n] == '|');
            }
        }
    }
}

/* The sum in text (a document of ctx) whose span is span: its currency and
 * its currency_candidates joined by '|' ("" for none) into out. */
static void currency_of_sum(const fx_context *ctx, fx_scratch *scratch, const char *text, const char *span, char *out,
                            size_t size)
{
    fx_doc *doc = fx_doc_new("t", NULL, text, strlen(text));
    fx_extract(ctx, scratch, doc, NULL);
    const fx_fact *f = fx_fixture_fact_at(doc, text, span);
    const cJSON *list = extra(f, "currency_candidates");
    snprintf(out, size, "%s:", f ? str_of(f->value, "currency") : "none");
    for (int i = 0; i < cJSON_GetArraySize(list); i++)
        snprintf(out + strlen(out), size - strlen(out), "%s%s", i ? "|" : "", cJSON_GetArrayItem(list, i)->valuestring);
    fx_doc_free(doc);
}

/* A form's candidates are its field's items, '|'-separated, less the empty
 * ones and those of eight bytes or more (read once at load); each counts
 * its own forms and context words, also where two forms' lists name it. */
static void test_candidates_read_at_load(void)
{
    fx_fixture_rules_dir rules;
    if (!fx_fixture_rules_dir_open(&rules, "table CURRENCY_CODE codes.tsv\n"
                                           "table CURRENCY_SYMBOL symbols.tsv\n"
                                           "rule m\n  type: money\n  pattern: (?<cur>{CURRENCY_SYMBOL}) (?<num>\\d+)\n"))
        return;
    fx_fixture_rules_dir_write(&rules, "codes.tsv", "key\tdecimal_mark\tcontext\n"
                                          "ZZA\t.\tAlphaland\n"
                                          "ZZB\t.\tBetaland|Betans\n"
                                          "ZZC\t.\tGammaland\n");
    fx_fixture_rules_dir_write(&rules, "symbols.tsv", "key\tcode\tcandidates\tdecide\tguard\tfactor\n"
                                            "Z$\tZZA\tZZA||ZZLONGCODE|ZZB|\tcontext\t\t\n"
                                            "Q$\tZZC\tZZC|ZZB\t\t\t\n"
                                            "ZB$\tZZB\t\t\t\t\n");
    fx_diag diag;
    fx_diag_init(&diag, stderr);
    fx_context *ctx = fx_context_load(rules.dir, &diag);
    CHECK(ctx != NULL);
    if (ctx) {
        fx_scratch *scratch = fx_scratch_new(ctx);
        char got[128];
        /* no evidence: the first, the two candidates listed */
        currency_of_sum(ctx, scratch, "They paid Z$ 40 for it.", "Z$ 40", got, sizeof got);
        CHECK_STR(got, "ZZA:ZZA|ZZB");
        /* a context word of the second */
        currency_of_sum(ctx, scratch, "In Betaland they paid Z$ 40 for it.", "Z$ 40", got, sizeof got);
        CHECK_STR(got, "ZZB:");
        /* its unambiguous form, counted for both lists' sums */
        currency_of_sum(ctx, scratch, "They paid Q$ 40, then Z$ 50 and ZB$ 60.", "Q$ 40", got, sizeof got);
        CHECK_STR(got, "ZZB:ZZB|ZZC");
        currency_of_sum(ctx, scratch, "They paid Q$ 40, then Z$ 50 and ZB$ 60.", "Z$ 50", got, sizeof got);
        CHECK_STR(got, "ZZB:");
        fx_scratch_free(scratch);
        fx_context_free(ctx);
    }
    fx_fixture_rules_dir_close(&rules);
}

/* The scale words and number words multiply and add as their tables'
 * numbers say (read once at load: the first, a middle and the last rows). */
static void test_scales_and_words(void)
{
    static const struct { const char *text, *sum; double value; } sums[] = {
        {"It costs 3 thousand euros.", "3 thousand euros", 3e3},
        {"It costs 4 lakh euros.", "4 lakh euros", 4e5},
        {"It costs 2 crore euros.", "2 crore euros", 2e7},
        {"It costs 1.5 mln euros.", "1.5 mln euros", 1.5e6},
        {"It costs 7 billion euros.", "7 billion euros", 7e9},
        {"It costs two hundred and fifty million euros.", "two hundred and fifty million euros", 2.5e8},
        {"It costs half a million euros.", "half a million euros", 5e5},
        {"It costs ninety thousand euros.", "ninety thousand euros", 9e4},
    };
    for (size_t k = 0; k < sizeof sums / sizeof *sums; k++) {
        fx_doc *doc = run(sums[k].text);
        const fx_fact *f = fx_fixture_fact_at(doc, sums[k].text, sums[k].sum);
        const fx_amount_resolution *a = f ? f->resolution : NULL;
        CHECK(a && a->value == sums[k].value);
        fx_doc_free(doc);
    }
}

/* Every key of AMOUNT_QUALIFIER and of AMOUNT_DIRECTION's "before" rows
 * is found before a sum, however many words it has (words_before reads
 * more words back only while the words read end a key: its last one, its
 * last two, ...), and none where the word before ends no key. */
static void test_words_before(void)
{
    const fx_context *ctx = fx_fixture_context();
    const fx_table *tables[2] = {fx_rules_table(ctx, "AMOUNT_QUALIFIER"), fx_rules_table(ctx, "AMOUNT_DIRECTION")};
    char text[128];
    for (int d = 0; d < 2; d++) {
        const fx_table *t = tables[d];
        CHECK(t && t->row_count > 10);
        for (size_t r = 0; t && r < t->row_count; r++) {
            const fx_table_row *row = &t->rows[r];
            if (d && strcmp(fx_table_field(t, row, "position"), "before") != 0) continue;
            snprintf(text, sizeof text, "Profits were %s $5 million.", row->key);
            fx_doc *doc = run(text);
            const fx_fact *f = fx_fixture_fact_at(doc, text, "$5 million");
            const fx_amount_resolution *a = f ? f->resolution : NULL;
            const char *found = !a ? NULL : d ? a->direction : a->mod;
            const char *want = fx_table_field(t, row, d ? "direction" : "mod");
            CHECK(found && strcmp(found, want) == 0);
            if (!found || strcmp(found, want) != 0) fprintf(stderr, "  words before: %s\n", text);
            fx_doc_free(doc);
        }
    }
    const char *t = "Profits of the group were, as said, $5 million.";
    fx_doc *doc = run(t);
    const fx_fact *f = fx_fixture_fact_at(doc, t, "$5 million");
    const fx_amount_resolution *a = f ? f->resolution : NULL;
    CHECK(a && !a->mod && !a->direction);
    fx_doc_free(doc);
}

/* Every key of AMOUNT_DIRECTION's "after" rows is found after a sum, as
 * written and in capitals (words_after's filter hashes a span lowered),
 * and no direction where the words after are no key. */
static void test_words_after(void)
{
    const fx_table *t = fx_rules_table(fx_fixture_context(), "AMOUNT_DIRECTION");
    char text[128], upper[64];
    size_t after = 0;
    for (size_t r = 0; t && r < t->row_count; r++) {
        const fx_table_row *row = &t->rows[r];
        if (strcmp(fx_table_field(t, row, "position"), "after") != 0) continue;
        after++;
        size_t n = strlen(row->key) < sizeof upper ? strlen(row->key) : sizeof upper - 1;
        for (size_t i = 0; i < n; i++) upper[i] = (char)fx_ascii_upper((unsigned char)row->key[i]);
        upper[n] = '\0';
        for (int up = 0; up < 2; up++) {
            snprintf(text, sizeof text, "Sales saw a 5%% %s last year.", up ? upper : row->key);
            fx_doc *doc = run(text);
            const fx_fact *f = fx_fixture_fact_at(doc, text, "5%");
            const fx_amount_resolution *a = f ? f->resolution : NULL;
            const char *want = fx_table_field(t, row, "direction");
            CHECK(a && a->direction && strcmp(a->direction, want) == 0);
            if (!a || !a->direction || strcmp(a->direction, want) != 0) fprintf(stderr, "  words after: %s\n", text);
            fx_doc_free(doc);
        }
    }
    CHECK(after > 5);
    const char *s = "Sales saw a 5% share of the market and a 6% Rises Fast.";
    fx_doc *doc = run(s);
    const fx_fact *f = fx_fixture_fact_at(doc, s, "5%");
    CHECK(f && f->resolution && !((const fx_amount_resolution *)f->resolution)->direction);
    f = fx_fixture_fact_at(doc, s, "6%");
    CHECK(f && f->resolution && !((const fx_amount_resolution *)f->resolution)->direction);
    fx_doc_free(doc);
}

void test_money(void)
{
    if (!fx_fixture_context()) return;
    test_numbers();
    test_ranges();
    test_equivalents_and_qualifiers();
    test_captures_by_name();
    test_scales_and_words();
    test_words_before();
    test_words_after();
    test_ambiguous_currencies();
    test_number_style();
    test_changes();
    test_currency_evidence();
    test_currency_tables();
    test_candidates_read_at_load();
}
