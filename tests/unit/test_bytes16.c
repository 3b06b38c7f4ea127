/* test_bytes16.c - the masks of bytes16.h against their definitions, read
 * byte by byte: every byte value at every place of the sixteen, every
 * range's low end with widths around the edges, a set of bytes as the
 * masks of each or'ed; the word bytes' mask; and a load of two halves
 * and a store of the sixteen. */
#include <stdint.h>
#include <string.h>

#include "bytes16.h"
#include "harness.h"

/* fx_bytes16_load_halves reads p[0..8) then q[0..8); fx_bytes16_store
 * writes back the sixteen it holds (the JSON writer's copies). */
static void halves(void)
{
    char text[32], out[18];
    for (int i = 0; i < 32; i++) text[i] = (char)('a' + i);
    for (int at = 0; at <= 8; at++) {
        fx_bytes16 x = fx_bytes16_load_halves(text + at, text + 16 + at);
        memset(out, '.', sizeof out);
        fx_bytes16_store(out + 1, x);
        CHECK(out[0] == '.' && out[17] == '.');
        CHECK(memcmp(out + 1, text + at, 8) == 0 && memcmp(out + 9, text + 16 + at, 8) == 0);
        CHECK(fx_bytes16_eq(x, (unsigned char)text[16 + at]) == 1u << 8);
    }
}

/* fx_bytes16_word: every byte value at every place of the sixteen (the
 * others a letter, a space, or the value itself), against the word bytes'
 * definition: ASCII letters and digits, and bytes of 0x80 or more. */
static void word_bytes(void)
{
    static const unsigned char others[] = {'a', ' ', 0};
    int wrong = 0;
    for (int c = 0; c < 256; c++) {
        int word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
        for (size_t o = 0; o < sizeof others; o++) {
            unsigned char fill = o == 2 ? (unsigned char)c : others[o];
            unsigned fill_bit = fill == 'a' || (o == 2 && word);
            for (int at = 0; at < 16; at++) {
                unsigned char block[16];
                memset(block, fill, sizeof block);
                block[at] = (unsigned char)c;
                unsigned want = (fill_bit ? 0xffffu & ~(1u << at) : 0) | (unsigned)word << at;
                wrong += fx_bytes16_word(fx_bytes16_load(block)) != want;
            }
        }
    }
    CHECK(wrong == 0);
}

void test_bytes16(void)
{
    unsigned char block[16];
    uint32_t seed = 7;
    int wrong = 0;
    for (int round = 0; round < 512; round++) {
        /* random bytes, then byte value round % 256 at one place or all */
        for (int i = 0; i < 16; i++) {
            seed = seed * 1103515245u + 12345u;
            block[i] = (unsigned char)(seed >> 16);
        }
        unsigned char c = (unsigned char)round;
        if (round < 256) block[(seed >> 8) % 16] = c;
        else
            for (int i = 0; i < 16; i += 3) block[i] = c;
        fx_bytes16 x = fx_bytes16_load(block);
        unsigned eq = 0, high = 0;
        for (int i = 0; i < 16; i++) {
            eq |= (unsigned)(block[i] == c) << i;
            high |= (unsigned)(block[i] >= 0x80) << i;
        }
        wrong += fx_bytes16_eq(x, c) != eq;
        wrong += fx_bytes16_high(x) != high;
        const char set[3] = {(char)c, (char)(c + 1), (char)block[0]};
        wrong += fx_bytes16_eq_any(x, set, 3) != (eq | fx_bytes16_eq(x, (unsigned char)set[1]) |
                                                  fx_bytes16_eq(x, (unsigned char)set[2]));
        wrong += fx_bytes16_eq_any(x, set, 1) != eq;
        unsigned ored = 0;   /* the bytes that c's bits set turn into c itself */
        for (int i = 0; i < 16; i++) ored |= (unsigned)((block[i] | c) == c) << i;
        wrong += fx_bytes16_eq(fx_bytes16_or(x, c), c) != ored;
        static const unsigned char widths[] = {0, 1, 9, 25, 94, 127, 128, 254, 255};
        for (size_t w = 0; w < sizeof widths; w++) {
            unsigned in = 0;
            for (int i = 0; i < 16; i++) in |= (unsigned)(block[i] >= c && block[i] - c <= widths[w]) << i;
            /* a range past 255 does not wrap to 0 in the definition: only
             * those that end by 255 are asked */
            if (c + widths[w] <= 255) wrong += fx_bytes16_in(x, c, widths[w]) != in;
        }
    }
    CHECK(wrong == 0);
    halves();
    word_bytes();
}
