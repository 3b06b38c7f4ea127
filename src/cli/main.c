/* main.c - the factx command line: arguments in, library calls, files out.
 * The extraction goes through the library's public API (factx.h) like any
 * other program embedding libfactx; from the library's internals main.c
 * uses only the input stage's file and JSONL readers (input.h), the clock
 * and the allocator (clock.h, arena.h), the per-rule profile (match.h) and
 * the names of the fact types (types.h).
 * Threads, progress, the profile report, eval, selftest and the rule
 * author's tools are the command line's own (src/cli/). */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <malloc.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "clock.h"
#include "eval.h"
#include "export.h"
#include "factx.h"
#include "input.h"
#include "match.h"
#include "options.h"
#include "output_files.h"
#include "profile.h"
#include "progress.h"
#include "runner.h"
#include "selftest.h"
#include "status.h"
#include "types.h"
#include "workbench.h"

/* A printf format: %s is the list of types (fx_type_list). */
static const char usage[] =
    "usage: factx [options] [PATH...]       extract facts (PATH: file, directory, or - for stdin;\n"
    "                                         no PATH: stdin, unless it is a terminal)\n"
    "                                         (in a directory: its *.txt regular files, recursively;\n"
    "                                         symbolic links only when they lead inside it)\n"
    "       factx eval [--json] GOLD_DIR OUT_DIR [DOCS_DIR]   score a run against gold files\n"
    "       factx selftest [--rules DIR] [--rule ID]          run the rules' examples\n"
    "       factx lint [RULES_DIR]                  check rule files (see README \"Changing a rule\")\n"
    "       factx diff [--docs DIR] OLD NEW         what changed between two runs (exit 1 when they differ)\n"
    "       factx explain FILE [--at BYTE | --text STRING] [--trace]   why each fact came out\n"
    "       factx html [--gold DIR] -o REPORT.html PATH...   a page with the facts highlighted\n"
    "       factx export --format FORMAT [-o OUT] PATH...   a run or articles as timeml, csv, tsv, brat\n"
    "  (each command has its own --help)\n"
    "\n"
    "options:\n"
    "  -o, --output DIR   write DIR/NAME.json per input NAME.txt (default: JSON Lines on stdout);\n"
    "                     checked before any input is read; two inputs for one file: the second\n"
    "                     is an error naming both (exit 1)\n"
    "  --skip-existing    with -o: leave inputs whose DIR/NAME.json exists (resume a run)\n"
    "  --jsonl-in         input lines are {\"id\":...,\"text\":...,\"dct\":\"YYYY-MM-DD\"}\n"
    "  --dct YYYY-MM-DD   document date for every input (overrides the text)\n"
    "  --rules DIR        rules directory (default: $FACTX_RULES, else the installed or in-tree rules/)\n"
    "  --types LIST       comma-separated: %s (default: all)\n"
    "  --timeml           dates as TimeML: timex_type on each, durations, sets, generic references\n"
    "  -j, --jobs N       extract on N threads (default: the number of processors)\n"
    "  --max-doc-size N   refuse documents over N bytes (K, M, G suffixes; 0: no limit; default 100M)\n"
    "  --stats            at the end, on stderr: documents, facts by type, MB/s, warnings\n"
    "  --profile          print time per stage to stderr\n"
    "  -q, --quiet        no warnings about documents or JSONL lines, no progress line on stderr\n"
    "  -h, --help         this text\n"
    "  --version          print the version\n"
    "  Options take their value as --types=date or --types date.\n"
    "\n"
    "exit status: 0 ok, 1 some inputs failed (others written), 2 usage, 3 rule files broken,\n"
    "             4 output not written, 5 selftest failures, 70 out of memory,\n"
    "             130 interrupted (Ctrl-C; the documents written so far are complete)\n";

static void print_usage(FILE *out)
{
    char names[256];
    fprintf(out, usage, fx_type_list(names, sizeof names));
}

typedef struct options {
    const char *out_dir;
    const char *rules_dir;
    const char *dct;
    unsigned types;     /* 0: every type */
    int jsonl_in, profile, quiet, stats, timeml;
    int skip_existing;  /* with out_dir: inputs whose output exists are left */
    int threads;        /* -j: worker threads (fx_runner) */
} options;

/* Set by the first Ctrl-C: no more input is read, the documents in flight
 * are finished and written, and the run ends with FX_EXIT_INTERRUPTED. A
 * second Ctrl-C ends it at once (the handler restores the default). */
static volatile sig_atomic_t interrupted;

/* The pipe or terminal that JSON Lines are being read from, else -1. */
static volatile sig_atomic_t stream_fd = -1;

