/* workbench.h - the rule author's subcommands: lint, diff, explain, html.
 *
 * Each takes the arguments after its name (argv[0] is the subcommand) and
 * returns the process exit status; the work itself is in lint.h, diff.h,
 * explain.h and html.h. main.c only dispatches here.
 */
#ifndef FX_WORKBENCH_H
#define FX_WORKBENCH_H

#include "factx.h"
#include "input.h"

/* The rule author's subcommands (lint, diff, explain, html): run
 * subcommand argv[0] if it is one of them, set *status to its exit status
 * and return 1; return 0 when argv[0] is not one. default_rules is the
 * rules directory to use when none is given. */
int fx_workbench_run(int argc, char **argv, const char *default_rules, int *status);


/* The start of every command that extracts from PATHs: the inputs of
 * paths[0..count) (files, directories, "-") into list, and the rules of
 * the directory rules loaded into *ctx. Returns FX_EXIT_RULES when the
 * rules do not load (list is then freed, *ctx NULL), else FX_EXIT_INPUT
 * when a path could not be read, else FX_EXIT_OK; the caller frees list
 * and *ctx. */
int fx_cli_load(char **paths, int count, const char *rules, fx_diag *diag, fx_input_list *list, fx_context **ctx);

/* The document of one input file (its id: its name below the directory given),
 * or NULL after a diagnostic when it cannot be read. *bytes holds the
 * file; the caller frees it (free) and the document (fx_doc_free). */
fx_doc *fx_cli_read_doc(const fx_input_file *in, fx_diag *diag, char **bytes);

/* 1 when dct is a document date (fx_date_valid); else 0 after saying so
 * on stderr. Every command that takes --dct asks this, so all give the
 * same answer with the same message. */
int fx_cli_dct_valid(const char *dct);

/* The exit status once a command's report has gone to stdout: status
 * itself, also when the reader stopped early (factx diff ... | head), or
 * FX_EXIT_OUTPUT for any other write error. */
int fx_cli_stdout_status(int status);

#endif
