/* html.c - see html.h. */
#include "html.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "arena.h"
#include "document.h"
#include "eval.h"
#include "output_value.h"
#include "types.h"

struct fx_html {
    char *title;
    char *body;                 /* the documents, rendered as they are added */
    size_t body_len;
    FILE *stream;               /* open_memstream on body */
    size_t documents, with_gold;
    size_t facts[FX_TYPE_COUNT], missed, spurious;
    fx_eval_counts per[FX_TYPE_COUNT];
    FILE *index;                /* open_memstream on index_html: a row per document */
    char *index_html;
    size_t index_len;
};

/* The page's style, in two parts with one colour per type (from the
 * registry). The legend, the marks and the browser test use the same class
 * names (fx-TYPE). */
static const char style[] =
    "body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:1400px;padding:0 1.5em;color:#222}"
    "h1{font-size:1.5em;margin:.6em 0 .2em}h2{font-size:1.15em;margin:1.6em 0 .3em;border-top:2px solid #ccc;"
    "padding-top:.6em}.meta{color:#666;font-size:.9em;margin:0}"
    ".legend{position:sticky;top:0;background:#fff;padding:.5em 0;border-bottom:1px solid #ddd;z-index:2}"
    ".legend span,.legend button{margin-right:.8em;padding:.1em .4em;border-radius:3px}"
    ".legend button{font:inherit;border:2px solid #555;cursor:pointer}"
    ".legend button[aria-pressed=false]{opacity:.45;text-decoration:line-through}"
    "#fx-search{font:inherit;margin-left:1em;padding:.1em .4em;width:16em}"
    "mark.fx,.legend .fx{border-radius:3px;padding:0 .1em;color:inherit;position:relative}"
    /* the type as a label after each span: shown by more than colour */
    "mark.fx::after{content:attr(data-type);font-size:.62em;font-weight:600;vertical-align:super;"
    "margin-left:.15em;color:#222;letter-spacing:.02em}"
    /* the readable tooltip, with links (GeoNames for cities) */
    "mark.fx .tip{display:none;position:absolute;left:0;top:1.5em;z-index:3;background:#222;color:#fff;"
    "padding:.3em .6em;border-radius:4px;font-size:.85em;white-space:nowrap;user-select:none}"
    "mark.fx:hover .tip,mark.fx:focus-within .tip{display:block}mark.fx .tip a{color:#9cf}";
static const char style_after_types[] =
    "mark.fx:hover{outline:2px solid #333}"
    ".missed{outline:2px dashed #d00;outline-offset:1px}.spurious{text-decoration:line-through wavy #d00}"
    ".lenient{outline:1px dotted #d80}.value-differs{box-shadow:inset 0 -3px 0 #d00}"
    ".cols{display:flex;gap:1.5em}.col{flex:1;min-width:0}.col h3{font-size:.95em;margin:.4em 0;color:#555}"
    ".text{white-space:pre-wrap;overflow-wrap:anywhere;background:#fafafa;border:1px solid #e4e4e4;"
    "padding:.6em .8em;border-radius:4px}"
    "table{border-collapse:collapse;margin:.6em 0;font-size:.88em}td,th{border:1px solid #ddd;padding:.15em .5em;"
    "text-align:left;vertical-align:top}th{background:#f0f0f0}td.num{text-align:right;font-variant-numeric:tabular-nums}"
    "td.value{font-family:ui-monospace,monospace;font-size:.95em;max-width:38em;overflow-wrap:anywhere}";

/* The page's one script: a legend button hides or shows its type (a class
 * on body; CSS does the rest), the search box keeps the documents whose
 * text holds the words typed. No test code: tests/workbench/check.js is
 * added to a copy by the browser test. */
static const char page_script[] =
    "document.querySelectorAll('.legend button[data-type]').forEach(function(b){b.addEventListener('click',"
    "function(){var on=b.getAttribute('aria-pressed')!=='true';b.setAttribute('aria-pressed',on?'true':'false');"
    "document.body.classList.toggle('hide-'+b.getAttribute('data-type'),!on);});});"
    "document.getElementById('fx-search').addEventListener('input',function(e){var q=e.target.value.toLowerCase();"
    "document.querySelectorAll('section.doc').forEach(function(d){var t=d.querySelector('.col-sys .text');"
    "d.hidden=q!==''&&(t?t.textContent:'').toLowerCase().indexOf(q)<0;});});";

