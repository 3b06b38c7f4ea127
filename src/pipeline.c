/* pipeline.c - the stages in order (see factx.h). */
#include <time.h>

#include "factx.h"
#include "match.h"
#include "normalise.h"
#include "resolve.h"
#include "rules.h"
#include "segment.h"
#include "values.h"

const char *const fx_stage_names[FX_STAGE_COUNT] = {"input", "normalise", "segment", "match",
                                                    "resolve", "values", "emit", "output"};

fx_context *fx_context_load(const char *rules_dir, fx_diag *diag)
{
    fx_context *ctx = fx_rules_load(rules_dir, diag);
    if (ctx) fx_match_index_build(ctx);
    return ctx;
}

void fx_context_free(fx_context *ctx)
{
    if (ctx) fx_match_index_free(ctx);
    fx_rules_free(ctx);
}

double fx_profile_clock(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

void fx_profile_add(fx_profile *into, const fx_profile *from)
{
    for (int s = 0; s < FX_STAGE_COUNT; s++) into->seconds[s] += from->seconds[s];
    into->documents += from->documents;
    into->bytes += from->bytes;
}

void fx_profile_print(FILE *out, const fx_profile *p, double wall, int threads)
{
    double total = 0;
    for (int s = 0; s < FX_STAGE_COUNT; s++) total += p->seconds[s];
    fprintf(out, "factx: profile: %zu documents, %.2f MB, %d thread%s\n", p->documents,
            (double)p->bytes / 1e6, threads, threads == 1 ? "" : "s");
    for (int s = 0; s < FX_STAGE_COUNT; s++)
        fprintf(out, "  %-10s %8.3f s  %5.1f%%\n", fx_stage_names[s], p->seconds[s],
                total > 0 ? 100 * p->seconds[s] / total : 0.0);
    fprintf(out, "  %-10s %8.3f s  (stage times are summed over threads)\n", "sum", total);
    fprintf(out, "  %-10s %8.3f s  %.2f MB/s  %.0f documents/s\n", "wall", wall,
            wall > 0 ? (double)p->bytes / 1e6 / wall : 0.0, wall > 0 ? (double)p->documents / wall : 0.0);
}

int fx_extract(const fx_context *ctx, fx_scratch *scratch, fx_doc *doc, fx_profile *profile)
{
    double t0 = profile ? fx_profile_clock() : 0, t;
#define STAGE(index, call)                                  \
    do {                                                    \
        call;                                               \
        if (profile) {                                      \
            t = fx_profile_clock();                                      \
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
