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
#include <limits.h>
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
#include "factx.h"
#include "input.h"
#include "match.h"
#include "profile.h"
#include "progress.h"
#include "runner.h"
#include "selftest.h"
#include "status.h"
#include "types.h"
#include "workbench.h"

/* A printf format: %s is the list of types (fx_type_list). */
static const char usage[] =
    "usage: factx [options] PATH...          extract facts (PATH: file, directory, or - for stdin)\n"
    "       factx eval [--json] GOLD_DIR OUT_DIR [DOCS_DIR]\n"
    "       factx selftest [--rules DIR] [--rule ID]\n"
    "       factx lint [RULES_DIR]                  check rule files (see README \"Changing a rule\")\n"
    "       factx diff [--docs DIR] OLD NEW         what changed between two runs (exit 1 when they differ)\n"
    "       factx explain FILE [--at BYTE | --text STRING] [--trace]   why each fact came out\n"
    "       factx html [--gold DIR] -o REPORT.html PATH...   a page with the facts highlighted\n"
    "\n"
    "options:\n"
    "  -o DIR             write DIR/NAME.json per input NAME.txt (default: JSON Lines on stdout)\n"
    "  --jsonl-in         input lines are {\"id\":...,\"text\":...,\"dct\":\"YYYY-MM-DD\"}\n"
    "  --dct YYYY-MM-DD   document date for every input (overrides the text)\n"
    "  --rules DIR        rules directory (default: $FACTX_RULES, else the installed or in-tree rules/)\n"
    "  --types LIST       comma-separated: %s (default: all)\n"
    "  -j, --jobs N       extract on N threads (default: the number of processors)\n"
    "  --max-doc-size N   refuse documents over N bytes (K, M, G suffixes; 0: no limit; default 100M)\n"
    "  --profile          print time per stage to stderr\n"
    "  -q, --quiet        no warnings about documents, no progress line on stderr\n"
    "  -h, --help         this text\n"
    "  --version          print the version\n"
    "\n"
    "exit status: 0 ok, 1 some inputs failed (others written), 2 usage, 3 rule files broken,\n"
    "             4 output not written, 5 selftest failures\n";

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
    int jsonl_in, profile, quiet;
    int threads;        /* -j: worker threads (fx_runner) */
} options;

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

/* Output names may not leave the output directory: no absolute paths, no
 * "..", no control bytes. */
static char *safe_name(const char *name)
{
    size_t n = strlen(name);
    char *s = fx_xmalloc(n + 2);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)name[i];
        int segment_start = k == 0 || s[k - 1] == '/';
        if (c == '/' && segment_start) continue;               /* "//", leading "/" */
        if (c == '.' && segment_start) { s[k++] = '_'; continue; }   /* "..", hidden files */
        s[k++] = (c < 0x20 || c == 0x7F || c == '\\') ? '_' : (char)c;
    }
    if (k == 0) s[k++] = '_';
    s[k] = '\0';
    return s;
}

static int make_parents(const char *path)
{
    char *copy = fx_xmalloc(strlen(path) + 1);
    strcpy(copy, path);
    for (char *p = copy + 1; *p; p++) {
        if (*p != '/') continue;
        *p = '\0';
        if (mkdir(copy, 0777) != 0 && errno != EEXIST) {
            free(copy);
            return -1;
        }
        *p = '/';
    }
    free(copy);
    return 0;
}

static int write_all(int fd, const char *s, size_t len)
{
    while (len) {
        ssize_t n = write(fd, s, len);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return -1;
        s += n;
        len -= (size_t)n;
    }
    return 0;
}

/* json and a line feed into a new file that gets the name tmp only once it
 * is complete: written unnamed (O_TMPFILE) and then linked, so a run killed
 * at any moment leaves no partial file behind. Falls back to writing tmp
 * directly where the file system has no O_TMPFILE or /proc is missing. */
