/* colour.h - whether to colour terminal output, the same way everywhere.
 *
 * One rule for every command that colours (diff, explain ...): "always"
 * and "never" are obeyed; "auto" (or NULL) colours only when the stream is
 * a terminal, TERM is not "dumb" and NO_COLOR is unset or empty
 * (https://no-color.org: an explicit --color always still wins).
 */
#ifndef FX_COLOUR_H
#define FX_COLOUR_H

#include <stdio.h>

/* 1 to colour stream, 0 not to, -1 when `when` is not auto|always|never. */
int fx_use_colour(FILE *stream, const char *when);

#endif
