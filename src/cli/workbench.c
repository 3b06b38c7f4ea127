/* workbench.c - see workbench.h: argument parsing for lint, diff, explain
 * and html. Exit statuses follow main.c: 0 ok, 1 differences / unreadable
 * input, 2 usage, 3 rules broken, 4 output not written, 5 lint errors. */
#include "workbench.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "colour.h"
#include "diff.h"
#include "emit.h"
#include "explain.h"
#include "html.h"
#include "factx.h"
#include "input.h"
#include "lint.h"
#include "status.h"

static int is_help(const char *a) { return strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0; }

int fx_cli_dct_valid(const char *dct)
{
    if (fx_date_valid(dct, strlen(dct))) return 1;
    fprintf(stderr, "factx: --dct wants YYYY-MM-DD, not '%s'\n", dct);
    return 0;
}

/* A reader that stopped early is no error for a filter. errno may no
 * longer say EPIPE when the failed write was an earlier one, so the pipe
 * is asked too. */
int fx_cli_stdout_status(int status)
{
    if (fflush(stdout) != EOF && !ferror(stdout)) return status;
    struct pollfd p = {.fd = STDOUT_FILENO, .events = POLLOUT};
    int reader_gone = errno == EPIPE || (poll(&p, 1, 0) == 1 && (p.revents & POLLERR));
    return reader_gone ? status : FX_EXIT_OUTPUT;
}

static int usage_of(const char *text, int help)
{
    fputs(text, help ? stdout : stderr);
    return help ? FX_EXIT_OK : FX_EXIT_USAGE;
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
        return FX_EXIT_RULES;
    }
    printf("lint: %s: %zu rules, %zu examples (%zu failed), %zu unused defines, %zu shadowed rules, "
           "%zu backtracking; %zu errors, %zu warnings\n",
           dir, sum.rules, sum.examples_passed + sum.examples_failed, sum.examples_failed, sum.unused_defines,
           sum.shadowed, sum.backtracking, diag.errors, diag.warnings);
    return diag.errors || (werror && diag.warnings) ? FX_EXIT_FAILED : FX_EXIT_OK;
}

static const char diff_usage[] =
    "usage: factx diff [--docs DIR] [--color WHEN] OLD NEW\n"
    "  compare two runs (output folders or JSON Lines files): facts added, removed and changed,\n"
    "  grouped by type and rule, each in its sentence; --docs DIR finds NAME.txt there (default:\n"
    "  the doc.path of the output); WHEN is auto (a terminal, unless NO_COLOR is set), always or never\n"
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
    if ((o.color = fx_use_colour(stdout, color)) < 0) return usage_of(diff_usage, 0);
    fx_diag diag;
    fx_diag_init(&diag, stderr);
    fx_diff_summary sum;
    if (fx_diff(sides[0], sides[1], &o, stdout, &diag, &sum) < 0) return FX_EXIT_USAGE;
    return fx_cli_stdout_status(fx_diff_differs(&sum) ? FX_EXIT_DIFFERENT : FX_EXIT_OK);
}

static const char explain_usage[] =
    "usage: factx explain [--rules DIR] [--dct YYYY-MM-DD] [--trace] FILE [--at BYTE | --text STRING]\n"
    "       factx explain [--rules DIR] [--dct YYYY-MM-DD] [--trace] --text STRING\n"
    "  for each fact: the rule and its file:line, the named captures, how the value was made, and\n"
    "  the matches that lost against it and why; --at BYTE or --text STRING (each place it occurs\n"
    "  in FILE) narrow it down; --text without FILE explains STRING itself; --trace lists every match\n";

