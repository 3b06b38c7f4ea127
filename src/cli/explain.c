/* explain.c - see explain.h. */
#include "explain.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "place.h"
#include "resolve.h"
#include "rules.h"

/* Resolution marks its losers with a reason starting "overlaps" or
 * "blocked" (resolve.c); any other reason was given after resolution kept
 * the candidate: by its resolver, which says why (resolve_money.c, ...),
 * or by a later check (a NUL byte, the organisations' document pass). */
static int lost_in_resolution(const fx_candidate *c)
{
    return c->rejected && (strncmp(c->rejected, "overlaps", 8) == 0 || strncmp(c->rejected, "blocked", 7) == 0);
}

static int overlaps(const fx_candidate *a, const fx_candidate *b) { return a->start < b->end && b->start < a->end; }

/* A range resolution set aside for its value (resolve.h): the matches
 * inside it were decided again without it, so it beat none of them. */
static int set_aside(const fx_candidate *c) { return c->rejected && strstr(c->rejected, FX_SET_ASIDE_NOTE); }

/* The candidate that resolution kept over c: the first kept one overlapping
 * it (kept candidates never overlap each other), leaving out ranges set
 * aside before the last round. */
static const fx_candidate *winner_of(const fx_doc *doc, const fx_candidate *c)
{
    const fx_candidate *best = NULL;
    for (size_t i = 0; i < doc->candidate_count; i++) {
        const fx_candidate *w = &doc->candidates[i];
        if (w == c || lost_in_resolution(w) || set_aside(w) || !overlaps(w, c)) continue;
        if (!best || w->start < best->start) best = w;
    }
    return best;
}

static const fx_fact *fact_of(const fx_doc *doc, const fx_candidate *c)
{
    for (size_t i = 0; i < doc->fact_count; i++)
        if (doc->facts[i].candidate == c) return &doc->facts[i];
    return NULL;
}

static void put_text(FILE *out, const char *s, size_t n)
{
    fputc('"', out);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\n') fputs("\\n", out);
        else if (s[i] == '"') fputs("\\\"", out);
        else fputc(s[i], out);
    }
    fputc('"', out);
}

/* A candidate in original offsets: rule "text" start-end. */
static void put_candidate(FILE *out, const fx_doc *doc, const fx_candidate *c)
{
    size_t s = fx_doc_orig_start(doc, c->start), e = fx_doc_orig_end(doc, c->end);
    fprintf(out, "%s ", c->rule->id);
    put_text(out, doc->src + s, e - s);
    fprintf(out, " %zu-%zu", s, e);
}

/* Why c lost: the comparison resolution made against its winner. */
static void put_reason(FILE *out, const fx_doc *doc, const fx_candidate *c)
{
    if (!lost_in_resolution(c)) {
        fprintf(out, "kept by resolution, then dropped: %s", c->rejected);
        if (c->rule->value_name) fprintf(out, " (normaliser '%s')", c->rule->value_name);
        return;
    }
    const fx_candidate *w = winner_of(doc, c);
    if (!w) {
        fprintf(out, "%s", c->rejected);
        return;
    }
    size_t lc = c->end - c->start, lw = w->end - w->start;
    if (w->rule->type == FX_TYPE_NONE) fprintf(out, "guard: blocked by %s (type none, %s:%zu)", w->rule->id, w->rule->file, w->rule->line);
    else if (lw > lc && w->start <= c->start && c->end <= w->end) fprintf(out, "nested inside the longer match of %s", w->rule->id);
    else if (lw > lc) fprintf(out, "shorter (%zu bytes) than the overlapping match of %s (%zu)", lc, w->rule->id, lw);
    else if (w->rule->priority > c->rule->priority)
        fprintf(out, "lower priority (%d) than %s (%d), same length", c->rule->priority, w->rule->id, w->rule->priority);
    else fprintf(out, "same length and priority as %s, which is loaded first (%s:%zu)", w->rule->id, w->rule->file, w->rule->line);
}

