/* test_rules.c - the rule loader: good files load, bad ones are reported
 * as FILE:LINE:COL with the reason, and nothing is returned. */
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>

#include <cjson/cJSON.h>

#include "factx.h"
#include "fixture.h"
#include "harness.h"
#include "hash.h"
#include "match.h"
#include "normalise.h"
#include "rules.h"
#include "rules_impl.h"
#include "scan.h"
#include "sha256.h"

static char dir[64];

static void write_file(const char *name, const char *content)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    fputs(content, f);
    fclose(f);
}

/* Load a rules directory holding only test.rules = content; return what
 * the loader printed, and whether it loaded. */
static char *load(const char *content, int *loaded)
{
    snprintf(dir, sizeof dir, "/tmp/factx-test-rules-XXXXXX");
    if (!mkdtemp(dir)) return NULL;
    write_file("test.rules", content);
    write_file("t.tsv", "key\tcode\nabc\tX\n");
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    fx_diag diag;
    fx_diag_init(&diag, mem);
    fx_context *ctx = fx_rules_load(dir, &diag);
    *loaded = ctx != NULL;
    fx_rules_free(ctx);
    fclose(mem);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0) fprintf(stderr, "cannot remove %s\n", dir);
    return buf;
}

static void expect_error(const char *content, const char *where, const char *message)
{
    int loaded;
    char *out = load(content, &loaded);
    CHECK(!loaded);
    char want[256];
    snprintf(want, sizeof want, "test.rules:%s: error: ", where);
    int ok = out && strstr(out, want) && strstr(out, message);
    CHECK(ok);
    if (!ok) fprintf(stderr, "  wanted %s...%s in:\n%s\n", want, message, out ? out : "");
    free(out);
}

/* Keys of a table file as written, in file order, to compare with what the
 * loader made of them. */
static const char *const table_keys[] = {
    "New York", " Padded ", "Two  Spaces", "Caf\xC3\xA9", "\xEF\xBC\xA6\xEF\xBC\xB5\xEF\xBC\xAC\xEF\xBC\xAC",
    "\xE2\x80\x9CQuoted\xE2\x80\x9D", "Xi'an", "New York", "Washington D.C.", "St. Louis", "Tab\x01" "Char",
    "New", "Beijing", "-dash", "K\xC3\xB8" "benhavn",
};

static void remove_dir(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0) fprintf(stderr, "cannot remove %s\n", dir);
}

/* The longest key of column 0 of w that word starts, 0 when none. */
static size_t first_word_max(const fx_table_first_words *w, const char *word)
{
    const uint16_t *reach = fx_table_first_words_reach(w, fx_hash_bytes(word, strlen(word)));
    return reach ? fx_table_first_words_max(reach[0]) : 0;
}

/* The table loader: keys normalised like documents (the plain-ASCII ones
 * as they are), rows sharing a key chained in file order, the hash index
 * and an index of first words; then a list rule over a text. */
static void test_table_loading(void)
{
    snprintf(dir, sizeof dir, "/tmp/factx-test-rules-XXXXXX");
    if (!mkdtemp(dir)) return;
    char table[2048] = "# a comment\nkey\tcode\textra\n";
    for (size_t i = 0; i < sizeof table_keys / sizeof *table_keys; i++) {
        size_t n = strlen(table);
        /* every other line ends in CR LF; the second "New York" row lacks a field */
        snprintf(table + n, sizeof table - n, "%s\t%zu%s%s\n", table_keys[i], i, i == 7 ? "" : "\tx",
                 i % 2 ? "\r" : "");
    }
    write_file("t.tsv", table);
    write_file("test.rules", "table T t.tsv\nrule r\n  type: city\n  list: T\n  flags: allcaps\n");
    fx_diag diag;
    fx_diag_init(&diag, stderr);
    fx_context *ctx = fx_rules_load(dir, &diag);
    remove_dir();
    CHECK(ctx != NULL);
    if (!ctx) return;
    const fx_table *t = fx_rules_table(ctx, "T");
    size_t count = sizeof table_keys / sizeof *table_keys;
    CHECK(t && t->row_count == count && t->column_count == 3);
    if (!t || t->row_count != count) {
        fx_rules_free(ctx);
        return;
    }
    /* several tables' first words in one index (match.c's list rules, the
     * city resolver): per table, the longest key a word starts */
    const fx_table *tables[] = {t, t};
    fx_table_first_words words;
    fx_table_first_words_init(&words, tables, 2);
    for (size_t i = 0; i < count; i++) {
        size_t len;
        char *want = fx_normalise_string(table_keys[i], strlen(table_keys[i]), &len);
        const fx_table_row *row = &t->rows[i];
        CHECK_STR(row->key, want);
        CHECK(fx_table_row_field(row, 0) == row->key);
        CHECK(row->key_length == len);
        CHECK(row->line == i + 3);
        char code[8];
        snprintf(code, sizeof code, "%zu", i);
        CHECK_STR(fx_table_row_field(row, 1), code);
        CHECK_STR(fx_table_row_field(row, 2), i == 7 ? "" : "x");
        /* found, as the first row with the key */
        const fx_table_row *found = fx_table_find(t, want, len);
        CHECK(found == (i == 7 ? &t->rows[0] : row));
        /* the same with the key's hash given (tokens.h's), and a wrong hash finds nothing */
        CHECK(fx_table_find_hashed(t, want, len, fx_hash_bytes(want, len)) == found);
        CHECK(fx_table_find_hashed(t, want, len, fx_hash_bytes(want, len) ^ 0x5555555500000000ull) == NULL);
        /* a key's first word reaches at least as far as the key, in each column */
        size_t word = 0;
        while (word < len && fx_is_word_byte((unsigned char)want[word])) word++;
        const uint16_t *reach = word ? fx_table_first_words_reach(&words, fx_hash_bytes(want, word)) : NULL;
        if (word) CHECK(reach && fx_table_first_words_max(reach[0]) >= len && reach[1] == reach[0]);
        free(want);
    }
    CHECK(t->rows[0].next_same_key == 7 && t->rows[7].next_same_key == -1);
    CHECK(fx_table_find(t, "New Yor", 7) == NULL && fx_table_find(t, "New York ", 9) == NULL);
    CHECK(fx_table_find_hashed(t, "New Yor", 7, fx_hash_bytes("New Yor", 7)) == NULL);
    CHECK(fx_table_find_hashed(NULL, "New York", 8, fx_hash_bytes("New York", 8)) == NULL);
    CHECK(first_word_max(&words, "New") == strlen("Washington D.C.") - 7);   /* "New York" */
    CHECK(first_word_max(&words, "Xi") == 5);
    CHECK(first_word_max(&words, "York") == 0 && first_word_max(&words, "Ne") == 0);
    CHECK(first_word_max(&words, "dash") == 0);     /* "-dash" starts with no word */
    CHECK(t->max_words == 2);
    /* the filter in front of the index passes every key (a miss there
     * would lose a lookup) and few others: of 2,000 words of no key, well
     * under a fifth (2-5% expected at 8-16 bits a key) */
    for (size_t i = 0; i < count; i++) {
        const fx_table_row *row = &t->rows[i];
        CHECK(fx_table_filter_may_have(&t->key_filter, fx_hash_bytes(row->key, row->key_length)));
    }
    size_t passed = 0;
    for (int i = 0; i < 2000; i++) {
        char other[16];
        int n = snprintf(other, sizeof other, "Other%d", i);
        passed += (size_t)fx_table_filter_may_have(&t->key_filter, fx_hash_bytes(other, (size_t)n));
    }
    CHECK(passed < 2000 / 5);
    CHECK(fx_table_first_words_reach(&words, fx_hash_bytes("York", 4)) == NULL);
    CHECK(fx_table_first_words_reach(&words, fx_hash_bytes("Ne", 2)) == NULL);
    fx_table_first_words_free(&words);

    /* the list rule: longest key first, all caps, words that only look like
     * keys; words join with one ' ', '-', '\'' or '.', so "St. Louis" is
     * never looked up */
    static const char text[] = "NEW YORK, New York-based Xi'an and McNew Beijing.Beijing "
                               "Washington D.C. St. Louis K\xC3\xB8" "benhavn K\xC3\x98" "BENHAVN NewYork";
    static const char *const want[] = {"NEW YORK", "New York", "Xi'an", "Beijing", "Beijing",
                                       "Washington D.C.", "K\xC3\xB8" "benhavn", "K\xC3\x98" "BENHAVN"};
    fx_scratch *s = fx_scratch_new(ctx);
    fx_doc *doc = fx_doc_new("t", NULL, text, strlen(text));
    fx_normalise(doc);
    fx_match(ctx, s, doc);
    CHECK(doc->candidate_count == sizeof want / sizeof *want);
    for (size_t i = 0; i < doc->candidate_count && i < sizeof want / sizeof *want; i++) {
        const fx_candidate *c = &doc->candidates[i];
        char got[64];
        snprintf(got, sizeof got, "%.*s", (int)(c->end - c->start), doc->text + c->start);
        CHECK_STR(got, want[i]);
    }
    fx_doc_free(doc);
    fx_scratch_free(s);
    fx_rules_free(ctx);
}

