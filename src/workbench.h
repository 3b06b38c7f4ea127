/* workbench.h - the rule author's subcommands: lint, diff, explain, html.
 *
 * Each takes the arguments after its name (argv[0] is the subcommand) and
 * returns the process exit status; the work itself is in lint.h, diff.h,
 * explain.h and html.h. main.c only dispatches here.
 */
#ifndef FX_WORKBENCH_H
#define FX_WORKBENCH_H

/* Run subcommand argv[0] if it is one of ours: sets *status and returns 1;
 * returns 0 when argv[0] is not a workbench command. default_rules is the
 * rules directory to use when none is given. */
int fx_workbench_run(int argc, char **argv, const char *default_rules, int *status);

#endif
