/* workbench.h - the rule author's subcommands: lint, diff, explain, html.
 *
 * Each takes the arguments after its name (argv[0] is the subcommand) and
 * returns the process exit status; the work itself is in lint.h, diff.h,
 * explain.h and html.h. main.c only dispatches here.
 */
#ifndef FX_WORKBENCH_H
#define FX_WORKBENCH_H

/* fx_workbench_run, the dispatcher, is public: see factx.h. */
#include "factx.h"

#endif