/* Every rule's code takes an offset limit (match.c searches windows and
 * chunks with one), compiled or read back from the cache of compiled
 * patterns (the second load). */
static void test_offset_limit(void)
{
    fx_fixture_rules_dir rules;
    if (!fx_fixture_rules_dir_open(&rules, "rule r\n  type: date\n  pattern: \\d+\n")) return;
    const char text[] = "ab 12 34";
    for (int load_count = 0; load_count < 2; load_count++) {
        fx_diag diag;
        fx_diag_init(&diag, stderr);
        fx_context *ctx = fx_rules_load(rules.dir, &diag);
        CHECK(ctx && ctx->rule_count == 1 && ctx->rules[0].code);
        pcre2_match_context *limited = pcre2_match_context_create(NULL);
        pcre2_match_data *md = pcre2_match_data_create(1, NULL);
        for (size_t limit = 2; ctx && ctx->rules[0].code && limit <= 3; limit++) {
            pcre2_set_offset_limit(limited, limit);
            int rc = pcre2_match(ctx->rules[0].code, (PCRE2_SPTR)text, sizeof text - 1, 0, 0, md, limited);
            CHECK(limit == 2 ? rc == PCRE2_ERROR_NOMATCH : rc > 0 && pcre2_get_ovector_pointer(md)[0] == 3);
        }
        pcre2_match_data_free(md);
        pcre2_match_context_free(limited);
        fx_rules_free(ctx);
    }
    char cmd[200];
    snprintf(cmd, sizeof cmd, "test -n \"$(ls %s/factx | grep '^pcre2-')\"", rules.cache);
    CHECK(system(cmd) == 0);   /* the second load could read it */
    fx_fixture_rules_dir_close(&rules);
}

/* fx_rule_jit_on only reads: a rule not compiled yet says 0 and stays
 * pending with its budget whole (match.c asks it once a window loop,
 * fx_rule_jit_after counts at each search); compiled, it says 1. */
static void test_jit_on(void)
{
    fx_fixture_rules_dir rules;
    if (!fx_fixture_rules_dir_open(&rules, "rule r\n  type: date\n  pattern: \\d+\n")) return;
    fx_diag diag;
    fx_diag_init(&diag, stderr);
    fx_context *ctx = fx_rules_load(rules.dir, &diag);
    CHECK(ctx && ctx->rule_count == 1 && ctx->rules[0].code);
    if (ctx && ctx->rule_count == 1 && ctx->rules[0].code && fx_rule_jit_allowed(&ctx->rules[0])) {
        fx_rule *r = &ctx->rules[0];
        size_t budget = atomic_load(&r->jit_budget);
        CHECK(!fx_rule_jit_on(r));
        CHECK(atomic_load(&r->jit_state) == FX_JIT_PENDING && atomic_load(&r->jit_budget) == budget);
        int compiled = fx_rule_jit(r);
        CHECK(fx_rule_jit_on(r) == compiled);
    }
    fx_rules_free(ctx);
    fx_fixture_rules_dir_close(&rules);
}

/* fx_class_run_at against PCRE2 at each start of text (a search from
 * there with the offset limit there, as match.c makes for a one-byte
 * window): where the bytes decide, the same match or none. Returns the
 * starts decided, or -1 at a difference. */
static int class_run_agrees(const fx_class_run *run, const pcre2_code *code, const char *text, size_t len)
{
    pcre2_match_data *md = pcre2_match_data_create(1, NULL);
    pcre2_match_context *limited = pcre2_match_context_create(NULL);
    int known = 0;
    for (size_t k = 0; k < len && known >= 0; k++) {
        if (((unsigned char)text[k] & 0xC0) == 0x80) continue;   /* inside a character */
        long end = fx_class_run_at(run, text, len, k);
        if (end == FX_CLASS_RUN_UNKNOWN) continue;
        known++;
        pcre2_set_offset_limit(limited, k);
        int rc = pcre2_match(code, (PCRE2_SPTR)text, len, k, 0, md, limited);
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
        if (end == 0 ? rc != PCRE2_ERROR_NOMATCH : rc < 0 || ov[0] != k || ov[1] != (size_t)end) known = -1;
    }
    pcre2_match_context_free(limited);
    pcre2_match_data_free(md);
    return known;
}

/* A class run's pattern on every text of up to 5 pieces (bytes each class
 * does or does not hold, characters past ASCII) and on `extra`: the same
 * matches as PCRE2's wherever the bytes decide, `decided` starts at least. */
static void check_class_run(const char *pattern, uint32_t options, const char *const *extra, int decided)
{
    fx_class_run run;
    options |= PCRE2_UTF | PCRE2_USE_OFFSET_LIMIT;
    CHECK(fx_class_run_of(pattern, options, &run));
    int error, known = 0, wrong = 0;
    PCRE2_SIZE at;
    pcre2_code *code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, options, &error, &at, NULL);
    static const char *const pieces[] = {"A", "Z", "b", "1", "&", "-", " ", "(", "\xC3\x89", "\xC3\xA9"};
    enum { PIECES = sizeof pieces / sizeof *pieces, LONGEST = 5 };
    unsigned long texts = 1;
    for (int k = 0; k < LONGEST; k++) texts *= PIECES + 1;   /* a digit PIECES: no piece (shorter texts) */
    for (unsigned long n = 0; n < texts; n++) {
        char text[4 * LONGEST + 1];
        size_t len = 0;
        for (unsigned long v = n; v; v /= PIECES + 1)
            if (v % (PIECES + 1) != PIECES) len += (size_t)sprintf(text + len, "%s", pieces[v % (PIECES + 1)]);
        int got = class_run_agrees(&run, code, text, len);
        wrong += got < 0;
        known += got > 0 ? got : 0;
    }
    for (; extra && *extra; extra++) {
        int got = class_run_agrees(&run, code, *extra, strlen(*extra));
        wrong += got < 0;
        known += got > 0 ? got : 0;
    }
    CHECK(wrong == 0);
    CHECK(known >= decided);
    pcre2_code_free(code);
}

/* Patterns of a class run (match.c confirms them without PCRE2) match as
 * PCRE2 does; other shapes are not taken for one. */
