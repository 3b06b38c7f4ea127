/* json_print.h - JSON text, fast and byte-identical to cJSON.
 *
 * cJSON_Print / cJSON_PrintUnformatted format every number through
 * sprintf("%1.15g") and check it with sscanf, and grow their buffer by
 * reallocation; on news articles that was a fifth of the run time. These
 * print the same bytes (tests/unit checks it against cJSON on the corpus)
 * with integers formatted by hand and one buffer that grows geometrically.
 *
 * fx_json_writer writes a document without building a tree first (emit.c
 * does so); the layout is cJSON's: formatted objects put each member on
 * its own line indented by tabs, and the depth counts arrays too.
 *
 * Ownership: the returned strings are the caller's to free().
 */
#ifndef FX_JSON_PRINT_H
#define FX_JSON_PRINT_H

#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "bytes16.h"
#include "digits.h"

struct cJSON;

/* As cJSON_PrintUnformatted (formatted == 0) or cJSON_Print (formatted). */
char *fx_json_print(const struct cJSON *item, int formatted);

/* Texts kept across the texts one thread writes: by the addresses they
 * were made from (fx_json_copy_kept: a table private to json_print.c),
 * and strings by a small number (fx_json_kept_numbered_at: here, so that
 * it is read inline). */
enum { FX_JSON_NUMBERED = 256, FX_JSON_NUMBERED_ROOM = 32 };
typedef struct fx_json_numbered {
    const char *key;            /* the string the text is (NULL: none yet) */
    size_t len;                 /* its text's bytes, at most FX_JSON_NUMBERED_ROOM */
    char text[FX_JSON_NUMBERED_ROOM];
} fx_json_numbered;
typedef struct fx_json_keeper {
    fx_json_numbered numbered[FX_JSON_NUMBERED];
    struct fx_json_kept *kept;  /* the texts kept by address */
} fx_json_keeper;

/* A JSON text being written: begin/end calls nest like the text. */
enum { FX_JSON_WRITTEN_SLOTS = 256 };

typedef struct fx_json_writer {
    char *data;
    size_t len, capacity;
    int formatted;
    size_t depth;               /* as cJSON counts it: objects and arrays */
    int first;                  /* nothing written yet in the innermost object or array */
    struct {                    /* texts written, by what they were made from (fx_json_copy_written) */
        const void *key, *key2;
        size_t depth, at, len;  /* written at this depth, at data[at..at + len) */
    } written[FX_JSON_WRITTEN_SLOTS];
    uint64_t written_used[FX_JSON_WRITTEN_SLOTS / 64];   /* a bit per slot filled: only these are cleared */
    fx_json_keeper *keeper;     /* or NULL (fx_json_writer_init): not the writer's */
} fx_json_writer;

/* Start with room for about size bytes. */
void fx_json_writer_init(fx_json_writer *w, int formatted, size_t size);
/* The NUL-terminated text; the writer is spent. */
char *fx_json_writer_finish(fx_json_writer *w);

/* The next member's key, inside an object. */
void fx_json_key(fx_json_writer *w, const char *key);
/* Room for extra more bytes; for the inline writers below. */
void fx_json_grow(fx_json_writer *w, size_t extra);
/* The same as fx_json_key for a key of len bytes that needs no escape (a
 * literal). Inline, so that the literal's length is known where it is
 * copied: the keys are a third of the calls that write a document. */
static inline void fx_json_plain_key(fx_json_writer *w, const char *key, size_t len)
{
    if (w->len + len + w->depth + 6 > w->capacity) fx_json_grow(w, len + w->depth + 6);
    char *d = w->data + w->len;
    if (!w->first) {
        *d++ = ',';
        if (w->formatted) *d++ = '\n';
    }
    w->first = 0;
    if (w->formatted) {
        memset(d, '\t', w->depth);
        d += w->depth;
    }
    *d++ = '"';
    memcpy(d, key, len);
    d += len;
    *d++ = '"';
    *d++ = ':';
    if (w->formatted) *d++ = '\t';
    w->len = (size_t)(d - w->data);
}
#define FX_JSON_KEY(w, literal) fx_json_plain_key((w), "" literal, sizeof literal - 1)
/* Writing a run of members straight into the text (emit.c's facts):
 * fx_json_room gives the text's end with room for extra more bytes, and
 * once they are written there fx_json_end_at takes the new end. */
