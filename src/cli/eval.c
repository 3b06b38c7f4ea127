/* eval.c - see eval.h. Implements SCORING.md. */
#include "eval.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "arena.h"
#include "brat.h"
#include "document.h"
#include "input.h"
#include "output_value.h"
#include "types.h"

typedef fx_eval_counts counts;
typedef fx_eval_fact sfact;

/* A run's or a gold file's JSON, whole: NULL after an error naming the
 * file, and the line and column where the JSON breaks (a broken gold file
 * must not score as one without facts). */
static cJSON *load_json(const char *path, fx_diag *diag)
{
    char *bytes;
    size_t len;
    struct stat st;     /* a FIFO would block */
    if (stat(path, &st) == 0 && !fx_input_regular_or_skip(path, &st, diag)) return NULL;
    if (fx_input_read(path, &bytes, &len, diag) < 0) return NULL;
    const char *end = NULL;
    cJSON *j = cJSON_ParseWithLengthOpts(bytes, len, &end, 0);
    size_t at = end ? (size_t)(end - bytes) : 0;
    while (j && at < len && strchr(" \t\r\n", bytes[at])) at++;
    const char *why = !j ? "not valid JSON" : at < len ? "data after the JSON value"
                      : !cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(j, "facts")) ? "no \"facts\" array" : NULL;
    if (why) {
        size_t line = 0, col = 0;
        if (!j || at < len) fx_line_col(bytes, len, at, &line, &col);   /* where it breaks */
        fx_diag_report(diag, FX_ERROR, path, line, col, "%s", why);
        cJSON_Delete(j);
        j = NULL;
    }
    free(bytes);
    return j;
}

/* brat gold: DIR/NAME.ann, with DIR/NAME.txt for its offsets (brat.h). */
static cJSON *load_brat(const char *ann_path, fx_diag *diag)
{
    char *ann, *text;
    size_t ann_len, len;
    if (fx_input_read(ann_path, &ann, &ann_len, diag) < 0) return NULL;
    size_t n = strlen(ann_path);
    char *txt_path = fx_xstrdup(ann_path);
    memcpy(txt_path + n - 4, ".txt", 4);
    cJSON *root = NULL;
    if (fx_input_read(txt_path, &text, &len, diag) == 0) {
        root = fx_brat_read(ann, ann_len, text, len, ann_path, diag);
        free(text);
    }
    free(txt_path);
    free(ann);
    return root;
}

fx_eval_fact *fx_eval_facts(const cJSON *root, size_t *n)
{
    const cJSON *facts = cJSON_GetObjectItemCaseSensitive(root, "facts");
    size_t count = (size_t)cJSON_GetArraySize(facts);
    sfact *out = fx_xcalloc(count ? count : 1, sizeof *out);
    size_t k = 0;
    const cJSON *f;
    cJSON_ArrayForEach(f, facts) {
        const cJSON *type = cJSON_GetObjectItemCaseSensitive(f, "type");
        int t = cJSON_IsString(type) ? fx_type_from_name(type->valuestring, strlen(type->valuestring)) : -1;
        if (t < 0 || t >= FX_TYPE_COUNT) continue;
        out[k].type = t;
        out[k].start = (long)cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(f, "start"));
        out[k].end = (long)cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(f, "end"));
        out[k].value = cJSON_GetObjectItemCaseSensitive(f, "value");
        out[k].partner = -1;
        k++;
    }
    *n = k;
    return out;
}

/* Compared as the type's registry row says (types.h). Either side may be
 * in the 2.x shape (an object) or the 1.x one gold files keep (a date's
 * TIMEX3 string, a percentage's number; ANNOTATION.md). */
