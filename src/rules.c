/* rules.c - see rules.h. Parsing first (all files, all errors reported),
 * then expansion and compilation, then checks that need everything loaded. */
#include "rules.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>
#include <utf8proc.h>

#include "input.h"
#include "normalise.h"

enum { MATCH_LIMIT = 1000000, DEPTH_LIMIT = 10000, MAX_EXPANSION = 1 << 20 };

/* ---- small growable arrays (load time only) ----------------------------- */

#define PUSH(arr, count, cap)                                                   \
    (((count) == (cap) ? ((cap) = (cap) ? (cap) * 2 : 16,                       \
                          (arr) = fx_xrealloc((arr), (cap) * sizeof *(arr)))    \
                       : 0),                                                    \
     &(arr)[(count)++])

typedef struct loader {
    fx_context *ctx;
    fx_diag *diag;
    size_t rule_cap, table_cap, define_cap;
} loader;

/* ---- reading files ------------------------------------------------------ */

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    /* the file's size (plus room to see the end) when known: one allocation */
    struct stat st;
    size_t cap = fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0
                     ? (size_t)st.st_size + 2 : 4096, n = 0;
    char *buf = fx_xmalloc(cap);
    for (;;) {
        if (n + 1 >= cap) buf = fx_xrealloc(buf, cap *= 2);
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0) break;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* Byte offset of the first invalid UTF-8 subpart or NUL, or -1. */
static long first_bad_byte(const char *s, size_t len)
{
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    size_t i = 0;
    while (i < len) {
        /* eight ASCII bytes, none of them NUL, at a time: most of a gazetteer */
        uint64_t v;
        if (len - i >= 8 && (memcpy(&v, s + i, 8), ((v | ((v - ones) & ~v)) & highs) == 0)) {
            i += 8;
            continue;
        }
        int32_t cp;
        size_t n = fx_utf8_decode((const unsigned char *)s + i, len - i, &cp);
        if (cp <= 0) return (long)i;
        i += n;
    }
    return -1;
}

/* Every *.rules file under dir, sorted, recursing into subdirectories. */
static void list_rule_files(const char *dir, char ***files, size_t *count, size_t *cap, int depth)
{
    if (depth > 8) return;
    size_t n;
    char **names = fx_input_dir_names(dir, &n);
    if (!names) return;
    for (size_t i = 0; i < n; i++) {
        size_t plen = strlen(dir) + strlen(names[i]) + 2;
        char *path = fx_xmalloc(plen);
        snprintf(path, plen, "%s/%s", dir, names[i]);
        struct stat st;
        size_t nl = strlen(names[i]);
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
            list_rule_files(path, files, count, cap, depth + 1);
            free(path);
        } else if (nl > 6 && strcmp(names[i] + nl - 6, ".rules") == 0) {
            *PUSH(*files, *count, *cap) = path;
        } else {
            free(path);
        }
    }
    fx_input_names_free(names, n);
}

/* ---- tables -------------------------------------------------------------- */

/* One entry of a hash index: the high 32 bits of the hash (the low bits
 * pick the slot) and what the entry stands for: in table->slots a row
 * index + 1, in table->first_words the longest key starting with the word;
 * 0 marks an empty slot in both. Eight bytes, so probes stay in cache. */
struct fx_table_slot {
    uint32_t hash;
    uint32_t value;
};

static uint64_t hash_bytes(const char *s, size_t len)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h;
}

const fx_table_row *fx_table_find(const fx_table *table, const char *key, size_t len)
{
    if (!table || !table->slot_count) return NULL;
    uint64_t h = hash_bytes(key, len);
    uint32_t check = (uint32_t)(h >> 32);
    size_t mask = table->slot_count - 1;
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        const struct fx_table_slot *slot = &table->slots[i];
        if (!slot->value) return NULL;
        if (slot->hash != check) continue;
        const fx_table_row *row = &table->rows[slot->value - 1];
        if (row->key_length == len && memcmp(row->fields[0], key, len) == 0) return row;
    }
}

size_t fx_table_first_word_max(const fx_table *table, const char *word, size_t len)
{
    if (!table || !table->first_word_slot_count) return 0;
    uint64_t h = hash_bytes(word, len);
    uint32_t check = (uint32_t)(h >> 32);
    size_t mask = table->first_word_slot_count - 1;
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        const struct fx_table_slot *slot = &table->first_words[i];
        if (!slot->value || slot->hash == check) return slot->value;
    }
}

int fx_table_column(const fx_table *table, const char *column)
{
    for (size_t i = 0; i < table->column_count; i++)
        if (strcmp(table->columns[i], column) == 0) return (int)i;
    return -1;
}

const char *fx_table_field(const fx_table *table, const fx_table_row *row, const char *column)
{
    int c = fx_table_column(table, column);
    return c < 0 ? "" : row->fields[c];
}

/* Both hash indexes in one pass over the rows: keys (rows sharing a key
 * chained in file order) and first words with their longest key. */
