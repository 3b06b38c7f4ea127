/* workbench.c - see workbench.h: argument parsing for lint, diff, explain
 * and html. Exit statuses follow main.c: 0 ok, 1 differences / unreadable
 * input, 2 usage, 3 rules broken, 4 output not written, 5 lint errors. */
#include "workbench.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "diff.h"
#include "lint.h"

enum { ST_OK = 0, ST_DIFFER = 1, ST_USAGE = 2, ST_RULES = 3, ST_OUTPUT = 4, ST_FAILED = 5 };

static int is_help(const char *a) { return strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0; }

static int usage_of(const char *text, int help)
{
    fputs(text, help ? stdout : stderr);
    return help ? ST_OK : ST_USAGE;
}

static const char lint_usage[] =
    "usage: factx lint [--werror] [RULES_DIR]\n"
    "  compile every pattern, run every example, and report duplicate ids, undefined or unused\n"
    "  sub-patterns, shadowed rules and catastrophic backtracking as FILE:LINE:COL: severity: message\n"
    "  exit status: 0 no errors (warnings too with --werror), 3 rules do not load, 5 errors found\n";

static int cmd_lint(int argc, char **argv, const char *default_rules)
{
    const char *dir = NULL;
    int werror = 0;
    for (int i = 1; i < argc; i++) {
        if (is_help(argv[i])) return usage_of(lint_usage, 1);
        if (strcmp(argv[i], "--werror") == 0) werror = 1;
        else if (argv[i][0] == '-' || dir) return usage_of(lint_usage, 0);
        else dir = argv[i];
    }
    if (!dir) dir = default_rules;
    fx_diag diag;
    fx_diag_init(&diag, stderr);
    diag.max_errors = 0;
    fx_lint_summary sum;
    if (fx_lint(dir, &diag, &sum) < 0) {
        fprintf(stderr, "factx: lint: %s: the rules do not load (%zu errors)\n", dir, diag.errors);
        return ST_RULES;
    }
    printf("lint: %s: %zu rules, %zu examples (%zu failed), %zu unused defines, %zu shadowed rules, "
           "%zu backtracking; %zu errors, %zu warnings\n",
           dir, sum.rules, sum.examples_passed + sum.examples_failed, sum.examples_failed, sum.unused_defines,
           sum.shadowed, sum.backtracking, diag.errors, diag.warnings);
    return diag.errors || (werror && diag.warnings) ? ST_FAILED : ST_OK;
}

static const char diff_usage[] =
    "usage: factx diff [--docs DIR] [--color WHEN] OLD NEW\n"
    "  compare two runs (output folders or JSON Lines files): facts added, removed and changed,\n"
    "  grouped by type and rule, each in its sentence; --docs DIR finds NAME.txt there (default:\n"
    "  the doc.path of the output); WHEN is auto (a terminal), always or never\n"
    "  exit status: 0 same facts, 1 they differ, 2 usage or unreadable input\n";

static int cmd_diff(int argc, char **argv)
{
    const char *sides[2] = {NULL, NULL};
    int k = 0;
    const char *color = "auto";
    fx_diff_options o = {0};
    for (int i = 1; i < argc; i++) {
        if (is_help(argv[i])) return usage_of(diff_usage, 1);
        if (strcmp(argv[i], "--docs") == 0 && i + 1 < argc) o.docs_dir = argv[++i];
        else if (strcmp(argv[i], "--color") == 0 && i + 1 < argc) color = argv[++i];
        else if ((argv[i][0] == '-' && argv[i][1]) || k == 2) return usage_of(diff_usage, 0);
        else sides[k++] = argv[i];
    }
    if (k != 2) return usage_of(diff_usage, 0);
    if (strcmp(color, "always") == 0) o.color = 1;
    else if (strcmp(color, "auto") == 0) o.color = isatty(STDOUT_FILENO);
    else if (strcmp(color, "never") != 0) return usage_of(diff_usage, 0);
    fx_diag diag;
    fx_diag_init(&diag, stderr);
    fx_diff_summary sum;
    if (fx_diff(sides[0], sides[1], &o, stdout, &diag, &sum) < 0) return ST_USAGE;
    if (fflush(stdout) == EOF) return ST_OUTPUT;
    return fx_diff_differs(&sum) ? ST_DIFFER : ST_OK;
}

int fx_workbench_run(int argc, char **argv, const char *default_rules, int *status)
{
    if (argc < 1) return 0;
    if (strcmp(argv[0], "lint") == 0) *status = cmd_lint(argc, argv, default_rules);
    else if (strcmp(argv[0], "diff") == 0) *status = cmd_diff(argc, argv);
    else return 0;
    return 1;
}
