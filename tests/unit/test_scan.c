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

void test_scan(void)
{
    test_translate();
    test_superset();
}
