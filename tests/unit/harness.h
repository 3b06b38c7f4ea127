/* harness.h - a tiny test harness: CHECK counts, failures print where. */
#ifndef FX_TEST_HARNESS_H
#define FX_TEST_HARNESS_H

#include <stdio.h>
#include <string.h>

extern int fx_tests_passed, fx_tests_failed;

#define CHECK(cond)                                                              \
    do {                                                                         \
        if (cond) fx_tests_passed++;                                             \
        else {                                                                   \
            fx_tests_failed++;                                                   \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                        \
    } while (0)

#define CHECK_STR(got, want)                                                     \
    do {                                                                         \
        const char *g_ = (got), *w_ = (want);                                    \
        if (g_ && w_ && strcmp(g_, w_) == 0) fx_tests_passed++;                  \
        else {                                                                   \
            fx_tests_failed++;                                                   \
            fprintf(stderr, "%s:%d: got \"%s\", want \"%s\"\n", __FILE__, __LINE__, \
                    g_ ? g_ : "(null)", w_ ? w_ : "(null)");                     \
        }                                                                        \
    } while (0)

void test_normalise(void);
void test_types(void);
void test_output_value(void);
void test_workbench(void);
void test_segment(void);
void test_rules(void);
void test_pipeline(void);
void test_cities(void);
void test_json_print(void);
void test_input(void);
void test_sha256(void);
void test_values_fast(void);
void test_dates(void);
void test_money(void);
void test_orgs(void);
void test_api(void);
void test_prefilter(void);
void test_scan(void);
void test_cache(void);
void test_tables(void);
void test_resolve(void);
void test_words(void);
void test_bytes16(void);

#endif
