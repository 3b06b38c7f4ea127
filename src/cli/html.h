/* html.h - one self-contained HTML page to look at facts (`factx html`).
 *
 * Every document's text with its facts highlighted by type (legend at the
 * top, value and rule on hover), and a table of its facts. Given gold
 * files, the page puts the gold text beside factx's, marks missed gold
 * facts and spurious factx facts, and shows the scorer's table (eval.h)
 * per document and for all. No network: styles and the small script that
 * checks what the browser rendered (#fx-check) are inline.
 *
 *   fx_html *h = fx_html_new("factx report");
 *   fx_html_add(h, id, path, src, len, output_tree, gold_tree_or_NULL);
 *   fx_html_write(h, file);     // then fx_html_free(h)
 *
 * Ownership: fx_html_add copies what it needs; trees stay the caller's.
 */
#ifndef FX_HTML_H
#define FX_HTML_H

#include <stddef.h>
#include <stdio.h>

struct cJSON;
typedef struct fx_html fx_html;

fx_html *fx_html_new(const char *title);
/* Render one document. output is factx's JSON tree for it; gold is its
 * gold tree, or NULL (then the document is shown without scoring). */
void fx_html_add(fx_html *html, const char *id, const char *path, const char *src, size_t len,
                 const struct cJSON *output, const struct cJSON *gold);
/* Write the whole page. Returns 0, or -1 when out reports an error. */
int fx_html_write(fx_html *html, FILE *out);
void fx_html_free(fx_html *html);

#endif