static void index_table(fx_table *t)
{
    size_t slots = 16;
    while (slots < t->row_count * 2) slots *= 2;
    size_t mask = slots - 1;
    t->slot_count = t->first_word_slot_count = slots;
    t->slots = fx_xcalloc(slots, sizeof *t->slots);
    t->first_words = fx_xcalloc(slots, sizeof *t->first_words);
    size_t *chain_end = fx_xmalloc(slots * sizeof *chain_end);   /* per key slot: its chain's last row */
    for (size_t r = 0; r < t->row_count; r++) {
        fx_table_row *row = &t->rows[r];
        const char *key = row->fields[0];
        size_t len = row->key_length, words = 1;
        for (size_t i = 0; i < len; i++) words += key[i] == ' ';
        if (words > t->max_words) t->max_words = words;
        uint64_t h = hash_bytes(key, len);
        uint32_t check = (uint32_t)(h >> 32);
        for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
            struct fx_table_slot *slot = &t->slots[i];
            if (!slot->value) {
                *slot = (struct fx_table_slot){check, (uint32_t)(r + 1)};
                chain_end[i] = r;
                break;
            }
            const fx_table_row *first = &t->rows[slot->value - 1];
            if (slot->hash == check && first->key_length == len && memcmp(first->fields[0], key, len) == 0) {
                t->rows[chain_end[i]].next_same_key = (long)r;
                chain_end[i] = r;
                break;
            }
        }
        size_t word = 0;
        while (word < len && fx_is_word_byte((unsigned char)key[word])) word++;
        if (word == 0) continue;    /* never found word by word */
        h = hash_bytes(key, word);
        check = (uint32_t)(h >> 32);
        for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
            struct fx_table_slot *slot = &t->first_words[i];
            if (!slot->value) *slot = (struct fx_table_slot){check, (uint32_t)len};
            else if (slot->hash != check) continue;
            else if (len > slot->value) slot->value = (uint32_t)len;
            break;
        }
    }
    free(chain_end);
}

/* Does normalisation (normalise.h) leave s[0..len) as it is? Yes for
 * printable ASCII with single spaces between words, as most keys are; the
 * others go through fx_normalise_string. */
static int normalised_already(const char *s, size_t len)
{
    if (len == 0 || s[0] == ' ' || s[len - 1] == ' ') return 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < ' ' || c > '~' || (c == ' ' && s[i + 1] == ' ')) return 0;
    }
    return 1;
}

/* The file is read into one buffer (t->data) that the fields point into:
 * tabs and line ends become NULs. Rows and their field arrays are allocated
 * once for the whole file. */
static int load_table(loader *ld, fx_table *t, const char *file, size_t line, size_t col)
{
    fx_context *ctx = ld->ctx;
    size_t len;
    char *buf = read_file(t->path, &len);
    if (!buf) {
        fx_diag_report(ld->diag, FX_ERROR, file, line, col, "cannot read table %s: %s",
                       t->path, strerror(errno));
        return -1;
    }
    long bad = first_bad_byte(buf, len);
    if (bad >= 0) {
        size_t l, c;
        fx_line_col(buf, len, (size_t)bad, &l, &c);
        fx_diag_report(ld->diag, FX_ERROR, t->path, l, c, "table is not valid UTF-8 text");
        free(buf);
        return -1;
    }
    t->data = buf;      /* freed with the context */
    size_t lines = 1;   /* an upper bound on the rows */
    for (const char *q = buf; (q = memchr(q, '\n', (size_t)(buf + len - q))) != NULL; q++) lines++;
    const char **cells = NULL;      /* column_count fields per row */
    size_t lineno = 0;
    int errors = 0;
    char *p = buf;
    while (p < buf + len) {
        char *eol = memchr(p, '\n', (size_t)(buf + len - p));
        if (!eol) eol = buf + len;
        lineno++;
        size_t ll = (size_t)(eol - p);
        if (ll && p[ll - 1] == '\r') ll--;
        if (ll == 0 || p[0] == '#') {
            p = eol + 1;
            continue;
        }
        /* split on tabs, in place (p[ll] is '\r', '\n' or the final NUL) */
        const char *fields[64];
        size_t nf = 0, key_length = 0;
        for (char *f = p, *end = p + ll;;) {
            char *tab = memchr(f, '\t', (size_t)(end - f));
            char *stop = tab ? tab : end;
            if (nf == 0) key_length = (size_t)(stop - f);
            *stop = '\0';
            if (nf < 64) fields[nf++] = f;
            if (!tab) break;
            f = tab + 1;
        }
        p = eol + 1;
        if (!t->columns) {
            t->column_count = nf;
            t->columns = fx_arena_alloc(&ctx->arena, nf * sizeof *t->columns);
            for (size_t i = 0; i < nf; i++) t->columns[i] = (char *)fields[i];
            t->rows = fx_arena_alloc(&ctx->arena, lines * sizeof *t->rows);
            cells = fx_arena_alloc(&ctx->arena, lines * nf * sizeof *cells);
            continue;
        }
        if (nf > t->column_count) {
            fx_diag_report(ld->diag, FX_ERROR, t->path, lineno, 1,
                           "%zu fields but the header names %zu columns", nf, t->column_count);
            errors++;
        }
        const char *key = fields[0];
        if (!normalised_already(key, key_length)) {
            char *normalised = fx_normalise_string(key, key_length, &key_length);
            key = fx_arena_strndup(&ctx->arena, normalised, key_length);
            free(normalised);
        }
        if (key_length == 0) {
            fx_diag_report(ld->diag, FX_ERROR, t->path, lineno, 1, "empty key");
            errors++;
            continue;
        }
        if (t->row_count == UINT32_MAX - 1) {   /* the index stores row + 1 in 32 bits */
            fx_diag_report(ld->diag, FX_ERROR, t->path, lineno, 1, "too many rows");
            errors++;
            break;
        }
        fx_table_row *row = &t->rows[t->row_count];
        row->fields = cells + t->row_count * t->column_count;
        t->row_count++;
        row->fields[0] = key;
        row->key_length = key_length;
        for (size_t i = 1; i < t->column_count; i++) row->fields[i] = i < nf ? fields[i] : "";
        row->line = lineno;
        row->next_same_key = -1;
    }
    if (!t->columns) {
        fx_diag_report(ld->diag, FX_ERROR, t->path, 1, 1, "table has no header line");
        return -1;
    }
    index_table(t);
    return errors ? -1 : 0;
}

/* The tables belong to the context; the loader may fill in their regex. */
static fx_table *find_table(const fx_context *ctx, const char *name)
{
    for (size_t i = 0; i < ctx->table_count; i++)
        if (strcmp(ctx->tables[i].name, name) == 0) return &ctx->tables[i];
    return NULL;
}