static void on_interrupt(int sig)
{
    interrupted = 1;
    /* A Ctrl-C that comes after the loop's last look at the flag but
     * before its read of the stream starts would be lost, the read waiting
     * for more input for good: the stream becomes /dev/null, so that read
     * ends at once. (open, dup2 and close are async-signal-safe.) */
    if (stream_fd >= 0) {
        int saved = errno;
        int null_fd = open("/dev/null", O_RDONLY);
        if (null_fd >= 0) {
            dup2(null_fd, stream_fd);
            close(null_fd);
        }
        errno = saved;
    }
    signal(sig, SIG_DFL);
}

/* Ctrl-C stops the run cleanly, unless SIGINT was ignored when factx
 * started (nohup, a background job of a script), which it keeps. No
 * SA_RESTART: a read waiting on a pipe returns at once. */
static void catch_interrupt(void)
{
    struct sigaction old, sa = {0};
    if (sigaction(SIGINT, NULL, &old) == 0 && old.sa_handler == SIG_IGN) return;
    sa.sa_handler = on_interrupt;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
}

/* The rules directory when none is given: $FACTX_RULES, then rules/ beside
 * the binary's directory (in-tree bin/factx), then ../share/factx/rules
 * (installed), then the directory compiled in (make PREFIX=...), then
 * rules/ in the current directory. */
static const char *default_rules_dir(char *buf, size_t size)
{
    const char *env = getenv("FACTX_RULES");
    if (env && *env) return env;
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) *slash = '\0';
        struct stat st;
        static const char *const candidates[] = {"/../rules", "/../share/factx/rules"};
        for (size_t i = 0; i < 2; i++) {
            size_t n1 = strlen(exe), n2 = strlen(candidates[i]);
            if (n1 + n2 + 1 > size) break;
            memcpy(buf, exe, n1);
            memcpy(buf + n1, candidates[i], n2 + 1);
            if (stat(buf, &st) == 0 && S_ISDIR(st.st_mode)) return buf;
        }
    }
#ifdef FX_RULES_DIR
    struct stat st;
    if (stat(FX_RULES_DIR, &st) == 0 && S_ISDIR(st.st_mode)) return FX_RULES_DIR;
#endif
    return "rules";   /* build/release/factx run from the top of the tree */
}

/* --skip-existing: is the output of input NAME there already? Outputs
 * appear only complete (fx_output_write), so one that exists is whole. */
static int output_exists(const options *o, const char *name)
{
    if (!o->skip_existing) return 0;
    char *path = fx_output_path(o->out_dir, name);
    int exists = access(path, F_OK) == 0;
    free(path);
    return exists;
}

/* The document's warnings as the lines stderr gets (NULL when there are
 * none, or with -q): made by the worker, so that the document can be freed
 * before its turn to be written comes. */
static char *warning_lines(const fx_doc *doc, const char *label, const options *o)
{
    size_t count = fx_doc_warning_count(doc), size = 0;
    if (o->quiet || count == 0) return NULL;
    char *lines = NULL;
    FILE *f = open_memstream(&lines, &size);
    if (!f) fx_out_of_memory();
    for (size_t i = 0; i < count; i++) {
        size_t line, col;
        const char *message = fx_doc_warning(doc, i, &line, &col);
        if (line == 0) fprintf(f, "factx: %s: warning: %s\n", label, message);
        else fprintf(f, "factx: %s:%zu:%zu: warning: %s\n", label, line, col, message);
    }
    if (fclose(f) != 0) fx_out_of_memory();
    return lines;
}

/* Write one document's JSON where it belongs. Returns 0, or -1 for an
 * output error. A closed stdout ends the run quietly (EPIPE). */
static int output(const char *json, const char *name, const options *o, fx_diag *diag)
{
    int status = 0;
    if (o->out_dir) {
        char *path = fx_output_path(o->out_dir, name);
        status = fx_output_write(path, json, diag);
        free(path);
    } else if (fputs(json, stdout) == EOF || fputc('\n', stdout) == EOF || fflush(stdout) == EOF) {
        if (errno == EPIPE) exit(FX_EXIT_OK);
        fx_diag_report(diag, FX_ERROR, "<stdout>", 0, 0, "write error: %s", strerror(errno));
        status = -1;
    }
    return status;
}

static void print_error_object(const fx_jsonl_record *rec)
{
    char *s = fx_jsonl_error_json(rec);
    if ((puts(s) == EOF || fflush(stdout) == EOF) && errno == EPIPE) exit(FX_EXIT_OK);
    free(s);
}

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(fx_xmalloc(n), s, n);
}

/* One input on its way through the runner (fx_runner in factx.h): read on
 * the main thread, parsed, extracted and emitted on a worker, written on
 * the main thread. The worker frees the document once its JSON is made
 * and keeps only what the writer needs: finished documents wait in the
 * runner's window for their turn, and their working memory (the
 * normalised text, candidates, facts: 80-180 bytes per input byte on
 * fact-dense text) would wait with them. */
