/* factx.h - the public API of libfactx: news articles in, JSON facts out.
 *
 * This is the only header a program embedding factx needs (it is the one
 * that `make install` installs, and the only one whose functions the shared
 * library exports). The command line and its tools (src/cli/) are built on
 * top of the library and are not part of it. Link with
 * `pkg-config --cflags --libs factx`.
 *
 *   fx_diag diag;            fx_diag_init(&diag, stderr);
 *   fx_context *ctx = fx_context_load("rules", &diag);     // once
 *   fx_scratch *s = fx_scratch_new(ctx);                   // per thread
 *   fx_doc *doc = fx_doc_new("id", NULL, bytes, len);      // per article
 *   fx_extract(ctx, s, doc, NULL);
 *   char *json = fx_emit_json(doc, 1);   ... free(json);
 *   for (size_t i = 0; i < fx_doc_fact_count(doc); i++) fx_doc_fact(doc, i, &info);
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
 * and exits with FX_EXIT_OUT_OF_MEMORY), so no call returns NULL for lack
 * of memory.
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
#define FX_SCHEMA_VERSION "2.0"
/* The exit status of a process whose allocation failed (EX_SOFTWARE). */
#define FX_EXIT_OUT_OF_MEMORY 70

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
 * every error to diag when a rule file is broken. The caller frees the
 * context with fx_context_free, after the scratches made for it. */
fx_context *fx_context_load(const char *rules_dir, fx_diag *diag);
void fx_context_free(fx_context *ctx);

/* Per-thread matching state (opaque); made for, and freed (fx_scratch_free)
 * before, ctx. */
typedef struct fx_scratch fx_scratch;

fx_scratch *fx_scratch_new(const fx_context *ctx);
void fx_scratch_free(fx_scratch *scratch);

/* ---- Documents (opaque) ----------------------------------------------- */

typedef struct fx_doc fx_doc;

/* Where the document date came from (the output's "dct_source"): given
 * (--dct, the JSONL field), or the cue in the text that stated it: a
 * line that is little more than the date (TEXT), a dateline ("OSLO,
 * March 3, 2019 (Agency) -"), a byline ("By ..., December 08, 2014"), a
 * label ("Published:", "Updated", "Last modified"), a timestamp opening a
 * line ("2016-03-02 10:15 Editor: ..."), a date glued to the next word
 * ("3 March 2016The ..."), a page stamp (a printed page's header or
 * footer), or the first item of a list of dated news. */
typedef enum {
    FX_DCT_NONE, FX_DCT_OPTION, FX_DCT_INPUT_FIELD, FX_DCT_TEXT,
    FX_DCT_DATELINE, FX_DCT_BYLINE, FX_DCT_LABEL, FX_DCT_TIMESTAMP, FX_DCT_GLUED,
    FX_DCT_PAGE_STAMP, FX_DCT_NEWS_LIST
} fx_dct_source;

/* A new document holding a copy of bytes[0..len) (any bytes: invalid UTF-8
 * is repaired with a warning). id and path are copied; path may be NULL
 * (it is then null in the output). The caller frees the document, and with
 * it every string the fx_doc_ accessors returned, with fx_doc_free. */
fx_doc *fx_doc_new(const char *id, const char *path, const char *bytes, size_t len);
void fx_doc_free(fx_doc *doc);

/* A type set from a comma-separated list of type names ("date,money");
 * returns 0, or -1 when a name is unknown or the list is empty. */
int fx_types_parse(const char *list, unsigned *types);
/* Extract only these types (default: all). Call before fx_extract. */
void fx_doc_set_types(fx_doc *doc, unsigned types);
/* TimeML mode (on: 1): every date fact gets "timex_type" (DATE, TIME,
 * DURATION, SET), and durations, sets and generic references ("now",
 * "the past") become date facts too. Call before fx_extract. */
void fx_doc_set_timeml(fx_doc *doc, int on);
/* 1 when date[0..len) is a document date factx accepts: YYYY-MM-DD, a day
 * that exists in a year 0001-9999 ("2014-02-31" does not; every command
 * and fx_doc_set_dct use this). */
int fx_date_valid(const char *date, size_t len);
/* Give the document date (YYYY-MM-DD) instead of looking for one in the
 * text; source says where it came from. Returns 0, or -1 (nothing changed)
 * when dct is not a valid date (fx_date_valid). Call before fx_extract. */
int fx_doc_set_dct(fx_doc *doc, const char *dct, fx_dct_source source);

