/* diff.c - see diff.h. */
#include "diff.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "arena.h"
#include "document.h"
#include "input.h"
#include "output_value.h"
#include "run.h"

/* Sentence context shown around a fact, at most this many bytes a side. */
enum { CONTEXT_BYTES = 110 };

typedef struct dfact {
    int type;               /* fx_type, or FX_TYPE_COUNT for an unknown type name */
    const char *type_name, *text, *rule;
    long start, end;
    const cJSON *value;
    int paired;
} dfact;

typedef struct ddoc {
    char *key;
    cJSON *side[2];         /* old, new; NULL when missing on that side */
    dfact *facts[2];
    size_t fact_count[2];
    char *text;             /* the document text, loaded on demand */
    size_t text_len;
    int text_tried;
} ddoc;

typedef struct docset {
    ddoc *docs;
    size_t count, cap;
    size_t next;            /* both sides usually list documents in the same order */
} docset;

enum { ADDED, REMOVED, CHANGED };

typedef struct change {
    int kind;
    ddoc *doc;
    const dfact *old, *new;
} change;

/* ---- loading both sides ------------------------------------------------ */

static ddoc *doc_for(docset *set, const char *key)
{
    if (set->next < set->count && strcmp(set->docs[set->next].key, key) == 0) return &set->docs[set->next++];
    for (size_t i = 0; i < set->count; i++)
        if (strcmp(set->docs[i].key, key) == 0) return &set->docs[(set->next = i + 1) - 1];
    if (set->count == set->cap) set->docs = fx_xrealloc(set->docs, (set->cap = set->cap ? set->cap * 2 : 64) * sizeof *set->docs);
    ddoc *d = &set->docs[set->count++];
    memset(d, 0, sizeof *d);
    d->key = fx_xstrdup(key);
    return d;
}

/* One side being loaded: fx_run_read's callback adds to it. */
typedef struct loading {
    docset *set;
    int side;
    fx_diag *diag;
} loading;

static void add_doc(const char *key, cJSON *root, const char *where, void *user)
{
    loading *l = user;
    ddoc *d = doc_for(l->set, key);
    if (d->side[l->side]) {
        fx_diag_report(l->diag, FX_WARNING, where, 0, 0, "document %s appears twice; the later one is used", key);
        cJSON_Delete(d->side[l->side]);
    }
    d->side[l->side] = root;
}

static int load_side(docset *set, int side, const char *path, fx_diag *diag)
{
    set->next = 0;
    loading l = {set, side, diag};
    return fx_run_read(path, add_doc, &l, diag);
}


static dfact *facts_of(const cJSON *root, size_t *count)
{
    const cJSON *facts = cJSON_GetObjectItemCaseSensitive(root, "facts");
    size_t n = (size_t)cJSON_GetArraySize(facts), k = 0;
    dfact *out = fx_xcalloc(n ? n : 1, sizeof *out);
    const cJSON *f;
    cJSON_ArrayForEach(f, facts) {
        const char *type = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(f, "type"));
        if (!type) continue;
        dfact *d = &out[k++];
        d->type_name = type;
        int t = fx_type_from_name(type, strlen(type));
        d->type = t < 0 || t > FX_TYPE_COUNT ? FX_TYPE_COUNT : t;
        d->text = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(f, "text"));
        d->rule = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(f, "rule"));
        if (!d->text) d->text = "";
        d->start = (long)cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(f, "start"));
        d->end = (long)cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(f, "end"));
        /* a date as its TIMEX3 value, a percentage as its number: what the
         * rest of a 2.x value is derived from, and all a 1.x run has, so a
         * run of either version compares with the other */
        const cJSON *value = cJSON_GetObjectItemCaseSensitive(f, "value");
        d->value = d->type < FX_TYPE_COUNT ? fx_value_scalar((fx_type)d->type, value) : value;
    }
    *count = k;
    return out;
}

/* ---- pairing ----------------------------------------------------------- */

static void push(change **list, size_t *n, size_t *cap, int kind, ddoc *doc, const dfact *o, const dfact *nw)
{
    if (*n == *cap) *list = fx_xrealloc(*list, (*cap = *cap ? *cap * 2 : 64) * sizeof **list);
    (*list)[(*n)++] = (change){kind, doc, o, nw};
}

static int same_type(const dfact *a, const dfact *b) { return strcmp(a->type_name, b->type_name) == 0; }

/* Gold files carry no rule: a rule only differs when both sides name one. */
static int rule_differs(const dfact *a, const dfact *b) { return a->rule && b->rule && strcmp(a->rule, b->rule) != 0; }

static const char *rule_of(const dfact *f) { return f->rule ? f->rule : "(no rule)"; }