static int values_equal(int type, const cJSON *gold, const cJSON *sys)
{
    gold = fx_value_scalar((fx_type)type, gold);
    sys = fx_value_scalar((fx_type)type, sys);
    if (!gold || !sys) return 0;
    switch (fx_types[type].compare) {
    case FX_COMPARE_STRING:
        return cJSON_IsString(gold) && cJSON_IsString(sys) && strcmp(gold->valuestring, sys->valuestring) == 0;
    case FX_COMPARE_NUMBER:
        return cJSON_IsNumber(gold) && cJSON_IsNumber(sys) && fabs(gold->valuedouble - sys->valuedouble) < 1e-9;
    case FX_COMPARE_AMOUNT: {
        const cJSON *ga = cJSON_GetObjectItemCaseSensitive(gold, "amount");
        const cJSON *sa = cJSON_GetObjectItemCaseSensitive(sys, "amount");
        const cJSON *gc = cJSON_GetObjectItemCaseSensitive(gold, "currency");
        const cJSON *sc = cJSON_GetObjectItemCaseSensitive(sys, "currency");
        if (!cJSON_IsNumber(ga) || !cJSON_IsNumber(sa) || !cJSON_IsString(gc) || !cJSON_IsString(sc)) return 0;
        double a = ga->valuedouble, b = sa->valuedouble;
        return strcmp(gc->valuestring, sc->valuestring) == 0 &&
               fabs(a - b) <= 1e-9 * fmax(1.0, fmax(fabs(a), fabs(b)));
    }
    case FX_COMPARE_NAME: {
        const cJSON *gn = cJSON_GetObjectItemCaseSensitive(gold, "name");
        const cJSON *sn = cJSON_GetObjectItemCaseSensitive(sys, "name");
        return cJSON_IsString(gn) && cJSON_IsString(sn) && strcasecmp(gn->valuestring, sn->valuestring) == 0;
    }
    case FX_COMPARE_NONE:
        break;
    }
    return 1;
}

/* Pair gold[i] with sys[j] as a strict or a lenient match and count it. */
static void pair(int type, sfact *gold, size_t i, sfact *sys, size_t j, int how, counts *c)
{
    gold[i].used = sys[j].used = how;
    gold[i].partner = (long)j;
    sys[j].partner = (long)i;
    gold[i].value_ok = sys[j].value_ok = values_equal(type, gold[i].value, sys[j].value);
    if (how == FX_EVAL_STRICT) c->strict++;
    c->lenient++;
    c->value_checked++;
    c->value_ok += (size_t)gold[i].value_ok;
}

static void score_type(int type, sfact *gold, size_t ng, sfact *sys, size_t ns, counts *c)
{
    for (size_t i = 0; i < ng; i++) if (gold[i].type == type) c->gold++;
    for (size_t j = 0; j < ns; j++) if (sys[j].type == type) c->system++;
    /* exact pairs first */
    for (size_t i = 0; i < ng; i++) {
        if (gold[i].type != type) continue;
        for (size_t j = 0; j < ns; j++) {
            if (sys[j].type != type || sys[j].used || sys[j].start != gold[i].start || sys[j].end != gold[i].end)
                continue;
            pair(type, gold, i, sys, j, FX_EVAL_STRICT, c);
            break;
        }
    }
    /* then the largest remaining overlap, repeatedly */
    for (;;) {
        long best = 0;
        size_t bi = 0, bj = 0;
        for (size_t i = 0; i < ng; i++) {
            if (gold[i].type != type || gold[i].used) continue;
            for (size_t j = 0; j < ns; j++) {
                if (sys[j].type != type || sys[j].used) continue;
                long lo = gold[i].start > sys[j].start ? gold[i].start : sys[j].start;
                long hi = gold[i].end < sys[j].end ? gold[i].end : sys[j].end;
                if (hi - lo > best) {
                    best = hi - lo;
                    bi = i;
                    bj = j;
                }
            }
        }
        if (best <= 0) break;
        pair(type, gold, bi, sys, bj, FX_EVAL_LENIENT, c);
    }
}

void fx_eval_score(fx_eval_fact *gold, size_t ng, fx_eval_fact *sys, size_t ns, fx_eval_counts per[FX_TYPE_COUNT])
{
    for (size_t i = 0; i < ng; i++) { gold[i].used = FX_EVAL_UNMATCHED; gold[i].partner = -1; gold[i].value_ok = 0; }
    for (size_t j = 0; j < ns; j++) { sys[j].used = FX_EVAL_UNMATCHED; sys[j].partner = -1; sys[j].value_ok = 0; }
    for (int t = 0; t < FX_TYPE_COUNT; t++) score_type(t, gold, ng, sys, ns, &per[t]);
}

static size_t offset_errors(const cJSON *out, const char *text, size_t len)
{
    size_t errors = 0;
    const cJSON *f;
    cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(out, "facts")) {
        const cJSON *t = cJSON_GetObjectItemCaseSensitive(f, "text");
        double s = cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(f, "start"));
        double e = cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(f, "end"));
        if (!cJSON_IsString(t) || isnan(s) || isnan(e) || s < 0 || e < s || e > (double)len ||
            strlen(t->valuestring) != (size_t)(e - s) ||
            memcmp(t->valuestring, text + (size_t)s, (size_t)(e - s)) != 0)
            errors++;
    }
    return errors;
}