static int write_complete(const char *dir, const char *tmp, const char *json)
{
    size_t len = strlen(json);
    int fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
    if (fd >= 0) {
        char proc[64];
        snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
        int ok = write_all(fd, json, len) == 0 && write_all(fd, "\n", 1) == 0;
        ok = ok && linkat(AT_FDCWD, proc, AT_FDCWD, tmp, AT_SYMLINK_FOLLOW) == 0;
        int saved = errno;
        close(fd);
        errno = saved;
        if (ok) return 0;
        if (errno != ENOENT) return -1;     /* ENOENT: no /proc, write it by name */
    }
    fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0) return -1;
    int ok = write_all(fd, json, len) == 0 && write_all(fd, "\n", 1) == 0;
    int saved = errno;
    ok = close(fd) == 0 && ok;
    if (!ok) {
        if (errno == 0) errno = saved;
        unlink(tmp);
    }
    return ok ? 0 : -1;
}

/* Write json to DIR/NAME.json through a temporary file and rename, so a
 * reader never sees a half-written file. */
static int write_atomically(const char *dir, const char *name, const char *json, fx_diag *diag)
{
    char *safe = safe_name(name);
    size_t n = strlen(dir) + strlen(safe) + 64;
    char *path = fx_xmalloc(n), *tmp = fx_xmalloc(n), *parent = fx_xmalloc(n);
    snprintf(path, n, "%s/%s.json", dir, safe);
    snprintf(tmp, n, "%s/%s.json.tmp.%ld", dir, safe, (long)getpid());
    free(safe);
    snprintf(parent, n, "%s", path);
    *strrchr(parent, '/') = '\0';
    int status = -1;
    if (make_parents(path) == 0 && write_complete(parent, tmp, json) == 0) {
        if (rename(tmp, path) == 0) status = 0;
        else {
            int saved = errno;
            unlink(tmp);
            errno = saved;
        }
    }
    if (status < 0) fx_diag_report(diag, FX_ERROR, path, 0, 0, "cannot write: %s", strerror(errno));
    free(path);
    free(tmp);
    free(parent);
    return status;
}

static void print_warnings(const fx_doc *doc, const char *label, const options *o)
{
    if (o->quiet) return;
    for (size_t i = 0; i < fx_doc_warning_count(doc); i++) {
        size_t line, col;
        const char *message = fx_doc_warning(doc, i, &line, &col);
        if (line == 0) fprintf(stderr, "factx: %s: warning: %s\n", label, message);
        else fprintf(stderr, "factx: %s:%zu:%zu: warning: %s\n", label, line, col, message);
    }
}

/* Write one document's JSON where it belongs. Returns 0, or -1 for an
 * output error. A closed stdout ends the run quietly (EPIPE). */