typedef struct job {
    char *bytes;            /* the article, or the JSONL line; freed by the worker */
    size_t len;
    int is_jsonl;
    char *name, *path;      /* files: output name and path */
    char *label;            /* for warnings: path, or FILE:LINE */
    const char *source;     /* JSONL: the file name (argv) */
    size_t line;
    fx_jsonl_record rec;    /* JSONL: the parsed record */
    int skipped;            /* --skip-existing: its output was there */
    int name_repaired;      /* its id or path was not UTF-8 (U+FFFD put in) */
    /* made by the worker */
    char *json;
    char *warnings;         /* the lines for stderr, or NULL */
    size_t warning_count;
    size_t facts[FX_TYPE_COUNT];
} job;

/* What workers and the writer share; a scratch and a profile per worker. */
typedef struct run_state {
    const fx_context *ctx;
    const options *o;
    fx_diag *diag;
    fx_scratch **scratch;
    fx_profile *profiles;
    int status;
    fx_progress *progress;  /* on a terminal only; stepped by the writer */
    fx_output_claims *claims;   /* with -o: each file and the input it is for */
    /* what the writer counted, for --stats and the Ctrl-C message */
    size_t expected;        /* documents to come (files), 0 when unknown (JSONL) */
    size_t written, skipped, failed, warnings, bytes;
    size_t facts[FX_TYPE_COUNT];
} run_state;

/* *s made valid UTF-8 (each invalid subpart a U+FFFD) when it is not: the
 * id and path go into JSON, which holds only UTF-8. Returns 1 when it
 * changed. */
static int repair_utf8(char **s)
{
    char *repaired = *s ? fx_input_utf8_repaired(*s) : NULL;
    if (!repaired) return 0;
    free(*s);
    *s = repaired;
    return 1;
}

/* Counts for --stats and the warnings, then the document freed. */
static void keep_summary(job *j, fx_doc *doc, const options *o)
{
    j->warning_count = fx_doc_warning_count(doc);
    j->warnings = warning_lines(doc, j->label, o);
    fx_doc_fact_counts(doc, j->facts, FX_TYPE_COUNT);
    fx_doc_free(doc);
}

static void work_job(void *item, int worker, void *user)
{
    job *j = item;
    run_state *st = user;
    const options *o = st->o;
    fx_profile *profile = o->profile ? &st->profiles[worker] : NULL;
    const char *dct = o->dct, *text = j->bytes;
    fx_dct_source source = FX_DCT_OPTION;
    size_t len = j->len;
    char *id, *path = NULL;
    if (j->skipped) return;
    if (j->is_jsonl) {
        double t0 = profile ? fx_clock_seconds() : 0;
        fx_jsonl_parse(j->bytes, j->len, j->line, &j->rec);
        if (profile) profile->seconds[FX_STAGE_INPUT] += fx_clock_seconds() - t0;
        j->name_repaired = repair_utf8(&j->rec.id);
        if (j->rec.error || (o->out_dir && output_exists(o, j->rec.id))) {
            j->skipped = !j->rec.error;
            free(j->bytes);
            j->bytes = NULL;
            return;
        }
        id = xstrdup(j->rec.id);
        text = j->rec.text;
        len = j->rec.text_len;
        if (!o->dct) {
            dct = j->rec.dct;
            source = FX_DCT_INPUT_FIELD;
        }
    } else {
        id = xstrdup(j->name);  /* unique within the run (unique_names) */
        path = xstrdup(j->path);
        j->name_repaired = repair_utf8(&id) | repair_utf8(&path);   /* the file keeps its own name */
    }
    fx_doc *doc = fx_doc_new(id, path, text, len);
    free(id);
    free(path);
    free(j->bytes);             /* the document holds its own copy */
    j->bytes = NULL;
    free(j->rec.text);
    j->rec.text = NULL;
    if (o->types) fx_doc_set_types(doc, o->types);
    if (o->timeml) fx_doc_set_timeml(doc, 1);
    if (dct && *dct) fx_doc_set_dct(doc, dct, source);   /* both were checked when read */
    j->json = fx_extract_json(st->ctx, st->scratch[worker], doc, o->out_dir == NULL, profile);
    keep_summary(j, doc, o);
}

/* With -o: claim the job's file; when an earlier input of this run has
 * it, say so naming both and return -1 (the file is theirs). */
static int claim_output(run_state *st, const job *j, const char *name)
{
    if (!st->o->out_dir) return 0;
    char *path = fx_output_path(st->o->out_dir, name);
    const char *first = fx_output_claim(st->claims, path, j->label);
    if (first && strcmp(first, j->label) == 0) first = NULL;   /* one file given twice: the same output */
    if (first)
        fx_diag_report(st->diag, FX_ERROR, j->label, 0, 0, "not written: its output %s is that of %s, read before it",
                       path, first);
    free(path);
    return first ? -1 : 0;
}

