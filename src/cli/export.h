/* export.h - `factx export --format FORMAT`: each document's facts in a
 * format other tools read.
 *
 * The formats are the rows of one table in export.c: a name, the file
 * extension of a document's output, whether the format wants TimeML date
 * facts (fx_doc_set_timeml), and its writer. A new format is one row and
 * one writer function; usage, --help and the error for an unknown format
 * are derived from the table.
 *
 *   timeml   one TimeML 1.2 document per article: the text with a TIMEX3
 *            tag around every date fact, the document date in <DCT>
 */
#ifndef FX_EXPORT_H
#define FX_EXPORT_H

/* Run `factx export` with its arguments (argv[0] is "export"); returns
 * the exit status (status.h). default_rules: the rules directory to use
 * when --rules is not given. */
int fx_export_run(int argc, char **argv, const char *default_rules);

#endif
