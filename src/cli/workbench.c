/* workbench.c - see workbench.h: argument parsing for lint, diff, explain
 * and html. Exit statuses follow main.c: 0 ok, 1 differences / unreadable
 * input, 2 usage, 3 rules broken, 4 output not written, 5 lint errors. */
#include "workbench.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <getopt.h>
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
#include "options.h"
#include "status.h"

int fx_cli_dct_valid(const char *dct)
{
    if (fx_date_valid(dct, strlen(dct))) return 1;
    fprintf(stderr, "factx: --dct wants a day YYYY-MM-DD of the years 0001-9999, not '%s'\n", dct);
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

static const char lint_usage[] =
    "usage: factx lint [--werror] [--max-errors N] [RULES_DIR]\n"
    "  compile every pattern, run every example, and report duplicate ids, undefined or unused\n"
    "  sub-patterns, shadowed rules, catastrophic backtracking, nested unbounded repetition and\n"
    "  tables the resolvers need that are not loaded as FILE:LINE:COL: severity: message\n"
    "  on stderr, then one summary line on stdout (RULES_DIR: default as for extraction)\n"
    "\n"
    "options:\n"
    "  --werror          warnings count as errors\n"
    "  --max-errors N    stop reporting after N errors (default 50; 0: report all); the\n"
    "                    summary still counts every one\n"
    "  -h, --help        this text\n"
    "\n"
    "exit status: 0 no errors (nor warnings with --werror), 2 usage, 3 rules do not load,\n"
    "             5 errors found\n";

static int cmd_lint(int argc, char **argv, const char *default_rules)
{
    static const struct option long_options[] = {
        {"werror", no_argument, NULL, 'W'}, {"max-errors", required_argument, NULL, 'm'},
        {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
    int werror = 0;
    size_t max_errors = 50;
    fx_cli_getopt_begin();
    for (int c; (c = getopt_long(argc, argv, ":h", long_options, NULL)) != -1;) {
        if (c == 'W') werror = 1;
        else if (c == 'm') {
            char *end;
            errno = 0;
            unsigned long n = strtoul(optarg, &end, 10);
            if (!*optarg || *end || *optarg == '-' || errno)
                return fx_cli_usage_error("lint", "--max-errors wants a number, not '%s'", optarg);
            max_errors = n;
        } else if (c == 'h') return fx_cli_help(lint_usage);
        else return fx_cli_option_error("lint", c, argv);
    }
    if (argc - optind > 1) return fx_cli_usage_error("lint", "takes one RULES_DIR");
    const char *dir = optind < argc ? argv[optind] : default_rules;
    fx_diag diag;
    fx_diag_init(&diag, stderr);
    diag.max_errors = max_errors;
    fx_lint_summary sum;
    if (fx_lint(dir, &diag, &sum) < 0) {
        fprintf(stderr, "factx: lint: %s: the rules do not load (%zu errors)\n", dir, diag.errors);
        return FX_EXIT_RULES;
    }
    printf("lint: %s: %zu rules, %zu examples (%zu failed), %zu unused defines, %zu shadowed rules, "
           "%zu backtracking, %zu nested repetitions, %zu missing tables; %zu errors, %zu warnings\n",
           dir, sum.rules, sum.examples_passed + sum.examples_failed, sum.examples_failed, sum.unused_defines,
           sum.shadowed, sum.backtracking, sum.nested_repeats, sum.missing_tables, diag.errors, diag.warnings);
    return fx_cli_stdout_status(diag.errors || (werror && diag.warnings) ? FX_EXIT_FAILED : FX_EXIT_OK);
}

static const char diff_usage[] =
    "usage: factx diff [--docs DIR] [--color WHEN] OLD NEW\n"
    "  compare two runs (output folders, matched by file name, or JSON Lines files, matched by\n"
    "  doc.id): facts added (+), removed (-) and changed (~: span, value or rule), grouped by type\n"
    "  and rule, each in its sentence, then one summary line\n"
    "\n"
    "options:\n"
    "  --docs DIR      find the article NAME.txt there (default: the doc.path of the output)\n"
    "  --color WHEN    auto (a terminal, unless NO_COLOR is set), always or never\n"
    "  -h, --help      this text\n"
    "\n"
    "exit status: 0 same facts, 1 they differ, 2 usage or unreadable input, 4 output not written\n";

static int cmd_diff(int argc, char **argv)
{
    static const struct option long_options[] = {
        {"docs", required_argument, NULL, 'd'}, {"color", required_argument, NULL, 'c'},
        {"colour", required_argument, NULL, 'c'}, {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
    const char *color = "auto";
    fx_diff_options o = {0};
    fx_cli_getopt_begin();
    for (int c; (c = getopt_long(argc, argv, ":h", long_options, NULL)) != -1;) {
        if (c == 'd') o.docs_dir = optarg;
        else if (c == 'c') color = optarg;
        else if (c == 'h') return fx_cli_help(diff_usage);
        else return fx_cli_option_error("diff", c, argv);
    }
    if (argc - optind != 2) return fx_cli_usage_error("diff", "wants two runs, OLD and NEW");
    if ((o.color = fx_use_colour(stdout, color)) < 0)
        return fx_cli_usage_error("diff", "--color wants auto, always or never, not '%s'", color);
    fx_diag diag;
    fx_diag_init(&diag, stderr);
    fx_diff_summary sum;
    if (fx_diff(argv[optind], argv[optind + 1], &o, stdout, &diag, &sum) < 0) return FX_EXIT_USAGE;
    return fx_cli_stdout_status(fx_diff_differs(&sum) ? FX_EXIT_DIFFERENT : FX_EXIT_OK);
}

static const char explain_usage[] =
    "usage: factx explain [--rules DIR] [--dct YYYY-MM-DD] [--trace] FILE [--at BYTE | --text STRING]\n"
    "       factx explain [--rules DIR] [--dct YYYY-MM-DD] [--trace] --text STRING\n"
    "  for each fact: the rule and its file:line, the named captures, how the value was made, and\n"
    "  the matches that lost against it and why\n"
    "\n"
    "options:\n"
    "  --at BYTE        only the fact at byte offset BYTE of FILE\n"
    "  --text STRING    only the facts at each place STRING occurs in FILE; without FILE,\n"
    "                   explain STRING itself\n"
    "  --trace          also every match of every rule, and the sentences\n"
    "  --rules DIR      the rules directory (default: as for extraction)\n"
    "  --dct DATE       the document date (YYYY-MM-DD)\n"
    "  -h, --help       this text\n"
    "\n"
    "exit status: 0 explained, 1 FILE cannot be read, 2 usage (also --at or --text not in\n"
    "             FILE), 3 rules do not load, 4 output not written\n";

static int cmd_explain(int argc, char **argv, const char *default_rules)
{
    const char *rules = default_rules, *file = NULL, *text = NULL, *dct = NULL, *at = NULL;
    fx_explain_options o = {0};
    static const struct option long_options[] = {
        {"trace", no_argument, NULL, 'T'}, {"rules", required_argument, NULL, 'r'},
        {"dct", required_argument, NULL, 'd'}, {"at", required_argument, NULL, 'a'},
        {"text", required_argument, NULL, 't'}, {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
    fx_cli_getopt_begin();
    for (int c; (c = getopt_long(argc, argv, ":h", long_options, NULL)) != -1;) {
        switch (c) {
        case 'T': o.trace = 1; break;
        case 'r': rules = optarg; break;
        case 'd': dct = optarg; break;
        case 'a': at = optarg; break;
        case 't': text = optarg; break;
        case 'h': return fx_cli_help(explain_usage);
        default: return fx_cli_option_error("explain", c, argv);
        }
    }
    if (argc - optind > 1) return fx_cli_usage_error("explain", "takes one FILE");
    if (optind < argc) file = argv[optind];
    char *end = NULL;
    unsigned long long byte = at ? strtoull(at, &end, 10) : 0;
    if (!file && !text) return fx_cli_usage_error("explain", "wants a FILE or --text STRING");
    if (at && (text || !file || !*at || *end))
        return fx_cli_usage_error("explain", "--at wants a byte offset into FILE, without --text");
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
    "  hover) and a table of them\n"
    "\n"
    "options:\n"
    "  -o, --output FILE  the page to write\n"
    "  --gold DIR         gold files (NAME.json per NAME.txt): the gold text beside factx's, missed\n"
    "                     and spurious facts marked, and the scorer's tables\n"
    "  --types LIST       only these types (as for extraction)\n"
    "  --title TEXT       the page's title\n"
    "  --rules DIR, --dct YYYY-MM-DD   as for extraction\n"
    "  -h, --help         this text\n"
    "\n"
    "exit status: 0 written, 1 an input cannot be read (the others are shown), 2 usage,\n"
    "             3 rules do not load, 4 the page cannot be written\n";

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
    static const struct option long_options[] = {
        {"output", required_argument, NULL, 'o'}, {"rules", required_argument, NULL, 'r'},
        {"gold", required_argument, NULL, 'g'}, {"dct", required_argument, NULL, 'd'},
        {"title", required_argument, NULL, 'T'}, {"types", required_argument, NULL, 't'},
        {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
    fx_cli_getopt_begin();
    for (int c; (c = getopt_long(argc, argv, ":o:h", long_options, NULL)) != -1;) {
        switch (c) {
        case 'o': out_path = optarg; break;
        case 'r': rules = optarg; break;
        case 'g': gold = optarg; break;
        case 'd': dct = optarg; break;
        case 'T': title = optarg; break;
        case 't':
            if (fx_types_parse(optarg, &types) < 0)
                return fx_cli_usage_error("html", "--types: unknown type in '%s'", optarg);
            break;
        case 'h': return fx_cli_help(html_usage);
        default: return fx_cli_option_error("html", c, argv);
        }
    }
    char **paths = argv + optind;
    int path_count = argc - optind;
    if (!out_path) return fx_cli_usage_error("html", "wants -o REPORT.html");
    if (!path_count) return fx_cli_usage_error("html", "wants a PATH to report on");
    if (dct && !fx_cli_dct_valid(dct)) return FX_EXIT_USAGE;
    fx_diag diag;
    fx_diag_init(&diag, stderr);
    fx_input_list list = {0};
    fx_context *ctx;
    int status = fx_cli_load(paths, path_count, rules, &diag, &list, &ctx);
    if (status == FX_EXIT_RULES) return status;
    fx_scratch *scratch = fx_scratch_new(ctx);
    fx_html *html = fx_html_new(title);
    for (size_t i = 0; i < list.count; i++) {
        const fx_input_file *in = &list.files[i];
        char *bytes;
        fx_doc *doc = fx_cli_read_doc(in, &diag, &bytes);
        if (!doc) {
            status = FX_EXIT_INPUT;
            continue;
        }
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
        fx_html_add(html, doc->id, in->path, doc->src, doc->src_len, tree, gold_tree);
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

int fx_cli_load(char **paths, int count, const char *rules, fx_diag *diag, fx_input_list *list, fx_context **ctx)
{
    int status = FX_EXIT_OK;
    for (int i = 0; i < count; i++)
        if (fx_input_collect(paths[i], list, diag) < 0) status = FX_EXIT_INPUT;
    *ctx = fx_context_load(rules, diag);
    if (!*ctx) {
        fx_input_list_free(list);
        return FX_EXIT_RULES;
    }
    return status;
}

fx_doc *fx_cli_read_doc(const fx_input_file *in, fx_diag *diag, char **bytes)
{
    size_t len;
    if (fx_input_read(in->path, bytes, &len, diag) < 0) return NULL;
    return fx_doc_new(in->name, in->path, *bytes, len);   /* the id factx gives it */
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