static void test_class_run(void)
{
    /* org.acronym, expanded */
    static const char *const long_runs[] = {"ABCDEFGHIJ", "ABCDEFGHIJK", "(ABCDEFGHIJ)", "AB1&2CD3EF-", "UN, EU\xC3\x89", NULL};
    check_class_run("(?<![A-Za-z0-9\\p{L}\\p{M}&-])(?:(?=[A-Z\\x{80}-\\x{10FFFF}]))[A-Z\\p{Lu}][A-Z0-9\\p{Lu}&]{1,9}"
                    "(?![A-Za-z0-9\\p{L}\\p{M}&-])",
                    0, long_runs, 400000);
    /* A without C2's bytes: shorter runs can match; a look-ahead narrows C1 */
    check_class_run("(?<![a-z])(?=[A-Y])[A-Z][A-Z0-9&]{0,3}(?![0-9])", 0, NULL, 400000);
    check_class_run("(?<![^ (])[a-z][a-z1-]{2,2}(?![&])", PCRE2_CASELESS, NULL, 400000);
    fx_class_run run;
    CHECK(!fx_class_run_of("(?<![a-z])[A-Z][A-Z]{1,9}", PCRE2_UTF, &run));               /* no look-ahead at the end */
    CHECK(!fx_class_run_of("(?<![a-z])[A-Z][A-Z]{1,9}?(?![a-z])", PCRE2_UTF, &run));     /* lazy */
    CHECK(!fx_class_run_of("(?<![a-z])[A-Z][A-Z]{1,}(?![a-z])", PCRE2_UTF, &run));       /* unbounded */
    CHECK(!fx_class_run_of("(?<![a-z])[A-Z][A-Z]{1,9}(?![a-z])x", PCRE2_UTF, &run));     /* more after */
    CHECK(!fx_class_run_of("(?<![a-z])(?:[A-Z]|x)[A-Z]{1,9}(?![a-z])", PCRE2_UTF, &run)); /* an alternation */
    CHECK(!fx_class_run_of("(?<![a-z])([A-Z])[A-Z]{1,9}(?![a-z])", PCRE2_UTF, &run));    /* a group */
}

/* Where fx_may_start_at says no match starts, PCRE2 finds none starting
 * there (a search from there with the offset limit there, as match.c
 * would make for a window of one start), on texts of words, digits and
 * characters past ASCII; it says so at `refused` starts at least. */
static void check_may_start(const char *pattern, uint32_t options, int refused)
{
    int error;
    PCRE2_SIZE at;
    pcre2_code *code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
                                     options | PCRE2_UTF | PCRE2_USE_OFFSET_LIMIT, &error, &at, NULL);
    CHECK(code != NULL);
    const uint8_t *bits = NULL;
    CHECK(pcre2_pattern_info(code, PCRE2_INFO_FIRSTBITMAP, &bits) == 0 && bits != NULL);
    pcre2_match_data *md = pcre2_match_data_create(1, NULL);
    pcre2_match_context *limited = pcre2_match_context_create(NULL);
    static const char *const texts[] = {
        "by early 2015, the end of May 5 and mid-June 2016 it rose",
        "Nordvik Energy ASA and Grundfos China (GC) said; \xC3\x89" "cole, \xC5\xBF" "ince 1999",
        "1999-2000 A$5 \xE2\x82\xAC" "12 ##x Y", ""};
    int said_no = 0, wrong = 0;
    for (size_t t = 0; t < sizeof texts / sizeof *texts; t++) {
        const char *text = texts[t];
        size_t len = strlen(text);
        for (size_t k = 0; k <= len; k++) {
            if (k < len && ((unsigned char)text[k] & 0xC0) == 0x80) continue;   /* inside a character */
            if (fx_may_start_at(bits, text, len, k)) continue;
            said_no++;
            pcre2_set_offset_limit(limited, k);
            wrong += pcre2_match(code, (PCRE2_SPTR)text, len, k, 0, md, limited) != PCRE2_ERROR_NOMATCH;
        }
    }
    CHECK(wrong == 0);
    CHECK(said_no >= refused);
    pcre2_match_context_free(limited);
    pcre2_match_data_free(md);
    pcre2_code_free(code);
}

/* PCRE2's start bitmap as match.c reads it for a window of one start. */
static void test_may_start(void)
{
    /* date.year's start: a word start, a modifier in any case, or a year */
    check_may_start("\\b(?=[12]|(?i:early|end of|mid|since)(?:-| )[12])(?:(?<mod>(?i:early|end of|mid|since))(?:-| ))?"
                    "(?=[12])\\K(?<year>(?:1[89]|20)\\d\\d)\\b",
                    0, 60);
    /* a capitalised word, as the organisation rules begin */
    check_may_start("(?<![A-Za-z0-9\\p{L}\\p{M}'&.-])(?=[A-Z\\x{80}-\\x{10FFFF}])[A-Z\\p{Lu}][a-z]+ (?:China|Energy)", 0, 120);
    /* caseless, and an alternation of literals */
    check_may_start("(?:euro|dollar|\\$|\\x{20AC})s?", PCRE2_CASELESS, 60);
    /* no bitmap: every start is left to PCRE2 */
    CHECK(fx_may_start_at(NULL, "abc", 3, 1));
    static const uint8_t none[32];
    CHECK(!fx_may_start_at(none, "abc", 3, 1));
    CHECK(fx_may_start_at(none, "abc", 3, 3));   /* the text's end: left to PCRE2 */
}

/* The class reader every module uses (fx_pattern_class_end): where each
 * class ends, as PCRE2 reads it ("[...]x" matches one class character and
 * an x only where the class ends there), and the ASCII bytes of a class. */
static void test_pattern_class(void)
{
    static const char *const classes[] = {
        "[a-z]", "[]a]", "[^]a]", "[\\]]", "[a\\]b]", "[\\p{Lu}]", "[\\x{5B}\\x{5D}]", "[[:alpha:]]",
        "[[:digit:]_]", "[^[:space:]]", "[\\d.,$\xE2\x82\xAC]", "[[]", "[\\[]", "[-]", NULL};
    for (size_t k = 0; classes[k]; k++) {
        const char *c = classes[k];
        size_t n = strlen(c);
        char pattern[64];
        snprintf(pattern, sizeof pattern, "%sx", c);   /* a class then x: PCRE2 takes x after the class */
        CHECK(fx_pattern_class_end(pattern, n + 1, 0) == n);
        CHECK(fx_pattern_class_end(c, n - 1, 0) == 0);   /* not closed within the bytes given */
        int error;
        PCRE2_SIZE at;
        pcre2_code *code = pcre2_compile((PCRE2_SPTR)pattern, n + 1, PCRE2_UTF, &error, &at, NULL);
        CHECK(code != NULL);
        uint64_t ascii[2];
        CHECK(fx_pattern_class_ascii(c, n, PCRE2_UTF, ascii));
        pcre2_match_data *md = pcre2_match_data_create(1, NULL);
        for (unsigned b = 0; code && b < 128; b++) {
            char text[2] = {(char)b, 'x'};
            int rc = pcre2_match(code, (PCRE2_SPTR)text, 2, 0, PCRE2_ANCHORED, md, NULL);
            CHECK((rc >= 0) == (int)(ascii[b / 64] >> (b % 64) & 1));
        }
        pcre2_match_data_free(md);
        pcre2_code_free(code);
    }
    uint64_t ascii[2];
    CHECK(fx_pattern_class_ascii("[a-c]", 5, PCRE2_UTF | PCRE2_CASELESS, ascii));
    CHECK(ascii[1] == ((uint64_t)0x7 << ('a' - 64) | (uint64_t)0x7 << ('A' - 64)) && ascii[0] == 0);
    CHECK(!fx_pattern_class_ascii("[z-a]", 5, PCRE2_UTF, ascii));   /* does not compile */
    CHECK(fx_pattern_class_end("[[:alpha]", 9, 0) == 0);            /* a POSIX name not closed */
}

/* A table's keys as a trie (rules_expand.c), its root split behind
 * look-aheads when it has many first characters: the same matches as
 * the flat alternation of the keys, longest first, at every start of
 * text, also where a shorter key must be taken after a longer one fails
 * ("{K}x"), in either case (its first characters are no case variants of
 * each other, so the caseless rule has a trie too). At least found[r]
 * starts match, r 0 as written, 1 caseless. */