const fx_table *fx_rules_table(const fx_context *ctx, const char *name)
{
    return find_table(ctx, name);
}

const fx_rule *fx_rules_find(const fx_context *ctx, const char *id)
{
    for (size_t i = 0; i < ctx->rule_count; i++)
        if (strcmp(ctx->rules[i].id, id) == 0) return &ctx->rules[i];
    return NULL;
}

static pthread_mutex_t jit_lock = PTHREAD_MUTEX_INITIALIZER;

int fx_rule_jit(const fx_rule *rule)
{
    /* jit_state is the one field that changes after loading (rules.h) */
    fx_rule *r = (fx_rule *)rule;
    int state = atomic_load_explicit(&r->jit_state, memory_order_acquire);
    if (state == FX_JIT_PENDING) {
        pthread_mutex_lock(&jit_lock);
        state = atomic_load_explicit(&r->jit_state, memory_order_relaxed);
        if (state == FX_JIT_PENDING) {
            state = r->code && pcre2_jit_compile(r->code, PCRE2_JIT_COMPLETE) == 0 ? FX_JIT_ON : FX_JIT_OFF;
            atomic_store_explicit(&r->jit_state, state, memory_order_release);
        }
        pthread_mutex_unlock(&jit_lock);
    }
    return state == FX_JIT_ON;
}

int fx_rule_group(const fx_rule *rule, const char *name)
{
    for (size_t i = 0; i < rule->group_count; i++)
        if (rule->group_names[i] && strcmp(rule->group_names[i], name) == 0) return (int)i;
    return -1;
}

/* ---- parsing rule files --------------------------------------------------- */

/* Where a rule's pattern text came from, to place compile errors. */
typedef struct source_pos { size_t line, col; } source_pos;

typedef struct pending_rule {
    size_t rule_index;          /* into ctx->rules, which moves while parsing */
    fx_rule *rule;              /* set once parsing is over */
    char *pattern;              /* joined pattern lines (malloc) */
    source_pos *pattern_pos;    /* one per byte of pattern */
    size_t pattern_len;
    char *list_name;
    size_t list_line, list_col;
    char *value_name;
    size_t value_line, value_col;
    fx_example *examples;
    size_t example_count, example_cap;
    char dct[11];
} pending_rule;

static int is_name_char(char c, int first)
{
    return (c >= 'A' && c <= 'Z') || c == '_' || (!first && c >= '0' && c <= '9');
}

/* Parse "text [[span]] more => V1 => V2" into ex. Returns 0, or -1 with a
 * message in *err and the offending offset in *at. */
static void free_examples_values(fx_example *ex, size_t n);

static int parse_example(fx_context *ctx, const char *s, size_t len, fx_example *ex,
                         const char **err, size_t *at)
{
    const char *arrow = NULL;
    for (size_t i = 0; i + 4 <= len; i++)
        if (memcmp(s + i, " => ", 4) == 0) {
            arrow = s + i;
            break;
        }
    size_t text_len = arrow ? (size_t)(arrow - s) : len;
    ex->span_count = 0;
    char *text = fx_arena_alloc(&ctx->arena, text_len + 1);
    size_t out = 0, span_cap = 0;
    fx_span *spans = NULL;
    size_t open = FX_UNSET;
    for (size_t i = 0; i < text_len; i++) {
        if (s[i] == '\\' && i + 1 < text_len && (s[i + 1] == 'n' || s[i + 1] == '\\' || s[i + 1] == 't')) {
            text[out++] = s[i + 1] == 'n' ? '\n' : s[i + 1] == 't' ? '\t' : '\\';
            i++;
        } else if (s[i] == '[' && i + 1 < text_len && s[i + 1] == '[') {
            if (open != FX_UNSET) { *err = "nested [["; *at = i; free(spans); return -1; }
            open = out;
            i++;
        } else if (s[i] == ']' && i + 1 < text_len && s[i + 1] == ']') {
            if (open == FX_UNSET) { *err = "]] without [["; *at = i; free(spans); return -1; }
            if (open == out) { *err = "empty [[]] span"; *at = i; free(spans); return -1; }
            *PUSH(spans, ex->span_count, span_cap) = (fx_span){open, out};
            open = FX_UNSET;
            i++;
        } else {
            text[out++] = s[i];
        }
    }
    if (open != FX_UNSET) { *err = "[[ without ]]"; *at = text_len; free(spans); return -1; }
    ex->text = text;
    ex->text_len = out;
    ex->spans = fx_arena_alloc(&ctx->arena, (ex->span_count ? ex->span_count : 1) * sizeof *spans);
    if (ex->span_count) memcpy(ex->spans, spans, ex->span_count * sizeof *spans);
    free(spans);
    ex->values = fx_arena_alloc(&ctx->arena, (ex->span_count ? ex->span_count : 1) * sizeof *ex->values);
    size_t vi = 0;
    while (arrow) {
        const char *v = arrow + 4;
        const char *next = NULL;
        for (const char *q = v; q + 4 <= s + len; q++)
            if (memcmp(q, " => ", 4) == 0) { next = q; break; }
        size_t vlen = (size_t)((next ? next : s + len) - v);
        while (vlen && v[vlen - 1] == ' ') vlen--;
        if (vi >= ex->span_count) {
            *err = "more values than [[spans]]";
            *at = (size_t)(v - s);
            free_examples_values(ex, 1);    /* the values parsed so far */
            return -1;
        }
        char *copy = fx_xstrndup(v, vlen);
        const char *parse_end = NULL;
        cJSON *value = cJSON_ParseWithOpts(copy, &parse_end, 1);
        if (!value) value = cJSON_CreateString(copy);
        free(copy);
        ex->values[vi++] = value;
        arrow = next;
    }
    return 0;
}

