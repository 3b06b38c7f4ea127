/* options.h - what every factx command does alike on its command line.
 *
 * Each command parses its arguments with getopt_long (so --types=date,
 * --jobs=2 and --color=always work, long options may be shortened while
 * unambiguous, and options may follow operands); an option it does not
 * know, or one missing its value, gives one line on stderr and a pointer
 * to the command's --help, never the whole usage text.
 */
#ifndef FX_OPTIONS_H
#define FX_OPTIONS_H

/* Start a getopt_long parse of a command's argv (argv[0] is its name):
 * quiet errors, nothing left over from an earlier parse. */
void fx_cli_getopt_begin(void);

/* After getopt_long returned '?' (unknown option) or ':' (no value; the
 * optstring must begin with ':'): say so in one line, "factx COMMAND:
 * unknown option '--frobnicate'; try 'factx COMMAND --help'", and return
 * FX_EXIT_USAGE. command is NULL for factx itself. */
int fx_cli_option_error(const char *command, int c, char *const *argv);

/* A usage error that is not about one option (a missing operand, a bad
 * value): "factx COMMAND: MESSAGE; try 'factx COMMAND --help'"; returns
 * FX_EXIT_USAGE. */
/* --help: the command's usage text on stdout; returns FX_EXIT_OK. */
int fx_cli_help(const char *usage);

int fx_cli_usage_error(const char *command, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
