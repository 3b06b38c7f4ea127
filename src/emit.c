/* emit.c - see emit.h. */
#include "emit.h"

#include <assert.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "bytes16.h"
#include "clock.h"
#include "diag.h"
#include "json_print.h"
#include "normalise.h"
#include "output_value.h"
#include "rules.h"
#include "sha256.h"
#include "values.h"

static cJSON *string_or_null(const char *s)
{
    return s ? cJSON_CreateString(s) : cJSON_CreateNull();
}

/* The byte range in the original input of the sentence f is in. */
static fx_span sentence_span(const fx_doc *doc, const fx_fact *f)
{
    if (f->sentence >= doc->sentence_count) return (fx_span){f->start, f->end};
    const fx_span *s = &doc->sentences[f->sentence];
    return fx_doc_orig_span(doc, s->start, s->end);
}

cJSON *fx_emit_tree(const fx_doc *doc)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "schema_version", FX_SCHEMA_VERSION);
    cJSON *d = cJSON_AddObjectToObject(root, "doc");
    cJSON_AddStringToObject(d, "id", doc->id);
    cJSON_AddItemToObject(d, "path", string_or_null(doc->path));
    cJSON_AddNumberToObject(d, "bytes", (double)doc->src_len);
    char hex[65];
    fx_sha256_hex(doc->src, doc->src_len, hex);
    cJSON_AddStringToObject(d, "sha256", hex);
    cJSON_AddItemToObject(d, "dct", string_or_null(doc->dct[0] ? doc->dct : NULL));
    cJSON_AddStringToObject(d, "dct_source", fx_dct_source_name(doc->dct_source));

    cJSON *facts = cJSON_AddArrayToObject(root, "facts");
    size_t cp_pos = 0, byte_pos = 0;   /* facts are sorted: count code points once */
    for (size_t i = 0; i < doc->fact_count; i++) {
        const fx_fact *f = &doc->facts[i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "type", fx_type_name(f->type));
        char *text = fx_xstrndup(doc->src + f->start, f->end - f->start);
        cJSON_AddStringToObject(o, "text", text);
        free(text);
        cJSON_AddNumberToObject(o, "start", (double)f->start);
        cJSON_AddNumberToObject(o, "end", (double)f->end);
        cp_pos += fx_utf8_count(doc->src + byte_pos, f->start - byte_pos);
        byte_pos = f->start;
        size_t cp_end = cp_pos + fx_utf8_count(doc->src + f->start, f->end - f->start);
        cJSON_AddNumberToObject(o, "cp_start", (double)cp_pos);
        cJSON_AddNumberToObject(o, "cp_end", (double)cp_end);
        cJSON_AddItemToObject(o, "value", fx_output_value(f->type, f->value));
        cJSON_AddStringToObject(o, "rule", f->candidate->rule->id);
        cJSON_AddNumberToObject(o, "sentence", (double)f->sentence);
        fx_span sentence = sentence_span(doc, f);
        cJSON_AddNumberToObject(o, "sentence_start", (double)sentence.start);
        cJSON_AddNumberToObject(o, "sentence_end", (double)sentence.end);
        if (f->extra)
            for (cJSON *e = f->extra->child; e; e = e->next)
                if (!cJSON_GetObjectItemCaseSensitive(o, e->string))
                    cJSON_AddItemToObject(o, e->string, cJSON_Duplicate(e, 1));
        cJSON_AddItemToArray(facts, o);
    }

    cJSON *warnings = cJSON_AddArrayToObject(root, "warnings");
    for (size_t i = 0; i < doc->warning_count; i++) {
        const fx_warning *w = &doc->warnings[i];
        cJSON *o = cJSON_CreateObject();
        if (w->offset == FX_UNSET) {
            cJSON_AddNullToObject(o, "offset");
        } else {
            cJSON_AddNumberToObject(o, "offset", (double)w->offset);
            cJSON_AddNumberToObject(o, "line", (double)w->line);
            cJSON_AddNumberToObject(o, "column", (double)w->column);
        }
        cJSON_AddStringToObject(o, "message", w->message);
        cJSON_AddItemToArray(warnings, o);
    }
    return root;
}

