/* rules_parse.c - the line format of rule files (rules.h): directives,
 * keys and examples. See rules_impl.h. */
#include "rules_impl.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "input.h"

/* '[', '\\' or ']' (0x5B-0x5D): where an example's text may hold a
 * marker or an escape; every other byte is copied as it is. */
static int may_start_marker(char c) { return (unsigned char)(c - '[') <= 2; }

/* The first " => " in s[0..n), or NULL: found by its '=' (memchr), which
 * an example seldom holds elsewhere. */
static const char *find_arrow(const char *s, size_t n)
{
    for (size_t i = 1; i + 3 <= n; i++) {
        const char *eq = memchr(s + i, '=', n - 2 - i);
        if (!eq) return NULL;
        i = (size_t)(eq - s);
        if (s[i - 1] == ' ' && s[i + 1] == '>' && s[i + 2] == ' ') return s + i - 1;
    }
    return NULL;
}

/* Parse "text [[span]] more => V1 => V2" into ex; *spans (*span_cap
 * long) is the caller's scratch, reused from one example to the next.
 * Returns 0, or -1 with a message in *err and the offending offset in
 * *at. */
static int parse_example(fx_context *ctx, fx_span **spans, size_t *span_cap, const char *s, size_t len,
                         fx_example *ex, const char **err, size_t *at)
{
    const char *arrow = find_arrow(s, len);
    size_t text_len = arrow ? (size_t)(arrow - s) : len;
    ex->span_count = 0;
    char *text = fx_arena_alloc_uninit(&ctx->arena, text_len + 1);
    size_t out = 0, open = FX_UNSET;
    for (size_t i = 0; i < text_len;) {
        size_t plain = i;
        while (plain < text_len && !may_start_marker(s[plain])) plain++;
        memcpy(text + out, s + i, plain - i);
        out += plain - i;
        i = plain;
        if (i == text_len) break;
        char next = i + 1 < text_len ? s[i + 1] : '\0';
        if (s[i] == '\\' && (next == 'n' || next == '\\' || next == 't')) {
            text[out++] = next == 'n' ? '\n' : next == 't' ? '\t' : '\\';
            i += 2;
        } else if (s[i] == '[' && next == '[') {
            if (open != FX_UNSET) { *err = "nested [["; *at = i; return -1; }
            open = out;
            i += 2;
        } else if (s[i] == ']' && next == ']') {
            if (open == FX_UNSET) { *err = "]] without [["; *at = i; return -1; }
            if (open == out) { *err = "empty [[]] span"; *at = i; return -1; }
            *PUSH(*spans, ex->span_count, *span_cap) = (fx_span){open, out};
            open = FX_UNSET;
            i += 2;
        } else {
            text[out++] = s[i++];
        }
    }
    if (open != FX_UNSET) { *err = "[[ without ]]"; *at = text_len; return -1; }
    text[out] = '\0';
    ex->text = text;
    ex->text_len = out;
    ex->spans = fx_arena_alloc(&ctx->arena, (ex->span_count ? ex->span_count : 1) * sizeof **spans);
    if (ex->span_count) memcpy(ex->spans, *spans, ex->span_count * sizeof **spans);
    /* The values stay text until something reads them (fx_example_value):
     * a run never does, and parsing them cost every start-up ~6 M
     * instructions of cJSON's parses, mallocs and frees. */
    ex->value_texts = fx_arena_alloc(&ctx->arena, (ex->span_count ? ex->span_count : 1) * sizeof *ex->value_texts);
    size_t vi = 0;
    while (arrow) {
        const char *v = arrow + 4;
        const char *next = find_arrow(v, (size_t)(s + len - v));
        size_t vlen = (size_t)((next ? next : s + len) - v);
        while (vlen && v[vlen - 1] == ' ') vlen--;
        if (vi >= ex->span_count) {
            *err = "more values than [[spans]]";
            *at = (size_t)(v - s);
            return -1;
        }
        ex->value_texts[vi++] = fx_arena_strndup(&ctx->arena, v, vlen);
        arrow = next;
    }
    return 0;
}

cJSON *fx_example_value(const fx_example *ex, size_t k)
{
    const char *text = k < ex->span_count ? ex->value_texts[k] : NULL;
    if (!text) return NULL;
    const char *parse_end = NULL;
    cJSON *value = cJSON_ParseWithOpts(text, &parse_end, 1);
    return value ? value : cJSON_CreateString(text);
}

int fx_rules_parse_file(loader *ld, const char *path, pending_rule **pending, size_t *pending_count,
                        size_t *pending_cap)
{
    fx_context *ctx = ld->ctx;
    size_t len;
    char *buf = fx_input_read_file(path, &len);
    if (!buf) {
        fx_diag_report(ld->diag, FX_ERROR, path, 0, 0, "cannot read: %s", strerror(errno));
        return -1;
    }
    long bad = fx_input_first_bad_byte(buf, len);
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
    fx_span *spans = NULL;      /* parse_example's scratch */
    size_t span_cap = 0;
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
                    else if (e - k == 12 && memcmp(val + k, "person_guard", 12) == 0) r->flags |= FX_RULE_PERSON_GUARD;
                    else if (e - k == 6 && memcmp(val + k, "timeml", 6) == 0) r->flags |= FX_RULE_TIMEML;
                    else if (e > k)
                        FAIL(vcol + k, "unknown flag '%.*s' (caseless, allcaps, person_guard, timeml)", (int)(e - k),
                             val + k);
                    k = e;
                }
            } else if (KEY("value")) {
                free(cur->value_name);
                cur->value_name = fx_xstrndup(val, vlen);
                cur->value_line = lineno;
                cur->value_col = vcol;
            } else if (KEY("dct")) {
                if (!fx_date_valid(val, vlen)) FAIL(vcol, "dct must be a day YYYY-MM-DD of the years 0001-9999");
                else {
                    memcpy(cur->dct, val, 10);
                    cur->dct[10] = '\0';
                }
            } else if (KEY("example") || KEY("reject")) {
                fx_example ex = {0};
                const char *err = NULL;
                size_t at = 0;
                if (parse_example(ctx, &spans, &span_cap, val, vlen, &ex, &err, &at) < 0) {
                    FAIL(vcol + at, "bad example: %s", err);
                    continue;
                }
                ex.reject = KEY("reject");
                if (ex.reject && ex.span_count) {
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
            int ok = name_len > 0 && fx_rules_is_name_char(line[rest], 1);
            for (size_t k = rest; ok && k < n; k++) ok = fx_rules_is_name_char(line[k], 0);
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
            if (fx_table_load(t, &ctx->arena, ld->diag, file, lineno, f + 1) < 0) errors++;
        } else {
            FAIL(i + 1, "expected 'rule', 'define', 'table' or 'key: value', found '%.*s'", (int)wlen, word);
        }
    }
#undef FAIL
    free(spans);
    free(buf);
    return errors ? -1 : 0;
}
