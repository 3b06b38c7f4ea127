/* status.h - the exit statuses of every factx command, named once.
 *
 * main.c and each subcommand return these; man factx (EXIT STATUS), the
 * --help texts and README list the same numbers, and
 * tests/downstream/run.sh checks that the man page documents each one.
 */
#ifndef FX_STATUS_H
#define FX_STATUS_H

#include "factx.h"   /* FX_EXIT_OUT_OF_MEMORY (70): the library's own exit */

typedef enum fx_exit_status {
    FX_EXIT_OK = 0,
    FX_EXIT_INPUT = 1,      /* some inputs could not be read or a JSONL line was malformed;
                             * the others were written */
    FX_EXIT_DIFFERENT = 1,  /* factx diff: the two runs differ */
    FX_EXIT_USAGE = 2,      /* a usage error (factx diff: also an unreadable side) */
    FX_EXIT_RULES = 3,      /* a rule file is broken: nothing was processed */
    FX_EXIT_OUTPUT = 4,     /* output could not be written */
    FX_EXIT_FAILED = 5,     /* selftest: an example failed; lint: errors found */
    FX_EXIT_INTERRUPTED = 130,  /* Ctrl-C (128 + SIGINT, as shells report it); the
                                 * outputs written before it are complete */
} fx_exit_status;

#endif
