/* factx.h - the public API of libfactx: news articles in, JSON facts out.
 *
 * This is the only header a program embedding factx needs (it is the one
 * that `make install` installs); the command line (src/main.c) uses nothing
 * else. Link with `pkg-config --cflags --libs factx`.
 *
 *   fx_diag diag;            fx_diag_init(&diag, stderr);
 *   fx_context *ctx = fx_context_load("rules", &diag);     // once
 *   fx_scratch *s = fx_scratch_new(ctx);                   // per thread
 *   fx_doc *doc = fx_doc_new("id", NULL, bytes, len);      // per article
 *   fx_extract(ctx, s, doc, NULL);
 *   char *json = fx_emit_json(doc, 1);   ... free(json);
 *   fx_doc_free(doc); fx_scratch_free(s); fx_context_free(ctx);
 *
 * Ownership, the one rule: every fx_X_new / fx_X_load / fx_X_collect has one
 * matching fx_X_free; a returned `char *` is the caller's to free() with the
 * C library's free; a returned `const char *` belongs to the object it came
 * from and lives as long as that object. Inputs are copied: the caller may
 * free its buffers as soon as a call returns.
 *
 * Threads: a context is read-only after loading and may be shared by any
 * number of threads; a scratch and a document belong to one thread at a
 * time. An fx_diag sink is not locked: give each thread its own or
 * serialise the calls.
 *
 * Memory: allocation failure is fatal (the library prints "out of memory"
 * and exits), so no call returns NULL for lack of memory.
 *
 * Compatibility: FACTX_VERSION follows semantic versioning; the JSON output
 * carries FX_SCHEMA_VERSION, whose change policy is in docs/SCHEMA.md.
 */
#ifndef FACTX_H
#define FACTX_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define FACTX_VERSION "0.1.0"
/* The version of the JSON output format ("schema_version" in every object). */
#define FX_SCHEMA_VERSION "1.0"

/* The library's version at run time (may differ from FACTX_VERSION, the
 * header's, when a program runs against a newer shared library). */
const char *fx_version(void);

/* ---- Diagnostics ------------------------------------------------------
 * A sink owned by the caller (usually on its stack). Rule loading and input
 * handling report "FILE:LINE:COL: severity: message" to stream as they go;
 * after max_errors errors it stops printing (and says so once). */

typedef enum { FX_NOTE, FX_WARNING, FX_ERROR } fx_severity;

typedef struct fx_diag {
    FILE *stream;           /* NULL: count only, print nothing */
    size_t errors, warnings;
    size_t max_errors;      /* 0: no limit */
    int muted;              /* set once max_errors was reached */
} fx_diag;

