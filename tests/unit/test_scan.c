/* test_scan.c - patterns as Vectorscan reads them (scan.h): every match
 * of the rule is a match of the translation, which may match more; what
 * cannot be written so is refused. And, built with Vectorscan, the
 * windows a scan reports hold the start of every PCRE2 match. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdlib.h>

#include "harness.h"
#include "scan.h"

static void check_translation(const char *pattern, const char *want, int want_superset)
{
    int superset = -1;
    char *got = fx_scan_translate(pattern, &superset);
    if (want) {
        CHECK_STR(got, want);
        CHECK(superset == want_superset);
    } else {
        CHECK(got == NULL);
    }
    free(got);
}

static void test_translate(void)
{
    check_translation("abc", "abc", 0);
    check_translation("(?<year>\\d{4})-(\\d\\d)", "(?:\\d{4})-(?:\\d\\d)", 0);        /* captures made plain */
    check_translation("(?:a|b)+?c{2,3}", "(?:a|b)+?c{2,3}", 0);                        /* lazy stays */
    check_translation("\\bfoo\\b", "foo", 1);                                         /* assertions out */
    check_translation("(?<![a-z])x(?=y)(?!z)", "x", 1);
    check_translation("^a$", "a", 1);
    check_translation("early \\Kspring", "early spring", 1);                          /* \K: from the attempt */
    check_translation("(?>ab|a)c", "(?:ab|a)c", 1);                                  /* atomic */
    check_translation("a++b*+", "a+b*", 1);                                           /* possessive */
    check_translation("(?(DEFINE)(?<w>[A-Z][a-z]+))(?&w) (?&w)", "(?:[A-Z][a-z]+) (?:[A-Z][a-z]+)", 0);
    check_translation("(?(DEFINE)(?<w>x(?&v))(?<v>y))(?&w)", "(?:x(?:y))", 0);          /* calls within calls */
    check_translation("(?i:ab)(?i)c", "(?i:ab)(?i)c", 0);
    check_translation("[\\p{L}\\d'-]+", "[A-Za-z\\x{80}-\\x{10FFFF}\\d'-]+", 1);        /* properties widened */
    check_translation("\\p{Lu}x", "[A-Z\\x{80}-\\x{10FFFF}]x", 1);
    check_translation("[^\\p{L}]", "[^\\p{L}]", 0);                                   /* a negated class stays */
    check_translation("[]a]", "[]a]", 0);
    check_translation("[[:alpha:]]", "[[:alpha:]]", 0);
    check_translation("a(?#note)b", "ab", 0);
    check_translation("\\x{20AC}\\d", "\\x{20AC}\\d", 0);
    check_translation("(a)\\1", NULL, 0);                                             /* back reference */
    check_translation("(?<s>[./])\\k<s>", NULL, 0);
    check_translation("(?(?=a)b|c)", NULL, 0);                                        /* conditional */
    check_translation("(?<r>a(?&r)?b)", NULL, 0);                                     /* recursion */
    check_translation("(?&missing)", NULL, 0);
    check_translation("(*UTF)a", NULL, 0);
    check_translation("(?x) a", NULL, 0);
    check_translation("\\Qa.b\\E", NULL, 0);
    check_translation("(?=x)", NULL, 1);                                              /* nothing left */
    check_translation("[abc", NULL, 0);
}

/* Every PCRE2 match of each pattern, on texts that exercise what the
 * translation takes out, is a match of its translation (PCRE2 runs both). */
