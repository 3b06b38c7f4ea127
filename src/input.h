/* input.h - stage 1: finding and reading articles.
 *
 * Paths on the command line expand to a sorted list of files: a file
 * stands for itself, a directory for its *.txt files (recursively, sorted
 * by path), "-" for standard input. JSONL input yields one record a line.
 *
 * Ownership: lists and records own their strings; free them with the
 * matching _free function.
 */
#ifndef FX_INPUT_H
#define FX_INPUT_H

#include <stddef.h>
#include <stdio.h>

#include "diag.h"

typedef struct fx_input_file {
    char *path;         /* as opened */
    char *name;         /* output name: path below the directory given, without .txt */
} fx_input_file;

typedef struct fx_input_list {
    fx_input_file *files;
    size_t count, capacity;
} fx_input_list;

/* Add path (file, directory or "-") to list. Returns 0, or -1 after a
 * diagnostic when path cannot be read. */
int fx_input_collect(const char *path, fx_input_list *list, fx_diag *diag);
void fx_input_list_free(fx_input_list *list);

/* Read a whole file ("-" = stdin) into a malloc'd buffer (NUL-terminated)
 * that the caller frees. Returns 0, or -1 after a diagnostic. */
int fx_input_read(const char *path, char **bytes, size_t *len, fx_diag *diag);

/* One JSONL record: {"id": ..., "text": ..., "dct": "YYYY-MM-DD"}. */
typedef struct fx_jsonl_record {
    char *id;
    char *text;
    size_t text_len;
    char dct[11];       /* "" when absent */
    char *error;        /* set when the line is malformed: what is wrong */
    size_t line;
} fx_jsonl_record;

/* Read the next non-blank line of in into rec. Returns 1 for a record
 * (rec->error set if malformed), 0 at end of input. Each line is held in
 * memory only while it is processed. */
int fx_jsonl_next(FILE *in, fx_jsonl_record *rec, size_t *line_number);
void fx_jsonl_record_free(fx_jsonl_record *rec);

#endif