/* Time spent per stage, summed over documents (for --profile). The stages
 * from FX_STAGE_NORMALISE to FX_STAGE_VALUES are timed by fx_extract; input (reading), emit and
 * output (writing) by the caller. With threads, each worker keeps its own
 * and they are added with fx_profile_add. */
enum {
    FX_STAGE_INPUT, FX_STAGE_NORMALISE, FX_STAGE_SEGMENT, FX_STAGE_DCT, FX_STAGE_TOKENS, FX_STAGE_MATCH,
    FX_STAGE_RESOLVE, FX_STAGE_VALUES, FX_STAGE_EMIT, FX_STAGE_OUTPUT,
    FX_STAGE_COUNT
};
typedef struct fx_profile {
    double seconds[FX_STAGE_COUNT];
    size_t documents, bytes;
} fx_profile;

/* Stage names for fx_profile.seconds, in pipeline order (static). */
extern const char *const fx_stage_names[FX_STAGE_COUNT];

void fx_profile_add(fx_profile *into, const fx_profile *from);

/* Run every stage after input on doc. profile may be NULL. Returns 0; a
 * document the pipeline gave up on still has its warnings. */
int fx_extract(const fx_context *ctx, fx_scratch *scratch, fx_doc *doc, fx_profile *profile);

/* fx_extract then fx_emit_json, for a caller that wants only the JSON
 * (the command line, a pipeline over many documents): the same text,
 * but each fact's value is made as the fact is written and freed at
 * once, so a fact-dense document never holds all its values (about a
 * third of its working memory on such text). The document has no
 * values afterwards (fx_doc_fact_value gives "null"); its facts,
 * warnings and date are as after fx_extract. profile (may be NULL) gets
 * the emit stage too. The caller frees the string. */
char *fx_extract_json(const fx_context *ctx, fx_scratch *scratch, fx_doc *doc, int compact, fx_profile *profile);

/* ---- Results: after fx_extract ---------------------------------------- */

/* The document as JSON text (docs/factx.schema.json): one line when
 * compact, else indented. The caller frees the string. */
char *fx_emit_json(const fx_doc *doc, int compact);

/* The document date (YYYY-MM-DD, "" when unknown; owned by doc) and, when
 * source is not NULL, where it came from. */
const char *fx_doc_dct(const fx_doc *doc, fx_dct_source *source);

size_t fx_doc_fact_count(const fx_doc *doc);
/* The facts by type, in one pass: counts[t], for t < n, gets how many
 * are of the type whose bit in a type set (fx_types_parse) is 1u << t
 * (0 past the last type). */
void fx_doc_fact_counts(const fx_doc *doc, size_t *counts, size_t n);

/* One fact of a document, as fx_doc_fact gives it. Every pointer is owned
 * by the document and lives as long as it. */
typedef struct fx_fact_info {
    const char *type;       /* "date", "money", "percent", "city", "org" */
    const char *text;       /* the fact's bytes in the original input: end - start
                             * of them, not NUL-terminated */
    size_t start, end;      /* byte offsets into the original input, end exclusive */
    const char *rule;       /* the id of the rule that found it */
    size_t sentence;        /* the sentence it is in, as in the JSON output */
} fx_fact_info;

/* Fill *info with fact i (0 .. fx_doc_fact_count - 1; facts are sorted by
 * start). Returns 0, or -1 when i is out of range. */
int fx_doc_fact(const fx_doc *doc, size_t i, fx_fact_info *info);
/* The value of fact i as compact JSON text (as in the "value" of the
 * output), or NULL when i is out of range. The caller frees the string. */
char *fx_doc_fact_value(const fx_doc *doc, size_t i);

size_t fx_doc_warning_count(const fx_doc *doc);
/* The message of warning i (owned by doc); *line and *column (1-based) get
 * its position in the input, or 0 when it has none. */
const char *fx_doc_warning(const fx_doc *doc, size_t i, size_t *line, size_t *column);

/* ---- Reading a file ----------------------------------------------------
 * Read a whole file ("-" = stdin) into a malloc'd buffer (NUL-terminated)
 * that the caller frees. Returns 0, or -1 after a diagnostic. Hostile files
 * (docs/RELIABILITY.md): UTF-16 with a byte-order mark is transcoded to
 * UTF-8 with a warning; a binary file (control bytes, invalid UTF-8) is
 * skipped with a warning (-1). */
int fx_input_read(const char *path, char **bytes, size_t *len, fx_diag *diag);

#ifdef __cplusplus
}
#endif

#endif