/* Tables named in a pattern, directly or through defines ({NAME}). */
static size_t tables_in(const fx_context *ctx, const char *p, const fx_table **found, size_t n, size_t max, int depth)
{
    for (const char *s = p ? strchr(p, '{') : NULL; s && depth < 8; s = strchr(s + 1, '{')) {
        size_t len = strspn(s + 1, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");
        if (!len || s[1 + len] != '}') continue;
        char name[128];
        snprintf(name, sizeof name, "%.*s", (int)(len < 127 ? len : 127), s + 1);
        const fx_table *t = fx_rules_table(ctx, name);
        if (t) {
            int seen = 0;
            for (size_t i = 0; i < n; i++) seen |= found[i] == t;
            if (!seen && n < max) found[n++] = t;
            continue;
        }
        for (size_t d = 0; d < ctx->define_count; d++)
            if (strcmp(ctx->defines[d].name, name) == 0) n = tables_in(ctx, ctx->defines[d].body, found, n, max, depth + 1);
    }
    return n;
}

static void put_row(FILE *out, const fx_table *t, const fx_table_row *row)
{
    fprintf(out, "%s (%s:%zu):", t->name, t->path, (size_t)row->line);
    for (size_t c = 0; c < t->column_count; c++)
        if (fx_table_row_field(row, c)[0]) fprintf(out, " %s=%s", t->columns[c], fx_table_row_field(row, c));
}

static void explain_captures(FILE *out, const fx_context *ctx, const fx_doc *doc, const fx_candidate *c)
{
    const fx_rule *r = c->rule;
    if (r->list) {
        fputs("  lookup    ", out);
        if (c->entry) put_row(out, r->list, c->entry);
        fputc('\n', out);
        return;
    }
    const fx_table *tables[16];
    size_t nt = tables_in(ctx, r->pattern, tables, 0, 16, 0);
    int any = 0;
    for (size_t g = 1; g < c->group_count; g++) {
        if (!r->group_names[g] || c->groups[2 * g] == FX_UNSET) continue;
        const char *t = doc->text + c->groups[2 * g];
        size_t n = c->groups[2 * g + 1] - c->groups[2 * g];
        fprintf(out, "  %s %-8s ", any ? "         " : "captures", r->group_names[g]);
        put_text(out, t, n);
        for (size_t k = 0; k < nt; k++) {
            const fx_table_row *row = fx_table_find(tables[k], t, n);
            if (!row) continue;
            fputs("  = ", out);
            put_row(out, tables[k], row);
            break;
        }
        fputc('\n', out);
        any = 1;
    }
    if (!any) fputs("  captures  (no named captures)\n", out);
}

/* How the city resolver chose (place.h): what decided, and every city the
 * name may mean with its score when scores decided; '*' marks the pick. */
static void explain_city_choice(FILE *out, const fx_city_resolution *res)
{
    fprintf(out, "  decided   %s%s\n", res->evidence, res->decided ? "" : " (a near tie: the value lists candidates)");
    for (size_t k = 0; k < res->choice_count; k++) {
        const fx_city_choice *c = &res->choices[k];
        const fx_place_columns *t = c->table;
        const char *region = fx_place_field(c->row, t->region), *id = fx_place_field(c->row, t->geonames_id);
        fprintf(out, "  %s %-9s %s, %s%s%s, population %.0f", c == res->pick ? "*" : " ", k ? "" : "candidates",
                c->name, fx_place_field(c->row, t->country_code), *region ? ", " : "", region, c->population);
        if (*id) fprintf(out, ", geonames_id %s", id);
        if (res->scores) fprintf(out, ", score %.2f", res->scores[k]);
        fputc('\n', out);
    }
}

static void explain_value(FILE *out, const fx_doc *doc, const fx_fact *f)
{
    char *v = cJSON_PrintUnformatted(f->value);
    fprintf(out, "  value     %s  by normaliser '%s'", v, f->candidate->rule->value_name);
    free(v);
    if (f->type == FX_DATE)
        fprintf(out, ", document date %s (%s)", doc->dct[0] ? doc->dct : "unknown", fx_dct_source_name(doc->dct_source));
    fputc('\n', out);
    if (f->extra && f->extra->child) {
        char *e = cJSON_PrintUnformatted(f->extra);
        fprintf(out, "  extra     %s\n", e);
        free(e);
    }
    if (f->type == FX_CITY && f->resolution) explain_city_choice(out, f->resolution);
}

static int in_ranges(const fx_explain_options *o, size_t start, size_t end)
{
    if (!o->range_count) return 1;
    for (size_t i = 0; i < o->range_count; i++)
        if (start < o->ranges[i].end && o->ranges[i].start < end + (start == end)) return 1;
    return 0;
}

size_t fx_explain(const fx_context *ctx, const fx_doc *doc, const fx_explain_options *o, FILE *out)
{
    fprintf(out, "document %s: %zu bytes, %zu sentences, %zu candidates, %zu facts; document date %s (%s)\n",
            doc->id, doc->src_len, doc->sentence_count, doc->candidate_count, doc->fact_count,
            doc->dct[0] ? doc->dct : "unknown", fx_dct_source_name(doc->dct_source));
    size_t shown = 0;
    for (size_t i = 0; i < doc->fact_count; i++) {
        const fx_fact *f = &doc->facts[i];
        if (!in_ranges(o, f->start, f->end)) continue;
        const fx_candidate *c = f->candidate;
        const fx_rule *r = c->rule;
        fprintf(out, "\nfact %s ", fx_type_name(f->type));
        put_text(out, doc->src + f->start, f->end - f->start);
        fprintf(out, " bytes %zu-%zu, sentence %zu\n", f->start, f->end, f->sentence);
        fprintf(out, "  rule      %s (%s:%zu), priority %d\n", r->id, r->file, r->line, r->priority);
        if (r->pattern) fprintf(out, "  pattern   %s\n", r->pattern);
        explain_captures(out, ctx, doc, c);
        explain_value(out, doc, f);
        for (size_t k = 0; k < doc->candidate_count; k++) {
            const fx_candidate *l = &doc->candidates[k];
            if (l == c || !lost_in_resolution(l) || winner_of(doc, l) != c) continue;
            fputs("  lost      ", out);
            put_candidate(out, doc, l);
            fputs(": ", out);
            put_reason(out, doc, l);
            fputc('\n', out);
        }
        shown++;
    }
    /* matches that made no fact: a guard won, or the value was rejected */
    int header = 0;
    for (size_t k = 0; k < doc->candidate_count; k++) {
        const fx_candidate *c = &doc->candidates[k];
        size_t s = fx_doc_orig_start(doc, c->start), e = fx_doc_orig_end(doc, c->end);
        if (fact_of(doc, c) || !in_ranges(o, s, e)) continue;
        const fx_candidate *w = lost_in_resolution(c) ? winner_of(doc, c) : NULL;
        int guard_won = w && w->rule->type == FX_TYPE_NONE;
        int winner_no_fact = w && !fact_of(doc, w);
        int blocking = c->rule->type == FX_TYPE_NONE && !c->rejected;
        if (!o->trace && !(c->rejected && (!lost_in_resolution(c) || guard_won || winner_no_fact)) && !blocking) continue;
        if (!header) fprintf(out, "\n%s\n", o->trace ? "every candidate that made no fact, in text order:" : "matches that made no fact:");
        header = 1;
        fputs("  ", out);
        put_candidate(out, doc, c);
        fputs(": ", out);
        if (blocking) fputs("guard (type none): kept, and blocks what it covers", out);
        else put_reason(out, doc, c);
        fputc('\n', out);
    }
    if (o->trace) {
        fprintf(out, "\nsentences (normalised text):\n");
        for (size_t i = 0; i < doc->sentence_count; i++) {
            size_t s = fx_doc_orig_start(doc, doc->sentences[i].start), e = fx_doc_orig_end(doc, doc->sentences[i].end);
            if (!in_ranges(o, s, e)) continue;
            fprintf(out, "  %zu  %zu-%zu ", i, s, e);
            put_text(out, doc->text + doc->sentences[i].start, doc->sentences[i].end - doc->sentences[i].start);
            fputc('\n', out);
        }
        for (size_t i = 0; i < doc->warning_count; i++) fprintf(out, "warning: %s\n", doc->warnings[i].message);
    }
    if (!shown) fprintf(out, "\nno fact here\n");
    return shown;
}
