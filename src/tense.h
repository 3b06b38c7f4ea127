/* tense.h - is the text around a date telling of the past or the future?
 * Read from the cue words of the table DATE_TENSE_CUES (column "tense":
 * past, future, report) in the date's sentence and clause. */
#ifndef FX_TENSE_H
#define FX_TENSE_H

#include <stddef.h>

#include "document.h"
#include "words.h"

struct fx_context;
typedef struct fx_tense_cues fx_tense_cues;

/* DATE_TENSE_CUES indexed by the lower-cased first byte of each cue, so
 * that a window is scanned once for all cues; in arena (the context's:
 * built once, fx_resolve_prepare). NULL when the context has no such
 * table. */
const fx_tense_cues *fx_tense_cues_index(const struct fx_context *ctx, fx_arena *arena);

/* Past (-1), future (1) or neither (0): the closest tense cue before the
 * fact in its sentence, else (when look_after is set) the first one after
 * it ("Monday's meeting was postponed"), skipping reporting verbs ("...,
 * it said"). 0 when cues is NULL. */
int fx_tense_around(const fx_tense_cues *cues, const fx_doc *doc, const fx_fact *fact, int look_after);

/* Cue words hold apostrophes ("didn't", "'ll"), so their words do too: a
 * word byte (words.h) or '\''. */
static inline int fx_is_cue_word_byte(char c) { return fx_is_word_byte((unsigned char)c) || c == '\''; }

/* Position of the closest (last or first) whole-word occurrence of cue in
 * text[0..n), or -1; the edges of text count as word boundaries. */
long fx_find_word(const char *text, size_t n, const char *cue, int last);

#endif