static int cmd_explain(int argc, char **argv, const char *default_rules)
{
    const char *rules = default_rules, *file = NULL, *text = NULL, *dct = NULL, *at = NULL;
    fx_explain_options o = {0};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (is_help(a)) return usage_of(explain_usage, 1);
        if (strcmp(a, "--trace") == 0) o.trace = 1;
        else if (strcmp(a, "--rules") == 0 && i + 1 < argc) rules = argv[++i];
        else if (strcmp(a, "--dct") == 0 && i + 1 < argc) dct = argv[++i];
        else if (strcmp(a, "--at") == 0 && i + 1 < argc) at = argv[++i];
        else if (strcmp(a, "--text") == 0 && i + 1 < argc) text = argv[++i];
        else if ((a[0] == '-' && a[1]) || file) return usage_of(explain_usage, 0);
        else file = a;
    }
    char *end = NULL;
    unsigned long long byte = at ? strtoull(at, &end, 10) : 0;
    if ((!file && !text) || (at && (text || !file || !*at || *end))) return usage_of(explain_usage, 0);
    if (dct && !fx_cli_dct_valid(dct)) return FX_EXIT_USAGE;
    fx_diag diag;
    fx_diag_init(&diag, stderr);
    char *bytes = NULL;
    size_t len = 0;
    if (file && fx_input_read(file, &bytes, &len, &diag) < 0) return FX_EXIT_INPUT;
    fx_context *ctx = fx_context_load(rules, &diag);
    if (!ctx) {
        free(bytes);
        return FX_EXIT_RULES;
    }
    const char *id = "text";
    if (file) {
        const char *slash = strrchr(file, '/');
        id = slash ? slash + 1 : file;
    }
    fx_doc *doc = file ? fx_doc_new(id, file, bytes, len) : fx_doc_new(id, NULL, text, strlen(text));
    free(bytes);
    doc->types = FX_ALL_TYPES;
    if (dct) {
        memcpy(doc->dct, dct, 11);
        doc->dct_source = FX_DCT_OPTION;
    }
    fx_scratch *scratch = fx_scratch_new(ctx);
    fx_extract(ctx, scratch, doc, NULL);
    fx_span *ranges = NULL;
    size_t count = 0;
    if (at) {
        ranges = fx_xmalloc(sizeof *ranges);
        ranges[count++] = (fx_span){(size_t)byte, (size_t)byte + 1};
    } else if (file && text && *text) {
        size_t tl = strlen(text);
        for (const char *p = doc->src; (p = memmem(p, doc->src_len - (size_t)(p - doc->src), text, tl)); p += tl) {
            ranges = fx_xrealloc(ranges, (count + 1) * sizeof *ranges);
            ranges[count++] = (fx_span){(size_t)(p - doc->src), (size_t)(p - doc->src) + tl};
        }
    }
    int status = FX_EXIT_OK;
    if ((at && byte >= doc->src_len) || (file && text && !count)) {
        fprintf(stderr, "factx: explain: %s: %s not in the document\n", file, at ? "--at BYTE is" : "--text STRING is");
        status = FX_EXIT_USAGE;
    } else {
        o.ranges = ranges;
        o.range_count = count;
        fx_explain(ctx, doc, &o, stdout);
        status = fx_cli_stdout_status(FX_EXIT_OK);
    }
    free(ranges);
    fx_doc_free(doc);
    fx_scratch_free(scratch);
    fx_context_free(ctx);
    return status;
}

static const char html_usage[] =
    "usage: factx html [--rules DIR] [--gold DIR] [--types LIST] [--dct YYYY-MM-DD] [--title TEXT]\n"
    "                  -o REPORT.html PATH...\n"
    "  one self-contained page: each document with its facts highlighted by type (value and rule on\n"
    "  hover) and a table of them; --gold DIR (NAME.json per NAME.txt) adds the gold text beside it,\n"
    "  missed and spurious facts marked, and the scorer's tables\n";

static cJSON *read_json(const char *path)
{
    fx_diag quiet;
    fx_diag_init(&quiet, NULL);
    char *bytes;
    size_t len;
    if (fx_input_read(path, &bytes, &len, &quiet) < 0) return NULL;
    cJSON *root = cJSON_ParseWithLength(bytes, len);
    free(bytes);
    return root;
}

