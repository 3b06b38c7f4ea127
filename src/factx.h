/* factx.h - the factx library: news articles in, facts out.
 *
 *   fx_diag diag;            fx_diag_init(&diag, stderr);
 *   fx_context *ctx = fx_context_load("rules", &diag);     // once
 *   fx_scratch *s = fx_scratch_new(ctx);                   // per thread
 *   fx_doc *doc = fx_doc_new("id", "path", bytes, len);    // per article
 *   fx_extract(ctx, s, doc, NULL);
 *   char *json = fx_emit_json(doc, 1);   ... free(json);
 *   fx_doc_free(doc); fx_scratch_free(s); fx_context_free(ctx);
 *
 * Ownership: each _new/_load has one matching _free; a context is
 * read-only after loading and may be shared by threads; a scratch and a
 * document belong to one thread at a time.
 */
#ifndef FACTX_H
#define FACTX_H

#include "diag.h"
#include "document.h"
#include "emit.h"
#include "match.h"

#define FACTX_VERSION "0.1.0"

typedef struct fx_context fx_context;

/* Time spent per stage, summed over documents (for --profile). */
typedef struct fx_profile {
    double seconds[8];
    size_t documents, bytes;
} fx_profile;

extern const char *const fx_stage_names[8];

fx_context *fx_context_load(const char *rules_dir, fx_diag *diag);
void fx_context_free(fx_context *ctx);

/* Run every stage after input on doc. doc->dct may be set beforehand (with
 * doc->dct_source) to give the document date. profile may be NULL. */
int fx_extract(const fx_context *ctx, fx_scratch *scratch, fx_doc *doc, fx_profile *profile);

#endif