/* Where src[from..to) has its first non-ASCII byte (to: nowhere), of
 * the src_len bytes at src: sixteen at a time, and the last few in the
 * sixteen bytes from their start, or near src's end in those ending at
 * to (facts and the gaps between them are short). */
static size_t first_high(const char *src, size_t src_len, size_t from, size_t to)
{
    size_t i = from;
    for (; to - i >= 16; i += 16) {
        unsigned high = fx_bytes16_high(fx_bytes16_load(src + i));
        if (high) return i + (size_t)__builtin_ctz(high);
    }
    size_t left = to - i;
    unsigned high;
    if (left == 0) return to;
    if (src_len - i >= 16) {
        high = fx_bytes16_high(fx_bytes16_load(src + i)) & ((1u << left) - 1);
    } else if (to >= 16) {
        high = fx_bytes16_high(fx_bytes16_load(src + to - 16)) >> (16 - left);
    } else {
        while (i < to && (unsigned char)src[i] < 0x80) i++;
        return i;
    }
    return high ? i + (size_t)__builtin_ctz(high) : to;
}

/* fx_utf8_count of the document's src[from..to): the ASCII runs (a code
 * point a byte) found sixteen bytes at a time. In a source of valid UTF-8
 * (doc->src_invalid_utf8, most) a run of other bytes that starts at a
 * lead byte holds a code point per lead byte (a sequence cut at `to`
 * counts one, as fx_utf8_count counts it); any other run is decoded. */
static size_t count_code_points(const fx_doc *doc, size_t from, size_t to)
{
    const char *src = doc->src;
    size_t count = 0, i = from;
    while (i < to) {
        size_t high = first_high(src, doc->src_len, i, to);
        count += high - i;
        size_t j = high, leads = 0;
        for (; j < to && (unsigned char)src[j] >= 0x80; j++) leads += ((unsigned char)src[j] & 0xC0) != 0x80;
        if (j > high)
            count += !doc->src_invalid_utf8 && ((unsigned char)src[high] & 0xC0) != 0x80
                         ? leads : fx_utf8_count(src + high, j - high);
        i = j;
    }
    return count;
}

/* The facts' code point offsets, in their order (by start): a byte's is
 * its offset less the continuation bytes before it, which a cursor over
 * the normaliser's list of them (doc->src_continuations) counts. Where
 * there is no list, or from a fact that starts on a continuation byte on
 * (whose count as a stray byte would shift the rest), by counting the
 * bytes between one start and the next, the ASCII found sixteen at a
 * time (count_code_points); the two agree while every start so far is a
 * character's. */
typedef struct code_points {
    const size_t *continuations;    /* NULL: counted */
    size_t before;          /* listed: those before the last start */
    size_t pos, byte_pos;   /* the last start's code points and bytes */
    size_t ascii_to;        /* counted: src[byte_pos, ascii_to) is ASCII */
} code_points;

/* The code points of a fact at src[start, end), start at or after the
 * last's: *cp_end set, its start's returned. */
__attribute__((always_inline)) static inline size_t code_points_at(code_points *c, const fx_doc *doc, size_t start,
                                                                  size_t end, size_t *cp_end)
{
    const size_t *list = c->continuations;
    if (list) {
        size_t k = c->before;
        while (list[k] < start) k++;    /* the list ends with SIZE_MAX */
        if (list[k] != start) {
            c->before = k;
            c->byte_pos = start;
            c->pos = start - k;
            while (list[k] < end) k++;
            *cp_end = end - k;
            return c->pos;
        }
        c->continuations = NULL;    /* inside a character: counted from the last start on */
        c->ascii_to = c->byte_pos;
    }
    if (start > c->ascii_to) {
        c->pos += count_code_points(doc, c->byte_pos, start);
        c->ascii_to = first_high(doc->src, doc->src_len, start, doc->src_len);
    } else {
        c->pos += start - c->byte_pos;
    }
    c->byte_pos = start;
    *cp_end = c->pos + (end <= c->ascii_to ? end - start : count_code_points(doc, start, end));
    return c->pos;
}

/* The fields every fact has, before its extra fields (an extra field
 * with one of these names is left out, as cJSON_GetObjectItem finds it;
 * "value" only when the fact has one). */