static int cmd_html(int argc, char **argv, const char *default_rules)
{
    const char *rules = default_rules, *gold = NULL, *dct = NULL, *out_path = NULL, *title = "factx report";
    unsigned types = FX_ALL_TYPES;
    int bad_types = 0;
    char **paths = fx_xcalloc((size_t)argc, sizeof *paths);
    int path_count = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int value = i + 1 < argc;
        if (is_help(a)) { free(paths); return usage_of(html_usage, 1); }
        if (strcmp(a, "-o") == 0 && value) out_path = argv[++i];
        else if (strcmp(a, "--rules") == 0 && value) rules = argv[++i];
        else if (strcmp(a, "--gold") == 0 && value) gold = argv[++i];
        else if (strcmp(a, "--dct") == 0 && value) dct = argv[++i];
        else if (strcmp(a, "--title") == 0 && value) title = argv[++i];
        else if (strcmp(a, "--types") == 0 && value) bad_types |= fx_types_parse(argv[++i], &types) < 0;
        else if (a[0] == '-' && a[1]) { free(paths); return usage_of(html_usage, 0); }
        else paths[path_count++] = argv[i];
    }
    if (!out_path || !path_count || bad_types) {
        free(paths);
        return usage_of(html_usage, 0);
    }
    if (dct && !fx_cli_dct_valid(dct)) {
        free(paths);
        return FX_EXIT_USAGE;
    }
    fx_diag diag;
    fx_diag_init(&diag, stderr);
    int status = FX_EXIT_OK;
    fx_input_list list = {0};
    for (int i = 0; i < path_count; i++)
        if (fx_input_collect(paths[i], &list, &diag) < 0) status = FX_EXIT_INPUT;
    free(paths);
    fx_context *ctx = fx_context_load(rules, &diag);
    if (!ctx) {
        fx_input_list_free(&list);
        return FX_EXIT_RULES;
    }
    fx_scratch *scratch = fx_scratch_new(ctx);
    fx_html *html = fx_html_new(title);
    for (size_t i = 0; i < list.count; i++) {
        const fx_input_file *in = &list.files[i];
        char *bytes;
        size_t len;
        if (fx_input_read(in->path, &bytes, &len, &diag) < 0) {
            status = FX_EXIT_INPUT;
            continue;
        }
        fx_doc *doc = fx_doc_new(in->name, in->path, bytes, len);   /* the id factx gives it */
        doc->types = types;
        if (dct) {
            memcpy(doc->dct, dct, 11);
            doc->dct_source = FX_DCT_OPTION;
        }
        fx_extract(ctx, scratch, doc, NULL);
        cJSON *tree = fx_emit_tree(doc);
        cJSON *gold_tree = NULL;
        if (gold) {
            char *gp = fx_xmalloc(strlen(gold) + strlen(in->name) + 7);
            sprintf(gp, "%s/%s.json", gold, in->name);
            gold_tree = read_json(gp);
            if (!gold_tree) fx_diag_report(&diag, FX_WARNING, gp, 0, 0, "no gold file: document shown unscored");
            free(gp);
        }
        fx_html_add(html, doc->id, in->path, bytes, len, tree, gold_tree);
        cJSON_Delete(gold_tree);
        cJSON_Delete(tree);
        fx_doc_free(doc);
        free(bytes);
    }
    FILE *out = fopen(out_path, "wb");
    if (!out || fx_html_write(html, out) < 0) {
        fx_diag_report(&diag, FX_ERROR, out_path, 0, 0, "cannot write: %s", strerror(errno));
        status = FX_EXIT_OUTPUT;
    }
    if (out && fclose(out) != 0 && status != FX_EXIT_OUTPUT) {
        fx_diag_report(&diag, FX_ERROR, out_path, 0, 0, "cannot write: %s", strerror(errno));
        status = FX_EXIT_OUTPUT;
    }
    fx_html_free(html);
    fx_scratch_free(scratch);
    fx_context_free(ctx);
    fx_input_list_free(&list);
    return status;
}

int fx_workbench_run(int argc, char **argv, const char *default_rules, int *status)
{
    if (argc < 1) return 0;
    if (strcmp(argv[0], "lint") == 0) *status = cmd_lint(argc, argv, default_rules);
    else if (strcmp(argv[0], "diff") == 0) *status = cmd_diff(argc, argv);
    else if (strcmp(argv[0], "explain") == 0) *status = cmd_explain(argc, argv, default_rules);
    else if (strcmp(argv[0], "html") == 0) *status = cmd_html(argc, argv, default_rules);
    else return 0;
    return 1;
}