static void esc(FILE *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        switch (s[i]) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\r': break;
        default: fputc(s[i] ? s[i] : ' ', out);
        }
    }
}

static void esc_str(FILE *out, const char *s) { esc(out, s, s ? strlen(s) : 0); }

static void esc_json(FILE *out, const cJSON *v)
{
    char *s = v ? cJSON_PrintUnformatted(v) : NULL;
    esc_str(out, s ? s : "null");
    free(s);
}

fx_html *fx_html_new(const char *title)
{
    fx_html *h = fx_xcalloc(1, sizeof *h);
    h->title = fx_xstrdup(title);
    h->stream = open_memstream(&h->body, &h->body_len);
    h->index = open_memstream(&h->index_html, &h->index_len);
    if (!h->stream || !h->index) fx_out_of_memory();
    return h;
}

static const cJSON *item(const cJSON *o, const char *key) { return cJSON_GetObjectItemCaseSensitive(o, key); }

/* n with thousands separators ("2,000,000"; "1,234.56" when it has a
 * fraction). */
static void put_grouped(FILE *out, double n)
{
    char digits[64];
    snprintf(digits, sizeof digits, "%.2f", n < 0 ? -n : n);
    char *dot = strchr(digits, '.');
    size_t whole = (size_t)(dot - digits);
    if (n < 0) fputc('-', out);
    for (size_t i = 0; i < whole; i++) {
        if (i && (whole - i) % 3 == 0) fputc(',', out);
        fputc(digits[i], out);
    }
    if (strcmp(dot, ".00") != 0) fputs(dot, out);
}

/* A fact's value as a reader says it, for its tooltip: "2014-04 (April
 * 2014) · 2014-04-01 – 2014-04-30", "EUR 2,000,000", "7%", "Copenhagen,
 * DK · pop 1.15 M" with a link to its GeoNames page, "NOVI = Novi Science
 * Park". Either value shape (1.x gold files, 2.x output). */
static void readable(FILE *out, int type, const cJSON *value, const char *text, size_t text_len)
{
    const cJSON *scalar = fx_value_scalar((fx_type)type, value);
    switch (type) {
    case FX_DATE:
        esc_str(out, cJSON_GetStringValue(scalar));
        fputs(" (", out);
        esc(out, text, text_len);
        fputc(')', out);
        if (cJSON_IsString(item(value, "start")) && cJSON_IsString(item(value, "end")) &&
            strcmp(item(value, "start")->valuestring, item(value, "end")->valuestring) != 0)
            fprintf(out, " · %s – %s", item(value, "start")->valuestring, item(value, "end")->valuestring);
        return;
    case FX_MONEY:
        esc_str(out, cJSON_GetStringValue(item(value, "currency")));
        fputc(' ', out);
        if (cJSON_IsNumber(item(value, "amount"))) put_grouped(out, item(value, "amount")->valuedouble);
        return;
    case FX_PERCENT:
        if (cJSON_IsNumber(scalar)) fprintf(out, "%g%%", scalar->valuedouble);
        return;
    case FX_CITY: {
        esc_str(out, cJSON_GetStringValue(item(value, "name")));
        const char *cc = cJSON_GetStringValue(item(value, "country_code"));
        if (cc) fprintf(out, ", %s", cc);
        const cJSON *pop = item(value, "population");
        if (cJSON_IsNumber(pop) && pop->valuedouble >= 1e6) fprintf(out, " · pop %.3g M", pop->valuedouble / 1e6);
        else if (cJSON_IsNumber(pop)) fprintf(out, " · pop %.0f", pop->valuedouble);
        const cJSON *id = item(value, "geonames_id");
        if (cJSON_IsNumber(id))
            fprintf(out, " · <a href=\"https://www.geonames.org/%.0f\" target=\"_blank\" rel=\"noopener\">GeoNames</a>",
                    id->valuedouble);
        return;
    }
    case FX_ORG:
        esc_str(out, cJSON_GetStringValue(item(value, "name")));
        if (cJSON_GetStringValue(item(value, "acronym_of"))) {
            fputs(" = ", out);
            esc_str(out, cJSON_GetStringValue(item(value, "acronym_of")));
        }
        return;
    default:
        esc_json(out, value);
    }
}

