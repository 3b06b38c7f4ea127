/* document.h - the one structure that flows through the pipeline.
 *
 *   input -> normalise -> segment -> dct -> match -> resolve -> values -> emit
 *
 * (dct, the document date, finds the dates of the lines it reads with the
 * date rules itself: fx_match_span. The words, tokens.h, are found once
 * by their first reader, the match stage's list rules, and read by the
 * resolvers too.)
 *
 * Each stage reads what earlier stages filled in and fills in its own part;
 * no stage changes an earlier stage's part. Ownership: a document owns
 * everything reachable from it. Strings and arrays live in doc->arena;
 * fact values are cJSON trees owned by the document. fx_doc_free releases
 * all of it, and nothing else ever frees a part of a document.
 */
#ifndef FX_DOCUMENT_H
#define FX_DOCUMENT_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "diag.h"       /* fx_line_cursor */
#include "factx.h"      /* the public side: fx_doc_new/free, fx_dct_source */
#include "types.h"      /* fx_type and its registry */

struct cJSON;
struct fx_rule;

/* One piece of the offset map: normalised bytes [norm, norm+norm_len) came
 * from original bytes [orig, orig+orig_len). In a copied piece the bytes are
 * identical (norm_len == orig_len) and map one to one; any other piece maps
 * as a whole, so a match may only start or end at its edges. */
typedef struct fx_piece {
    size_t norm, norm_len, orig, orig_len;
    int copied;
} fx_piece;

/* The offset map's index (fx_doc.piece_index): a lookup starts at the
 * piece its block begins in, not with a binary search of every piece
 * (a resolved fact maps its start and end, a sentence its edges). */
enum { FX_PIECE_BLOCK = 64 };

/* Make doc->piece_index for doc->pieces (normalise, once they are done). */
void fx_doc_index_pieces(fx_doc *doc);

typedef struct fx_span { size_t start, end; } fx_span;

/* A match of one rule, in normalised-text offsets, before resolution. */
typedef struct fx_candidate {
    const struct fx_rule *rule;
    size_t start, end;
    size_t *groups;         /* 2 * rule->group_count offsets; FX_UNSET if unset */
    size_t group_count;
    const void *entry;      /* list rules: the table row that matched */
    const char *rejected;   /* set by resolve/values: why it lost (explain) */
} fx_candidate;

#define FX_UNSET ((size_t)-1)

typedef struct fx_fact {
    fx_type type;
    const fx_candidate *candidate;  /* the winning match */
    size_t norm_start, norm_end;
    size_t start, end;              /* bytes in the original input */
    size_t sentence;
    const void *resolution;         /* what its type's resolver decided, or NULL (resolve_*.c, arena) */
    struct cJSON *value;            /* owned by the document */
    struct cJSON *extra;            /* optional extra fields merged into the fact */
} fx_fact;

const char *fx_dct_source_name(fx_dct_source source);

typedef struct fx_warning {
    size_t offset;          /* byte offset in the original, or FX_UNSET */
    size_t line, column;    /* of offset, 1-based; 0 with FX_UNSET */
    char *message;
} fx_warning;

/* Warnings kept per document; past it, one last warning counts the rest
 * (a document of NUL bytes must not give a warning per byte). */
enum { FX_MAX_WARNINGS = 100 };

