/* colour.c - see colour.h. */
#include "colour.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int fx_use_colour(FILE *stream, const char *when)
{
    if (when && strcmp(when, "always") == 0) return 1;
    if (when && strcmp(when, "never") == 0) return 0;
    if (when && strcmp(when, "auto") != 0) return -1;
    const char *no_colour = getenv("NO_COLOR");
    if (no_colour && *no_colour) return 0;
    const char *term = getenv("TERM");
    if (term && strcmp(term, "dumb") == 0) return 0;
    return isatty(fileno(stream));
}