/* The text with facts marked. fs are the scored facts of tree (same
 * order); status marks unmatched ones with bad_class. Overlapping facts
 * (possible in hand-made gold) are drawn once, the first one winning. */
static void render_text(FILE *out, const char *src, size_t len, const cJSON *tree, const fx_eval_fact *fs,
                        size_t count, int scored, const char *bad_class)
{
    const cJSON *facts = cJSON_GetObjectItemCaseSensitive(tree, "facts");
    size_t pos = 0, k = 0;
    fputs("<div class=\"text\">", out);
    const cJSON *f;
    cJSON_ArrayForEach(f, facts) {
        const char *type = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(f, "type"));
        int t = type ? fx_type_from_name(type, strlen(type)) : -1;
        if (t < 0 || t >= FX_TYPE_COUNT) continue;
        const fx_eval_fact *e = k < count ? &fs[k++] : NULL;
        if (!e || e->start < (long)pos || e->end <= e->start || (size_t)e->end > len) continue;
        esc(out, src + pos, (size_t)e->start - pos);
        fprintf(out, "<mark class=\"fx fx-%s", type);
        if (scored && e->used == FX_EVAL_UNMATCHED) fprintf(out, " %s", bad_class);
        if (scored && e->used == FX_EVAL_LENIENT) fputs(" lenient", out);
        if (scored && e->used != FX_EVAL_UNMATCHED && !e->value_ok && fx_eval_scores_values(t)) fputs(" value-differs", out);
        fprintf(out, "\" data-type=\"%s\">", type);
        esc(out, src + e->start, (size_t)(e->end - e->start));
        fprintf(out, "<span class=\"tip\" role=\"tooltip\">%s: ", fx_types[t].label);
        readable(out, t, e->value, src + e->start, (size_t)(e->end - e->start));
        const char *rule = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(f, "rule"));
        if (rule) {
            fputs(" · rule ", out);
            esc_str(out, rule);
        }
        if (scored && e->used == FX_EVAL_UNMATCHED) fprintf(out, " · %s", bad_class);
        fputs("</span></mark>", out);
        pos = (size_t)e->end;
    }
    esc(out, src + pos, len - pos);
    fputs("</div>", out);
}

static void score_table(FILE *out, const fx_eval_counts per[FX_TYPE_COUNT], const char *cls)
{
    fprintf(out, "<table class=\"%s\"><thead><tr><th>type</th><th>gold</th><th>factx</th><th>P</th><th>R</th>"
                 "<th>F1</th><th>lenient P</th><th>lenient R</th><th>lenient F1</th><th>value</th></tr></thead><tbody>",
            cls);
    fx_eval_counts all = fx_eval_total(per);
    for (int t = 0; t <= FX_TYPE_COUNT; t++) {
        const fx_eval_counts *c = t < FX_TYPE_COUNT ? &per[t] : &all;
        fx_eval_metrics m = fx_eval_metrics_of(c);
        fprintf(out, "<tr><td>%s</td><td class=num>%zu</td><td class=num>%zu</td>",
                t < FX_TYPE_COUNT ? fx_type_name((fx_type)t) : "all", c->gold, c->system);
        double v[] = {m.precision, m.recall, m.f1, m.lenient_precision, m.lenient_recall, m.lenient_f1};
        for (int i = 0; i < 6; i++) fprintf(out, "<td class=num>%.3f</td>", v[i]);
        if (t < FX_TYPE_COUNT && !fx_eval_scores_values(t)) fputs("<td class=num>-</td></tr>", out);
        else fprintf(out, "<td class=num>%.3f</td></tr>", m.value_accuracy);
    }
    fputs("</tbody></table>", out);
}

static void fact_row(FILE *out, size_t n, const cJSON *f, const fx_eval_fact *e, int scored, const char *bad)
{
    const char *type = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(f, "type"));
    const char *rule = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(f, "rule"));
    fprintf(out, "<tr class=\"fx-%s\"><td class=num>%zu</td><td><span class=\"fx fx-", type ? type : "", n);
    esc_str(out, type);
    fputs("\">", out);
    esc_str(out, type);
    fputs("</span></td><td>", out);
    esc_str(out, cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(f, "text")));
    fprintf(out, "</td><td class=num>%ld-%ld</td><td class=value>", e->start, e->end);
    const char *text = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(f, "text"));
    readable(out, e->type, e->value, text ? text : "", text ? strlen(text) : 0);
    fputs("<br>", out);
    esc_json(out, e->value);
    fputs("</td><td>", out);
    esc_str(out, rule ? rule : "");
    fputs("</td>", out);
    if (scored) {
        const char *status = e->used == FX_EVAL_STRICT ? "match" : e->used == FX_EVAL_LENIENT ? "overlap" : bad;
        fprintf(out, "<td>%s%s</td>", status,
                e->used != FX_EVAL_UNMATCHED && !e->value_ok && fx_eval_scores_values(e->type) ? ", value differs" : "");
    }
    fputs("</tr>", out);
}