enum {
    KEY_TYPE, KEY_TEXT, KEY_START, KEY_END, KEY_CP_START, KEY_CP_END,
    KEY_VALUE, KEY_RULE, KEY_SENTENCE, KEY_SENTENCE_START, KEY_SENTENCE_END, KEY_COUNT
};
static const char *const fact_keys[KEY_COUNT] = {"type", "text", "start", "end", "cp_start", "cp_end",
                                                 "value", "rule", "sentence", "sentence_start", "sentence_end"};

static int written_before(const cJSON *value, const cJSON *extras, const cJSON *extra)
{
    for (size_t k = 0; k < sizeof fact_keys / sizeof *fact_keys; k++)
        if (strcmp(fact_keys[k], extra->string) == 0) return value != NULL || strcmp(extra->string, "value") != 0;
    for (const cJSON *e = extras->child; e != extra; e = e->next)
        if (e->string && strcmp(e->string, extra->string) == 0) return 1;
    return 0;
}

/* What opens a fact's object of one type up to its text's value, written
 * by one copy: the end of the fact before it (its closing brace, on a
 * line of its own when formatted) and the separator after it (neither
 * before the first), then the members "type" (the type's name) and
 * "text" led as every member is, but for the brace in the first's lead
 * in place of the comma (fx_json_end_object, fx_json_element,
 * fx_json_begin_object and the members' writers would write the same,
 * each checking room and layout). The last fact's end is written after
 * the loop. */
enum { OPENING_ROOM = 64, CLOSING_ROOM = 8 };
typedef struct fact_opening {
    char bytes[OPENING_ROOM + CLOSING_ROOM];    /* OPENING_ROOM from bytes + first too: a copy of fixed size */
    size_t len, first;      /* bytes[first..len) opens the first fact */
} fact_opening;

/* The opening of a fact of the type named name (a literal of the
 * registry, types.c: no escape) in an array of the layout formatted at
 * depth FACT_DEPTH - 1, whose members are led by m. */
enum { FACT_DEPTH = 3 };
static fact_opening fact_opening_of(int formatted, const fx_json_lead *m, const char *name)
{
    fact_opening o;
    size_t n = strlen(name);
    assert(n <= 16);
    char *c = o.bytes;
    if (formatted) {    /* as fx_json_end_object closes an object with members */
        *c++ = '\n';
        memset(c, '\t', FACT_DEPTH - 1);
        c += FACT_DEPTH - 1;
    }
    *c++ = '}';
    memcpy(c, ", ", 2);     /* fx_json_element's */
    o.first = (size_t)(c - o.bytes) + (formatted ? 2 : 1);
    assert(o.first <= CLOSING_ROOM);
    fx_json_lead first = *m;
    first.bytes[0] = '{';
    char *d = FX_JSON_MEMBER(o.bytes + o.first, &first, "type");
    *d++ = '"';
    memcpy(d, name, n);
    d[n] = '"';
    d = FX_JSON_MEMBER(d + n + 1, m, "text");
    o.len = (size_t)(d - o.bytes);
    assert(o.len - o.first <= OPENING_ROOM);
    return o;
}

/* Every type's opening and none's, in both layouts, made once: they
 * depend on nothing else, as the facts' members are always at one depth
 * (FACT_DEPTH: the document's object, "facts", the fact's), where each
 * document made its six (some 900 instructions a document). */
static fact_opening openings[2][FX_TYPE_NONE + 1];
static pthread_once_t openings_once = PTHREAD_ONCE_INIT;

/* A fact's member up to its value (lead, key, '":' and, formatted, a
 * tab), in either layout, made once with the openings and written by one
 * copy of fixed size, where FX_JSON_MEMBER wrote the lead, the key and
 * the colon apart and read the lead's lengths. */
enum { HEAD_ROOM = 32 };
typedef struct member_head {
    char bytes[HEAD_ROOM];
    size_t len;
} member_head;
static member_head heads[2][KEY_COUNT];

__attribute__((always_inline)) static inline char *put_head(char *d, const member_head *h)
{
    memcpy(d, h->bytes, HEAD_ROOM);
    return d + h->len;
}