static void check_trie(const char *const *keys, size_t count, const char *text, const int found_least[2])
{
    fx_fixture_rules_dir rules;
    if (!fx_fixture_rules_dir_open(&rules, "table K k.tsv\nrule r\n  type: org\n  pattern: {K}x\n"
                                           "rule c\n  type: org\n  flags: caseless\n  pattern: {K}x\n"))
        return;
    char path[96], table[1024] = "key\n", flat[1024] = "(?:";
    for (size_t i = 0; i < count; i++) snprintf(table + strlen(table), sizeof table - strlen(table), "%s\n", keys[i]);
    snprintf(path, sizeof path, "%s/k.tsv", rules.dir);
    FILE *f = fopen(path, "wb");
    if (f) {
        fputs(table, f);
        fclose(f);
    }
    /* the flat alternation, longest first (by bytes; ties keep any order: no two keys are equal) */
    const char **sorted = fx_xmalloc(count * sizeof *sorted);
    memcpy(sorted, keys, count * sizeof *sorted);
    for (size_t i = 1; i < count; i++)
        for (size_t j = i; j > 0 && strlen(sorted[j]) > strlen(sorted[j - 1]); j--) {
            const char *t = sorted[j];
            sorted[j] = sorted[j - 1];
            sorted[j - 1] = t;
        }
    for (size_t i = 0; i < count; i++)
        snprintf(flat + strlen(flat), sizeof flat - strlen(flat), "%s%s", i ? "|" : "", sorted[i]);
    snprintf(flat + strlen(flat), sizeof flat - strlen(flat), ")x");
    free(sorted);
    fx_diag diag;
    fx_diag_init(&diag, stderr);
    fx_context *ctx = fx_rules_load(rules.dir, &diag);
    CHECK(ctx != NULL);
    size_t len = strlen(text);
    for (int r = 0; ctx && r < 2; r++) {
        const fx_rule *rule = &ctx->rules[r];
        CHECK(strstr(rule->expanded, "(?=[") != NULL);   /* the root was split */
        int error;
        PCRE2_SIZE at;
        uint32_t options = PCRE2_UTF | (r ? PCRE2_CASELESS : 0);
        pcre2_code *want = pcre2_compile((PCRE2_SPTR)flat, PCRE2_ZERO_TERMINATED, options, &error, &at, NULL);
        pcre2_match_data *md = pcre2_match_data_create(1, NULL);
        int same = want != NULL, found = 0;
        for (size_t k = 0; same && k < len; k++) {
            int got = pcre2_match(rule->code, (PCRE2_SPTR)text, len, k, PCRE2_ANCHORED, md, NULL);
            size_t got_end = got > 0 ? pcre2_get_ovector_pointer(md)[1] : 0;
            int rc = pcre2_match(want, (PCRE2_SPTR)text, len, k, PCRE2_ANCHORED, md, NULL);
            size_t end = rc > 0 ? pcre2_get_ovector_pointer(md)[1] : 0;
            same = (got > 0) == (rc > 0) && got_end == end;
            found += rc > 0;
        }
        CHECK(same);
        CHECK(found >= found_least[r]);
        pcre2_match_data_free(md);
        pcre2_code_free(want);
    }
    fx_rules_free(ctx);
    fx_fixture_rules_dir_close(&rules);
}

static void test_table_trie(void)
{
    static const char *const keys[] = {
        "A", "AB", "ABC", "Bank", "Banks", "Co", "Corp", "Company", "Danfoss", "E", "Fund", "Gas", "Hub",
        "Inc", "Jet", "Kiln", "Ltd", "Mill", "Nord", "Oil", "Port", "Quay", "Rail", "Sea", "Tram", "Unit",
        "Vale", "Wind", "Xian", "York", "Zinc", "\xC3\x89" "cole", "\xC3\x98resund", "\xE5\x8C\x97\xE4\xBA\xAC",
        "9to5"};
    static const char text[] = "ABCx ABx Ax ABCDx Bankx Banksx Bankssx Cox Corpx Compx Companyx coRPx COMPANYx "
                               "\xC3\x89" "colex \xC3\xA9" "colex \xC3\x98resundx \xE5\x8C\x97\xE4\xBA\xACx 9to5x dockx "
                               "Dockx PORTx portx Zincx zinc Xianx yorkx Quayx Jetx jET x";
    check_trie(keys, sizeof keys / sizeof *keys, text, (const int[2]){16, 25});
    /* thirteen first letters, as DATE_MODIFIERS' (a caseless "s" also
     * matches LONG S): split too */
    static const char *const modifiers[] = {"about", "after", "by", "circa", "early", "end of", "from", "late",
                                            "mid", "no later than", "prior to", "roughly", "since", "the end of",
                                            "until", "up to"};
    static const char mod_text[] = "aboutx Aboutx by x byx circax early x endx end ofx from x latex mid-x "
                                   "nox no later thanx prior tox roughlyx sincex \xC5\xBF" "incex SINCEx "
                                   "the end ofx The End Ofx the endx untilx up tox UP TOx";
    check_trie(modifiers, sizeof modifiers / sizeof *modifiers, mod_text, (const int[2]){12, 18});
}

/* org_w (orgs.rules ORG_WORDS) tests a word's hyphens as its letters meet
 * them, not by a look-ahead over every word: the same matches as the
 * look-ahead, "(?![...&-]*-(?:based|...)(?![A-Za-z\p{L}]))" then the
 * letters, at every start of words with and without such hyphens. */
static void test_org_word_hyphens(void)
{
    static const char look_ahead[] =
        "(?![A-Za-z0-9\\p{L}\\p{M}&-]*-(?:based|owned|listed|headquartered|run|backed|funded|led)"
        "(?![A-Za-z\\p{L}]))[A-Z\\p{Lu}][A-Za-z0-9\\p{L}\\p{M}&-]*+";
    static const char at_hyphens[] =
        "[A-Z\\p{Lu}][A-Za-z0-9\\p{L}\\p{M}&]*+(?:-(?!(?:based|owned|listed|headquartered|run|backed|funded|led)"
        "(?![A-Za-z\\p{L}]))[A-Za-z0-9\\p{L}\\p{M}&]*+)*+(?!-)";
    static const char text[] =
        "Copenhagen-based Copenhagen-basedx Copenhagen-based-firm Copenhagen-based2 Aarhus-run Aarhus-runway "
        "Hapag-Lloyd Hapag-Lloyd-led Foo--led Foo- Foo-&-owned X-listed. Co-owned's Nordic-Baltic-backed "
        "\xC3\x98rsted-funded \xC3\x98rsted-funded\xC3\xA9 A-B-C-D Aalborg-Headquartered Aalborg-headquartered, "
        "lower-based The-based People's Xi'an B-run's -based Led-led LED-Led, Q-Runs Q-run-off Q-ledger\n";
    const fx_context *ctx = fx_fixture_context();
    const fx_rule *rule = ctx ? fx_rules_find(ctx, "org.messe") : NULL;
    const char *words = rule ? strstr(rule->expanded, "(?(DEFINE)(?<org_w>") : NULL;
    const char *hyphens = words ? strstr(words, at_hyphens) : NULL;
    CHECK(hyphens != NULL);   /* ORG_WORDS ends org.messe and tests the hyphens so */
    if (!hyphens) return;
    size_t head = (size_t)(hyphens - words), n = strlen(words);
    char *now = fx_xmalloc(n + 16), *before = fx_xmalloc(n + sizeof look_ahead + 16);
    /* words closes the group its define was expanded in: "(?:" opens it */
    snprintf(now, n + 16, "(?&org_w)(?:%s", words);
    snprintf(before, n + sizeof look_ahead + 16, "(?&org_w)(?:%.*s%s%s", (int)head, words, look_ahead,
             hyphens + strlen(at_hyphens));
    int error;
    PCRE2_SIZE at;
    pcre2_code *got = pcre2_compile((PCRE2_SPTR)now, PCRE2_ZERO_TERMINATED, PCRE2_UTF, &error, &at, NULL);
    pcre2_code *want = pcre2_compile((PCRE2_SPTR)before, PCRE2_ZERO_TERMINATED, PCRE2_UTF, &error, &at, NULL);
    pcre2_match_data *md = pcre2_match_data_create(1, NULL);
    int same = got && want, found = 0, refused = 0;
    for (size_t k = 0; same && k < sizeof text - 1; k++) {
        int rc = pcre2_match(got, (PCRE2_SPTR)text, sizeof text - 1, k, PCRE2_ANCHORED, md, NULL);
        size_t end = rc > 0 ? pcre2_get_ovector_pointer(md)[1] : 0;
        int want_rc = pcre2_match(want, (PCRE2_SPTR)text, sizeof text - 1, k, PCRE2_ANCHORED, md, NULL);
        size_t want_end = want_rc > 0 ? pcre2_get_ovector_pointer(md)[1] : 0;
        same = (rc > 0) == (want_rc > 0) && end == want_end;
        if (!same) fprintf(stderr, "  org_w differs at byte %zu of the hyphen test\n", k);
        found += rc > 0;
        refused += rc <= 0 && text[k] >= 'A' && text[k] <= 'Z';
    }
    CHECK(same);
    CHECK(found >= 20 && refused >= 10);   /* words taken and words refused */
    pcre2_match_data_free(md);
    pcre2_code_free(got);
    pcre2_code_free(want);
    free(now);
    free(before);
}

