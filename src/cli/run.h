/* run.h - reading a run's output back: every document factx wrote into
 * an -o folder or a JSON Lines file, and the text of a document.
 *
 * factx diff and factx export read runs through this, so both accept the
 * same things: a folder (NAME.json below it, recursively; key NAME), a JSON
 * Lines file (key doc.id; the error objects of --jsonl-in are skipped),
 * one indented .json file (key: its file name without .json), or "-" for
 * JSON Lines on stdin.
 */
#ifndef FX_RUN_H
#define FX_RUN_H

#include <stddef.h>

#include "diag.h"

struct cJSON;

/* Called for every document in the order found; it owns root (free with
 * cJSON_Delete). where names the file for messages. */
typedef void (*fx_run_each_fn)(const char *key, struct cJSON *root, const char *where, void *user);

/* Read the run at path. Returns 0, or -1 after a diagnostic (no such path,
 * a file that is not JSON, a line that is not a factx document); the
 * documents that could be read were given to each all the same. */
int fx_run_read(const char *path, fx_run_each_fn each, void *user, fx_diag *diag);

/* The text of a document of a run, as a malloc'd NUL-terminated buffer
 * (length in *len) the caller frees: docs_dir/KEY.txt when docs_dir is
 * given, else the document's doc.path; NULL when there is none, or when the
 * file no longer has doc.bytes bytes (its offsets would lie). */
char *fx_run_text(const struct cJSON *root, const char *key, const char *docs_dir, size_t *len);

#endif
