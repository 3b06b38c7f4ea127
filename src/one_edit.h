/* one_edit.h - are two words one typing slip apart? Shared by the city
 * resolver (a misspelt city, resolve_city.c) and the gazetteer tool (the
 * English words that are one slip from a city's name, tools/gazetteer.c). */
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

#endif
