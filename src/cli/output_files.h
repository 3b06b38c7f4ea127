/* output_files.h - the files of an -o run: DIR/NAME.json per input.
 *
 * An input's name becomes its file name safely (it cannot leave DIR),
 * each file appears only complete (written unnamed, then linked and
 * renamed), the directory is checked before any document is extracted,
 * and two inputs of one run never share a file: the second is refused
 * with an error naming both (docs/RELIABILITY.md).
 */
#ifndef FX_OUTPUT_FILES_H
#define FX_OUTPUT_FILES_H

#include "diag.h"

/* DIR/NAME.json, where the output of input NAME goes: NAME without a
 * leading "/", empty segments, a leading "." of a segment (made "_"),
 * control bytes and "\" (made "_"). malloc'd; the caller frees it. */
char *fx_output_path(const char *dir, const char *name);

/* Create dir when missing and check that a file can be made in it.
 * Returns 0, or -1 after an error naming dir. */
int fx_output_dir_check(const char *dir, fx_diag *diag);

/* Write json and a line feed to path, creating its parent directories,
 * so that a reader never sees it half-written. Returns 0, or -1 after an
 * error naming path. */
int fx_output_write(const char *path, const char *json, fx_diag *diag);

/* The files of one run, each with the input that claimed it first. */
typedef struct fx_output_claims fx_output_claims;
fx_output_claims *fx_output_claims_new(void);
void fx_output_claims_free(fx_output_claims *claims);
/* Claim path for input (a label for messages): NULL when path was free,
 * else the label of the input that claimed it before (owned by claims). */
const char *fx_output_claim(fx_output_claims *claims, const char *path, const char *input);

#endif
