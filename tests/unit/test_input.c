/* test_input.c - the JSON Lines reader: the common line's own parser
 * (input.c) must make exactly the record cJSON's path makes, for every
 * line, the malformed ones included. And fx_pages_populate (arena.h),
 * which the reader of a whole file calls on its buffer. */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "arena.h"
#include "harness.h"
#include "input.h"
#include "normalise.h"

/* fx_pages_populate maps the whole pages of a block of FX_POPULATE_MIN
 * bytes or more (mincore: resident), not a page it only shares, and
 * keeps what they hold; a smaller block is left alone. */
static void pages_populate(void)
{
    enum { PAGE = 4096, PAGES = 2 * FX_POPULATE_MIN / PAGE };
    unsigned char *p = mmap(NULL, PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(p != MAP_FAILED);
    if (p == MAP_FAILED) return;
    int supported = madvise(p + (PAGES - 1) * PAGE, PAGE, MADV_POPULATE_WRITE) == 0;   /* Linux 5.14 on */
    p[5 * PAGE + 7] = 42;
    fx_pages_populate(p + 100, FX_POPULATE_MIN);
    unsigned char resident[PAGES];
    CHECK(mincore(p, PAGES * PAGE, resident) == 0);
    size_t last = (100 + FX_POPULATE_MIN) / PAGE;   /* the page the block ends in: shared */
    int whole_pages = 1;
    for (size_t i = 1; i < last; i++) whole_pages &= resident[i] & 1;
    if (supported) {
        CHECK(whole_pages);
        CHECK(!(resident[0] & 1) && !(resident[last] & 1));
    }
    CHECK(p[5 * PAGE + 7] == 42 && p[6 * PAGE] == 0);
    fx_pages_populate(p + last * PAGE, FX_POPULATE_MIN - PAGE);   /* too small */
    CHECK(mincore(p, PAGES * PAGE, resident) == 0);
    CHECK(!(resident[last + 1] & 1));
    munmap(p, PAGES * PAGE);
}

static int same_record(const fx_jsonl_record *a, const fx_jsonl_record *b)
{
    int same_error = (!a->error && !b->error) || (a->error && b->error && strcmp(a->error, b->error) == 0);
    return same_error && a->line == b->line && strcmp(a->id, b->id) == 0 && strcmp(a->dct, b->dct) == 0 &&
           (a->text == NULL) == (b->text == NULL) &&
           (!a->text || (a->text_len == b->text_len && memcmp(a->text, b->text, a->text_len) == 0));
}

/* Does line[0..n) give the same record both ways? */
static int agrees(const char *line, size_t n)
{
    fx_jsonl_record fast, general;
    fx_jsonl_parse(line, n, 7, &fast);
    fx_jsonl_parse_general(line, n, 7, &general);
    int same = same_record(&fast, &general);
    if (!same) fprintf(stderr, "test_input: the two readers disagree on %.*s\n", (int)n, line);
    fx_jsonl_record_free(&fast);
    fx_jsonl_record_free(&general);
    return same;
}

static const char *const lines[] = {
    "{\"id\":\"a\",\"text\":\"In 2015.\"}\n",
    "{\"id\":\"a\",\"text\":\"In 2015.\",\"dct\":\"2015-03-04\"}\n",
    "  {\"text\" : \"x\\n\\ty \\\"q\\\" \\\\ \\/ \\b\\f\\r\", \"id\" : \"b\\u00e9\\u20ac\\u0041\"}\r\n",
    "{\"id\":null,\"text\":\"t\",\"dct\":null,\"other\":\"o\",\"more\":null}",
    "{\"id\":\"a\",\"id\":\"b\",\"text\":\"first\",\"text\":\"second\",\"dct\":\"2015-03-04\",\"dct\":\"bad\"}",
    "{\"id\":\"a\",\"text\":\"a NUL \\u0000 here\"}",
    "{\"id\":\"a\\u0000b\",\"text\":\"t\"}",
    "{\"id\":\"a\",\"text\":\"pair \\ud83d\\ude00 and lone \\ud83d x\"}",
    "{\"id\":\"a\",\"text\":\"lone low \\ude00\"}",
    "{\"id\":\"a\",\"text\":\"bad hex \\uZZZZ\"}",
    "{\"id\":\"a\",\"text\":\"short \\u12\"}",
    "{\"id\":\"a\",\"text\":\"bad escape \\x\"}",
    "{\"id\":17,\"text\":\"number id\"}",
    "{\"id\":1.5e3,\"text\":\"number id\"}",
    "{\"id\":\"a\",\"text\":null}",
    "{\"id\":\"a\"}",
    "{}",
    "[]",
    "{\"id\":\"a\",\"text\":\"t\"} trailing",
    "{\"id\":\"a\",\"text\":\"t\"}  \t\r\n",
    "{\"id\":\"a\",\"text\":\"t\",}",
    "{\"id\":\"a\",\"text\":\"t\",\"dct\":\"2015-02-30\"}",
    "{\"id\":\"a\",\"text\":\"t\",\"dct\":\"2015-3-04\"}",
    "{\"id\":\"a\",\"text\":\"t\",\"dct\":20150304}",
    "{\"id\":\"a\",\"text\":\"t\",\"n\":{\"x\":[1,2,true,false]}}",
    "\xEF\xBB\xBF{\"id\":\"bom\",\"text\":\"t\"}",
    "{\"id\":\"a\",\"text\":\"unterminated}",
    "{\"id\":\"a\",\"te\\u0078t\":\"escaped key\"}",
    "{\"id\":\"a\",\"text\":\"raw\x01\x1f control and \xC3\xA9 and \xFF bytes\"}",
    "{\"id\":\"a\",\"text\":\"t\"}\v",
    "\v{\"id\":\"a\",\"text\":\"t\"}",
    "{\"id\":\"a\",\"text\":\"t\",\"x\":nul}",
    "{\"id\":\"a\",\"text\":\"t\",\"x\":nullnull}",
};

/* A seeded generator of its own, so that every run checks the same lines. */
static unsigned long long next_random(unsigned long long *state)
{
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    return *state;
}

/* Each listed line, and thousands of lines made from them by a few edits
 * with the bytes that matter to a JSON reader. */
/* fx_input_first_bad_byte's answer read code point by code point */
static long first_bad_by_code_points(const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        int32_t cp;
        size_t n = fx_utf8_decode((const unsigned char *)s + i, len - i, &cp);
        if (cp <= 0) return (long)i;
        i += n;
    }
    return -1;
}