static inline char *fx_json_room(fx_json_writer *w, size_t extra)
{
    if (w->len + extra > w->capacity) fx_json_grow(w, extra);
    return w->data + w->len;
}
static inline void fx_json_end_at(fx_json_writer *w, char *end) { w->len = (size_t)(end - w->data); }
/* Objects and arrays, opened and closed: inline, as a third of the
 * calls that write a document are these and the keys (a fact's object,
 * its value's). */
static inline void fx_json_begin_object(fx_json_writer *w)
{
    char *d = fx_json_room(w, 2);
    *d++ = '{';
    if (w->formatted) *d++ = '\n';
    fx_json_end_at(w, d);
    w->depth++;
    w->first = 1;
}
static inline void fx_json_end_object(fx_json_writer *w)
{
    w->depth--;
    char *d = fx_json_room(w, w->depth + 2);
    if (w->formatted) {
        if (!w->first) *d++ = '\n';
        memset(d, '\t', w->depth);
        d += w->depth;
    }
    *d++ = '}';
    fx_json_end_at(w, d);
    w->first = 0;
}
static inline void fx_json_begin_array(fx_json_writer *w)
{
    *fx_json_room(w, 1) = '[';
    w->len++;
    w->depth++;
    w->first = 1;
}
static inline void fx_json_end_array(fx_json_writer *w)
{
    w->depth--;
    *fx_json_room(w, 1) = ']';
    w->len++;
    w->first = 0;
}
/* An object and its first key were written straight into the text (its
 * brace, the key and what goes with them): the depth and the first
 * member as fx_json_begin_object and fx_json_key leave them. */
static inline void fx_json_opened_object(fx_json_writer *w)
{
    w->depth++;
    w->first = 0;
}
/* A string of len bytes that needs no escape (a literal the caller
 * knows): copied between its quotes. */
static inline void fx_json_plain_string(fx_json_writer *w, const char *s, size_t len)
{
    char *d = fx_json_room(w, len + 2);
    *d++ = '"';
    memcpy(d, s, len);
    d[len] = '"';
    fx_json_end_at(w, d + len + 1);
}

/* Members written straight into the text (fx_json_room), after an
 * object's first: what goes before a member's key at one depth is the
 * same for every member, one 8-byte word of which len bytes are kept
 * (',' and the quote, with a line break and the tabs between when
 * formatted), and after the key '":' and, formatted, a tab (colon: 3 or
 * 2 of those bytes kept). Made once for many members (emit.c's facts, a
 * date's interval), written by FX_JSON_MEMBER. */
typedef struct fx_json_lead {
    char bytes[8];
    size_t len, colon;
} fx_json_lead;
/* The lead of the members of an object at depth (at most 5) in w: one
 * word copied and the quote put after the tabs, where a byte a step cost
 * some 35 instructions (a date value asks it at each). Inline: a struct
 * returned through memory otherwise. */
static inline fx_json_lead fx_json_lead_at(const fx_json_writer *w, size_t depth)
{
    fx_json_lead m;
    if (!w->formatted) {
        memcpy(m.bytes, ",\"", 2);
        m.len = m.colon = 2;
        return m;
    }
    assert(depth <= 5);     /* ',', '\n', the tabs and the quote in 8 bytes */
    memcpy(m.bytes, ",\n\t\t\t\t\t\t", 8);
    m.bytes[2 + depth] = '"';
    m.len = 3 + depth;
    m.colon = 3;
    return m;
}
/* The room a member's key takes at most: the lead's word, the longest key
 * ("sentence_start") and the 4 bytes written after it. */