/* The body of the shipped define name, or NULL. */
static const char *shipped_define(const fx_context *ctx, const char *name)
{
    for (size_t i = 0; ctx && i < ctx->define_count; i++)
        if (strcmp(ctx->defines[i].name, name) == 0) return ctx->defines[i].body;
    return NULL;
}

/* orgs.rules' ORG_PRE_AND_GATE, org.head_word's test before it calls
 * org_pre, holds wherever org_pre's look-ahead for its "and" branches
 * does (at every start of runs of tokens with and without an "and"
 * after them, eleven and twelve of them), and turns some starts away;
 * and org.head_word's copy of org_pre's last branch is that branch. */
static void test_org_pre_and_gate(void)
{
    static const char text[] =
        "the Food and Drug Administration, Export and Investment Fund of Denmark; A B C D E F G H I J K and L "
        "A B C D E F G H I J K L and M; Danish Transport, Construction and Housing Authority & Co and "
        "Aalborg University said and Ãrsted and Vestas & Ramboll A/S and Nordvik\tand Bank and\n"
        "Ministry of Trade, Beijing Water Authority (BWA) and Grundfos, Novo Nordisk and Aarhus University ";
    const fx_context *ctx = fx_fixture_context();
    const char *names = shipped_define(ctx, "ORG_NAMES"), *gate = shipped_define(ctx, "ORG_PRE_AND_GATE");
    const char *from = names ? strstr(names, "(?<org_pre>(?:(?=") : NULL;
    const char *to = from ? strstr(from, "and )") : NULL;
    CHECK(from && to && gate);   /* org_pre starts with the look-ahead */
    if (!from || !to || !gate) return;
    from += strlen("(?<org_pre>(?:");
    char ahead[128];
    snprintf(ahead, sizeof ahead, "%.*s)", (int)(to + strlen("and ") - from), from);
    int error;
    PCRE2_SIZE at;
    uint32_t options = PCRE2_UTF | PCRE2_ANCHORED;
    pcre2_code *want = pcre2_compile((PCRE2_SPTR)ahead, PCRE2_ZERO_TERMINATED, options, &error, &at, NULL);
    pcre2_code *got = pcre2_compile((PCRE2_SPTR)gate, PCRE2_ZERO_TERMINATED, options, &error, &at, NULL);
    pcre2_match_data *md = pcre2_match_data_create(1, NULL);
    CHECK(want && got);
    int passed = 0, turned_away = 0, implied = 1;
    for (size_t k = 0; want && got && k < sizeof text - 1; k++) {
        int needs_and = pcre2_match(want, (PCRE2_SPTR)text, sizeof text - 1, k, 0, md, NULL) > 0;
        int passes = pcre2_match(got, (PCRE2_SPTR)text, sizeof text - 1, k, 0, md, NULL) > 0;
        if (needs_and && !passes) fprintf(stderr, "  ORG_PRE_AND_GATE turns away byte %zu\n", k);
        implied &= !needs_and || passes;
        passed += needs_and;
        turned_away += !passes && text[k] >= 'A' && text[k] <= 'Z';
    }
    CHECK(implied);
    CHECK(passed >= 10 && turned_away >= 10);
    /* where the gate fails, org.head_word spells out org_pre's last
     * branch (a call costs more): the two texts must stay the same */
    const fx_rule *head_word = fx_rules_find(ctx, "org.head_word");
    const char *spelt = head_word ? strstr(head_word->pattern, "(?&org_pre)|") : NULL;
    const char *spelt_end = spelt ? strstr(spelt, ") (?&org_head)") : NULL;
    CHECK(spelt && spelt_end);
    if (spelt && spelt_end) {
        spelt += strlen("(?&org_pre)|");
        char last_branch[128];
        snprintf(last_branch, sizeof last_branch, "|%.*s))(?<org_industry_and>", (int)(spelt_end - spelt), spelt);
        CHECK(strstr(names, last_branch) != NULL);
    }
    pcre2_match_data_free(md);
    pcre2_code_free(want);
    pcre2_code_free(got);
}

/* PCRE2 refuses a pattern whose compiled code passes 64 KB (its default
 * link size): a rule near that stops loading after a few more keys in
 * one of its tables. Every shipped rule keeps SIZE_MARGIN bytes spare;
 * one that does not is named, so that its tables can be split or called
 * (orgs.rules: org_industry_and) before that happens. */
static void test_compiled_sizes(void)
{
    enum { SIZE_LIMIT = 65535, SIZE_MARGIN = 4096 };
    const fx_context *ctx = fx_fixture_context();
    CHECK(ctx != NULL);
    size_t largest = 0;
    for (size_t i = 0; ctx && i < ctx->rule_count; i++) {
        const fx_rule *r = &ctx->rules[i];
        size_t size = 0;
        if (!r->code || pcre2_pattern_info(r->code, PCRE2_INFO_SIZE, &size) != 0) continue;
        if (size > SIZE_LIMIT - SIZE_MARGIN)
            fprintf(stderr, "  rule %s (%s:%zu) compiles to %zu bytes, within %d of PCRE2's limit of %d\n", r->id,
                    r->file, r->line, size, SIZE_MARGIN, SIZE_LIMIT);
        CHECK(size <= SIZE_LIMIT - SIZE_MARGIN);
        if (size > largest) largest = size;
    }
    CHECK(largest > 30000);   /* the sizes were read: the organisation rules are large */
    /* org.head_word and org.head_first write out the same " in X" after
     * an embassy (a named group would cost their every search): the two
     * texts must stay the same */
    const fx_rule *head_word = fx_rules_find(ctx, "org.head_word"), *head_first = fx_rules_find(ctx, "org.head_first");
    const char *in_x = head_word ? strstr(head_word->pattern, "(?= in )") : NULL;
    const char *in_x_end = in_x ? strstr(in_x, "{0,2})?") : NULL;
    CHECK(in_x && in_x_end && head_first);
    if (in_x && in_x_end && head_first) {
        char text[256];
        snprintf(text, sizeof text, "(?:%.*s{0,2})?", (int)(in_x_end - in_x), in_x);
        CHECK(strstr(head_word->pattern, text) != NULL && strstr(head_first->pattern, text) != NULL);
    }
}

/* dates.rules' MONTH_FIRST is a look-ahead's test of what MONTH_NAME
 * starts with: every word MONTH_NAME takes at its start, in either case
 * mode, MONTH_FIRST takes too; and it turns away the short lower-case
 * words a caseless first letter lets through. */