static void make_openings(void)
{
    for (int formatted = 0; formatted <= 1; formatted++) {
        const fx_json_writer layout = {.formatted = formatted};    /* fx_json_lead_at reads the layout only */
        const fx_json_lead lead = fx_json_lead_at(&layout, FACT_DEPTH);
        for (size_t t = 0; t <= FX_TYPE_NONE; t++)
            openings[formatted][t] = fact_opening_of(formatted, &lead, fx_type_name((fx_type)t));
        for (size_t k = 0; k < KEY_COUNT; k++) {
            char bytes[HEAD_ROOM + FX_JSON_MEMBER_ROOM] = {0};
            member_head *h = &heads[formatted][k];
            h->len = (size_t)(fx_json_member_at(bytes, &lead, fact_keys[k], strlen(fact_keys[k])) - bytes);
            assert(h->len <= HEAD_ROOM);
            memcpy(h->bytes, bytes, HEAD_ROOM);
        }
    }
}

/* Copies the len bytes written before at s, in the text, to d, where
 * the text has room for 64 bytes and len, and returns their end. Up to
 * 64 (a fact's member "rule", its sentence's three members: 23,390 a MB)
 * as four sixteen-byte words, all loaded before any is stored, as the
 * bytes read past len may be those written: some 15 instructions, where
 * memcpy's call cost 35. */
__attribute__((always_inline)) static inline char *copy_back(char *d, const char *s, size_t len)
{
    if (len <= 64) {
        fx_bytes16 a = fx_bytes16_load(s), b = fx_bytes16_load(s + 16), c = fx_bytes16_load(s + 32),
                   e = fx_bytes16_load(s + 48);
        fx_bytes16_store(d, a);
        fx_bytes16_store(d + 16, b);
        fx_bytes16_store(d + 32, c);
        fx_bytes16_store(d + 48, e);
    } else {
        memcpy(d, s, len);
    }
    return d + len;
}

/* The same bytes as fx_json_print(fx_emit_tree(doc)), written straight
 * from the document: no tree to build, copy and free per fact. With
 * valuing, each fact's value is written as it is made (values.h), with no
 * tree at all. Inline in its two callers, so that each has valuing as a
 * constant and none of the other's tests per fact. */
