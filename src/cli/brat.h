/* brat.h - brat standoff annotation (https://brat.nlplab.org/standoff.html),
 * both ways: factx's facts written as a document's .ann file, and a .ann
 * file (corrected in brat, or written by hand) read back as gold for
 * factx eval.
 *
 * A fact is a text-bound annotation "T1<TAB>date 99 116<TAB>2014-12-04"
 * whose type is the fact type, with its value as JSON in an annotator's
 * note "#1<TAB>AnnotatorNotes T1<TAB>{...}". brat counts offsets in code
 * points of the .txt, factx in bytes: both directions convert with the
 * document's text. A span across a line break becomes fragments
 * ("99 105;106 116"), as brat wants.
 */
#ifndef FX_BRAT_H
#define FX_BRAT_H

#include <stddef.h>
#include <stdio.h>

#include "diag.h"

struct cJSON;

/* The facts of document root (factx's output) as .ann lines on out; text
 * is the document ([0, len), doc.bytes long). Returns 0, or -1 when
 * writing failed. */
int fx_brat_write(FILE *out, const struct cJSON *root, const char *text, size_t len);

/* The annotations of .ann text ann[0, ann_len) about document text[0, len)
 * as a factx-like tree {"facts": [{"type", "text", "start", "end",
 * "value"}...]} in byte offsets, sorted by start, for fx_eval_facts; the
 * caller frees it. Lines that are not text-bound annotations or notes on
 * them are skipped; a malformed one is reported to diag as path:line. */
struct cJSON *fx_brat_read(const char *ann, size_t ann_len, const char *text, size_t len, const char *path,
                           fx_diag *diag);

/* brat's annotation.conf for a collection of factx documents: every
 * registered fact type as an entity. */
void fx_brat_write_conf(FILE *out);

#endif