static void test_month_first(void)
{
    static const char *const months[] = {"January", "February", "March",     "April",   "May",      "June",
                                         "July",    "August",   "September", "October", "November", "December"};
    static const char *const others[] = {"and", "on", "of", "a", "an", "So", "As", "Do", "Mr", "Nordic", "of May",
                                         "\xC5\xBF" "eptember", "Ju", "Ja", "No", "Oct"};
    const fx_context *ctx = fx_fixture_context();
    const char *name = shipped_define(ctx, "MONTH_NAME"), *first = shipped_define(ctx, "MONTH_FIRST");
    CHECK(name && first);
    if (!name || !first) return;
    char words[128][24];
    size_t n = 0;
    for (size_t m = 0; m < 12; m++)
        for (int form = 0; form < 7; form++) {   /* full, "Jan.", "Sept." as written, in lower case; "JAN" */
            char *w = words[n++];
            snprintf(w, sizeof words[0], form % 3 == 0 ? "%s" : form % 3 == 1 ? "%.3s." : "%.4s.", months[m]);
            if (form == 6) w[3] = '\0';
            for (char *c = w; *c; c++)
                if (form >= 3) *c = (char)(form == 6 ? *c & ~0x20 : c == w ? *c | 0x20 : *c);
        }
    for (size_t k = 0; k < sizeof others / sizeof *others; k++) snprintf(words[n++], sizeof words[0], "%s", others[k]);
    int taken = 0, turned_away = 0;
    for (int caseless = 0; caseless < 2; caseless++) {
        char want_src[512], got_src[128];
        snprintf(want_src, sizeof want_src, "(?:%s)", name);
        snprintf(got_src, sizeof got_src, "(?:%s)", first);
        uint32_t options = PCRE2_UTF | PCRE2_ANCHORED | (caseless ? PCRE2_CASELESS : 0);
        int error;
        PCRE2_SIZE at;
        pcre2_code *want = pcre2_compile((PCRE2_SPTR)want_src, PCRE2_ZERO_TERMINATED, options, &error, &at, NULL);
        pcre2_code *got = pcre2_compile((PCRE2_SPTR)got_src, PCRE2_ZERO_TERMINATED, options, &error, &at, NULL);
        pcre2_match_data *md = pcre2_match_data_create(1, NULL);
        CHECK(want && got);
        for (size_t k = 0; want && got && k < n; k++) {
            int is_month = pcre2_match(want, (PCRE2_SPTR)words[k], PCRE2_ZERO_TERMINATED, 0, 0, md, NULL) > 0;
            int passes = pcre2_match(got, (PCRE2_SPTR)words[k], PCRE2_ZERO_TERMINATED, 0, 0, md, NULL) > 0;
            if (is_month && !passes) fprintf(stderr, "  MONTH_FIRST turns away %s%s\n", words[k], caseless ? " (caseless)" : "");
            CHECK(!is_month || passes);
            taken += is_month;
            turned_away += caseless && !passes && words[k][0] >= 'a' && words[k][0] <= 'z';
        }
        pcre2_match_data_free(md);
        pcre2_code_free(want);
        pcre2_code_free(got);
    }
    CHECK(taken >= 80);
    CHECK(turned_away >= 4);   /* "and", "on", "of", "a", "an" */
}

/* money.rules' RANGE_LOW_AHEAD turns away a start where a date's
 * "2007-12-10" follows (the range rules' searches on ISO dates): there
 * the second number has "-" and a digit after it, and a match would need
 * a scale, currency or unit to start with one of them. No key of those
 * tables does (nor does a percent unit, written in the rule); and with
 * the test taken out, the range rules find the same at every start of
 * texts where dates, ranges and units meet. */
static void test_range_low_dates(void)
{
    static const char guard[] = "(?!\\d++-\\d++-\\d)";
    static const char text[] =
        "on 2007-12-10 euros, 2007-12-10 million dollars and $2007-12-10 billion; 5-7-9 per cent, 1-2-3%, "
        "12-10 kroner, 5-7 million euros, 400 - 700 mio. kr., €2-3 billion, £1.5-2bn, 5-7%, 10 to 12 p.c., "
        "2014-2015-2016 euros, 1,500-2,000-3,000 PCT and 1 000-2 000-3 000 yuan, 3-4-5-million-euro, 2-3-4-m.";
    const fx_context *ctx = fx_fixture_context();
    CHECK(ctx != NULL);
    static const char *const tables[] = {"SCALE", "CURRENCY_NAME", "CURRENCY_SYMBOL"};
    for (size_t t = 0; ctx && t < sizeof tables / sizeof *tables; t++) {
        const fx_table *table = fx_rules_table(ctx, tables[t]);
        CHECK(table && table->row_count > 10);
        for (size_t i = 0; table && i < table->row_count; i++) {
            utf8proc_int32_t first = -1;
            utf8proc_iterate((const utf8proc_uint8_t *)table->rows[i].key, -1, &first);
            int starts_badly = first == '-' || (first >= 0 && utf8proc_category(first) == UTF8PROC_CATEGORY_ND);
            if (starts_badly)
                fprintf(stderr, "  %s's key \"%s\" starts with '-' or a digit\n", tables[t], table->rows[i].key);
            CHECK(!starts_badly);
        }
    }
    static const char *const rules[] = {"money.range_low_after", "money.range_low_first", "percent.range_low"};
    pcre2_match_data *md = pcre2_match_data_create(64, NULL);
    for (size_t r = 0; ctx && r < sizeof rules / sizeof *rules; r++) {
        const fx_rule *rule = fx_rules_find(ctx, rules[r]);
        const char *at = rule ? strstr(rule->expanded, guard) : NULL;
        CHECK(at != NULL);
        if (!at) continue;
        size_t n = strlen(rule->expanded), g = strlen(guard);
        char *without = malloc(n + 1);
        memcpy(without, rule->expanded, (size_t)(at - rule->expanded));
        memcpy(without + (at - rule->expanded), at + g, n - (size_t)(at - rule->expanded) - g + 1);
        uint32_t options = 0;
        pcre2_pattern_info(rule->code, PCRE2_INFO_ARGOPTIONS, &options);
        int error;
        PCRE2_SIZE where;
        pcre2_code *code = pcre2_compile((PCRE2_SPTR)without, PCRE2_ZERO_TERMINATED, options, &error, &where, NULL);
        CHECK(code != NULL);
        int same = 1, matched = 0;
        for (size_t k = 0; code && k < sizeof text - 1; k++) {
            if (((unsigned char)text[k] & 0xC0) == 0x80) continue;
            int want = pcre2_match(code, (PCRE2_SPTR)text, sizeof text - 1, k, PCRE2_ANCHORED, md, NULL);
            size_t want_end = want > 0 ? pcre2_get_ovector_pointer(md)[1] : 0;
            int got = pcre2_match(rule->code, (PCRE2_SPTR)text, sizeof text - 1, k, PCRE2_ANCHORED, md, NULL);
            size_t got_end = got > 0 ? pcre2_get_ovector_pointer(md)[1] : 0;
            if (want != got || want_end != got_end)
                fprintf(stderr, "  %s without its date test: %d (to %zu), with it: %d (to %zu) at byte %zu\n",
                        rules[r], want, want_end, got, got_end, k);
            same &= want == got && want_end == got_end;
            matched += got > 0;
        }
        CHECK(same);
        CHECK(matched >= 2);   /* the texts hold ranges each rule finds */
        pcre2_code_free(code);
        free(without);
    }
    pcre2_match_data_free(md);
}

/* fx_match visits a rule of the scan (but a WORDS one) only where
 * fx_scan_rules_with_windows lists it: the list is ascending, and a rule
 * left out has no window (fx_scan_windows finds none), on texts of our
 * own and the corpus; a text with dates and sums lists their rules. */
static void test_rules_with_windows(void)
{
    const fx_context *ctx = fx_fixture_context();
    fx_scan *scan = ctx ? fx_scan_build(ctx) : NULL;
    if (!scan) return;   /* built without Vectorscan */
    static const char *const own[] = {
        "On March 3, 2019 the Beijing Water Authority paid EUR 2.5 million, up 4%.",
        "nothing here",
        "",
    };
    size_t documents = sizeof own / sizeof *own, corpus_count, listed_total = 0;
    char **corpus = fx_fixture_corpus_paths(8, &corpus_count);
    uint32_t *listed = calloc(ctx->rule_count + 1, sizeof *listed);
    unsigned char *in_list = calloc(ctx->rule_count + 1, 1);
    for (size_t d = 0; d < documents + corpus_count; d++) {
        size_t len = d < documents ? strlen(own[d]) : 0;
        char *text = d < documents ? strdup(own[d]) : fx_fixture_read(corpus[d - documents], &len);
        fx_scan_scratch *scratch = fx_scan_scratch_new(scan);
        CHECK(text && scratch && fx_scan_document(scan, scratch, text, len) == 0);
        if (!text || !scratch) break;
        size_t n = fx_scan_rules_with_windows(scratch, listed);
        memset(in_list, 0, ctx->rule_count);
        for (size_t k = 0; k < n; k++) {
            CHECK(listed[k] < ctx->rule_count && (k == 0 || listed[k - 1] < listed[k]));
            if (listed[k] < ctx->rule_count) in_list[listed[k]] = 1;
        }
        for (size_t r = 0; r < ctx->rule_count; r++) {
            fx_scan_kind kind = fx_scan_rule_kind(scan, r);
            if (in_list[r] || kind == FX_SCAN_PCRE2_ONLY || kind == FX_SCAN_WORDS) continue;
            const fx_window *windows;
            CHECK(fx_scan_windows(scratch, r, &windows) == 0);
        }
        if (d == 0) {
            const char *expected[] = {"date.month_day_year", "money.currency_first", "percent.number"};
            for (size_t e = 0; e < 3; e++) {
                const fx_rule *rule = fx_rules_find(ctx, expected[e]);
                CHECK(rule && in_list[rule - ctx->rules]);
            }
        }
        if (d == 2) CHECK(n == 0);   /* an empty text */
        listed_total += n;
        fx_scan_scratch_free(scratch);
        free(text);
    }
    CHECK(listed_total > 20);
    free(listed);
    free(in_list);
    fx_fixture_free_paths(corpus, corpus_count);
    fx_scan_free(scan);
}

