/* diag.h - positioned diagnostics ("FILE:LINE:COL: severity: message").
 *
 * A sink collects reports from rule loading and input handling and prints
 * them to its stream as they arrive. After max_errors errors it stops
 * printing (and says so once) instead of flooding the terminal.
 * Warnings about one document are also kept with that document (see
 * document.h) so that they reach its JSON output.
 */
#ifndef FX_DIAG_H
#define FX_DIAG_H

#include <stddef.h>
#include <stdio.h>

/* fx_severity, fx_diag, fx_diag_init and fx_diag_report are public. */
#include "factx.h"
/* Print source_line with a caret under column col (1-based), jq-style. */
void fx_diag_show_line(fx_diag *diag, const char *source_line, size_t line_len, size_t col);
const char *fx_severity_name(fx_severity severity);

/* 1-based line and column (in bytes) of byte offset in text[0..len). */
void fx_line_col(const char *text, size_t len, size_t offset, size_t *line, size_t *col);

/* fx_line_col for many offsets, mostly increasing: each call scans on
 * from the previous one (from the start again only when offset goes
 * back), so that positioning k warnings costs O(len + k), not O(k * len).
 * Start it at {0}. */
typedef struct fx_line_cursor {
    size_t offset, line, line_start;
} fx_line_cursor;
void fx_line_col_from(fx_line_cursor *cursor, const char *text, size_t len, size_t offset, size_t *line,
                      size_t *col);

#endif