static void free_examples_values(fx_example *ex, size_t n)
{
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < ex[i].span_count; j++) cJSON_Delete(ex[i].values[j]);
}

static int parse_file(loader *ld, const char *path, pending_rule **pending, size_t *pending_count,
                      size_t *pending_cap)
{
    fx_context *ctx = ld->ctx;
    size_t len;
    char *buf = read_file(path, &len);
    if (!buf) {
        fx_diag_report(ld->diag, FX_ERROR, path, 0, 0, "cannot read: %s", strerror(errno));
        return -1;
    }
    long bad = first_bad_byte(buf, len);
    if (bad >= 0) {
        size_t l, c;
        fx_line_col(buf, len, (size_t)bad, &l, &c);
        fx_diag_report(ld->diag, FX_ERROR, path, l, c, "rule file is not valid UTF-8 text");
        free(buf);
        return -1;
    }
    const char *file = fx_arena_strdup(&ctx->arena, path);
    int errors = 0;
    pending_rule *cur = NULL;
    size_t lineno = 0;
    char *p = buf;
#define FAIL(col, ...)                                                    \
    do {                                                                  \
        fx_diag_report(ld->diag, FX_ERROR, file, lineno, (col), __VA_ARGS__); \
        fx_diag_show_line(ld->diag, line, ll, (col));                     \
        errors++;                                                         \
    } while (0)
    while (p < buf + len) {
        char *eol = memchr(p, '\n', (size_t)(buf + len - p));
        if (!eol) eol = buf + len;
        lineno++;
        char *line = p;
        size_t ll = (size_t)(eol - p);
        if (ll && line[ll - 1] == '\r') ll--;
        p = eol + 1;
        size_t i = 0;
        while (i < ll && (line[i] == ' ' || line[i] == '\t')) i++;
        if (i == ll || line[i] == '#') continue;
        size_t w = i;
        while (w < ll && line[w] != ' ' && line[w] != '\t' && line[w] != ':') w++;
        const char *word = line + i;
        size_t wlen = w - i;
        size_t rest = w;
        while (rest < ll && (line[rest] == ' ' || line[rest] == '\t')) rest++;
        size_t rest_len = ll - rest;
        while (rest_len && (line[rest + rest_len - 1] == ' ' || line[rest + rest_len - 1] == '\t')) rest_len--;

        if (w < ll && line[w] == ':') {
            /* key: value inside a rule */
            size_t v = w + 1;
            while (v < ll && (line[v] == ' ' || line[v] == '\t')) v++;
            const char *val = line + v;
            size_t vlen = ll - v;
            /* keep trailing spaces of patterns; trim others */
            int is_pattern = wlen == 7 && memcmp(word, "pattern", 7) == 0;
            if (!is_pattern) while (vlen && (val[vlen - 1] == ' ' || val[vlen - 1] == '\t')) vlen--;
            size_t vcol = v + 1;
            if (!cur) {
                FAIL(i + 1, "'%.*s:' outside a rule (start one with 'rule ID')", (int)wlen, word);
                continue;
            }
            fx_rule *r = &ctx->rules[cur->rule_index];
#define KEY(k) (wlen == strlen(k) && memcmp(word, k, wlen) == 0)
            if (KEY("type")) {
                int t = fx_type_from_name(val, vlen);
                if (t < 0) FAIL(vcol, "unknown type '%.*s' (date, money, percent, city, org, none)", (int)vlen, val);
                else r->type = (fx_type)t;
            } else if (KEY("priority")) {
                char *end;
                char *tmp = fx_xstrndup(val, vlen);
                long pr = strtol(tmp, &end, 10);
                if (vlen == 0 || *end || pr < -1000000 || pr > 1000000) FAIL(vcol, "priority must be an integer");
                else r->priority = (int)pr;
                free(tmp);
            } else if (is_pattern) {
                if (cur->list_name) FAIL(i + 1, "a rule has either pattern: or list:, not both");
                cur->pattern = fx_xrealloc(cur->pattern, cur->pattern_len + vlen + 1);
                cur->pattern_pos = fx_xrealloc(cur->pattern_pos, (cur->pattern_len + vlen + 1) * sizeof *cur->pattern_pos);
                for (size_t k = 0; k < vlen; k++) {
                    cur->pattern[cur->pattern_len + k] = val[k];
                    cur->pattern_pos[cur->pattern_len + k] = (source_pos){lineno, vcol + k};
                }
                cur->pattern_len += vlen;
                cur->pattern[cur->pattern_len] = '\0';
            } else if (KEY("list")) {
                if (cur->pattern) FAIL(i + 1, "a rule has either pattern: or list:, not both");
                free(cur->list_name);
                cur->list_name = fx_xstrndup(val, vlen);
                cur->list_line = lineno;
                cur->list_col = vcol;
            } else if (KEY("flags")) {
                size_t k = 0;
                while (k < vlen) {
                    while (k < vlen && val[k] == ' ') k++;
                    size_t e = k;
                    while (e < vlen && val[e] != ' ') e++;
                    if (e - k == 8 && memcmp(val + k, "caseless", 8) == 0) r->flags |= FX_RULE_CASELESS;
                    else if (e - k == 7 && memcmp(val + k, "allcaps", 7) == 0) r->flags |= FX_RULE_ALLCAPS;
                    else if (e > k) FAIL(vcol + k, "unknown flag '%.*s' (caseless, allcaps)", (int)(e - k), val + k);
                    k = e;
                }
            } else if (KEY("value")) {
                free(cur->value_name);
                cur->value_name = fx_xstrndup(val, vlen);
                cur->value_line = lineno;
                cur->value_col = vcol;
            } else if (KEY("dct")) {
                if (!fx_date_valid(val, vlen)) FAIL(vcol, "dct must be YYYY-MM-DD");
                else {
                    memcpy(cur->dct, val, 10);
                    cur->dct[10] = '\0';
                }
            } else if (KEY("example") || KEY("reject")) {
                fx_example ex = {0};
                const char *err = NULL;
                size_t at = 0;
                if (parse_example(ctx, val, vlen, &ex, &err, &at) < 0) {
                    FAIL(vcol + at, "bad example: %s", err);
                    continue;
                }
                ex.reject = KEY("reject");
                if (ex.reject && ex.span_count) {
                    free_examples_values(&ex, 1);
                    FAIL(vcol, "a reject: text has no [[spans]]");
                    continue;
                }
                if (!ex.reject && ex.span_count == 0 && r->type != FX_TYPE_NONE) {
                    FAIL(vcol, "an example needs at least one [[span]] (use reject: for texts without facts)");
                    continue;
                }
                memcpy(ex.dct, cur->dct, sizeof ex.dct);
                ex.line = lineno;
                ex.col = vcol;
                *PUSH(cur->examples, cur->example_count, cur->example_cap) = ex;
            } else {
                FAIL(i + 1, "unknown key '%.*s' (type, priority, pattern, list, flags, value, dct, example, reject)",
                     (int)wlen, word);
            }
#undef KEY
            continue;
        }

        /* directives */
        if (wlen == 4 && memcmp(word, "rule", 4) == 0) {
            if (rest_len == 0) {
                FAIL(i + 1, "rule needs an id");
                cur = NULL;
                continue;
            }
            fx_rule *r = PUSH(ctx->rules, ctx->rule_count, ld->rule_cap);
            memset(r, 0, sizeof *r);
            r->id = fx_arena_strndup(&ctx->arena, line + rest, rest_len);
            r->file = file;
            r->line = lineno;
            r->type = FX_TYPE_COUNT + 1;    /* "not given", checked later */
            cur = PUSH(*pending, *pending_count, *pending_cap);
            memset(cur, 0, sizeof *cur);
            cur->rule_index = ctx->rule_count - 1;
        } else if (wlen == 6 && memcmp(word, "define", 6) == 0) {
            cur = NULL;
            size_t n = rest;
            while (n < ll && line[n] != ' ' && line[n] != '\t') n++;
            size_t body = n;
            while (body < ll && (line[body] == ' ' || line[body] == '\t')) body++;
            size_t name_len = n - rest;
            int ok = name_len > 0 && is_name_char(line[rest], 1);
            for (size_t k = rest; ok && k < n; k++) ok = is_name_char(line[k], 0);
            if (!ok) { FAIL(rest + 1, "define needs a NAME of capitals, digits and '_'"); continue; }
            if (body >= ll) { FAIL(n + 1, "define %.*s has no pattern", (int)name_len, line + rest); continue; }
            fx_define *d = PUSH(ctx->defines, ctx->define_count, ld->define_cap);
            d->name = fx_arena_strndup(&ctx->arena, line + rest, name_len);
            d->body = fx_arena_strndup(&ctx->arena, line + body, ll - body);
            d->file = file;
            d->line = lineno;
            d->col = body + 1;
            d->used = 0;
        } else if (wlen == 5 && memcmp(word, "table", 5) == 0) {
            cur = NULL;
            size_t n = rest;
            while (n < ll && line[n] != ' ' && line[n] != '\t') n++;
            size_t f = n;
            while (f < ll && (line[f] == ' ' || line[f] == '\t')) f++;
            if (n == rest || f >= ll) { FAIL(rest + 1, "usage: table NAME FILE"); continue; }
            fx_table *t = PUSH(ctx->tables, ctx->table_count, ld->table_cap);
            memset(t, 0, sizeof *t);
            t->name = fx_arena_strndup(&ctx->arena, line + rest, n - rest);
            t->path = fx_arena_printf(&ctx->arena, "%s/%.*s", ctx->rules_dir, (int)(ll - f), line + f);
            if (load_table(ld, t, file, lineno, f + 1) < 0) errors++;
        } else {
            FAIL(i + 1, "expected 'rule', 'define', 'table' or 'key: value', found '%.*s'", (int)wlen, word);
        }
    }
#undef FAIL
    free(buf);
    return errors ? -1 : 0;
}