static void pair_doc(ddoc *d, change **list, size_t *n, size_t *cap, fx_diff_summary *sum)
{
    dfact *o = d->facts[0], *w = d->facts[1];
    size_t no = d->fact_count[0], nw = d->fact_count[1];
    for (size_t i = 0; i < no; i++)
        for (size_t j = 0; j < nw; j++) {
            if (w[j].paired || !same_type(&o[i], &w[j]) || o[i].start != w[j].start || o[i].end != w[j].end) continue;
            o[i].paired = w[j].paired = 1;
            if (cJSON_Compare(o[i].value, w[j].value, 1) && !rule_differs(&o[i], &w[j])) sum->unchanged++;
            else push(list, n, cap, CHANGED, d, &o[i], &w[j]);
            break;
        }
    for (;;) {
        long best = 0;
        size_t bi = 0, bj = 0;
        for (size_t i = 0; i < no; i++) {
            if (o[i].paired) continue;
            for (size_t j = 0; j < nw; j++) {
                if (w[j].paired || !same_type(&o[i], &w[j])) continue;
                long lo = o[i].start > w[j].start ? o[i].start : w[j].start;
                long hi = o[i].end < w[j].end ? o[i].end : w[j].end;
                if (hi - lo > best) { best = hi - lo; bi = i; bj = j; }
            }
        }
        if (best <= 0) break;
        o[bi].paired = w[bj].paired = 1;
        push(list, n, cap, CHANGED, d, &o[bi], &w[bj]);
    }
    for (size_t i = 0; i < no; i++) if (!o[i].paired) push(list, n, cap, REMOVED, d, &o[i], NULL);
    for (size_t j = 0; j < nw; j++) if (!w[j].paired) push(list, n, cap, ADDED, d, NULL, &w[j]);
}

static const dfact *main_fact(const change *c) { return c->new ? c->new : c->old; }

static int by_group(const void *a, const void *b)
{
    const change *x = a, *y = b;
    const dfact *fx = main_fact(x), *fy = main_fact(y);
    if (fx->type != fy->type) return fx->type < fy->type ? -1 : 1;
    int k = strcmp(fx->type_name, fy->type_name);
    if (!k) k = strcmp(rule_of(fx), rule_of(fy));
    if (!k) k = strcmp(x->doc->key, y->doc->key);
    if (!k && fx->start != fy->start) k = fx->start < fy->start ? -1 : 1;
    if (!k && x->kind != y->kind) k = x->kind < y->kind ? -1 : 1;
    return k;
}

/* ---- printing ---------------------------------------------------------- */

static void load_text(ddoc *d, const fx_diff_options *o)
{
    if (d->text_tried) return;
    d->text_tried = 1;
    d->text = fx_run_text(d->side[1] ? d->side[1] : d->side[0], d->key, o->docs_dir, &d->text_len);
}

static void put_clean(FILE *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) fputc(s[i] == '\n' || s[i] == '\r' || s[i] == '\t' ? ' ' : s[i], out);
}

/* The sentence around [start, end) with the span marked: a line of text,
 * cut at sentence ends (". ", "! ", "? ") or CONTEXT_BYTES away. */
static void print_sentence(FILE *out, const ddoc *d, long start, long end, char sign, const fx_diff_options *o)
{
    if (!d->text || start < 0 || end < start || (size_t)end > d->text_len) return;
    const char *t = d->text;
    size_t s = (size_t)start, e = (size_t)end, a = s, b = e;
    while (a > 0 && s - a < CONTEXT_BYTES && t[a - 1] != '\n' &&
           !(a >= 2 && t[a - 1] == ' ' && strchr(".!?", t[a - 2])))
        a--;
    while (b < d->text_len && b - e < CONTEXT_BYTES && t[b] != '\n' &&
           !(strchr(".!?", t[b]) && (b + 1 == d->text_len || t[b + 1] == ' ' || t[b + 1] == '\n')))
        b++;
    int cut_left = a > 0 && s - a >= CONTEXT_BYTES, cut_right = b < d->text_len && b - e >= CONTEXT_BYTES;
    if (!cut_right && b < d->text_len && t[b] != '\n') b++;       /* the sentence's own full stop */
    while (a < s && (t[a] & 0xC0) == 0x80) a++;                    /* do not cut a UTF-8 sequence */
    while (b > e && b < d->text_len && (t[b] & 0xC0) == 0x80) b--;
    fprintf(out, "      %c %s", sign, cut_left ? "..." : "");
    put_clean(out, t + a, s - a);
    if (o->color) fputs(sign == '-' ? "\033[1;31m" : "\033[1;32m", out);
    else fputs(sign == '-' ? "[-" : "{+", out);
    put_clean(out, t + s, e - s);
    if (o->color) fputs("\033[0m", out);
    else fputs(sign == '-' ? "-]" : "+}", out);
    put_clean(out, t + e, b - e);
    fprintf(out, "%s\n", cut_right ? "..." : "");
}