void fx_diag_init(fx_diag *diag, FILE *stream);
/* file may be NULL; line/col 0 means "not known" and is left out. */
void fx_diag_report(fx_diag *diag, fx_severity severity, const char *file,
                    size_t line, size_t col, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* ---- Context: compiled rules and tables (opaque) ---------------------- */

typedef struct fx_context fx_context;

/* Load every *.rules file under rules_dir. Returns NULL after reporting
 * every error to diag when a rule file is broken. */
fx_context *fx_context_load(const char *rules_dir, fx_diag *diag);
void fx_context_free(fx_context *ctx);

/* Per-thread matching state (opaque); made for, and freed before, ctx. */
typedef struct fx_scratch fx_scratch;

fx_scratch *fx_scratch_new(const fx_context *ctx);
void fx_scratch_free(fx_scratch *scratch);

/* ---- Documents (opaque) ----------------------------------------------- */

typedef struct fx_doc fx_doc;

/* Where the document date came from (the output's "dct_source"). */
typedef enum {
    FX_DCT_NONE, FX_DCT_OPTION, FX_DCT_INPUT_FIELD, FX_DCT_TEXT
} fx_dct_source;

/* A new document holding a copy of bytes[0..len) (any bytes: invalid UTF-8
 * is repaired with a warning). id and path are copied; path may be NULL
 * (it is then null in the output). */
fx_doc *fx_doc_new(const char *id, const char *path, const char *bytes, size_t len);
void fx_doc_free(fx_doc *doc);

/* A type set from a comma-separated list of type names ("date,money");
 * returns 0, or -1 when a name is unknown or the list is empty. */
int fx_types_parse(const char *list, unsigned *types);
/* Extract only these types (default: all). Call before fx_extract. */
void fx_doc_set_types(fx_doc *doc, unsigned types);
/* Give the document date (YYYY-MM-DD) instead of looking for one in the
 * text; source says where it came from. Returns 0, or -1 (nothing changed)
 * when dct is not a valid date. Call before fx_extract. */
int fx_doc_set_dct(fx_doc *doc, const char *dct, fx_dct_source source);

/* Time spent per stage, summed over documents (for --profile). Stages 1-5
 * (normalise .. values) are timed by fx_extract; input (reading), emit and
 * output (writing) by the caller. With threads, each worker keeps its own
 * and they are added with fx_profile_add. */
enum { FX_STAGE_COUNT = 8 };
typedef struct fx_profile {
    double seconds[FX_STAGE_COUNT];
    size_t documents, bytes;
} fx_profile;

/* Stage names for fx_profile.seconds, in pipeline order. */
extern const char *const fx_stage_names[FX_STAGE_COUNT];

/* Monotonic clock in seconds, for timing stages. */
double fx_profile_clock(void);
void fx_profile_add(fx_profile *into, const fx_profile *from);
/* The --profile report: seconds per stage (summed over threads) and share,
 * then wall_seconds with MB/s and documents/s. */
void fx_profile_print(FILE *out, const fx_profile *profile, double wall_seconds, int threads);
/* Time per rule: a scratch records it once asked (it costs two clock reads
 * per rule and document); the report adds the scratches' times and prints
 * the `top` slowest rules with their match counts. */
void fx_scratch_time_rules(fx_scratch *scratch, const fx_context *ctx);
void fx_profile_print_rules(FILE *out, const fx_context *ctx, fx_scratch *const *scratches, int count, int top);

/* Run every stage after input on doc. profile may be NULL. Returns 0; a
 * document the pipeline gave up on still has its warnings. */
int fx_extract(const fx_context *ctx, fx_scratch *scratch, fx_doc *doc, fx_profile *profile);

/* The document as JSON text (docs/factx.schema.json): one line when
 * compact, else indented. The caller frees the string. */
char *fx_emit_json(const fx_doc *doc, int compact);

size_t fx_doc_fact_count(const fx_doc *doc);
size_t fx_doc_warning_count(const fx_doc *doc);
/* The message of warning i (owned by doc); *line and *column (1-based) get
 * its position in the input, or 0 when it has none. */
const char *fx_doc_warning(const fx_doc *doc, size_t i, size_t *line, size_t *column);

/* ---- Input ------------------------------------------------------------
 * Paths expand to a sorted list of files: a file stands for itself, a
 * directory for its *.txt files (recursively, sorted by path), "-" for
 * standard input. */

typedef struct fx_input_file {
    char *path;         /* as opened */
    char *name;         /* output name: path below the directory given, without .txt */
} fx_input_file;

typedef struct fx_input_list {
    fx_input_file *files;
    size_t count, capacity;
} fx_input_list;        /* start with {0}; owns its strings */

/* Add path (file, directory or "-") to list. Returns 0, or -1 after a
 * diagnostic when path cannot be read. */
int fx_input_collect(const char *path, fx_input_list *list, fx_diag *diag);
void fx_input_list_free(fx_input_list *list);

/* Read a whole file ("-" = stdin) into a malloc'd buffer (NUL-terminated)
 * that the caller frees. Returns 0, or -1 after a diagnostic. */
int fx_input_read(const char *path, char **bytes, size_t *len, fx_diag *diag);
/* What fx_input_read does with hostile files (docs/RELIABILITY.md): UTF-16
 * with a byte-order mark is transcoded to UTF-8 with a warning; a binary
 * file (control bytes, invalid UTF-8) is skipped with a warning (-1); a file
 * over the size limit is refused without being read whole (-1). The limit
 * is process-wide, 0 (the default) for none; set it before reading. */
void fx_input_set_max_size(size_t max_bytes);
size_t fx_input_max_size(void);

/* One JSON Lines record: {"id": ..., "text": ..., "dct": "YYYY-MM-DD"}. */
typedef struct fx_jsonl_record {
    char *id;           /* the "id" field, or "line-N" */
    char *text;
    size_t text_len;
    char dct[11];       /* "" when absent */
    char *error;        /* set when the line is malformed: what is wrong */
    size_t line;        /* 1-based line number in its input */
} fx_jsonl_record;      /* owns its strings */

/* Read the next non-blank line of in into rec. Returns 1 for a record
 * (rec->error set if malformed), 0 at end of input. Only the current line
 * is held in memory. *line_number counts lines read (start it at 0). */
int fx_jsonl_next(FILE *in, fx_jsonl_record *rec, size_t *line_number);
void fx_jsonl_record_free(fx_jsonl_record *rec);

/* fx_jsonl_next in two halves, so that a reader thread only splits lines
 * and worker threads parse them: the next non-blank line (the caller frees
 * it) and its number, 0 at end of input; then parse a line into rec
 * (rec->error set if malformed). */
int fx_jsonl_read_line(FILE *in, char **line, size_t *len, size_t *line_number);
void fx_jsonl_parse(const char *line, size_t len, size_t line_number, fx_jsonl_record *rec);

/* The output line for a malformed record (rec->error set): one compact JSON
 * object {"schema_version","id","line","error"}. The caller frees it. */
char *fx_jsonl_error_json(const fx_jsonl_record *rec);

/* ---- Many documents on N threads, output in input order ----------------
 *
 *   fx_runner *r = fx_runner_new(threads, work, write, user);
 *   for each input: fx_runner_submit(r, item);   // may write earlier items
 *   fx_runner_finish(r);                          // writes the rest, frees r
 *
 * work(item, worker, user) runs on a worker thread (worker is 0..threads-1,
 * so per-thread scratch can be indexed by it); write(item, user) runs on the
 * thread that calls submit/finish, exactly once per item, in submission
 * order. With threads == 1 no thread is started: submit calls work, then
 * write. At most 4 items per thread are in flight (submit blocks until the
 * oldest is written), so memory does not grow with the input. The runner
 * never frees items: write owns each item it is given. */

typedef struct fx_runner fx_runner;
typedef void (*fx_runner_work_fn)(void *item, int worker, void *user);
typedef void (*fx_runner_write_fn)(void *item, void *user);

/* threads >= 1. NULL if a thread cannot be started (then run with 1). */
fx_runner *fx_runner_new(int threads, fx_runner_work_fn work, fx_runner_write_fn write, void *user);
void fx_runner_submit(fx_runner *runner, void *item);
void fx_runner_finish(fx_runner *runner);
/* Wait until every item submitted so far is written. A streaming caller
 * calls it before it blocks on input, so that the output for every input
 * already received is out without waiting for more input. */
void fx_runner_drain(fx_runner *runner);
/* The number of online processors (at least 1): the default for -j. */
int fx_runner_default_threads(void);

/* ---- Tools ------------------------------------------------------------ */

/* Score OUT_DIR/NAME.json against GOLD_DIR/NAME.json (shared/spec/SCORING.md);
 * DOCS_DIR (may be NULL) holds NAME.txt for offset checks. Prints a table
 * (or JSON) to out. Returns 0, -1 when gold is unreadable. */
int fx_eval(const char *gold_dir, const char *out_dir, const char *docs_dir, int as_json, FILE *out,
            fx_diag *diag);

/* Run the examples of every rule (or only of rule only_rule when not NULL),
 * adding to *passed and *failed; failures go to diag. Returns 0, -1 on
 * setup failure. */
int fx_selftest(const fx_context *ctx, fx_diag *diag, const char *only_rule, size_t *passed, size_t *failed);

/* The rule author's subcommands (lint, diff, explain, html): run
 * subcommand argv[0] if it is one of them, set *status to its exit status
 * and return 1; return 0 when argv[0] is not one. default_rules is the
 * rules directory to use when none is given. */
int fx_workbench_run(int argc, char **argv, const char *default_rules, int *status);

/* A progress line on stream ("factx: 12/500 documents, 3.4/120.0 MB,
 * 2.1 MB/s, ETA 0:55"), drawn only when stream is a terminal and enabled;
 * otherwise the calls do nothing. Steps come from one thread. See
 * progress.h. */
typedef struct fx_progress fx_progress;
fx_progress *fx_progress_new(FILE *stream, int enabled);
void fx_progress_expect(fx_progress *progress, size_t documents, size_t bytes);
void fx_progress_step(fx_progress *progress, size_t documents, size_t bytes);
void fx_progress_clear(fx_progress *progress);
void fx_progress_free(fx_progress *progress);

#ifdef __cplusplus
}
#endif

#endif
