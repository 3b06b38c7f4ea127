/* brat.c - see brat.h. */
#include "brat.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "arena.h"
#include "types.h"

/* Code points in s[0, n): every byte that does not continue a UTF-8
 * sequence starts one (as brat's Python reads a valid UTF-8 file). */
static size_t code_points(const char *s, size_t n)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++) count += ((unsigned char)s[i] & 0xC0) != 0x80;
    return count;
}

static long number_of(const cJSON *o, const char *key)
{
    return (long)cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(o, key));
}

int fx_brat_write(FILE *out, const cJSON *root, const char *text, size_t len)
{
    size_t n = 0, pos = 0, cp = 0;     /* facts are sorted: count code points once */
    const cJSON *f;
    cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(root, "facts")) {
        const char *type = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(f, "type"));
        long start = number_of(f, "start"), end = number_of(f, "end");
        if (!type || start < (long)pos || end <= start || (size_t)end > len) continue;
        cp += code_points(text + pos, (size_t)start - pos);
        pos = (size_t)start;
        fprintf(out, "T%zu\t%s ", ++n, type);
        /* fragments split at line breaks */
        size_t frag = (size_t)start, frag_cp = cp;
        for (size_t i = (size_t)start; i <= (size_t)end; i++) {
            if (i < (size_t)end && text[i] != '\n') continue;
            size_t frag_end_cp = frag_cp + code_points(text + frag, i - frag);
            if (i > frag) fprintf(out, "%s%zu %zu", frag == (size_t)start ? "" : ";", frag_cp, frag_end_cp);
            frag = i + 1;
            frag_cp = frag_end_cp + 1;
        }
        fputc('\t', out);
        for (size_t i = (size_t)start; i < (size_t)end; i++) fputc(text[i] == '\n' || text[i] == '\r' ? ' ' : text[i], out);
        fputc('\n', out);
        char *value = cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(f, "value"));
        if (value) fprintf(out, "#%zu\tAnnotatorNotes T%zu\t%s\n", n, n, value);
        free(value);
    }
    return ferror(out) ? -1 : 0;
}

/* The byte offset of code point cp in text[0, len) (len when past it). */
static size_t byte_of(const char *text, size_t len, size_t cp)
{
    size_t seen = 0;
    for (size_t i = 0; i < len; i++) {
        if (((unsigned char)text[i] & 0xC0) == 0x80) continue;
        if (seen++ == cp) return i;
    }
    return len;
}

static int by_start(const void *a, const void *b)
{
    long x = number_of(*(cJSON *const *)a, "start"), y = number_of(*(cJSON *const *)b, "start");
    return (x > y) - (x < y);
}

cJSON *fx_brat_read(const char *ann, size_t ann_len, const char *text, size_t len, const char *path, fx_diag *diag)
{
    cJSON *spans = cJSON_CreateObject();    /* "T1" -> fact, in file order */
    size_t line = 0;
    for (const char *p = ann, *end; p < ann + ann_len; p = end + 1) {
        end = memchr(p, '\n', (size_t)(ann + ann_len - p));
        if (!end) end = ann + ann_len;
        line++;
        char *l = fx_xstrndup(p, (size_t)(end - p));
        char *tab1 = strchr(l, '\t'), *tab2 = tab1 ? strchr(tab1 + 1, '\t') : NULL;
        if (l[0] == 'T' && tab1 && tab2) {
            *tab1 = *tab2 = '\0';
            char type[64];
            long s = -1, e = -1;
            int used = 0;
            const char *offsets = tab1 + 1;
            if (sscanf(offsets, "%63s %ld %ld%n", type, &s, &e, &used) < 3 || s < 0 || e <= s) {
                fx_diag_report(diag, FX_WARNING, path, line, 0, "not a brat text-bound annotation, skipped");
            } else {
                for (const char *q = strrchr(offsets, ';'); q; q = NULL) sscanf(q + 1, "%*d %ld", &e);
                size_t bs = byte_of(text, len, (size_t)s), be = byte_of(text, len, (size_t)e);
                cJSON *fact = cJSON_CreateObject();
                cJSON_AddStringToObject(fact, "type", type);
                char *span = fx_xstrndup(text + bs, be - bs);
                cJSON_AddStringToObject(fact, "text", span);
                free(span);
                cJSON_AddNumberToObject(fact, "start", (double)bs);
                cJSON_AddNumberToObject(fact, "end", (double)be);
                cJSON_AddItemToObject(spans, l, fact);
            }
        } else if (l[0] == '#' && tab1 && tab2 && strncmp(tab1 + 1, "AnnotatorNotes ", 15) == 0) {
            *tab2 = '\0';
            cJSON *fact = cJSON_GetObjectItemCaseSensitive(spans, tab1 + 16);
            cJSON *value = cJSON_Parse(tab2 + 1);
            if (!value) value = cJSON_CreateString(tab2 + 1);    /* a note that is not JSON: a bare value */
            if (fact) cJSON_AddItemToObject(fact, "value", value);
            else cJSON_Delete(value);
        }
        free(l);
    }
    /* facts sorted by start, as in factx's output */
    size_t n = (size_t)cJSON_GetArraySize(spans), k = 0;
    cJSON **list = fx_xmalloc((n ? n : 1) * sizeof *list);
    while (spans->child) list[k++] = cJSON_DetachItemViaPointer(spans, spans->child);
    qsort(list, k, sizeof *list, by_start);
    cJSON *root = cJSON_CreateObject(), *facts = cJSON_AddArrayToObject(root, "facts");
    for (size_t i = 0; i < k; i++) cJSON_AddItemToArray(facts, list[i]);
    free(list);
    cJSON_Delete(spans);
    return root;
}

void fx_brat_write_conf(FILE *out)
{
    fputs("# brat's configuration for factx documents (factx export --format brat)\n[entities]\n", out);
    for (int t = 0; t < FX_TYPE_COUNT; t++) fprintf(out, "%s\n", fx_types[t].name);
    fputs("[relations]\n<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n[events]\n[attributes]\n", out);
}