static void test_superset(void)
{
    static const char *const patterns[] = {
        "\\bfoo\\b", "(?<![a-z])x(?=y)", "early \\Kspring", "(?>ab|a)c", "a++b", "\\p{Lu}[\\p{L}\\p{M}]+",
        "(?(DEFINE)(?<w>\\p{Lu}\\w+))(?&w)(?: (?&w))*",
    };
    static const char *const texts[] = {
        "foo food xfoo foo.", "xy xz ax xy", "early spring, early  spring", "abc ac", "aab ab b",
        "Émile Zola and Øresund Ålborg", "New York City and Los Angeles",
    };
    for (size_t p = 0; p < sizeof patterns / sizeof *patterns; p++) {
        int superset;
        char *t = fx_scan_translate(patterns[p], &superset);
        CHECK(t != NULL);
        if (!t) continue;
        int error;
        PCRE2_SIZE at;
        pcre2_code *rule = pcre2_compile((PCRE2_SPTR)patterns[p], PCRE2_ZERO_TERMINATED, PCRE2_UTF, &error, &at, NULL);
        pcre2_code *wide = pcre2_compile((PCRE2_SPTR)t, PCRE2_ZERO_TERMINATED, PCRE2_UTF, &error, &at, NULL);
        CHECK(rule && wide);
        pcre2_match_data *md = pcre2_match_data_create(16, NULL);
        const char *s = texts[p];
        size_t len = strlen(s);
        for (size_t start = 0; rule && wide && start <= len; start++) {
            if (pcre2_match(rule, (PCRE2_SPTR)s, len, start, PCRE2_ANCHORED, md, NULL) < 0) continue;
            size_t end = pcre2_get_ovector_pointer(md)[1];
            /* the translation matches the attempt from start to the same end */
            pcre2_code *anchored = NULL;
            char *both = malloc(strlen(t) + 8);
            sprintf(both, "(?:%s)", t);
            anchored = pcre2_compile((PCRE2_SPTR)both, PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_ENDANCHORED, &error, &at,
                                     NULL);
            CHECK(anchored && pcre2_match(anchored, (PCRE2_SPTR)s, end, start, PCRE2_ANCHORED, md, NULL) >= 0);
            pcre2_code_free(anchored);
            free(both);
        }
        pcre2_match_data_free(md);
        pcre2_code_free(rule);
        pcre2_code_free(wide);
        free(t);
    }
}

static void check_prefix(const char *translated, const char *want)
{
    char *got = fx_scan_prefix(translated);
    if (want) CHECK_STR(got, want);
    else CHECK(got == NULL);
    free(got);
}

static void test_prefix(void)
{
    check_prefix("ab+c", "ab{1}");
    check_prefix("ab*c", "a");
    check_prefix("a(?:b|c+d)e", "a(?:b|c{1})");                 /* cut inside the group, which ends it */
    check_prefix("x(?:ab{2,}|c)+y", "x(?:ab{2}|c)");
    check_prefix("(?i:ab\\d+)z", "(?i:ab\\d{1})");
    check_prefix("a{2,3}?b+?", "a{2,3}?b{1}");                   /* lazy: the same matches */
    check_prefix("[a+*]\\+\\d{3,}", "[a+*]\\+\\d{3}");        /* quantifier characters in classes and escapes */
    check_prefix("a|b+", "a|b{1}");
    check_prefix("abc", NULL);                                   /* bounded already */
    check_prefix("a*b", NULL);                                   /* nothing every match starts with */
}

/* Every match of each pattern starts with a match of its prefix. */
static void test_prefix_starts(void)
{
    static const char *const patterns[] = {
        "\\d{1,3}(?:(?:,\\d{3})+|(?:\\.\\d{3})+)|\\d+", "(?:US\\$|\\$|EUR) ?\\d+(?: million)?", "[A-Z][a-z]+(?: [A-Z][a-z]+)* Bank",
    };
    static const char *const texts[] = {
        "1,234,567 and 12.5 and 1.000.000 and 7", "US$ 5, $12 million, EUR 3 and EUR3", "the Danske Bank and Nordic Investment Bank",
    };
    int error;
    PCRE2_SIZE at;
    pcre2_match_data *md = pcre2_match_data_create(16, NULL);
    for (size_t p = 0; p < sizeof patterns / sizeof *patterns; p++) {
        char *prefix = fx_scan_prefix(patterns[p]);
        CHECK(prefix != NULL);
        if (!prefix) continue;
        pcre2_code *rule = pcre2_compile((PCRE2_SPTR)patterns[p], PCRE2_ZERO_TERMINATED, PCRE2_UTF, &error, &at, NULL);
        pcre2_code *start = pcre2_compile((PCRE2_SPTR)prefix, PCRE2_ZERO_TERMINATED, PCRE2_UTF, &error, &at, NULL);
        CHECK(rule && start);
        const char *s = texts[p];
        size_t len = strlen(s), matches = 0;
        for (size_t from = 0; rule && start && from <= len; from++) {
            if (pcre2_match(rule, (PCRE2_SPTR)s, len, from, PCRE2_ANCHORED, md, NULL) < 0) continue;
            matches++;
            CHECK(pcre2_match(start, (PCRE2_SPTR)s, len, from, PCRE2_ANCHORED, md, NULL) >= 0);
        }
        CHECK(matches > 0);
        pcre2_code_free(rule);
        pcre2_code_free(start);
        free(prefix);
    }
    pcre2_match_data_free(md);
}

void test_scan(void)
{
    test_translate();
    test_superset();
    test_prefix();
    test_prefix_starts();
}
