/* resolve.c - see resolve.h. */
#include "resolve_impl.h"

#include <stdlib.h>
#include <string.h>


static int by_strength(const void *a, const void *b)
{
    const fx_candidate *x = *(const fx_candidate *const *)a, *y = *(const fx_candidate *const *)b;
    size_t lx = x->end - x->start, ly = y->end - y->start;
    if (lx != ly) return lx > ly ? -1 : 1;
    if (x->rule->priority != y->rule->priority) return x->rule->priority > y->rule->priority ? -1 : 1;
    if (x->rule->order != y->rule->order) return x->rule->order < y->rule->order ? -1 : 1;
    if (x->start != y->start) return x->start < y->start ? -1 : 1;
    return 0;
}

static int by_start(const void *a, const void *b)
{
    const fx_candidate *x = *(const fx_candidate *const *)a, *y = *(const fx_candidate *const *)b;
    if (x->start != y->start) return x->start < y->start ? -1 : 1;
    return 0;
}

/* Index of the first kept span ending after pos (kept is sorted by start
 * and free of overlaps, so ends are sorted too). */
static size_t first_ending_after(fx_candidate **kept, size_t n, size_t pos)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (kept[mid]->end <= pos) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

void fx_resolve_fact_init(const fx_doc *doc, fx_fact *f, const fx_candidate *c)
{
    memset(f, 0, sizeof *f);
    f->type = c->rule->type;
    f->candidate = c;
    f->norm_start = c->start;
    f->norm_end = c->end;
    f->start = fx_doc_orig_start(doc, c->start);
    f->end = fx_doc_orig_end(doc, c->end);
    f->sentence = fx_doc_sentence_at(doc, c->start);
}

/* A TimeML-only rule outside TimeML mode: its matches block, as type none's do. */
static int blocks_only(const fx_doc *doc, const fx_rule *rule)
{
    return (rule->flags & FX_RULE_TIMEML) && !doc->timeml;
}

void fx_resolve_overlaps(fx_doc *doc)
{
    size_t n = doc->candidate_count;
    fx_candidate **order = fx_arena_alloc(&doc->arena, (n ? n : 1) * sizeof *order);
    fx_candidate **kept = fx_arena_alloc(&doc->arena, (n ? n : 1) * sizeof *kept);
    for (size_t i = 0; i < n; i++) order[i] = &doc->candidates[i];
    qsort(order, n, sizeof *order, by_strength);
    size_t kept_count = 0;
    for (size_t i = 0; i < n; i++) {
        fx_candidate *c = order[i];
        size_t at = first_ending_after(kept, kept_count, c->start);
        if (at < kept_count && kept[at]->start < c->end) {
            const fx_candidate *w = kept[at];
            c->rejected = (w->end - w->start) > (c->end - c->start) ? "overlaps a longer match"
                          : w->rule->priority > c->rule->priority ? "overlaps a match of higher priority"
                          : "overlaps a match of an earlier rule";
            if (w->rule->type == FX_TYPE_NONE) c->rejected = "blocked by a rule of type none";
            else if (blocks_only(doc, w->rule)) c->rejected = "blocked by a TimeML-only rule (not in TimeML mode)";
            continue;
        }
        memmove(kept + at + 1, kept + at, (kept_count - at) * sizeof *kept);
        kept[at] = c;
        kept_count++;
    }
    qsort(kept, kept_count, sizeof *kept, by_start);
    doc->facts = fx_arena_alloc(&doc->arena, (kept_count ? kept_count : 1) * sizeof *doc->facts);
    doc->fact_count = 0;
    for (size_t i = 0; i < kept_count; i++) {
        fx_candidate *c = kept[i];
        if (c->rule->type == FX_TYPE_NONE || blocks_only(doc, c->rule)) continue;
        fx_fact *f = &doc->facts[doc->fact_count++];
        fx_resolve_fact_init(doc, f, c);
        /* a JSON string from cJSON cannot hold U+0000, so such a fact could
         * not keep text == input[start:end]: drop it, and say so */
        if (memchr(doc->src + f->start, '\0', f->end - f->start)) {
            c->rejected = "its text holds a NUL byte";
            fx_doc_warn(doc, f->start, "%s match dropped: its text holds a NUL byte", c->rule->id);
            doc->fact_count--;
        }
    }
}

/* One resolver per value kind with decisions to make (the value a rule
 * names needs its resolver's record); NULL: every fact kept. */
static const fx_resolver_fn resolvers[FX_VALUE_KIND_COUNT] = {
    [FX_VALUE_DATE] = fx_resolve_date, [FX_VALUE_MONEY] = fx_resolve_money, [FX_VALUE_PERCENT] = fx_resolve_percent,
    [FX_VALUE_CITY] = fx_resolve_city, [FX_VALUE_ORG] = fx_resolve_org,     [FX_VALUE_ACRONYM] = fx_resolve_acronym,
};

/* Each fact to its resolver, in document order; the facts are
 * compacted once all are decided, so that a resolver sees the facts before
 * it decided (a dropped one's candidate has its reason) and those after
 * it as overlap resolution left them. */
void fx_resolve_facts(const struct fx_context *ctx, fx_doc *doc)
{
    fx_resolve_env env = {.ctx = ctx, .doc = doc};
    fx_resolve_org_definitions(&env);
    int any_dropped = 0;
    for (size_t i = 0; i < doc->fact_count; i++) {
        fx_fact *f = &doc->facts[i];
        fx_resolver_fn resolver = resolvers[f->candidate->rule->value_kind];
        if (!resolver) continue;
        env.index = i;
        const char *why = resolver(&env, f);
        if (why) {
            doc->candidates[f->candidate - doc->candidates].rejected = why;
            any_dropped = 1;
        }
    }
    if (any_dropped) {
        size_t kept = 0;
        for (size_t i = 0; i < doc->fact_count; i++)
            if (!doc->facts[i].candidate->rejected) doc->facts[kept++] = doc->facts[i];
        doc->fact_count = kept;
    }
    /* the document pass for organisations, once every fact is decided */
    fx_resolve_org_mentions(&env);
    fx_resolve_org_entities(&env);
}