enum { FX_JSON_MEMBER_ROOM = 8 + 14 + 4 };
static inline char *fx_json_member_at(char *d, const fx_json_lead *m, const char *key, size_t len)
{
    memcpy(d, m->bytes, 8);
    d += m->len;
    memcpy(d, key, len);
    d += len;
    memcpy(d, "\":\t", 4);
    return d + m->colon;
}
#define FX_JSON_MEMBER(d, m, literal) fx_json_member_at((d), (m), "" literal, sizeof literal - 1)

/* The most bytes a number's text takes (fx_json_count_at). */
enum { FX_JSON_NUMBER_MAX = 32 };
/* v < 10000's digits at d; returns their end. */
static inline char *fx_json_below_10000_at(char *d, uint32_t v)
{
    if (v < 10) {
        *d = (char)('0' + v);
        return d + 1;
    }
    if (v < 100) {
        memcpy(d, fx_two_digits + 2 * v, 2);
        return d + 2;
    }
    uint32_t high = v / 100;
    if (high < 10) *d++ = (char)('0' + high);
    else memcpy(d, fx_two_digits + 2 * high, 2), d += 2;
    memcpy(d, fx_two_digits + 2 * (v - 100 * high), 2);
    return d + 2;
}
/* fx_json_count_at for n >= 10000. */
char *fx_json_count_from_10000_at(char *d, size_t n);
/* fx_json_count's text for n, written at d; returns its end. Inline
 * under 10000 (most offsets and counts: emit.c writes some 86,000 a MB,
 * where the call was a fifth of the cost). */
static inline char *fx_json_count_at(char *d, size_t n)
{
    return n < 10000 ? fx_json_below_10000_at(d, (uint32_t)n) : fx_json_count_from_10000_at(d, n);
}
/* Before each element of an array. */
void fx_json_element(fx_json_writer *w);

/* Values, after a key or an element. */
void fx_json_string(fx_json_writer *w, const char *s);
/* The same as fx_json_string for a string that keeps its contents as
 * long as the writer's keeper (below: a literal, the context's rule ids
 * and tables), or while the text is written when there is none: a
 * string written before at the same address is copied
 * (fx_json_copy_kept), not measured and escaped again. The documents'
 * facts repeat their rule ids (a string written once gains nothing: the
 * cache costs a miss a third of writing it). */
void fx_json_lasting_string(fx_json_writer *w, const char *s);
/* A text written before, found again by the two addresses it was made
 * from (key not NULL, key2 may be), which must keep their contents while the text
 * is written: fx_json_note_written(w, key, key2, at) records the text
 * written since w->len was at, at the writer's depth (as the depth sets
 * a formatted text's indentation); fx_json_copy_written(w, key, key2)
 * copies that text at the same depth and returns 1, or returns 0 when it
 * was not written (or no longer remembered: a small cache by address). */
int fx_json_copy_written(fx_json_writer *w, const void *key, const void *key2);
void fx_json_note_written(fx_json_writer *w, const void *key, const void *key2, size_t at);
/* The same across texts: a text noted with fx_json_keep stays in the
 * writer's keeper (w->keeper), for the next texts written with it, as
 * long as the keeper lives, so key and key2 must keep their contents that
 * long (a context's tables, kept by a scratch made for the context:
 * match.c). With no keeper, these are fx_json_copy_written and
 * fx_json_note_written. */
fx_json_keeper *fx_json_keeper_new(void);
void fx_json_keeper_free(fx_json_keeper *k);
int fx_json_copy_kept(fx_json_writer *w, const void *key, const void *key2);
void fx_json_keep(fx_json_writer *w, const void *key, const void *key2, size_t at);
/* The same for a lasting string kept under a number below
 * FX_JSON_NUMBERED (a rule's load order: the rule ids, whose first in
 * each document cost ~100 instructions through fx_json_lasting_string's
 * probe and copy, ~20 here): fx_json_kept_numbered_at writes s's text
 * at d, which has room for FX_JSON_NUMBERED_ROOM bytes, and returns its
 * end, when the writer's keeper holds s under number, else returns NULL;
 * then fx_json_lasting_numbered writes it (as fx_json_lasting_string)
 * and keeps it under number if it fits. A string's text is the same at
 * every depth and in both layouts: nothing but s is compared. */
