/* test_rules.c - the rule loader: good files load, bad ones are reported
 * as FILE:LINE:COL with the reason, and nothing is returned. */
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"
#include "rules.h"

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

void test_rules(void)
{
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
