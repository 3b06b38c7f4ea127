/* document.c - see document.h. */
#include "document.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

const char *fx_dct_source_name(fx_dct_source source)
{
    switch (source) {
    case FX_DCT_OPTION: return "option";
    case FX_DCT_INPUT_FIELD: return "input";
    case FX_DCT_TEXT: return "text";
    case FX_DCT_DATELINE: return "dateline";
    case FX_DCT_BYLINE: return "byline";
    case FX_DCT_LABEL: return "label";
    case FX_DCT_TIMESTAMP: return "timestamp";
    case FX_DCT_GLUED: return "glued";
    case FX_DCT_PAGE_STAMP: return "page_stamp";
    case FX_DCT_NEWS_LIST: return "news_list";
    default: return "none";
    }
}

fx_doc *fx_doc_new(const char *id, const char *path, const char *bytes, size_t len)
{
    fx_doc *doc = fx_xcalloc(1, sizeof *doc);
    fx_arena_init(&doc->arena);
    doc->id = fx_arena_strdup(&doc->arena, id ? id : "");
    doc->path = path ? fx_arena_strdup(&doc->arena, path) : NULL;
    doc->src = fx_arena_strndup(&doc->arena, bytes ? bytes : "", len);
    doc->src_len = len;
    doc->types = FX_ALL_TYPES;
    return doc;
}

void fx_doc_free(fx_doc *doc)
{
    if (!doc) return;
    for (size_t i = 0; i < doc->fact_count; i++) {     /* most have none (the values made as emitted) */
        if (doc->facts[i].value) cJSON_Delete(doc->facts[i].value);
        if (doc->facts[i].extra) cJSON_Delete(doc->facts[i].extra);
    }
    fx_arena_free(&doc->arena);
    free(doc);
}

void fx_doc_warn(fx_doc *doc, size_t offset, const char *fmt, ...)
{
    if (doc->warning_count > FX_MAX_WARNINGS) {
        fx_warning *last = &doc->warnings[FX_MAX_WARNINGS];
        snprintf(doc->not_kept_message, sizeof doc->not_kept_message,
                 "%zu more warnings not shown (at most %d per document)", ++doc->warnings_not_kept,
                 FX_MAX_WARNINGS);
        last->message = doc->not_kept_message;
        return;
    }
    if (doc->warning_count == doc->warning_capacity) {
        size_t cap = doc->warning_capacity ? doc->warning_capacity * 2 : 8;
        doc->warnings = fx_arena_grow(&doc->arena, doc->warnings,
                                      doc->warning_count * sizeof *doc->warnings,
                                      cap * sizeof *doc->warnings);
        doc->warning_capacity = cap;
    }
    va_list ap;
    va_start(ap, fmt);
    char *msg = fx_arena_vprintf(&doc->arena, fmt, ap);
    va_end(ap);
    fx_warning *w = &doc->warnings[doc->warning_count++];
    w->offset = offset;
    w->message = msg;
    w->line = w->column = 0;
    if (offset != FX_UNSET)
        fx_line_col_from(&doc->warning_cursor, doc->src, doc->src_len, offset, &w->line, &w->column);
    if (doc->warning_count > FX_MAX_WARNINGS) {     /* this one becomes the count of those not kept */
        w->offset = FX_UNSET;
        w->line = w->column = 0;
        doc->warnings_not_kept = 1;
        snprintf(doc->not_kept_message, sizeof doc->not_kept_message,
                 "1 more warning not shown (at most %d per document)", FX_MAX_WARNINGS);
        w->message = doc->not_kept_message;
    }
}

fx_warning_mark fx_doc_warnings_mark(const fx_doc *doc)
{
    fx_warning_mark m = {.count = doc->warning_count, .not_kept = doc->warnings_not_kept, .cursor = doc->warning_cursor};
    memcpy(m.not_kept_message, doc->not_kept_message, sizeof m.not_kept_message);
    return m;
}

void fx_doc_warnings_rewind(fx_doc *doc, const fx_warning_mark *mark)
{
    doc->warning_count = mark->count;
    doc->warnings_not_kept = mark->not_kept;
    doc->warning_cursor = mark->cursor;
    memcpy(doc->not_kept_message, mark->not_kept_message, sizeof doc->not_kept_message);
}

void fx_doc_index_pieces(fx_doc *doc)
{
    size_t blocks = doc->text_len / FX_PIECE_BLOCK + 1, b = 0;
    doc->piece_index = fx_arena_alloc_uninit(&doc->arena, blocks * sizeof *doc->piece_index);
    for (size_t k = 0; k < doc->piece_count; k++) {
        size_t next = k + 1 < doc->piece_count ? doc->pieces[k + 1].norm : SIZE_MAX;
        for (; b < blocks && b * FX_PIECE_BLOCK < next; b++) doc->piece_index[b] = k;
    }
    for (; b < blocks; b++) doc->piece_index[b] = 0;    /* no pieces: never read */
}

size_t fx_doc_sentence_at(const fx_doc *doc, size_t pos)
{
    size_t lo = 0, hi = doc->sentence_count;
    if (hi == 0) return 0;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (doc->sentences[mid].start <= pos) lo = mid;
        else hi = mid;
    }
    return lo;
}

void fx_doc_grow_candidates(fx_doc *doc)
{
    size_t cap = doc->candidate_capacity ? doc->candidate_capacity * 2 : 64;
    doc->candidates = fx_arena_grow_uninit(&doc->arena, doc->candidates, doc->candidate_count * sizeof *doc->candidates,
                                           cap * sizeof *doc->candidates);
    doc->candidate_capacity = cap;
}

const char *fx_doc_first_nul(const fx_doc *doc)
{
    if (!doc->src_continuations) return memchr(doc->src, '\0', doc->src_len);
    return doc->src_nul == FX_UNSET ? NULL : doc->src + doc->src_nul;
}