static void print_fact(FILE *out, const dfact *f)
{
    char *v = f->value ? cJSON_PrintUnformatted(f->value) : NULL;
    fprintf(out, "%ld-%ld \"%s\" => %s", f->start, f->end, f->text, v ? v : "null");
    free(v);
}

static void print_change(FILE *out, change *c, const fx_diff_options *o)
{
    load_text(c->doc, o);
    static const char *const signs[] = {"+", "-", "~"};
    fprintf(out, "  %s %s ", signs[c->kind], c->doc->key);
    if (c->kind != CHANGED) {
        print_fact(out, main_fact(c));
        fputc('\n', out);
        print_sentence(out, c->doc, main_fact(c)->start, main_fact(c)->end, c->kind == ADDED ? '+' : '-', o);
        return;
    }
    print_fact(out, c->old);
    fputs("  ->  ", out);
    print_fact(out, c->new);
    int span = c->old->start != c->new->start || c->old->end != c->new->end;
    int value = !cJSON_Compare(c->old->value, c->new->value, 1);
    int rule = rule_differs(c->old, c->new);
    fprintf(out, "  (%s%s%s", span ? "span" : "", span && value ? ", " : "", value ? "value" : "");
    if (rule) fprintf(out, "%srule was %s", span || value ? ", " : "", c->old->rule);
    fputs(")\n", out);
    if (span) print_sentence(out, c->doc, c->old->start, c->old->end, '-', o);
    print_sentence(out, c->doc, c->new->start, c->new->end, '+', o);
}

int fx_diff_differs(const fx_diff_summary *s)
{
    return s->added || s->removed || s->changed || s->only_old || s->only_new;
}

int fx_diff(const char *old_path, const char *new_path, const fx_diff_options *o, FILE *out, fx_diag *diag,
            fx_diff_summary *sum)
{
    memset(sum, 0, sizeof *sum);
    docset set = {0};
    int status = 0;
    if (load_side(&set, 0, old_path, diag) < 0 || load_side(&set, 1, new_path, diag) < 0) status = -1;
    change *list = NULL;
    size_t n = 0, cap = 0;
    for (size_t i = 0; status == 0 && i < set.count; i++) {
        ddoc *d = &set.docs[i];
        sum->documents++;
        if (!d->side[0]) {
            sum->only_new++;
            fprintf(out, "document %s: only in %s\n", d->key, new_path);
        }
        if (!d->side[1]) {
            sum->only_old++;
            fprintf(out, "document %s: only in %s\n", d->key, old_path);
        }
        for (int s = 0; s < 2; s++) d->facts[s] = facts_of(d->side[s], &d->fact_count[s]);
        pair_doc(d, &list, &n, &cap, sum);
    }
    if (n) qsort(list, n, sizeof *list, by_group);
    for (size_t i = 0; i < n;) {
        /* one group: same type and rule */
        size_t j = i, counts[3] = {0, 0, 0};
        while (j < n && main_fact(&list[j])->type == main_fact(&list[i])->type &&
               strcmp(main_fact(&list[j])->type_name, main_fact(&list[i])->type_name) == 0 &&
               strcmp(rule_of(main_fact(&list[j])), rule_of(main_fact(&list[i]))) == 0)
            counts[list[j++].kind]++;
        fprintf(out, "%s%s %s%s  (+%zu -%zu ~%zu)\n", o->color ? "\033[1m" : "", main_fact(&list[i])->type_name,
                rule_of(main_fact(&list[i])), o->color ? "\033[0m" : "", counts[ADDED], counts[REMOVED], counts[CHANGED]);
        for (; i < j; i++) {
            change *c = &list[i];
            print_change(out, c, o);
            if (c->kind == ADDED) sum->added++;
            else if (c->kind == REMOVED) sum->removed++;
            else {
                sum->changed++;
                sum->changed_span += c->old->start != c->new->start || c->old->end != c->new->end;
                sum->changed_value += !cJSON_Compare(c->old->value, c->new->value, 1);
                sum->changed_rule += rule_differs(c->old, c->new);
            }
        }
    }
    if (status == 0)
        fprintf(out, "diff: %zu documents (%zu only in old, %zu only in new): %zu added, %zu removed, %zu changed "
                     "(%zu span, %zu value, %zu rule), %zu unchanged\n",
                sum->documents, sum->only_old, sum->only_new, sum->added, sum->removed, sum->changed,
                sum->changed_span, sum->changed_value, sum->changed_rule, sum->unchanged);
    free(list);
    for (size_t i = 0; i < set.count; i++) {
        ddoc *d = &set.docs[i];
        for (int s = 0; s < 2; s++) {
            cJSON_Delete(d->side[s]);
            free(d->facts[s]);
        }
        free(d->text);
        free(d->key);
    }
    free(set.docs);
    return status;
}
