/* test_input.c - the JSON Lines reader: the common line's own parser
 * (input.c) must make exactly the record cJSON's path makes, for every
 * line, the malformed ones included. And fx_pages_populate and
 * fx_pages_alloc (arena.h), which the reader of a whole file and the
 * tables call, the read-only view of a file, and a table large enough
 * for huge pages. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "arena.h"
#include "fixture.h"
#include "harness.h"
#include "input.h"
#include "normalise.h"
#include "rules.h"
#include "tables.h"

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

/* fx_pages_alloc: zeroed memory, 16-byte aligned; a block of
 * FX_HUGE_PAGE bytes or more is a mapping of its own, aligned so that its
 * whole 2 MiB pages can be huge pages, its pages resident at once. */
static void pages_alloc(void)
{
    enum { PAGE = 4096 };
    size_t sizes[] = {100, FX_POPULATE_MIN + 5, FX_HUGE_PAGE, 2 * FX_HUGE_PAGE + 12345};
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
        size_t size = sizes[i];
        unsigned char *p = fx_pages_alloc(size);
        CHECK(((uintptr_t)p & 15) == 0);
        int zeroed = 1;
        for (size_t at = 0; at < size; at += 997) zeroed &= p[at] == 0;
        CHECK(zeroed && p[size - 1] == 0);
        if (size >= FX_HUGE_PAGE) {
            CHECK(((uintptr_t)p & (FX_HUGE_PAGE - 1)) == 0);
            size_t pages = (size + PAGE - 1) / PAGE;
            unsigned char *resident = malloc(pages);
            CHECK(mincore(p, pages * PAGE, resident) == 0);
            int populate = madvise(p, PAGE, MADV_POPULATE_WRITE) == 0;   /* Linux 5.14 on */
            int all = 1;
            for (size_t k = 0; k < pages; k++) all &= resident[k] & 1;
            if (populate) CHECK(all);
            free(resident);
        }
        memset(p, 7, size);
        fx_pages_free(p, size);
    }
}

/* fx_input_view_file: a file's bytes as they are, mapped when it is a
 * regular file of FX_POPULATE_MIN bytes or more, else read; a missing
 * file is -1 with errno. */
static void view_file(void)
{
    char dir[] = "/tmp/factx-test-view-XXXXXX";
    if (!mkdtemp(dir)) return;
    char path[64];
    snprintf(path, sizeof path, "%s/f", dir);
    size_t sizes[] = {0, 10, FX_POPULATE_MIN + 3};
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
        char *want = malloc(sizes[i] + 1);
        for (size_t k = 0; k < sizes[i]; k++) want[k] = (char)('a' + k % 26);
        FILE *f = fopen(path, "wb");
        CHECK(f != NULL);
        if (!f) {
            free(want);
            break;
        }
        fwrite(want, 1, sizes[i], f);
        fclose(f);
        fx_input_view view;
        CHECK(fx_input_view_file(path, &view) == 0);
        CHECK(view.len == sizes[i] && view.mapped == (sizes[i] >= FX_POPULATE_MIN));
        CHECK(view.bytes && memcmp(view.bytes, want, sizes[i]) == 0);
        fx_input_view_free(&view);
        CHECK(view.bytes == NULL);
        free(want);
    }
    remove(path);
    fx_input_view view;
    errno = 0;
    CHECK(fx_input_view_file(path, &view) == -1 && errno == ENOENT);
    rmdir(dir);
}

/* A table whose block is FX_HUGE_PAGE bytes or more (tables.c: its
 * bytes, rows and index in one block, mostly huge pages): every row read and found as in
 * a small table, rows of one key chained in file order where they are
 * not next to each other, the block aligned for its huge pages. */
static void large_table(void)
{
    enum { ROWS = 100000 };
    fx_fixture_rules_dir d;
    if (!fx_fixture_rules_dir_open(&d, "table T t.tsv\n")) return;
    size_t cap = (size_t)ROWS * 32 + 64, n = 0;
    char *text = malloc(cap);
    n += (size_t)snprintf(text, cap, "# a comment\nkey\tcode\n");
    /* row r's key: r's, except that every 1000th row repeats the key of row 7 */
    for (size_t r = 0; r < ROWS; r++)
        n += (size_t)snprintf(text + n, cap - n, "Place %07zu\t%zu\n", r % 1000 == 999 ? (size_t)7 : r, r);
    CHECK(n >= FX_POPULATE_MIN);    /* mapped (fx_input_view_file); its block 5.9 MB */
    fx_fixture_rules_dir_write(&d, "t.tsv", text);
    free(text);
    fx_diag diag;
    fx_diag_init(&diag, stderr);
    fx_context *ctx = fx_rules_load(d.dir, &diag);
    fx_fixture_rules_dir_close(&d);
    CHECK(ctx != NULL);
    if (!ctx) return;
    const fx_table *t = fx_rules_table(ctx, "T");
    CHECK(t && t->row_count == ROWS && ((uintptr_t)t->block & (FX_HUGE_PAGE - 1)) == 0);
    if (t && t->row_count == ROWS) {
        int all = 1;
        for (size_t r = 0; r < ROWS; r += 37) {
            char key[32], code[32];
            size_t len = (size_t)snprintf(key, sizeof key, "Place %07zu", r % 1000 == 999 ? (size_t)7 : r);
            snprintf(code, sizeof code, "%zu", r % 1000 == 999 ? (size_t)7 : r);
            const fx_table_row *row = fx_table_find(t, key, len);
            all &= row != NULL && strcmp(fx_table_row_field(row, 1), code) == 0 && row->line == (r % 1000 == 999 ? 10 : r + 3);
        }
        CHECK(all);
        /* key 7's rows: 7, then 999, 1999, ... in file order */
        const fx_table_row *row = fx_table_find(t, "Place 0000007", 13);
        size_t chained = 0;
        int in_order = 1;
        for (int32_t next = row ? (int32_t)(row - t->rows) : -1; next >= 0; next = t->rows[next].next_same_key) {
            in_order &= (size_t)next == (chained ? chained * 1000 - 1 : 7);
            chained++;
        }
        CHECK(chained == ROWS / 1000 + 1 && in_order);
        CHECK(fx_table_find(t, "Place 0000999", 13) == NULL && fx_table_find(t, "Place 0099998", 13) != NULL);
    }
    fx_rules_free(ctx);
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
    pages_alloc();
    view_file();
    large_table();
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