typedef struct fx_doc {
    fx_arena arena;
    const char *id;         /* file name without .txt, or the JSONL "id" */
    const char *path;       /* "-" for stdin, NULL for JSONL records */
    const char *src;        /* original bytes (arena), NUL-terminated copy */
    size_t src_len;

    /* normalise */
    char *text;             /* normalised UTF-8, NUL-terminated */
    size_t text_len;
    fx_piece *pieces;
    size_t piece_count;
    size_t *piece_index;    /* per FX_PIECE_BLOCK bytes of text (text_len / FX_PIECE_BLOCK + 1):
                               the piece holding the block's first byte (made with the pieces) */
    size_t skipped_prefix;  /* bytes of a UTF-8 BOM left out */
    size_t src_invalid_utf8;    /* invalid UTF-8 sequences in src (replaced in text) */
    /* The offsets of src's UTF-8 continuation bytes (a character's bytes
     * after its first, the BOM's too), ascending, then SIZE_MAX: a byte's
     * code point offset is its own less the count before it (emit), and
     * the normaliser reads each such character anyway. NULL where it did
     * not list them (src not normalised, or with invalid UTF-8). src_nul:
     * src's first NUL byte (FX_UNSET: none), known where the list is. */
    const size_t *src_continuations;
    size_t src_nul;

    /* segment */
    fx_span *sentences;     /* normalised offsets */
    size_t sentence_count;

    /* the words, found once at their first reader (tokens.h) */
    const struct fx_tokens *tokens;

    /* match */
    fx_candidate *candidates;
    size_t candidate_count, candidate_capacity;

    /* resolve (values fill in each fact's value) */
    fx_fact *facts;         /* sorted by start */
    size_t fact_count;

    /* document creation date, ISO YYYY-MM-DD; "" when unknown */
    char dct[11];
    fx_dct_source dct_source;

    unsigned types;         /* bit set of fx_type to extract */
    int timeml;             /* TimeML mode (fx_doc_set_timeml) */

    fx_warning *warnings;
    size_t warning_count, warning_capacity;
    size_t warnings_not_kept;       /* past FX_MAX_WARNINGS */
    char not_kept_message[64];      /* the last warning's text once there are some */
    fx_line_cursor warning_cursor;  /* where the last warning was positioned */
} fx_doc;

/* Record a warning about the document (kept in its output). offset is a
 * byte offset into the original or FX_UNSET. */
