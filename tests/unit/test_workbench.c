/* test_workbench.c - the progress line and the scoring pieces html uses. */
#include <cjson/cJSON.h>
#include <stdlib.h>

#include "eval.h"
#include "harness.h"
#include "lint.h"
#include "progress.h"

static void test_progress(void)
{
    char buf[160];
    fx_progress_format(buf, sizeof buf, 12, 500, 3400000, 120000000, 2.0);
    CHECK_STR(buf, "factx: 12/500 documents, 3.4/120.0 MB, 1.7 MB/s, ETA 1:09");
    fx_progress_format(buf, sizeof buf, 7, 0, 2500000, 0, 1.0);    /* JSONL: no totals, no ETA */
    CHECK_STR(buf, "factx: 7 documents, 2.5 MB, 2.5 MB/s");
    fx_progress_format(buf, sizeof buf, 0, 3, 0, 1000, 0.0);       /* nothing done yet */
    CHECK_STR(buf, "factx: 0/3 documents, 0.0/0.0 MB, 0.0 MB/s");
    CHECK(fx_progress_format(buf, 10, 1, 2, 3, 4, 1.0) == 9);      /* cut, still terminated */

    /* not a terminal: nothing is ever written */
    FILE *f = tmpfile();
    fx_progress *p = fx_progress_new(f, 1);
    fx_progress_expect(p, 2, 100);
    fx_progress_step(p, 1, 50);
    fx_progress_clear(p);
    fx_progress_free(p);
    CHECK(ftell(f) == 0);
    fclose(f);
}

static void test_eval_pieces(void)
{
    cJSON *gold = cJSON_Parse("{\"facts\":[{\"type\":\"date\",\"start\":0,\"end\":4,\"value\":\"2015\"},"
                              "{\"type\":\"money\",\"start\":10,\"end\":20,\"value\":{\"amount\":5,\"currency\":\"EUR\"}},"
                              "{\"type\":\"city\",\"start\":30,\"end\":37,\"value\":{\"name\":\"Beijing\"}}]}");
    cJSON *sys = cJSON_Parse("{\"facts\":[{\"type\":\"date\",\"start\":0,\"end\":4,\"value\":\"2016\"},"
                             "{\"type\":\"money\",\"start\":11,\"end\":20,\"value\":{\"amount\":5,\"currency\":\"EUR\"}},"
                             "{\"type\":\"org\",\"start\":40,\"end\":45,\"value\":{\"name\":\"X\"}}]}");
    size_t ng, ns;
    fx_eval_fact *g = fx_eval_facts(gold, &ng), *s = fx_eval_facts(sys, &ns);
    fx_eval_counts per[FX_TYPE_COUNT] = {{0}};
    fx_eval_score(g, ng, s, ns, per);
    CHECK(ng == 3 && ns == 3);
    CHECK(g[0].used == FX_EVAL_STRICT && g[0].partner == 0 && !g[0].value_ok);
    CHECK(g[1].used == FX_EVAL_LENIENT && s[1].partner == 1 && s[1].value_ok);
    CHECK(g[2].used == FX_EVAL_UNMATCHED && g[2].partner == -1);     /* missed */
    CHECK(s[2].used == FX_EVAL_UNMATCHED);                           /* spurious */
    fx_eval_counts all = fx_eval_total(per);
    CHECK(all.gold == 3 && all.system == 3 && all.strict == 1 && all.lenient == 2);
    fx_eval_metrics m = fx_eval_metrics_of(&all);
    CHECK(m.precision > 0.33 && m.precision < 0.34 && m.lenient_f1 > 0.66 && m.lenient_f1 < 0.67);
    CHECK(m.value_accuracy == 0.5);
    free(g);
    free(s);
    cJSON_Delete(gold);
    cJSON_Delete(sys);
}

/* lint's nested unbounded repetition (issue 21, failure 12): a group
 * under *, + or {n,} that holds one; possessive, atomic and bounded
 * repetition are safe; escapes, classes and comments are not groups. */
static void test_nested_repeat(void)
{
    CHECK(fx_lint_nested_repeat("\\b(?:[a-z]+ )*[a-z]+ Ltd\\b") == 2);
    CHECK(fx_lint_nested_repeat("(a+)+") == 0 && fx_lint_nested_repeat("x(?:a|(?:b*c))*") == 1);
    CHECK(fx_lint_nested_repeat("((?:ab)+){2,}") == 0 && fx_lint_nested_repeat("(?:a*b){3,}") == 0);
    CHECK(fx_lint_nested_repeat("(?:[a-z]+ )*+x") < 0 && fx_lint_nested_repeat("(?:[a-z]++ )*x") < 0);
    CHECK(fx_lint_nested_repeat("(?>[a-z]+ )*x") < 0 && fx_lint_nested_repeat("(?:[a-z]+ ){1,4}x") < 0);
    CHECK(fx_lint_nested_repeat("(?:[a-z] )*[a-z]+") < 0 && fx_lint_nested_repeat("[(a+)]*") < 0);
    CHECK(fx_lint_nested_repeat("\\(a+\\)*") < 0 && fx_lint_nested_repeat("(?#(a+)*)b") < 0);
    CHECK(fx_lint_nested_repeat("\\Q(a+)*\\E") < 0 && fx_lint_nested_repeat("") < 0);
}

void test_workbench(void)
{
    test_nested_repeat();
    test_progress();
    test_eval_pieces();
}
