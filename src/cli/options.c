/* options.c - see options.h. */
#include "options.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>

#include "status.h"

void fx_cli_getopt_begin(void)
{
    opterr = 0;     /* errors are reported by fx_cli_option_error */
    optind = 0;     /* 0, not 1: glibc then also forgets an earlier parse */
}

static void try_help(const char *command)
{
    fprintf(stderr, "; try 'factx%s%s --help'\n", command ? " " : "", command ? command : "");
}

int fx_cli_option_error(const char *command, int c, char *const *argv)
{
    fprintf(stderr, "factx%s%s: ", command ? " " : "", command ? command : "");
    /* a long option, or an unknown one, is the argument getopt just passed */
    const char *arg = argv[optind - 1];
    if (c == ':') {
        if (arg[0] == '-' && arg[1] == '-') fprintf(stderr, "option '%s' needs a value", arg);
        else fprintf(stderr, "option '-%c' needs a value", optopt);
    } else if (optopt) {
        fprintf(stderr, "unknown option '-%c'", optopt);
    } else {
        fprintf(stderr, "unknown option '%s'", arg);
    }
    try_help(command);
    return FX_EXIT_USAGE;
}

int fx_cli_usage_error(const char *command, const char *fmt, ...)
{
    fprintf(stderr, "factx%s%s: ", command ? " " : "", command ? command : "");
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    try_help(command);
    return FX_EXIT_USAGE;
}

int fx_cli_help(const char *usage)
{
    fputs(usage, stdout);
    return FX_EXIT_OK;
}