void fx_doc_warn(fx_doc *doc, size_t offset, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The warnings so far, to go back to: a stage that decides again (the
 * resolve stage's rounds, resolve.h) keeps only the last round's. */
typedef struct fx_warning_mark {
    size_t count, not_kept;
    char not_kept_message[64];
    fx_line_cursor cursor;
} fx_warning_mark;
fx_warning_mark fx_doc_warnings_mark(const fx_doc *doc);
void fx_doc_warnings_rewind(fx_doc *doc, const fx_warning_mark *mark);

/* The piece containing normalised byte pos (the last piece for pos == len;
 * doc->piece_count > 0): the last piece starting at or before pos, among
 * those from the one its block begins in to the one the next block begins
 * in (most often the same). */
static inline const fx_piece *fx_doc_piece_at(const fx_doc *doc, size_t pos)
{
    size_t b = pos / FX_PIECE_BLOCK, last = doc->text_len / FX_PIECE_BLOCK, hi = doc->piece_count;
    if (b < last) hi = doc->piece_index[b + 1] + 1;
    else b = last;
    size_t lo = doc->piece_index[b];
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (doc->pieces[mid].norm <= pos) lo = mid;
        else hi = mid;
    }
    return &doc->pieces[lo];
}

/* fx_doc_orig_start with p the piece at norm_start (fx_doc_piece_at). */
static inline size_t fx_doc_orig_start_in(const fx_piece *p, size_t norm_start)
{
    if (norm_start >= p->norm + p->norm_len) return p->orig + p->orig_len;
    if (p->copied) return p->orig + (norm_start - p->norm);
    return p->orig;
}

/* Map a normalised span to original byte offsets (see fx_piece). Inline:
 * the resolver maps every fact's start and end, emit every sentence's
 * (some 54,000 calls a MB). */
static inline size_t fx_doc_orig_start(const fx_doc *doc, size_t norm_start)
{
    if (doc->piece_count == 0) return doc->skipped_prefix;
    return fx_doc_orig_start_in(fx_doc_piece_at(doc, norm_start), norm_start);
}

static inline size_t fx_doc_orig_end(const fx_doc *doc, size_t norm_end)
{
    if (doc->piece_count == 0 || norm_end == 0) return doc->skipped_prefix;
    const fx_piece *p = fx_doc_piece_at(doc, norm_end - 1);
    if (p->copied) return p->orig + (norm_end - p->norm);
    return p->orig + p->orig_len;
}

/* fx_doc_orig_span with p the piece at norm_start. */
static inline fx_span fx_doc_orig_span_in(const fx_doc *doc, const fx_piece *p, size_t norm_start,
                                          size_t norm_end)
{
    if (p->copied && norm_end <= p->norm + p->norm_len)
        return (fx_span){p->orig + (norm_start - p->norm), p->orig + (norm_end - p->norm)};
    return (fx_span){fx_doc_orig_start_in(p, norm_start), fx_doc_orig_end(doc, norm_end)};
}

/* Both edges of a normalised span [norm_start, norm_end) at once: most
 * spans (a fact, a sentence) lie within one copied piece, whose one
 * lookup then maps both (the resolver maps some 22,000 facts a MB). */
static inline fx_span fx_doc_orig_span(const fx_doc *doc, size_t norm_start, size_t norm_end)
{
    if (doc->piece_count && norm_start < norm_end)
        return fx_doc_orig_span_in(doc, fx_doc_piece_at(doc, norm_start), norm_start, norm_end);
    return (fx_span){fx_doc_orig_start(doc, norm_start), fx_doc_orig_end(doc, norm_end)};
}

/* For spans mapped in text order (the resolver's kept spans): the copied
 * piece the last one lay in, which most often holds the next one too
 * (most documents are a few long copied pieces), tested before the block
 * index. Zero ({0}) before a document's first span; a cursor serves one
 * document. */
typedef struct fx_piece_cursor {
    size_t norm, norm_len, orig;    /* norm_len 0: no piece yet */
} fx_piece_cursor;

/* fx_doc_orig_span by a cursor: the same span. */
static inline fx_span fx_doc_orig_span_next(const fx_doc *doc, fx_piece_cursor *cursor, size_t norm_start,
                                            size_t norm_end)
{
    if (norm_start - cursor->norm < cursor->norm_len && norm_end - cursor->norm <= cursor->norm_len &&
        norm_start < norm_end)
        return (fx_span){cursor->orig + (norm_start - cursor->norm), cursor->orig + (norm_end - cursor->norm)};
    if (!doc->piece_count || norm_start >= norm_end) return fx_doc_orig_span(doc, norm_start, norm_end);
    const fx_piece *p = fx_doc_piece_at(doc, norm_start);
    if (p->copied) *cursor = (fx_piece_cursor){p->norm, p->norm_len, p->orig};
    return fx_doc_orig_span_in(doc, p, norm_start, norm_end);
}

/* Index of the sentence containing normalised offset pos. */
size_t fx_doc_sentence_at(const fx_doc *doc, size_t pos);

/* Room for one more candidate (fx_doc_add_candidate, when full). */
void fx_doc_grow_candidates(fx_doc *doc);

/* Append a candidate; its groups array is allocated (unset) in the arena.
 * Inline: the match stage adds some 27,000 a MB, and the call's own saves
 * and restores were a third of the work. */
static inline fx_candidate *fx_doc_add_candidate(fx_doc *doc, const struct fx_rule *rule,
                                                 size_t start, size_t end, size_t group_count)
{
    if (doc->candidate_count == doc->candidate_capacity) fx_doc_grow_candidates(doc);
    size_t *groups = NULL;
    if (group_count) {
        groups = fx_arena_alloc_uninit(&doc->arena, 2 * group_count * sizeof *groups);
        memset(groups, 0xff, 2 * group_count * sizeof *groups);    /* FX_UNSET: every bit set */
    }
    fx_candidate *c = &doc->candidates[doc->candidate_count++];
    *c = (fx_candidate){.rule = rule, .start = start, .end = end, .groups = groups, .group_count = group_count};
    return c;
}

/* src's first NUL byte, or NULL: the normaliser's (src_nul) where it
 * listed src's continuation bytes, else looked for. */
const char *fx_doc_first_nul(const fx_doc *doc);

#endif
