/* match.c - see match.h. */
#include "match.h"

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "rules.h"

struct fx_scratch {
    pcre2_match_data *match_data;
    pcre2_jit_stack *jit_stack;
    pcre2_match_context *match_context;   /* the context's limits + our JIT stack */
};

fx_scratch *fx_scratch_new(const struct fx_context *ctx)
{
    fx_scratch *s = fx_xcalloc(1, sizeof *s);
    uint32_t most = 1;
    for (size_t i = 0; i < ctx->rule_count; i++)
        if (ctx->rules[i].group_count > most) most = (uint32_t)ctx->rules[i].group_count;
    s->match_data = pcre2_match_data_create(most, NULL);
    s->jit_stack = pcre2_jit_stack_create(32 * 1024, 1024 * 1024, NULL);
    s->match_context = pcre2_match_context_copy(ctx->match_context);
    if (!s->match_data || !s->jit_stack || !s->match_context) {
        fx_scratch_free(s);
        return NULL;
    }
    pcre2_jit_stack_assign(s->match_context, NULL, s->jit_stack);
    return s;
}

void fx_scratch_free(fx_scratch *s)
{
    if (!s) return;
    pcre2_match_data_free(s->match_data);
    pcre2_jit_stack_free(s->jit_stack);
    pcre2_match_context_free(s->match_context);
    free(s);
}

static size_t next_char(const char *t, size_t len, size_t i)
{
    i++;
    while (i < len && ((unsigned char)t[i] & 0xC0) == 0x80) i++;
    return i;
}

static void match_pattern(const fx_rule *rule, fx_scratch *s, fx_doc *doc)
{
    const char *t = doc->text;
    size_t len = doc->text_len, offset = 0;
    while (offset <= len) {
        int rc = pcre2_match(rule->code, (PCRE2_SPTR)t, len, offset, PCRE2_NO_UTF_CHECK,
                             s->match_data, s->match_context);
        if (rc == PCRE2_ERROR_NOMATCH) return;
        if (rc < 0) {
            PCRE2_UCHAR msg[200];
            pcre2_get_error_message(rc, msg, sizeof msg);
            fx_doc_warn(doc, fx_doc_orig_start(doc, offset),
                        "rule %s (%s:%zu) stopped at byte %zu: %s; the other rules go on",
                        rule->id, rule->file, rule->line, fx_doc_orig_start(doc, offset), (const char *)msg);
            return;
        }
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(s->match_data);
        size_t start = ov[0], end = ov[1];
        if (end > start) {
            fx_candidate *c = fx_doc_add_candidate(doc, rule, start, end, rule->group_count);
            size_t set = (size_t)rc < rule->group_count ? (size_t)rc : rule->group_count;
            for (size_t g = 0; g < set; g++) {
                c->groups[2 * g] = ov[2 * g] == PCRE2_UNSET ? FX_UNSET : ov[2 * g];
                c->groups[2 * g + 1] = ov[2 * g + 1] == PCRE2_UNSET ? FX_UNSET : ov[2 * g + 1];
            }
            offset = end;
        } else {
            offset = next_char(t, len, end > offset ? end : offset);
        }
    }
}

static int is_word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

static int starts_upper(const char *t, size_t i)
{
    unsigned char c = (unsigned char)t[i];
    return (c >= 'A' && c <= 'Z') || c >= 0xC0;
}

/* "BEIJING" -> "Beijing", "NEW YORK" -> "New York", "KØBENHAVN" ->
 * "København": letters after a word's first lower-cased. 0 when s has a
 * lower-case letter (not all caps) or a letter whose lower case has
 * another length in UTF-8 (the key could not line up with the text). */
static int title_case(const char *s, size_t n, char *out)
{
    size_t i = 0;
    while (i < n) {
        int32_t cp;
        utf8proc_ssize_t got = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
        if (got <= 0) return 0;
        if (utf8proc_category(cp) == UTF8PROC_CATEGORY_LL) return 0;
        int word_start = i == 0 || !is_word_byte((unsigned char)s[i - 1]);
        int32_t lower = word_start ? cp : utf8proc_tolower(cp);
        utf8proc_uint8_t enc[4];
        if (utf8proc_encode_char(lower, enc) != got) return 0;
        memcpy(out + i, enc, (size_t)got);
        i += (size_t)got;
    }
    return 1;
}

static void match_list(const fx_rule *rule, fx_doc *doc)
{
    const char *t = doc->text;
    size_t len = doc->text_len;
    const fx_table *table = rule->list;
    size_t i = 0;
    char folded[256];
    while (i < len) {
        if (!is_word_byte((unsigned char)t[i])) { i++; continue; }
        size_t word_end = i;
        while (word_end < len && is_word_byte((unsigned char)t[word_end])) word_end++;
        if (!starts_upper(t, i)) { i = word_end; continue; }
        /* collect ends of up to max_words words joined by ' ', '-', '\'', '.' */
        size_t ends[16], n = 0, e = word_end;
        for (;;) {
            ends[n++] = e;
            if (n == 16 || n >= table->max_words + 2) break;   /* keys like "Xi'an" span more tokens */
            if (e + 1 >= len || !strchr(" -'.", t[e]) || !is_word_byte((unsigned char)t[e + 1])) break;
            size_t f = e + 1;
            while (f < len && is_word_byte((unsigned char)t[f])) f++;
            e = f;
        }
        if (n < 16 && e < len && t[e] == '.') ends[n++] = e + 1;   /* keys like "Washington D.C." */
        size_t matched = 0;
        for (size_t k = n; k-- > 0;) {
            const fx_table_row *row = fx_table_find(table, t + i, ends[k] - i);
            if (!row && (rule->flags & FX_RULE_ALLCAPS) && ends[k] - i < sizeof folded &&
                title_case(t + i, ends[k] - i, folded))
                row = fx_table_find(table, folded, ends[k] - i);
            if (row) {
                fx_candidate *c = fx_doc_add_candidate(doc, rule, i, ends[k], 1);
                c->groups[0] = i;
                c->groups[1] = ends[k];
                c->entry = row;
                matched = ends[k];
                break;
            }
        }
        i = matched ? matched : word_end;
    }
}

int fx_match(const struct fx_context *ctx, fx_scratch *scratch, fx_doc *doc)
{
    for (size_t r = 0; r < ctx->rule_count; r++) {
        const fx_rule *rule = &ctx->rules[r];
        if (rule->type != FX_TYPE_NONE && !(doc->types & (1u << rule->type))) continue;
        if (rule->code) match_pattern(rule, scratch, doc);
        else if (rule->list) match_list(rule, doc);
    }
    return 0;
}
