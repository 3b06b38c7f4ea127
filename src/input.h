/* input.h - stage 1: finding and reading articles.
 *
 * Paths on the command line expand to a sorted list of files: a file
 * stands for itself, a directory for its *.txt files (recursively, sorted
 * by path), "-" for standard input. JSONL input yields one record a line.
 *
 * fx_input_read is public (factx.h); the rest serves the command line, the
 * fuzzers and the tests, and is not exported by the shared library.
 */
#ifndef FX_INPUT_H
#define FX_INPUT_H

#include <stddef.h>
#include <stdio.h>
#include <sys/stat.h>

#include "diag.h"
#include "factx.h"

/* The entries of directory dir except hidden ones, sorted by name (byte
 * order): a malloc'd array of malloc'd names, or NULL when dir cannot be
 * opened (errno says why). Release with fx_input_names_free. Shared by the
 * corpus walk, the rule loader and diff so all three list files alike. */
char **fx_input_dir_names(const char *dir, size_t *count);
void fx_input_names_free(char **names, size_t count);

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

/* Add path (file, directory or "-") to list. A file named on the command
 * line is read whatever it is (a FIFO from <(...), a device); in a
 * directory, a *.txt that is not a regular file (a FIFO would block the
 * run) is skipped with a warning, and a symbolic link is followed only
 * when it leads inside the directory given (else a warning: a link to /
 * would walk /proc and /sys). Returns 0, or -1 after a
 * diagnostic when path cannot be read. */
int fx_input_collect(const char *path, fx_input_list *list, fx_diag *diag);
void fx_input_list_free(fx_input_list *list);

/* 1 when st (of path) is a regular file; else 0 after a warning naming
 * path and what it is ("a FIFO, not a regular file: skipped"). For the
 * walks over input and rule directories. */
int fx_input_regular_or_skip(const char *path, const struct stat *st, fx_diag *diag);

/* fx_input_read (factx.h) refuses a file over this size without reading
 * it whole (-1 after a diagnostic). The limit is process-wide, 0 (the
 * default) for none; set it before reading. */
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
 * (rec->error set if malformed). A line longer than the document size
 * limit (fx_input_set_max_size) is read to its end but not kept: *line is
 * NULL and *len its length, and parsing it gives a record whose error
 * says so. Text after the object on its line is an error; "\u0000" in the
 * text is kept as a NUL byte (the text keeps its length). */
int fx_jsonl_read_line(FILE *in, char **line, size_t *len, size_t *line_number);
void fx_jsonl_parse(const char *line, size_t len, size_t line_number, fx_jsonl_record *rec);
/* fx_jsonl_parse through cJSON, for every line: fx_jsonl_parse reads the
 * common line ({"id", "text", "dct"} with string or null values) itself
 * and gives the others to this. Public for the tests that compare them. */
void fx_jsonl_parse_general(const char *line, size_t len, size_t line_number, fx_jsonl_record *rec);

/* The output line for a malformed record (rec->error set): one compact JSON
 * object {"schema_version","id","line","error","facts":[]}. The caller frees it. */
char *fx_jsonl_error_json(const fx_jsonl_record *rec);

/* The one file reader: all of the file at path in a malloc'd buffer,
 * NUL-terminated (*len without the NUL), or NULL when it cannot be opened
 * or read (errno says why). The caller frees it. Documents go through
 * fx_input_read, which adds the size limit and the text checks; the rule
 * loader reads rule files and tables with this. */
char *fx_input_read_file(const char *path, size_t *len);
/* The bytes of the file at path, read-only, for a caller that copies
 * them where it keeps them (a table into its block, tables.c): a regular
 * file of FX_POPULATE_MIN bytes or more mapped (MAP_POPULATE: the page
 * cache's pages, not one faulted at a time nor copied into fresh pages of
 * the process's own first), any other read by fx_input_read_file. -1 when
 * it cannot be opened or read (errno says why). Give it back with
 * fx_input_view_free. */
typedef struct fx_input_view {
    const char *bytes;
    size_t len;
    int mapped;         /* else bytes is fx_input_read_file's buffer */
} fx_input_view;
int fx_input_view_file(const char *path, fx_input_view *view);
void fx_input_view_free(fx_input_view *view);

/* s with each invalid UTF-8 subpart replaced by U+FFFD, malloc'd, or NULL
 * when s is valid UTF-8 already. */
char *fx_input_utf8_repaired(const char *s);

/* Byte offset of the first invalid UTF-8 subpart or NUL in s[0..len), or
 * -1 when there is none. */
long fx_input_first_bad_byte(const char *s, size_t len);

#endif
