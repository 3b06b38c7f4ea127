/* invariants.h - what every factx output must satisfy, checked in one
 * place for the corpus test (check_invariants.c) and the fuzz targets:
 * a JSON object with facts and warnings arrays, and for every fact
 * text == input[start:end], code-point offsets that agree with the byte
 * offsets, facts sorted and not overlapping. */
#ifndef FX_TEST_INVARIANTS_H
#define FX_TEST_INVARIANTS_H

#include <stddef.h>

/* 0 when json[0..json_len) holds for the document src[0..src_len);
 * otherwise -1, with the first broken invariant described in why. */
int fx_invariants_check(const char *json, size_t json_len, const char *src, size_t src_len,
                        char *why, size_t why_size);

#endif
