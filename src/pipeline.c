/* pipeline.c - the stages in order (see factx.h). */
#include "clock.h"
#include "dct.h"
#include "emit.h"
#include "factx.h"
#include "match.h"
#include "money.h"
#include "normalise.h"
#include "resolve.h"
#include "rules.h"
#include "segment.h"
#include "tokens.h"
#include "values.h"

const char *const fx_stage_names[FX_STAGE_COUNT] = {"input", "normalise", "segment", "dct", "tokens",
                                                    "match", "resolve", "values", "emit", "output"};

fx_context *fx_context_load(const char *rules_dir, fx_diag *diag)
{
    fx_context *ctx = fx_rules_load(rules_dir, diag);
    if (ctx) {
        fx_match_index_build(ctx);
        ctx->money = fx_money_context_build(ctx);
        fx_resolve_prepare(ctx);
        fx_dct_prepare(ctx);
        fx_segment_prepare(ctx);
    }
    return ctx;
}

void fx_context_free(fx_context *ctx)
{
    if (ctx) {
        fx_match_index_free(ctx);
        fx_money_context_free(ctx->money);
    }
    fx_rules_free(ctx);
}

void fx_profile_add(fx_profile *into, const fx_profile *from)
{
    for (int s = 0; s < FX_STAGE_COUNT; s++) into->seconds[s] += from->seconds[s];
    into->documents += from->documents;
    into->bytes += from->bytes;
}

/* The stages up to values (with_values) or up to resolve. */
static void run_stages(const fx_context *ctx, fx_scratch *scratch, fx_doc *doc, fx_profile *profile, int with_values)
{
    double t0 = profile ? fx_clock_seconds() : 0, t;
#define STAGE(index, call)                                  \
    do {                                                    \
        call;                                               \
        if (profile) {                                      \
            t = fx_clock_seconds();                         \
            profile->seconds[index] += t - t0;              \
            t0 = t;                                         \
        }                                                   \
    } while (0)
    STAGE(FX_STAGE_NORMALISE, fx_normalise(doc));
    STAGE(FX_STAGE_SEGMENT, fx_segment(ctx, doc));
    STAGE(FX_STAGE_DCT, fx_dct(ctx, scratch, doc));
    STAGE(FX_STAGE_TOKENS, fx_tokenise(doc));
    STAGE(FX_STAGE_MATCH, fx_match(ctx, scratch, doc));
    STAGE(FX_STAGE_RESOLVE, fx_resolve(ctx, scratch, doc));
    if (with_values) STAGE(FX_STAGE_VALUES, fx_values(doc));
#undef STAGE
    if (profile) {
        profile->documents++;
        profile->bytes += doc->src_len;
    }
}

int fx_extract(const fx_context *ctx, fx_scratch *scratch, fx_doc *doc, fx_profile *profile)
{
    run_stages(ctx, scratch, doc, profile, 1);
    return 0;
}

char *fx_extract_json(const fx_context *ctx, fx_scratch *scratch, fx_doc *doc, int compact, fx_profile *profile)
{
    run_stages(ctx, scratch, doc, profile, 0);
    double t0 = profile ? fx_clock_seconds() : 0, value_seconds = 0;
    char *json = fx_emit_json_valuing(doc, compact, fx_scratch_keeper(scratch), profile ? &value_seconds : NULL);
    if (profile) {
        profile->seconds[FX_STAGE_VALUES] += value_seconds;
        profile->seconds[FX_STAGE_EMIT] += fx_clock_seconds() - t0 - value_seconds;
    }
    return json;
}
