/* one_edit.h - are two words one typing slip apart? Shared by the city
 * resolver (a misspelt city, resolve_city.c: the UTF-8 form) and the
 * gazetteer tool (the English words that are one slip from a city's name,
 * tools/gazetteer.c: the code point form). */
#ifndef FX_ONE_EDIT_H
#define FX_ONE_EDIT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Are the code point strings a[0..an) and b[0..bn) different by exactly
 * one substitution, insertion, deletion or transposition of neighbours
 * ("Gothenburg": "Gothenbrug", "Gothenbug", "Gothenbuurg", "Gotgenburg")?
 * Equal strings are not. Linear in the length. */
static inline int fx_one_edit_apart(const int32_t *a, size_t an, const int32_t *b, size_t bn)
{
    if (an > bn) return fx_one_edit_apart(b, bn, a, an);   /* a is the shorter */
    if (bn - an > 1) return 0;
    size_t i = 0;
    while (i < an && a[i] == b[i]) i++;     /* the common prefix */
    if (an < bn) return memcmp(a + i, b + i + 1, (an - i) * sizeof *a) == 0;   /* b has one more */
    if (i == an) return 0;
    if (memcmp(a + i + 1, b + i + 1, (an - i - 1) * sizeof *a) == 0) return 1;
    return i + 1 < an && a[i] == b[i + 1] && a[i + 1] == b[i] &&
           memcmp(a + i + 2, b + i + 2, (an - i - 2) * sizeof *a) == 0;
}

/* The bytes of the UTF-8 character led by the byte lead. */
static inline size_t fx_one_edit_char_length(unsigned char lead)
{
    return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
}

/* fx_one_edit_apart of the code points of two well-formed UTF-8 strings
 * a[0..an) and b[0..bn) (a document's normalised text), read on their
 * bytes, not decoded: their common prefix and suffix, each ending at a
 * character's edge, leave the characters that differ, which one slip
 * makes one for one, one for none, or two for the same two swapped.
 * Linear in the length, and without a call for an ASCII word. */
static inline int fx_one_edit_apart_utf8(const char *a, size_t an, const char *b, size_t bn)
{
    size_t shorter = an < bn ? an : bn, p = 0, q = 0;
    while (p < shorter && a[p] == b[p]) p++;
    /* back to the start of the character they differ in: both read a
     * continuation byte there (one lead byte, one length), or neither */
    while (p > 0 && p < shorter && ((unsigned char)a[p] & 0xC0) == 0x80) p--;
    while (q < shorter - p && a[an - 1 - q] == b[bn - 1 - q]) q++;
    while (q > 0 && ((unsigned char)a[an - q] & 0xC0) == 0x80) q--;   /* from a character's start */
    size_t am = an - p - q, bm = bn - p - q;    /* the bytes that differ */
    size_t ac = am ? fx_one_edit_char_length((unsigned char)a[p]) : 0;
    size_t bc = bm ? fx_one_edit_char_length((unsigned char)b[p]) : 0;
    if (am == ac && bm == bc) return am + bm > 0;   /* a letter for a letter, or one more or less */
    return am == bm && am == ac + bc &&             /* two letters, swapped */
           memcmp(a + p + ac, b + p, bc) == 0 && memcmp(b + p + bc, a + p, ac) == 0;
}

#endif