/* fx_input_first_bad_byte (sixteen bytes at a time up to a byte to decode)
 * against that reading, with a NUL, a stray or a lead byte at each place
 * of a text of ASCII and two- and three-byte characters, near and across
 * sixteen-byte boundaries. */
static void first_bad_byte(void)
{
    static const char base[] = "caf\xC3\xA9 in Aarhus: 12 \xE2\x82\xAC, na\xC3\xAFve; Z\xC3\xBCrich at last.";
    static const char bad[] = {'\0', '\x80', '\xC3', '\xFF'};
    const size_t len = sizeof base - 1;
    char text[sizeof base];
    int ok = fx_input_first_bad_byte(base, len) == -1;
    for (size_t at = 0; at < len; at++)
        for (size_t k = 0; k < sizeof bad; k++) {
            memcpy(text, base, len);
            text[at] = bad[k];
            ok &= fx_input_first_bad_byte(text, len) == first_bad_by_code_points(text, len);
        }
    CHECK(ok);

    /* every lead byte with every second byte and third bytes at the edges
     * of the continuation range (the two- and three-byte letters are
     * checked inline: overlong forms, surrogates, cut sequences), after
     * ASCII that ends before, at and past a sixteen-byte step, with a
     * tail of none to five bytes */
    static const unsigned char thirds[] = {0x00, 0x41, 0x7F, 0x80, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF};
    static const size_t pads[] = {0, 13, 14, 16, 17}, tails[] = {0, 1, 5};
    ok = 1;
    for (unsigned lead = 0x80; lead <= 0xFF; lead++)
        for (unsigned second = 0; second <= 0xFF; second++)
            for (size_t t = 0; t < sizeof thirds; t++)
                for (size_t p = 0; p < sizeof pads / sizeof *pads; p++)
                    for (size_t e = 0; e < sizeof tails / sizeof *tails; e++) {
                        char s[32];
                        size_t n = pads[p];
                        memset(s, 'a', n);
                        s[n++] = (char)lead;
                        s[n++] = (char)second;
                        s[n++] = (char)thirds[t];
                        memset(s + n, 'b', tails[e]);
                        n += tails[e];
                        for (size_t cut = n - tails[e] - 2; cut <= n; cut++)   /* cut after the lead, or later */
                            ok &= fx_input_first_bad_byte(s, cut) == first_bad_by_code_points(s, cut);
                    }
    CHECK(ok);
}

void test_input(void)
{
    first_bad_byte();
    pages_populate();
    static const char bytes[] = "\"\\u0dD8e{}[],: \t\r\nnlx1-/\x01\xC3\xA9";
    size_t disagreements = 0, lines_tried = 0;
    unsigned long long state = 20141204;
    for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
        size_t n = strlen(lines[i]);
        disagreements += !agrees(lines[i], n);
        lines_tried++;
        for (int round = 0; round < 400; round++) {
            char line[256];
            memcpy(line, lines[i], n);
            size_t len = n;
            int edits = 1 + (int)(next_random(&state) % 3);
            for (int e = 0; e < edits && len + 2 < sizeof line; e++) {
                unsigned long long r = next_random(&state);
                size_t at = (size_t)(r % (len + 1));
                char b = (r >> 20) % 16 == 0 ? '\0' : bytes[(r >> 8) % (sizeof bytes - 1)];
                switch ((r >> 32) % 3) {
                case 0:     /* insert */
                    memmove(line + at + 1, line + at, len - at);
                    line[at] = b;
                    len++;
                    break;
                case 1:     /* replace */
                    if (at < len) line[at] = b;
                    break;
                default:    /* delete */
                    if (at < len) {
                        memmove(line + at, line + at + 1, len - at - 1);
                        len--;
                    }
                }
            }
            line[len] = '\0';      /* as the line reader leaves it */
            disagreements += !agrees(line, len);
            lines_tried++;
        }
    }
    CHECK(lines_tried > 10000 && disagreements == 0);
    /* an escape, a quote or a NUL at every place of the thirty-two and
     * sixteen bytes a text's plain run is read by, and in the bytes after */
    static const char *const stops[] = {"\\n", "\\\"", "\\u00e9", "\"", "\\"};
    int placed = 1;
    for (size_t s = 0; s < sizeof stops / sizeof *stops; s++)
        for (size_t p = 0; p < 80; p++) {
            char line[160];
            int n = snprintf(line, sizeof line, "{\"id\":\"a\",\"text\":\"%.*s%s\"}", (int)p,
                             "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", stops[s]);
            placed &= agrees(line, (size_t)n);
            line[18 + p] = '\0';      /* the stop a NUL */
            placed &= agrees(line, (size_t)n);
        }
    CHECK(placed);
}
