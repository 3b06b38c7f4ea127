/* diag.c - see diag.h. */
#include "diag.h"

#include <stdarg.h>
#include <string.h>

void fx_diag_init(fx_diag *diag, FILE *stream)
{
    diag->stream = stream;
    diag->errors = diag->warnings = 0;
    diag->max_errors = 50;
    diag->muted = 0;
}

const char *fx_severity_name(fx_severity severity)
{
    switch (severity) {
    case FX_NOTE: return "note";
    case FX_WARNING: return "warning";
    default: return "error";
    }
}

void fx_diag_report(fx_diag *diag, fx_severity severity, const char *file,
                    size_t line, size_t col, const char *fmt, ...)
{
    if (severity == FX_ERROR) diag->errors++;
    if (severity == FX_WARNING) diag->warnings++;
    if (!diag->stream || diag->muted) return;
    if (diag->max_errors && diag->errors > diag->max_errors) {
        fprintf(diag->stream, "factx: too many errors, giving up on reporting more\n");
        diag->muted = 1;
        return;
    }
    fputs("factx: ", diag->stream);
    if (file) {
        fputs(file, diag->stream);
        if (line) fprintf(diag->stream, ":%zu", line);
        if (line && col) fprintf(diag->stream, ":%zu", col);
        fputs(": ", diag->stream);
    }
    fprintf(diag->stream, "%s: ", fx_severity_name(severity));
    va_list ap;
    va_start(ap, fmt);
    vfprintf(diag->stream, fmt, ap);
    va_end(ap);
    fputc('\n', diag->stream);
}

void fx_diag_show_line(fx_diag *diag, const char *source_line, size_t line_len, size_t col)
{
    if (!diag->stream || diag->muted) return;
    fprintf(diag->stream, "    %.*s\n    ", (int)line_len, source_line);
    for (size_t i = 1; i < col && i <= line_len; i++)
        fputc(source_line[i - 1] == '\t' ? '\t' : ' ', diag->stream);
    fputs("^\n", diag->stream);
}

void fx_line_col(const char *text, size_t len, size_t offset, size_t *line, size_t *col)
{
    size_t l = 1, line_start = 0;
    if (offset > len) offset = len;
    for (size_t i = 0; i < offset; i++)
        if (text[i] == '\n') {
            l++;
            line_start = i + 1;
        }
    *line = l;
    *col = offset - line_start + 1;
}

void fx_line_col_from(fx_line_cursor *cursor, const char *text, size_t len, size_t offset, size_t *line,
                      size_t *col)
{
    if (offset > len) offset = len;
    if (cursor->line == 0 || offset < cursor->offset) *cursor = (fx_line_cursor){0, 1, 0};
    const char *p = text + cursor->offset, *end = text + offset;
    while ((p = memchr(p, '\n', (size_t)(end - p)))) {
        cursor->line++;
        cursor->line_start = (size_t)(++p - text);
    }
    cursor->offset = offset;
    *line = cursor->line;
    *col = offset - cursor->line_start + 1;
}