int fx_eval_scores_values(int type)
{
    return type >= 0 && type < FX_TYPE_COUNT && fx_types[type].compare != FX_COMPARE_NONE;
}

fx_eval_counts fx_eval_total(const fx_eval_counts per[FX_TYPE_COUNT])
{
    counts all = {0};
    for (int t = 0; t < FX_TYPE_COUNT; t++) {
        all.gold += per[t].gold;
        all.system += per[t].system;
        all.strict += per[t].strict;
        all.lenient += per[t].lenient;
        int scored = fx_eval_scores_values(t);
        all.value_checked += scored ? per[t].value_checked : 0;
        all.value_ok += scored ? per[t].value_ok : 0;
        all.offset_errors += per[t].offset_errors;
    }
    return all;
}

static double ratio(size_t a, size_t b) { return b ? (double)a / (double)b : 0.0; }
static double f1(double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0.0; }

fx_eval_metrics fx_eval_metrics_of(const fx_eval_counts *c)
{
    fx_eval_metrics m;
    m.precision = ratio(c->strict, c->system);
    m.recall = ratio(c->strict, c->gold);
    m.f1 = f1(m.precision, m.recall);
    m.lenient_precision = ratio(c->lenient, c->system);
    m.lenient_recall = ratio(c->lenient, c->gold);
    m.lenient_f1 = f1(m.lenient_precision, m.lenient_recall);
    m.value_accuracy = ratio(c->value_ok, c->value_checked);
    return m;
}