static int output(const char *json, const char *name, const options *o, fx_diag *diag)
{
    int status = 0;
    if (o->out_dir) {
        status = write_atomically(o->out_dir, name, json, diag);
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
 * the main thread. */
typedef struct job {
    char *bytes;            /* the article, or the JSONL line; freed by the worker */
    size_t len;
    int is_jsonl;
    char *name, *path;      /* files: output name and path */
    char *label;            /* for warnings: path, or FILE:LINE */
    const char *source;     /* JSONL: the file name (argv) */
    size_t line;
    fx_jsonl_record rec;    /* JSONL: the parsed record */
    fx_doc *doc;
    char *json;
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
} run_state;

static void work_job(void *item, int worker, void *user)
{
    job *j = item;
    run_state *st = user;
    const options *o = st->o;
    fx_profile *profile = o->profile ? &st->profiles[worker] : NULL;
    const char *id, *dct = o->dct, *text = j->bytes;
    fx_dct_source source = FX_DCT_OPTION;
    size_t len = j->len;
    if (j->is_jsonl) {
        double t0 = profile ? fx_clock_seconds() : 0;
        fx_jsonl_parse(j->bytes, j->len, j->line, &j->rec);
        if (profile) profile->seconds[FX_STAGE_INPUT] += fx_clock_seconds() - t0;
        if (j->rec.error) goto done;
        id = j->rec.id;
        text = j->rec.text;
        len = j->rec.text_len;
        if (!o->dct) {
            dct = j->rec.dct;
            source = FX_DCT_INPUT_FIELD;
        }
    } else {
        id = j->name;   /* unique within the run (unique_names) */
    }
    j->doc = fx_doc_new(id, j->path, text, len);
    if (o->types) fx_doc_set_types(j->doc, o->types);
    if (dct && *dct) fx_doc_set_dct(j->doc, dct, source);   /* both were checked when read */
    fx_extract(st->ctx, st->scratch[worker], j->doc, profile);
    double t0 = profile ? fx_clock_seconds() : 0;
    j->json = fx_emit_json(j->doc, o->out_dir == NULL);
    if (profile) profile->seconds[FX_STAGE_EMIT] += fx_clock_seconds() - t0;
done:
    free(j->bytes);
    j->bytes = NULL;
}

static void write_job(void *item, void *user)
{
    job *j = item;
    run_state *st = user;
    double t0 = st->o->profile ? fx_clock_seconds() : 0;
    if (j->is_jsonl && j->rec.error) {
        fx_diag_report(st->diag, FX_WARNING, j->source, j->rec.line, 0, "%s", j->rec.error);
        if (!st->o->out_dir) print_error_object(&j->rec);
        st->status = FX_EXIT_INPUT;
    } else {
        if (fx_doc_warning_count(j->doc) && !st->o->quiet) fx_progress_clear(st->progress);
        print_warnings(j->doc, j->label, st->o);
        if (output(j->json, j->is_jsonl ? j->rec.id : j->name, st->o, st->diag) < 0) st->status = FX_EXIT_OUTPUT;
    }
    if (st->o->profile) st->profiles[0].seconds[FX_STAGE_OUTPUT] += fx_clock_seconds() - t0;
    fx_progress_step(st->progress, 1, j->len);
    if (j->doc) fx_doc_free(j->doc);
    free(j->json);
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
    for (size_t i = 0; i < list.count; i++) {
        const fx_input_file *in = &list.files[i];
        job *j = calloc(1, sizeof *j);
        if (!j) fx_out_of_memory();
        double t0 = st->o->profile ? fx_clock_seconds() : 0;
        int failed = fx_input_read(in->path, &j->bytes, &j->len, st->diag) < 0;
        if (st->o->profile) st->profiles[0].seconds[FX_STAGE_INPUT] += fx_clock_seconds() - t0;
        if (failed) {
            st->status = FX_EXIT_INPUT;
            free(j);
            continue;
        }
        j->name = xstrdup(in->name);
        j->path = xstrdup(in->path);
        j->label = xstrdup(in->path);
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
    for (int i = 0; i < argc; i++) {
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
        for (;;) {
            job *j = calloc(1, sizeof *j);
            if (!j) fx_out_of_memory();
            /* one output line per input line, flushed, even when more input is slow to come */
            if (stream && input_would_block(in)) fx_runner_drain(runner);
            double t0 = st->o->profile ? fx_clock_seconds() : 0;
            int got = fx_jsonl_read_line(in, &j->bytes, &j->len, &line);
            if (st->o->profile) st->profiles[0].seconds[FX_STAGE_INPUT] += fx_clock_seconds() - t0;
            if (!got) {
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
        if (!is_stdin) fclose(in);
    }
}

static int cmd_eval(int argc, char **argv)
{
    int as_json = 0, k = 0;
    const char *args[3] = {NULL, NULL, NULL};
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0) as_json = 1;
        else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            fputs("usage: factx eval [--json] GOLD_DIR OUT_DIR [DOCS_DIR]\n", stdout);
            return FX_EXIT_OK;
        } else if (k < 3) args[k++] = argv[i];
        else k = 4;
    }
    if (k < 2 || k > 3) {
        fputs("usage: factx eval [--json] GOLD_DIR OUT_DIR [DOCS_DIR]\n", stderr);
        return FX_EXIT_USAGE;
    }
    fx_diag diag;
    fx_diag_init(&diag, stderr);
    if (fx_eval(args[0], args[1], args[2], as_json, stdout, &diag) < 0) return FX_EXIT_INPUT;
    return fx_cli_stdout_status(FX_EXIT_OK);
}

static int cmd_selftest(int argc, char **argv)
{
    const char *rules = NULL, *only = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--rules") == 0 && i + 1 < argc) rules = argv[++i];
        else if (strcmp(argv[i], "--rule") == 0 && i + 1 < argc) only = argv[++i];
        else {
            fputs("usage: factx selftest [--rules DIR] [--rule ID]\n", strcmp(argv[i], "--help") ? stderr : stdout);
            return strcmp(argv[i], "--help") ? FX_EXIT_USAGE : FX_EXIT_OK;
        }
    }
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
    return failed ? FX_EXIT_FAILED : FX_EXIT_OK;
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
        if (strcmp(argv[i], "--max-doc-size") != 0) {
            argv[k++] = argv[i];
            continue;
        }
        char *end = NULL;
        errno = 0;
        unsigned long long v = i + 1 < *argc ? strtoull(argv[i + 1], &end, 10) : 0;
        int shift = !end ? -1 : !*end ? 0 : !strcmp(end, "K") ? 10 : !strcmp(end, "M") ? 20
                  : !strcmp(end, "G") ? 30 : -1;
        if (shift < 0 || errno || end == argv[i + 1] || argv[i + 1][0] == '-' || v > (SIZE_MAX >> shift)) {
            fprintf(stderr, "factx: --max-doc-size wants a byte count such as 5000000, 20M or 1G (0: no limit)\n");
            return -1;
        }
        limit = (size_t)v << shift;
        i++;
    }
    *argc = k;
    argv[k] = NULL;
    fx_input_set_max_size(limit);
    return 0;
}