static void write_job(void *item, void *user)
{
    job *j = item;
    run_state *st = user;
    const options *o = st->o;
    double t0 = o->profile ? fx_clock_seconds() : 0;
    if (j->name_repaired && !o->quiet)
        fx_diag_report(st->diag, FX_WARNING, j->label, 0, 0, "%s not valid UTF-8: in the output, U+FFFD replaces each invalid byte",
                       j->is_jsonl ? "the id is" : "the file name is");
    if (j->is_jsonl && j->rec.error) {
        if (!o->quiet) fx_diag_report(st->diag, FX_WARNING, j->source, j->rec.line, 0, "%s", j->rec.error);
        if (!o->out_dir) print_error_object(&j->rec);
        st->status = FX_EXIT_INPUT;
        st->failed++;
    } else if (claim_output(st, j, j->is_jsonl ? j->rec.id : j->name) < 0) {
        st->status = FX_EXIT_INPUT;
        st->failed++;
    } else if (j->skipped) {
        st->skipped++;
    } else {
        if (j->warnings) {
            fx_progress_clear(st->progress);
            fputs(j->warnings, stderr);
        }
        if (output(j->json, j->is_jsonl ? j->rec.id : j->name, o, st->diag) < 0) st->status = FX_EXIT_OUTPUT;
        st->written++;
        st->bytes += j->len;
        st->warnings += j->warning_count;
        for (int t = 0; t < FX_TYPE_COUNT; t++) st->facts[t] += j->facts[t];
    }
    if (o->profile) st->profiles[0].seconds[FX_STAGE_OUTPUT] += fx_clock_seconds() - t0;
    fx_progress_step(st->progress, 1, j->len);
    free(j->json);
    free(j->warnings);
    fx_jsonl_record_free(&j->rec);
    free(j->name);
    free(j->path);
    free(j->label);
    free(j);
}

static int by_name_then_path(const void *a, const void *b)
{
    const fx_input_file *x = *(fx_input_file *const *)a, *y = *(fx_input_file *const *)b;
    int c = strcmp(x->name, y->name);
    return c ? c : strcmp(x->path, y->path);
}

/* Each input's name is its document id and its -o file name, so two
 * inputs of one run may not share it: a/x.txt and b/x.txt given on the
 * command line would both be "x". Inputs whose names collide are named by
 * their path instead ("a/x", "b/x"; leading "/" and "./" dropped), unless
 * they are the same path given twice. */
static void unique_names(fx_input_list *list)
{
    fx_input_file **sorted = fx_xmalloc((list->count ? list->count : 1) * sizeof *sorted);
    for (size_t i = 0; i < list->count; i++) sorted[i] = &list->files[i];
    qsort(sorted, list->count, sizeof *sorted, by_name_then_path);
    for (size_t i = 0, k; i < list->count; i = k) {
        for (k = i + 1; k < list->count && strcmp(sorted[k]->name, sorted[i]->name) == 0; k++) {}
        if (k - i < 2 || strcmp(sorted[i]->path, sorted[k - 1]->path) == 0) continue;
        for (size_t m = i; m < k; m++) {
            const char *p = sorted[m]->path;
            while (*p == '/' || (p[0] == '.' && p[1] == '/')) p += *p == '/' ? 1 : 2;
            size_t n = strlen(p);
            if (n > 4 && strcmp(p + n - 4, ".txt") == 0) n -= 4;
            free(sorted[m]->name);
            sorted[m]->name = fx_xstrndup(p, n);
        }
    }
    free(sorted);
}

static void run_files(fx_runner *runner, run_state *st, int argc, char **argv)
{
    fx_input_list list = {0};
    for (int i = 0; i < argc; i++)
        if (fx_input_collect(argv[i], &list, st->diag) < 0) st->status = FX_EXIT_INPUT;
    unique_names(&list);
    for (size_t i = 0; i < list.count; i++) {
        struct stat in_stat;
        int sized = strcmp(list.files[i].path, "-") != 0 && stat(list.files[i].path, &in_stat) == 0;
        fx_progress_expect(st->progress, 1, sized ? (size_t)in_stat.st_size : 0);
    }
    st->expected = list.count;
    for (size_t i = 0; i < list.count && !interrupted; i++) {
        const fx_input_file *in = &list.files[i];
        job *j = calloc(1, sizeof *j);
        if (!j) fx_out_of_memory();
        j->name = xstrdup(in->name);
        j->label = xstrdup(in->path);
        if (st->o->out_dir && output_exists(st->o, in->name)) {
            j->skipped = 1;     /* written in its turn, so that counts and progress stay in order */
            fx_runner_submit(runner, j);
            continue;
        }
        double t0 = st->o->profile ? fx_clock_seconds() : 0;
        int failed = fx_input_read(in->path, &j->bytes, &j->len, st->diag) < 0;
        if (st->o->profile) st->profiles[0].seconds[FX_STAGE_INPUT] += fx_clock_seconds() - t0;
        if (failed) {
            st->status = FX_EXIT_INPUT;
            st->failed++;
            free(j->name);
            free(j->label);
            free(j);
            continue;
        }
        j->path = xstrdup(in->path);
        fx_runner_submit(runner, j);
    }
    fx_input_list_free(&list);
}