static inline char *fx_json_kept_numbered_at(const fx_json_writer *w, char *d, size_t number, const char *s)
{
    if (!w->keeper || number >= FX_JSON_NUMBERED) return NULL;
    const fx_json_numbered *t = &w->keeper->numbered[number];
    if (t->key != s || !s) return NULL;
    fx_bytes16_store(d, fx_bytes16_load(t->text));
    fx_bytes16_store(d + 16, fx_bytes16_load(t->text + 16));
    return d + t->len;
}
void fx_json_lasting_numbered(fx_json_writer *w, size_t number, const char *s);
/* The bytes of x that a JSON string escapes: below 0x20, '"' and '\\'. */
static inline unsigned fx_json_escapes16(fx_bytes16 x)
{
    return fx_bytes16_in(x, 0, 0x1F) | fx_bytes16_eq(x, '"') | fx_bytes16_eq(x, '\\');
}
/* Does any of the 8 bytes in v need an escape (below 0x20, '"' or
 * '\\')? Exact for the word as a whole: the borrow tricks flag a byte
 * falsely only above a byte that matches. */
static inline int fx_json_escape_in(uint64_t v)
{
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    uint64_t control = (v - 0x20 * ones) & ~v & highs;
    uint64_t quote = v ^ ('"' * ones), backslash = v ^ ('\\' * ones);
    quote = (quote - ones) & ~quote & highs;
    backslash = (backslash - ones) & ~backslash & highs;
    return (control | quote | backslash) != 0;
}
/* fx_json_string_bytes's out-of-line part: any string. */
void fx_json_escaped_bytes(fx_json_writer *w, const char *s, size_t len);
/* s[0..len), which holds no NUL byte (a caller cuts a text at its first
 * NUL itself, where it may have one: cJSON's strings end there), written
 * at d, which has room for 18 bytes, when it has 4 to 16 bytes and none
 * to escape (eight facts' texts in ten), tested and copied as two pieces
 * that overlap: returns the string's end. Else nothing is written and
 * NULL returned (fx_json_escaped_bytes writes it). Apart from the writer,
 * so that emit.c writes a fact's text inside the room it took for the
 * members around it. */
__attribute__((always_inline)) static inline char *fx_json_short_string_at(char *d, const char *s, size_t len)
{
    if (len - 4 > 12) return NULL;
    if (len >= 8) {
        if (fx_json_escapes16(fx_bytes16_load_halves(s, s + len - 8))) return NULL;
        memcpy(d + 1, s, 8);
        memcpy(d + 1 + len - 8, s + len - 8, 8);
    } else {
        uint32_t a, b;      /* the first and the last four */
        memcpy(&a, s, 4);
        memcpy(&b, s + len - 4, 4);
        if (fx_json_escape_in((uint64_t)a | (uint64_t)b << 32)) return NULL;
        memcpy(d + 1, &a, 4);
        memcpy(d + 1 + len - 4, &b, 4);
    }
    *d = '"';
    d[len + 1] = '"';
    return d + len + 2;
}
/* Any string s[0..len) without a NUL byte: inline when
 * fx_json_short_string_at writes it (the call cost some 20 instructions
 * of the 60 a text). */
static inline void fx_json_string_bytes(fx_json_writer *w, const char *s, size_t len)
{
    char *end = fx_json_short_string_at(fx_json_room(w, 18), s, len);
    if (end) fx_json_end_at(w, end);
    else fx_json_escaped_bytes(w, s, len);
}
void fx_json_number(fx_json_writer *w, double d);
/* A number given by its decimal text s (a table's field, "55.67594"):
 * when s is exactly what fx_json_number prints for the value strtod reads
 * in it, s is written as it stands, saving the reading and the printing,
 * and 1 returned; else nothing is written and 0 returned. */
int fx_json_number_text(fx_json_writer *w, const char *s);
/* As fx_json_number((double)n), for an offset or a count. */
void fx_json_count(fx_json_writer *w, size_t n);
void fx_json_null(fx_json_writer *w);
/* A cJSON tree as a value at the writer's depth. */
void fx_json_value(fx_json_writer *w, const struct cJSON *item);

#endif