/* ---- expansion and compilation ------------------------------------------- */

static const fx_define *find_define(const fx_context *ctx, const char *name, size_t len)
{
    for (size_t i = 0; i < ctx->define_count; i++)
        if (strlen(ctx->defines[i].name) == len && memcmp(ctx->defines[i].name, name, len) == 0)
            return &ctx->defines[i];
    return NULL;
}

typedef struct expansion {
    char *out;
    size_t len, cap;
    source_pos *pos;            /* per output byte, NULL when not tracked */
    const char *error;          /* message, or NULL */
    char error_name[128];
} expansion;

static void append(expansion *e, const char *s, size_t n, source_pos at)
{
    if (e->len + n + 1 > e->cap) {
        while (e->len + n + 1 > e->cap) e->cap = e->cap ? e->cap * 2 : 256;
        e->out = fx_xrealloc(e->out, e->cap);
        if (e->pos) e->pos = fx_xrealloc(e->pos, e->cap * sizeof *e->pos);
    }
    memcpy(e->out + e->len, s, n);
    if (e->pos)
        for (size_t i = 0; i < n; i++) e->pos[e->len + i] = at;
    e->len += n;
    e->out[e->len] = '\0';
}

/* Keys of a table as a regex that matches exactly what the alternation of
 * the keys, longest first, matches, and tries them in the same order.
 *
 * The keys are written as a trie over code points: "(?:A(?:cademy|gency)|
 * Bank)" instead of "(?:Academy|Agency|Bank)". PCRE2 tries the branches of
 * an alternation one after another, so a 300-key table costs 300 failed
 * comparisons at every position it is tried; the trie costs one per
 * level. The keys that can match at one position are then prefixes of one
 * another, so they lie on one path of the trie, where a node's children
 * come before its own end ("(?:...|)"): the longest is tried first and
 * backtracking gives the next shorter, as in the flat list. Under
 * PCRE2_CASELESS that holds only when no node has two children that are
 * case variants of each other ("Co"/"CO"); such a table is written flat. */
