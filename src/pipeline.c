/* pipeline.c - the stages in order (see factx.h). */
#include <time.h>

#include "factx.h"
#include "match.h"
#include "normalise.h"
#include "resolve.h"
#include "rules.h"
#include "segment.h"
#include "values.h"

const char *const fx_stage_names[8] = {"input", "normalise", "segment", "match",
                                       "resolve", "values", "emit", "total"};

fx_context *fx_context_load(const char *rules_dir, fx_diag *diag)
{
    return fx_rules_load(rules_dir, diag);
}

void fx_context_free(fx_context *ctx) { fx_rules_free(ctx); }

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int fx_extract(const fx_context *ctx, fx_scratch *scratch, fx_doc *doc, fx_profile *profile)
{
    double t0 = profile ? now() : 0, t;
#define STAGE(index, call)                                  \
    do {                                                    \
        call;                                               \
        if (profile) {                                      \
            t = now();                                      \
            profile->seconds[index] += t - t0;              \
            t0 = t;                                         \
        }                                                   \
    } while (0)
    STAGE(1, fx_normalise(doc));
    STAGE(2, fx_segment(ctx, doc));
    STAGE(3, fx_match(ctx, scratch, doc));
    STAGE(4, fx_resolve(doc));
    STAGE(5, fx_values(ctx, doc));
#undef STAGE
    if (profile) {
        profile->documents++;
        profile->bytes += doc->src_len;
    }
    return 0;
}