/* Facts of tree as table rows; only_unmatched keeps the unmatched ones. */
static size_t fact_rows(FILE *out, const cJSON *tree, const fx_eval_fact *fs, size_t count, int scored,
                        const char *bad, int only_unmatched)
{
    size_t k = 0, n = 0;
    const cJSON *f;
    cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(tree, "facts")) {
        const char *type = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(f, "type"));
        int t = type ? fx_type_from_name(type, strlen(type)) : -1;
        if (t < 0 || t >= FX_TYPE_COUNT || k >= count) continue;
        const fx_eval_fact *e = &fs[k++];
        if (only_unmatched && e->used != FX_EVAL_UNMATCHED) continue;
        fact_row(out, ++n, f, e, scored, bad);
    }
    return n;
}

void fx_html_add(fx_html *h, const char *id, const char *path, const char *src, size_t len, const cJSON *output,
                 const cJSON *gold)
{
    FILE *out = h->stream;
    size_t ns = 0, ng = 0;
    fx_eval_fact *sys = fx_eval_facts(output, &ns);
    fx_eval_fact *gf = gold ? fx_eval_facts(gold, &ng) : NULL;
    fx_eval_counts per[FX_TYPE_COUNT];
    memset(per, 0, sizeof per);
    if (gold) {
        fx_eval_score(gf, ng, sys, ns, per);
        for (int t = 0; t < FX_TYPE_COUNT; t++) {
            h->per[t].gold += per[t].gold;
            h->per[t].system += per[t].system;
            h->per[t].strict += per[t].strict;
            h->per[t].lenient += per[t].lenient;
            h->per[t].value_checked += per[t].value_checked;
            h->per[t].value_ok += per[t].value_ok;
        }
        for (size_t i = 0; i < ng; i++) h->missed += gf[i].used == FX_EVAL_UNMATCHED;
        for (size_t j = 0; j < ns; j++) h->spurious += sys[j].used == FX_EVAL_UNMATCHED;
        h->with_gold++;
    }
    for (size_t j = 0; j < ns; j++) h->facts[sys[j].type]++;
    size_t missed = 0, spurious = 0;
    for (size_t i = 0; gold && i < ng; i++) missed += gf[i].used == FX_EVAL_UNMATCHED;
    for (size_t j = 0; gold && j < ns; j++) spurious += sys[j].used == FX_EVAL_UNMATCHED;
    fprintf(h->index, "<tr><td><a href=\"#doc-%zu\">", h->documents + 1);
    esc_str(h->index, id);
    fprintf(h->index, "</a></td><td class=num>%zu</td>", ns);
    if (gold) {
        fx_eval_counts all = fx_eval_total(per);
        fprintf(h->index, "<td class=num>%zu</td><td class=num>%zu</td><td class=num>%zu</td><td class=num>%.3f</td>",
                all.gold, missed, spurious, fx_eval_metrics_of(&all).f1);
    } else if (h->with_gold) {
        fputs("<td colspan=4>no gold</td>", h->index);
    }
    fputs("</tr>", h->index);
    const cJSON *doc = cJSON_GetObjectItemCaseSensitive(output, "doc");
    const char *dct = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(doc, "dct"));
    fprintf(out, "<section class=\"doc\" id=\"doc-%zu\" data-id=\"", ++h->documents);
    esc_str(out, id);
    fputs("\"><h2>", out);
    esc_str(out, id);
    fputs("</h2><p class=\"meta\">", out);
    esc_str(out, path ? path : "(no path)");
    fprintf(out, " · %zu bytes · document date %s · %zu facts</p>", len, dct ? dct : "unknown", ns);
    fputs("<div class=\"cols\"><div class=\"col col-sys\"><h3>factx</h3>", out);
    render_text(out, src, len, output, sys, ns, gold != NULL, "spurious");
    fputs("</div>", out);
    if (gold) {
        fputs("<div class=\"col col-gold\"><h3>gold</h3>", out);
        render_text(out, src, len, gold, gf, ng, 1, "missed");
        fputs("</div>", out);
    }
    fputs("</div>", out);
    if (gold) score_table(out, per, "scores");
    fputs("<table class=\"facts\"><thead><tr><th>#</th><th>type</th><th>text</th><th>bytes</th><th>value</th>"
          "<th>rule</th>", out);
    if (gold) fputs("<th>against gold</th>", out);
    fputs("</tr></thead><tbody>", out);
    fact_rows(out, output, sys, ns, gold != NULL, "spurious", 0);
    fputs("</tbody></table>", out);
    if (gold) {
        fputs("<table class=\"missed-facts\"><caption>gold facts factx missed</caption><thead><tr><th>#</th>"
              "<th>type</th><th>text</th><th>bytes</th><th>value</th><th>rule</th><th>status</th></tr></thead><tbody>",
              out);
        fact_rows(out, gold, gf, ng, 1, "missed", 1);
        fputs("</tbody></table>", out);
    }
    fputs("</section>\n", out);
    free(sys);
    free(gf);
}