/* fx_sha256_hex_parts (sha256.h, the rules' hash): the digest of the
 * parts joined, wherever the joins fall (in a block, at its end, in the
 * padding's last 8 bytes, across empty parts). */
static void test_sha256_parts(void)
{
    char text[300], whole[65], parted[65];
    for (size_t i = 0; i < sizeof text; i++) text[i] = (char)('a' + (i * 7) % 26);
    int same = 1;
    for (size_t len = 0; len <= 200; len++) {
        fx_sha256_hex(text, len, whole);
        for (size_t a = 0; a <= len; a++) {
            size_t b = a + (len - a) / 3;
            fx_sha256_part parts[5] = {{text, a}, {text + a, 0}, {text + a, b - a}, {NULL, 0}, {text + b, len - b}};
            fx_sha256_hex_parts(parts, 5, parted);
            same &= strcmp(whole, parted) == 0;
        }
    }
    CHECK(same);
    const size_t lens[] = {0, 1, 55, 56, 63, 64, 65, 119, 120, 128, 200, 300};
    for (size_t k = 0; k < sizeof lens / sizeof *lens; k++) {   /* a byte a part */
        fx_sha256_part parts[300];
        for (size_t i = 0; i < lens[k]; i++) parts[i] = (fx_sha256_part){text + i, 1};
        fx_sha256_hex(text, lens[k], whole);
        fx_sha256_hex_parts(parts, lens[k], parted);
        CHECK_STR(parted, whole);
    }
}

/* The rules' hash keys the caches of compiled patterns and databases
 * (cache.h): it is made of what the expansions are made from, so it
 * changes with anything that changes what is compiled (a pattern, a table
 * a pattern names, a define, a rule's flags, the expander's version) and
 * not with what does not (a comment, an example, a table nothing names). */
static void test_rules_hash(void)
{
    const char *base = "table T t.tsv\ntable U u.tsv\ndefine D (?:x|y)\ndefine E z\nrule r\n  type: date\n"
                       "  pattern: a{D}{T}\n";
    const char *table = "key\tcode\nabc\tX\n";
    fx_fixture_rules_dir rules;
    if (!fx_fixture_rules_dir_open(&rules, base)) return;
    struct {
        const char *rules, *table, *unnamed_table;
        int same;
    } variants[] = {
        {base, NULL, NULL, 1},
        {"# a comment\ntable T t.tsv\ntable U u.tsv\ndefine D (?:x|y)\ndefine E z\nrule r\n  type: date\n"
         "  pattern: a{D}{T}\n  example: [[axabc]]\n", NULL, NULL, 1},
        {base, NULL, "key\tcode\nabc\tX\nabd\tY\n", 1},   /* U: no pattern or define names it */
        {base, "key\tcode\nabc\tX\nabd\tY\n", NULL, 0},   /* the table's trie in the pattern */
        {"table T t.tsv\ntable U u.tsv\ndefine D (?:x|w)\ndefine E z\nrule r\n  type: date\n  pattern: a{D}{T}\n",
         NULL, NULL, 0},
        {"table T t.tsv\ntable U u.tsv\ndefine D (?:x|y)\ndefine E w\nrule r\n  type: date\n  pattern: a{D}{T}\n",
         NULL, NULL, 0},
        {"table T t.tsv\ntable U u.tsv\ndefine D (?:x|y)\ndefine E z\nrule r\n  type: date\n  pattern: b{D}{T}\n",
         NULL, NULL, 0},
        {"table T t.tsv\ntable U u.tsv\ndefine D (?:x|y)\ndefine E z\nrule r\n  type: date\n  flags: caseless\n"
         "  pattern: a{D}{T}\n", NULL, NULL, 0},
        /* U named by a define nothing uses: its rows are read all the same */
        {"table T t.tsv\ntable U u.tsv\ndefine D (?:x|y)\ndefine E {U}\nrule r\n  type: date\n  pattern: a{D}{T}\n",
         NULL, NULL, 0},
        {"table T t.tsv\ntable U u.tsv\ndefine D (?:x|y)\ndefine E {U}\nrule r\n  type: date\n  pattern: a{D}{T}\n",
         NULL, "key\tcode\nabc\tX\nabd\tY\n", 0},
    };
    char first[65] = "", previous[65] = "";
    for (size_t v = 0; v < sizeof variants / sizeof *variants; v++) {
        fx_fixture_rules_dir_write(&rules, "test.rules", variants[v].rules);
        fx_fixture_rules_dir_write(&rules, "t.tsv", variants[v].table ? variants[v].table : table);
        fx_fixture_rules_dir_write(&rules, "u.tsv", variants[v].unnamed_table ? variants[v].unnamed_table : table);
        fx_diag diag;
        fx_diag_init(&diag, stderr);
        fx_context *ctx = fx_rules_load(rules.dir, &diag);
        CHECK(ctx != NULL);
        if (!ctx) continue;
        if (v == 0) memcpy(first, ctx->rules_hash, sizeof first);
        /* each variant against the base, the last two against each other */
        const char *against = v + 1 == sizeof variants / sizeof *variants ? previous : first;
        CHECK((strcmp(against, ctx->rules_hash) == 0) == variants[v].same);
        if ((strcmp(against, ctx->rules_hash) == 0) != variants[v].same) fprintf(stderr, "  variant %zu\n", v);
        memcpy(previous, ctx->rules_hash, sizeof previous);
        if (v == 0) {   /* the expander's version is in the key */
            pending_rule pr = {.rule = &ctx->rules[0], .pattern = (char *)"a{D}{T}", .pattern_len = 7};
            char hash[65];
            fx_rules_hash(ctx, &pr, 1, FX_RULES_EXPAND_VERSION, hash);
            CHECK_STR(hash, ctx->rules_hash);
            fx_rules_hash(ctx, &pr, 1, FX_RULES_EXPAND_VERSION "x", hash);
            CHECK(strcmp(hash, ctx->rules_hash) != 0);
        }
        fx_rules_free(ctx);
    }
    fx_fixture_rules_dir_close(&rules);
}

/* A load from the cache expands nothing: the rules' expansions and the
 * defines' use come from the cache, the same as a load that expanded
 * them; and the expander's output is pinned to its version (the key
 * holds the version, not the expansions). */