int main(int argc, char **argv)
{
    signal(SIGXFSZ, SIG_IGN);   /* a file size limit shows up as EFBIG, reported like a full disk */
    if (take_max_doc_size(&argc, argv) < 0) return FX_EXIT_USAGE;
    signal(SIGPIPE, SIG_IGN);   /* a closed pipe shows up as EPIPE, handled quietly */
    if (argc > 1 && strcmp(argv[1], "eval") == 0) return cmd_eval(argc - 1, argv + 1);
    if (argc > 1 && strcmp(argv[1], "selftest") == 0) return cmd_selftest(argc - 1, argv + 1);
    if (argc > 1) {
        char rules_buf[PATH_MAX];
        int status;
        if (fx_workbench_run(argc - 1, argv + 1, default_rules_dir(rules_buf, sizeof rules_buf), &status))
            return status;
    }

    options o = {0};
    o.threads = fx_runner_default_threads();
    int first_path = argc;
    char **paths = fx_xmalloc((size_t)argc * sizeof *paths);
    int path_count = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--") == 0) {
            for (i++; i < argc; i++) paths[path_count++] = argv[i];
            break;
        }
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) { print_usage(stdout); free(paths); return FX_EXIT_OK; }
        if (strcmp(a, "--version") == 0) { printf("factx %s\n", FACTX_VERSION); free(paths); return FX_EXIT_OK; }
        if (strcmp(a, "--jsonl-in") == 0) { o.jsonl_in = 1; continue; }
        if (strcmp(a, "--profile") == 0) { o.profile = 1; continue; }
        if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) { o.quiet = 1; continue; }
        int takes_value = strcmp(a, "-o") == 0 || strcmp(a, "--dct") == 0 || strcmp(a, "--rules") == 0 ||
                          strcmp(a, "--types") == 0 || strcmp(a, "-j") == 0 || strcmp(a, "--jobs") == 0;
        const char *joined = strncmp(a, "-j", 2) == 0 && a[2] ? a + 2 : NULL;   /* -j4 */
        if (takes_value || joined) {
            if (!joined && i + 1 >= argc) {
                fprintf(stderr, "factx: %s needs a value\n", a);
                print_usage(stderr);
                free(paths);
                return FX_EXIT_USAGE;
            }
            const char *v = joined ? joined : argv[++i];
            if (strcmp(a, "-o") == 0) o.out_dir = v;
            else if (strcmp(a, "--rules") == 0) o.rules_dir = v;
            else if (joined || strcmp(a, "-j") == 0 || strcmp(a, "--jobs") == 0) {
                char *end;
                long n = strtol(v, &end, 10);
                if (*v == '\0' || *end != '\0' || n < 1 || n > 256) {
                    fprintf(stderr, "factx: %s wants a number of threads from 1 to 256, not '%s'\n", a, v);
                    free(paths);
                    return FX_EXIT_USAGE;
                }
                o.threads = (int)n;
            }
            else if (strcmp(a, "--dct") == 0) {
                if (!fx_cli_dct_valid(v)) {
                    free(paths);
                    return FX_EXIT_USAGE;
                }
                o.dct = v;
            } else if (fx_types_parse(v, &o.types) < 0) {
                char names[256];
                fprintf(stderr, "factx: --types: unknown type in '%s' (%s)\n", v, fx_type_list(names, sizeof names));
                free(paths);
                return FX_EXIT_USAGE;
            }
            continue;
        }
        if (a[0] == '-' && a[1]) {
            fprintf(stderr, "factx: unknown option %s\n", a);
            print_usage(stderr);
            free(paths);
            return FX_EXIT_USAGE;
        }
        paths[path_count++] = argv[i];
    }
    (void)first_path;
    if (path_count == 0 && !o.jsonl_in) {
        print_usage(stderr);
        free(paths);
        return FX_EXIT_USAGE;
    }
    if (o.out_dir && mkdir(o.out_dir, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "factx: %s: cannot create output directory: %s\n", o.out_dir, strerror(errno));
        free(paths);
        return FX_EXIT_OUTPUT;
    }

    fx_diag diag;
    fx_diag_init(&diag, stderr);
    char buf[PATH_MAX];
    const char *rules = o.rules_dir ? o.rules_dir : default_rules_dir(buf, sizeof buf);
    fx_context *ctx = fx_context_load(rules, &diag);
    if (!ctx) {
        fprintf(stderr, "factx: rule files have errors; nothing was processed\n");
        free(paths);
        return FX_EXIT_RULES;
    }
    run_state st = {ctx, &o, &diag, NULL, NULL, FX_EXIT_OK, fx_progress_new(stderr, !o.quiet)};
    st.scratch = fx_xmalloc((size_t)o.threads * sizeof *st.scratch);
    st.profiles = fx_xmalloc((size_t)o.threads * sizeof *st.profiles);
    for (int t = 0; t < o.threads; t++) {
        st.scratch[t] = fx_scratch_new(ctx);
        if (o.profile) fx_scratch_time_rules(st.scratch[t], ctx);
        st.profiles[t] = (fx_profile){{0}, 0, 0};
    }
    double started = fx_clock_seconds();
    fx_runner *runner = fx_runner_new(o.threads, work_job, write_job, &st);
    if (!runner) runner = fx_runner_new(1, work_job, write_job, &st);   /* no threads: run inline */
    if (o.jsonl_in) run_jsonl(runner, &st, path_count, paths);
    else run_files(runner, &st, path_count, paths);
    fx_runner_finish(runner);
    fx_progress_free(st.progress);
    int status = st.status;
    if (o.profile) {
        for (int t = 1; t < o.threads; t++) fx_profile_add(&st.profiles[0], &st.profiles[t]);
        fx_profile_print(stderr, &st.profiles[0], fx_clock_seconds() - started, o.threads);
        fx_profile_print_rules(stderr, ctx, st.scratch, o.threads, 12);
    }
    for (int t = 0; t < o.threads; t++) fx_scratch_free(st.scratch[t]);
    free(st.scratch);
    free(st.profiles);
    fx_context_free(ctx);
    free(paths);
    if (fflush(stdout) == EOF && errno != EPIPE) return FX_EXIT_OUTPUT;
    return status;
}
