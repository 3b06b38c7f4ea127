/* progress.h - a progress line on a terminal for long runs.
 *
 *   factx: 120/5000 documents, 3.1/120.0 MB, 2.4 MB/s, ETA 0:49
 *
 * Drawn on stream (stderr) only when it is a terminal and the caller did
 * not silence it (-q); otherwise every call does nothing, so scripts and
 * logs never see it. Redrawn at most ten times a second, from the one
 * thread that calls fx_progress_step; erased by fx_progress_clear (before
 * other messages) and by fx_progress_free.
 *
 * Ownership: fx_progress_new returns an object for fx_progress_free.
 */
#ifndef FX_PROGRESS_H
#define FX_PROGRESS_H

#include <stddef.h>

#include <stdio.h>

typedef struct fx_progress fx_progress;
fx_progress *fx_progress_new(FILE *stream, int enabled);
void fx_progress_expect(fx_progress *progress, size_t documents, size_t bytes);
void fx_progress_step(fx_progress *progress, size_t documents, size_t bytes);
void fx_progress_clear(fx_progress *progress);
void fx_progress_free(fx_progress *progress);


/* The line for these counts after seconds (totals 0 when unknown), into
 * buf; returns its length. */
size_t fx_progress_format(char *buf, size_t size, size_t documents, size_t total_documents, size_t bytes,
                          size_t total_bytes, double seconds);

#endif