static void test_expansions_cached(void)
{
    const char *text =
        "table T t.tsv\ntable C c.tsv\ndefine D (?:x|{C})\ndefine E \\p{L}{T}\ndefine F {E}\ndefine G q\n"
        "rule a\n  type: date\n  pattern: \\b{D}{T}\\x{20AC}\n"
        "rule b\n  type: date\n  flags: caseless\n  pattern: (?-i:{C})|{C}{F}[{}]\n"
        "rule c\n  type: city\n  list: T\n";
    fx_fixture_rules_dir rules;
    if (!fx_fixture_rules_dir_open(&rules, text)) return;
    /* thirteen first letters (the root split), a key past ASCII, and keys
     * that differ only in case (flat where caseless) */
    fx_fixture_rules_dir_write(&rules, "t.tsv", "key\tcode\nAb\t1\nBc\t1\nCd\t1\nDe\t1\nEf\t1\nFg\t1\nGh\t1\n"
                                                "Hi\t1\nIj\t1\nJk\t1\nKl\t1\nLm\t1\nMn\t1\nMo\t1\n\xC3\x98re\t1\n");
    fx_fixture_rules_dir_write(&rules, "c.tsv", "key\tcode\nCo\t1\nCO\t1\nCorp\t1\n");
    fx_diag diag;
    fx_diag_init(&diag, stderr);
    fx_context *compiled = fx_rules_load(rules.dir, &diag), *cached = fx_rules_load(rules.dir, &diag);
    CHECK(compiled && !compiled->patterns_cache);
    CHECK(cached && cached->patterns_cache);
    if (compiled && cached) {
        CHECK(compiled->rule_count == 3 && cached->rule_count == 3);
        for (size_t r = 0; r < compiled->rule_count && r < cached->rule_count; r++) {
            CHECK((compiled->rules[r].expanded == NULL) == (r == 2));
            CHECK((cached->rules[r].expanded == NULL) == (r == 2));
            if (compiled->rules[r].expanded && cached->rules[r].expanded)
                CHECK_STR(cached->rules[r].expanded, compiled->rules[r].expanded);
        }
        for (size_t d = 0; d < compiled->define_count; d++) {
            CHECK(cached->defines[d].used == compiled->defines[d].used);
            CHECK(compiled->defines[d].used == (d < 3));   /* D, E by F, F; not G */
        }
        /* changed with the expander's output: FX_RULES_EXPAND_VERSION too */
        static const struct { const char *version, *digest; } pinned = {
            "expand 1", "738418c13d21a03ee288aa5511a8af0f2aed4b21bc58799077a04d4ccc5e6478"};
        fx_sha256_part parts[4] = {{compiled->rules[0].expanded, strlen(compiled->rules[0].expanded)},
                                   {"\n", 1},
                                   {compiled->rules[1].expanded, strlen(compiled->rules[1].expanded)},
                                   {"\n", 1}};
        char digest[65];
        fx_sha256_hex_parts(parts, 4, digest);
        CHECK_STR(FX_RULES_EXPAND_VERSION, pinned.version);
        CHECK_STR(digest, pinned.digest);
        if (strcmp(digest, pinned.digest) != 0)
            fprintf(stderr, "  a: %s\n  b: %s\n", compiled->rules[0].expanded, compiled->rules[1].expanded);
    }
    fx_rules_free(compiled);
    fx_rules_free(cached);
    fx_fixture_rules_dir_close(&rules);
}

/* An example's values stay text at load and are parsed when read: JSON
 * as JSON, anything else (a malformed object too) as the string written,
 * nothing for a span without a value; too many values is still an error
 * of the load, at the value. */
static void expect_example_value(const fx_example *ex, size_t k, const char *want)
{
    cJSON *value = fx_example_value(ex, k);
    char *printed = value ? cJSON_PrintUnformatted(value) : NULL;
    if (want) CHECK_STR(printed, want);
    else CHECK(printed == NULL);
    free(printed);
    cJSON_Delete(value);
}

static void test_example_values(void)
{
    const char *text = "rule r\n  type: percent\n  pattern: \\d+%\n"
                       "  example: [[5%]] => {\"number\": 5}\n"
                       "  example: [[5%]] => {\"number\": \n"
                       "  example: [[5%]] and [[6%]] => 5  \n"
                       "  example: [[5%]] => 5 pct => \n"
                       "  reject: 5\n"
                       "  example: x\\n[[a]] \\\\[[b]]] => 1 => \"2\"\n";
    fx_fixture_rules_dir rules;
    if (!fx_fixture_rules_dir_open(&rules, text)) return;
    fx_diag diag;
    fx_diag_init(&diag, stderr);
    fx_context *ctx = fx_rules_load(rules.dir, &diag);
    CHECK(ctx && ctx->rule_count == 1 && ctx->rules[0].example_count == 6);
    if (ctx && ctx->rule_count == 1 && ctx->rules[0].example_count == 6) {
        const fx_example *ex = ctx->rules[0].examples;
        expect_example_value(&ex[0], 0, "{\"number\":5}");
        expect_example_value(&ex[1], 0, "\"{\\\"number\\\":\"");   /* not JSON: the text, its spaces cut */
        expect_example_value(&ex[2], 0, "5");
        expect_example_value(&ex[2], 1, NULL);                      /* no value: not checked */
        expect_example_value(&ex[2], 2, NULL);                      /* past the spans */
        expect_example_value(&ex[3], 0, "\"5 pct =>\"");
        expect_example_value(&ex[3], 1, NULL);
        /* the file's x\n[[a]] \\[[b]]]: its escapes (\n, \\) applied, its markers taken out */
        CHECK(ex[5].text_len == 7 && memcmp(ex[5].text, "x\na \\b]", 8) == 0);
        CHECK(ex[5].span_count == 2 && ex[5].spans[0].start == 2 && ex[5].spans[0].end == 3 &&
              ex[5].spans[1].start == 5 && ex[5].spans[1].end == 6);
        expect_example_value(&ex[5], 0, "1");
        expect_example_value(&ex[5], 1, "\"2\"");
    }
    fx_rules_free(ctx);
    fx_fixture_rules_dir_close(&rules);
    expect_error("rule r\n  type: date\n  pattern: a\n  example: [[a]] => 1 => {2\n", "4:26",
                 "more values than [[spans]]");
    expect_error("rule r\n  type: date\n  pattern: a\n  example: [[a [[b]]\n", "4:16", "nested [[");
    expect_error("rule r\n  type: date\n  pattern: a\n  example: x [[a]]]] y\n", "4:19", "]] without [[");
    expect_error("rule r\n  type: date\n  pattern: a\n  example: x [[]] => 1\n", "4:16", "empty [[]] span");
}

void test_rules(void)
{
    test_table_loading();
    test_offset_limit();
    test_jit_on();
    test_class_run();
    test_may_start();
    test_pattern_class();
    test_table_trie();
    test_org_word_hyphens();
    test_month_first();
    test_org_pre_and_gate();
    test_compiled_sizes();
    test_range_low_dates();
    test_rules_with_windows();
    test_sha256_parts();
    test_rules_hash();
    test_expansions_cached();
    test_example_values();

    int loaded;
    char *out = load("define D \\d+\ntable T t.tsv\nrule r\n  type: date\n  pattern: {D}-{T}\n"
                     "  example: on [[12-abc]] => 12\n",
                     &loaded);
    CHECK(loaded);
    free(out);

    expect_error("rule r\n  type: date\n  colour: red\n", "3:3", "unknown key 'colour'");
    expect_error("rule r\n  type: when\n  pattern: x\n", "2:9", "unknown type 'when'");
    expect_error("rule r\n  type: date\n  pattern: ab(c\n", "3:15", "missing closing parenthesis");
    expect_error("rule r\n  type: date\n  pattern: a{NOPE}b\n", "3:12", "unknown sub-pattern NOPE");
    expect_error("define A x{B}\ndefine B y{A}\nrule r\n  type: date\n  pattern: {A}\n", "1:10",
                 "nest too deeply");
    expect_error("rule r\n  type: date\n  pattern: a\nrule r\n  type: date\n  pattern: b\n", "4:6",
                 "duplicate rule id r");
    expect_error("rule r\n  pattern: a\n", "1:1", "has no type");
    expect_error("rule r\n  type: date\n", "1:1", "has no pattern: or list:");
    expect_error("rule r\n  type: date\n  list: NOPE\n", "3:9", "unknown table 'NOPE'");
    expect_error("rule r\n  type: date\n  pattern: a\n  example: [[a\n", "4:15", "[[ without ]]");
    expect_error("rule r\n  type: date\n  value: nonsense\n  pattern: a\n", "3:10",
                 "unknown value normaliser 'nonsense'");
    expect_error("type: date\n", "1:1", "outside a rule");
    expect_error("rule r\n  type: date\n  pattern: caf\xE9\n", "3:15", "not valid UTF-8");
    expect_error("bogus line\n", "1:1", "expected 'rule', 'define', 'table'");
}