/* Can a read from in wait for a producer (a pipe, a terminal, a socket),
 * which may itself wait for our output before it sends more? */
static int is_stream(FILE *in)
{
    struct stat st;
    return fstat(fileno(in), &st) != 0 || !S_ISREG(st.st_mode);
}

/* Would reading from the stream in block now? Lines already in stdio's
 * buffer are not seen, so this may say yes too often, which costs only a
 * drain. */
static int input_would_block(FILE *in)
{
    struct pollfd p = {.fd = fileno(in), .events = POLLIN};
    return poll(&p, 1, 0) == 0;
}

static void run_jsonl(fx_runner *runner, run_state *st, int argc, char **argv)
{
    const char *stdin_only[] = {"-"};
    if (argc == 0) {
        argc = 1;
        argv = (char **)stdin_only;
    }
    for (int i = 0; i < argc && !interrupted; i++) {
        int is_stdin = strcmp(argv[i], "-") == 0;
        FILE *in = is_stdin ? stdin : fopen(argv[i], "rb");
        if (!in) {
            fx_diag_report(st->diag, FX_ERROR, argv[i], 0, 0, "cannot open: %s", strerror(errno));
            st->status = FX_EXIT_INPUT;
            continue;
        }
        struct stat in_stat;
        if (!is_stdin && stat(argv[i], &in_stat) == 0) fx_progress_expect(st->progress, 0, (size_t)in_stat.st_size);
        size_t line = 0;
        int stream = is_stream(in);
        if (stream) stream_fd = fileno(in);
        for (;;) {
            job *j = calloc(1, sizeof *j);
            if (!j) fx_out_of_memory();
            /* one output line per input line, flushed, even when more input is slow to come */
            if (stream && input_would_block(in)) fx_runner_drain(runner);
            double t0 = st->o->profile ? fx_clock_seconds() : 0;
            int got = fx_jsonl_read_line(in, &j->bytes, &j->len, &line);
            if (st->o->profile) st->profiles[0].seconds[FX_STAGE_INPUT] += fx_clock_seconds() - t0;
            if (!got || interrupted) {
                free(j->bytes);
                free(j);
                break;
            }
            j->is_jsonl = 1;
            j->source = argv[i];
            j->line = line;
            size_t n = strlen(argv[i]) + 24;
            j->label = fx_xmalloc(n);
            snprintf(j->label, n, "%s:%zu", argv[i], line);
            fx_runner_submit(runner, j);
        }
        stream_fd = -1;
        if (!is_stdin) fclose(in);
    }
}

/* --stats: one summary on stderr once the run is over. */
static void print_stats(const run_state *st, double seconds)
{
    fprintf(stderr, "factx: %zu documents", st->written);
    if (st->skipped) fprintf(stderr, " (%zu skipped: output exists)", st->skipped);
    if (st->failed) fprintf(stderr, " (%zu failed)", st->failed);
    size_t total = 0;
    for (int t = 0; t < FX_TYPE_COUNT; t++) total += st->facts[t];
    fprintf(stderr, ", %zu facts (", total);
    for (int t = 0; t < FX_TYPE_COUNT; t++) fprintf(stderr, "%s%s %zu", t ? ", " : "", fx_type_name((fx_type)t), st->facts[t]);
    double mb = (double)st->bytes / 1e6;
    fprintf(stderr, "), %.2f MB in %.2f s (%.2f MB/s), %zu warnings\n", mb, seconds,
            seconds > 0 ? mb / seconds : 0.0, st->warnings);
}