int fx_html_write(fx_html *h, FILE *out)
{
    fflush(h->stream);
    fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>", out);
    esc_str(out, h->title);
    fprintf(out, "</title><style>%s", style);
    for (int t = 0; t < FX_TYPE_COUNT; t++)
        fprintf(out, ".fx-%s{background:%s}body.hide-%s mark.fx-%s{background:none}"
                     "body.hide-%s mark.fx-%s::after{content:none}body.hide-%s tr.fx-%s{display:none}",
                fx_types[t].name, fx_types[t].colour, fx_types[t].name, fx_types[t].name, fx_types[t].name,
                fx_types[t].name, fx_types[t].name, fx_types[t].name);
    fprintf(out, "%s</style></head><body>\n<h1>", style_after_types);
    esc_str(out, h->title);
    size_t total = 0;
    for (int t = 0; t < FX_TYPE_COUNT; t++) total += h->facts[t];
    fprintf(out, "</h1><p class=\"meta\">%zu document%s, %zu facts%s · factx %s</p>\n", h->documents,
            h->documents == 1 ? "" : "s", total, h->with_gold ? ", scored against gold" : "", FACTX_VERSION);
    fputs("<div class=\"legend\">", out);
    for (int t = 0; t < FX_TYPE_COUNT; t++)
        fprintf(out, "<button type=\"button\" class=\"fx fx-%s\" data-type=\"%s\" data-count=\"%zu\" "
                     "aria-pressed=\"true\" title=\"show or hide %s\">%s %zu</button>",
                fx_types[t].name, fx_types[t].name, h->facts[t], fx_types[t].label, fx_types[t].label, h->facts[t]);
    if (h->with_gold)
        fprintf(out, "<span class=\"missed\">missed %zu</span><span class=\"spurious\">spurious %zu</span>"
                     "<span class=\"lenient\">overlap only</span><span class=\"value-differs\">value differs</span>",
                h->missed, h->spurious);
    fputs("<input type=\"search\" id=\"fx-search\" placeholder=\"search the documents\" "
          "aria-label=\"search the documents\"></div>\n", out);
    if (h->with_gold) {
        fputs("<h2>Scores, all documents</h2>", out);
        score_table(out, h->per, "scores scores-all");
    }
    fflush(h->index);
    fputs("<h2>Documents</h2><table class=\"index\"><thead><tr><th>document</th><th>facts</th>", out);
    if (h->with_gold) fputs("<th>gold</th><th>missed</th><th>spurious</th><th>F1</th>", out);
    fputs("</tr></thead><tbody>", out);
    fwrite(h->index_html, 1, h->index_len, out);
    fputs("</tbody></table><p class=\"meta\">Hover a fact for its value and rule.</p>\n", out);
    fwrite(h->body, 1, h->body_len, out);
    fprintf(out, "<script>%s</script>\n</body></html>\n", page_script);
    return fflush(out) == 0 && !ferror(out) ? 0 : -1;
}

void fx_html_free(fx_html *h)
{
    if (!h) return;
    fclose(h->stream);
    fclose(h->index);
    free(h->body);
    free(h->index_html);
    free(h->title);
    free(h);
}
