/* profile.h - the --profile report of the command line.
 *
 * The library counts (fx_profile in factx.h: seconds per stage, documents,
 * bytes; per-rule times in match.h); this prints them.
 */
#ifndef FX_PROFILE_H
#define FX_PROFILE_H

#include <stdio.h>

#include "factx.h"

/* Seconds per stage (summed over threads) and share, then wall_seconds
 * with MB/s and documents/s. */
void fx_profile_print(FILE *out, const fx_profile *profile, double wall_seconds, int threads);

#endif