static const char eval_usage[] =
    "usage: factx eval [--json] GOLD_DIR OUT_DIR [DOCS_DIR]\n"
    "  score the outputs OUT_DIR/NAME.json against the gold files GOLD_DIR/NAME.json, or brat's\n"
    "  GOLD_DIR/NAME.ann with NAME.txt beside it (factx export --format brat, corrected in brat)\n"
    "  (shared/spec/SCORING.md); DOCS_DIR/NAME.txt, when given, checks every fact's offsets\n"
    "\n"
    "columns, one row per type and one for all:\n"
    "  gold, sys     facts in the gold files and in factx's output\n"
    "  P, R, F1      strict: a fact counts when its type, start and end equal a gold fact's\n"
    "  lenP ... F1   lenient: the spans only need to overlap (each fact paired at most once)\n"
    "  value         value accuracy: among lenient matches, the share with the gold value\n"
    "                (\"-\" for a type whose values are not scored)\n"
    "  then: documents scored, gold documents without an output, facts whose text is not\n"
    "  input[start:end] (with DOCS_DIR)\n"
    "\n"
    "options:\n"
    "  --json        the same figures as one JSON object\n"
    "  -h, --help    this text\n"
    "\n"
    "exit status: 0 scored, 1 a directory cannot be read or holds no gold files, or a gold or\n"
    "             output file is not valid JSON (FILE:LINE:COL: error; no scores), 2 usage\n";

