/* main.c - runs every unit test group; the last line is "N passed, N failed". */
#include "fixture.h"
#include "harness.h"

int fx_tests_passed, fx_tests_failed;

int main(void)
{
    test_normalise();
    test_segment();
    test_rules();
    test_pipeline();
    test_cities();
    test_json_print();
    test_input();
    test_sha256();
    test_values_fast();
    test_dates();
    test_money();
    test_workbench();
    test_orgs();
    test_api();
    test_prefilter();
    test_types();
    test_output_value();
    test_scan();
    test_cache();
    test_tables();
    test_resolve();
    test_words();
    test_bytes16();
    fx_fixture_free();
    printf("unit: %d passed, %d failed\n", fx_tests_passed, fx_tests_failed);
    return fx_tests_failed ? 1 : 0;
}
