/* input.h - stage 1: finding and reading articles.
 *
 * Paths on the command line expand to a sorted list of files: a file
 * stands for itself, a directory for its *.txt files (recursively, sorted
 * by path), "-" for standard input. JSONL input yields one record a line.
 *
 * The whole interface is public: fx_input_collect, fx_input_read,
 * fx_jsonl_next and friends are declared in factx.h, with their ownership.
 */
#ifndef FX_INPUT_H
#define FX_INPUT_H

#include <stddef.h>
#include <stdio.h>

#include "diag.h"
#include "factx.h"

/* The entries of directory dir except hidden ones, sorted by name (byte
 * order): a malloc'd array of malloc'd names, or NULL when dir cannot be
 * opened (errno says why). Release with fx_input_names_free. Shared by the
 * corpus walk, the rule loader and diff so all three list files alike. */
char **fx_input_dir_names(const char *dir, size_t *count);
void fx_input_names_free(char **names, size_t count);

#endif