static int by_length_desc(const void *a, const void *b)
{
    size_t la = strlen(*(char *const *)a), lb = strlen(*(char *const *)b);
    if (la != lb) return la < lb ? 1 : -1;
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int by_bytes(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void append_key_char(expansion *e, const char *c, size_t n, source_pos at)
{
    if (n == 1 && strchr("\\^$.|?*+()[]{}/", *c)) append(e, "\\", 1, at);
    append(e, c, n, at);
}

/* Bytes of the UTF-8 character at s (1 for a stray byte). */
static size_t char_length(const char *s)
{
    int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s, -1, &cp);
    return n > 0 ? (size_t)n : 1;
}

static int32_t char_at(const char *s)
{
    int32_t cp;
    return utf8proc_iterate((const utf8proc_uint8_t *)s, -1, &cp) > 0 ? cp : -1;
}

static int case_variants(int32_t a, int32_t b)
{
    return a != b && (utf8proc_tolower(a) == utf8proc_tolower(b) || utf8proc_toupper(a) == utf8proc_toupper(b));
}

/* keys[0..n), sorted bytewise, share their first `depth` bytes: append
 * the trie below that point. Returns 0 when two children of a node are
 * case variants (the caller then writes the table flat). */
static int append_trie(expansion *e, const char **keys, size_t n, size_t depth, source_pos at)
{
    size_t first = keys[0][depth] == '\0';   /* sorted: a key that ends here comes first */
    /* the children: runs of keys with the same next character */
    size_t *starts = fx_xmalloc((n + 1) * sizeof *starts), groups = 0;
    for (size_t g = first; g < n; groups++) {
        starts[groups] = g;
        size_t cl = char_length(keys[g] + depth);
        int32_t cp = char_at(keys[g] + depth);
        for (size_t o = 0; o < groups; o++)
            if (case_variants(char_at(keys[starts[o]] + depth), cp)) {
                free(starts);
                return 0;
            }
        while (g < n && strncmp(keys[g] + depth, keys[starts[groups]] + depth, cl) == 0) g++;
    }
    starts[groups] = n;
    int ok = 1, wrap = groups > 1 || (first && groups);
    if (wrap) append(e, "(?:", 3, at);
    for (size_t k = 0; k < groups && ok; k++) {
        const char *c = keys[starts[k]] + depth;
        size_t cl = char_length(c);
        if (k) append(e, "|", 1, at);
        append_key_char(e, c, cl, at);
        ok = append_trie(e, keys + starts[k], starts[k + 1] - starts[k], depth + cl, at);
    }
    if (wrap && first) append(e, "|", 1, at);   /* the key ending here: after the longer ones */
    if (wrap) append(e, ")", 1, at);
    free(starts);
    return ok;
}

static void table_regex(expansion *e, const fx_table *t, source_pos at)
{
    const char **keys = fx_xmalloc((t->row_count ? t->row_count : 1) * sizeof *keys);
    size_t n = 0;
    for (size_t r = 0; r < t->row_count; r++) {
        const char *k = t->rows[r].fields[0];
        if (fx_table_find(t, k, t->rows[r].key_length) == &t->rows[r]) keys[n++] = k;   /* once per key */
    }
    append(e, "(?:", 3, at);
    if (n) {
        qsort(keys, n, sizeof *keys, by_bytes);
        if (append_trie(e, keys, n, 0, at)) {
            append(e, ")", 1, at);
            free(keys);
            return;
        }
        e->len = 3;   /* case variants: the flat alternation */
    }
    qsort(keys, n, sizeof *keys, by_length_desc);
    for (size_t i = 0; i < n; i++) {
        if (i) append(e, "|", 1, at);
        for (const char *c = keys[i]; *c; c++) append_key_char(e, c, 1, at);
    }
    append(e, ")", 1, at);
    free(keys);
}

/* The table's keys as a regex, built on its first use (tables are often
 * expanded in many rules: the organisation words in every org rule). */
static void append_table_alternation(fx_context *ctx, expansion *e, fx_table *t, source_pos at)
{
    if (!t->regex) {
        expansion built = {0};
        table_regex(&built, t, at);
        t->regex = fx_arena_strndup(&ctx->arena, built.out, built.len);
        free(built.out);
    }
    append(e, t->regex, strlen(t->regex), at);
}

static void expand(fx_context *ctx, expansion *e, const char *s, size_t n, const source_pos *pos,
                   source_pos here, int depth)
{
    if (depth > 32) {
        e->error = "sub-pattern references nest too deeply (recursive define?)";
        return;
    }
    for (size_t i = 0; i < n && !e->error; i++) {
        source_pos at = pos ? pos[i] : here;
        if (s[i] == '\\' && i + 1 < n) {
            /* an escape, with its braces when it has them: \p{L}, \x{20AC} */
            size_t j = i + 2;
            if (j < n && s[j] == '{' && strchr("pPxoNgk", s[i + 1])) {
                while (j < n && s[j] != '}') j++;
                if (j < n) j++;
            }
            append(e, s + i, j - i, at);
            i = j - 1;
            continue;
        }
        if (s[i] == '{' && i + 1 < n && is_name_char(s[i + 1], 1)) {
            size_t j = i + 1;
            while (j < n && is_name_char(s[j], 0)) j++;
            if (j < n && s[j] == '}') {
                const char *name = s + i + 1;
                size_t nl = j - i - 1;
                fx_define *d = (fx_define *)find_define(ctx, name, nl);
                char tname[120];
                snprintf(tname, sizeof tname, "%.*s", (int)(nl < 119 ? nl : 119), name);
                fx_table *t = d ? NULL : find_table(ctx, tname);
                if (!d && !t) {
                    e->error = "unknown sub-pattern";
                    snprintf(e->error_name, sizeof e->error_name, "%s", tname);
                    return;
                }
                if (d) {
                    d->used = 1;
                    append(e, "(?:", 3, at);
                    expand(ctx, e, d->body, strlen(d->body), NULL, at, depth + 1);
                    append(e, ")", 1, at);
                    if (e->error && !e->error_name[0])
                        snprintf(e->error_name, sizeof e->error_name, "%s", d->name);
                } else {
                    append_table_alternation(ctx, e, t, at);
                }
                if (e->len > MAX_EXPANSION) {
                    e->error = "pattern grows past 1 MiB when sub-patterns are expanded";
                    return;
                }
                i = j;
                continue;
            }
        }
        append(e, s + i, 1, at);
    }
}

static void report_pcre_error(loader *ld, const char *file, source_pos at, const char *what, int code)
{
    PCRE2_UCHAR msg[256];
    pcre2_get_error_message(code, msg, sizeof msg);
    fx_diag_report(ld->diag, FX_ERROR, file, at.line, at.col, "%s: %s", what, (const char *)msg);
}

static pcre2_code *compile(const char *pattern, size_t len, unsigned flags, int *error, size_t *offset)
{
    uint32_t options = PCRE2_UTF | PCRE2_NO_UTF_CHECK | PCRE2_DUPNAMES;
    if (flags & FX_RULE_CASELESS) options |= PCRE2_CASELESS;
    PCRE2_SIZE off = 0;
    pcre2_code *code = pcre2_compile((PCRE2_SPTR)pattern, len, options, error, &off, NULL);
    *offset = off;
    return code;
}

static int check_defines(loader *ld)
{
    int errors = 0;
    fx_context *ctx = ld->ctx;
    for (size_t i = 0; i < ctx->define_count; i++) {
        fx_define *d = &ctx->defines[i];
        for (size_t j = 0; j < i; j++)
            if (strcmp(ctx->defines[j].name, d->name) == 0) {
                fx_diag_report(ld->diag, FX_ERROR, d->file, d->line, 1,
                               "define %s already defined at %s:%zu", d->name,
                               ctx->defines[j].file, ctx->defines[j].line);
                errors++;
            }
        if (fx_rules_table(ctx, d->name)) {
            fx_diag_report(ld->diag, FX_ERROR, d->file, d->line, 1,
                           "define %s has the name of a table", d->name);
            errors++;
        }
        expansion e = {0};
        int used = d->used;
        expand(ctx, &e, d->body, strlen(d->body), NULL, (source_pos){d->line, d->col}, 0);
        d->used = used;
        if (e.error) {
            fx_diag_report(ld->diag, FX_ERROR, d->file, d->line, d->col, "in define %s: %s%s%s",
                           d->name, e.error, e.error_name[0] ? " " : "", e.error_name);
            errors++;
        } else {
            int code;
            size_t off;
            pcre2_code *re = compile(e.out, e.len, 0, &code, &off);
            if (!re) {
                PCRE2_UCHAR msg[256];
                pcre2_get_error_message(code, msg, sizeof msg);
                fx_diag_report(ld->diag, FX_ERROR, d->file, d->line, d->col,
                               "in define %s, at offset %zu of its expansion: %s", d->name, off,
                               (const char *)msg);
                errors++;
            }
            pcre2_code_free(re);
        }
        free(e.out);
    }
    return errors;
}

static int finish_rule(loader *ld, pending_rule *pr)
{
    fx_context *ctx = ld->ctx;
    fx_rule *r = pr->rule;
    int errors = 0;
    if (r->type > FX_TYPE_NONE) {
        fx_diag_report(ld->diag, FX_ERROR, r->file, r->line, 1, "rule %s has no type:", r->id);
        free_examples_values(pr->examples, pr->example_count);  /* never reach r->examples */
        return 1;
    }
    for (size_t i = 0; i < (size_t)(r - ctx->rules); i++)
        if (strcmp(ctx->rules[i].id, r->id) == 0) {
            fx_diag_report(ld->diag, FX_ERROR, r->file, r->line, 6, "duplicate rule id %s (first at %s:%zu)",
                           r->id, ctx->rules[i].file, ctx->rules[i].line);
            errors++;
        }
    const char *vname = pr->value_name ? pr->value_name : fx_type_name(r->type);
    r->value_name = fx_arena_strdup(&ctx->arena, vname);
    if (r->type != FX_TYPE_NONE) {
        r->value = fx_values_find(vname);
        if (!r->value) {
            fx_diag_report(ld->diag, FX_ERROR, r->file, pr->value_name ? pr->value_line : r->line,
                           pr->value_name ? pr->value_col : 1, "rule %s: unknown value normaliser '%s'",
                           r->id, vname);
            errors++;
        }
    }
    if (pr->list_name) {
        r->list = fx_rules_table(ctx, pr->list_name);
        if (!r->list) {
            fx_diag_report(ld->diag, FX_ERROR, r->file, pr->list_line, pr->list_col,
                           "rule %s: unknown table '%s'", r->id, pr->list_name);
            errors++;
        }
        r->group_count = 1;
        r->group_names = fx_arena_alloc(&ctx->arena, sizeof *r->group_names);
    } else if (!pr->pattern) {
        fx_diag_report(ld->diag, FX_ERROR, r->file, r->line, 1, "rule %s has no pattern: or list:", r->id);
        errors++;
    } else {
        r->pattern = fx_arena_strndup(&ctx->arena, pr->pattern, pr->pattern_len);
        expansion e = {0};
        e.pos = fx_xmalloc(sizeof *e.pos);
        expand(ctx, &e, pr->pattern, pr->pattern_len, pr->pattern_pos, pr->pattern_pos[0], 0);
        if (e.error) {
            source_pos at = pr->pattern_pos[0];
            fx_diag_report(ld->diag, FX_ERROR, r->file, at.line, at.col, "rule %s: %s%s%s", r->id,
                           e.error, e.error_name[0] ? " " : "", e.error_name);
            errors++;
        } else {
            int code;
            size_t off;
            r->code = compile(e.out, e.len, r->flags, &code, &off);
            if (!r->code) {
                source_pos at = e.len ? e.pos[off < e.len ? off : e.len - 1] : pr->pattern_pos[0];
                char what[200];
                snprintf(what, sizeof what, "rule %s: bad pattern", r->id);
                report_pcre_error(ld, r->file, at, what, code);
                errors++;
            } else {
                r->expanded = fx_arena_strndup(&ctx->arena, e.out, e.len);
                /* FACTX_NO_JIT keeps PCRE2's interpreter: valgrind cannot follow JIT code */
                atomic_init(&r->jit_state, getenv("FACTX_NO_JIT") ? FX_JIT_OFF : FX_JIT_PENDING);
                uint32_t captures = 0, names = 0, entry_size = 0;
                PCRE2_SPTR table = NULL;
                pcre2_pattern_info(r->code, PCRE2_INFO_CAPTURECOUNT, &captures);
                pcre2_pattern_info(r->code, PCRE2_INFO_NAMECOUNT, &names);
                pcre2_pattern_info(r->code, PCRE2_INFO_NAMEENTRYSIZE, &entry_size);
                pcre2_pattern_info(r->code, PCRE2_INFO_NAMETABLE, &table);
                r->group_count = captures + 1;
                r->group_names = fx_arena_alloc(&ctx->arena, r->group_count * sizeof *r->group_names);
                for (uint32_t k = 0; k < names; k++) {
                    const unsigned char *entry = table + (size_t)k * entry_size;
                    size_t group = ((size_t)entry[0] << 8) | entry[1];
                    if (group < r->group_count)
                        r->group_names[group] = fx_arena_strdup(&ctx->arena, (const char *)entry + 2);
                }
            }
        }
        free(e.out);
        free(e.pos);
    }
    r->examples = fx_arena_alloc(&ctx->arena, (pr->example_count ? pr->example_count : 1) * sizeof *r->examples);
    if (pr->example_count) memcpy(r->examples, pr->examples, pr->example_count * sizeof *pr->examples);
    r->example_count = pr->example_count;
    return errors;
}

static void free_pending(pending_rule *pr)
{
    free(pr->pattern);
    free(pr->pattern_pos);
    free(pr->list_name);
    free(pr->value_name);
    free(pr->examples);
}

fx_context *fx_rules_load(const char *dir, fx_diag *diag)
{
    fx_context *ctx = fx_xcalloc(1, sizeof *ctx);
    fx_arena_init(&ctx->arena);
    ctx->rules_dir = fx_xstrdup(dir);
    loader ld = {ctx, diag, 0, 0, 0};
    size_t errors_before = diag->errors;

    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        fx_diag_report(diag, FX_ERROR, dir, 0, 0, "rules directory not found");
        fx_rules_free(ctx);
        return NULL;
    }
    char **files = NULL;
    size_t file_count = 0, file_cap = 0;
    list_rule_files(dir, &files, &file_count, &file_cap, 0);
    if (file_count == 0) fx_diag_report(diag, FX_ERROR, dir, 0, 0, "no *.rules files");

    pending_rule *pending = NULL;
    size_t pending_count = 0, pending_cap = 0;
    for (size_t i = 0; i < file_count; i++) {
        parse_file(&ld, files[i], &pending, &pending_count, &pending_cap);
        free(files[i]);
    }
    free(files);

    /* rules no longer move: turn stored indices into pointers */
    for (size_t i = 0; i < pending_count; i++) pending[i].rule = &ctx->rules[pending[i].rule_index];
    for (size_t i = 0; i < ctx->rule_count; i++) ctx->rules[i].order = i;
    for (size_t i = 0; i < ctx->table_count; i++)
        for (size_t j = 0; j < i; j++)
            if (strcmp(ctx->tables[i].name, ctx->tables[j].name) == 0)
                fx_diag_report(diag, FX_ERROR, ctx->tables[i].path, 0, 0, "table %s declared twice",
                               ctx->tables[i].name);

    for (size_t i = 0; i < pending_count; i++) finish_rule(&ld, &pending[i]);
    check_defines(&ld);
    for (size_t i = 0; i < pending_count; i++) free_pending(&pending[i]);
    free(pending);

    ctx->match_limit = MATCH_LIMIT;
    ctx->depth_limit = DEPTH_LIMIT;
    ctx->match_context = pcre2_match_context_create(NULL);
    pcre2_set_match_limit(ctx->match_context, (uint32_t)ctx->match_limit);
    pcre2_set_depth_limit(ctx->match_context, (uint32_t)ctx->depth_limit);

    if (diag->errors > errors_before) {
        fx_rules_free(ctx);
        return NULL;
    }
    return ctx;
}

void fx_rules_free(fx_context *ctx)
{
    if (!ctx) return;
    for (size_t i = 0; i < ctx->rule_count; i++) {
        pcre2_code_free(ctx->rules[i].code);
        if (ctx->rules[i].examples) free_examples_values(ctx->rules[i].examples, ctx->rules[i].example_count);
    }
    for (size_t i = 0; i < ctx->table_count; i++) {
        free(ctx->tables[i].slots);
        free(ctx->tables[i].first_words);
        free(ctx->tables[i].data);
    }
    pcre2_match_context_free(ctx->match_context);
    free(ctx->rules);
    free(ctx->tables);
    free(ctx->defines);
    free(ctx->rules_dir);
    fx_arena_free(&ctx->arena);
    free(ctx);
}