static int cmd_eval(int argc, char **argv)
{
    static const struct option long_options[] = {
        {"json", no_argument, NULL, 'J'}, {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
    int as_json = 0;
    fx_cli_getopt_begin();
    for (int c; (c = getopt_long(argc, argv, ":h", long_options, NULL)) != -1;) {
        if (c == 'J') as_json = 1;
        else if (c == 'h') return fx_cli_help(eval_usage);
        else return fx_cli_option_error("eval", c, argv);
    }
    int k = argc - optind;
    if (k < 2 || k > 3) return fx_cli_usage_error("eval", "wants GOLD_DIR OUT_DIR [DOCS_DIR]");
    char **args = argv + optind;
    fx_diag diag;
    fx_diag_init(&diag, stderr);
    if (fx_eval(args[0], args[1], k == 3 ? args[2] : NULL, as_json, stdout, &diag) < 0) return FX_EXIT_INPUT;
    return fx_cli_stdout_status(FX_EXIT_OK);
}

static const char selftest_usage[] =
    "usage: factx selftest [--rules DIR] [--rule ID]\n"
    "  run every rule's example: and reject: lines through the whole pipeline; each failure is\n"
    "  reported as FILE:LINE: error: ..., then one summary line \"rule examples: N passed, N failed\"\n"
    "\n"
    "options:\n"
    "  --rules DIR   the rules directory (default: as for extraction)\n"
    "  --rule ID     only the examples of rule ID\n"
    "  -h, --help    this text\n"
    "\n"
    "exit status: 0 every example passes, 2 usage, 3 the rules do not load, 5 examples failed\n";

static int cmd_selftest(int argc, char **argv)
{
    static const struct option long_options[] = {
        {"rules", required_argument, NULL, 'r'}, {"rule", required_argument, NULL, 'R'},
        {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
    const char *rules = NULL, *only = NULL;
    fx_cli_getopt_begin();
    for (int c; (c = getopt_long(argc, argv, ":h", long_options, NULL)) != -1;) {
        if (c == 'r') rules = optarg;
        else if (c == 'R') only = optarg;
        else if (c == 'h') return fx_cli_help(selftest_usage);
        else return fx_cli_option_error("selftest", c, argv);
    }
    if (optind < argc) return fx_cli_usage_error("selftest", "takes no operands ('%s')", argv[optind]);
    char buf[PATH_MAX];
    if (!rules) rules = default_rules_dir(buf, sizeof buf);
    fx_diag diag;
    fx_diag_init(&diag, stderr);
    diag.max_errors = 0;
    fx_context *ctx = fx_context_load(rules, &diag);
    if (!ctx) return FX_EXIT_RULES;
    size_t passed = 0, failed = 0;
    fx_selftest(ctx, &diag, only, &passed, &failed);
    fx_context_free(ctx);
    printf("rule examples: %zu passed, %zu failed\n", passed, failed);
    return fx_cli_stdout_status(failed ? FX_EXIT_FAILED : FX_EXIT_OK);
}

/* --max-doc-size N[K|M|G] (0: no limit), taken out of argv before the
 * other options are parsed: documents over it are refused with an error,
 * not read whole (docs/RELIABILITY.md). Returns 0, or -1 for a bad value. */
static int take_max_doc_size(int *argc, char **argv)
{
    size_t limit = (size_t)100 << 20;     /* default: 100 MiB */
    int k = 1;
    for (int i = 1; i < *argc; i++) {
        if (strcmp(argv[i], "--") == 0) {
            while (i < *argc) argv[k++] = argv[i++];
            break;
        }
        static const char name[] = "--max-doc-size";
        const size_t nl = sizeof name - 1;
        int joined = strncmp(argv[i], name, nl) == 0 && argv[i][nl] == '=';   /* --max-doc-size=20M */
        if (strcmp(argv[i], name) != 0 && !joined) {
            argv[k++] = argv[i];
            continue;
        }
        const char *value = joined ? argv[i] + nl + 1 : i + 1 < *argc ? argv[++i] : "";
        char *end = NULL;
        errno = 0;
        unsigned long long v = strtoull(value, &end, 10);
        int shift = !*end ? 0 : !strcmp(end, "K") ? 10 : !strcmp(end, "M") ? 20 : !strcmp(end, "G") ? 30 : -1;
        if (shift < 0 || errno || end == value || value[0] == '-' || v > (SIZE_MAX >> shift)) {
            fprintf(stderr, "factx: --max-doc-size wants a byte count such as 5000000, 20M or 1G (0: no limit); "
                            "try 'factx --help'\n");
            return -1;
        }
        limit = (size_t)v << shift;
    }
    *argc = k;
    argv[k] = NULL;
    fx_input_set_max_size(limit);
    return 0;
}

int main(int argc, char **argv)
{
    /* Blocks of 256 KiB and more (a long document's arena blocks, its
     * JSON) are mapped and given back when freed. glibc's own threshold
     * rises to the largest block freed, after which such blocks stay in
     * each thread's heap as free space: peak RSS at -j 2 over the bench
     * corpus 33.5 -> 31.7 MiB. */
    mallopt(M_MMAP_THRESHOLD, 256 * 1024);
    /* With the threshold set, glibc gives back a heap's free top past 128
     * KiB after each document, and the next document's blocks fault the
     * pages in again: at -j 2 that is an madvise per document, which also
     * stops the other worker to flush its TLB. Keeping 512 KiB at the top
     * of each heap: over 100 MB at -j 2, page faults 25,700-39,600 ->
     * 10,600-11,100 (start-up alone 7,200), peak RSS +0.3 MiB; 1 MiB kept
     * saved 1,500 more for +0.8 MiB (BENCHMARKS.md, front24). */
    mallopt(M_TOP_PAD, 512 * 1024);
    signal(SIGXFSZ, SIG_IGN);   /* a file size limit shows up as EFBIG, reported like a full disk */
    if (take_max_doc_size(&argc, argv) < 0) return FX_EXIT_USAGE;
    signal(SIGPIPE, SIG_IGN);   /* a closed pipe shows up as EPIPE, handled quietly */
    if (argc > 1 && strcmp(argv[1], "eval") == 0) return cmd_eval(argc - 1, argv + 1);
    if (argc > 1 && strcmp(argv[1], "selftest") == 0) return cmd_selftest(argc - 1, argv + 1);
    if (argc > 1 && strcmp(argv[1], "export") == 0) {
        char rules_buf[PATH_MAX];
        return fx_export_run(argc - 1, argv + 1, default_rules_dir(rules_buf, sizeof rules_buf));
    }
    if (argc > 1) {
        char rules_buf[PATH_MAX];
        int status;
        if (fx_workbench_run(argc - 1, argv + 1, default_rules_dir(rules_buf, sizeof rules_buf), &status))
            return status;
    }

    options o = {0};
    o.threads = fx_runner_default_threads();
    enum { OPT_JSONL_IN = 256, OPT_DCT, OPT_RULES, OPT_TYPES, OPT_TIMEML, OPT_PROFILE, OPT_STATS, OPT_SKIP_EXISTING,
           OPT_VERSION };
    static const struct option long_options[] = {
        {"output", required_argument, NULL, 'o'},
        {"jsonl-in", no_argument, NULL, OPT_JSONL_IN},
        {"dct", required_argument, NULL, OPT_DCT},
        {"rules", required_argument, NULL, OPT_RULES},
        {"types", required_argument, NULL, OPT_TYPES},
        {"timeml", no_argument, NULL, OPT_TIMEML},
        {"jobs", required_argument, NULL, 'j'},
        {"profile", no_argument, NULL, OPT_PROFILE},
        {"stats", no_argument, NULL, OPT_STATS},
        {"skip-existing", no_argument, NULL, OPT_SKIP_EXISTING},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, OPT_VERSION},
        {NULL, 0, NULL, 0},
    };
    fx_cli_getopt_begin();
    for (int c; (c = getopt_long(argc, argv, ":o:j:qh", long_options, NULL)) != -1;) {
        switch (c) {
        case 'o': o.out_dir = optarg; break;
        case OPT_JSONL_IN: o.jsonl_in = 1; break;
        case OPT_RULES: o.rules_dir = optarg; break;
        case OPT_PROFILE: o.profile = 1; break;
        case OPT_TIMEML: o.timeml = 1; break;
        case OPT_STATS: o.stats = 1; break;
        case OPT_SKIP_EXISTING: o.skip_existing = 1; break;
        case 'q': o.quiet = 1; break;
        case 'h': print_usage(stdout); return FX_EXIT_OK;
        case OPT_VERSION: printf("factx %s\n", FACTX_VERSION); return FX_EXIT_OK;
        case 'j': {
            char *end;
            long n = strtol(optarg, &end, 10);
            if (*optarg == '\0' || *end != '\0' || n < 1 || n > 256)
                return fx_cli_usage_error(NULL, "--jobs wants a number of threads from 1 to 256, not '%s'", optarg);
            o.threads = (int)n;
            break;
        }
        case OPT_DCT:
            if (!fx_cli_dct_valid(optarg)) return FX_EXIT_USAGE;
            o.dct = optarg;
            break;
        case OPT_TYPES:
            if (fx_types_parse(optarg, &o.types) < 0) {
                char names[256];
                return fx_cli_usage_error(NULL, "--types: unknown type in '%s' (%s)", optarg,
                                          fx_type_list(names, sizeof names));
            }
            break;
        default: return fx_cli_option_error(NULL, c, argv);
        }
    }
    char **paths = argv + optind;
    int path_count = argc - optind;
    static char dash[] = "-";   /* argv's strings are not const */
    static char *stdin_only[] = {dash, NULL};
    if (path_count == 0 && !o.jsonl_in) {
        /* like grep and jq: no path reads stdin, unless a person would have to type it */
        if (isatty(STDIN_FILENO)) return fx_cli_usage_error(NULL, "no input (give a PATH, or - for stdin)");
        paths = stdin_only;
        path_count = 1;
    }
    if (o.skip_existing && !o.out_dir) return fx_cli_usage_error(NULL, "--skip-existing goes with -o DIR");
    fx_diag diag;
    fx_diag_init(&diag, stderr);
    if (o.out_dir && fx_output_dir_check(o.out_dir, &diag) < 0) return FX_EXIT_OUTPUT;   /* before any work */
    char buf[PATH_MAX];
    const char *rules = o.rules_dir ? o.rules_dir : default_rules_dir(buf, sizeof buf);
    fx_context *ctx = fx_context_load(rules, &diag);
    if (!ctx) {
        fprintf(stderr, "factx: rule files have errors; nothing was processed\n");
        return FX_EXIT_RULES;
    }
    run_state st = {.ctx = ctx, .o = &o, .diag = &diag, .status = FX_EXIT_OK,
                    .progress = fx_progress_new(stderr, !o.quiet),
                    .claims = o.out_dir ? fx_output_claims_new() : NULL};
    st.scratch = fx_xmalloc((size_t)o.threads * sizeof *st.scratch);
    st.profiles = fx_xmalloc((size_t)o.threads * sizeof *st.profiles);
    for (int t = 0; t < o.threads; t++) {
        st.scratch[t] = fx_scratch_new(ctx);
        if (o.profile) fx_scratch_time_rules(st.scratch[t], ctx);
        st.profiles[t] = (fx_profile){{0}, 0, 0};
    }
    catch_interrupt();
    /* Each document's line is flushed whole (output()); stdio's buffer of a
     * page split a line of some 10 KB into three writes (11,907 over the
     * 4,601 documents of 10 MB), one that holds a line makes it one. Set
     * before anything is written to stdout, as setvbuf must be; with a
     * NULL buffer glibc would keep its own size. */
    static char stdout_buffer[64 * 1024];
    if (!o.out_dir) setvbuf(stdout, stdout_buffer, _IOFBF, sizeof stdout_buffer);
    double started = fx_clock_seconds();
    fx_runner *runner = fx_runner_new(o.threads, work_job, write_job, &st);
    if (!runner) runner = fx_runner_new(1, work_job, write_job, &st);   /* no threads: run inline */
    if (o.jsonl_in) run_jsonl(runner, &st, path_count, paths);
    else run_files(runner, &st, path_count, paths);
    fx_runner_finish(runner);
    fx_progress_free(st.progress);
    fx_output_claims_free(st.claims);
    int status = st.status;
    if (o.stats) print_stats(&st, fx_clock_seconds() - started);
    if (interrupted) {
        if (st.expected)
            fprintf(stderr, "factx: interrupted after %zu of %zu documents\n", st.written + st.skipped + st.failed,
                    st.expected);
        else fprintf(stderr, "factx: interrupted after %zu documents\n", st.written + st.failed);
        status = FX_EXIT_INTERRUPTED;
    }
    if (o.profile) {
        for (int t = 1; t < o.threads; t++) fx_profile_add(&st.profiles[0], &st.profiles[t]);
        fx_profile_print(stderr, &st.profiles[0], fx_clock_seconds() - started, o.threads);
        fx_profile_print_rules(stderr, ctx, st.scratch, o.threads, 12);
    }
    for (int t = 0; t < o.threads; t++) fx_scratch_free(st.scratch[t]);
    free(st.scratch);
    free(st.profiles);
    fx_context_free(ctx);
    if (fflush(stdout) == EOF && errno != EPIPE) return FX_EXIT_OUTPUT;
    return status;
}
