/* profile.c - see profile.h. */
#include "profile.h"

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
