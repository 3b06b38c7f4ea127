/* one_edit.h - are two words one typing slip apart? Shared by the city
 * resolver (a misspelt city, resolve_city.c) and the gazetteer tool (the
 * English words that are one slip from a city's name, tools/gazetteer.c),
 * which compare the same way: on UTF-8 bytes. */
#ifndef FX_ONE_EDIT_H
#define FX_ONE_EDIT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* The bytes of the UTF-8 character led by the byte lead. */
static inline size_t fx_one_edit_char_length(unsigned char lead)
{
    return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
}

/* Are the well-formed UTF-8 strings a[0..an) and b[0..bn) (a document's
 * normalised text, a table's key) different by exactly one substitution,
 * insertion, deletion or transposition of neighbouring characters
 * ("Gothenburg": "Gothenbrug", "Gothenbug", "Gothenbuurg", "Gotgenburg")?
 * Equal strings are not. Read on their bytes, not decoded: their common
 * prefix and suffix, each ending at a character's edge, leave the
 * characters that differ, which one slip makes one for one, one for none,
 * or two for the same two swapped. Linear in the length, and without a
 * call for an ASCII word. */
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