int fx_eval(const char *gold_dir, const char *out_dir, const char *docs_dir, int as_json, FILE *out,
            fx_diag *diag)
{
    /* a missing side is an error, not a table of zeros */
    const char *dirs[] = {out_dir, docs_dir};
    const char *what[] = {"output directory", "documents directory"};
    for (int i = 0; i < 2; i++) {
        DIR *side = dirs[i] ? opendir(dirs[i]) : NULL;
        if (dirs[i] && !side) {
            fx_diag_report(diag, FX_ERROR, dirs[i], 0, 0, "cannot open %s: %s", what[i], strerror(errno));
            return -1;
        }
        if (side) closedir(side);
    }
    /* gold files are NAME.json, or brat's NAME.ann with NAME.txt beside it
     * (factx export --format brat, corrected in brat): list them ourselves */
    DIR *d = opendir(gold_dir);
    if (!d) {
        fx_diag_report(diag, FX_ERROR, gold_dir, 0, 0, "cannot open gold directory: %s", strerror(errno));
        return -1;
    }
    struct dirent *e;
    char **names = NULL;
    size_t n = 0, cap = 0;
    while ((e = readdir(d))) {
        size_t l = strlen(e->d_name);
        int json = l > 5 && strcmp(e->d_name + l - 5, ".json") == 0;
        int ann = l > 4 && strcmp(e->d_name + l - 4, ".ann") == 0;
        char json_twin[4096];
        snprintf(json_twin, sizeof json_twin, "%s/%.*s.json", gold_dir, (int)(l - 4), e->d_name);
        if (json || (ann && access(json_twin, F_OK) != 0)) {     /* NAME.json wins over NAME.ann */
            if (n == cap) names = fx_xrealloc(names, (cap = cap ? cap * 2 : 16) * sizeof *names);
            names[n++] = fx_xstrdup(e->d_name);
        }
    }
    closedir(d);
    if (n == 0) {
        fx_diag_report(diag, FX_ERROR, gold_dir, 0, 0, "no gold files (NAME.json or NAME.ann) in the gold directory");
        free(names);
        return -1;
    }
    counts per[FX_TYPE_COUNT] = {{0}};
    size_t docs = 0, missing = 0, broken = 0;
    for (size_t k = 0; k < n; k++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", gold_dir, names[k]);
        char *dot = strrchr(names[k], '.');
        int brat = strcmp(dot, ".ann") == 0;
        *dot = '\0';       /* names[k] is NAME from here on */
        cJSON *gold = brat ? load_brat(path, diag) : load_json(path, diag);
        if (!gold) broken++;
        snprintf(path, sizeof path, "%s/%s.json", out_dir, names[k]);
        int exists = access(path, F_OK) == 0;
        cJSON *sys = exists ? load_json(path, diag) : NULL;
        if (!sys && exists) broken++;
        else if (!sys) missing++;
        docs++;
        size_t ng = 0, ns = 0;
        sfact *gf = gold ? fx_eval_facts(gold, &ng) : fx_xcalloc(1, sizeof *gf);
        sfact *sf = sys ? fx_eval_facts(sys, &ns) : fx_xcalloc(1, sizeof *sf);
        fx_eval_score(gf, ng, sf, ns, per);
        if (sys && docs_dir) {
            snprintf(path, sizeof path, "%s/%s.txt", docs_dir, names[k]);
            char *text;
            size_t len;
            if (fx_input_read(path, &text, &len, diag) == 0) {
                /* offset errors are counted once, not per type */
                per[0].offset_errors += offset_errors(sys, text, len);
                free(text);
            }
        }
        free(gf);
        free(sf);
        cJSON_Delete(gold);
        cJSON_Delete(sys);
        free(names[k]);
    }
    free(names);
    if (broken) {   /* each said where; scores without them would mislead */
        fx_diag_report(diag, FX_ERROR, gold_dir, 0, 0, "%zu file%s could not be read: no scores", broken,
                       broken == 1 ? "" : "s");
        return -1;
    }

    counts all = fx_eval_total(per);
    cJSON *json = as_json ? cJSON_CreateObject() : NULL;
    if (!as_json) {
        fprintf(out, "%-8s %5s %5s | %6s %6s %6s | %6s %6s %6s | %6s\n", "type", "gold", "sys",
                "P", "R", "F1", "lenP", "lenR", "lenF1", "value");
    }
    for (int t = 0; t <= FX_TYPE_COUNT; t++) {
        const counts *c = t < FX_TYPE_COUNT ? &per[t] : &all;
        const char *name = t < FX_TYPE_COUNT ? fx_type_name((fx_type)t) : "all";
        fx_eval_metrics m = fx_eval_metrics_of(c);
        double p = m.precision, r = m.recall, lp = m.lenient_precision, lr = m.lenient_recall, va = m.value_accuracy;
        int scored = t == FX_TYPE_COUNT || fx_eval_scores_values(t);
        if (as_json) {
            cJSON *o = cJSON_AddObjectToObject(json, name);
            cJSON_AddNumberToObject(o, "gold", (double)c->gold);
            cJSON_AddNumberToObject(o, "system", (double)c->system);
            cJSON_AddNumberToObject(o, "strict_precision", p);
            cJSON_AddNumberToObject(o, "strict_recall", r);
            cJSON_AddNumberToObject(o, "strict_f1", f1(p, r));
            cJSON_AddNumberToObject(o, "lenient_precision", lp);
            cJSON_AddNumberToObject(o, "lenient_recall", lr);
            cJSON_AddNumberToObject(o, "lenient_f1", f1(lp, lr));
            if (scored) cJSON_AddNumberToObject(o, "value_accuracy", va);
            else cJSON_AddNullToObject(o, "value_accuracy");
        } else {
            char vbuf[16];
            if (scored) snprintf(vbuf, sizeof vbuf, "%6.3f", va);
            else snprintf(vbuf, sizeof vbuf, "%6s", "-");
            fprintf(out, "%-8s %5zu %5zu | %6.3f %6.3f %6.3f | %6.3f %6.3f %6.3f | %s\n", name, c->gold,
                    c->system, p, r, f1(p, r), lp, lr, f1(lp, lr), vbuf);
        }
    }
    if (as_json) {
        cJSON_AddNumberToObject(json, "documents", (double)docs);
        cJSON_AddNumberToObject(json, "missing_outputs", (double)missing);
        if (docs_dir) cJSON_AddNumberToObject(json, "offset_errors", (double)all.offset_errors);
        else cJSON_AddNullToObject(json, "offset_errors");
        char *s = cJSON_Print(json);
        fprintf(out, "%s\n", s);
        free(s);
        cJSON_Delete(json);
    } else {
        fprintf(out, "documents: %zu, missing outputs: %zu, offset errors: ", docs, missing);
        if (docs_dir) fprintf(out, "%zu\n", all.offset_errors);
        else fprintf(out, "not checked (no DOCS_DIR)\n");
    }
    return 0;
}