__attribute__((always_inline)) static inline char *emit(const fx_doc *doc, int compact, int valuing, fx_json_keeper *keeper,
                                                       double *value_seconds)
{
    fx_json_writer w;
    fx_json_writer_init(&w, !compact, 512 + doc->fact_count * (compact ? 320 : 448));   /* about 280 and 390 written */
    w.keeper = keeper;
    fx_json_begin_object(&w);
    FX_JSON_KEY(&w, "schema_version");
    fx_json_plain_string(&w, FX_SCHEMA_VERSION, sizeof FX_SCHEMA_VERSION - 1);   /* literals and hex digits: no escape */
    FX_JSON_KEY(&w, "doc");
    fx_json_begin_object(&w);
    FX_JSON_KEY(&w, "id");
    fx_json_string(&w, doc->id);
    FX_JSON_KEY(&w, "path");
    if (doc->path) fx_json_string(&w, doc->path);
    else fx_json_null(&w);
    FX_JSON_KEY(&w, "bytes");
    fx_json_count(&w, doc->src_len);
    char hex[65];
    fx_sha256_hex(doc->src, doc->src_len, hex);
    FX_JSON_KEY(&w, "sha256");
    fx_json_plain_string(&w, hex, 64);
    FX_JSON_KEY(&w, "dct");
    if (doc->dct[0]) fx_json_string(&w, doc->dct);
    else fx_json_null(&w);
    FX_JSON_KEY(&w, "dct_source");
    const char *source = fx_dct_source_name(doc->dct_source);
    fx_json_plain_string(&w, source, strlen(source));
    fx_json_end_object(&w);

    FX_JSON_KEY(&w, "facts");
    fx_json_begin_array(&w);
    code_points cp = {.continuations = doc->src_continuations};
    /* the source's first NUL byte (the normaliser's, or looked for once):
     * most have none, and only a fact after it may need its text cut */
    const char *nul = fx_doc_first_nul(doc);
    /* Facts follow each other in one sentence (two in three do): the
     * members "sentence", "sentence_start" and "sentence_end" of the fact
     * before, at data[sentence_at, + sentence_len), are copied, not
     * written again (outside the sentences, the span is the fact's
     * own). spanned: that fact's sentence (SIZE_MAX: none). */
    size_t spanned = SIZE_MAX, sentence_at = 0, sentence_len = 0;
    fx_value_out values = {.json = &w};   /* each fact's value and extra fields (values.h) */
    /* Most facts repeat a rule of their document's (on the 1 MB sample
     * 17,350 facts, 5,727 the first of their rule in their document): the
     * member "rule" of the first is copied for the next, found by the
     * rule's load order (rules.h), where the keeper's probe for its id
     * cost some 70 instructions. rule_noted: a bit per slot filled. */
    enum { RULE_SLOTS = 256 };
    struct {
        const fx_rule *rule;
        size_t at, len;     /* its member's text, at w.data[at, at + len) */
    } rule_text[RULE_SLOTS];
    uint64_t rule_noted[RULE_SLOTS / 64] = {0};
    assert(w.depth + 1 == FACT_DEPTH);
    const fx_json_lead lead = fx_json_lead_at(&w, FACT_DEPTH);   /* the facts' members */
    pthread_once(&openings_once, make_openings);
    const fact_opening *typed = openings[!compact];
    const member_head *head = heads[!compact];
    fact_opening other;
    /* the facts' object stays open from one to the next (the opening
     * closes the one before): the depth and first member as
     * fx_json_opened_object leaves them for each */
    if (doc->fact_count) fx_json_opened_object(&w);
    enum {
        FACT_NUMBERS_ROOM = 5 * HEAD_ROOM + 4 * FX_JSON_NUMBER_MAX,   /* four offsets and the value's key */
        RULE_COPY_ROOM = 64,    /* a longer member "rule" is written again */
        SENTENCE_ROOM = 3 * (HEAD_ROOM + FX_JSON_NUMBER_MAX)
    };
    _Static_assert(HEAD_ROOM + FX_JSON_NUMBERED_ROOM <= RULE_COPY_ROOM, "a kept rule id's member fits its room");
    for (size_t i = 0; i < doc->fact_count; i++) {
        const fx_fact *f = &doc->facts[i];
        const fact_opening *opening = (unsigned)f->type <= FX_TYPE_NONE
                                          ? &typed[f->type]
                                          : (other = fact_opening_of(w.formatted, &lead, fx_type_name(f->type)), &other);
        size_t skip = i == 0 ? opening->first : 0;
        size_t text_len = f->end - f->start;
        if (nul && nul < doc->src + f->end) {   /* the text ends at its first NUL, as cJSON's would */
            const char *z = memchr(doc->src + f->start, '\0', text_len);
            if (z) text_len = (size_t)(z - (doc->src + f->start));
        }
        size_t cp_end, cp_start = code_points_at(&cp, doc, f->start, f->end, &cp_end);
        /* one room for the fact's members up to its value; a text that is
         * not short takes its own */
        char *d = fx_json_room(&w, OPENING_ROOM + 18 + FACT_NUMBERS_ROOM);
        memcpy(d, opening->bytes + skip, OPENING_ROOM);     /* inline: its size is known */
        d += opening->len - skip;
        char *text_end = fx_json_short_string_at(d, doc->src + f->start, text_len);
        if (!text_end) {
            fx_json_end_at(&w, d);
            fx_json_escaped_bytes(&w, doc->src + f->start, text_len);
            text_end = fx_json_room(&w, FACT_NUMBERS_ROOM);
        }
        d = fx_json_count_at(put_head(text_end, &head[KEY_START]), f->start);
        d = fx_json_count_at(put_head(d, &head[KEY_END]), f->end);
        d = fx_json_count_at(put_head(d, &head[KEY_CP_START]), cp_start);
        d = fx_json_count_at(put_head(d, &head[KEY_CP_END]), cp_end);
        if (valuing || f->value) d = put_head(d, &head[KEY_VALUE]);
        fx_json_end_at(&w, d);
        double t0 = valuing && value_seconds ? fx_clock_seconds() : 0;
        if (valuing) fx_value_write(&values, f);
        else if (f->value) fx_output_value_write(&w, f->type, f->value);
        if (valuing && value_seconds) *value_seconds += fx_clock_seconds() - t0;
        /* one room for the members "rule" and the sentence's, but where
         * the rule's is written afresh (its string takes its own) */
        const fx_rule *rule = f->candidate->rule;
        const size_t slot = rule->order % RULE_SLOTS;
        d = fx_json_room(&w, RULE_COPY_ROOM + SENTENCE_ROOM);
        if (rule_noted[slot / 64] >> slot % 64 & 1 && rule_text[slot].rule == rule &&
            rule_text[slot].len <= RULE_COPY_ROOM) {
            d = copy_back(d, w.data + rule_text[slot].at, rule_text[slot].len);
        } else {
            /* the id (the context's) from the keeper by the rule's order,
             * in this room (the head and its 32 bytes fit RULE_COPY_ROOM),
             * or written and kept for the next document */
            size_t at = w.len;
            char *id_end = fx_json_kept_numbered_at(&w, d = put_head(d, &head[KEY_RULE]), rule->order, rule->id);
            if (!id_end) {
                fx_json_end_at(&w, d);
                fx_json_lasting_numbered(&w, rule->order, rule->id);
                id_end = fx_json_room(&w, SENTENCE_ROOM);
            }
            d = id_end;
            rule_text[slot].rule = rule;
            rule_text[slot].at = at;
            rule_text[slot].len = (size_t)(d - w.data) - at;
            rule_noted[slot / 64] |= 1ull << slot % 64;
        }
        if (f->sentence == spanned && f->sentence < doc->sentence_count) {
            d = copy_back(d, w.data + sentence_at, sentence_len);   /* sentence_len <= SENTENCE_ROOM */
        } else {
            fx_span sentence = sentence_span(doc, f);
            sentence_at = (size_t)(d - w.data);
            d = fx_json_count_at(put_head(d, &head[KEY_SENTENCE]), f->sentence);
            d = fx_json_count_at(put_head(d, &head[KEY_SENTENCE_START]), sentence.start);
            d = fx_json_count_at(put_head(d, &head[KEY_SENTENCE_END]), sentence.end);
            sentence_len = (size_t)(d - w.data) - sentence_at;
            spanned = f->sentence;
        }
        fx_json_end_at(&w, d);
        if (valuing) {
            t0 = value_seconds ? fx_clock_seconds() : 0;
            fx_value_extra_write(&values, f);
            if (value_seconds) *value_seconds += fx_clock_seconds() - t0;
        } else if (f->extra) {
            for (const cJSON *e = f->extra->child; e; e = e->next)
                if (e->string && !written_before(f->value, f->extra, e)) {
                    fx_json_key(&w, e->string);
                    fx_json_value(&w, e);
                }
        }
    }
    if (doc->fact_count) fx_json_end_object(&w);  /* the last fact's: the others' end opens the next */
    fx_json_end_array(&w);

    FX_JSON_KEY(&w, "warnings");
    fx_json_begin_array(&w);
    for (size_t i = 0; i < doc->warning_count; i++) {
        const fx_warning *wn = &doc->warnings[i];
        fx_json_element(&w);
        fx_json_begin_object(&w);
        FX_JSON_KEY(&w, "offset");
        if (wn->offset == FX_UNSET) {
            fx_json_null(&w);
        } else {
            fx_json_count(&w, wn->offset);
            FX_JSON_KEY(&w, "line");
            fx_json_count(&w, wn->line);
            FX_JSON_KEY(&w, "column");
            fx_json_count(&w, wn->column);
        }
        if (wn->message) {
            FX_JSON_KEY(&w, "message");
            fx_json_string(&w, wn->message);
        }
        fx_json_end_object(&w);
    }
    fx_json_end_array(&w);
    fx_json_end_object(&w);
    return fx_json_writer_finish(&w);
}

char *fx_emit_json(const fx_doc *doc, int compact) { return emit(doc, compact, 0, NULL, NULL); }

char *fx_emit_json_valuing(const fx_doc *doc, int compact, fx_json_keeper *keeper, double *value_seconds)
{
    return emit(doc, compact, 1, keeper, value_seconds);
}
